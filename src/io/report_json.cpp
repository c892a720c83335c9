// SPDX-License-Identifier: MIT
#include "io/report_json.hpp"

#include <nlohmann/json.hpp>

#include "io/json_values.hpp"
#include "io/models_json.hpp"

#include "core/money.hpp"
#include "core/schema.hpp"

namespace csm {
namespace {

Json RevenueJson(const RevenueMonth& r, int e) {
  Json j;
  j["mrr"] = Money(r.mrr, e);
  j["arr"] = Money(r.arr, e);
  j["contracted_arr"] = Money(r.contracted_arr, e);
  j["paying_customers"] = r.paying_customers;
  j["arpu"] = OptionalMoney(r.arpu, e);
  j["non_recurring_revenue"] = Money(r.non_recurring_revenue, e);
  j["mrr_incl_non_recurring"] = Money(r.mrr_incl_non_recurring, e);
  j["mrr_prev"] = Money(r.mrr_prev, e);
  j["paying_customers_prev"] = r.paying_customers_prev;
  return j;
}


template <class T>
Json OptInt(const std::optional<T>& v) { return v ? Json(*v) : Json(nullptr); }

Json MovementJson(const Movement& m, int e) {
  return Json{{"customers", m.customers}, {"amount", Money(m.amount, e)}};
}

Json RatedJson(const RatedMovement& m, int e) {
  Json j = MovementJson(m, e);
  j["rate"] = Opt(m.rate);
  return j;
}

Json MovementsJson(const MovementsMonth& m, int e) {
  Json j;
  j["fx"] = Money(m.fx, e);
  j["new"] = MovementJson(m.new_customers, e);
  j["reactivation"] = MovementJson(m.reactivation, e);
  j["expansion"] = MovementJson(m.expansion, e);
  j["contraction"] = MovementJson(m.contraction, e);
  Json churn = MovementJson(m.churn, e);
  churn["voluntary"] = MovementJson(m.churn.voluntary, e);
  churn["involuntary"] = MovementJson(m.churn.involuntary, e);
  churn["unknown"] = MovementJson(m.churn.unknown, e);
  j["churn"] = std::move(churn);
  j["net_change"] = Money(m.net_change, e);
  j["upsell"] = RatedJson(m.upsell, e);
  j["cross_sell"] = RatedJson(m.cross_sell, e);
  return j;
}

Json RetentionJson(const RetentionMonth& r, int e) {
  Json j;
  j["customer_churn_rate"] = Opt(r.customer_churn_rate);
  j["customer_churn_rate_annualised"] = Opt(r.customer_churn_rate_annualised);
  j["retained_customers"] = r.retained_customers;
  j["customer_retention_rate"] = Opt(r.customer_retention_rate);
  j["gross_revenue_churn"] = Opt(r.gross_revenue_churn);
  j["gross_revenue_churn_annualised"] = Opt(r.gross_revenue_churn_annualised);
  j["net_revenue_churn"] = Opt(r.net_revenue_churn);
  j["nrr"] = Opt(r.nrr);
  j["grr"] = Opt(r.grr);
  j["trailing12_base_mrr"] = Money(r.trailing12_base_mrr, e);
  j["trailing12_mrr_now"] = Money(r.trailing12_mrr_now, e);
  j["trailing12_nrr"] = Opt(r.trailing12_nrr);
  j["quick_ratio"] = Opt(r.quick_ratio);
  return j;
}

Json NpsJson(const NpsStats& n) {
  return {{"answers", n.answers}, {"promoters", n.promoters}, {"passives", n.passives},
          {"detractors", n.detractors}, {"nps", Opt(n.nps)}, {"se", Opt(n.se)},
          {"lower", Opt(n.lower)}, {"upper", Opt(n.upper)}};
}

Json NpsSectionJson(const NpsSection& n) {
  return {{"every_answer", NpsJson(n.every_answer)}, {"per_customer", NpsJson(n.per_customer)}};
}

Json Distribution(const std::vector<int64_t>& counts) {
  Json d = Json::object();
  for (size_t i = 0; i < counts.size(); ++i) d[std::to_string(i + 1)] = counts[i];
  return d;
}

Json CsatJson(const CsatStats& c) {
  Json by = Json::object();
  for (const CsatTouchpoint& t : c.by_touchpoint)
    by[t.touchpoint] = {{"answers", t.answers}, {"positive", t.positive}, {"csat", Opt(t.csat)}};
  return {{"answers", c.answers}, {"positive", c.positive}, {"csat", Opt(c.csat)},
          {"distribution", Distribution(c.distribution)}, {"by_touchpoint", std::move(by)}};
}

Json CesJson(const CesStats& c) {
  return {{"answers", c.answers}, {"mean", Opt(c.mean)}, {"distribution", Distribution(c.distribution)}};
}

Json FcrJson(const FcrStats& f) {
  return {{"tickets", f.tickets}, {"first_contact_resolved", f.first_contact_resolved}, {"open", f.open},
          {"fcr", Opt(f.fcr)}};
}

template <class T, class F>
Json Forms(const ClvForms<T>& f, F&& value) {
  return {{"gross_margin_form", value(f.gross_margin_form)}, {"arpu_over_churn", value(f.arpu_over_churn)},
          {"purchase_form", value(f.purchase_form)}};
}

Json UnitJson(const UnitEconomicsMonth& u, int e) {
  auto money = [e](const std::optional<int64_t>& v) { return OptionalMoney(v, e); };
  Json j;
  if (u.costs) {
    Json by = Json::object();
    for (const auto& [category, amount] : u.costs->by_category) by[category] = Money(amount, e);
    j["costs"] = {{"acquisition", Money(u.costs->acquisition, e)}, {"retention", Money(u.costs->retention, e)},
                  {"other", Money(u.costs->other, e)}, {"by_category", std::move(by)}};
  } else {
    j["costs"] = nullptr;
  }
  j["new_customers"] = OptInt(u.new_customers);
  j["cac"] = money(u.cac);
  j["crc"] = money(u.crc);
  j["churn_window_months"] = OptInt(u.churn_window_months);
  j["churn_window_churned"] = OptInt(u.churn_window_churned);
  j["churn_window_base"] = OptInt(u.churn_window_base);
  j["monthly_churn_rate"] = Opt(u.monthly_churn_rate);
  j["lifetime_months"] = Opt(u.lifetime_months);
  j["gross_margin"] = Opt(u.gross_margin);
  if (u.purchases) {
    const PurchasesMonth& p = *u.purchases;
    j["purchases"] = {{"transactions", p.transactions}, {"purchasers", p.purchasers},
                      {"revenue", Money(p.revenue, e)}, {"average_purchase_value", money(p.average_purchase_value)},
                      {"purchase_frequency", Opt(p.purchase_frequency)}};
  } else {
    j["purchases"] = nullptr;
  }
  j["clv"] = Forms(u.clv, money);
  j["clv_to_cac"] = Forms(u.clv_to_cac, [](const std::optional<double>& v) { return Opt(v); });
  j["profit_per_customer"] = Forms(u.profit_per_customer, money);
  j["cac_payback_months"] = Opt(u.cac_payback_months);
  return j;
}

Json RiskJson(const RevenueAtRisk& r, int e) {
  return {{"detractors", r.detractors}, {"detractors_mrr", Money(r.detractors_mrr, e)},
          {"passives", r.passives}, {"passives_mrr", Money(r.passives_mrr, e)}};
}

Json NpsClassesJson(const std::array<NpsClassMonth, 4>& classes, int e) {
  static const char* const kNames[] = {"promoter", "passive", "detractor", "none"};
  Json j;
  for (size_t k = 0; k < 4; ++k) {
    const NpsClassMonth& c = classes[k];
    j[kNames[k]] = {{"customers", c.customers}, {"mrr", Money(c.mrr, e)}, {"arpu", OptionalMoney(c.arpu, e)},
                    {"churn_window_churned", c.window_churned}, {"churn_window_base", c.window_base},
                    {"monthly_churn_rate", Opt(c.monthly_churn_rate)}, {"lifetime_months", Opt(c.lifetime_months)},
                    {"clv", {{"gross_margin_form", OptionalMoney(c.clv_gross_margin_form, e)},
                             {"arpu_over_churn", OptionalMoney(c.clv_arpu_over_churn, e)}}}};
  }
  return j;
}

Json MonthsJson(const std::vector<MonthReport>& months, int e) {
  Json out = Json::object();
  for (const MonthReport& m : months) {
    Json month;
    month["revenue"] = m.revenue ? RevenueJson(*m.revenue, e) : Json(nullptr);
    month["movements"] = m.movements ? MovementsJson(*m.movements, e) : Json(nullptr);
    month["retention"] = m.retention ? RetentionJson(*m.retention, e) : Json(nullptr);
    month["nps"] = m.nps ? NpsSectionJson(*m.nps) : Json(nullptr);
    month["csat"] = m.csat ? CsatJson(*m.csat) : Json(nullptr);
    month["ces"] = m.ces ? CesJson(*m.ces) : Json(nullptr);
    month["fcr"] = m.fcr ? FcrJson(*m.fcr) : Json(nullptr);
    month["unit_economics"] = m.unit_economics ? UnitJson(*m.unit_economics, e) : Json(nullptr);
    month["revenue_at_risk"] = m.revenue_at_risk ? RiskJson(*m.revenue_at_risk, e) : Json(nullptr);
    month["nps_classes"] = m.nps_classes ? NpsClassesJson(*m.nps_classes, e) : Json(nullptr);
    out[FormatMonth(m.month)] = std::move(month);
  }
  return out;
}

Json CohortsJson(const std::vector<Cohort>& cohorts, int e) {
  Json out = Json::object();
  for (const Cohort& c : cohorts) {
    Json ages = Json::array();
    for (const CohortAge& a : c.ages)
      ages.push_back({{"age", a.age}, {"customers", a.customers}, {"logo_retention", a.logo_retention},
                      {"mrr", Money(a.mrr, e)}, {"revenue_retention", Opt(a.revenue_retention)}});
    out[FormatMonth(c.month)] = {{"size", c.size}, {"mrr", Money(c.mrr, e)}, {"ages", std::move(ages)}};
  }
  return out;
}

Json SurvivalJson(const SurvivalCurve& s) {
  Json table = Json::array();
  for (const SurvivalRow& r : s.table)
    table.push_back({{"t", r.t}, {"at_risk", r.at_risk}, {"events", r.events}, {"censored", r.censored},
                     {"survival", r.survival}, {"se", Opt(r.se)}, {"se_log", Opt(r.se_log)},
                     {"lower", Opt(r.lower)}, {"upper", Opt(r.upper)}});
  return {{"customers", s.customers}, {"events", s.events}, {"censored", s.censored},
          {"median_months", OptInt(s.median)}, {"median_months_lower", OptInt(s.median_lower)},
          {"median_months_upper", OptInt(s.median_upper)}, {"table", std::move(table)}};
}

Json FeedbackJson(const FeedbackReport& f) {
  Json groups = Json::object();
  for (const FeedbackGroup& g : f.groups) {
    Json terms = Json::array();
    for (const FeedbackTerm& t : g.terms)
      terms.push_back({{"term", t.term}, {"count", t.count}, {"weight", t.weight}, {"score", t.score}, {"ids", t.ids}});
    if (!groups.contains(g.family)) groups[g.family] = Json::object();
    groups[g.family][g.name] = {{"comments", g.comments}, {"terms", std::move(terms)}};
  }
  Json comments = Json::object();
  comments.get_ref<Json::object_t&>().reserve(f.comments.size());
  for (const auto& [id, text] : f.comments) AppendDistinct(comments, std::to_string(id), text);  // ids from a map
  return {{"weighted_by_mrr", f.weighted}, {"groups", std::move(groups)}, {"comments", std::move(comments)}};
}

// The seeds' benchmarks (METRICS.md "Reference bands"), for widgets to draw beside the numbers.
Json ReferenceBandsJson() {
  return {{"nps", {{"saas_average", 41}}},
          {"nrr", {{"excellent_from", 100}, {"leaders_from", 155}, {"leaders_to", 158}}},
          {"churn", {{"acceptable_annual_from", 5}, {"acceptable_annual_to", 7},
                     {"acceptable_monthly_from", 0.42}, {"acceptable_monthly_to", 0.58}}},
          {"clv_to_cac", {{"healthy_from", 3}, {"thin_at", 2}, {"losing_at_most", 1}}}};
}

Json MetaJson(const ReportMeta& m) {
  Json j;
  j["engine_version"] = m.engine_version;
  j["from"] = m.from ? Json(FormatMonth(*m.from)) : Json(nullptr);
  j["to"] = m.to ? Json(FormatMonth(*m.to)) : Json(nullptr);
  j["currency"] = m.currency.empty() ? Json(nullptr) : Json(m.currency);
  j["minor_unit_exponent"] = m.minor_unit_exponent;
  const ReportSettings& s = m.settings;
  j["settings"] = {
      {"gross_margin", s.gross_margin ? Json(*s.gross_margin) : Json(nullptr)},
      {"csat_scale", s.csat_scale},
      {"csat_threshold", s.csat_threshold},
      {"ces_scale", s.ces_scale},
      {"clv_churn_window", s.clv_churn_window},
      {"discount_rate", s.discount_rate},
      {"model_horizon", s.model_horizon},
      {"z95", kZ95},
      {"segment_by", s.segment_by.empty() ? Json(nullptr) : Json(s.segment_by)},
  };
  j["tables"] = m.tables;
  j["rejected"] = m.rejected;
  return j;
}

[[noreturn]] void BadOption(const std::string& reason) {
  throw CsmError(ErrorCode::kInvalidOption, reason);
}

Json ParseObject(const std::string& text) {
  if (text.empty()) return Json::object();
  Json j = Json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) BadOption("options must be a JSON object");
  return j;
}

std::string Str(const Json& v, const char* key) {
  if (!v.is_string()) BadOption(std::string(key) + " must be a string");
  return v.get<std::string>();
}

int Int(const Json& v, const char* key, int lo, int hi) {
  if (!v.is_number_integer() || v.get<int64_t>() < lo || v.get<int64_t>() > hi)
    BadOption(std::string(key) + " must be a whole number from " + std::to_string(lo) + " to " +
              std::to_string(hi));
  return v.get<int>();
}

double DiscountRate(const Json& v, const char* key) {
  // Below 0.1 % a year the discounted series approach their undiscounted limits too slowly.
  if (!v.is_number() || !(v.get<double>() >= 0.001) || v.get<double>() > 10)
    BadOption(std::string(key) + " must be a rate from 0.001 to 10 (0.1 is 10 % a year)");
  return v.get<double>();
}

Month MonthOption(const Json& v, const char* key) {
  MonthParse p = ParseMonth(Str(v, key));
  if (p.error) BadOption(std::string(key) + " \"" + v.get<std::string>() + "\" " + p.error);
  return p.month;
}

}  // namespace

