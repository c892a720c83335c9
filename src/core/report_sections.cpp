// SPDX-License-Identifier: MIT
#include "core/report_sections.hpp"

#include <algorithm>
#include <limits>
#include <unordered_map>
#include <numeric>
#include <optional>

#include "core/feedback.hpp"
#include "core/predictive_models.hpp"
#include "core/revenue.hpp"
#include "core/segments.hpp"
#include "core/subscription_metrics.hpp"
#include "core/support_metrics.hpp"
#include "core/unit_economics.hpp"
#include "core/voice_metrics.hpp"

namespace csm {
namespace {

struct ClassChange {
  Month month;
  int8_t cls;
};

// Each customer's NPS answers in date order, to find the latest one at any month's end.
class NpsTimeline {
 public:
  NpsTimeline(const Dataset& ds, Month from, Month to) : from_(from) {
    if (!ds.responses) return;
    for (Month m = from; m <= to; ++m) last_days_.push_back(LastDayOfMonth(m));
    const ResponsesTable& t = *ds.responses;
    // All NPS answers in date order (file order on a tie), then grouped by customer keeping
    // that order: one sort, not one per customer.
    std::vector<uint32_t> by_date;
    offsets_.assign(ds.customers.size() + 1, 0);
    for (uint32_t r = 0; r < t.size(); ++r)
      if (t.survey[r] == Survey::kNps) ++offsets_[t.customer[r] + 1], by_date.push_back(r);
    std::stable_sort(by_date.begin(), by_date.end(), [&](uint32_t a, uint32_t b) { return t.date[a] < t.date[b]; });
    std::partial_sum(offsets_.begin(), offsets_.end(), offsets_.begin());
    rows_.resize(offsets_.back());
    std::vector<uint32_t> cursor(offsets_.begin(), offsets_.end() - 1);
    for (uint32_t r : by_date) rows_[cursor[t.customer[r]]++] = r;
    t_ = &t;
  }

  /// The class of the customer's latest NPS answer at the end of each month first..last
  /// (0 promoter, 1 passive, 2 detractor, 3 none), as the months where it changes: the
  /// first entry is `first`'s class, each later one holds until the next.
  void ClassChangesOf(uint32_t customer, Month first, Month last, std::vector<ClassChange>& out) const {
    out.assign(1, {first, 3});
    if (!t_ || customer + 1 >= offsets_.size()) return;
    uint32_t i = offsets_[customer];
    const uint32_t end = offsets_[customer + 1];
    const Day first_end = LastDayOf(first);
    for (; i < end && t_->date[rows_[i]] <= first_end; ++i) out[0].cls = ClassOf(rows_[i]);
    for (; i < end; ++i) {
      const Month m = MonthOfDay(t_->date[rows_[i]]);
      if (m > last) break;
      const int8_t cls = ClassOf(rows_[i]);
      if (out.back().month == m) {
        out.back().cls = cls;  // a later answer of the same month wins
        if (out.size() > 1 && out[out.size() - 2].cls == cls) out.pop_back();
      } else if (out.back().cls != cls) {
        out.push_back({m, cls});
      }
    }
  }

 private:
  int8_t ClassOf(uint32_t row) const { return int8_t(NpsClassOf(t_->score[row])); }
  // Calendar arithmetic once per month, not once per customer and month.
  Day LastDayOf(Month m) const {
    const size_t i = size_t(m - from_);
    return m >= from_ && i < last_days_.size() ? last_days_[i] : LastDayOfMonth(m);
  }
  const ResponsesTable* t_ = nullptr;
  std::vector<uint32_t> offsets_, rows_;
  Month from_;
  std::vector<Day> last_days_;  // from_ .. to
};

// Everything one group of customers (all, or a segment) accumulates in the walk.
struct ClassSums {
  int64_t customers = 0, mrr = 0, base = 0, churned = 0;  // base: paying at m-1; churned in m
};

struct Group {
  Group(const SubscriptionsTable& t, Month from, Month to, int history)
      : subs(t, from, to, history), start(from - history), classes(size_t(to - start + 3)) {}
  SubscriptionAccumulator subs;
  Month start;
  std::array<ClassSums, 4>& ClassesAt(Month m) { return classes[size_t(m - start + 1)]; }
  const std::array<ClassSums, 4>& ClassesAt(Month m) const { return classes[size_t(m - start + 1)]; }

  // A stretch of months [from, end) in which the customer paid `mrr` and was in class `cls`,
  // added as differences at its two ends; FinishClasses sums them.
  void AddClassRun(Month from, Month end, int cls, int64_t mrr) {
    auto& open = ClassesAt(from)[size_t(cls)];
    auto& close = ClassesAt(end)[size_t(cls)];
    ++open.customers, open.mrr += mrr;
    --close.customers, close.mrr -= mrr;
  }

