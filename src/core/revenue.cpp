// SPDX-License-Identifier: MIT
#include "core/revenue.hpp"

#include <algorithm>

#include "core/customer_mrr.hpp"
#include "core/money.hpp"

namespace csm {
namespace {

// One-time rows are rounded row by row (METRICS.md), converted at their month's rate.
void AddNonRecurring(const SubscriptionsTable& t, const CurrencyContext& fx, Month from, Month to,
                     std::vector<RevenueMonth>& months) {
  const Wide scale = Pow10(fx.exponent());
  for (uint32_t r = 0; r < t.size(); ++r) {
    if (t.interval[r] != Interval::kOneTime) continue;
    Month m = MonthOfDay(t.start[r]);
    if (m < from || m > to) continue;
    Wide value = MulChecked(MulChecked(t.amount[r], t.quantity[r]), scale);
    Wide den = kMicro;
    if (!fx.IsReporting(t.currency[r])) {
      value = MulChecked(value, fx.Rate(t.currency[r], m));
      den = MulChecked(den, 1'000'000'000'000);
    }
    months[m - from].non_recurring_revenue += Narrow(RoundHalfEven(value, den));
  }
}

}  // namespace

std::optional<int64_t> UnitMoney(int64_t total, int64_t count) {
  if (count == 0) return std::nullopt;
  return Narrow(RoundHalfEven(total, count));
}

std::vector<RevenueMonth> ComputeRevenue(const SubscriptionsTable& t, const CurrencyContext& fx,
                                         Month from, Month to) {
  const Month base = from - 1;  // slot 0 holds m-1 of the first month
  std::vector<int64_t> mrr(to - base + 1, 0), paying(to - base + 1, 0), contracted(to - base + 1, 0);
  CustomerMrrWalk walk(t, fx, to);
  walk.ForEach([&](const CustomerMonths& c) {
    for (Month m = std::max(c.first, base); m <= to; ++m) {
      int64_t v = c.mrr[m - c.first];
      mrr[m - base] += v;
      paying[m - base] += v > 0;
      contracted[m - base] += c.contracted[m - c.first];
    }
  });
  std::vector<RevenueMonth> months(to - from + 1);
  for (Month m = from; m <= to; ++m) {
    RevenueMonth& r = months[m - from];
    r.mrr = mrr[m - base];
    r.arr = 12 * r.mrr;
    r.contracted_arr = 12 * contracted[m - base];
    r.paying_customers = paying[m - base];
    r.arpu = UnitMoney(r.mrr, r.paying_customers);
    r.mrr_prev = mrr[m - 1 - base];
    r.paying_customers_prev = paying[m - 1 - base];
  }
  AddNonRecurring(t, fx, from, to, months);
  for (RevenueMonth& r : months) r.mrr_incl_non_recurring = r.mrr + r.non_recurring_revenue;
  return months;
}

}  // namespace csm
