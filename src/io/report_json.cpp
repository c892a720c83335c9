// SPDX-License-Identifier: MIT
#include "io/report_json.hpp"

#include <nlohmann/json.hpp>

#include "io/json_values.hpp"
#include "io/json_writer.hpp"
#include "io/models_json.hpp"

#include "core/money.hpp"
#include "core/schema.hpp"

namespace csm {
namespace {

// The report's sections go through a JsonWriter (no tree; see json_writer.hpp); the small
// ones (meta, models, reference bands) are nlohmann trees written into it.

void WriteRevenue(JsonWriter& w, const RevenueMonth& r, int e) {
  w.Object([&] {
    w.Key("mrr").Money(r.mrr, e);
    w.Key("arr").Money(r.arr, e);
    w.Key("contracted_arr").Money(r.contracted_arr, e);
    w.Field("paying_customers", r.paying_customers);
    w.Key("arpu").Money(r.arpu, e);
    w.Key("non_recurring_revenue").Money(r.non_recurring_revenue, e);
    w.Key("mrr_incl_non_recurring").Money(r.mrr_incl_non_recurring, e);
    w.Key("mrr_prev").Money(r.mrr_prev, e);
    w.Field("paying_customers_prev", r.paying_customers_prev);
  });
}

void WriteMovementFields(JsonWriter& w, const Movement& m, int e) {
  w.Field("customers", m.customers);
  w.Key("amount").Money(m.amount, e);
}

void WriteMovement(JsonWriter& w, const Movement& m, int e) {
  w.Object([&] { WriteMovementFields(w, m, e); });
}

void WriteRated(JsonWriter& w, const RatedMovement& m, int e) {
  w.Object([&] {
    WriteMovementFields(w, m, e);
    w.Key("rate").Opt(m.rate);
  });
}

void WriteMovements(JsonWriter& w, const MovementsMonth& m, int e) {
  w.Object([&] {
    w.Key("fx").Money(m.fx, e);
    WriteMovement(w.Key("new"), m.new_customers, e);
    WriteMovement(w.Key("reactivation"), m.reactivation, e);
    WriteMovement(w.Key("expansion"), m.expansion, e);
    WriteMovement(w.Key("contraction"), m.contraction, e);
    w.Key("churn").Object([&] {
      WriteMovementFields(w, m.churn, e);
      WriteMovement(w.Key("voluntary"), m.churn.voluntary, e);
      WriteMovement(w.Key("involuntary"), m.churn.involuntary, e);
      WriteMovement(w.Key("unknown"), m.churn.unknown, e);
    });
    w.Key("net_change").Money(m.net_change, e);
    WriteRated(w.Key("upsell"), m.upsell, e);
    WriteRated(w.Key("cross_sell"), m.cross_sell, e);
  });
}

void WriteRetention(JsonWriter& w, const RetentionMonth& r, int e) {
  w.Object([&] {
    w.Key("customer_churn_rate").Opt(r.customer_churn_rate);
    w.Key("customer_churn_rate_annualised").Opt(r.customer_churn_rate_annualised);
    w.Field("retained_customers", r.retained_customers);
    w.Key("customer_retention_rate").Opt(r.customer_retention_rate);
    w.Key("gross_revenue_churn").Opt(r.gross_revenue_churn);
    w.Key("gross_revenue_churn_annualised").Opt(r.gross_revenue_churn_annualised);
    w.Key("net_revenue_churn").Opt(r.net_revenue_churn);
    w.Key("nrr").Opt(r.nrr);
    w.Key("grr").Opt(r.grr);
    w.Key("trailing12_base_mrr").Money(r.trailing12_base_mrr, e);
    w.Key("trailing12_mrr_now").Money(r.trailing12_mrr_now, e);
    w.Key("trailing12_nrr").Opt(r.trailing12_nrr);
    w.Key("quick_ratio").Opt(r.quick_ratio);
  });
}

void WriteNps(JsonWriter& w, const NpsStats& n) {
  w.Object([&] {
    w.Field("answers", n.answers);
    w.Field("promoters", n.promoters);
    w.Field("passives", n.passives);
    w.Field("detractors", n.detractors);
    w.Key("nps").Opt(n.nps);
    w.Key("se").Opt(n.se);
    w.Key("lower").Opt(n.lower);
    w.Key("upper").Opt(n.upper);
  });
}

void WriteNpsSection(JsonWriter& w, const NpsSection& n) {
  w.Object([&] {
    WriteNps(w.Key("every_answer"), n.every_answer);
    WriteNps(w.Key("per_customer"), n.per_customer);
  });
}

void WriteDistribution(JsonWriter& w, const std::vector<int64_t>& counts) {
  w.Object([&] {
    for (size_t i = 0; i < counts.size(); ++i) w.Field(std::to_string(i + 1), counts[i]);
  });
}

void WriteCsat(JsonWriter& w, const CsatStats& c) {
  w.Object([&] {
    w.Field("answers", c.answers);
    w.Field("positive", c.positive);
    w.Key("csat").Opt(c.csat);
    WriteDistribution(w.Key("distribution"), c.distribution);
    w.Key("by_touchpoint").Object([&] {
      for (const CsatTouchpoint& t : c.by_touchpoint)  // distinct: counted by touchpoint
        w.Key(t.touchpoint).Object([&] {
          w.Field("answers", t.answers);
          w.Field("positive", t.positive);
          w.Key("csat").Opt(t.csat);
        });
    });
  });
}

void WriteCes(JsonWriter& w, const CesStats& c) {
  w.Object([&] {
    w.Field("answers", c.answers);
    w.Key("mean").Opt(c.mean);
    WriteDistribution(w.Key("distribution"), c.distribution);
  });
}

void WriteFcr(JsonWriter& w, const FcrStats& f) {
  w.Object([&] {
    w.Field("tickets", f.tickets);
    w.Field("first_contact_resolved", f.first_contact_resolved);
    w.Field("open", f.open);
    w.Key("fcr").Opt(f.fcr);
  });
}

template <class T, class F>
void WriteForms(JsonWriter& w, const ClvForms<T>& f, F&& value) {
  w.Object([&] {
    value(w.Key("gross_margin_form"), f.gross_margin_form);
    value(w.Key("arpu_over_churn"), f.arpu_over_churn);
    value(w.Key("purchase_form"), f.purchase_form);
  });
}

// A section the report may lack: null then.
template <class T, class F>
void WriteOptional(JsonWriter& w, const std::optional<T>& v, F&& write) {
  if (v) write(w, *v);
  else w.Null();
}

// write(w, v, e) as a writer of (w, v), for WriteOptional.
template <class F>
auto WithExponent(F write, int e) {
  return [=](JsonWriter& w, const auto& v) { write(w, v, e); };
}

void WriteCosts(JsonWriter& w, const CostsMonth& costs, int e) {
  w.Object([&] {
    w.Key("acquisition").Money(costs.acquisition, e);
    w.Key("retention").Money(costs.retention, e);
    w.Key("other").Money(costs.other, e);
    w.Key("by_category").Object([&] {
      for (const auto& [category, amount] : costs.by_category) w.Key(category).Money(amount, e);
    });
  });
}

void WritePurchases(JsonWriter& w, const PurchasesMonth& p, int e) {
  w.Object([&] {
    w.Field("transactions", p.transactions);
    w.Field("purchasers", p.purchasers);
    w.Key("revenue").Money(p.revenue, e);
    w.Key("average_purchase_value").Money(p.average_purchase_value, e);
    w.Key("purchase_frequency").Opt(p.purchase_frequency);
  });
}

void WriteUnit(JsonWriter& w, const UnitEconomicsMonth& u, int e) {
  const auto money = [e](JsonWriter& to, const std::optional<int64_t>& v) { to.Money(v, e); };
  w.Object([&] {
    WriteOptional(w.Key("costs"), u.costs, WithExponent(WriteCosts, e));
    w.Key("new_customers").Opt(u.new_customers);
    w.Key("cac").Money(u.cac, e);
    w.Key("crc").Money(u.crc, e);
    w.Key("churn_window_months").Opt(u.churn_window_months);
    w.Key("churn_window_churned").Opt(u.churn_window_churned);
    w.Key("churn_window_base").Opt(u.churn_window_base);
    w.Key("monthly_churn_rate").Opt(u.monthly_churn_rate);
    w.Key("lifetime_months").Opt(u.lifetime_months);
    w.Key("gross_margin").Opt(u.gross_margin);
    WriteOptional(w.Key("purchases"), u.purchases, WithExponent(WritePurchases, e));
    WriteForms(w.Key("clv"), u.clv, money);
    WriteForms(w.Key("clv_to_cac"), u.clv_to_cac, [](JsonWriter& to, const std::optional<double>& v) { to.Opt(v); });
    WriteForms(w.Key("profit_per_customer"), u.profit_per_customer, money);
    w.Key("cac_payback_months").Opt(u.cac_payback_months);
  });
}

void WriteRisk(JsonWriter& w, const RevenueAtRisk& r, int e) {
  w.Object([&] {
    w.Field("detractors", r.detractors);
    w.Key("detractors_mrr").Money(r.detractors_mrr, e);
    w.Field("passives", r.passives);
    w.Key("passives_mrr").Money(r.passives_mrr, e);
  });
}

void WriteNpsClasses(JsonWriter& w, const std::array<NpsClassMonth, 4>& classes, int e) {
  static const char* const kNames[] = {"promoter", "passive", "detractor", "none"};
  w.Object([&] {
    for (size_t k = 0; k < 4; ++k) {
      const NpsClassMonth& c = classes[k];
      w.Key(kNames[k]).Object([&] {
        w.Field("customers", c.customers);
        w.Key("mrr").Money(c.mrr, e);
        w.Key("arpu").Money(c.arpu, e);
        w.Field("churn_window_churned", c.window_churned);
        w.Field("churn_window_base", c.window_base);
        w.Key("monthly_churn_rate").Opt(c.monthly_churn_rate);
        w.Key("lifetime_months").Opt(c.lifetime_months);
        w.Key("clv").Object([&] {
          w.Key("gross_margin_form").Money(c.clv_gross_margin_form, e);
          w.Key("arpu_over_churn").Money(c.clv_arpu_over_churn, e);
        });
      });
    }
  });
}

void WriteMonths(JsonWriter& w, const std::vector<MonthReport>& months, int e) {
  w.Object([&] {
    for (const MonthReport& m : months) {
      w.Key(FormatMonth(m.month)).Object([&] {
        WriteOptional(w.Key("revenue"), m.revenue, WithExponent(WriteRevenue, e));
        WriteOptional(w.Key("movements"), m.movements, WithExponent(WriteMovements, e));
        WriteOptional(w.Key("retention"), m.retention, WithExponent(WriteRetention, e));
        WriteOptional(w.Key("nps"), m.nps, WriteNpsSection);
        WriteOptional(w.Key("csat"), m.csat, WriteCsat);
        WriteOptional(w.Key("ces"), m.ces, WriteCes);
        WriteOptional(w.Key("fcr"), m.fcr, WriteFcr);
        WriteOptional(w.Key("unit_economics"), m.unit_economics, WithExponent(WriteUnit, e));
        WriteOptional(w.Key("revenue_at_risk"), m.revenue_at_risk, WithExponent(WriteRisk, e));
        WriteOptional(w.Key("nps_classes"), m.nps_classes, WithExponent(WriteNpsClasses, e));
      });
    }
  });
}

void WriteCohorts(JsonWriter& w, const std::vector<Cohort>& cohorts, int e) {
  w.Object([&] {
    for (const Cohort& c : cohorts) {
      w.Key(FormatMonth(c.month)).Object([&] {
        w.Field("size", c.size);
        w.Key("mrr").Money(c.mrr, e);
        w.Key("ages").Array([&] {
          for (const CohortAge& a : c.ages)
            w.Object([&] {
              w.Field("age", a.age);
              w.Field("customers", a.customers);
              w.Field("logo_retention", a.logo_retention);
              w.Key("mrr").Money(a.mrr, e);
              w.Key("revenue_retention").Opt(a.revenue_retention);
            });
        });
      });
    }
  });
}

void WriteSurvival(JsonWriter& w, const SurvivalCurve& s) {
  w.Object([&] {
    w.Field("customers", s.customers);
    w.Field("events", s.events);
    w.Field("censored", s.censored);
    w.Key("median_months").Opt(s.median);
    w.Key("median_months_lower").Opt(s.median_lower);
    w.Key("median_months_upper").Opt(s.median_upper);
    w.Key("table").Array([&] {
      for (const SurvivalRow& r : s.table)
        w.Object([&] {
          w.Field("t", r.t);
          w.Field("at_risk", r.at_risk);
          w.Field("events", r.events);
          w.Field("censored", r.censored);
          w.Field("survival", r.survival);
          w.Key("se").Opt(r.se);
          w.Key("se_log").Opt(r.se_log);
          w.Key("lower").Opt(r.lower);
          w.Key("upper").Opt(r.upper);
        });
    });
  });
}

void WriteOnboarding(JsonWriter& w, const std::vector<OnboardingMonth>& months) {
  w.Object([&] {
    for (const OnboardingMonth& m : months)
      w.Key(FormatMonth(m.month)).Object([&] {
        w.Field("started", m.started);
        w.Field("completed", m.completed);
        w.Key("completion_rate").Opt(m.completion_rate);
        w.Key("median_days").Opt(m.median_days);
      });
  });
}

void WriteFeedback(JsonWriter& w, const FeedbackReport& f) {
  w.Object([&] {
    w.Field("weighted_by_mrr", f.weighted);
    // A family's groups are consecutive (FeedbackThemes adds them family by family).
    w.Key("groups").Object([&] {
      for (size_t i = 0; i < f.groups.size();) {
        const std::string& family = f.groups[i].family;
        w.Key(family).Object([&] {
          for (; i < f.groups.size() && f.groups[i].family == family; ++i) {
            const FeedbackGroup& g = f.groups[i];
            w.Key(g.name).Object([&] {
              w.Field("comments", g.comments);
              w.Key("terms").Array([&] {
                for (const FeedbackTerm& t : g.terms)
                  w.Object([&] {
                    w.Key("term").String(t.term);
                    w.Field("count", t.count);
                    w.Field("weight", t.weight);
                    w.Field("score", t.score);
                    w.Key("ids").Array([&] {
                      for (const uint32_t id : t.ids) w.Number(id);
                    });
                  });
              });
            });
          }
        });
      }
    });
    w.Key("comments").Object([&] {
      for (const auto& [id, text] : f.comments) w.Key(std::to_string(id)).String(text);  // ids from a map
    });
  });
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
  JsonWriter w(indent);
  const int e = report.meta.minor_unit_exponent;
  w.Object([&] {
    w.Key("meta").Tree(MetaJson(report.meta));
    WriteMonths(w.Key("months"), report.months, e);
    WriteOptional(w.Key("overall"), report.overall, [](JsonWriter& to, const OverallVoice& o) {
      to.Object([&] {
        WriteNpsSection(to.Key("nps"), o.nps);
        WriteCsat(to.Key("csat"), o.csat);
        WriteCes(to.Key("ces"), o.ces);
      });
    });
    WriteOptional(w.Key("cohorts"), report.cohorts, WithExponent(WriteCohorts, e));
    WriteOptional(w.Key("survival"), report.survival, WriteSurvival);
    WriteOptional(w.Key("onboarding"), report.onboarding, WriteOnboarding);
    WriteOptional(w.Key("feedback"), report.feedback, WriteFeedback);
    w.Key("models").Tree(ModelsJson(report, e));
    w.Key("reference_bands").Tree(ReferenceBandsJson());
    if (report.segments) {
      // Segment names are distinct.
      w.Key("segments").Object([&] {
        for (const SegmentReport& s : *report.segments) WriteMonths(w.Key(s.value), s.months, e);
      });
      w.Key("segment_cohorts").Object([&] {
        for (const SegmentReport& s : *report.segments) WriteCohorts(w.Key(s.value), s.cohorts, e);
      });
      w.Key("segment_survival").Object([&] {
        for (const SegmentReport& s : *report.segments) WriteSurvival(w.Key(s.value), s.survival);
      });
    }
  });
  return w.Take();
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
