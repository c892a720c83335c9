// SPDX-License-Identifier: MIT
// Survival of paying tenure through the whole engine, on the real Telco customers split by
// contract type, checked against a product-limit estimate computed straight from the
// file's tenure and Churn columns.
#include <gtest/gtest.h>

#include <map>
#include <sstream>

#include "test_util.hpp"

using namespace csm;
using namespace csm::testing;

namespace {

struct TelcoCustomer {
  std::string id, contract, monthly;
  int tenure;
  bool churned;
};

std::vector<TelcoCustomer> ReadTelco() {
  std::istringstream in(ReadFile(SharedData("telco_churn/Telco-Customer-Churn.csv")));
  std::string line;
  std::getline(in, line);  // header; no field of this file is quoted
  std::vector<TelcoCustomer> out;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::vector<std::string> f;
    std::stringstream cells(line);
    for (std::string cell; std::getline(cells, cell, ',');) f.push_back(cell);
    out.push_back({f[0], f[15], f[18], std::stoi(f[5]), f[20] == "Yes"});
  }
  return out;
}

// Telco is a snapshot: tenure months paid and whether the customer left. As subscriptions
// observed up to month A: a churned customer paid months A-t .. A-1 and left in A; one who
// stayed has paid since A-t and is still paying at A (censored at t).
std::string TelcoAsSubscriptions(const std::vector<TelcoCustomer>& customers, Month a) {
  std::string csv = "customer_id,plan,start_date,end_date,amount,currency,interval,Contract\n";
  for (const TelcoCustomer& c : customers)
    csv += c.id + ",telco," + FormatDay(FirstDayOfMonth(a - c.tenure)) + "," +
           (c.churned ? FormatDay(FirstDayOfMonth(a)) : "") + "," + c.monthly + ",USD,month," + c.contract + "\n";
  return csv;
}

// The textbook product-limit estimator, O(n x T), independent of src/.
std::vector<double> ProductLimit(const std::vector<TelcoCustomer>& customers, const std::string& contract) {
  int max_t = 0;
  for (const auto& c : customers) max_t = std::max(max_t, c.tenure);
  std::vector<double> s;
  double surv = 1;
  for (int t = 0; t <= max_t; ++t) {
    int at_risk = 0, events = 0;
    for (const auto& c : customers) {
      if (!contract.empty() && c.contract != contract) continue;
      at_risk += c.tenure >= t;
      events += c.tenure == t && c.churned;
    }
    if (at_risk > 0) surv *= 1.0 - double(events) / at_risk;
    s.push_back(surv);
  }
  return s;
}

void ExpectMatches(const SurvivalCurve& curve, const std::vector<double>& expected) {
  for (const SurvivalRow& row : curve.table) {
    ASSERT_LT(size_t(row.t), expected.size());
    EXPECT_NEAR(row.survival, expected[size_t(row.t)], 1e-12) << "t = " << row.t;
  }
}

}  // namespace

TEST(Survival, TelcoCustomersByContractType) {
  const std::vector<TelcoCustomer> customers = ReadTelco();
  ASSERT_EQ(customers.size(), 7043u);
  const Month a = ParseMonth("2024-12").month;
  Engine engine;
  engine.Load(TableKind::kSubscriptions, TelcoAsSubscriptions(customers, a), {});
  ReportOptions o;
  o.segment_by = "Contract";
  Report r = engine.BuildReport(o);
  ASSERT_TRUE(r.survival);
  EXPECT_EQ(r.survival->customers, 7043);
  EXPECT_EQ(r.survival->events, 1869) << "the file's published headline: 1,869 churned";
  ExpectMatches(*r.survival, ProductLimit(customers, ""));
  ASSERT_EQ(r.segments->size(), 3u);
  std::map<std::string, std::optional<int32_t>> medians;
  for (const SegmentReport& s : *r.segments) {
    ExpectMatches(s.survival, ProductLimit(customers, s.value));
    medians[s.value] = s.survival.median;
  }
  // Month-to-month customers leave far sooner; two-year contracts rarely leave at all.
  EXPECT_TRUE(medians["Month-to-month"].has_value());
  EXPECT_FALSE(medians["Two year"].has_value());
  EXPECT_LT((*r.segments)[0].survival.table.back().survival, (*r.segments)[2].survival.table.back().survival);
}

