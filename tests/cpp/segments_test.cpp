// SPDX-License-Identifier: MIT
// Segments: the split rule (docs/metrics.md) and exact sums, and the invariants of the
// bridge, ARPU and cohorts on generated data over many seeds.
#include <gtest/gtest.h>

#include <random>

#include "test_util.hpp"

using namespace csm;
using namespace csm::testing;

namespace {

void AddTo(Movement& sum, const Movement& m) {
  sum.customers += m.customers;
  sum.amount += m.amount;
}

// Every money figure and count of the months of `segments` must sum to `total`'s.
void ExpectSegmentsSumToTotals(const Report& r) {
  ASSERT_TRUE(r.segments);
  for (size_t i = 0; i < r.months.size(); ++i) {
    const MonthReport& t = r.months[i];
    RevenueMonth rev;
    MovementsMonth mv;
    int64_t retained = 0, t12_base = 0, t12_now = 0;
    for (const SegmentReport& s : *r.segments) {
      const MonthReport& m = s.months[i];
      ASSERT_EQ(m.month, t.month);
      rev.mrr += m.revenue->mrr;
      rev.contracted_arr += m.revenue->contracted_arr;
      rev.paying_customers += m.revenue->paying_customers;
      rev.non_recurring_revenue += m.revenue->non_recurring_revenue;
      mv.fx += m.movements->fx;
      AddTo(mv.new_customers, m.movements->new_customers);
      AddTo(mv.reactivation, m.movements->reactivation);
      AddTo(mv.expansion, m.movements->expansion);
      AddTo(mv.contraction, m.movements->contraction);
      AddTo(mv.churn, m.movements->churn);
      AddTo(mv.churn.voluntary, m.movements->churn.voluntary);
      AddTo(mv.upsell, m.movements->upsell);
      AddTo(mv.cross_sell, m.movements->cross_sell);
      retained += m.retention->retained_customers;
      t12_base += m.retention->trailing12_base_mrr;
      t12_now += m.retention->trailing12_mrr_now;
      // Each segment's own bridge balances too: a customer stays in one segment.
      const MovementsMonth& sm = *m.movements;
      ASSERT_EQ(m.revenue->mrr, m.revenue->mrr_prev + sm.fx + sm.new_customers.amount + sm.reactivation.amount +
                                    sm.expansion.amount - sm.contraction.amount - sm.churn.amount);
    }
    EXPECT_EQ(rev.mrr, t.revenue->mrr);
    EXPECT_EQ(rev.contracted_arr, t.revenue->contracted_arr);
    EXPECT_EQ(rev.paying_customers, t.revenue->paying_customers);
    EXPECT_EQ(rev.non_recurring_revenue, t.revenue->non_recurring_revenue);
    EXPECT_EQ(mv.fx, t.movements->fx);
    for (auto [a, b] : {std::pair{mv.new_customers, t.movements->new_customers},
                        {mv.reactivation, t.movements->reactivation}, {mv.expansion, t.movements->expansion},
                        {mv.contraction, t.movements->contraction}, {Movement(mv.churn), Movement(t.movements->churn)},
                        {mv.churn.voluntary, t.movements->churn.voluntary}, {Movement(mv.upsell), Movement(t.movements->upsell)},
                        {Movement(mv.cross_sell), Movement(t.movements->cross_sell)}}) {
      EXPECT_EQ(a.customers, b.customers);
      EXPECT_EQ(a.amount, b.amount);
    }
    EXPECT_EQ(retained, t.retention->retained_customers);
    EXPECT_EQ(t12_base, t.retention->trailing12_base_mrr);
    EXPECT_EQ(t12_now, t.retention->trailing12_mrr_now);
  }
}

struct Generated {
  std::string subscriptions, customers, rates;
};

// Random customers with plan changes, second plans, pauses at 0, reactivations, yearly and
// weekly rows, odd amounts and (optionally) a second currency.
Generated Generate(uint32_t seed, bool two_currencies) {
  std::mt19937 rng(seed);
  auto pick = [&](int n) { return int(rng() % uint32_t(n)); };
  const char* plans[] = {"Basic", "Pro", "Team", "Enterprise"};
  const char* intervals[] = {"month", "month", "year", "week", "quarter", "day"};
  const char* types[] = {"", "voluntary", "involuntary"};
  const char* regions[] = {"EU", "NA", "APAC", ""};
  Generated g;
  g.subscriptions = kSubsHeader;
  g.subscriptions.pop_back();
  g.subscriptions += ",region\n";
  g.customers = "customer_id,industry\n";
  const int customers = 20 + pick(60);
  for (int c = 0; c < customers; ++c) {
    const std::string id = "c" + std::to_string(c);
    if (pick(4)) g.customers += id + "," + (pick(2) ? "saas" : "retail") + "\n";
    Day day = DaysFromCivil(2022, 1, 1) + pick(700);
    const int rows = 1 + pick(5);
    for (int k = 0; k < rows; ++k) {
      const int length = 10 + pick(300);
      const bool open = k == rows - 1 && pick(2);
      const bool overlap = pick(4) == 0;  // a second plan held at the same time
      const int cents = pick(8) == 0 ? 0 : 100 + pick(50000);
      const char* cur = two_currencies && pick(3) == 0 ? "EUR" : "USD";
      g.subscriptions += id + "," + plans[pick(4)] + "," + FormatDay(day) + "," +
                         (open ? "" : FormatDay(day + length)) + "," + std::to_string(cents / 100) + "." +
                         std::to_string(100 + cents % 100).substr(1) + "," + cur + "," + intervals[pick(6)] + "," +
                         std::to_string(1 + pick(3)) + "," + std::to_string(pick(10) == 0 ? 0 : 1 + pick(4)) + "," +
                         types[pick(3)] + "," + regions[pick(4)] + "\n";
      if (pick(6) == 0) g.subscriptions += id + ",Setup," + FormatDay(day) + ",,49.99,USD,one_time,1,1,,EU\n";
      day += overlap ? length / 2 : length + (pick(3) == 0 ? 40 + pick(200) : 0);
    }
  }
  if (two_currencies) {
    g.rates = "currency,month,rate_to_reporting\n";
    for (Month m = ParseMonth("2021-12").month; m <= ParseMonth("2031-12").month; ++m)
      g.rates += "EUR," + FormatMonth(m) + ",1." + std::to_string(10000 + pick(3000)) + "\n";
  }
  return g;
}

Report GeneratedReport(const Generated& g, const std::string& segment_by) {
  Engine engine;
  engine.Load(TableKind::kSubscriptions, g.subscriptions, {});
  engine.Load(TableKind::kCustomers, g.customers, {});
  if (!g.rates.empty()) engine.Load(TableKind::kExchangeRates, g.rates, {});
  ReportOptions o;
  o.currency = "USD";
  o.segment_by = segment_by;
  return engine.BuildReport(o);
}

}  // namespace

