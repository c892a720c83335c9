// SPDX-License-Identifier: MIT
#include "core/rfm_summary.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace csm {

namespace {

double DaysPerUnit(TimeUnit unit) { return unit == TimeUnit::kWeeks ? 7.0 : 1.0; }

// The summary of one customer's purchases, sorted by day.
CustomerRfm SummariseCustomer(std::span<const Purchase> purchases, const RfmOptions& options,
                              int32_t holdout_end) {
  const double unit = DaysPerUnit(options.unit);
  CustomerRfm c;
  c.customer = purchases.front().customer;
  c.first_day = purchases.front().day;
  int32_t last_day = c.first_day;
  double repeat_spend = 0;
  for (size_t i = 0; i < purchases.size();) {
    const int32_t day = purchases[i].day;
    double day_spend = 0;
    for (; i < purchases.size() && purchases[i].day == day; ++i) day_spend += purchases[i].amount;
    if (day > holdout_end) break;
    if (day > options.calibration_end) {
      ++c.holdout_x;
    } else if (day != c.first_day) {
      ++c.x;
      repeat_spend += day_spend;
      last_day = day;
    }
  }
  c.t_x = (last_day - c.first_day) / unit;
  c.T = (options.calibration_end - c.first_day) / unit;
  c.zbar = c.x > 0 ? repeat_spend / c.x : 0.0;
  return c;
}

}  // namespace

RfmSummary SummariseRfm(std::span<const Purchase> purchases, const RfmOptions& options) {
  RfmSummary summary;
  summary.holdout_end = options.calibration_end;
  for (const Purchase& p : purchases) {
    if (!std::isfinite(p.amount))
      throw std::invalid_argument("purchase amount is not a finite number (customer " +
                                  std::to_string(p.customer) + ", day " + std::to_string(p.day) +
                                  ")");
    summary.holdout_end = std::max(summary.holdout_end, p.day);
  }
  if (options.holdout_end) {
    if (*options.holdout_end < options.calibration_end)
      throw std::invalid_argument("holdout end " + std::to_string(*options.holdout_end) +
                                  " is before calibration end " +
                                  std::to_string(options.calibration_end));
    summary.holdout_end = *options.holdout_end;
  }
  summary.holdout_length =
      (summary.holdout_end - options.calibration_end) / DaysPerUnit(options.unit);

  std::vector<Purchase> sorted(purchases.begin(), purchases.end());
  // stable: same-day amounts are then summed in input order, so the result does not
  // depend on the sort implementation.
  std::stable_sort(sorted.begin(), sorted.end(), [](const Purchase& a, const Purchase& b) {
    return a.customer != b.customer ? a.customer < b.customer : a.day < b.day;
  });
  for (size_t begin = 0; begin < sorted.size();) {
    size_t end = begin;
    while (end < sorted.size() && sorted[end].customer == sorted[begin].customer) ++end;
    if (sorted[begin].day <= options.calibration_end)
      summary.customers.push_back(SummariseCustomer(
          std::span<const Purchase>(sorted).subspan(begin, end - begin), options,
          summary.holdout_end));
    begin = end;
  }
  return summary;
}

}  // namespace csm
