// SPDX-License-Identifier: MIT
#pragma once
#include <string>
#include <vector>

#include "core/customer_mrr.hpp"
#include "core/tables.hpp"

namespace csm {

/// Splits customers by one attribute (docs/metrics.md, "Segments"). A customer belongs to
/// one segment for the whole report, so every segment's bridge balances and the
/// segments' money figures sum exactly to the totals:
/// - a column of `customers` (joined by customer_id): its value there, "" when absent;
/// - `plan` or another column of `subscriptions`: the value on the row carrying most of
///   the customer's MRR at the end of its last paying month up to `to` (ties: the
///   earlier row in the file); a customer that never paid takes its last row's value.
class Segmenter {
 public:
  /// Throws CsmError(invalid_option) when no table has the attribute.
  Segmenter(const Dataset& ds, const std::string& attribute, Month to);

  /// The segment of a customer walked by CustomerMrrWalk (records it for SegmentOf).
  uint32_t Assign(const CustomerMonths& c);
  /// The segment of a customer without recurring rows (a one_time row's customer).
  uint32_t SegmentOfRow(uint32_t customer, uint32_t row);
  /// The segment of any customer id (survey answers, tickets, purchases): its assigned one,
  /// else its customers-table value, else "".
  uint32_t SegmentOfCustomer(uint32_t customer);

  size_t size() const { return names_.size(); }
  const std::string& name(uint32_t segment) const { return names_[segment]; }

 private:
  uint32_t GroupOfValue(uint32_t value_id);
  uint32_t RowValue(uint32_t row) const;

  const Dataset& ds_;
  const SubscriptionsTable* t_;  // null when only customers is loaded
  Month to_;
  int row_attribute_ = -1;              // index in subscriptions attributes, -2 for plan
  std::vector<uint32_t> customer_value_;  // customers-table attribute per customer id
  std::vector<uint32_t> assigned_;      // segment per customer id, kNoId before Assign
  std::vector<uint32_t> group_of_value_;
  std::vector<std::string> names_;
};

}  // namespace csm
