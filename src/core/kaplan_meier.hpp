// SPDX-License-Identifier: MIT
#pragma once
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace csm {

/// One subject: tenure in whole months, and whether it ended in an event (a churn) or was
/// censored (still there when observation stopped).
struct SurvivalObservation {
  int32_t tenure = 0;
  bool event = false;
};

struct SurvivalRow {
  int32_t t = 0;
  int64_t at_risk = 0, events = 0, censored = 0;
  double survival = 1;
  std::optional<double> se, se_log, lower, upper;  ///< none once survival reaches 0
};

struct SurvivalCurve {
  int64_t customers = 0, events = 0, censored = 0;
  std::optional<int32_t> median, median_lower, median_upper;
  std::vector<SurvivalRow> table;  ///< t = 0 .. the largest tenure
};

/// Kaplan-Meier product-limit estimate with Greenwood's variance on the log scale (R
/// survival's default band, upper limit capped at 1). Subjects censored at t are at risk
/// at t. The median is the smallest t with S(t) <= 0.5; its interval is where the band
/// crosses 0.5. Linear in subjects plus the largest tenure. Throws std::invalid_argument
/// on a negative tenure.
SurvivalCurve KaplanMeier(std::span<const SurvivalObservation> observations,
                          double z = 1.959963984540054);

}  // namespace csm