std::string ReportToJson(const Report& report, int indent) {
  Json root;
  root["meta"] = MetaJson(report.meta);
  const int e = report.meta.minor_unit_exponent;
  root["months"] = MonthsJson(report.months, e);
  root["overall"] = report.overall ? Json{{"nps", NpsSectionJson(report.overall->nps)},
                                          {"csat", CsatJson(report.overall->csat)},
                                          {"ces", CesJson(report.overall->ces)}}
                                    : Json(nullptr);
  root["cohorts"] = report.cohorts ? CohortsJson(*report.cohorts, e) : Json(nullptr);
  root["survival"] = report.survival ? SurvivalJson(*report.survival) : Json(nullptr);
  if (report.onboarding) {
    Json o = Json::object();
    for (const OnboardingMonth& m : *report.onboarding)
      o[FormatMonth(m.month)] = {{"started", m.started}, {"completed", m.completed},
                                 {"completion_rate", Opt(m.completion_rate)}, {"median_days", Opt(m.median_days)}};
    root["onboarding"] = std::move(o);
  } else {
    root["onboarding"] = nullptr;
  }
  if (report.feedback) root["feedback"] = FeedbackJson(*report.feedback);
  else root["feedback"] = nullptr;
  root["models"] = ModelsJson(report, e);
  root["reference_bands"] = ReferenceBandsJson();
  if (report.segments) {
    Json segments = Json::object(), cohorts = Json::object(), survival = Json::object();
    for (const SegmentReport& s : *report.segments) {
      // Segment names are distinct.
      AppendDistinct(segments, s.value, MonthsJson(s.months, e));
      AppendDistinct(cohorts, s.value, CohortsJson(s.cohorts, e));
      AppendDistinct(survival, s.value, SurvivalJson(s.survival));
    }
    root["segments"] = std::move(segments);
    root["segment_cohorts"] = std::move(cohorts);
    root["segment_survival"] = std::move(survival);
  }
  return root.dump(indent, ' ', false, Json::error_handler_t::replace);
}

