// SPDX-License-Identifier: MIT
#pragma once
#include <vector>

#include "core/currency_context.hpp"
#include "core/report.hpp"
#include "core/tables.hpp"

namespace csm {

/// MRR, ARR, contracted ARR, paying customers, ARPU and non-recurring revenue for each
/// month of [from, to] (METRICS.md "Revenue"); index 0 is `from`.
std::vector<RevenueMonth> ComputeRevenue(const SubscriptionsTable& t, const CurrencyContext& fx,
                                         Month from, Month to);

/// ARPU: MRR / N computed exactly and rounded half to even; none when N is 0.
std::optional<int64_t> UnitMoney(int64_t total, int64_t count);

}  // namespace csm