  // Customers and MRR from their differences; the base of month m in a class is the
  // customers paying in that class at m-1.
  void FinishClasses() {
    for (size_t i = 1; i < classes.size(); ++i)
      for (size_t k = 0; k < 4; ++k) {
        classes[i][k].customers += classes[i - 1][k].customers;
        classes[i][k].mrr += classes[i - 1][k].mrr;
      }
    for (size_t i = classes.size() - 1; i > 0; --i)
      for (size_t k = 0; k < 4; ++k) classes[i][k].base = classes[i - 1][k].customers;
  }

 private:
  std::vector<std::array<ClassSums, 4>> classes;  // start - 1 .. to + 1
};

// A customer's revenue by the class of its latest NPS answer: its runs of equal MRR (from
// the walk, through `to`) cut where its class changes, months `first` = max(start - 1,
// c.first) to `last` = min(to, c.AfterLastPaying()) (later months add nothing). The churn
// of month m is counted in the class the customer was in at the end of m-1.
void AddNpsClasses(std::span<const SubscriptionAccumulator::Run> runs, const std::vector<ClassChange>& classes,
                   Month first, Month last, Group& g) {
  size_t k = 0;  // classes[k] holds at the month being looked at
  auto class_at = [&](Month m) {
    while (k + 1 < classes.size() && classes[k + 1].month <= m) ++k;
    return classes[k].cls;
  };
  int64_t before = 0;  // the MRR of the run before
  for (const SubscriptionAccumulator::Run& r : runs) {
    if (r.to <= first || r.from > last) {
      before = r.value;
      continue;
    }
    const Month from = std::max(r.from, first), to = std::min(r.to, last + 1);
    if (r.value == 0 && before > 0 && from == r.from && from >= g.start) ++g.ClassesAt(from)[size_t(class_at(from - 1))].churned;
    if (r.value > 0)
      for (Month m = from; m < to;) {
        const int cls = class_at(m);
        const Month next = k + 1 < classes.size() ? std::min(to, classes[k + 1].month) : to;
        g.AddClassRun(m, next, cls, r.value);
        m = next;
      }
    before = r.value;
  }
}

NpsClassMonth ClassMonth(const Group& g, Month m, int cls, const ReportSettings& s) {
  NpsClassMonth out;
  const ClassSums& now = g.ClassesAt(m)[size_t(cls)];
  out.customers = now.customers;
  out.mrr = now.mrr;
  out.arpu = UnitMoney(now.mrr, now.customers);
  for (Month j = std::max(g.start, m - s.clv_churn_window + 1); j <= m; ++j) {
    out.window_base += g.ClassesAt(j)[size_t(cls)].base;
    out.window_churned += g.ClassesAt(j)[size_t(cls)].churned;
  }
  if (out.window_base > 0) out.monthly_churn_rate = double(out.window_churned) / double(out.window_base) * 100.0;
  UnitInputs in;
  in.window = s.clv_churn_window;
  in.gross_margin = s.gross_margin;
  in.base = SubscriptionAccumulator::Base{now.mrr, now.customers, 0, out.window_churned, out.window_base};
  const UnitEconomicsMonth u = UnitEconomicsOf(in, std::nullopt, false, std::nullopt);
  out.lifetime_months = u.lifetime_months;
  out.clv_gross_margin_form = u.clv.gross_margin_form;
  out.clv_arpu_over_churn = u.clv.arpu_over_churn;
  return out;
}

// The sections of one group's months: `keep` selects its customers in the other tables.
void FillMonths(const Dataset& ds, const CurrencyContext& fx, Month from, Month to, const ReportSettings& s,
                Group* group, const std::function<bool(uint32_t)>& keep,
                const std::vector<std::optional<CostsMonth>>& costs, std::vector<MonthReport>& months) {
  if (group) {
    std::vector<MonthReport> subs = group->subs.Months();
    for (size_t i = 0; i < months.size(); ++i) {
      months[i].revenue = subs[i].revenue;
      months[i].movements = subs[i].movements;
      months[i].retention = subs[i].retention;
      if (!ds.responses) continue;
      const Month m = from + Month(i);
      std::array<NpsClassMonth, 4> classes;
      for (int cls = 0; cls < 4; ++cls) classes[size_t(cls)] = ClassMonth(*group, m, cls, s);
      months[i].nps_classes = classes;
      months[i].revenue_at_risk = RevenueAtRisk{classes[2].customers, classes[2].mrr, classes[1].customers,
                                                classes[1].mrr};
    }
  }
  if (ds.responses) AddVoiceSections(ds, from, to, {s.csat_threshold, kZ95, keep}, months);
  if (ds.tickets) AddFcr(*ds.tickets, from, to, keep, months);
  std::vector<PurchasesMonth> purchases;
  if (ds.transactions) purchases = PurchasesByMonth(*ds.transactions, fx.exponent(), from, to, keep);
  // Costs are the company's: a segment gets only the rows of a cost sheet that names its
  // segments (docs/metrics.md); otherwise its costs, CAC and CRC are null.
  for (size_t i = 0; i < months.size(); ++i) {
    UnitInputs in;
    in.window = s.clv_churn_window;
    in.gross_margin = s.gross_margin;
    if (group) in.base = group->subs.BaseOf(from + Month(i), s.clv_churn_window);
    std::optional<PurchasesMonth> p;
    if (ds.transactions) p = purchases[i];
    const bool costs_loaded = ds.costs.has_value() && !costs.empty();
    months[i].unit_economics =
        UnitEconomicsOf(in, costs_loaded ? costs[i] : std::nullopt, costs_loaded, p);
  }
}

// What the comment themes need of each customer's revenue, gathered in the report's one walk
// over the customers: the last month it paid, and its MRR per month only for customers who
// commented, only when comments are weighed by MRR.
class PayingHistory {
 public:
  PayingHistory(const Dataset& ds, Month from, Month to, bool weigh) : from_(from), to_(to) {
    if (!ds.responses) return;
    last_.assign(ds.customers.size(), kNever);
    if (!weigh) return;
    const ResponsesTable& t = *ds.responses;
    weighed_.assign(ds.customers.size(), 0);
    for (uint32_t r = 0; r < t.size(); ++r)
      if (!t.Comment(r).empty()) weighed_[t.customer[r]] = 1;
  }

