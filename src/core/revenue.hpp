// SPDX-License-Identifier: MIT
#pragma once
#include <cstdint>
#include <functional>
#include <optional>

#include "core/currency_context.hpp"
#include "core/tables.hpp"

namespace csm {

/// Money divided by a count (ARPU, CAC, ...): exact, rounded half to even; none when the
/// count is 0.
std::optional<int64_t> UnitMoney(int64_t total, int64_t count);

/// Every one_time row starting in [from, to] with its month and its amount, rounded row
/// by row to the reporting currency's minor unit (METRICS.md), converted at its month's rate.
void ForEachNonRecurring(const SubscriptionsTable& t, const CurrencyContext& fx, Month from, Month to,
                         const std::function<void(uint32_t row, Month m, int64_t amount)>& visit);

}  // namespace csm
