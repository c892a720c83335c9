// SPDX-License-Identifier: MIT
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "core/dates.hpp"

namespace csm {

// `csmetrics sbg` and `csmetrics bgnbd` (native CLI, wasm CLI and the JS API's engine.sbg
// and engine.bgnbd share these, so their output is byte-identical). Errors are CsmError.

struct SbgCommandOptions {
  std::optional<int> fit_periods;  ///< fit on periods 0..N only; default: every period
  double discount = 0.10;          ///< per period, for DERL
  int horizon = 0;                 ///< project to this period at least; default: the table's
};

/// `period,<column>...` survivors in, per column: the fit, the observed and projected
/// survival and retention per period, and DERL for 0..horizon renewals.
std::string SbgCommandJson(std::string_view csv, const std::string& source, const SbgCommandOptions& options,
                           int indent);

struct BgnbdCommandOptions {
  std::optional<Day> calibration_end;  ///< default: the last purchase
  std::optional<Day> holdout_end;      ///< needs calibration_end
  std::optional<double> horizon_weeks; ///< expected purchases ahead; default: holdout or 52
  int clv_months = 12;
  double discount = 0.10;              ///< annual
  std::optional<double> margin;        ///< never assumed: no margin, no CLV
};

/// A transactions table (DATA.md), CDNOW's purchase files or an RFM summary in; the
/// BG/NBD and Gamma-Gamma fits and every customer's expectations out.
std::string BgnbdCommandJson(std::string_view text, const std::string& source, const BgnbdCommandOptions& options,
                             int indent);

/// Throws CsmError(invalid_option) for a discount below 0.001 (the discounted series then
/// converge too slowly to sum) or above 10.
void CheckModelDiscount(double discount);

/// The JS API's camelCase options ({fitPeriods, discount, horizon} and {calibrationEnd,
/// holdoutEnd, horizonWeeks, clvMonths, discount, margin}). Throws CsmError(invalid_option).
SbgCommandOptions SbgOptionsFromJson(const std::string& json);
BgnbdCommandOptions BgnbdOptionsFromJson(const std::string& json);

}  // namespace csm
