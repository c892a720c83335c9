// SPDX-License-Identifier: MIT
// The report's walk adds each customer run by run (a stretch of months with the same MRR)
// and records movements only where MRR changes. These tests recompute every monthly
// figure that walk produces month by month, customer by customer, straight from the rows
// in force, on random tables with pauses, comebacks, yearly rows and a window that starts
// after the data does, and require the same integers.
#include <gtest/gtest.h>

#include <map>
#include <random>

#include "core/currency_context.hpp"
#include "core/customer_mrr.hpp"
#include "core/engine.hpp"
#include "core/exact.hpp"
#include "core/money.hpp"
#include "core/subscription_metrics.hpp"
#include "test_util.hpp"

using namespace csm;
using namespace csm::testing;

namespace {

struct Row {
  int customer;
  Day start, end;  // end kNoDay: open
  int64_t micros;
  bool yearly;
  int interval_count, quantity;
};

struct Table {
  std::vector<Row> rows;
  std::string csv;
  int customers;
};

// big: the even customers' prices are 20 million times larger (up to 10^9 a seat), so
// their sums pass the engine's 64-bit bounds and take its 128-bit path.
Table Generate(uint32_t seed, bool big = false) {
  std::mt19937 rng(seed);
  Table t{{}, {}, 30};
  const Day base = DaysFromCivil(2022, 1, 1);
  for (int i = 0; i < 120; ++i) {
    Row r{int(rng() % uint32_t(t.customers)), Day(base + Day(rng() % 900)), kNoDay,
          int64_t(rng() % 50000000), rng() % 4 == 0, int(1 + rng() % 3), int(rng() % 3)};
    if (rng() % 4 == 0) r.micros = 0;  // a zero-price row: in force, paying nothing
    if (rng() % 3) r.end = r.start + Day(rng() % 400);
    if (big && r.customer % 2 == 0) r.micros *= 20'000'000;
    t.rows.push_back(r);
    t.csv += "c" + std::to_string(r.customer) + ",P" + std::to_string(rng() % 2) + "," + FormatDay(r.start) + "," +
             (r.end == kNoDay ? "" : FormatDay(r.end)) + "," + std::to_string(r.micros / 1000000) + "." +
             std::to_string(1000000 + r.micros % 1000000).substr(1) + ",USD," + (r.yearly ? "year" : "month") +
             "," + std::to_string(r.interval_count) + "," + std::to_string(r.quantity) + ",\n";
  }
  return t;
}

// c(m) in cents of one customer, from its rows in force at the end of m (all rows, or
// only those billed per 12 months or more). Numerators over 12 x 6 x 1e6: 6 is the lcm
// of the interval counts 1..3.
int64_t Mrr(const Table& t, int customer, Month m, bool contracted_only) {
  const Day last = FirstDayOfMonth(m + 1) - 1;
  Wide num = 0;
  for (const Row& r : t.rows) {
    if (r.customer != customer || r.start > last || (r.end != kNoDay && r.end <= last)) continue;
    if (contracted_only && !r.yearly) continue;  // month rows here bill at most 3 months
    num += Wide(r.micros) * r.quantity * (r.yearly ? 1 : 12) * (6 / r.interval_count);
  }
  return int64_t(RoundHalfEven(num * 100, Wide(72) * 1000000));
}

struct Expected {
  MovementsMonth moves;
  int64_t mrr = 0, paying = 0, contracted = 0, retained = 0, t12_base = 0, t12_now = 0;
};

void ExpectEveryMonthlyFigure(uint32_t seed, const Table& t) {
  ReportOptions options;
  options.from = ParseMonth("2022-09").month;  // months before it are history
  options.to = ParseMonth("2024-11").month;
  const Report report = SubsReport(t.csv, options);
  const Month history_from = ParseMonth("2021-01").month;
  // c per customer and month, history included
  std::map<std::pair<int, Month>, int64_t> c;
  auto at = [&](int k, Month m) {
    auto it = c.find({k, m});
    return it == c.end() ? (c[{k, m}] = Mrr(t, k, m, false)) : it->second;
  };
  for (const MonthReport& mr : report.months) {
    const Month m = mr.month;
    Expected e;
    for (int k = 0; k < t.customers; ++k) {
      const int64_t prev = at(k, m - 1), cur = at(k, m);
      bool paid_before = false;
      for (Month j = history_from; j < m - 1 && !paid_before; ++j) paid_before = at(k, j) > 0;
      e.mrr += cur;
      e.paying += cur > 0;
      e.contracted += Mrr(t, k, m, true);
      e.retained += prev > 0 && cur > 0;
      if (at(k, m - 12) > 0) e.t12_base += at(k, m - 12), e.t12_now += cur;
      if (prev == 0 && cur > 0) (paid_before ? e.moves.reactivation : e.moves.new_customers).Add(cur);
      else if (prev > 0 && cur == 0) e.moves.churn.Add(prev);
      else if (cur > prev) e.moves.expansion.Add(cur - prev);
      else if (cur < prev) e.moves.contraction.Add(prev - cur);
    }
    const std::string where = "seed " + std::to_string(seed) + " month " + FormatMonth(m);
    ASSERT_EQ(mr.revenue->mrr, e.mrr) << where;
    ASSERT_EQ(mr.revenue->paying_customers, e.paying) << where;
    ASSERT_EQ(mr.revenue->contracted_arr, 12 * e.contracted) << where;
    ASSERT_EQ(mr.retention->retained_customers, e.retained) << where;
    ASSERT_EQ(mr.retention->trailing12_base_mrr, e.t12_base) << where;
    ASSERT_EQ(mr.retention->trailing12_mrr_now, e.t12_now) << where;
    const MovementsMonth& got = *mr.movements;
    for (auto [g, x, name] : {std::tuple{got.new_customers, e.moves.new_customers, "new"},
                              {got.reactivation, e.moves.reactivation, "reactivation"},
                              {got.expansion, e.moves.expansion, "expansion"},
                              {got.contraction, e.moves.contraction, "contraction"},
                              {Movement(got.churn), Movement(e.moves.churn), "churn"}}) {
      ASSERT_EQ(g.customers, x.customers) << where << " " << name;
      ASSERT_EQ(g.amount, x.amount) << where << " " << name;
    }
    ASSERT_EQ(got.fx, 0) << where;
  }
}

}  // namespace