std::string TableColumnsToJson(TableKind kind) {
  Json out = Json::array();
  for (const ColumnSpec& c : TableColumns(kind)) out.push_back({{"name", c.name}, {"required", c.required}});
  return out.dump();
}

std::string LoadSummaryToJson(const LoadSummary& s) {
  Json j;
  j["table"] = TableName(s.table);
  j["source"] = s.source;
  j["rows"] = s.rows;
  Json rejected = Json::array();
  for (const RowError& e : s.rejected)
    rejected.push_back({{"code", ErrorCodeName(e.code)}, {"table", e.table}, {"line", e.line},
                        {"column", e.column}, {"message", e.message}});
  j["rejected"] = std::move(rejected);
  return j.dump(-1, ' ', false, Json::error_handler_t::replace);
}

std::string ErrorToJson(ErrorCode code, const std::string& message, const std::string& table,
                        int64_t line, const std::string& column) {
  Json e = {{"code", ErrorCodeName(code)},
            {"message", message},
            {"table", table.empty() ? Json(nullptr) : Json(table)},
            {"line", line > 0 ? Json(line) : Json(nullptr)},
            {"column", column.empty() ? Json(nullptr) : Json(column)}};
  Json j = {{"error", std::move(e)}};
  return j.dump(-1, ' ', false, Json::error_handler_t::replace);
}

