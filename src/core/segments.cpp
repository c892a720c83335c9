// SPDX-License-Identifier: MIT
#include "core/segments.hpp"

#include "core/errors.hpp"
#include "core/text.hpp"

namespace csm {
namespace {

constexpr int kPlan = -2;

}  // namespace

Segmenter::Segmenter(const Dataset& ds, const std::string& attribute, Month to)
    : ds_(ds), t_(ds.subscriptions ? &*ds.subscriptions : nullptr), to_(to) {
  if (t_ && EqualsIgnoreCase(attribute, "plan")) {
    row_attribute_ = kPlan;
  } else if (int i = t_ ? t_->attributes.Find(attribute) : -1; i >= 0) {
    row_attribute_ = i;
  } else if (int j = ds.customers_table ? ds.customers_table->attributes.Find(attribute) : -1; j >= 0) {
    const CustomersTable& c = *ds.customers_table;
    customer_value_.assign(ds.customers.size(), kNoId);
    for (size_t r = 0; r < c.size(); ++r) customer_value_[c.customer[r]] = c.attributes.values[size_t(j)][r];
  } else {
    throw CsmError(ErrorCode::kInvalidOption,
                   "segmentBy: " + QuoteForMessage(attribute) +
                       " is not a column of subscriptions or customers");
  }
  assigned_.assign(ds.customers.size(), kNoId);
}

uint32_t Segmenter::GroupOfValue(uint32_t value_id) {
  if (value_id == kNoId) {  // no value: the segment "" whether or not "" was ever interned
    value_id = ds_.values.Find("");
    if (value_id == kNoId) value_id = uint32_t(ds_.values.size());
  }
  if (group_of_value_.size() <= value_id) group_of_value_.resize(value_id + 1, kNoId);
  uint32_t& group = group_of_value_[value_id];
  if (group == kNoId) {
    group = uint32_t(names_.size());
    names_.emplace_back(value_id < ds_.values.size() ? ds_.values.Get(value_id) : std::string_view());
  }
  return group;
}

uint32_t Segmenter::RowValue(uint32_t row) const {
  return row_attribute_ == kPlan ? t_->plan[row] : t_->attributes.values[size_t(row_attribute_)][row];
}

uint32_t Segmenter::Assign(const CustomerMonths& c) {
  uint32_t value = kNoId;
  if (row_attribute_ == -1) {
    value = customer_value_[c.customer];
  } else {
    Month last = c.first - 1;
    for (Month m = std::min<Month>(to_, c.first + Month(c.mrr.size()) - 1); m >= c.first; --m)
      if (c.At(m) > 0) {
        last = m;
        break;
      }
    int64_t best = -1;
    for (uint32_t r : c.rows) {
      if (last < c.first) {  // never paid: the latest row by start
        if (best < 0 || t_->start[r] >= t_->start[size_t(best)]) best = r;
        continue;
      }
      const Day end_of_last = LastDayOfMonth(last);
      if (t_->start[r] > end_of_last || (t_->end[r] != kNoDay && t_->end[r] <= end_of_last)) continue;
      // Normalised amounts compare as numerator / interval_count, cross-multiplied.
      const auto b = size_t(best);
      if (best < 0 || CustomerMrrWalk::RowNumerator(*t_, r) * t_->interval_count[b] >
                          CustomerMrrWalk::RowNumerator(*t_, b) * t_->interval_count[r])
        best = r;
    }
    if (best >= 0) value = RowValue(uint32_t(best));
  }
  return assigned_[c.customer] = GroupOfValue(value);
}

uint32_t Segmenter::SegmentOfRow(uint32_t customer, uint32_t row) {
  if (assigned_[customer] != kNoId) return assigned_[customer];
  return GroupOfValue(row_attribute_ == -1 ? customer_value_[customer] : RowValue(row));
}

uint32_t Segmenter::SegmentOfCustomer(uint32_t customer) {
  if (customer < assigned_.size() && assigned_[customer] != kNoId) return assigned_[customer];
  const bool by_customer = row_attribute_ == -1 && customer < customer_value_.size();
  return assigned_[customer] = GroupOfValue(by_customer ? customer_value_[customer] : kNoId);
}

}  // namespace csm
