// SPDX-License-Identifier: MIT
#include "core/drill_down.hpp"

#include <algorithm>

#include "core/customer_mrr.hpp"
#include "core/errors.hpp"
#include "core/mrr_movements.hpp"
#include "core/segments.hpp"
#include "core/subscription_metrics.hpp"
#include "core/text.hpp"

namespace csm {
namespace {

const char* ChurnTypeName(ChurnType t) {
  switch (t) {
    case ChurnType::kVoluntary: return "voluntary";
    case ChurnType::kInvoluntary: return "involuntary";
    case ChurnType::kUnknown: break;
  }
  return "unknown";
}

const char* KindName(MovementKind k) {
  switch (k) {
    case MovementKind::kNew: return "new";
    case MovementKind::kReactivation: return "reactivation";
    case MovementKind::kExpansion: return "expansion";
    case MovementKind::kContraction: return "contraction";
    case MovementKind::kChurn: return "churn";
    case MovementKind::kNone: break;
  }
  return "";
}

// Whether a customer with this movement belongs to the figure `wanted`, and its part.
bool Matches(const std::string& wanted, MovementKind kind, const SubscriptionsTable& t,
             const CustomerMonths& c, Month m, DrillDownRow& row) {
  const int64_t prev = row.mrr_prev, cur = row.mrr;
  if (wanted == "paying") return row.amount = cur, cur > 0;
  if (wanted == "retained") return row.amount = cur, prev > 0 && cur > 0;
  row.amount = MovementAmount(kind, prev, cur);
  if (kind == MovementKind::kChurn) {
    row.churn_type = ChurnTypeName(ChurnTypeOf(t, c.rows, m));
    return wanted == "churn" || wanted == "churn_" + row.churn_type;
  }
  if (kind == MovementKind::kExpansion && (wanted == "upsell" || wanted == "cross_sell"))
    return IsCrossSell(t, c.rows, m) == (wanted == "cross_sell");
  return wanted == KindName(kind);
}

}  // namespace

bool IsModelDrillDown(const std::string& movement) { return movement == "sbg" || movement == "bg_nbd"; }

DrillDown DrillDownModel(const Dataset& ds, const Report& report, const DrillDownQuery& query) {
  if (query.segment) throw CsmError(ErrorCode::kInvalidOption, "the models are fitted on every customer: drop segment");
  DrillDown out{query, {}, 0, report.meta.minor_unit_exponent};
  out.query.segment_by.clear();
  auto add = [&](uint32_t customer, int64_t mrr, std::optional<int64_t> clv) -> DrillDownRow& {
    DrillDownRow& row = out.customers.emplace_back();
    row.customer_id = std::string(ds.customers.Get(customer));
    row.mrr = mrr;
    row.amount = clv.value_or(0);
    out.amount += row.amount;
    return row;
  };
  if (query.movement == "sbg") {
    if (!report.sbg) throw CsmError(ErrorCode::kInvalidOption, "the sbg model needs the subscriptions table");
    if (!report.sbg->error.empty())
      throw CsmError(ErrorCode::kUnidentifiable, "the sbg model could not be fitted: " + report.sbg->error);
    for (const SubscriberValue& v : report.sbg->subscribers)
      add(v.subscriber.customer, v.subscriber.mrr, v.clv).subscriber = v;
  } else {
    if (!report.purchases) throw CsmError(ErrorCode::kInvalidOption, "the bg_nbd model needs the transactions table");
    if (!report.purchases->bgnbd_error.empty())
      throw CsmError(ErrorCode::kUnidentifiable, "the bg_nbd model could not be fitted: " + report.purchases->bgnbd_error);
    for (const PurchaserValue& v : report.purchases->purchasers) add(v.customer, 0, v.clv).purchaser = v;
  }
  std::sort(out.customers.begin(), out.customers.end(),
            [](const DrillDownRow& a, const DrillDownRow& b) { return a.customer_id < b.customer_id; });
  return out;
}

const std::vector<std::string>& DrillDownMovements() {
  static const std::vector<std::string> names = {
      "new", "reactivation", "expansion", "contraction", "churn", "churn_voluntary",
      "churn_involuntary", "churn_unknown", "upsell", "cross_sell", "retained", "paying", "sbg", "bg_nbd"};
  return names;
}

DrillDown DrillDownMovement(const Dataset& ds, const CurrencyContext& fx, const DrillDownQuery& query) {
  const auto& names = DrillDownMovements();
  if (std::find(names.begin(), names.end(), query.movement) == names.end())
    throw CsmError(ErrorCode::kInvalidOption, "movement " + QuoteForMessage(query.movement) +
                                                  " is not one of new, reactivation, expansion, contraction, "
                                                  "churn, churn_voluntary, churn_involuntary, churn_unknown, "
                                                  "upsell, cross_sell, retained, paying, sbg, bg_nbd");
  if (query.segment && query.segment_by.empty())
    throw CsmError(ErrorCode::kInvalidOption, "segment needs segmentBy");
  DrillDown out{query, {}, 0, fx.exponent()};
  if (!ds.subscriptions) return out;
  const SubscriptionsTable& t = *ds.subscriptions;
  std::optional<Segmenter> segmenter;
  const Month last = std::max(query.month, query.to);
  if (!query.segment_by.empty()) segmenter.emplace(ds, query.segment_by, last);
  CustomerMrrWalk walk(t, fx, last);
  walk.ForEach([&](const CustomerMonths& c) {
    DrillDownRow row;
    if (segmenter) row.segment = segmenter->name(segmenter->Assign(c));
    if (query.segment && row.segment != *query.segment) return;
    const std::optional<Month> k = FirstPayingMonth(c);
    if (!k || *k > query.month) return;
    row.mrr_prev = c.PrevAtRate(query.month);
    row.mrr = c.At(query.month);
    const MovementKind kind = ClassifyMovement(row.mrr_prev, row.mrr, *k < query.month - 1);
    if (!Matches(query.movement, kind, t, c, query.month, row)) return;
    row.customer_id = std::string(ds.customers.Get(c.customer));
    out.amount += row.amount;
    out.customers.push_back(std::move(row));
  });
  std::sort(out.customers.begin(), out.customers.end(),
            [](const DrillDownRow& a, const DrillDownRow& b) { return a.customer_id < b.customer_id; });
  return out;
}

}  // namespace csm