TEST(DrillDown, ListsTheCustomersBehindEveryFigure) {
  Engine engine;
  engine.Load(TableKind::kSubscriptions,
              std::string(kSubsHeader) +
                  "KAKCo,Basic,2022-01-01,2022-02-01,40,USD,month,1,1,\n"
                  "KAKCo,Basic,2022-02-01,2022-03-01,75,USD,month,1,1,voluntary\n"
                  "Raisekit,Basic,2022-01-01,2022-02-01,20,USD,month,1,1,\n"
                  "Raisekit,Basic,2022-02-01,2022-03-01,80,USD,month,1,1,\n"
                  "Raisekit,Basic,2022-03-01,,120,USD,month,1,1,\n",
              {});
  Report r = engine.BuildReport({});
  auto drill = [&](const char* month, const char* movement) {
    DrillDownQuery q;
    q.month = ParseMonth(month).month;
    q.movement = movement;
    return engine.BuildDrillDown({}, q);
  };
  DrillDown churn = drill("2022-03", "churn");
  ASSERT_EQ(churn.customers.size(), 1u);
  EXPECT_EQ(churn.customers[0].customer_id, "KAKCo");
  EXPECT_EQ(churn.customers[0].mrr_prev, 7500);
  EXPECT_EQ(churn.customers[0].mrr, 0);
  EXPECT_EQ(churn.customers[0].churn_type, "voluntary");
  EXPECT_EQ(churn.amount, MonthOf(r, "2022-03").movements->churn.amount);
  DrillDown expansion = drill("2022-02", "expansion");
  ASSERT_EQ(expansion.customers.size(), 2u);
  EXPECT_EQ(expansion.customers[0].amount + expansion.customers[1].amount, 9500);
  EXPECT_EQ(drill("2022-03", "paying").amount, 12000);
  EXPECT_EQ(drill("2022-03", "churn_involuntary").customers.size(), 0u);
  EXPECT_THROW(drill("2022-03", "bogus"), CsmError);
}

// Every figure of every month and segment equals the sum of its drill-down, on generated
// data with plan changes and two plans at once.
TEST(DrillDown, SumsEqualTheReportOnTheRaisekitAndMixedData) {
  Engine engine;
  engine.Load(TableKind::kSubscriptions,
              std::string(kSubsHeader) +
                  "a,Basic,2024-01-01,2024-03-01,10,USD,month,1,1,\n"
                  "a,Pro,2024-03-01,,50,USD,month,1,1,\n"
                  "b,Basic,2024-01-01,,10,USD,month,1,1,\n"
                  "b,Addon,2024-02-01,2024-04-10,5,USD,month,1,1,involuntary\n"
                  "c,Pro,2024-02-01,2024-03-15,50,USD,month,1,1,voluntary\n"
                  "c,Pro,2024-05-01,,60,USD,month,1,1,\n",
              {});
  ReportOptions o;
  o.segment_by = "plan";
  Report r = engine.BuildReport(o);
  for (const SegmentReport& s : *r.segments)
    for (const MonthReport& m : s.months) {
      DrillDownQuery q;
      q.month = m.month;
      q.segment = s.value;
      auto amount = [&](const char* movement) {
        q.movement = movement;
        return engine.BuildDrillDown(o, q).amount;
      };
      EXPECT_EQ(amount("new"), m.movements->new_customers.amount);
      EXPECT_EQ(amount("reactivation"), m.movements->reactivation.amount);
      EXPECT_EQ(amount("expansion"), m.movements->expansion.amount);
      EXPECT_EQ(amount("contraction"), m.movements->contraction.amount);
      EXPECT_EQ(amount("churn"), m.movements->churn.amount);
      EXPECT_EQ(amount("churn_involuntary"), m.movements->churn.involuntary.amount);
      EXPECT_EQ(amount("upsell"), m.movements->upsell.amount);
      EXPECT_EQ(amount("cross_sell"), m.movements->cross_sell.amount);
      EXPECT_EQ(amount("paying"), m.revenue->mrr);
    }
}
