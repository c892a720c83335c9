// SPDX-License-Identifier: MIT
#include "io/model_commands.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "core/bgnbd_model.hpp"
#include "core/engine.hpp"
#include "core/errors.hpp"
#include "core/gamma_gamma_model.hpp"
#include "core/model_inputs.hpp"
#include "core/predictive_models.hpp"
#include "io/json_values.hpp"
#include "io/models_json.hpp"
#include "io/report_json.hpp"

namespace csm {
namespace {

[[noreturn]] void Unidentifiable(const std::string& where, const std::invalid_argument& e) {
  throw CsmError(ErrorCode::kUnidentifiable, where + ": " + e.what());
}

[[noreturn]] void BadOption(const std::string& reason) { throw CsmError(ErrorCode::kInvalidOption, reason); }

Json SbgColumnJson(const std::string& name, const SurvivorCounts& all, const SbgCommandOptions& o,
                   const std::string& source) {
  SurvivorCounts fitted = all;
  if (o.fit_periods) fitted.resize(std::min(all.size(), size_t(*o.fit_periods) + 1));
  SbgFit fit;
  try {
    fit = FitSbg(fitted);
  } catch (const std::invalid_argument& e) {
    Unidentifiable(source + ", column " + name, e);
  }
  const int horizon = std::max(int(all.size()) - 1, o.horizon);
  Json periods = Json::array();
  for (int t = 0; t <= horizon; ++t) {
    const bool seen = size_t(t) < all.size();
    periods.push_back({{"t", t},
                       {"survivors", seen ? Json(all[size_t(t)]) : Json(nullptr)},
                       {"observed_survival", seen ? Json(all[size_t(t)] / all[0]) : Json(nullptr)},
                       {"observed_retention", seen && t > 0 && all[size_t(t) - 1] > 0
                                                  ? Json(all[size_t(t)] / all[size_t(t) - 1]) : Json(nullptr)},
                       {"survival", SbgSurvival(fit.params, t)},
                       {"retention", t > 0 ? Json(SbgRetention(fit.params, t)) : Json(nullptr)},
                       {"derl", SbgDiscountedExpectedResidualLifetime(fit.params, o.discount, t + 1)}});
  }
  Json j = {{"name", name}, {"cohort_size", all[0]}, {"fit_periods", int(fitted.size()) - 1}};
  j.update(SbgFitJson(fit));
  j["del"] = SbgDiscountedExpectedLifetime(fit.params, o.discount);
  j["periods"] = std::move(periods);
  return j;
}

// The customers of the input, summarised in weeks: either given so, or from purchases.
struct Summarised {
  std::vector<std::string> ids;
  std::vector<CustomerRfm> customers;
  bool has_spend = true;
  std::string kind;
  std::optional<Day> calibration_end, holdout_end;
  double holdout_weeks = 0;
};

PurchaseInput TransactionsInput(std::string_view text, const std::string& source) {
  Engine engine;
  LoadOptions load;
  load.source = source;
  engine.Load(TableKind::kTransactions, text, load);
  const Dataset& ds = engine.dataset();
  PurchaseInput in;
  const TransactionsTable& t = *ds.transactions;
  for (uint32_t c = 0; c < ds.customers.size(); ++c) in.ids.emplace_back(ds.customers.Get(c));
  for (size_t r = 0; r < t.size(); ++r)
    in.purchases.push_back({t.customer[r], t.date[r], double(t.amount[r]) / double(kMicro)});
  return in;
}

Summarised Summarise(std::string_view text, const std::string& source, const BgnbdCommandOptions& o) {
  PurchaseInput in = ParsePurchaseInput(text, source);
  Summarised s;
  if (in.summary) {
    if (o.calibration_end || o.holdout_end) BadOption("an RFM summary has no dates: drop --calibration-end and --holdout-end");
    s.ids = std::move(in.ids);
    s.customers = std::move(in.customers);
    s.has_spend = in.has_spend;
    s.kind = "summary";
    return s;
  }
  s.kind = in.purchases.empty() ? "transactions" : "purchases";
  if (in.purchases.empty()) in = TransactionsInput(text, source);
  if (in.purchases.empty()) throw CsmError(ErrorCode::kInvalidValue, source + ": no purchases", source);
  if (o.holdout_end && !o.calibration_end) BadOption("--holdout-end needs --calibration-end");
  Day last = in.purchases[0].day;
  for (const Purchase& p : in.purchases) last = std::max(last, p.day);
  RfmOptions options;
  options.calibration_end = o.calibration_end.value_or(last);
  options.holdout_end = o.holdout_end.value_or(options.calibration_end);
  options.unit = TimeUnit::kWeeks;
  RfmSummary summary;
  try {
    summary = SummariseRfm(in.purchases, options);
  } catch (const std::invalid_argument& e) {
    BadOption(e.what());
  }
  s.calibration_end = options.calibration_end;
  if (o.holdout_end) s.holdout_end = o.holdout_end, s.holdout_weeks = summary.holdout_length;
  for (CustomerRfm& c : summary.customers) {
    s.ids.push_back(in.ids[c.customer]);
    c.customer = uint32_t(s.customers.size());
    s.customers.push_back(c);
  }
  return s;
}

Json CustomersJson(const Summarised& s, const BgnbdFit& bg, const std::optional<GammaGammaFit>& gg,
                   double horizon, const BgnbdCommandOptions& o) {
  ClvOptions clv;
  clv.period_length = kWeeksPerMonth;
  clv.periods = o.clv_months;
  clv.discount_rate = MonthlyDiscountRate(o.discount);
  Json out = Json::array();
  for (const CustomerRfm& c : s.customers) {
    Json j = {{"id", s.ids[c.customer]}, {"x", c.x}, {"t_x", c.t_x}, {"T", c.T}};
    if (s.has_spend) j["zbar"] = c.zbar;
    if (s.holdout_end) j["holdout_x"] = c.holdout_x;
    j["p_alive"] = BgnbdProbabilityAlive(bg.params, c.x, c.t_x, c.T);
    j["expected_purchases"] = BgnbdConditionalExpectedPurchases(bg.params, c.x, c.t_x, c.T, horizon);
    const bool spend = gg && (c.x > 0 || gg->params.q > 1);
    j["expected_spend"] = spend ? Json(GammaGammaConditionalExpectedSpend(gg->params, c.x, c.zbar)) : Json(nullptr);
    const double revenue = spend ? CustomerLifetimeValue(bg.params, gg->params, c, clv) : 0;
    j["expected_revenue"] = spend ? Json(revenue) : Json(nullptr);
    j["clv"] = spend && o.margin ? Json(revenue * *o.margin) : Json(nullptr);
    out.push_back(std::move(j));
  }
  return out;
}

Json HoldoutJson(const Summarised& s, const BgnbdFit& bg) {
  double expected = 0;
  int64_t actual = 0;
  for (const CustomerRfm& c : s.customers) {
    expected += BgnbdConditionalExpectedPurchases(bg.params, c.x, c.t_x, c.T, s.holdout_weeks);
    actual += c.holdout_x;
  }
  return {{"end", FormatDay(*s.holdout_end)}, {"weeks", s.holdout_weeks}, {"actual_purchases", actual},
          {"expected_purchases", expected}};
}

Json ParseOptions(const std::string& text) {
  if (text.empty()) return Json::object();
  Json j = Json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) BadOption("options must be a JSON object");
  return j;
}

double PositiveNumber(const Json& v, const std::string& key, double hi) {
  if (!v.is_number() || !(v.get<double>() > 0) || v.get<double>() > hi)
    BadOption(key + " must be a number above 0 and at most " + Json(hi).dump());
  return v.get<double>();
}

int WholeNumber(const Json& v, const std::string& key, int lo, int hi) {
  if (!v.is_number_integer() || v.get<int64_t>() < lo || v.get<int64_t>() > hi)
    BadOption(key + " must be a whole number from " + std::to_string(lo) + " to " + std::to_string(hi));
  return v.get<int>();
}

Day DateOption(const Json& v, const std::string& key) {
  const DateParse p = v.is_string() ? ParseDate(v.get<std::string>()) : DateParse{0, "is not a date"};
  if (p.error) BadOption(key + " " + v.dump() + " " + p.error);
  return p.day;
}

}  // namespace