TEST(WalkReference, EveryMonthlyFigureMatchesAMonthByMonthRecount) {
  for (uint32_t seed = 1; seed <= 40; ++seed) {
    ExpectEveryMonthlyFigure(seed, Generate(seed));
    if (::testing::Test::HasFatalFailure()) return;
  }
}

TEST(WalkReference, LargePricesPastTheSixtyFourBitPathMatchToo) {
  for (uint32_t seed = 71; seed <= 80; ++seed) {
    ExpectEveryMonthlyFigure(seed, Generate(seed, true));
    if (::testing::Test::HasFatalFailure()) return;
  }
}

TEST(WalkReference, CohortsMatchAMonthByMonthRecount) {
  for (uint32_t seed = 41; seed <= 70; ++seed) {
    const Table t = Generate(seed);
    ReportOptions options;
    options.from = ParseMonth("2022-06").month;
    options.to = ParseMonth("2024-08").month;
    const Report report = SubsReport(t.csv, options);
    std::map<Month, std::vector<std::pair<int64_t, int64_t>>> expected;  // cohort -> (customers, mrr) by age
    std::map<Month, int64_t> sizes;
    for (int k = 0; k < t.customers; ++k) {
      std::optional<Month> first;
      for (Month m = ParseMonth("2021-06").month; m <= *options.to && !first; ++m)
        if (Mrr(t, k, m, false) > 0) first = m;
      if (!first || *first < *options.from) continue;
      auto& ages = expected[*first];
      ages.resize(size_t(*options.to - *first + 1));
      ++sizes[*first];
      for (Month m = *first; m <= *options.to; ++m)
        if (const int64_t v = Mrr(t, k, m, false); v > 0) ++ages[size_t(m - *first)].first, ages[size_t(m - *first)].second += v;
    }
    ASSERT_TRUE(report.cohorts.has_value());
    ASSERT_EQ(report.cohorts->size(), expected.size()) << "seed " << seed;
    for (const Cohort& cohort : *report.cohorts) {
      const auto& ages = expected.at(cohort.month);
      ASSERT_EQ(cohort.size, sizes[cohort.month]);
      ASSERT_EQ(cohort.ages.size(), ages.size());
      for (size_t a = 0; a < ages.size(); ++a) {
        ASSERT_EQ(cohort.ages[a].customers, ages[a].first) << "seed " << seed << " cohort " << FormatMonth(cohort.month) << " age " << a;
        ASSERT_EQ(cohort.ages[a].mrr, ages[a].second) << "seed " << seed << " cohort " << FormatMonth(cohort.month) << " age " << a;
      }
    }
  }
}

// The subscribers paying at the window's end, each with its MRR then and the length of its
// paying stretch (months in a row with c > 0, whatever c's changes): the sBG's inputs.
TEST(WalkReference, ActiveSubscribersAndTheirRunsMatchAMonthByMonthRecount) {
  for (uint32_t seed = 81; seed <= 110; ++seed) {
    const Table t = Generate(seed);
    Engine engine;
    engine.Load(TableKind::kSubscriptions, std::string(kSubsHeader) + t.csv, {});
    const Dataset& ds = engine.dataset();
    const Month from = ParseMonth("2022-09").month, to = ParseMonth("2024-01").month;
    SubscriptionAccumulator acc(*ds.subscriptions, from, to);
    acc.ListActive(true);
    const CurrencyContext fx(ds, "");
    CustomerMrrWalk walk(*ds.subscriptions, fx, to);
    walk.ForEach([&](const CustomerMonths& c) { acc.AddCustomer(c); });
    acc.Finish();
    std::map<int, std::pair<int32_t, int64_t>> expected;  // customer -> (run, mrr)
    for (int k = 0; k < t.customers; ++k) {
      if (Mrr(t, k, to, false) <= 0) continue;
      int32_t run = 1;
      while (Mrr(t, k, to - run, false) > 0) ++run;
      expected[k] = {run, Mrr(t, k, to, false)};
    }
    std::map<int, std::pair<int32_t, int64_t>> got;
    for (const ActiveSubscriber& a : acc.Active())
      got[std::stoi(std::string(ds.customers.Get(a.customer).substr(1)))] = {a.run, a.mrr};
    ASSERT_EQ(got, expected) << "seed " << seed;
  }
}

