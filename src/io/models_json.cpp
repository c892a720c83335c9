// SPDX-License-Identifier: MIT
#include "io/models_json.hpp"

#include "core/dates.hpp"

namespace csm {
namespace {

Json SbgJson(const SbgSection& s, double annual_rate, int e) {
  Json j = {{"period", "month"}, {"cohorts", s.cohorts}, {"customers", s.customers},
            {"observed_survival", s.observed_survival}};
  if (!s.error.empty()) {
    j["error"] = s.error;
    return j;
  }
  j.update(SbgFitJson(s.fit));
  j["discount_rate"] = annual_rate;
  j["monthly_discount_rate"] = s.monthly_discount_rate;
  j["survival"] = s.survival;
  j["retention"] = s.retention;
  j["del"] = s.del;
  j["derl"] = s.derl;
  j["arpu"] = OptionalMoney(s.arpu, e);
  j["clv_new_customer"] = OptionalMoney(s.clv_new_customer, e);
  j["active_base"] = {{"customers", s.active_customers},
                      {"mrr", Money(s.active_mrr, e)},
                      {"value", OptionalMoney(s.active_base_value, e)}};
  return j;
}

Json BgnbdJson(const PurchaseModelsSection& s, int horizon_months) {
  Json j = {{"time_unit", "week"},
            {"calibration_end", FormatDay(s.calibration_end)},
            {"customers", s.customers},
            {"repeat_buyers", s.repeat_buyers}};
  if (!s.bgnbd_error.empty()) {
    j["error"] = s.bgnbd_error;
    return j;
  }
  j.update(BgnbdFitJson(s.bgnbd));
  j["horizon_months"] = horizon_months;
  j["expected_purchases_new_customer"] = s.expected_purchases_new_customer;
  j["expected_purchases"] = s.expected_purchases;
  j["expected_alive"] = s.expected_alive;
  return j;
}

Json GammaGammaJson(const PurchaseModelsSection& s, double annual_rate, int horizon_months, int e) {
  Json j = {{"repeat_buyers", s.repeat_buyers}};
  if (!s.gamma_gamma_error.empty()) {
    j["error"] = s.gamma_gamma_error;
    return j;
  }
  j.update(GammaGammaFitJson(s.gamma_gamma));
  j["mean_spend"] = OptionalMoney(s.mean_spend, e);
  j["horizon_months"] = horizon_months;
  j["discount_rate"] = annual_rate;
  j["clv_total"] = OptionalMoney(s.clv_total, e);
  return j;
}

}  // namespace

Json SbgFitJson(const SbgFit& f) {
  return {{"alpha", f.params.alpha},       {"beta", f.params.beta},
          {"se_alpha", Estimate(f.se_alpha)}, {"se_beta", Estimate(f.se_beta)},
          {"log_likelihood", f.log_likelihood}, {"iterations", f.iterations}};
}

Json BgnbdFitJson(const BgnbdFit& f) {
  return {{"r", f.params.r},          {"alpha", f.params.alpha},     {"a", f.params.a},
          {"b", f.params.b},          {"se_r", Estimate(f.se_r)},    {"se_alpha", Estimate(f.se_alpha)},
          {"se_a", Estimate(f.se_a)}, {"se_b", Estimate(f.se_b)},    {"log_likelihood", f.log_likelihood},
          {"iterations", f.iterations}};
}

Json GammaGammaFitJson(const GammaGammaFit& f) {
  return {{"p", f.params.p},
          {"q", f.params.q},
          {"gamma", f.params.gamma},
          {"se_p", Estimate(f.se_p)},
          {"se_q", Estimate(f.se_q)},
          {"se_gamma", Estimate(f.se_gamma)},
          {"log_likelihood", f.log_likelihood},
          {"excluded_repeat_buyers", f.excluded_repeat_buyers},
          {"iterations", f.iterations}};
}

Json ModelsJson(const Report& r, int e) {
  const ReportSettings& s = r.meta.settings;
  Json j;
  j["sbg"] = r.sbg ? SbgJson(*r.sbg, s.discount_rate, e) : Json(nullptr);
  j["bg_nbd"] = r.purchases ? BgnbdJson(*r.purchases, s.model_horizon) : Json(nullptr);
  j["gamma_gamma"] = r.purchases ? GammaGammaJson(*r.purchases, s.discount_rate, s.model_horizon, e) : Json(nullptr);
  return j;
}

}  // namespace csm