  /// `after` is c.AfterLastPaying(): no month from it on has MRR.
  void Add(const CustomerMonths& c, Month after) {
    if (last_.empty() || c.first > to_) return;
    for (Month m = std::min(to_, after - 1); m >= c.first; --m)
      if (c.At(m) > 0) {
        last_[c.customer] = m;
        break;
      }
    if (c.customer >= weighed_.size() || !weighed_[c.customer]) return;
    std::vector<int64_t>& v = mrr_[c.customer];
    for (Month m = from_; m <= to_; ++m) v.push_back(c.At(m));
  }

  int64_t Mrr(uint32_t customer, Month m) const {
    const auto it = mrr_.find(customer);
    return it == mrr_.end() || m < from_ || m > to_ ? 0 : it->second[size_t(m - from_)];
  }
  /// Paid in some month from m on, and not at `to`.
  bool ChurnedAfter(uint32_t customer, Month m) const {
    if (customer >= last_.size()) return false;
    return last_[customer] != kNever && last_[customer] < to_ && last_[customer] >= m;
  }

 private:
  static constexpr Month kNever = std::numeric_limits<Month>::min();
  Month from_, to_;
  std::vector<Month> last_;
  std::vector<uint8_t> weighed_;
  std::unordered_map<uint32_t, std::vector<int64_t>> mrr_;
};

// Comment themes, each comment weighed by its customer's MRR when asked, and split by
// whether its customer churned later.
FeedbackReport Feedback(const Dataset& ds, const PayingHistory& paying, Month from, Month to,
                        const ReportOptions& options, const ReportSettings& settings) {
  FeedbackSettings s;
  s.from = from;
  s.to = to;
  s.csat_threshold = settings.csat_threshold;
  if (options.feedback_weight_mrr && ds.subscriptions)
    s.weight = [&](uint32_t customer, Month m) { return double(paying.Mrr(customer, m)); };
  if (ds.subscriptions)
    s.churned_after = [&](uint32_t customer, Month m) { return paying.ChurnedAfter(customer, m); };
  return FeedbackThemes(ds, s);
}

}  // namespace

void AddReportSections(const Dataset& ds, const CurrencyContext& fx, Month from, Month to,
                       const ReportOptions& options, Report& report) {
  const ReportSettings& settings = report.meta.settings;
  const int history = settings.clv_churn_window - 1;
  std::optional<Segmenter> segmenter;
  if (!options.segment_by.empty() && (ds.subscriptions || ds.customers_table))
    segmenter.emplace(ds, options.segment_by, to);

  std::optional<Group> total;
  std::vector<Group> parts;
  const NpsTimeline nps(ds, from - history - 1, to);
  PayingHistory paying(ds, from, to, options.feedback_weight_mrr);
  if (ds.subscriptions) {
    const SubscriptionsTable& t = *ds.subscriptions;
    total.emplace(t, from, to, history);
    total->subs.ListActive(options.model_subscribers);
    auto part = [&](uint32_t segment) -> Group& {
      while (parts.size() <= segment) parts.emplace_back(t, from, to, history);
      return parts[segment];
    };
    CustomerMrrWalk walk(t, fx, to);
    std::vector<ClassChange> classes;
    walk.ForEach([&](const CustomerMonths& c) {
      total->subs.AddCustomer(c);
      const auto runs = total->subs.LastRuns();
      Month first = 0, last = 0;
      if (ds.responses) {
        const Month after = total->subs.LastAfterPaying(c.first);
        paying.Add(c, after);
        // Every group starts at the same month, so one list of classes serves the total and
        // the customer's segment.
        first = std::max(total->start - 1, c.first), last = std::min(to, after);
        nps.ClassChangesOf(c.customer, first, last, classes);
        AddNpsClasses(runs, classes, first, last, *total);
      }
      if (!segmenter) return;
      Group& g = part(segmenter->Assign(c));
      g.subs.AddCustomer(c);
      if (ds.responses) AddNpsClasses(runs, classes, first, last, g);
    });
    ForEachNonRecurring(t, fx, from - history, to, [&](uint32_t row, Month m, int64_t amount) {
      total->subs.AddNonRecurring(m, amount);
      if (segmenter) part(segmenter->SegmentOfRow(t.customer[row], row)).subs.AddNonRecurring(m, amount);
    });
    total->subs.Finish();
    total->FinishClasses();
    for (Group& g : parts) g.subs.Finish(), g.FinishClasses();
    report.cohorts = total->subs.Cohorts();
    report.survival = total->subs.Survival();
  }
  std::vector<std::optional<CostsMonth>> costs;
  if (ds.costs) costs = CostsByMonth(ds, *ds.costs, fx.exponent(), from, to);
  FillMonths(ds, fx, from, to, settings, total ? &*total : nullptr, {}, costs, report.months);
  if (ds.responses) report.overall = OverallVoiceOf(ds, from, to, {settings.csat_threshold, kZ95, {}});
  if (ds.onboarding) report.onboarding = OnboardingByStartMonth(*ds.onboarding, from, to);
  if (ds.responses) report.feedback = Feedback(ds, paying, from, to, options, settings);
  const ModelSettings models{settings.discount_rate, settings.model_horizon, settings.gross_margin, fx.exponent(),
                             options.model_subscribers};
  if (total)
    report.sbg = SbgSectionOf(total->subs.FirstLifetimeSurvivors(), total->subs.Active(),
                              report.months.back().revenue->arpu, models);
  if (ds.transactions) report.purchases = PurchaseModelsOf(*ds.transactions, LastDayOfMonth(to), models);
  if (!segmenter) return;

  // Every customer of any table gets its segment before the segments are listed.
  for (uint32_t c = 0; c < ds.customers.size(); ++c) segmenter->SegmentOfCustomer(c);
  std::vector<uint32_t> order(segmenter->size());
  std::iota(order.begin(), order.end(), 0u);
  std::sort(order.begin(), order.end(),
            [&](uint32_t a, uint32_t b) { return segmenter->name(a) < segmenter->name(b); });
  report.segments.emplace();
  // A cost sheet with a column of the segment attribute (a `region` column beside
  // segmentBy: "region") splits its rows; otherwise costs are the company's only.
  const int cost_column = ds.costs ? ds.costs->attributes.Find(options.segment_by) : -1;
  for (uint32_t k : order) {
    SegmentReport seg;
    seg.value = segmenter->name(k);
    for (const MonthReport& m : report.months) {
      seg.months.emplace_back();
      seg.months.back().month = m.month;
    }
    Group* g = k < parts.size() ? &parts[k] : nullptr;
    std::optional<Group> empty;
    if (!g && ds.subscriptions) g = &empty.emplace(*ds.subscriptions, from, to, history);
    auto keep = [&, k](uint32_t customer) { return segmenter->SegmentOfCustomer(customer) == k; };
    std::vector<std::optional<CostsMonth>> seg_costs;
    if (cost_column >= 0) {
      const std::string& value = segmenter->name(k);
      seg_costs = CostsByMonth(ds, *ds.costs, fx.exponent(), from, to, [&](uint32_t row) {
        return ds.values.Get(ds.costs->attributes.values[size_t(cost_column)][row]) == value;
      });
    }
    FillMonths(ds, fx, from, to, settings, g, keep, seg_costs, seg.months);
    if (g) {
      seg.cohorts = g->subs.Cohorts();
      seg.survival = g->subs.Survival();
    }
    report.segments->push_back(std::move(seg));
  }
}

}  // namespace csm