double ParseGrossMargin(const std::string& text) {
  std::string t = text;
  bool percent = !t.empty() && t.back() == '%';
  if (percent) t.pop_back();
  DecimalParse p = ParseDecimalMicros(t);
  if (p.error) BadOption("gross margin \"" + text + "\" " + p.error);
  double v = double(p.micros) / double(kMicro) / (percent ? 100.0 : 1.0);
  if (!(v > 0.0 && v <= 1.0)) BadOption("gross margin \"" + text + "\" must be above 0 and at most 1 (100%)");
  return v;
}

LoadOptions LoadOptionsFromJson(const std::string& text) {
  LoadOptions o;
  const Json options = ParseObject(text);  // named: items() must not outlive it
  for (const auto& [key, v] : options.items()) {
    if (key == "source") o.source = Str(v, "source");
    else if (key == "format") {
      std::string f = Str(v, "format");
      if (f == "csv") o.format = InputFormat::kCsv;
      else if (f == "json") o.format = InputFormat::kJson;
      else if (f != "auto") BadOption("format must be csv, json or auto");
    } else if (key == "lenient") {
      if (!v.is_boolean()) BadOption("lenient must be true or false");
      o.lenient = v.get<bool>();
    } else if (key == "mapping") {
      if (!v.is_object()) BadOption("mapping must be an object {canonical: header}");
      for (const auto& [canonical, header] : v.items()) o.mapping.emplace_back(canonical, Str(header, "mapping"));
    } else if (key == "constants") {
      if (!v.is_object()) BadOption("constants must be an object {canonical: value}");
      for (const auto& [canonical, value] : v.items()) o.constants.emplace_back(canonical, Str(value, "constants"));
    } else if (key == "preset") o.preset = Str(v, "preset");
    else if (key == "amountUnit") {
      std::string u = Str(v, "amountUnit");
      if (u == "minor") o.amount_unit = AmountUnit::kMinor;
      else if (u != "major") BadOption("amountUnit must be major or minor");
    } else if (key == "currency") o.currency = Str(v, "currency");
    else if (key == "csatScale") o.csat_scale = Int(v, "csatScale", 2, 100);
    else if (key == "cesScale") o.ces_scale = Int(v, "cesScale", 2, 100);
    else if (key == "sizeHint") {
      if (!v.is_number() || v.get<double>() < 0) BadOption("sizeHint must be a byte count");
      o.size_hint = static_cast<size_t>(v.get<double>());
    } else BadOption("unknown load option \"" + key + "\"");
  }
  return o;
}

