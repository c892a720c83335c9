// SPDX-License-Identifier: MIT
#include "core/report_sections.hpp"

#include <algorithm>
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

// Each customer's NPS answers in date order, to find the latest one at any month's end.
class NpsTimeline {
 public:
  explicit NpsTimeline(const Dataset& ds) {
    if (!ds.responses) return;
    const ResponsesTable& t = *ds.responses;
    offsets_.assign(ds.customers.size() + 1, 0);
    for (uint32_t r = 0; r < t.size(); ++r)
      if (t.survey[r] == Survey::kNps) ++offsets_[t.customer[r] + 1];
    std::partial_sum(offsets_.begin(), offsets_.end(), offsets_.begin());
    rows_.resize(offsets_.back());
    std::vector<uint32_t> cursor(offsets_.begin(), offsets_.end() - 1);
    for (uint32_t r = 0; r < t.size(); ++r)
      if (t.survey[r] == Survey::kNps) rows_[cursor[t.customer[r]]++] = r;
    for (size_t c = 0; c + 1 < offsets_.size(); ++c)
      std::stable_sort(rows_.begin() + offsets_[c], rows_.begin() + offsets_[c + 1],
                       [&](uint32_t a, uint32_t b) { return t.date[a] < t.date[b]; });
    t_ = &t;
  }

  /// 0 promoter, 1 passive, 2 detractor, -1 no answer up to the last day of m.
  int ClassAt(uint32_t customer, Month m) const {
    if (!t_ || customer + 1 >= offsets_.size()) return -1;
    const Day last = FirstDayOfMonth(m + 1) - 1;
    int cls = -1;
    for (uint32_t i = offsets_[customer]; i < offsets_[customer + 1] && t_->date[rows_[i]] <= last; ++i)
      cls = t_->score[rows_[i]] >= 9 ? 0 : t_->score[rows_[i]] >= 7 ? 1 : 2;
    return cls;
  }

 private:
  const ResponsesTable* t_ = nullptr;
  std::vector<uint32_t> offsets_, rows_;
};

// Everything one group of customers (all, or a segment) accumulates in the walk.
struct ClassSums {
  int64_t customers = 0, mrr = 0, base = 0, churned = 0;  // base: paying at m-1; churned in m
};

struct Group {
  Group(const SubscriptionsTable& t, Month from, Month to, int history)
      : subs(t, from, to, history), start(from - history), classes(size_t(to - start + 1)) {}
  SubscriptionAccumulator subs;
  Month start;
  std::vector<std::array<ClassSums, 4>> classes;  // start .. to
};

// A customer's revenue by the class of its latest NPS answer, month by month; the churn of
// month m is counted in the class the customer was in at the end of m-1.
void AddNpsClasses(const NpsTimeline& nps, const CustomerMonths& c, Month to, Group& g) {
  int prev_cls = 3;
  for (Month m = std::max(g.start - 1, c.first); m <= to; ++m) {
    int cls = nps.ClassAt(c.customer, m);
    if (cls < 0) cls = 3;
    const int64_t v = c.At(m), before = c.At(m - 1);
    if (m >= g.start) {
      auto& sums = g.classes[size_t(m - g.start)];
      if (v > 0) ++sums[size_t(cls)].customers, sums[size_t(cls)].mrr += v;
      if (before > 0) {
        ++sums[size_t(prev_cls)].base;
        sums[size_t(prev_cls)].churned += v == 0;
      }
    }
    prev_cls = cls;
  }
}