void CheckModelDiscount(double discount) {
  if (!(discount >= 0.001 && discount <= 10)) BadOption("discount must be a rate from 0.001 to 10 (0.1 is 10 %)");
}

std::string SbgCommandJson(std::string_view csv, const std::string& source, const SbgCommandOptions& o,
                           int indent) {
  CheckModelDiscount(o.discount);
  const SurvivorTable table = ParseSurvivorTable(csv, source);
  Json fits = Json::array();
  for (size_t c = 0; c < table.names.size(); ++c) fits.push_back(SbgColumnJson(table.names[c], table.columns[c], o, source));
  Json j = {{"model", "sbg"}, {"discount", o.discount}, {"fits", std::move(fits)}};
  return j.dump(indent, ' ', false, Json::error_handler_t::replace);
}

std::string BgnbdCommandJson(std::string_view text, const std::string& source, const BgnbdCommandOptions& o,
                             int indent) {
  CheckModelDiscount(o.discount);
  const Summarised s = Summarise(text, source, o);
  BgnbdFit bg;
  try {
    bg = FitBgnbd(s.customers);
  } catch (const std::invalid_argument& e) {
    Unidentifiable(source + ", BG/NBD", e);
  }
  std::optional<GammaGammaFit> gg;
  std::string gg_error = s.has_spend ? "" : "the summary has no spend column (zbar)";
  if (s.has_spend) try {
      gg = FitGammaGamma(s.customers);
    } catch (const std::invalid_argument& e) {
      gg_error = e.what();
    }
  const double horizon = o.horizon_weeks.value_or(s.holdout_end ? s.holdout_weeks : 52.0);
  int64_t repeat = 0;
  for (const CustomerRfm& c : s.customers) repeat += c.x > 0;
  Json j = {{"model", "bg_nbd"}, {"input", s.kind}, {"time_unit", "week"}};
  j["calibration_end"] = s.calibration_end ? Json(FormatDay(*s.calibration_end)) : Json(nullptr);
  j["customers"] = s.customers.size();
  j["repeat_buyers"] = repeat;
  j["bg_nbd"] = BgnbdFitJson(bg);
  j["gamma_gamma"] = gg ? GammaGammaFitJson(*gg) : Json{{"error", gg_error}};
  j["horizon_weeks"] = horizon;
  j["clv_months"] = o.clv_months;
  j["discount"] = o.discount;
  j["margin"] = o.margin ? Json(*o.margin) : Json(nullptr);
  try {
    if (s.holdout_end) j["holdout"] = HoldoutJson(s, bg);
    j["customer_values"] = CustomersJson(s, bg, gg, horizon, o);
  } catch (const std::runtime_error& e) {  // series that do not converge for these parameters
    throw CsmError(ErrorCode::kUnidentifiable, source + ", BG/NBD: the fitted parameters cannot be projected: " + e.what());
  }
  return j.dump(indent, ' ', false, Json::error_handler_t::replace);
}

