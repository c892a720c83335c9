// SPDX-License-Identifier: MIT
#pragma once
#include <string>

#include "core/currency_context.hpp"
#include "core/report.hpp"

namespace csm {

/// Fills every subscription-fed section of `report` (months' revenue, movements and
/// retention; cohorts; survival; segments when `segment_by` is set) in one walk over
/// the customers. `report.months` already holds one entry per month of [from, to].
void AddSubscriptionSections(const Dataset& ds, const CurrencyContext& fx, Month from, Month to,
                             const std::string& segment_by, Report& report);

}  // namespace csm
