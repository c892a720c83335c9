// SPDX-License-Identifier: MIT
#pragma once
#include <functional>
#include <optional>
#include <vector>

#include "core/currency_context.hpp"
#include "core/report.hpp"
#include "core/subscription_metrics.hpp"

namespace csm {

/// Inputs of METRICS.md "Unit economics" for one month.
struct UnitInputs {
  std::optional<SubscriptionAccumulator::Base> base;  ///< none without subscriptions
  int window = 6;
  std::optional<double> gross_margin;
};

/// Cost rows of month m rounded row by row to minor units, by category; none when the month
/// has no cost row (its costs are unknown, not 0).
/// `keep_row` selects the rows of one segment (empty: all).
std::vector<std::optional<CostsMonth>> CostsByMonth(const Dataset& ds, const CostsTable& t, int exponent,
                                                    Month from, Month to,
                                                    const std::function<bool(uint32_t row)>& keep_row = {});

/// Transactions of each month; `keep` selects a segment's customers.
std::vector<PurchasesMonth> PurchasesByMonth(const TransactionsTable& t, int exponent, Month from, Month to,
                                             const std::function<bool(uint32_t)>& keep);

/// CAC, CRC, the pooled churn rate and lifetime, the three CLV forms, CLV:CAC, profit per
/// customer and CAC payback. Money is exact until rounded once, half to even.
UnitEconomicsMonth UnitEconomicsOf(const UnitInputs& in, const std::optional<CostsMonth>& costs,
                                   bool costs_loaded, const std::optional<PurchasesMonth>& purchases);

}  // namespace csm
