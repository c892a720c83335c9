// SPDX-License-Identifier: MIT
#include "core/customer_mrr.hpp"

#include <algorithm>

#include "core/money.hpp"

namespace csm {
namespace {

constexpr int kFactor[] = {365, 52, 12, 4, 1, 0};  // per Interval, over 12 months
constexpr Wide kRateOne = 1'000'000'000'000;        // rates carry 12 decimals

Day EarliestStart(const SubscriptionsTable& t) {
  Day first = kNoDay;
  for (Day d : t.start) first = std::min(first, d);
  return first;
}

}  // namespace

CustomerMrrWalk::CustomerMrrWalk(const SubscriptionsTable& t, const CurrencyContext& fx, Month last)
    : t_(t), fx_(fx), last_(last),
      after_last_(FirstDayOfMonth(last + 1)),
      month_of_(EarliestStart(t), after_last_) {
  uint32_t customers = 0;
  for (uint32_t c : t.customer) customers = std::max(customers, c + 1);
  offsets_.assign(customers + 1, 0);
  for (size_t r = 0; r < t.size(); ++r)
    if (t.interval[r] != Interval::kOneTime) ++offsets_[t.customer[r] + 1];
  for (size_t k = 0; k < customers; ++k) offsets_[k + 1] += offsets_[k];
  order_.resize(offsets_.back());
  std::vector<uint32_t> cursor(offsets_.begin(), offsets_.end() - 1);
  for (size_t r = 0; r < t.size(); ++r)
    if (t.interval[r] != Interval::kOneTime) order_[cursor[t.customer[r]]++] = uint32_t(r);
}

Wide CustomerMrrWalk::RowNumerator(const SubscriptionsTable& t, uint32_t r) {
  return MulChecked(MulChecked(t.amount[r], t.quantity[r]), kFactor[int(t.interval[r])]);
}

bool CustomerMrrWalk::IsContracted(const SubscriptionsTable& t, uint32_t r) {
  // Billing period of at least 12 months: interval_count x the interval's months.
  static constexpr int kMinCount[] = {365, 52, 12, 4, 1, INT32_MAX};
  return t.interval_count[r] >= kMinCount[int(t.interval[r])];
}

// The common case (one currency, the reporting one, amounts far from 2^63) in 64-bit
// arithmetic: wasm has no native 128-bit multiply or divide, and this loop runs for every
// customer-month. Returns false, computing nothing, when the bounds do not hold; amounts
// are never negative (DATA.md), so no partial sum exceeds the total.
bool CustomerMrrWalk::AccumulateNarrow(std::span<const uint32_t> rows, Month first, bool contracted_only,
                                       std::vector<int64_t>& out) {
  constexpr int64_t kLimit = int64_t(1) << 61;
  auto counts = [&](uint32_t r) { return !contracted_only || IsContracted(t_, r); };
  int64_t lcm = 12;
  for (uint32_t r : rows)
    if (counts(r) && t_.interval_count[r] != 1) lcm = Lcm(lcm, 12 * int64_t(t_.interval_count[r]));
  if (lcm > (kLimit - 1) / kMicro) return false;
  // Each row's numerator over the common denominator; no division for the usual count 1.
  auto multiple = [&](uint32_t r) {
    return t_.interval_count[r] == 1 ? lcm / 12 : lcm / (12 * int64_t(t_.interval_count[r]));
  };
  std::vector<int64_t>& values = narrow_values_;
  values.resize(rows.size());
  int64_t total = 0;
  for (size_t j = 0; j < rows.size(); ++j) {
    const uint32_t r = rows[j];
    int64_t v = 0;
    if (counts(r) && (!MulFits64(t_.amount[r], int64_t(t_.quantity[r]), v) ||
                      !MulFits64(v, kFactor[int(t_.interval[r])] * multiple(r), v) ||
                      __builtin_add_overflow(total, v, &total)))
      return false;
    values[j] = v;
  }
  const int64_t scale = Pow10(fx_.exponent());
  if (total < 0 || total > (kLimit - 1) / scale) return false;
  // All zeros between customers: the loop below clears each entry it reads, and the one
  // after the last.
  std::vector<int64_t>& diff = narrow_diff_;
  const size_t axis = size_t(last_ - first + 1);  // months up to the end of the axis
  if (diff.size() < axis + 1) diff.resize(axis + 1, 0);
  Month end = first + 1;  // c(m) is 0 from here on: a churned customer's months stop there
  for (size_t j = 0; j < rows.size(); ++j) {
    if (values[j] == 0 || spans_[j].from >= spans_[j].to) continue;
    diff[size_t(spans_[j].from - first)] += values[j];
    diff[size_t(spans_[j].to - first)] -= values[j];
    end = std::max(end, spans_[j].to);
  }
  const size_t n = size_t(end - first);
  out.resize(n);  // every month is written below
  // c(m) changes only where a row starts or ends: round there, copy elsewhere.
  const int64_t den = lcm * kMicro;
  int64_t running = 0, rounded = 0;
  for (size_t i = 0; i < n; ++i) {
    if (diff[i] != 0) {
      running += diff[i];
      diff[i] = 0;
      rounded = running == 0 ? 0 : RoundHalfEven64(running * scale, den);
    }
    out[i] = rounded;
  }
  diff[n] = 0;
  return true;
}

CustomerMonths CustomerMrrWalk::Compute(size_t k) {
  std::span<const uint32_t> rows(order_.data() + offsets_[k], offsets_[k + 1] - offsets_[k]);
  CustomerMonths out;
  out.customer = uint32_t(k);
  out.rows = rows;
  Month first = INT32_MAX;
  spans_.resize(rows.size());
  for (size_t j = 0; j < rows.size(); ++j) {
    const uint32_t r = rows[j];
    // In force at the ends of months [from, to); end_date is exclusive.
    spans_[j].from = month_of_(t_.start[r]);
    spans_[j].to = t_.end[r] >= after_last_ ? last_ + 1 : month_of_(t_.end[r]);  // kNoDay too
    first = std::min(first, spans_[j].from);
  }
  if (rows.empty() || first > last_) return out;
  out.first = first;
  out.prev_is_shift = Accumulate(rows, first, false, mrr_, &prev_);
  out.mrr = mrr_;
  if (!out.prev_is_shift) out.prev_at_rate = prev_;
  const auto contracted =
      size_t(std::count_if(rows.begin(), rows.end(), [&](uint32_t r) { return IsContracted(t_, r); }));
  // A customer billed only yearly (or longer) has the same months under both sums.
  if (contracted == rows.size()) {
    out.contracted = out.mrr;
  } else if (contracted > 0) {
    Accumulate(rows, first, true, contracted_, nullptr);
    out.contracted = contracted_;
  }
  return out;
}

bool CustomerMrrWalk::Accumulate(std::span<const uint32_t> rows, Month first, bool contracted_only,
                                 std::vector<int64_t>& out, std::vector<int64_t>* prev_out) {
  const size_t n = size_t(last_ - first + 1);
  auto counts = [&](uint32_t r) { return !contracted_only || IsContracted(t_, r); };
  // Rows are summed per currency over a common denominator 12 x lcm(interval_count),
  // converted at each month's rate, and the customer's total is rounded once a month.
  std::vector<uint32_t>& currencies = currencies_;  // kept: no allocation per customer
  currencies.clear();
  for (uint32_t r : rows)
    if (counts(r) && std::find(currencies.begin(), currencies.end(), t_.currency[r]) == currencies.end())
      currencies.push_back(t_.currency[r]);
  if (currencies.size() == 1 && fx_.IsReporting(currencies[0]) &&
      AccumulateNarrow(rows, first, contracted_only, out))
    return true;
  out.assign(n, 0);
  if (currencies.empty()) return true;
  bool converted = false;
  sum_.assign(n, 0);
  sum_prev_.assign(n, 0);  // exact numerator over `denominator`, all currencies together
  Wide denominator = 0;
  for (uint32_t currency : currencies) {
    int64_t lcm = 12;
    for (uint32_t r : rows)
      if (t_.currency[r] == currency && counts(r)) lcm = Lcm(lcm, 12 * int64_t(t_.interval_count[r]));
    diff_.assign(n + 1, 0);
    for (size_t j = 0; j < rows.size(); ++j) {
      const uint32_t r = rows[j];
      if (t_.currency[r] != currency || !counts(r)) continue;
      const Month from = spans_[j].from, to = spans_[j].to;
      if (from >= to) continue;
      Wide v = MulChecked(RowNumerator(t_, r), lcm / (12 * int64_t(t_.interval_count[r])));
      diff_[from - first] = AddChecked(diff_[from - first], v);
      diff_[to - first] = AddChecked(diff_[to - first], -v);
    }
    const bool same = fx_.IsReporting(currency);
    converted = converted || !same;
    const Wide own = MulChecked(Wide(lcm) * kMicro, same ? 1 : kRateOne);
    const Wide common = denominator == 0 ? own : MulChecked(denominator / Gcd(denominator, own), own);
    const Wide up_old = denominator == 0 ? 0 : common / denominator, up_new = common / own;
    Wide running = 0;
    for (size_t i = 0; i < n; ++i) {
      const Wide before = running;  // in force at the end of the month before
      running = AddChecked(running, diff_[i]);
      auto convert = [&](Wide v) {
        return v == 0 || same ? v : MulChecked(v, fx_.Rate(currency, first + Month(i)));
      };
      sum_[i] = AddChecked(MulChecked(sum_[i], up_old), MulChecked(convert(running), up_new));
      if (prev_out)
        sum_prev_[i] = AddChecked(MulChecked(sum_prev_[i], up_old), MulChecked(convert(before), up_new));
    }
    denominator = common;
  }
  const Wide scale = Pow10(fx_.exponent());
  auto round = [&](Wide v) { return v == 0 ? 0 : Narrow(RoundHalfEven(MulChecked(v, scale), denominator)); };
  for (size_t i = 0; i < n; ++i) out[i] = round(sum_[i]);
  if (!prev_out || !converted) return !converted;
  prev_out->resize(n);
  for (size_t i = 0; i < n; ++i) (*prev_out)[i] = round(sum_prev_[i]);
  return false;
}

}  // namespace csm
