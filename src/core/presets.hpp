// SPDX-License-Identifier: MIT
#pragma once
#include <span>
#include <string_view>

#include "core/tables.hpp"

namespace csm {

/// A known export layout: for each canonical column, header names to try in order.
struct PresetColumn {
  const char* column;                       ///< canonical name, or "trial_end"
  std::span<const char* const> candidates;  ///< header names, matched case-insensitively
};

/// Column candidates of a preset for a table; empty when the preset does not apply.
std::span<const PresetColumn> PresetColumns(std::string_view preset, TableKind kind);
bool IsKnownPreset(std::string_view preset);

/// Stripe metadata columns are written "<key> (metadata)"; the attribute is "<key>".
std::string_view StripMetadataSuffix(std::string_view header);

/// Stripe's cancellation reason as a churn type: payment failures are involuntary.
/// Returns false for a reason it does not know (kept as unknown).
bool StripeChurnType(std::string_view reason, ChurnType& out);

}  // namespace csm