// Revenue by NPS class (REPORT.md nps_classes): each customer's class at a month's end is
// that of its latest NPS answer dated on or before it (a later line wins a tie of dates),
// 3 without one. The walk adds runs of equal MRR and class as differences; this recounts
// customers, MRR and the churn window's base and churned month by month. With segments by
// plan, the segments' figures must add up to the totals.
TEST(WalkReference, RevenueByNpsClassMatchesAMonthByMonthRecount) {
  for (uint32_t seed = 111; seed <= 140; ++seed) {
    const Table t = Generate(seed);
    std::mt19937 rng(seed);
    struct Answer { int customer; Day date; int score; };
    std::vector<Answer> answers;
    std::string responses = "customer_id,date,survey,score,comment,touchpoint\n";
    const Day base = DaysFromCivil(2021, 6, 1);
    for (int k = 0; k < t.customers; ++k)
      for (uint32_t n = rng() % 5; n > 0; --n) {
        const Answer a{k, Day(base + Day(rng() % 1300)), int(rng() % 11)};
        // now and then on the day of the customer's previous answer, to try the tie rule
        answers.push_back(rng() % 4 == 0 && !answers.empty() && answers.back().customer == k
                              ? Answer{k, answers.back().date, a.score} : a);
        responses += "c" + std::to_string(k) + "," + FormatDay(answers.back().date) + ",nps," +
                     std::to_string(answers.back().score) + ",,\n";
        if (rng() % 3 == 0) responses += "c" + std::to_string(k) + "," + FormatDay(a.date) + ",csat,2,,\n";
      }
    ReportOptions options;
    options.from = ParseMonth("2022-09").month;
    options.to = ParseMonth("2024-11").month;
    Engine engine;
    engine.Load(TableKind::kSubscriptions, std::string(kSubsHeader) + t.csv, {});
    engine.Load(TableKind::kResponses, responses, {});
    const Report report = engine.BuildReport(options);
    options.segment_by = "plan";
    const Report by_plan = engine.BuildReport(options);
    ASSERT_TRUE(by_plan.segments.has_value());
    const int window = report.meta.settings.clv_churn_window;

    auto class_at = [&](int k, Month m) {
      const Day last = FirstDayOfMonth(m + 1) - 1;
      std::optional<Answer> latest;
      for (const Answer& a : answers)
        if (a.customer == k && a.date <= last && (!latest || a.date >= latest->date)) latest = a;
      return !latest ? 3 : latest->score >= 9 ? 0 : latest->score >= 7 ? 1 : 2;
    };
    for (const MonthReport& mr : report.months) {
      const Month m = mr.month;
      std::array<NpsClassMonth, 4> e{};
      for (int k = 0; k < t.customers; ++k) {
        if (const int64_t v = Mrr(t, k, m, false); v > 0) ++e[size_t(class_at(k, m))].customers, e[size_t(class_at(k, m))].mrr += v;
        for (Month j = m - window + 1; j <= m; ++j) {
          if (Mrr(t, k, j - 1, false) <= 0) continue;
          const int cls = class_at(k, j - 1);
          ++e[size_t(cls)].window_base;
          e[size_t(cls)].window_churned += Mrr(t, k, j, false) == 0;
        }
      }
      ASSERT_TRUE(mr.nps_classes.has_value());
      for (size_t cls = 0; cls < 4; ++cls) {
        const std::string where = "seed " + std::to_string(seed) + " month " + FormatMonth(m) + " class " + std::to_string(cls);
        const NpsClassMonth& got = (*mr.nps_classes)[cls];
        ASSERT_EQ(got.customers, e[cls].customers) << where;
        ASSERT_EQ(got.mrr, e[cls].mrr) << where;
        ASSERT_EQ(got.window_base, e[cls].window_base) << where;
        ASSERT_EQ(got.window_churned, e[cls].window_churned) << where;
        NpsClassMonth sum;
        for (const SegmentReport& s : *by_plan.segments) {
          const MonthReport& sm = s.months[size_t(m - *options.from)];
          ASSERT_EQ(sm.month, m);
          const NpsClassMonth& part = (*sm.nps_classes)[cls];
          sum.customers += part.customers, sum.mrr += part.mrr;
          sum.window_base += part.window_base, sum.window_churned += part.window_churned;
        }
        ASSERT_EQ(sum.customers, got.customers) << where << " (segments)";
        ASSERT_EQ(sum.mrr, got.mrr) << where << " (segments)";
        ASSERT_EQ(sum.window_base, got.window_base) << where << " (segments)";
        ASSERT_EQ(sum.window_churned, got.window_churned) << where << " (segments)";
      }
    }
  }
}
