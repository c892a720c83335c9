// SPDX-License-Identifier: MIT
#pragma once
#include <string>

#include "core/drill_down.hpp"
#include "core/errors.hpp"
#include "core/load_options.hpp"
#include "core/report.hpp"
#include "core/table_loader.hpp"

namespace csm {

/// The report as REPORT.md's JSON; byte-identical from the native CLI and the wasm one.
std::string ReportToJson(const Report& report, int indent = -1);
std::string LoadSummaryToJson(const LoadSummary& summary);
/// The canonical columns of a table: [{"name": ..., "required": ...}], for mapping UIs.
std::string TableColumnsToJson(TableKind kind);
std::string ErrorToJson(ErrorCode code, const std::string& message, const std::string& table,
                        int64_t line, const std::string& column);

/// Options as the JS API passes them (camelCase keys); unknown keys are an error so a
/// typo never silently does nothing. Throws CsmError(invalid_option).
LoadOptions LoadOptionsFromJson(const std::string& json);
ReportOptions ReportOptionsFromJson(const std::string& json);

/// Drill-down: report options plus month, movement and segment in one object.
struct DrillDownRequest {
  ReportOptions report;
  DrillDownQuery query;
};
DrillDownRequest DrillDownRequestFromJson(const std::string& json);
std::string DrillDownToJson(const DrillDown& drill, int indent = -1);

/// "0.8" or "80%": the gross margin as a fraction in (0, 1].
double ParseGrossMargin(const std::string& text);

}  // namespace csm
