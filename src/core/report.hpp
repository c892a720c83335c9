// SPDX-License-Identifier: MIT
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/dates.hpp"
#include "core/kaplan_meier.hpp"

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

/// A movement line of the bridge: customers and their amount (positive).
struct Movement {
  int64_t customers = 0, amount = 0;
  void Add(int64_t value) { ++customers, amount += value; }
};

struct ChurnMovement : Movement {
  Movement voluntary, involuntary, unknown;
};

struct RatedMovement : Movement {
  std::optional<double> rate;  ///< customers / N(m-1) x 100
};

struct MovementsMonth {
  int64_t fx = 0;
  Movement new_customers, reactivation, expansion, contraction;
  ChurnMovement churn;
  int64_t net_change = 0;
  RatedMovement upsell, cross_sell;
};

struct RetentionMonth {
  std::optional<double> customer_churn_rate, customer_churn_rate_annualised;
  int64_t retained_customers = 0;
  std::optional<double> customer_retention_rate;
  std::optional<double> gross_revenue_churn, gross_revenue_churn_annualised, net_revenue_churn;
  std::optional<double> nrr, grr;
  int64_t trailing12_base_mrr = 0, trailing12_mrr_now = 0;
  std::optional<double> trailing12_nrr, quick_ratio;
};

struct MonthReport {
  Month month = 0;
  /// Sections follow REPORT.md: empty optional means null (its table is missing).
  std::optional<RevenueMonth> revenue;
  std::optional<MovementsMonth> movements;
  std::optional<RetentionMonth> retention;
};

struct CohortAge {
  int32_t age = 0;
  int64_t customers = 0;
  double logo_retention = 0;
  int64_t mrr = 0;
  std::optional<double> revenue_retention;
};

/// Customers whose first paying month is `month`, followed month by month.
struct Cohort {
  Month month = 0;
  int64_t size = 0, mrr = 0;
  std::vector<CohortAge> ages;
};

/// One value of the segmentBy attribute and every subscription metric over its customers.
struct SegmentReport {
  std::string value;
  std::vector<MonthReport> months;
  std::vector<Cohort> cohorts;
  SurvivalCurve survival;
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
  std::optional<std::vector<Cohort>> cohorts;   ///< null without subscriptions
  std::optional<SurvivalCurve> survival;        ///< null without subscriptions
  std::optional<std::vector<SegmentReport>> segments;  ///< only with segment_by
};

inline constexpr const char* kEngineVersion = "0.1.0";
inline constexpr double kZ95 = 1.959963984540054;

}  // namespace csm
