// SPDX-License-Identifier: MIT
// The models in the product: fitted on the engine's own tables (report "models"), behind
// drill-downs, and as the `sbg` / `bgnbd` commands. The numbers expected are the papers'.
#include <gtest/gtest.h>

#include <cmath>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/model_inputs.hpp"
#include "core/predictive_models.hpp"
#include "io/model_commands.hpp"
#include "io/report_json.hpp"
#include "test_util.hpp"

namespace csm {
namespace {

using testing::kSubsHeader;
using testing::ReadFile;
using testing::SharedData;
using Json = nlohmann::json;

const std::string kModels = std::string(CSM_TEST_DATA) + "/models/";

// Fader and Hardie's (2007) Regular segment as one monthly cohort of 2020-01: 1,000
// customers, of whom 1000 - n_t are gone after t months (n = 1000, 631, ..., 241), at
// 100 USD a month. Customer "back" churns after one month and returns in April: the sBG
// follows first lifetimes, so it counts as churned and the fit is the paper's.
std::string RegularCohort() {
  const int survivors[] = {1000, 631, 468, 382, 326, 289, 262, 241};
  std::string rows = kSubsHeader;
  int id = 0;
  for (int t = 1; t <= 7; ++t)
    for (int k = survivors[t - 1] - survivors[t]; k > 0; --k) {
      const std::string name = id == 0 ? "back" : "c" + std::to_string(id);
      rows += name + ",P,2020-01-01,2020-0" + std::to_string(1 + t) + "-01,100,USD,month,1,1,voluntary\n";
      ++id;
    }
  rows += "back,P,2020-04-01,,100,USD,month,1,1,\n";
  for (int k = 0; k < 241; ++k) rows += "s" + std::to_string(k) + ",P,2020-01-01,,100,USD,month,1,1,\n";
  return rows;
}

Report RegularReport(std::optional<double> margin) {
  Engine engine;
  engine.Load(TableKind::kSubscriptions, RegularCohort(), {});
  ReportOptions o;
  o.model_subscribers = true;
  o.from = ParseMonth("2020-01").month;
  o.to = ParseMonth("2020-08").month;
  o.gross_margin = margin;
  return engine.BuildReport(o);
}

TEST(ReportModels, SbgOnTheEnginesCohortsReproducesThePublishedFit) {
  const Report r = RegularReport(std::nullopt);
  ASSERT_TRUE(r.sbg);
  ASSERT_EQ(r.sbg->error, "");
  EXPECT_EQ(r.sbg->cohorts, 1);
  EXPECT_EQ(r.sbg->customers, 1000);
  EXPECT_NEAR(r.sbg->fit.params.alpha, 0.704, 0.0005);
  EXPECT_NEAR(r.sbg->fit.params.beta, 1.182, 0.0005);
  const std::vector<double> observed = {1, .631, .468, .382, .326, .289, .262, .241};
  ASSERT_EQ(r.sbg->observed_survival.size(), observed.size());
  for (size_t t = 0; t < observed.size(); ++t)
    EXPECT_NEAR(r.sbg->observed_survival[t], observed[t], 1e-12) << "t = " << t << ": a comeback is no survivor";
  EXPECT_EQ(r.sbg->survival.size(), 37u);  // S(0..36), the default horizon
  EXPECT_EQ(r.sbg->retention.size(), 36u);
  EXPECT_DOUBLE_EQ(r.sbg->survival[1], 1 - 0.7040772982549408 / (0.7040772982549408 + 1.18204302476438)) << "S(1) = b/(a+b)";
  EXPECT_FALSE(r.sbg->clv_new_customer) << "no gross margin, no CLV";
  EXPECT_FALSE(r.sbg->active_base_value);
  ReportOptions plain;
  plain.from = ParseMonth("2020-01").month;
  plain.to = ParseMonth("2020-08").month;
  Engine engine;
  engine.Load(TableKind::kSubscriptions, RegularCohort(), {});
  EXPECT_TRUE(engine.BuildReport(plain).sbg->subscribers.empty()) << "listed for drill-downs only";
}

TEST(ReportModels, ActiveSubscribersAreValuedAtTheirRunLength) {
  const Report r = RegularReport(0.8);
  ASSERT_TRUE(r.sbg && r.sbg->error.empty());
  EXPECT_EQ(r.sbg->active_customers, 242);  // 241 never churned, and "back"
  EXPECT_EQ(r.sbg->active_mrr, 242 * 10000);
  const double d = MonthlyDiscountRate(0.10);
  EXPECT_NEAR(std::pow(1 + d, 12), 1.10, 1e-12);
  int64_t sum = 0;
  for (const SubscriberValue& v : r.sbg->subscribers) {
    const int run = v.subscriber.run;
    EXPECT_TRUE(run == 8 || run == 5) << run;  // Jan..Aug, or Apr..Aug for "back"
    EXPECT_DOUBLE_EQ(v.derl, SbgDiscountedExpectedResidualLifetime(r.sbg->fit.params, d, run));
    ASSERT_TRUE(v.clv);
    EXPECT_EQ(*v.clv, std::llround(100.0 * 0.8 * v.derl * 100.0));
    sum += *v.clv;
  }
  EXPECT_EQ(r.sbg->active_base_value, sum);
  // Without a drill-down the engine keeps one entry per (run, MRR): the same figures.
  Engine engine;
  engine.Load(TableKind::kSubscriptions, RegularCohort(), {});
  ReportOptions o;
  o.from = ParseMonth("2020-01").month;
  o.to = ParseMonth("2020-08").month;
  o.gross_margin = 0.8;
  const Report grouped = engine.BuildReport(o);
  EXPECT_TRUE(grouped.sbg->subscribers.empty());
  EXPECT_EQ(grouped.sbg->active_base_value, sum);
  EXPECT_EQ(grouped.sbg->active_customers, 242);
  EXPECT_EQ(grouped.sbg->active_mrr, 242 * 10000);
  ASSERT_TRUE(r.sbg->arpu && r.sbg->clv_new_customer);
  EXPECT_EQ(*r.sbg->clv_new_customer, std::llround(double(*r.sbg->arpu) * 0.8 * r.sbg->del));
}

TEST(ReportModels, DrillDownListsTheSubscribersBehindTheBaseValue) {
  Engine engine;
  engine.Load(TableKind::kSubscriptions, RegularCohort(), {});
  ReportOptions o;
  o.from = ParseMonth("2020-01").month;
  o.gross_margin = 0.8;
  DrillDownQuery q;
  q.month = ParseMonth("2020-08").month;
  q.movement = "sbg";
  const DrillDown d = engine.BuildDrillDown(o, q);
  ReportOptions at = o;
  at.to = q.month;
  const Report r = engine.BuildReport(at);
  EXPECT_EQ(d.customers.size(), 242u);
  EXPECT_EQ(d.amount, *r.sbg->active_base_value);
  EXPECT_EQ(d.customers.front().customer_id, "back");
  EXPECT_EQ(d.customers.front().subscriber->subscriber.run, 5);
  q.segment = "P";
  EXPECT_THROW(engine.BuildDrillDown(o, q), CsmError);
}

TEST(ReportModels, AnUnidentifiableCohortGivesTheReasonNotAFit) {
  // Everyone leaves after one month: the sBG's theta would have to be 1 for all.
  std::string rows;
  for (int k = 0; k < 20; ++k) rows += "c" + std::to_string(k) + ",P,2020-01-01,2020-02-01,10,USD,month,1,1,\n";
  const Report r = testing::SubsReport(rows, [] {
    ReportOptions o;
    o.to = ParseMonth("2020-06").month;
    return o;
  }());
  ASSERT_TRUE(r.sbg);
  EXPECT_NE(r.sbg->error, "");
  const Json j = Json::parse(ReportToJson(r));
  EXPECT_TRUE(j["models"]["sbg"]["error"].is_string());
  EXPECT_FALSE(j["models"]["sbg"].contains("alpha"));
  EXPECT_TRUE(j["models"]["bg_nbd"].is_null()) << "no transactions table";
}

// CDNOW's 1/10 sample as a DATA.md transactions table.
std::string CdnowTransactions() {
  std::istringstream in(ReadFile(SharedData("cdnow/CDNOW_sample.txt")));
  std::string rows = "customer_id,date,amount\n", master, sample, date, cds, dollars;
  while (in >> master >> sample >> date >> cds >> dollars)
    rows += sample + "," + date.substr(0, 4) + "-" + date.substr(4, 2) + "-" + date.substr(6, 2) + "," + dollars + "\n";
  return rows;
}

TEST(ReportModels, BgnbdAndGammaGammaOnATransactionsTableReproduceThePublishedFits) {
  Engine engine;
  engine.Load(TableKind::kTransactions, CdnowTransactions(), {});
  ReportOptions o;
  o.from = ParseMonth("1997-01").month;
  o.to = ParseMonth("1997-09").month;  // the papers' calibration period ends 1997-09-30
  o.gross_margin = 0.3;
  const Report r = engine.BuildReport(o);
  ASSERT_TRUE(r.purchases);
  const PurchaseModelsSection& p = *r.purchases;
  ASSERT_EQ(p.bgnbd_error, "");
  EXPECT_EQ(p.customers, 2357);
  EXPECT_EQ(p.repeat_buyers, 946);
  EXPECT_NEAR(p.bgnbd.params.r, 0.243, 0.0005);
  EXPECT_NEAR(p.bgnbd.params.alpha, 4.414, 0.0005);
  EXPECT_NEAR(p.bgnbd.params.a, 0.793, 0.0005);
  EXPECT_NEAR(p.bgnbd.params.b, 2.426, 0.0005);
  EXPECT_NEAR(p.bgnbd.log_likelihood, -9582.4, 0.05);
  ASSERT_EQ(p.gamma_gamma_error, "");
  EXPECT_NEAR(p.gamma_gamma.params.p, 6.25, 0.005);
  EXPECT_NEAR(p.gamma_gamma.params.q, 3.74, 0.005);
  EXPECT_NEAR(p.gamma_gamma.params.gamma, 15.44, 0.005);
  double alive = 0;
  int64_t clv = 0;
  for (const PurchaserValue& v : p.purchasers) {
    alive += v.p_alive;
    ASSERT_TRUE(v.clv);
    clv += *v.clv;
  }
  EXPECT_DOUBLE_EQ(p.expected_alive, alive);
  EXPECT_EQ(p.clv_total, clv) << "the figure is the sum of the drill-down rows";
  DrillDownQuery q;
  q.month = *o.to;
  q.movement = "bg_nbd";
  const DrillDown d = engine.BuildDrillDown(o, q);
  EXPECT_EQ(d.customers.size(), 2357u);
  EXPECT_EQ(d.amount, clv);
}

TEST(ModelCommands, BgnbdFromTheRawSampleEqualsTheFitOnTheShippedSummary) {
  BgnbdCommandOptions o;
  o.calibration_end = ParseDate("1997-09-30").day;
  const Json raw = Json::parse(BgnbdCommandJson(ReadFile(SharedData("cdnow/CDNOW_sample.txt")), "CDNOW_sample.txt", o, -1));
  const Json summary = Json::parse(BgnbdCommandJson(
      ReadFile(SharedData("cdnow/cdnow_customers_summary_with_transactions.csv")), "summary.csv", {}, -1));
  EXPECT_EQ(raw["input"], "purchases");
  EXPECT_EQ(summary["input"], "summary");
  for (const Json* j : {&raw, &summary}) {
    EXPECT_EQ((*j)["customers"], 2357);
    EXPECT_NEAR((*j)["bg_nbd"]["r"].get<double>(), 0.243, 0.0005);
    EXPECT_NEAR((*j)["bg_nbd"]["alpha"].get<double>(), 4.414, 0.0015);  // the summary is rounded to 0.01 week
    EXPECT_NEAR((*j)["bg_nbd"]["a"].get<double>(), 0.793, 0.0005);
    EXPECT_NEAR((*j)["bg_nbd"]["b"].get<double>(), 2.426, 0.0015);
    EXPECT_NEAR((*j)["gamma_gamma"]["p"].get<double>(), 6.25, 0.005);
    EXPECT_NEAR((*j)["gamma_gamma"]["q"].get<double>(), 3.74, 0.005);
    EXPECT_NEAR((*j)["gamma_gamma"]["gamma"].get<double>(), 15.44, j == &raw ? 0.005 : 0.01);  // zbar rounded to cents
  }
  // The paper's customer: x = 2, t_x = 30.43, T = 38.86 expects 1.226 purchases in 39 weeks.
  BgnbdCommandOptions ahead = o;
  ahead.horizon_weeks = 39;
  const Json j = Json::parse(BgnbdCommandJson(ReadFile(SharedData("cdnow/CDNOW_sample.txt")), "s", ahead, -1));
  EXPECT_EQ(j["customer_values"][0]["id"], "0001");
  EXPECT_NEAR(j["customer_values"][0]["expected_purchases"].get<double>(), 1.226, 0.0005);
  EXPECT_TRUE(j["customer_values"][0]["clv"].is_null()) << "no margin given";
}

TEST(ModelCommands, BgnbdHoldoutComparesExpectedAndActualPurchases) {
  BgnbdCommandOptions o;
  o.calibration_end = ParseDate("1997-09-30").day;
  o.holdout_end = ParseDate("1998-06-30").day;
  o.margin = 0.5;
  const Json j = Json::parse(BgnbdCommandJson(ReadFile(SharedData("cdnow/CDNOW_sample.txt")), "s", o, -1));
  EXPECT_EQ(j["holdout"]["weeks"], 39.0);
  int64_t actual = 0;
  for (const Json& c : j["customer_values"]) actual += c["holdout_x"].get<int64_t>();
  EXPECT_EQ(j["holdout"]["actual_purchases"], actual);
  const double expected = j["holdout"]["expected_purchases"].get<double>();
  EXPECT_NEAR(expected / double(actual), 1.0, 0.15) << "the model tracks the holdout within 15 %";
  EXPECT_DOUBLE_EQ(j["customer_values"][0]["clv"].get<double>(),
                   0.5 * j["customer_values"][0]["expected_revenue"].get<double>());
}

TEST(ModelCommands, BgnbdWithoutRepeatBuyersIsAnUnidentifiableModel) {
  try {
    BgnbdCommandJson("ID,x,t_x,T\na,0,0,10\nb,0,0,12\n", "one-off.csv", {}, -1);
    FAIL() << "no error";
  } catch (const CsmError& e) {
    EXPECT_EQ(e.code(), ErrorCode::kUnidentifiable);
    EXPECT_NE(std::string(e.what()).find("one-off.csv"), std::string::npos) << e.what();
  }
}

TEST(ModelCommands, SbgReproducesBothPublishedSegmentsAndProjectsTheHeldOutYears) {
  SbgCommandOptions o;
  o.fit_periods = 7;
  const Json j = Json::parse(SbgCommandJson(ReadFile(kModels + "fader_hardie_2007_survivors.csv"), "fh.csv", o, -1));
  ASSERT_EQ(j["fits"].size(), 2u);
  const Json& regular = j["fits"][0];
  const Json& high = j["fits"][1];
  EXPECT_EQ(regular["name"], "Regular");
  EXPECT_EQ(regular["fit_periods"], 7);
  EXPECT_NEAR(regular["alpha"].get<double>(), 0.704, 0.0005);
  EXPECT_NEAR(regular["beta"].get<double>(), 1.182, 0.0005);
  EXPECT_NEAR(high["alpha"].get<double>(), 0.668, 0.0005);
  EXPECT_NEAR(high["beta"].get<double>(), 3.806, 0.0005);
  ASSERT_EQ(regular["periods"].size(), 13u);
  // Held-out year 12: 173 Regular customers remain; the fit on years 0..7 projects 170.
  EXPECT_NEAR(regular["periods"][12]["survival"].get<double>() * 1000, 173, 5);
  EXPECT_EQ(regular["periods"][12]["observed_survival"], 0.173);
  EXPECT_TRUE(regular["periods"][0]["retention"].is_null());
}

TEST(ModelCommands, SbgFitOnEveryPeriodDiffersFromTheFitOnSeven) {
  const std::string csv = ReadFile(kModels + "fader_hardie_2007_survivors.csv");
  SbgCommandOptions seven;
  seven.fit_periods = 7;
  const Json a = Json::parse(SbgCommandJson(csv, "fh.csv", seven, -1));
  const Json b = Json::parse(SbgCommandJson(csv, "fh.csv", {}, -1));
  EXPECT_EQ(b["fits"][0]["fit_periods"], 12);
  EXPECT_NE(a["fits"][0]["alpha"], b["fits"][0]["alpha"]);
}

TEST(ModelInputs, SurvivorTablesAreCheckedCellByCell) {
  auto error = [](const std::string& csv) {
    try {
      ParseSurvivorTable(csv, "survivors.csv");
    } catch (const CsmError& e) {
      return std::string(e.what()) + " @" + std::to_string(e.line()) + ":" + e.column();
    }
    return std::string("no error");
  };
  EXPECT_EQ(error("period,A\n0,100\n1,120\n"), "survivors.csv line 3, column A: survivors cannot increase @3:A");
  EXPECT_EQ(error("period,A\n0,100\n1,x\n"), "survivors.csv line 3, column A: \"x\" is not a number @3:A");
  EXPECT_EQ(error("period,A\n0,100\n2,90\n"), "survivors.csv line 3, column period: expected period 1 @3:period");
  EXPECT_EQ(error("period,A\n0,-1\n"), "survivors.csv line 2, column A: survivors cannot be negative @2:A");
  EXPECT_EQ(error("cohort,A\n0,1\n"),
            "survivors.csv line 1: the header must be period followed by one column per cohort or segment @1:");
  EXPECT_EQ(error("period,A,B\n0,100,50\n1,90,\n2,80,40\n"), "survivors.csv line 4, column B: a value after the column has ended @4:B");
  const SurvivorTable triangle = ParseSurvivorTable("period,Jan,Feb\n0,100,80\n1,90,70\n2,85,\n", "t.csv");
  EXPECT_EQ(triangle.columns[0], (SurvivorCounts{100, 90, 85}));
  EXPECT_EQ(triangle.columns[1], (SurvivorCounts{80, 70}));
}

TEST(ModelInputs, RfmSummariesInBothNamingsAndCdnowFilesAreRecognised) {
  const PurchaseInput a = ParsePurchaseInput("ID,frequency,recency,T\n7,2,3.5,10\n", "a.csv");
  EXPECT_TRUE(a.summary);
  EXPECT_FALSE(a.has_spend);
  EXPECT_EQ(a.ids, std::vector<std::string>{"7"});
  EXPECT_EQ(a.customers[0].x, 2);
  const PurchaseInput b = ParsePurchaseInput("ID,x,t_x,T,zbar\n7,2,3.5,10,12.5\n", "b.csv");
  EXPECT_TRUE(b.has_spend);
  EXPECT_EQ(b.customers[0].zbar, 12.5);
  const PurchaseInput master = ParsePurchaseInput(" customer_id  date n dollars\n 00001 19970101  1   11.77\n", "m.txt");
  EXPECT_FALSE(master.summary);
  ASSERT_EQ(master.purchases.size(), 1u);
  EXPECT_EQ(master.purchases[0].day, ParseDate("1997-01-01").day);
  EXPECT_EQ(master.purchases[0].amount, 11.77);
  const PurchaseInput table = ParsePurchaseInput("customer_id,date,amount\nc,2024-01-01,5\n", "t.csv");
  EXPECT_FALSE(table.summary);
  EXPECT_TRUE(table.purchases.empty()) << "left to the DATA.md transactions loader";
  EXPECT_THROW(ParsePurchaseInput("ID,x,t_x,T\n7,1,11,10\n", "bad.csv"), CsmError) << "recency beyond T";
  EXPECT_THROW(ParsePurchaseInput(" 00001 1997-01-01 1 11.77\n", "bad.txt"), CsmError) << "not YYYYMMDD";
  EXPECT_THROW(ParsePurchaseInput("1 19970101\n", "short.txt"), CsmError) << "two fields (found by fuzz_models)";
  EXPECT_THROW(ParsePurchaseInput("1\n", "one.txt"), CsmError);
}

}  // namespace
}  // namespace csm
