// SPDX-License-Identifier: MIT
#include "core/presets.hpp"

#include "core/text.hpp"

namespace csm {
namespace {

// Names seen in Stripe's subscriptions exports over the years (shared/data/stripe_formats):
// the export renames columns ("Created" became "Created (UTC)"), so each column lists
// its known variants, newest first.
constexpr const char* kCustomer[] = {"Customer ID", "Customer"};
constexpr const char* kPlan[] = {"Plan", "Plan Name", "Product", "Plan ID", "Price ID"};
constexpr const char* kStart[] = {"Start (UTC)", "Start Date (UTC)", "Created (UTC)", "Start",
                                  "Created"};
constexpr const char* kEnd[] = {"Ended At (UTC)", "Canceled At (UTC)", "Ended At",
                                "Canceled At"};
constexpr const char* kAmount[] = {"Amount", "Plan Amount"};
constexpr const char* kCurrency[] = {"Currency", "Plan Currency"};
constexpr const char* kInterval[] = {"Interval", "Plan Interval"};
constexpr const char* kIntervalCount[] = {"Interval Count", "Plan Interval Count"};
constexpr const char* kQuantity[] = {"Quantity"};
constexpr const char* kChurn[] = {"Cancellation Reason"};
constexpr const char* kTrialEnd[] = {"Trial End (UTC)", "Trial End"};

constexpr PresetColumn kStripeSubscriptions[] = {
    {"customer_id", kCustomer}, {"plan", kPlan},         {"start_date", kStart},
    {"end_date", kEnd},         {"amount", kAmount},     {"currency", kCurrency},
    {"interval", kInterval},    {"interval_count", kIntervalCount},
    {"quantity", kQuantity},    {"churn_type", kChurn},  {"trial_end", kTrialEnd},
};

}  // namespace

bool IsKnownPreset(std::string_view preset) {
  return preset.empty() || EqualsIgnoreCase(preset, "stripe");
}

std::span<const PresetColumn> PresetColumns(std::string_view preset, TableKind kind) {
  if (EqualsIgnoreCase(preset, "stripe") && kind == TableKind::kSubscriptions)
    return kStripeSubscriptions;
  return {};
}

std::string_view StripMetadataSuffix(std::string_view header) {
  constexpr std::string_view kSuffix = " (metadata)";
  if (header.size() > kSuffix.size() &&
      EqualsIgnoreCase(header.substr(header.size() - kSuffix.size()), kSuffix))
    return header.substr(0, header.size() - kSuffix.size());
  return header;
}

bool StripeChurnType(std::string_view reason, ChurnType& out) {
  if (EqualsIgnoreCase(reason, "cancellation_requested")) {
    out = ChurnType::kVoluntary;
    return true;
  }
  if (EqualsIgnoreCase(reason, "payment_failed") || EqualsIgnoreCase(reason, "payment_disputed")) {
    out = ChurnType::kInvoluntary;
    return true;
  }
  return false;
}

}  // namespace csm
