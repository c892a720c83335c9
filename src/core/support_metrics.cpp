// SPDX-License-Identifier: MIT
#include "core/support_metrics.hpp"

#include <algorithm>

namespace csm {
namespace {

std::optional<double> Percent(int64_t part, int64_t whole) {
  if (whole == 0) return std::nullopt;
  return double(part) / double(whole) * 100.0;
}

std::optional<double> Median(std::vector<int32_t>& v) {
  if (v.empty()) return std::nullopt;
  std::sort(v.begin(), v.end());
  const size_t n = v.size();
  return n % 2 ? double(v[n / 2]) : (double(v[n / 2 - 1]) + double(v[n / 2])) / 2.0;
}

}  // namespace

void AddFcr(const TicketsTable& t, Month from, Month to, const std::function<bool(uint32_t)>& keep,
            std::vector<MonthReport>& months) {
  std::vector<FcrStats> stats(size_t(to - from + 1));
  for (uint32_t r = 0; r < t.size(); ++r) {
    const Month m = MonthOfDay(t.opened[r]);
    if (m < from || m > to || (keep && !keep(t.customer[r]))) continue;
    FcrStats& s = stats[size_t(m - from)];
    ++s.tickets;
    const bool resolved = t.resolved[r] != kNoDay;
    s.open += !resolved;
    const bool first = t.first_contact[r] >= 0 ? t.first_contact[r] == 1 : t.contacts[r] == 1;
    s.first_contact_resolved += resolved && first;
  }
  for (size_t i = 0; i < stats.size(); ++i) {
    stats[i].fcr = Percent(stats[i].first_contact_resolved, stats[i].tickets);
    months[i].fcr = stats[i];
  }
}

std::vector<OnboardingMonth> OnboardingByStartMonth(const OnboardingTable& t, Month from, Month to) {
  std::vector<OnboardingMonth> out(size_t(to - from + 1));
  std::vector<std::vector<int32_t>> days(out.size());
  for (uint32_t r = 0; r < t.size(); ++r) {
    const Month m = MonthOfDay(t.started[r]);
    if (m < from || m > to) continue;
    OnboardingMonth& o = out[size_t(m - from)];
    ++o.started;
    if (t.completed[r] == kNoDay) continue;
    ++o.completed;
    days[size_t(m - from)].push_back(t.completed[r] - t.started[r]);
  }
  for (size_t i = 0; i < out.size(); ++i) {
    out[i].month = from + Month(i);
    out[i].completion_rate = Percent(out[i].completed, out[i].started);
    out[i].median_days = Median(days[i]);
  }
  return out;
}

}  // namespace csm