namespace {

// One report option; false when `key` is not one.
bool ReportOption(ReportOptions& o, const std::string& key, const Json& v) {
  if (key == "from") o.from = MonthOption(v, "from");
  else if (key == "to") o.to = MonthOption(v, "to");
  else if (key == "currency") o.currency = Str(v, "currency");
  else if (key == "grossMargin")
    o.gross_margin = ParseGrossMargin(v.is_number() ? v.dump() : Str(v, "grossMargin"));
  else if (key == "csatThreshold") o.csat_threshold = Int(v, "csatThreshold", 1, 100);
  else if (key == "clvChurnWindow") o.clv_churn_window = Int(v, "clvChurnWindow", 1, 120);
  else if (key == "segmentBy") o.segment_by = Str(v, "segmentBy");
  else if (key == "discountRate") o.discount_rate = DiscountRate(v, "discountRate");
  else if (key == "modelHorizon") o.model_horizon = Int(v, "modelHorizon", 1, 600);
  else if (key == "feedbackWeight") {
    const std::string w = Str(v, "feedbackWeight");
    if (w != "mrr" && w != "none") BadOption("feedbackWeight is \"mrr\" or \"none\"");
    o.feedback_weight_mrr = w == "mrr";
  }
  else return false;
  return true;
}

}  // namespace

