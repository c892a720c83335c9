// SPDX-License-Identifier: MIT
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/currency_context.hpp"
#include "core/dates.hpp"
#include "core/report.hpp"
#include "core/tables.hpp"

namespace csm {

/// Which customers to list: those behind one figure of one month (and segment).
struct DrillDownQuery {
  Month month = 0;
  Month to = 0;  ///< the report window's end: segments are assigned as in that report
  /// new, reactivation, expansion, contraction, churn, churn_voluntary,
  /// churn_involuntary, churn_unknown, upsell, cross_sell, retained, paying; or a model:
  /// sbg (subscribers' DERL and CLV), bg_nbd (purchasers' P(alive), expectations, CLV)
  std::string movement;
  std::string segment_by;             ///< empty: every customer
  std::optional<std::string> segment; ///< a value of segment_by
};

struct DrillDownRow {
  std::string customer_id;
  int64_t mrr_prev = 0;  ///< c(m-1) at month m's rate (constant currency)
  int64_t mrr = 0;       ///< c(m)
  int64_t amount = 0;    ///< the customer's part of the figure
  std::string churn_type;  ///< for churns; empty otherwise
  std::string segment;     ///< with segment_by
  std::optional<SubscriberValue> subscriber;  ///< movement sbg
  std::optional<PurchaserValue> purchaser;    ///< movement bg_nbd
};

struct DrillDown {
  DrillDownQuery query;
  std::vector<DrillDownRow> customers;  ///< by customer_id
  int64_t amount = 0;                   ///< sum of the rows' amounts: the report's figure
  int minor_unit_exponent = 2;          ///< of the reporting currency
};

/// Throws CsmError(invalid_option) for an unknown movement.
DrillDown DrillDownMovement(const Dataset& ds, const CurrencyContext& fx, const DrillDownQuery& query);

/// The customers behind the models' figures of a report whose window ends at query.month:
/// movement sbg lists the subscribers (amount: CLV, summing to active_base.value), bg_nbd
/// the purchasers (amount: CLV, summing to gamma_gamma.clv_total). Amounts are 0 without
/// a gross margin. Throws CsmError(invalid_option) with a segment, or when the model's
/// table is missing or its fit failed.
DrillDown DrillDownModel(const Dataset& ds, const Report& report, const DrillDownQuery& query);

bool IsModelDrillDown(const std::string& movement);

/// The movement names DrillDownQuery accepts.
const std::vector<std::string>& DrillDownMovements();

}  // namespace csm
