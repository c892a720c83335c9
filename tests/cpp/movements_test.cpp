// SPDX-License-Identifier: MIT
// MRR movements, the bridge, upsell/cross-sell and the retention rates, against the
// worked examples of shared/data/mrr_examples and hand computations.
#include <gtest/gtest.h>

#include <cmath>

#include "test_util.hpp"

using namespace csm;
using namespace csm::testing;

namespace {

const MovementsMonth& Mv(const Report& r, const char* m) { return *MonthOf(r, m).movements; }
const RetentionMonth& Ret(const Report& r, const char* m) { return *MonthOf(r, m).retention; }

std::string Monthly(const std::string& customer, const char* start, const char* end, int amount,
                    const char* plan = "P", const char* churn = "") {
  return customer + "," + plan + "," + start + "," + end + "," + std::to_string(amount) +
         ",USD,month,1,1," + churn + "\n";
}

}  // namespace

// raisekit_test_vector: Feb expansion (75-40)+(80-20) = 95; Mar churn 75, expansion 40.
TEST(Movements, RaisekitVector) {
  Report r = SubsReport(
      "KAKCo,Basic,2022-01-01,2022-02-01,40,USD,month,1,1,\n"
      "KAKCo,Basic,2022-02-01,2022-03-01,75,USD,month,1,1,voluntary\n"
      "Raisekit,Basic,2022-01-01,2022-02-01,20,USD,month,1,1,\n"
      "Raisekit,Basic,2022-02-01,2022-03-01,80,USD,month,1,1,\n"
      "Raisekit,Basic,2022-03-01,,120,USD,month,1,1,\n");
  EXPECT_EQ(Mv(r, "2022-01").new_customers.amount, 6000);  // the vector starts here: both are new
  EXPECT_EQ(Mv(r, "2022-02").expansion.amount, 9500);
  EXPECT_EQ(Mv(r, "2022-02").expansion.customers, 2);
  EXPECT_EQ(Mv(r, "2022-02").churn.amount, 0);
  EXPECT_EQ(Mv(r, "2022-03").churn.amount, 7500);
  EXPECT_EQ(Mv(r, "2022-03").churn.voluntary.amount, 7500);
  EXPECT_EQ(Mv(r, "2022-03").expansion.amount, 4000);
  EXPECT_EQ(Mv(r, "2022-03").net_change, 12000 - 15500);
}

// chartmogul_lifecycle_example: new 166.67, expansion (cross-sell) 60, contraction 60,
// churn 166.67, reactivation 150.
TEST(Movements, ChartMogulLifecycle) {
  Report r = SubsReport(
      "cm,Gold,2024-01-10,2024-05-10,500,USD,year,1,4,voluntary\n"
      "cm,Silver,2024-02-05,2024-03-20,30,USD,month,1,2,voluntary\n"
      "cm,Gold monthly,2024-07-02,,50,USD,month,1,3,\n");
  EXPECT_EQ(Mv(r, "2024-01").new_customers.amount, 16667);
  EXPECT_EQ(Mv(r, "2024-02").expansion.amount, 6000);
  EXPECT_EQ(Mv(r, "2024-02").cross_sell.customers, 1);
  EXPECT_EQ(Mv(r, "2024-02").upsell.customers, 0);
  EXPECT_EQ(Mv(r, "2024-03").contraction.amount, 6000);
  EXPECT_EQ(Mv(r, "2024-03").churn.customers, 0) << "another subscription stays: not churn";
  EXPECT_EQ(Mv(r, "2024-05").churn.amount, 16667);
  EXPECT_EQ(Mv(r, "2024-07").reactivation.amount, 15000);
  EXPECT_EQ(Mv(r, "2024-07").new_customers.customers, 0);
}