ReportOptions ReportOptionsFromJson(const std::string& text) {
  ReportOptions o;
  const Json options = ParseObject(text);  // named: items() must not outlive it
  for (const auto& [key, v] : options.items())
    if (!v.is_null() && !ReportOption(o, key, v)) BadOption("unknown report option \"" + key + "\"");
  return o;
}

DrillDownRequest DrillDownRequestFromJson(const std::string& text) {
  DrillDownRequest r;
  bool has_month = false;
  const Json options = ParseObject(text);  // named: items() must not outlive it
  for (const auto& [key, v] : options.items()) {
    if (v.is_null()) continue;
    if (key == "month") r.query.month = MonthOption(v, "month"), has_month = true;
    else if (key == "movement") r.query.movement = Str(v, "movement");
    else if (key == "segment") r.query.segment = Str(v, "segment");
    else if (!ReportOption(r.report, key, v)) BadOption("unknown drill-down option \"" + key + "\"");
  }
  if (!has_month) BadOption("drill-down needs a month (\"YYYY-MM\")");
  if (r.query.movement.empty()) BadOption("drill-down needs a movement");
  return r;
}

std::string DrillDownToJson(const DrillDown& d, int indent) {
  const int e = d.minor_unit_exponent;
  Json customers = Json::array();
  for (const DrillDownRow& row : d.customers) {
    Json c = {{"customer_id", row.customer_id}, {"mrr_prev", Money(row.mrr_prev, e)},
              {"mrr", Money(row.mrr, e)}, {"amount", Money(row.amount, e)}};
    if (!row.churn_type.empty()) c["churn_type"] = row.churn_type;
    if (!d.query.segment_by.empty()) c["segment"] = row.segment;
    if (row.subscriber) {
      c.erase("mrr_prev");
      c["paying_months"] = row.subscriber->subscriber.run;
      c["derl"] = row.subscriber->derl;
      c["clv"] = OptionalMoney(row.subscriber->clv, e);
    }
    if (const auto& p = row.purchaser) {
      c.erase("mrr_prev");
      c.erase("mrr");
      c.update({{"x", p->rfm.x}, {"t_x", p->rfm.t_x}, {"T", p->rfm.T}, {"zbar", p->rfm.zbar},
                {"p_alive", p->p_alive}, {"expected_purchases", p->expected_purchases},
                {"expected_spend", Opt(p->expected_spend)}, {"clv", OptionalMoney(p->clv, e)}});
    }
    customers.push_back(std::move(c));
  }
  Json j = {{"month", FormatMonth(d.query.month)},
            {"movement", d.query.movement},
            {"segment_by", d.query.segment_by.empty() ? Json(nullptr) : Json(d.query.segment_by)},
            {"segment", d.query.segment ? Json(*d.query.segment) : Json(nullptr)},
            {"customers", std::move(customers)},
            {"total", {{"customers", d.customers.size()}, {"amount", Money(d.amount, e)}}}};
  return j.dump(indent, ' ', false, Json::error_handler_t::replace);
}

}  // namespace csm
