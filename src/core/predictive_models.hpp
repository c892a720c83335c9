// SPDX-License-Identifier: MIT
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/bgnbd_model.hpp"
#include "core/dates.hpp"
#include "core/gamma_gamma_model.hpp"
#include "core/rfm_summary.hpp"
#include "core/sbg_model.hpp"
#include "core/tables.hpp"

namespace csm {

// The report's `models` section: the published predictive models fitted to the engine's
// own tables. Subscriptions give the sBG (first lifetimes of the monthly cohorts);
// transactions give the BG/NBD and Gamma-Gamma (purchases up to the window's end).

/// How the models turn fits into money: settings of the report (ReportOptions).
struct ModelSettings {
  double annual_discount_rate = 0.10;
  int horizon_months = 36;               ///< projections, expectations and CLV horizons
  std::optional<double> gross_margin;    ///< never assumed: no margin, no CLV
  int exponent = 2;                      ///< minor-unit digits of the reporting currency
  /// The active list has one entry per customer (listed in SbgSection::subscribers, for
  /// drill-down); otherwise one per distinct (run, MRR), `customer` being their count.
  bool keep_subscribers = false;
};

/// (1 + annual)^(1/12) - 1: the monthly rate that compounds to the annual one.
double MonthlyDiscountRate(double annual);

/// A 30.4375-day month (365.25 / 12) in weeks, the BG/NBD time unit of the report.
inline constexpr double kWeeksPerMonth = 365.25 / 12.0 / 7.0;

/// A customer paying at the window's end: `run` consecutive paying months up to it.
struct ActiveSubscriber {
  uint32_t customer = 0;
  int32_t run = 0;
  int64_t mrr = 0;  ///< c(to), minor units
};

/// One subscriber's residual value under the fitted sBG, for drill-down.
struct SubscriberValue {
  ActiveSubscriber subscriber;
  double derl = 0;             ///< DERL at decision `run` (run - 1 renewals made)
  std::optional<int64_t> clv;  ///< margin x c(to) x DERL, minor units; needs a margin
};

struct SbgSection {
  std::string error;  ///< non-empty: the data cannot identify the model (the reason)
  int64_t cohorts = 0, customers = 0;
  SbgFit fit;
  double monthly_discount_rate = 0;
  /// Observed first-lifetime survival by month of tenure, the cohorts pooled: the product of
  /// (customers of the cohorts seen at t still there) / (the same cohorts' customers at t-1).
  std::vector<double> observed_survival;
  std::vector<double> survival;   ///< S(0..horizon)
  std::vector<double> retention;  ///< r(1..horizon)
  double del = 0;                 ///< discounted expected lifetime of a new customer, months
  std::vector<double> derl;       ///< derl[k]: DERL of a customer with k renewals made
  std::optional<int64_t> arpu;    ///< at the window's end, minor units
  std::optional<int64_t> clv_new_customer;  ///< margin x ARPU x DEL
  int64_t active_customers = 0, active_mrr = 0;
  /// Sum of the subscribers' CLV: what the base is worth under the fitted retention.
  std::optional<int64_t> active_base_value;
  std::vector<SubscriberValue> subscribers;  ///< walk order; only with keep_subscribers
};

/// One customer of the purchase models, for drill-down.
struct PurchaserValue {
  uint32_t customer = 0;
  CustomerRfm rfm;
  double p_alive = 1, expected_purchases = 0;
  std::optional<double> expected_spend;  ///< Gamma-Gamma E[Z | x, zbar], major units
  std::optional<int64_t> clv;             ///< minor units; needs a margin and both fits
};

struct PurchaseModelsSection {
  Day calibration_end = 0;
  int64_t customers = 0, repeat_buyers = 0;
  std::string bgnbd_error, gamma_gamma_error;
  BgnbdFit bgnbd;
  GammaGammaFit gamma_gamma;
  double expected_purchases_new_customer = 0;  ///< E[X(horizon)] of a just-acquired customer
  double expected_purchases = 0;               ///< sum of E[Y(horizon) | x, t_x, T]
  double expected_alive = 0;                   ///< sum of P(alive)
  std::optional<int64_t> mean_spend;           ///< population mean spend p gamma / (q - 1)
  std::optional<int64_t> clv_total;            ///< sum of the customers' CLV (each rounded)
  std::vector<PurchaserValue> purchasers;      ///< by customer index
};

/// The sBG fit on the cohorts' first lifetimes (SubscriptionAccumulator) and the value of
/// the customers paying at the window's end.
SbgSection SbgSectionOf(const std::vector<SurvivorCounts>& cohorts, const std::vector<ActiveSubscriber>& active,
                        std::optional<int64_t> arpu, const ModelSettings& settings);

/// The BG/NBD and Gamma-Gamma fits on the transactions up to `calibration_end`, times in
/// weeks, and every customer's expectations over the horizon.
PurchaseModelsSection PurchaseModelsOf(const TransactionsTable& t, Day calibration_end,
                                       const ModelSettings& settings);

}  // namespace csm
