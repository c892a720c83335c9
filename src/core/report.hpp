// SPDX-License-Identifier: MIT
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/dates.hpp"

namespace csm {

/// Caller settings of a report (REPORT.md "META"); each is a CLI flag and a JS option.
struct ReportOptions {
  std::optional<Month> from, to;
  std::string currency;                 ///< reporting currency; empty: inferred
  std::optional<double> gross_margin;   ///< 0..1; never assumed
  std::optional<int> csat_threshold;    ///< default from the responses' scale
  int clv_churn_window = 6;
  std::string segment_by;
};

/// Values are exact: money in minor units of the reporting currency.
struct RevenueMonth {
  int64_t mrr = 0, arr = 0, contracted_arr = 0;
  int64_t paying_customers = 0;
  std::optional<int64_t> arpu;  ///< rounded half to even; none when nobody pays
  int64_t non_recurring_revenue = 0, mrr_incl_non_recurring = 0;
  int64_t mrr_prev = 0, paying_customers_prev = 0;
};

struct MonthReport {
  Month month = 0;
  /// Sections follow REPORT.md: empty optional means null (its table is missing).
  std::optional<RevenueMonth> revenue;
};

struct ReportSettings {
  std::optional<double> gross_margin;
  int csat_scale = 5, csat_threshold = 4, ces_scale = 7, clv_churn_window = 6;
  std::string segment_by;
};

struct ReportMeta {
  std::string engine_version;
  std::optional<Month> from, to;        ///< none when no table has a dated row
  std::string currency;                 ///< empty: null
  int minor_unit_exponent = 2;
  ReportSettings settings;
  std::vector<std::string> tables;      ///< sources loaded, sorted
  std::vector<std::string> rejected;    ///< lenient-mode messages, in load order
};

struct Report {
  ReportMeta meta;
  std::vector<MonthReport> months;
};

inline constexpr const char* kEngineVersion = "0.1.0";
inline constexpr double kZ95 = 1.959963984540054;

}  // namespace csm