// chartmogul_churn_rate_examples: start 100, churn 10, contraction 10, expansion 10:
// gross MRR churn 20 %, net 10 %.
TEST(Retention, ChartMogulGrossAndNetMrrChurn) {
  Report r = SubsReport(Monthly("a", "2024-01-01", "2024-02-01", 10) +
                        Monthly("b", "2024-01-01", "2024-02-01", 20) + Monthly("b", "2024-02-01", "", 10) +
                        Monthly("c", "2024-01-01", "2024-02-01", 10) + Monthly("c", "2024-02-01", "", 20) +
                        Monthly("d", "2024-01-01", "", 60));
  ASSERT_EQ(MonthOf(r, "2024-01").revenue->mrr, 10000);
  EXPECT_DOUBLE_EQ(*Ret(r, "2024-02").gross_revenue_churn, 20.0);
  EXPECT_DOUBLE_EQ(*Ret(r, "2024-02").net_revenue_churn, 10.0);
  EXPECT_DOUBLE_EQ(*Ret(r, "2024-02").nrr, 90.0);
  EXPECT_DOUBLE_EQ(*Ret(r, "2024-02").grr, 80.0);
  EXPECT_DOUBLE_EQ(*Ret(r, "2024-02").quick_ratio, 10.0 / 20.0);
  EXPECT_NEAR(*Ret(r, "2024-02").gross_revenue_churn_annualised, (1 - std::pow(0.8, 12)) * 100, 1e-9);
}

// nrr_examples: ChurnZero, start 27,000, expansion 8,000, churn 5,000: NRR 111.11 %.
TEST(Retention, ChurnZeroNrr) {
  Report r = SubsReport(Monthly("x", "2024-01-01", "2024-02-01", 5000) +
                        Monthly("y", "2024-01-01", "2024-02-01", 10000) + Monthly("y", "2024-02-01", "", 18000) +
                        Monthly("z", "2024-01-01", "", 12000));
  EXPECT_NEAR(*Ret(r, "2024-02").nrr, 111.11, 0.005);
  EXPECT_DOUBLE_EQ(*Ret(r, "2024-02").nrr, 30000.0 / 27000.0 * 100);
  EXPECT_EQ(MonthOf(r, "2024-02").revenue->mrr, 3000000);
}

// The seed's example: 100 customers at the start, 5 lost, 10 won: churn 5 %, not 5/110.
TEST(Retention, NewCustomersAreNotInTheChurnDenominator) {
  std::string rows;
  for (int i = 0; i < 100; ++i)
    rows += Monthly("old" + std::to_string(i), "2024-01-01", i < 5 ? "2024-02-15" : "", 10);
  for (int i = 0; i < 10; ++i) rows += Monthly("new" + std::to_string(i), "2024-02-03", "", 10);
  Report r = SubsReport(rows);
  // The 5 end in February but are in force at the end of January only: their churn month is February.
  EXPECT_EQ(Mv(r, "2024-02").churn.customers, 5);
  EXPECT_EQ(Mv(r, "2024-02").new_customers.customers, 10);
  EXPECT_DOUBLE_EQ(*Ret(r, "2024-02").customer_churn_rate, 5.0);
  EXPECT_DOUBLE_EQ(*Ret(r, "2024-02").customer_retention_rate, 95.0);
  EXPECT_EQ(Ret(r, "2024-02").retained_customers, 95);
  EXPECT_NEAR(*Ret(r, "2024-02").customer_churn_rate_annualised, (1 - std::pow(0.95, 12)) * 100, 1e-9);
  EXPECT_FALSE(Ret(r, "2024-01").customer_churn_rate.has_value()) << "N(m-1) = 0: null, not 0";
  EXPECT_FALSE(Ret(r, "2024-01").nrr.has_value());
}

