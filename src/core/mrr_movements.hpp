// SPDX-License-Identifier: MIT
#pragma once
#include <cstdint>
#include <span>

#include "core/dates.hpp"
#include "core/tables.hpp"

namespace csm {

/// A customer's MRR movement from m-1 to m (METRICS.md "MRR movements").
enum class MovementKind : uint8_t { kNone, kNew, kReactivation, kExpansion, kContraction, kChurn };

/// `prev` is c(m-1) at month m's rate, `cur` is c(m); `paid_before` tells whether the
/// customer had MRR in some month before m-1. Inline: it runs once per customer and month.
inline MovementKind ClassifyMovement(int64_t prev, int64_t cur, bool paid_before) {
  if (prev == 0) return cur > 0 ? (paid_before ? MovementKind::kReactivation : MovementKind::kNew) : MovementKind::kNone;
  if (cur == 0) return MovementKind::kChurn;
  if (cur > prev) return MovementKind::kExpansion;
  if (cur < prev) return MovementKind::kContraction;
  return MovementKind::kNone;
}

/// The amount a movement adds to (or takes from) the bridge, always positive.
inline int64_t MovementAmount(MovementKind kind, int64_t prev, int64_t cur) {
  switch (kind) {
    case MovementKind::kNew:
    case MovementKind::kReactivation: return cur;
    case MovementKind::kExpansion: return cur - prev;
    case MovementKind::kContraction: return prev - cur;
    case MovementKind::kChurn: return prev;
    case MovementKind::kNone: break;
  }
  return 0;
}

/// Churn type of a churn in month m: the type of the customer's recurring row ending in m
/// that ends last; ties go to the larger normalised amount, then voluntary, involuntary,
/// unknown. Unknown when no row ends in m (the price went to 0).
ChurnType ChurnTypeOf(const SubscriptionsTable& t, std::span<const uint32_t> rows, Month m);

/// Whether a row is in force at the end of month m (start <= last day < end).
bool InForceAtEnd(const SubscriptionsTable& t, uint32_t row, Month m);

/// An expansion is a cross-sell when the customer holds, at the end of m, a plan it did not
/// hold at the end of m-1 while keeping one it held; otherwise an upsell.
bool IsCrossSell(const SubscriptionsTable& t, std::span<const uint32_t> rows, Month m);

}  // namespace csm
