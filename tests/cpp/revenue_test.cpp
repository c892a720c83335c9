// SPDX-License-Identifier: MIT
#include <gtest/gtest.h>

#include <random>

#include "core/engine.hpp"
#include "core/exact.hpp"
#include "core/money.hpp"
#include "test_util.hpp"

using namespace csm;
using namespace csm::testing;

namespace {

Report ReportOf(const std::string& rows, ReportOptions options = {}) {
  Engine engine;
  engine.Load(TableKind::kSubscriptions, std::string(kSubsHeader) + rows, {});
  return engine.BuildReport(options);
}

const RevenueMonth& Rev(const Report& r, const char* month) {
  Month m = ParseMonth(month).month;
  for (const auto& mr : r.months)
    if (mr.month == m) return *mr.revenue;
  throw std::runtime_error("no such month");
}

}  // namespace

// shared/data/mrr_examples/raisekit_test_vector*.csv: MRR 60/155/120, ARR 720/1,860/1,440.
TEST(Revenue, ReproducesTheRaisekitVector) {
  Report r = ReportOf(
      "KAKCo,Basic,2022-01-01,2022-02-01,40,USD,month,1,1,\n"
      "KAKCo,Basic,2022-02-01,2022-03-01,75,USD,month,1,1,voluntary\n"
      "Raisekit,Basic,2022-01-01,2022-02-01,20,USD,month,1,1,\n"
      "Raisekit,Basic,2022-02-01,2022-03-01,80,USD,month,1,1,\n"
      "Raisekit,Basic,2022-03-01,,120,USD,month,1,1,\n");
  ASSERT_EQ(r.months.size(), 3u);
  EXPECT_EQ(Rev(r, "2022-01").mrr, 6000);
  EXPECT_EQ(Rev(r, "2022-02").mrr, 15500);
  EXPECT_EQ(Rev(r, "2022-03").mrr, 12000);
  EXPECT_EQ(Rev(r, "2022-01").arr, 72000);
  EXPECT_EQ(Rev(r, "2022-02").arr, 186000);
  EXPECT_EQ(Rev(r, "2022-03").arr, 144000);
  EXPECT_EQ(Rev(r, "2022-03").paying_customers, 1);
  EXPECT_EQ(Rev(r, "2022-03").mrr_prev, 15500);
  EXPECT_EQ(Rev(r, "2022-03").paying_customers_prev, 2);
}

// ChartMogul lifecycle (shared/data/mrr_examples): 4 seats of a 500/year plan = 166.67 MRR;
// adding 2 seats of a 30/month plan brings 60 more.
TEST(Revenue, ReproducesChartMogulsLifecycleAmounts) {
  Report r = ReportOf(
      "acme,Annual,2024-01-10,,500,USD,year,1,4,\n"
      "acme,Seats,2024-02-10,,30,USD,month,1,2,\n");
  EXPECT_EQ(Rev(r, "2024-01").mrr, 16667);
  EXPECT_EQ(Rev(r, "2024-02").mrr, 22667);
  EXPECT_EQ(Rev(r, "2024-02").contracted_arr, 12 * 16667);  // only the annual row
}

TEST(Revenue, RoundsEachCustomerOnceNotEachRow) {
  // Three 1.00/year rows: 3 x 0.0833.. = 0.25 exactly; rounding per row would give 0.24.
  Report r = ReportOf(
      "c1,A,2024-01-01,,1,USD,year,1,1,\nc1,B,2024-01-01,,1,USD,year,1,1,\nc1,C,2024-01-01,,1,USD,year,1,1,\n");
  EXPECT_EQ(Rev(r, "2024-01").mrr, 25);
}

TEST(Revenue, NormalisesEveryInterval) {
  Report r = ReportOf(
      "d,P,2024-01-01,,1,USD,day,1,1,\n"       // 365/12 = 30.4166.. -> 30.42
      "w,P,2024-01-01,,10,USD,week,1,1,\n"     // 520/12 = 43.333.. -> 43.33
      "q,P,2024-01-01,,30,USD,quarter,1,1,\n"  // 10.00
      "h,P,2024-01-01,,60,USD,month,6,1,\n"    // 10.00
      "s,P,2024-01-01,,10,USD,month,1,3,\n");  // 30.00
  EXPECT_EQ(Rev(r, "2024-01").mrr, 3042 + 4333 + 1000 + 1000 + 3000);
  EXPECT_EQ(Rev(r, "2024-01").paying_customers, 5);
}

TEST(Revenue, InForceAtMonthEndUsesExclusiveEndDates) {
  Report r = ReportOf(
      "a,P,2024-01-31,2024-02-01,10,USD,month,1,1,\n"   // in force at the end of January only
      "b,P,2024-01-15,2024-01-31,10,USD,month,1,1,\n"   // ends before January's last day
      "c,P,2024-02-29,2024-03-15,10,USD,month,1,1,\n"); // February only
  EXPECT_EQ(Rev(r, "2024-01").mrr, 1000);
  EXPECT_EQ(Rev(r, "2024-01").paying_customers, 1);
  EXPECT_EQ(Rev(r, "2024-02").mrr, 1000);
  EXPECT_EQ(Rev(r, "2024-03").mrr, 0);
}

TEST(Revenue, OneTimeRowsAreNonRecurringOnly) {
  Report r = ReportOf(
      "a,P,2024-01-05,,100,USD,month,1,1,\n"
      "a,Setup,2024-01-05,,250.005,USD,one_time,1,1,\n"
      "a,Addon,2024-02-05,,19.99,USD,one_time,1,2,\n");
  EXPECT_EQ(Rev(r, "2024-01").mrr, 10000);
  EXPECT_EQ(Rev(r, "2024-01").non_recurring_revenue, 25000);  // 250.005 -> 250.00 (half to even)
  EXPECT_EQ(Rev(r, "2024-01").mrr_incl_non_recurring, 35000);
  EXPECT_EQ(Rev(r, "2024-02").non_recurring_revenue, 3998);
}

