// SPDX-License-Identifier: MIT
#include "core/currency_context.hpp"

#include <algorithm>

#include "core/errors.hpp"
#include "core/money.hpp"
#include "core/text.hpp"

namespace csm {
namespace {

std::vector<bool> CurrenciesInUse(const Dataset& ds) {
  std::vector<bool> used(ds.currencies.size(), false);
  if (ds.subscriptions)
    for (uint16_t c : ds.subscriptions->currency) used[c] = true;
  return used;
}

// Alphabetical, so a message does not depend on row order.
std::string ListCodes(const Dataset& ds, const std::vector<bool>& used) {
  std::vector<std::string> codes;
  for (size_t i = 0; i < used.size(); ++i)
    if (used[i]) codes.emplace_back(ds.currencies.Get(uint32_t(i)));
  std::sort(codes.begin(), codes.end());
  std::string out;
  for (const std::string& c : codes) out += (out.empty() ? "" : ", ") + c;
  return out;
}

}  // namespace

CurrencyContext::CurrencyContext(const Dataset& ds, const std::string& requested) : ds_(ds) {
  std::vector<bool> used = CurrenciesInUse(ds);
  const size_t distinct = std::count(used.begin(), used.end(), true);
  if (!requested.empty()) {
    if (!IsCurrencyCode(requested))
      throw CsmError(ErrorCode::kInvalidOption,
                     "currency \"" + requested + "\" is not an ISO 4217 code");
    std::string upper = requested;
    for (char& c : upper) c = static_cast<char>(c & ~0x20);
    reporting_ = ds.currencies.Find(upper);  // kNoId: no row is in it, every row converts
    code_ = upper;
  } else if (distinct == 1) {
    reporting_ = static_cast<uint32_t>(std::find(used.begin(), used.end(), true) - used.begin());
  } else if (distinct > 1) {
    std::vector<bool> unrated = used;
    if (ds.exchange_rates)
      for (uint16_t c : ds.exchange_rates->currency) unrated[c] = false;
    if (ds.exchange_rates && std::count(unrated.begin(), unrated.end(), true) == 1) {
      reporting_ = static_cast<uint32_t>(std::find(unrated.begin(), unrated.end(), true) - unrated.begin());
    } else {
      throw CsmError(ErrorCode::kMixedCurrency,
                     "subscriptions use several currencies (" + ListCodes(ds, used) +
                         "): give the reporting currency and an exchange_rates table",
                     "subscriptions", 0, "currency");
    }
  }
  if (code_.empty() && reporting_ != kNoId) code_ = ds.currencies.Get(reporting_);
  if (has_currency()) exponent_ = MinorUnitExponent(code_);
  if (!ds.exchange_rates || ds.exchange_rates->size() == 0) return;
  const auto& t = *ds.exchange_rates;
  auto [lo, hi] = std::minmax_element(t.month.begin(), t.month.end());
  rates_first_ = *lo;
  rates_months_ = *hi - *lo + 1;
  rates_.assign(ds.currencies.size() + 1, {});
  for (size_t i = 0; i < t.size(); ++i) {
    auto& series = rates_[t.currency[i]];
    if (series.empty()) series.assign(rates_months_, 0);
    series[t.month[i] - rates_first_] = t.rate[i];
  }
}

int64_t CurrencyContext::Rate(uint32_t currency, Month m) const {
  static constexpr int64_t kOne = 1'000'000'000'000;  // 1.0 at 12 digits
  if (currency == reporting_ && reporting_ != kNoId) return kOne;
  int idx = m - rates_first_;
  if (currency < rates_.size() && !rates_[currency].empty() && idx >= 0 && idx < rates_months_ &&
      rates_[currency][idx] > 0)
    return rates_[currency][idx];
  bool any = ds_.exchange_rates.has_value();
  throw CsmError(ErrorCode::kMissingExchangeRate,
                 std::string(any ? "exchange_rates has no rate" : "no exchange_rates table gives a rate") +
                     " for " + std::string(ds_.currencies.Get(currency)) + " in " + FormatMonth(m) +
                     " (needed to report in " + code_ + ")",
                 "exchange_rates", 0, "rate_to_reporting");
}

}  // namespace csm
