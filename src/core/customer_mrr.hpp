// SPDX-License-Identifier: MIT
#pragma once
#include <cstdint>
#include <span>
#include <vector>

#include "core/currency_context.hpp"
#include "core/exact.hpp"
#include "core/tables.hpp"

namespace csm {

/// One customer's monthly recurring revenue c(m), in minor units of the reporting
/// currency, from its first recurring row's month; c(m) is 0 after the last month held
/// (the end of the axis, or earlier for a customer that stopped paying).
struct CustomerMonths {
  uint32_t customer = kNoId;
  Month first = 0;
  std::span<const int64_t> mrr;         ///< c(first + i)
  /// The same from rows billed per >= 12 months; empty when the customer has none.
  std::span<const int64_t> contracted;
  /// c(m-1) converted at month m's rate (constant currency, METRICS.md); empty when
  /// prev_is_shift.
  std::span<const int64_t> prev_at_rate;
  std::span<const uint32_t> rows;       ///< the customer's recurring rows, input order
  /// c(m-1) at month m's rate is c(m-1) itself (no conversion): the movements then happen
  /// only where c changes, and the accumulators can work run by run.
  bool prev_is_shift = true;
  int64_t At(Month m) const {
    return m < first || m >= first + Month(mrr.size()) ? 0 : mrr[m - first];
  }
  /// The month after the last with MRR > 0 (`first` when none): no later month has any.
  Month AfterLastPaying() const {
    size_t paid = mrr.size();
    while (paid > 0 && mrr[paid - 1] == 0) --paid;
    return first + Month(paid);
  }
  int64_t PrevAtRate(Month m) const {
    if (prev_is_shift) return At(m - 1);
    return m <= first || m >= first + Month(mrr.size()) ? 0 : prev_at_rate[m - first];
  }
};

/// Walks customers one at a time, so the whole customer x month matrix never exists:
/// memory is O(rows) plus one customer's months, time O(rows + customers x months).
/// c(m) is the exact sum of the rows in force at the end of m, rounded once, half to
/// even, after conversion at month m's rate (METRICS.md).
class CustomerMrrWalk {
 public:
  CustomerMrrWalk(const SubscriptionsTable& t, const CurrencyContext& fx, Month last);

  size_t customer_slots() const { return offsets_.size() - 1; }
  /// The months of the customer in slot k (empty mrr when it has no row up to `last`).
  CustomerMonths Compute(size_t k);

  template <class Visit>
  void ForEach(Visit&& visit) {
    for (size_t k = 0; k < customer_slots(); ++k) {
      if (offsets_[k] == offsets_[k + 1]) continue;
      CustomerMonths c = Compute(k);
      if (!c.mrr.empty()) visit(c);
    }
  }

  /// Normalised monthly amount of a row as numerator / (12 x interval_count), in
  /// millionths of its currency: amount x quantity x {365, 52, 12, 4, 1} per interval.
  static Wide RowNumerator(const SubscriptionsTable& t, uint32_t row);
  static bool IsContracted(const SubscriptionsTable& t, uint32_t row);

 private:
  // Returns whether prev_out (when given) is out shifted by one month.
  bool Accumulate(std::span<const uint32_t> rows, Month first, bool contracted_only,
                  std::vector<int64_t>& out, std::vector<int64_t>* prev_out);
  bool AccumulateNarrow(std::span<const uint32_t> rows, Month first, bool contracted_only,
                        std::vector<int64_t>& out);
  // Months [from, to) each of the customer's rows is in force, computed once per customer.
  struct RowSpan {
    Month from, to;
  };
  const SubscriptionsTable& t_;
  const CurrencyContext& fx_;
  Month last_;
  Day after_last_;                 // the first day after month `last`
  MonthsOfDays month_of_;          // the rows' days up to after_last_
  std::vector<uint32_t> offsets_;  // per customer id, into order_
  std::vector<uint32_t> order_;    // recurring rows grouped by customer
  std::vector<int64_t> mrr_, contracted_, prev_;
  std::vector<Wide> diff_, sum_, sum_prev_;
  std::vector<int64_t> narrow_diff_, narrow_values_;
  std::vector<RowSpan> spans_;  // parallel to the current customer's rows
  std::vector<uint32_t> currencies_;
};

}  // namespace csm