TEST(Movements, ChurnTypeIsTheLastEndingRowsType) {
  // A downgrade on the 5th, then a cancellation for non-payment on the 20th: involuntary.
  Report a = SubsReport(Monthly("c", "2024-01-01", "2024-03-05", 50, "Pro", "voluntary") +
                        Monthly("c", "2024-03-05", "2024-03-20", 20, "Basic", "involuntary"));
  EXPECT_EQ(Mv(a, "2024-03").churn.involuntary.customers, 1);
  // Two rows end the same day: the larger normalised amount decides (120/year = 10 < 15).
  Report b = SubsReport("c,A,2024-01-01,2024-03-10,120,USD,year,1,1,voluntary\n" +
                        Monthly("c", "2024-01-01", "2024-03-10", 15, "B", "involuntary"));
  EXPECT_EQ(Mv(b, "2024-03").churn.involuntary.amount, 2500);
  // Same day, same amount: voluntary before involuntary before unknown.
  Report c = SubsReport(Monthly("c", "2024-01-01", "2024-03-10", 15, "A", "involuntary") +
                        Monthly("c", "2024-01-01", "2024-03-10", 15, "B", "voluntary"));
  EXPECT_EQ(Mv(c, "2024-03").churn.voluntary.customers, 1);
  // No churn_type: unknown.
  Report d = SubsReport(Monthly("c", "2024-01-01", "2024-03-10", 15));
  EXPECT_EQ(Mv(d, "2024-03").churn.unknown.customers, 1);
}

TEST(Movements, APauseAtZeroIsAChurnAndTheReturnAReactivation) {
  Report r = SubsReport(Monthly("c", "2024-01-01", "2024-03-01", 40) +
                        Monthly("c", "2024-03-01", "2024-05-01", 0) + Monthly("c", "2024-05-01", "", 40));
  EXPECT_EQ(Mv(r, "2024-03").churn.customers, 1);
  EXPECT_EQ(Mv(r, "2024-03").churn.unknown.customers, 1) << "the 40 row ending in March has no type";
  EXPECT_EQ(Mv(r, "2024-05").reactivation.amount, 4000);
  EXPECT_EQ(Mv(r, "2024-05").new_customers.customers, 0);
}

TEST(Movements, HistoryBeforeTheWindowDecidesNewVersusReactivation) {
  const std::string rows = Monthly("c", "2023-01-01", "2023-03-01", 40) + Monthly("c", "2024-02-01", "", 40);
  ReportOptions o;
  o.from = ParseMonth("2024-01").month;
  Report r = SubsReport(rows, o);
  EXPECT_EQ(Mv(r, "2024-02").reactivation.customers, 1);
  EXPECT_EQ(r.months.front().revenue->mrr_prev, 0);
}

TEST(Movements, UpsellVersusCrossSell) {
  Report r = SubsReport(
      // u: a bigger seat count on the same plan: upsell
      Monthly("u", "2024-01-01", "2024-02-01", 10, "A") + Monthly("u", "2024-02-01", "", 30, "A") +
      // s: switches plan A -> B (keeps nothing): upsell
      Monthly("s", "2024-01-01", "2024-02-01", 10, "A") + Monthly("s", "2024-02-01", "", 20, "B") +
      // x: keeps A and adds B: cross-sell
      Monthly("x", "2024-01-01", "", 10, "A") + Monthly("x", "2024-02-01", "", 5, "B") +
      Monthly("q", "2024-01-01", "", 10, "A"));
  const MovementsMonth& m = Mv(r, "2024-02");
  EXPECT_EQ(m.upsell.customers, 2);
  EXPECT_EQ(m.upsell.amount, 2000 + 1000);
  EXPECT_EQ(m.cross_sell.customers, 1);
  EXPECT_EQ(m.cross_sell.amount, 500);
  EXPECT_DOUBLE_EQ(*m.upsell.rate, 50.0);
  EXPECT_DOUBLE_EQ(*m.cross_sell.rate, 25.0);
  EXPECT_EQ(m.expansion.amount, m.upsell.amount + m.cross_sell.amount);
}

