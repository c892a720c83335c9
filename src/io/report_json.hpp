// SPDX-License-Identifier: MIT
#pragma once
#include <string>

#include "core/errors.hpp"
#include "core/load_options.hpp"
#include "core/report.hpp"
#include "core/table_loader.hpp"

namespace csm {

/// The report as REPORT.md's JSON; byte-identical from the native CLI and the wasm one.
std::string ReportToJson(const Report& report, int indent = -1);
std::string LoadSummaryToJson(const LoadSummary& summary);
std::string ErrorToJson(ErrorCode code, const std::string& message, const std::string& table,
                        int64_t line, const std::string& column);

/// Options as the JS API passes them (camelCase keys); unknown keys are an error so a
/// typo never silently does nothing. Throws CsmError(invalid_option).
LoadOptions LoadOptionsFromJson(const std::string& json);
ReportOptions ReportOptionsFromJson(const std::string& json);

/// "0.8" or "80%": the gross margin as a fraction in (0, 1].
double ParseGrossMargin(const std::string& text);

}  // namespace csm