NpsClassMonth ClassMonth(const Group& g, Month m, int cls, const ReportSettings& s) {
  NpsClassMonth out;
  const ClassSums& now = g.classes[size_t(m - g.start)][size_t(cls)];
  out.customers = now.customers;
  out.mrr = now.mrr;
  out.arpu = UnitMoney(now.mrr, now.customers);
  for (Month j = std::max(g.start, m - s.clv_churn_window + 1); j <= m; ++j) {
    out.window_base += g.classes[size_t(j - g.start)][size_t(cls)].base;
    out.window_churned += g.classes[size_t(j - g.start)][size_t(cls)].churned;
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

// Comment themes, each comment weighed by its customer's MRR when asked, and split by
// whether its customer churned later.
FeedbackReport Feedback(const Dataset& ds, const CurrencyContext& fx, Month from, Month to,
                        const ReportOptions& options, const ReportSettings& settings) {
  std::vector<std::vector<int64_t>> mrr;  // per customer id: c(m) for [from, to]
  if (ds.subscriptions) {
    mrr.resize(ds.customers.size());
    CustomerMrrWalk walk(*ds.subscriptions, fx, to);
    walk.ForEach([&](const CustomerMonths& c) {
      if (c.first > to) return;
      auto& v = mrr[c.customer];
      v.resize(size_t(to - from + 1));
      for (Month m = from; m <= to; ++m) v[size_t(m - from)] = c.At(m);
    });
  }
  auto at = [&](uint32_t customer, Month m) -> int64_t {
    if (customer >= mrr.size() || mrr[customer].empty() || m < from || m > to) return 0;
    return mrr[customer][size_t(m - from)];
  };
  FeedbackSettings s;
  s.from = from;
  s.to = to;
  s.csat_threshold = settings.csat_threshold;
  if (options.feedback_weight_mrr && ds.subscriptions)
    s.weight = [&](uint32_t customer, Month m) { return double(at(customer, m)); };
  if (ds.subscriptions)
    s.churned_after = [&](uint32_t customer, Month m) {
      if (at(customer, to) > 0) return false;
      for (Month k = m; k < to; ++k)
        if (at(customer, k) > 0) return true;
      return false;
    };
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
  const NpsTimeline nps(ds);
  if (ds.subscriptions) {
    const SubscriptionsTable& t = *ds.subscriptions;
    total.emplace(t, from, to, history);
    auto part = [&](uint32_t segment) -> Group& {
      while (parts.size() <= segment) parts.emplace_back(t, from, to, history);
      return parts[segment];
    };
    CustomerMrrWalk walk(t, fx, to);
    walk.ForEach([&](const CustomerMonths& c) {
      total->subs.AddCustomer(c);
      if (ds.responses) AddNpsClasses(nps, c, to, *total);
      if (!segmenter) return;
      Group& g = part(segmenter->Assign(c));
      g.subs.AddCustomer(c);
      if (ds.responses) AddNpsClasses(nps, c, to, g);
    });
    ForEachNonRecurring(t, fx, from - history, to, [&](uint32_t row, Month m, int64_t amount) {
      total->subs.AddNonRecurring(m, amount);
      if (segmenter) part(segmenter->SegmentOfRow(t.customer[row], row)).subs.AddNonRecurring(m, amount);
    });
    report.cohorts = total->subs.Cohorts();
    report.survival = total->subs.Survival();
  }
  std::vector<std::optional<CostsMonth>> costs;
  if (ds.costs) costs = CostsByMonth(ds, *ds.costs, fx.exponent(), from, to);
  FillMonths(ds, fx, from, to, settings, total ? &*total : nullptr, {}, costs, report.months);
  if (ds.responses) report.overall = OverallVoiceOf(ds, from, to, {settings.csat_threshold, kZ95, {}});
  if (ds.onboarding) report.onboarding = OnboardingByStartMonth(*ds.onboarding, from, to);
  if (ds.responses) report.feedback = Feedback(ds, fx, from, to, options, settings);
  const ModelSettings models{settings.discount_rate, settings.model_horizon, settings.gross_margin, fx.exponent()};
  if (total)
    report.sbg = SbgSectionOf(total->subs.FirstLifetimeSurvivors(), total->subs.Active(),
                              report.months.back().revenue->arpu, models);
  if (ds.transactions) report.purchases = PurchaseModelsOf(*ds.transactions, FirstDayOfMonth(to + 1) - 1, models);
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
