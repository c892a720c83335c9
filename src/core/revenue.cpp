// SPDX-License-Identifier: MIT
#include "core/revenue.hpp"

#include "core/exact.hpp"
#include "core/money.hpp"

namespace csm {

std::optional<int64_t> UnitMoney(int64_t total, int64_t count) {
  if (count == 0) return std::nullopt;
  return Narrow(RoundHalfEven(total, count));
}

void ForEachNonRecurring(const SubscriptionsTable& t, const CurrencyContext& fx, Month from, Month to,
                         const std::function<void(uint32_t row, Month m, int64_t amount)>& visit) {
  const Wide scale = Pow10(fx.exponent());
  for (uint32_t r = 0; r < t.size(); ++r) {
    if (t.interval[r] != Interval::kOneTime) continue;
    const Month m = MonthOfDay(t.start[r]);
    if (m < from || m > to) continue;
    Wide value = MulChecked(MulChecked(t.amount[r], t.quantity[r]), scale);
    Wide den = kMicro;
    if (!fx.IsReporting(t.currency[r])) {
      value = MulChecked(value, fx.Rate(t.currency[r], m));
      den = MulChecked(den, 1'000'000'000'000);
    }
    visit(r, m, Narrow(RoundHalfEven(value, den)));
  }
}

}  // namespace csm
