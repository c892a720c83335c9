// SPDX-License-Identifier: MIT
#pragma once
#include <functional>
#include <string>
#include <vector>

#include "core/report.hpp"
#include "core/tables.hpp"

namespace csm {

/// Inputs of the feedback themes (METRICS.md "Qualitative feedback").
struct FeedbackSettings {
  Month from = 0, to = 0;
  int csat_threshold = 4;
  size_t top_terms = 20;
  size_t max_ids = 100;  ///< comment ids listed per term (its count is always complete)
  /// Each comment weighs its customer's MRR at the comment's month (revenue at risk);
  /// empty: every comment weighs 1.
  std::function<double(uint32_t customer, Month m)> weight;
  /// Whether a customer churned after commenting: paid after the comment and not at `to`.
  std::function<bool(uint32_t customer, Month m)> churned_after;
};

/// The most distinctive terms of each group of comments dated in [from, to] against the
/// rest of its family: NPS promoters / passives / detractors, CSAT positive / negative,
/// customers who later churned / stayed.
FeedbackReport FeedbackThemes(const Dataset& ds, const FeedbackSettings& settings);

}  // namespace csm