TEST(Segments, ACustomerBelongsToThePlanCarryingMostOfItsLastMrr) {
  Report r = SubsReport(
      "a,Basic,2024-01-01,2024-03-01,10,USD,month,1,1,\n"
      "a,Pro,2024-03-01,,50,USD,month,1,1,\n"    // upgraded: all of a's history is in Pro
      "b,Basic,2024-01-01,,10,USD,month,1,1,\n"
      "b,Addon,2024-01-01,,5,USD,month,1,1,\n",  // two plans at once: the larger, Basic
      [] { ReportOptions o; o.segment_by = "plan"; return o; }());
  ASSERT_TRUE(r.segments);
  ASSERT_EQ(r.segments->size(), 2u);
  EXPECT_EQ((*r.segments)[0].value, "Basic");
  EXPECT_EQ((*r.segments)[1].value, "Pro");
  EXPECT_EQ(MonthOf((*r.segments)[0].months, "2024-01").revenue->mrr, 1500);
  EXPECT_EQ(MonthOf((*r.segments)[1].months, "2024-01").revenue->mrr, 1000);
  EXPECT_EQ(MonthOf((*r.segments)[1].months, "2024-03").movements->expansion.amount, 4000);
  ExpectSegmentsSumToTotals(r);
}

TEST(Segments, UnknownAttributeIsAnInvalidOption) {
  Engine engine;
  engine.Load(TableKind::kSubscriptions, std::string(kSubsHeader) + "a,P,2024-01-01,,10,USD,month,1,1,\n", {});
  ReportOptions o;
  o.segment_by = "nope";
  try {
    engine.BuildReport(o);
    FAIL();
  } catch (const CsmError& e) {
    EXPECT_EQ(e.code(), ErrorCode::kInvalidOption);
  }
}

// Property tests: for every seed and every kind of segment, the bridge balances to the
// minor unit every month, ARPU x N = MRR within one division's rounding, segments sum
// exactly, and cohort sizes add up to the new customers of the window.
TEST(Invariants, HoldOnGeneratedDataForManySeeds) {
  for (uint32_t seed = 1; seed <= 60; ++seed) {
    const bool fx = seed % 3 == 0;
    Generated g = Generate(seed, fx);
    for (const char* by : {"plan", "region", "industry"}) {
      Report r = GeneratedReport(g, by);
      ExpectSegmentsSumToTotals(r);
      int64_t new_customers = 0;
      for (const MonthReport& m : r.months) {
        const RevenueMonth& rev = *m.revenue;
        const MovementsMonth& mv = *m.movements;
        ASSERT_EQ(rev.mrr, rev.mrr_prev + mv.fx + mv.new_customers.amount + mv.reactivation.amount +
                               mv.expansion.amount - mv.contraction.amount - mv.churn.amount)
            << "seed " << seed << " " << FormatMonth(m.month);
        ASSERT_EQ(mv.churn.amount, mv.churn.voluntary.amount + mv.churn.involuntary.amount + mv.churn.unknown.amount);
        ASSERT_EQ(mv.expansion.amount, mv.upsell.amount + mv.cross_sell.amount);
        ASSERT_EQ(rev.paying_customers, rev.paying_customers_prev + mv.new_customers.customers +
                                            mv.reactivation.customers - mv.churn.customers);
        if (!fx) ASSERT_EQ(mv.fx, 0);
        if (rev.paying_customers > 0) ASSERT_LE(std::abs(*rev.arpu * rev.paying_customers - rev.mrr) * 2, rev.paying_customers);
        new_customers += mv.new_customers.customers;
      }
      int64_t cohort_sizes = 0;
      for (const Cohort& c : *r.cohorts) cohort_sizes += c.size;
      ASSERT_EQ(cohort_sizes, new_customers) << "seed " << seed;
      ASSERT_EQ(r.survival->customers, cohort_sizes);
    }
  }
}
