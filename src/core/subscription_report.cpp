// SPDX-License-Identifier: MIT
#include "core/subscription_report.hpp"

#include <algorithm>
#include <numeric>
#include <optional>

#include "core/revenue.hpp"
#include "core/segments.hpp"
#include "core/subscription_metrics.hpp"

namespace csm {

void AddSubscriptionSections(const Dataset& ds, const CurrencyContext& fx, Month from, Month to,
                             const std::string& segment_by, Report& report) {
  const SubscriptionsTable& t = *ds.subscriptions;
  SubscriptionAccumulator total(t, from, to);
  std::optional<Segmenter> segmenter;
  if (!segment_by.empty()) segmenter.emplace(ds, segment_by, to);
  std::vector<SubscriptionAccumulator> parts;
  auto part = [&](uint32_t segment) -> SubscriptionAccumulator& {
    while (parts.size() <= segment) parts.emplace_back(t, from, to);
    return parts[segment];
  };

  CustomerMrrWalk walk(t, fx, to);
  walk.ForEach([&](const CustomerMonths& c) {
    total.AddCustomer(c);
    if (segmenter) part(segmenter->Assign(c)).AddCustomer(c);
  });
  ForEachNonRecurring(t, fx, from, to, [&](uint32_t row, Month m, int64_t amount) {
    total.AddNonRecurring(m, amount);
    if (segmenter) part(segmenter->SegmentOfRow(t.customer[row], row)).AddNonRecurring(m, amount);
  });

  std::vector<MonthReport> months = total.Months();
  for (size_t i = 0; i < months.size(); ++i) {
    report.months[i].revenue = months[i].revenue;
    report.months[i].movements = months[i].movements;
    report.months[i].retention = months[i].retention;
  }
  report.cohorts = total.Cohorts();
  report.survival = total.Survival();
  if (!segmenter) return;
  std::vector<uint32_t> order(parts.size());
  std::iota(order.begin(), order.end(), 0u);
  std::sort(order.begin(), order.end(),
            [&](uint32_t a, uint32_t b) { return segmenter->name(a) < segmenter->name(b); });
  report.segments.emplace();
  for (uint32_t k : order)
    report.segments->push_back({segmenter->name(k), parts[k].Months(), parts[k].Cohorts(), parts[k].Survival()});
}

}  // namespace csm
