// SPDX-License-Identifier: MIT
#pragma once
#include <optional>

#include "core/report.hpp"
#include "core/tables.hpp"

namespace csm {

struct ReportWindow {
  std::optional<Month> from, to;  ///< both set, or neither (no dated rows at all)
};

/// METRICS.md: from the first month with any dated row to the month of the latest date,
/// unless the caller gives from and/or to. Exchange rates do not move the window: a rate
/// sheet often runs ahead of the business.
ReportWindow ResolveWindow(const Dataset& ds, const ReportOptions& options);

}  // namespace csm
