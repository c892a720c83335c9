// SPDX-License-Identifier: MIT
#pragma once
#include "core/currency_context.hpp"
#include "core/report.hpp"

namespace csm {

/// Fills every section of `report` that the loaded tables allow, for the totals and, with
/// `options.segment_by`, for every segment. `report.months` already holds one entry per
/// month of [from, to] and `report.meta.settings` the resolved settings.
void AddReportSections(const Dataset& ds, const CurrencyContext& fx, Month from, Month to,
                       const ReportOptions& options, Report& report);

}  // namespace csm
