// SPDX-License-Identifier: MIT
#include "core/report_window.hpp"

#include <algorithm>

#include "core/errors.hpp"

namespace csm {
namespace {

struct Span {
  Month lo = INT32_MAX, hi = INT32_MIN;
  void Day(csm::Day d) {
    if (d == kNoDay) return;
    Month m = MonthOfDay(d);
    lo = std::min(lo, m), hi = std::max(hi, m);
  }
  void Days(const std::vector<csm::Day>& days) {
    // Months only change at month boundaries: the min/max day gives the min/max month.
    csm::Day a = INT32_MAX, b = INT32_MIN;
    for (csm::Day d : days)
      if (d != kNoDay) a = std::min(a, d), b = std::max(b, d);
    if (a != INT32_MAX) Day(a), Day(b);
  }
};

}  // namespace

ReportWindow ResolveWindow(const Dataset& ds, const ReportOptions& options) {
  Span s;
  if (ds.subscriptions) s.Days(ds.subscriptions->start), s.Days(ds.subscriptions->end);
  if (ds.customers_table) s.Days(ds.customers_table->signup);
  if (ds.responses) s.Days(ds.responses->date);
  if (ds.tickets) s.Days(ds.tickets->opened), s.Days(ds.tickets->resolved);
  if (ds.onboarding) s.Days(ds.onboarding->started), s.Days(ds.onboarding->completed);
  if (ds.transactions) s.Days(ds.transactions->date);
  if (ds.costs)
    for (Month m : ds.costs->month) s.lo = std::min(s.lo, m), s.hi = std::max(s.hi, m);
  ReportWindow w;
  if (s.lo != INT32_MAX) w.from = s.lo, w.to = s.hi;
  if (options.from) w.from = options.from;
  if (options.to) w.to = options.to;
  if (w.from && !w.to) w.to = w.from;  // from alone, with no dated rows: one month
  if (w.to && !w.from) w.from = w.to;
  if (w.from && *w.from > *w.to)
    throw CsmError(ErrorCode::kInvalidOption,
                   "from (" + FormatMonth(*w.from) + ") is after to (" + FormatMonth(*w.to) + ")");
  return w;
}

}  // namespace csm
