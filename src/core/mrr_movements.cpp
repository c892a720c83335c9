// SPDX-License-Identifier: MIT
#include "core/mrr_movements.hpp"

#include <algorithm>

#include "core/customer_mrr.hpp"

namespace csm {
namespace {

// Voluntary first, unknown last, when two ending rows are otherwise tied.
int TypeRank(ChurnType type) {
  switch (type) {
    case ChurnType::kVoluntary: return 0;
    case ChurnType::kInvoluntary: return 1;
    case ChurnType::kUnknown: break;
  }
  return 2;
}

// Normalised monthly amounts compare as numerator / (12 x interval_count).
bool LargerAmount(const SubscriptionsTable& t, uint32_t a, uint32_t b) {
  return CustomerMrrWalk::RowNumerator(t, a) * t.interval_count[b] >
         CustomerMrrWalk::RowNumerator(t, b) * t.interval_count[a];
}

// In force at the end of the month whose last day is `last`: callers that ask about
// many rows compute that day once.
bool InForceOn(const SubscriptionsTable& t, uint32_t row, Day last) {
  return t.start[row] <= last && (t.end[row] == kNoDay || t.end[row] > last);
}

bool HoldsOn(const SubscriptionsTable& t, uint32_t row, Day last) {
  return t.amount[row] > 0 && t.quantity[row] > 0 && InForceOn(t, row, last);
}

}  // namespace

bool InForceAtEnd(const SubscriptionsTable& t, uint32_t row, Month m) {
  return InForceOn(t, row, LastDayOfMonth(m));
}

ChurnType ChurnTypeOf(const SubscriptionsTable& t, std::span<const uint32_t> rows, Month m) {
  const Day first = FirstDayOfMonth(m), next = FirstDayOfMonth(m + 1);
  int64_t best = -1;
  for (uint32_t r : rows) {
    if (t.end[r] == kNoDay || t.end[r] < first || t.end[r] >= next) continue;
    if (best < 0) {
      best = r;
      continue;
    }
    const uint32_t b = uint32_t(best);
    if (t.end[r] != t.end[b]) {
      if (t.end[r] > t.end[b]) best = r;
    } else if (LargerAmount(t, r, b)) {
      best = r;
    } else if (!LargerAmount(t, b, r) && TypeRank(t.churn_type[r]) < TypeRank(t.churn_type[b])) {
      best = r;
    }
  }
  return best < 0 ? ChurnType::kUnknown : t.churn_type[size_t(best)];
}

bool IsCrossSell(const SubscriptionsTable& t, std::span<const uint32_t> rows, Month m) {
  // Quadratic in the customer's rows, which are few; no allocation in this hot path.
  const Day last_before = LastDayOfMonth(m - 1), last = LastDayOfMonth(m);
  auto held_before = [&](uint32_t plan) {
    for (uint32_t r : rows)
      if (t.plan[r] == plan && HoldsOn(t, r, last_before)) return true;
    return false;
  };
  bool added = false, kept = false;
  for (uint32_t r : rows) {
    if (!HoldsOn(t, r, last)) continue;
    (held_before(t.plan[r]) ? kept : added) = true;
  }
  return added && kept;
}

}  // namespace csm
