// SPDX-License-Identifier: MIT
#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/dates.hpp"
#include "core/kaplan_meier.hpp"
#include "core/predictive_models.hpp"

namespace csm {

/// Caller settings of a report (REPORT.md "META"); each is a CLI flag and a JS option.
struct ReportOptions {
  std::optional<Month> from, to;
  std::string currency;                 ///< reporting currency; empty: inferred
  std::optional<double> gross_margin;   ///< 0..1; never assumed
  std::optional<int> csat_threshold;    ///< default from the responses' scale
  int clv_churn_window = 6;
  std::string segment_by;
  bool feedback_weight_mrr = false;     ///< weigh comments by their customer's MRR
  double discount_rate = 0.10;          ///< annual, for the models' CLV and DERL
  int model_horizon = 36;               ///< months the models project
  bool model_subscribers = false;       ///< keep each subscriber's sBG value (drill-down)
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

struct NpsStats {
  int64_t answers = 0, promoters = 0, passives = 0, detractors = 0;
  std::optional<double> nps, se, lower, upper;
};

struct NpsSection {
  NpsStats every_answer, per_customer;
};

struct CsatTouchpoint {
  std::string touchpoint;
  int64_t answers = 0, positive = 0;
  std::optional<double> csat;
};

struct CsatStats {
  int64_t answers = 0, positive = 0;
  std::optional<double> csat;
  std::vector<int64_t> distribution;        ///< index 0 is score 1
  std::vector<CsatTouchpoint> by_touchpoint;  ///< sorted by touchpoint
};

struct CesStats {
  int64_t answers = 0;
  std::optional<double> mean;
  std::vector<int64_t> distribution;  ///< index 0 is score 1
};

struct FcrStats {
  int64_t tickets = 0, first_contact_resolved = 0, open = 0;
  std::optional<double> fcr;
};

struct CostsMonth {
  int64_t acquisition = 0, retention = 0, other = 0;
  std::vector<std::pair<std::string, int64_t>> by_category;  ///< sorted by category
};

struct PurchasesMonth {
  int64_t transactions = 0, purchasers = 0, revenue = 0;
  std::optional<int64_t> average_purchase_value;
  std::optional<double> purchase_frequency;
};

/// The three CLV forms of METRICS.md, each null when an input is.
template <class T>
struct ClvForms {
  std::optional<T> gross_margin_form, arpu_over_churn, purchase_form;
};

struct UnitEconomicsMonth {
  std::optional<CostsMonth> costs;
  std::optional<int64_t> new_customers, cac, crc;
  std::optional<int64_t> churn_window_months, churn_window_churned, churn_window_base;
  std::optional<double> monthly_churn_rate, lifetime_months, gross_margin;
  std::optional<PurchasesMonth> purchases;
  ClvForms<int64_t> clv;
  ClvForms<double> clv_to_cac;
  ClvForms<int64_t> profit_per_customer;
  std::optional<double> cac_payback_months;
};

/// Revenue behind unhappy answers: customers whose latest NPS answer up to the end of the
/// month is a detractor's or a passive's, and their c(m).
struct RevenueAtRisk {
  int64_t detractors = 0, detractors_mrr = 0, passives = 0, passives_mrr = 0;
};

/// Customers by the class of their latest NPS answer up to the month's end (promoter,
/// passive, detractor, or none), with their revenue, churn and CLV.
struct NpsClassMonth {
  int64_t customers = 0, mrr = 0;
  std::optional<int64_t> arpu;
  int64_t window_churned = 0, window_base = 0;
  std::optional<double> monthly_churn_rate, lifetime_months;
  std::optional<int64_t> clv_gross_margin_form, clv_arpu_over_churn;
};

struct MonthReport {
  Month month = 0;
  /// Sections follow REPORT.md: empty optional means null (its table is missing).
  std::optional<RevenueMonth> revenue;
  std::optional<MovementsMonth> movements;
  std::optional<RetentionMonth> retention;
  std::optional<NpsSection> nps;
  std::optional<CsatStats> csat;
  std::optional<CesStats> ces;
  std::optional<FcrStats> fcr;
  std::optional<UnitEconomicsMonth> unit_economics;
  std::optional<RevenueAtRisk> revenue_at_risk;
  std::optional<std::array<NpsClassMonth, 4>> nps_classes;  ///< promoter, passive, detractor, none
};

struct OverallVoice {
  NpsSection nps;
  CsatStats csat;
  CesStats ces;
};

struct FeedbackTerm {
  std::string term;
  int64_t count = 0;            ///< comments of the group containing it
  double weight = 0, score = 0;  ///< summed comment weights; z-score of the weighted log-odds
  std::vector<uint32_t> ids;    ///< comment ids (response row numbers), at most max_ids
};

struct FeedbackGroup {
  std::string family, name;  ///< e.g. "nps", "detractor"
  int64_t comments = 0;
  std::vector<FeedbackTerm> terms;
};

struct FeedbackReport {
  bool weighted = false;
  std::vector<FeedbackGroup> groups;
  std::vector<std::pair<uint32_t, std::string>> comments;  ///< texts of the ids listed, by id
};

struct OnboardingMonth {
  Month month = 0;
  int64_t started = 0, completed = 0;
  std::optional<double> completion_rate, median_days;
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
  double discount_rate = 0.10;
  int model_horizon = 36;
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
  std::optional<OverallVoice> overall;          ///< null without responses
  std::optional<std::vector<OnboardingMonth>> onboarding;  ///< null without onboarding
  std::optional<FeedbackReport> feedback;       ///< null without responses
  std::optional<std::vector<Cohort>> cohorts;   ///< null without subscriptions
  std::optional<SurvivalCurve> survival;        ///< null without subscriptions
  std::optional<std::vector<SegmentReport>> segments;  ///< only with segment_by
  /// REPORT.md "models": null without the table a model needs.
  std::optional<SbgSection> sbg;                   ///< needs subscriptions
  std::optional<PurchaseModelsSection> purchases;  ///< bg_nbd and gamma_gamma; needs transactions
};

inline constexpr const char* kEngineVersion = "0.1.0";
inline constexpr double kZ95 = 1.959963984540054;

}  // namespace csm
