// SPDX-License-Identifier: MIT
#include "core/kaplan_meier.hpp"

#include <cmath>
#include <stdexcept>

#include "core/portable_math.hpp"

namespace csm {
namespace {

// Smallest t whose value is at most 0.5; a band that has ended (S = 0) counts as 0.
std::optional<int32_t> FirstAtOrBelowHalf(const std::vector<SurvivalRow>& table,
                                          std::optional<double> SurvivalRow::*band) {
  for (const SurvivalRow& row : table) {
    const double v = band ? (row.*band).value_or(0.0) : row.survival;
    if (v <= 0.5) return row.t;
  }
  return std::nullopt;
}

}  // namespace

SurvivalCurve KaplanMeier(std::span<const SurvivalObservation> observations, double z) {
  SurvivalCurve curve;
  int32_t max_t = -1;
  for (const SurvivalObservation& o : observations) {
    if (o.tenure < 0) throw std::invalid_argument("a survival tenure is negative");
    max_t = std::max(max_t, o.tenure);
  }
  std::vector<int64_t> events(size_t(max_t + 1), 0), censored(size_t(max_t + 1), 0);
  for (const SurvivalObservation& o : observations) ++(o.event ? events : censored)[size_t(o.tenure)];
  curve.customers = int64_t(observations.size());
  int64_t at_risk = curve.customers;
  double s = 1, greenwood = 0;
  bool ended = false;
  for (int32_t t = 0; t <= max_t; ++t) {
    SurvivalRow row;
    row.t = t;
    row.at_risk = at_risk;
    row.events = events[size_t(t)];
    row.censored = censored[size_t(t)];
    if (row.events > 0) {
      s *= 1.0 - double(row.events) / double(at_risk);
      if (row.events == at_risk) ended = true;  // Greenwood's term divides by zero: S = 0
      else greenwood += double(row.events) / (double(at_risk) * double(at_risk - row.events));
    }
    row.survival = ended ? 0.0 : s;
    if (!ended) {
      row.se_log = std::sqrt(greenwood);
      row.se = s * *row.se_log;
      row.lower = s * PortableExp(-z * *row.se_log);
      row.upper = std::min(1.0, s * PortableExp(z * *row.se_log));
    }
    curve.events += row.events;
    curve.censored += row.censored;
    at_risk -= row.events + row.censored;
    curve.table.push_back(row);
  }
  curve.median = FirstAtOrBelowHalf(curve.table, nullptr);
  // The lower band reaches 0.5 first: it bounds the median from below.
  curve.median_lower = FirstAtOrBelowHalf(curve.table, &SurvivalRow::lower);
  curve.median_upper = FirstAtOrBelowHalf(curve.table, &SurvivalRow::upper);
  return curve;
}

}  // namespace csm