SbgCommandOptions SbgOptionsFromJson(const std::string& text) {
  SbgCommandOptions o;
  const Json options = ParseOptions(text);
  for (const auto& [key, v] : options.items()) {
    if (v.is_null()) continue;
    if (key == "fitPeriods") o.fit_periods = WholeNumber(v, key, 1, 100000);
    else if (key == "discount") o.discount = PositiveNumber(v, key, 1e9);
    else if (key == "horizon") o.horizon = WholeNumber(v, key, 0, 100000);
    else BadOption("unknown sbg option \"" + key + "\"");
  }
  return o;
}

BgnbdCommandOptions BgnbdOptionsFromJson(const std::string& text) {
  BgnbdCommandOptions o;
  const Json options = ParseOptions(text);
  for (const auto& [key, v] : options.items()) {
    if (v.is_null()) continue;
    if (key == "calibrationEnd") o.calibration_end = DateOption(v, key);
    else if (key == "holdoutEnd") o.holdout_end = DateOption(v, key);
    else if (key == "horizonWeeks") o.horizon_weeks = PositiveNumber(v, key, 5200);
    else if (key == "clvMonths") o.clv_months = WholeNumber(v, key, 1, 1200);
    else if (key == "discount") o.discount = PositiveNumber(v, key, 1e9);
    else if (key == "margin") o.margin = ParseGrossMargin(v.is_number() ? v.dump() : v.is_string() ? v.get<std::string>() : "?");
    else BadOption("unknown bgnbd option \"" + key + "\"");
  }
  return o;
}

}  // namespace csm