TEST(Retention, TrailingTwelveMonthNrr) {
  // At 2023-01: a pays 100, b pays 50. At 2024-01: a pays 120, b left, c (new) pays 500.
  Report r = SubsReport(Monthly("a", "2023-01-01", "2023-06-01", 100) + Monthly("a", "2023-06-01", "", 120) +
                        Monthly("b", "2023-01-01", "2023-09-01", 50) + Monthly("c", "2023-12-01", "", 500),
                        [] { ReportOptions o; o.to = ParseMonth("2024-01").month; return o; }());
  const RetentionMonth& t = Ret(r, "2024-01");
  EXPECT_EQ(t.trailing12_base_mrr, 15000);
  EXPECT_EQ(t.trailing12_mrr_now, 12000);
  EXPECT_DOUBLE_EQ(*t.trailing12_nrr, 80.0);
  EXPECT_FALSE(Ret(r, "2023-12").trailing12_nrr.has_value()) << "nobody paid at 2022-12";
}

TEST(Movements, FxLineKeepsTheBridgeExactAtConstantCurrency) {
  Engine engine;
  engine.Load(TableKind::kSubscriptions,
              std::string(kSubsHeader) + "u,P,2024-01-01,,100,USD,month,1,1,\ne,P,2024-01-01,,100,EUR,month,1,1,\n"
                                         "e2,P,2024-01-01,,50,EUR,month,1,1,\ne2,P,2024-02-01,,10,EUR,month,1,1,\n",
              {});
  engine.Load(TableKind::kExchangeRates, "currency,month,rate_to_reporting\nEUR,2024-01,1.10\nEUR,2024-02,1.20\n", {});
  ReportOptions o;
  o.currency = "USD";
  Report r = engine.BuildReport(o);
  // Jan: 100 + 110 + 55 = 265. Feb: 100 + 120 + 72 = 292.
  EXPECT_EQ(MonthOf(r, "2024-01").revenue->mrr, 26500);
  EXPECT_EQ(MonthOf(r, "2024-02").revenue->mrr, 29200);
  const MovementsMonth& m = Mv(r, "2024-02");
  // Last month's 150 EUR at February's rate is 180, not 165: fx = +15; e2 expands 10 EUR = 12 USD.
  EXPECT_EQ(m.fx, 1500);
  EXPECT_EQ(m.expansion.amount, 1200);
  EXPECT_EQ(26500 + m.fx + m.expansion.amount, 29200);
}

TEST(Cohorts, LogoAndRevenueRetentionByFirstPayingMonth) {
  Report r = SubsReport(Monthly("a", "2024-01-01", "", 10) + Monthly("b", "2024-01-01", "2024-02-01", 30) +
                        Monthly("b", "2024-03-01", "", 30) +  // leaves in Feb, back in Mar: counts again
                        Monthly("c", "2024-02-01", "", 20));
  ASSERT_TRUE(r.cohorts);
  ASSERT_EQ(r.cohorts->size(), 2u);
  const Cohort& jan = (*r.cohorts)[0];
  EXPECT_EQ(jan.size, 2);
  EXPECT_EQ(jan.mrr, 4000);
  ASSERT_EQ(jan.ages.size(), 3u);
  EXPECT_DOUBLE_EQ(jan.ages[1].logo_retention, 50.0);
  EXPECT_DOUBLE_EQ(*jan.ages[1].revenue_retention, 25.0);
  EXPECT_DOUBLE_EQ(jan.ages[2].logo_retention, 100.0);
  EXPECT_EQ((*r.cohorts)[1].ages.size(), 2u);
  // Survival: a censored at 2, b churned at 1 (its first spell), c censored at 1.
  ASSERT_TRUE(r.survival);
  EXPECT_EQ(r.survival->customers, 3);
  EXPECT_EQ(r.survival->events, 1);
  EXPECT_NEAR(r.survival->table[1].survival, 2.0 / 3.0, 1e-12);
}