TEST(Revenue, JapaneseYenHasNoMinorUnit) {
  Engine engine;
  engine.Load(TableKind::kSubscriptions, std::string(kSubsHeader) + "a,P,2024-01-01,,1000,JPY,year,1,1,\n", {});
  Report r = engine.BuildReport({});
  EXPECT_EQ(r.meta.currency, "JPY");
  EXPECT_EQ(r.meta.minor_unit_exponent, 0);
  EXPECT_EQ(r.months[0].revenue->mrr, 83);  // 83.33 -> 83
}

TEST(Revenue, ConvertsAtEachMonthsRateAndRoundsOnce) {
  Engine engine;
  engine.Load(TableKind::kSubscriptions, std::string(kSubsHeader) +
                  "u,P,2024-01-01,,10,USD,month,1,1,\ne,P,2024-01-01,,10,EUR,month,1,1,\n"
                  "j,P,2024-01-01,,1000,JPY,month,1,1,\n", {});
  engine.Load(TableKind::kExchangeRates,
              "currency,month,rate_to_reporting\nEUR,2024-01,1.085\nEUR,2024-02,1.0805\n"
              "JPY,2024-01,0.006734\nJPY,2024-02,0.0067\n", {});
  ReportOptions o;
  o.to = ParseMonth("2024-02").month;
  Report r = engine.BuildReport(o);
  EXPECT_EQ(r.meta.currency, "USD");  // the only currency without a rate
  EXPECT_EQ(r.months[0].revenue->mrr, 1000 + 1085 + 673);  // 6.734 -> 6.73
  EXPECT_EQ(r.months[1].revenue->mrr, 1000 + 1080 + 670);  // 10.805 -> 10.80 (half to even)
}

TEST(Revenue, WindowDefaultsToTheDataAndAcceptsFromTo) {
  Report r = ReportOf("a,P,2023-11-20,2024-02-10,10,USD,month,1,1,\n");
  EXPECT_EQ(FormatMonth(*r.meta.from), "2023-11");
  EXPECT_EQ(FormatMonth(*r.meta.to), "2024-02");  // the end date is the latest date
  ReportOptions o;
  o.from = ParseMonth("2024-01").month;
  r = ReportOf("a,P,2023-11-20,2024-02-10,10,USD,month,1,1,\n", o);
  ASSERT_EQ(r.months.size(), 2u);
  EXPECT_EQ(r.months[0].revenue->mrr_prev, 1000);  // history before the window still counts
}

TEST(Revenue, EmptyTableGivesZerosAndNullArpu) {
  Engine engine;
  engine.Load(TableKind::kSubscriptions, kSubsHeader, {});
  ReportOptions o;
  o.from = o.to = ParseMonth("2024-01").month;
  Report r = engine.BuildReport(o);
  ASSERT_EQ(r.months.size(), 1u);
  EXPECT_EQ(r.months[0].revenue->mrr, 0);
  EXPECT_FALSE(r.months[0].revenue->arpu.has_value());
}

// Invariants on generated data: MRR equals a brute-force sum over rows in force, and
// ARPU x N = MRR within the rounding of one division.
TEST(Revenue, MatchesBruteForceOnRandomData) {
  for (int seed = 1; seed <= 20; ++seed) {
    std::mt19937 rng(seed);
    std::string csv;
    const int customers = 40;
    struct Row { int c; Day s, e; int64_t micros; int k, ic, q; };
    std::vector<Row> rows;
    const char* intervals[] = {"day", "week", "month", "quarter", "year"};
    const int factor[] = {365, 52, 12, 4, 1};
    Day base = DaysFromCivil(2023, 1, 1);
    for (int i = 0; i < 200; ++i) {
      Row r{int(rng() % customers), Day(base + rng() % 500), kNoDay, int64_t(rng() % 100000000),
            int(rng() % 5), int(1 + rng() % 3), int(rng() % 4)};
      if (rng() % 3) r.e = r.s + Day(rng() % 300);
      rows.push_back(r);
      csv += "c" + std::to_string(r.c) + ",P," + FormatDay(r.s) + "," +
             (r.e == kNoDay ? "" : FormatDay(r.e)) + "," + std::to_string(r.micros / 1000000) + "." +
             std::to_string(1000000 + r.micros % 1000000).substr(1) + ",USD," + intervals[r.k] + "," +
             std::to_string(r.ic) + "," + std::to_string(r.q) + ",\n";
    }
    Report rep = ReportOf(csv);
    for (const MonthReport& mr : rep.months) {
      Day last = FirstDayOfMonth(mr.month + 1) - 1;
      int64_t mrr = 0, paying = 0;
      for (int c = 0; c < customers; ++c) {
        Wide num = 0;  // over 12 x 6 (lcm of interval counts 1..3) x 1e6
        for (const Row& r : rows)
          if (r.c == c && r.s <= last && (r.e == kNoDay || r.e > last))
            num += Wide(r.micros) * r.q * factor[r.k] * (6 / r.ic);
        int64_t v = int64_t(RoundHalfEven(num * 100, Wide(72) * 1000000));
        mrr += v;
        paying += v > 0;
      }
      ASSERT_EQ(mr.revenue->mrr, mrr) << "seed " << seed << " month " << FormatMonth(mr.month);
      ASSERT_EQ(mr.revenue->paying_customers, paying);
      if (paying > 0) ASSERT_LE(std::abs(*mr.revenue->arpu * paying - mrr) * 2, paying);
    }
  }
}
