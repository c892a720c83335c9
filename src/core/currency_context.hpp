// SPDX-License-Identifier: MIT
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "core/tables.hpp"

namespace csm {

/// The reporting currency and the rates into it (METRICS.md, "Time and exactness").
class CurrencyContext {
 public:
  /// Picks the reporting currency: the caller's, else the only one the money tables use,
  /// else the only one the exchange_rates table has no rate for. Throws mixed_currency
  /// when none of those settles it.
  CurrencyContext(const Dataset& ds, const std::string& requested);

  bool has_currency() const { return !code_.empty(); }
  const std::string& code() const { return code_; }
  int exponent() const { return exponent_; }
  uint32_t reporting() const { return reporting_; }
  /// Rate of `currency` into the reporting currency in month m, in 1e-12 units; the
  /// reporting currency is exactly 1. Throws missing_exchange_rate naming both.
  int64_t Rate(uint32_t currency, Month m) const;
  bool IsReporting(uint32_t currency) const { return reporting_ != kNoId && currency == reporting_; }

 private:
  const Dataset& ds_;
  uint32_t reporting_ = kNoId;  // id in Dataset::currencies; kNoId when no row uses it
  std::string code_;
  int exponent_ = 2;
  Month rates_first_ = 0;
  int rates_months_ = 0;
  std::vector<std::vector<int64_t>> rates_;  // [currency][month - rates_first_], 0 = none
};

}  // namespace csm
