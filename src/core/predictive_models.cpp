// SPDX-License-Identifier: MIT
#include "core/predictive_models.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "core/money.hpp"
#include "core/special_functions.hpp"

namespace csm {
namespace {

// Model outputs are estimates, so rounding them to the minor unit (half away from zero,
// the same on every IEEE platform) is the only exactness they need.
int64_t ToMinor(double major, int exponent) { return int64_t(std::nearbyint(major * double(Pow10(exponent)))); }

double MajorOf(int64_t minor, int exponent) { return double(minor) / double(Pow10(exponent)); }

void ProjectSbg(SbgSection& s, const ModelSettings& settings) {
  const SbgParams& p = s.fit.params;
  s.survival = SbgSurvivalCurve(p, settings.horizon_months);
  s.retention = SbgRetentionCurve(p, settings.horizon_months);
  s.del = SbgDiscountedExpectedLifetime(p, s.monthly_discount_rate);
  // k renewals made: the customer is about to make renewal decision k + 1.
  for (int k = 0; k <= settings.horizon_months; ++k)
    s.derl.push_back(SbgDiscountedExpectedResidualLifetime(p, s.monthly_discount_rate, k + 1));
}

void ValueSbg(SbgSection& s, const std::vector<ActiveSubscriber>& active, const ModelSettings& settings) {
  // By run length: one series per distinct run, not per customer. Run r is about to make
  // renewal max(1, r), whose series ProjectSbg has summed already while r <= the horizon.
  std::vector<double> derl;
  int64_t base = 0;
  for (const ActiveSubscriber& a : active) {
    while (derl.size() <= size_t(a.run)) {
      const size_t renewal = std::max<size_t>(1, derl.size());
      derl.push_back(renewal <= s.derl.size()
                         ? s.derl[renewal - 1]
                         : SbgDiscountedExpectedResidualLifetime(s.fit.params, s.monthly_discount_rate, int(renewal)));
    }
    const int64_t customers = settings.keep_subscribers ? 1 : int64_t(a.customer);
    SubscriberValue v{a, derl[size_t(a.run)], std::nullopt};
    if (settings.gross_margin) {
      v.clv = ToMinor(MajorOf(a.mrr, settings.exponent) * *settings.gross_margin * v.derl, settings.exponent);
      base += *v.clv * customers;
    }
    s.active_customers += customers;
    s.active_mrr += a.mrr * customers;
    if (settings.keep_subscribers) s.subscribers.push_back(v);
  }
  if (!settings.gross_margin) return;
  s.active_base_value = base;
  if (s.arpu) s.clv_new_customer = ToMinor(MajorOf(*s.arpu, settings.exponent) * *settings.gross_margin * s.del,
                                           settings.exponent);
}

std::vector<Purchase> PurchasesOf(const TransactionsTable& t, Day calibration_end) {
  std::vector<Purchase> out;
  out.reserve(t.size());
  for (size_t r = 0; r < t.size(); ++r)
    if (t.date[r] <= calibration_end) out.push_back({t.customer[r], t.date[r], double(t.amount[r]) / double(kMicro)});
  return out;
}

void ExpectPurchases(PurchaseModelsSection& s, const ModelSettings& settings) {
  const BgnbdParams& p = s.bgnbd.params;
  const double horizon = settings.horizon_months * kWeeksPerMonth;
  s.expected_purchases_new_customer = BgnbdExpectedPurchases(p, horizon);
  for (PurchaserValue& v : s.purchasers) {
    v.p_alive = BgnbdProbabilityAlive(p, v.rfm.x, v.rfm.t_x, v.rfm.T);
    v.expected_purchases = BgnbdConditionalExpectedPurchases(p, v.rfm.x, v.rfm.t_x, v.rfm.T, horizon);
    s.expected_alive += v.p_alive;
    s.expected_purchases += v.expected_purchases;
  }
}

void ValuePurchasers(PurchaseModelsSection& s, const ModelSettings& settings) {
  const GammaGammaParams& g = s.gamma_gamma.params;
  if (g.q > 1) s.mean_spend = ToMinor(g.p * g.gamma / (g.q - 1), settings.exponent);
  ClvOptions clv;
  clv.period_length = kWeeksPerMonth;
  clv.periods = settings.horizon_months;
  clv.discount_rate = MonthlyDiscountRate(settings.annual_discount_rate);
  clv.margin = settings.gross_margin.value_or(1.0);
  int64_t total = 0;
  for (PurchaserValue& v : s.purchasers) {
    if (v.rfm.x == 0 && g.q <= 1) continue;  // no population mean spend to fall back on
    v.expected_spend = GammaGammaConditionalExpectedSpend(g, v.rfm.x, v.rfm.zbar);
    if (!settings.gross_margin || !s.bgnbd_error.empty()) continue;
    v.clv = ToMinor(CustomerLifetimeValue(s.bgnbd.params, g, v.rfm, clv), settings.exponent);
    total += *v.clv;
  }
  if (settings.gross_margin && s.bgnbd_error.empty()) s.clv_total = total;
}

std::vector<double> PooledSurvival(const std::vector<SurvivorCounts>& cohorts) {
  std::vector<double> out{1.0};
  for (size_t t = 1;; ++t) {
    double before = 0, now = 0;
    for (const SurvivorCounts& c : cohorts)
      if (c.size() > t) before += c[t - 1], now += c[t];
    if (before == 0) return out;
    out.push_back(out.back() * now / before);
  }
}

}  // namespace

double MonthlyDiscountRate(double annual) { return PortablePow(1.0 + annual, 1.0 / 12.0) - 1.0; }

SbgSection SbgSectionOf(const std::vector<SurvivorCounts>& cohorts, const std::vector<ActiveSubscriber>& active,
                        std::optional<int64_t> arpu, const ModelSettings& settings) {
  SbgSection s;
  s.cohorts = int64_t(cohorts.size());
  for (const SurvivorCounts& c : cohorts) s.customers += int64_t(c.front());
  s.monthly_discount_rate = MonthlyDiscountRate(settings.annual_discount_rate);
  s.arpu = arpu;
  s.observed_survival = PooledSurvival(cohorts);
  try {
    s.fit = FitSbg(cohorts);
    ProjectSbg(s, settings);
    ValueSbg(s, active, settings);
  } catch (const std::exception& e) {  // unidentifiable, or a series the parameters cannot reach
    SbgSection failed;
    failed.cohorts = s.cohorts, failed.customers = s.customers;
    failed.observed_survival = std::move(s.observed_survival);
    failed.error = e.what();
    return failed;
  }
  return s;
}

PurchaseModelsSection PurchaseModelsOf(const TransactionsTable& t, Day calibration_end,
                                       const ModelSettings& settings) {
  PurchaseModelsSection s;
  s.calibration_end = calibration_end;
  RfmOptions options;
  options.calibration_end = calibration_end;
  options.holdout_end = calibration_end;
  options.unit = TimeUnit::kWeeks;
  const std::vector<Purchase> purchases = PurchasesOf(t, calibration_end);
  const RfmSummary summary = SummariseRfm(purchases, options);
  for (const CustomerRfm& c : summary.customers) {
    s.purchasers.push_back({c.customer, c, 1.0, 0.0, std::nullopt, std::nullopt});
    s.repeat_buyers += c.x > 0;
  }
  s.customers = int64_t(summary.customers.size());
  // A fit on very few customers can land on parameters whose series do not converge over
  // the horizon (runtime_error): that is a model the data cannot support, not a crash.
  try {
    s.bgnbd = FitBgnbd(summary.customers);
    ExpectPurchases(s, settings);
  } catch (const std::exception& e) {
    s.bgnbd_error = e.what();
  }
  try {
    s.gamma_gamma = FitGammaGamma(summary.customers);
    ValuePurchasers(s, settings);
  } catch (const std::exception& e) {
    s.gamma_gamma_error = e.what();
  }
  if (!s.bgnbd_error.empty() || !s.gamma_gamma_error.empty()) {
    for (PurchaserValue& v : s.purchasers) v.clv.reset();
    s.clv_total.reset();
  }
  return s;
}

}  // namespace csm
