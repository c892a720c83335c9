// SPDX-License-Identifier: MIT
#pragma once
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace csm {

// The recency-frequency-monetary summary that the non-contractual purchase models (BG/NBD,
// Gamma-Gamma) take as data, in the notation of Fader, Hardie & Lee (2005): a customer is
// described by how often (x) and how recently (t_x) they bought within the time they were
// observed (T), not by the individual purchase dates.

/// One purchase. `day` is any day number (e.g. days since 1970-01-01); only differences count.
struct Purchase {
  uint32_t customer = 0;
  int32_t day = 0;
  double amount = 0;
};

enum class TimeUnit { kDays, kWeeks };

struct RfmOptions {
  int32_t calibration_end = 0;         ///< last day of the calibration period, inclusive
  /// Last day of the holdout period, inclusive. Without it the holdout runs to the last
  /// purchase in the data (so every later purchase counts).
  std::optional<int32_t> holdout_end;
  TimeUnit unit = TimeUnit::kWeeks;    ///< unit of t_x and T (weeks = days / 7)
};

/// One customer's summary. Purchases on the same day are one transaction: the models count
/// purchase occasions, and a basket split over several order lines is still one occasion.
struct CustomerRfm {
  uint32_t customer = 0;
  int32_t first_day = 0;  ///< day of the first purchase (the start of the customer's clock)
  int x = 0;              ///< repeat transactions: distinct calibration purchase days - 1
  double t_x = 0;         ///< recency: first to last calibration purchase (0 when x = 0)
  double T = 0;           ///< first purchase to calibration end
  /// Mean spend per repeat transaction (a transaction's spend is its day's total), excluding
  /// the first day: the acquisition order is often atypical. 0 when x = 0.
  double zbar = 0;
  int holdout_x = 0;  ///< distinct purchase days after calibration end, up to holdout end
};

struct RfmSummary {
  std::vector<CustomerRfm> customers;  ///< ascending by customer id
  int32_t holdout_end = 0;             ///< the holdout end used (see RfmOptions)
  double holdout_length = 0;           ///< holdout_end - calibration_end, in the time unit
};

/// Summarises purchases in any order. Customers whose first purchase falls after the
/// calibration end are left out (they were not yet customers); purchases after the holdout
/// end are ignored. Throws std::invalid_argument for a non-finite amount or a holdout end
/// before the calibration end.
RfmSummary SummariseRfm(std::span<const Purchase> purchases, const RfmOptions& options);

}  // namespace csm
