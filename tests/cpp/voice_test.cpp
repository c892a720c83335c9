// SPDX-License-Identifier: MIT
// NPS, CSAT, CES, FCR, onboarding and unit economics against the published examples of
// shared/data/voc_examples and hand computations, with every null rule.
#include <gtest/gtest.h>

#include <cmath>

#include "core/voice_metrics.hpp"
#include "test_util.hpp"

using namespace csm;
using namespace csm::testing;

namespace {

std::string Answers(const char* survey, const std::vector<std::pair<int, int>>& score_counts,
                    const char* date = "2024-03-10", const char* touchpoint = "") {
  std::string rows;
  int id = 0;
  for (auto [score, count] : score_counts)
    for (int i = 0; i < count; ++i)
      rows += "r" + std::to_string(id++) + std::string(",") + date + "," + survey + "," + std::to_string(score) +
              ",," + touchpoint + "\n";
  return rows;
}

Report VoiceReport(const std::string& rows, LoadOptions load = {}, ReportOptions options = {}) {
  Engine engine;
  engine.Load(TableKind::kResponses, "customer_id,date,survey,score,comment,touchpoint\n" + rows, load);
  return engine.BuildReport(options);
}

}  // namespace

// csat_examples.csv, Delighted: 5:42, 4:32, 3:10, 2:9, 1:14 gives 74/107 = 69.16 %.
TEST(Csat, DelightedHelpExample) {
  Report r = VoiceReport(Answers("csat", {{5, 42}, {4, 32}, {3, 10}, {2, 9}, {1, 14}}));
  const CsatStats& c = *MonthOf(r, "2024-03").csat;
  EXPECT_EQ(c.answers, 107);
  EXPECT_EQ(c.positive, 74);
  EXPECT_NEAR(*c.csat, 69.16, 0.005);
  EXPECT_EQ(c.distribution, (std::vector<int64_t>{14, 9, 10, 32, 42}));
  EXPECT_EQ(r.overall->csat.positive, 74);
}

// csat_examples.csv, Intercom: 10/20/10/5/5 (5 down to 1) gives 60 %.
TEST(Csat, IntercomExampleAndTouchpoints) {
  Report r = VoiceReport(Answers("csat", {{5, 10}, {4, 20}}, "2024-03-10", "support") +
                         Answers("csat", {{3, 10}, {2, 5}, {1, 5}}, "2024-03-11", "billing"));
  const CsatStats& c = *MonthOf(r, "2024-03").csat;
  EXPECT_DOUBLE_EQ(*c.csat, 60.0);
  ASSERT_EQ(c.by_touchpoint.size(), 2u);
  EXPECT_EQ(c.by_touchpoint[0].touchpoint, "billing");
  EXPECT_DOUBLE_EQ(*c.by_touchpoint[0].csat, 0.0);
  EXPECT_DOUBLE_EQ(*c.by_touchpoint[1].csat, 100.0);
}

TEST(Csat, TenPointScaleDefaultsToSixAndUpAndTheThresholdIsOverridable) {
  LoadOptions ten;
  ten.csat_scale = 10;
  Report r = VoiceReport(Answers("csat", {{6, 3}, {5, 1}, {10, 1}}), ten);
  EXPECT_EQ(r.meta.settings.csat_threshold, 6);
  EXPECT_DOUBLE_EQ(*MonthOf(r, "2024-03").csat->csat, 80.0);
  ReportOptions strict;
  strict.csat_threshold = 9;
  EXPECT_DOUBLE_EQ(*MonthOf(VoiceReport(Answers("csat", {{6, 3}, {5, 1}, {10, 1}}), ten, strict), "2024-03").csat->csat,
                   20.0);
}

// nps_examples.csv: 30 % promoters and 20 % detractors give +10.
TEST(Nps, DelaExampleAndTheStandardError) {
  Report r = VoiceReport(Answers("nps", {{10, 30}, {8, 50}, {3, 20}}));
  const NpsStats& n = MonthOf(r, "2024-03").nps->every_answer;
  EXPECT_EQ(n.answers, 100);
  EXPECT_NEAR(*n.nps, 10.0, 1e-12);
  // se = 100 sqrt((p + d - (p - d)^2) / n) = 100 sqrt(0.49 / 100) = 7.
  EXPECT_NEAR(*n.se, 7.0, 1e-12);
  EXPECT_NEAR(*n.lower, 10.0 - 1.959963984540054 * 7.0, 1e-9);
}

// nps_examples.csv, whuber: p = 1/2, d = 1/6: per-respondent variance 5/9, NPS 33.33.
TEST(Nps, VarianceFiveNinthsExample) {
  NpsStats n = NpsFromCounts(3, 2, 1, 1.959963984540054);
  EXPECT_NEAR(*n.nps, 33.33, 0.005);
  EXPECT_NEAR(*n.se, 100 * std::sqrt(5.0 / 9.0) / std::sqrt(6.0), 1e-12);
  // cybaea: p = d = 1/3: the 95 % interval is about 320 / sqrt(n) wide.
  NpsStats c = NpsFromCounts(1000, 1000, 1000, 1.959963984540054);
  EXPECT_NEAR(*c.upper - *c.lower, 320.0 / std::sqrt(3000.0), 0.1);
  // The interval is clipped to [-100, 100].
  NpsStats all = NpsFromCounts(5, 0, 0, 1.959963984540054);
  EXPECT_EQ(*all.upper, 100.0);
  EXPECT_EQ(*all.se, 0.0);
  EXPECT_FALSE(NpsFromCounts(0, 0, 0, 1.96).nps.has_value()) << "no answers: null, not 0";
}

TEST(Nps, PerCustomerCountsEachCustomersLatestAnswerOnce) {
  Report r = VoiceReport(
      "a,2024-03-01,nps,2,,\n"
      "a,2024-03-20,nps,10,,\n"
      "b,2024-03-05,nps,9,,\n"
      "c,2024-04-02,nps,0,,\n");
  const NpsSection& m = *MonthOf(r, "2024-03").nps;
  EXPECT_EQ(m.every_answer.answers, 3);
  EXPECT_NEAR(*m.every_answer.nps, 100.0 * (2 - 1) / 3.0, 1e-12);
  EXPECT_EQ(m.per_customer.answers, 2);
  EXPECT_DOUBLE_EQ(*m.per_customer.nps, 100.0);
  EXPECT_EQ(r.overall->nps.per_customer.answers, 3);
  EXPECT_EQ(MonthOf(r, "2024-04").csat->answers, 0);
  EXPECT_FALSE(MonthOf(r, "2024-04").csat->csat.has_value());
}

TEST(Ces, MeanAndDistribution) {
  Report r = VoiceReport(Answers("ces", {{7, 2}, {5, 1}, {1, 1}}));
  const CesStats& c = *MonthOf(r, "2024-03").ces;
  EXPECT_DOUBLE_EQ(*c.mean, 20.0 / 4.0);
  EXPECT_EQ(c.distribution, (std::vector<int64_t>{1, 0, 0, 0, 1, 0, 2}));
}

TEST(Fcr, UnresolvedTicketsStayInTheDenominator) {
  Engine engine;
  engine.Load(TableKind::kTickets,
              "ticket_id,customer_id,opened_at,resolved_at,contacts\n"
              "t1,a,2024-03-01,2024-03-01,1\n"
              "t2,a,2024-03-02,2024-03-05,3\n"
              "t3,b,2024-03-30,,1\n"  // one contact so far, not resolved: not an FCR
              "t4,b,2024-03-31,2024-04-02,1\n"
              "t5,c,2024-05-03,2024-05-03,2\n",
              {});
  Report r = engine.BuildReport({});
  const FcrStats& f = *MonthOf(r, "2024-03").fcr;
  EXPECT_EQ(f.tickets, 4);
  EXPECT_EQ(f.first_contact_resolved, 2);
  EXPECT_EQ(f.open, 1);
  EXPECT_DOUBLE_EQ(*f.fcr, 50.0);
  EXPECT_FALSE(MonthOf(r, "2024-04").fcr->fcr.has_value()) << "no tickets opened: null";
  EXPECT_DOUBLE_EQ(*MonthOf(r, "2024-05").fcr->fcr, 0.0);
}

TEST(Onboarding, CompletionRateAndMedianDaysByStartMonth) {
  Engine engine;
  engine.Load(TableKind::kOnboarding,
              "customer_id,started_at,completed_at\n"
              "a,2024-01-05,2024-01-15\n"
              "b,2024-01-10,2024-02-09\n"
              "c,2024-01-20,\n"
              "d,2024-01-21,2024-01-25\n"
              "e,2024-03-01,\n",
              {});
  Report r = engine.BuildReport({});
  ASSERT_TRUE(r.onboarding);
  const OnboardingMonth& jan = (*r.onboarding)[0];
  EXPECT_EQ(jan.started, 4);
  EXPECT_EQ(jan.completed, 3);
  EXPECT_DOUBLE_EQ(*jan.completion_rate, 75.0);
  EXPECT_DOUBLE_EQ(*jan.median_days, 10.0);  // 4, 10, 30
  EXPECT_FALSE((*r.onboarding)[1].completion_rate.has_value());
  EXPECT_FALSE((*r.onboarding)[2].median_days.has_value());
  EXPECT_EQ((*r.onboarding)[2].started, 1);
}

// Hand computation: 10 customers pay 100 a month from January; in April 2 of them leave
// and 4 join; costs in April: sales 3,000 + marketing 1,000, cs_staff 600, office 50.
TEST(UnitEconomics, HandComputedMonth) {
  std::string subs;
  for (int i = 0; i < 10; ++i)
    subs += "o" + std::to_string(i) + ",P,2024-01-01," + (i < 2 ? "2024-04-10" : "") + ",100,USD,month,1,1,\n";
  for (int i = 0; i < 4; ++i) subs += "n" + std::to_string(i) + ",P,2024-04-05,,100,USD,month,1,1,\n";
  Engine engine;
  engine.Load(TableKind::kSubscriptions, std::string(kSubsHeader) + subs, {});
  engine.Load(TableKind::kCosts,
              "month,category,amount\n2024-04,sales,3000\n2024-04,Marketing,1000\n2024-04,cs_staff,600\n"
              "2024-04,office,50\n",
              {});
  engine.Load(TableKind::kTransactions, "customer_id,date,amount\nx,2024-04-02,30\nx,2024-04-09,10\ny,2024-04-09,20\n", {});
  ReportOptions o;
  o.gross_margin = 0.8;
  o.clv_churn_window = 3;
  Report r = engine.BuildReport(o);
  const UnitEconomicsMonth& u = *MonthOf(r, "2024-04").unit_economics;
  ASSERT_TRUE(u.costs);
  EXPECT_EQ(u.costs->acquisition, 400000);
  EXPECT_EQ(u.costs->retention, 60000);
  EXPECT_EQ(u.costs->other, 5000);
  EXPECT_EQ(u.new_customers, 4);
  EXPECT_EQ(u.cac, 100000);                   // 4,000 / 4
  EXPECT_EQ(u.crc, 5000);                     // 600 / 12 paying
  // Window Feb..Apr: 2 churned over N(Jan) + N(Feb) + N(Mar) = 30: 6.67 %, lifetime 15.
  EXPECT_EQ(u.churn_window_churned, 2);
  EXPECT_EQ(u.churn_window_base, 30);
  EXPECT_DOUBLE_EQ(*u.lifetime_months, 15.0);
  EXPECT_EQ(u.clv.gross_margin_form, 120000);  // 100 x 0.8 x 15
  EXPECT_EQ(u.clv.arpu_over_churn, 150000);    // 100 / (1/15)
  // Purchases: 60 over 2 purchasers = 30 per purchaser, x 15 months.
  EXPECT_EQ(u.purchases->average_purchase_value, 2000);
  EXPECT_DOUBLE_EQ(*u.purchases->purchase_frequency, 1.5);
  EXPECT_EQ(u.clv.purchase_form, 45000);
  EXPECT_DOUBLE_EQ(*u.clv_to_cac.gross_margin_form, 1.2);
  EXPECT_EQ(u.profit_per_customer.gross_margin_form, 20000);
  EXPECT_EQ(u.profit_per_customer.purchase_form, -55000) << "losing money is shown, not clipped";
  EXPECT_DOUBLE_EQ(*u.cac_payback_months, 1000.0 / 80.0);
  // A month without cost rows has unknown costs: CAC and CRC null, not 0.
  const UnitEconomicsMonth& mar = *MonthOf(r, "2024-03").unit_economics;
  EXPECT_FALSE(mar.costs.has_value());
  EXPECT_FALSE(mar.cac.has_value());
  EXPECT_FALSE(mar.crc.has_value());
  EXPECT_FALSE(mar.lifetime_months.has_value()) << "nobody churned in Jan..Mar: lifetime unknown";
  EXPECT_FALSE(mar.clv.arpu_over_churn.has_value());
  // No gross margin given: the margin form is null, never assumed.
  Report plain = engine.BuildReport({});
  EXPECT_FALSE(MonthOf(plain, "2024-04").unit_economics->clv.gross_margin_form.has_value());
  EXPECT_TRUE(MonthOf(plain, "2024-04").unit_economics->clv.arpu_over_churn.has_value());
}

TEST(RevenueAtRisk, MrrOfCustomersWhoseLatestAnswerIsUnhappy) {
  Engine engine;
  engine.Load(TableKind::kSubscriptions,
              std::string(kSubsHeader) + "a,P,2024-01-01,,100,USD,month,1,1,\nb,P,2024-01-01,,50,USD,month,1,1,\n"
                                         "c,P,2024-01-01,,20,USD,month,1,1,\n",
              {});
  engine.Load(TableKind::kResponses,
              "customer_id,date,survey,score,comment\na,2024-01-10,nps,3,,\nb,2024-01-12,nps,7,\n"
              "a,2024-03-01,nps,9,\n",
              {});
  Report r = engine.BuildReport({});
  const RevenueAtRisk& feb = *MonthOf(r, "2024-02").revenue_at_risk;
  EXPECT_EQ(feb.detractors_mrr, 10000);
  EXPECT_EQ(feb.passives_mrr, 5000);
  EXPECT_EQ(MonthOf(r, "2024-03").revenue_at_risk->detractors, 0) << "a's latest answer is a 9 now";
}

TEST(Segments, NpsAndCsatBySegment) {
  Engine engine;
  engine.Load(TableKind::kSubscriptions,
              std::string(kSubsHeader) + "a,Pro,2024-01-01,,100,USD,month,1,1,\nb,Basic,2024-01-01,,50,USD,month,1,1,\n",
              {});
  engine.Load(TableKind::kResponses,
              "customer_id,date,survey,score,comment\na,2024-01-10,nps,10,\nb,2024-01-12,nps,1,\nz,2024-01-12,nps,5,\n",
              {});
  ReportOptions o;
  o.segment_by = "plan";
  Report r = engine.BuildReport(o);
  ASSERT_EQ(r.segments->size(), 3u);  // "" holds z, who pays nothing
  EXPECT_EQ((*r.segments)[0].value, "");
  EXPECT_DOUBLE_EQ(*MonthOf((*r.segments)[2].months, "2024-01").nps->every_answer.nps, 100.0);
  EXPECT_DOUBLE_EQ(*MonthOf((*r.segments)[1].months, "2024-01").nps->every_answer.nps, -100.0);
  int64_t answers = 0;
  for (const SegmentReport& s : *r.segments) answers += MonthOf(s.months, "2024-01").nps->every_answer.answers;
  EXPECT_EQ(answers, 3);
}

TEST(NpsClasses, ChurnAndClvByTheClassOfTheLatestAnswer) {
  Engine engine;
  engine.Load(TableKind::kSubscriptions,
              std::string(kSubsHeader) +
                  "d1,P,2024-01-01,2024-03-05,100,USD,month,1,1,\nd2,P,2024-01-01,,100,USD,month,1,1,\n"
                  "p1,P,2024-01-01,,200,USD,month,1,1,\nx,P,2024-01-01,,10,USD,month,1,1,\n",
              {});
  engine.Load(TableKind::kResponses,
              "customer_id,date,survey,score\nd1,2024-01-10,nps,2\nd2,2024-01-11,nps,6\np1,2024-01-12,nps,10\n", {});
  ReportOptions o;
  o.clv_churn_window = 2;
  o.gross_margin = 0.5;
  Report r = engine.BuildReport(o);
  const auto& mar = *MonthOf(r, "2024-03").nps_classes;
  // Detractors: d1 and d2 paid at the end of Jan and Feb (base 4 over Feb..Mar), d1 left in March.
  EXPECT_EQ(mar[2].customers, 1);
  EXPECT_EQ(mar[2].window_base, 4);
  EXPECT_EQ(mar[2].window_churned, 1);
  EXPECT_DOUBLE_EQ(*mar[2].lifetime_months, 4.0);
  EXPECT_EQ(mar[2].clv_arpu_over_churn, 40000);      // ARPU 100 x 4 months
  EXPECT_EQ(mar[2].clv_gross_margin_form, 20000);
  EXPECT_EQ(mar[0].customers, 1);
  EXPECT_FALSE(mar[0].lifetime_months.has_value()) << "no promoter left: lifetime unknown";
  EXPECT_EQ(mar[3].mrr, 1000) << "x never answered";
  EXPECT_EQ(MonthOf(r, "2024-03").revenue_at_risk->detractors_mrr, 10000);
}

TEST(UnitEconomics, SegmentsGetTheCostRowsThatNameThem) {
  Engine engine;
  engine.Load(TableKind::kSubscriptions,
              "customer_id,plan,start_date,end_date,amount,currency,interval,region\n"
              "a,P,2024-02-03,,100,USD,month,EU\nb,P,2024-02-03,,100,USD,month,EU\nc,P,2024-02-03,,100,USD,month,NA\n",
              {});
  engine.Load(TableKind::kCosts, "month,category,amount,region\n2024-02,sales,500,EU\n2024-02,sales,900,NA\n", {});
  ReportOptions o;
  o.segment_by = "region";
  Report r = engine.BuildReport(o);
  EXPECT_EQ(MonthOf(r, "2024-02").unit_economics->cac, 46667);  // 1,400 / 3
  ASSERT_EQ(r.segments->size(), 2u);
  EXPECT_EQ(MonthOf((*r.segments)[0].months, "2024-02").unit_economics->cac, 25000);  // EU 500 / 2
  EXPECT_EQ(MonthOf((*r.segments)[1].months, "2024-02").unit_economics->cac, 90000);  // NA 900 / 1
  o.segment_by = "plan";
  Report by_plan = engine.BuildReport(o);
  EXPECT_FALSE(MonthOf((*by_plan.segments)[0].months, "2024-02").unit_economics->cac.has_value());
}

// Comments in English, Japanese and Chinese: each NPS class's top term is the one its
// comments share, and MRR weighting ranks the complaint of the big account first.
TEST(Feedback, DistinctiveTermsOfEachGroupInThreeLanguages) {
  std::string rows = "customer_id,date,survey,score,comment\n";
  int id = 0;
  auto add = [&](int score, const std::string& comment, const std::string& customer = "") {
    rows += (customer.empty() ? "c" + std::to_string(id++) : customer) + ",2024-03-10,nps," + std::to_string(score) + ",\"" +
            comment + "\"\n";
  };
  for (int i = 0; i < 6; ++i) add(2, "support is slow");
  for (int i = 0; i < 4; ++i) add(3, "サポートが遅い");
  for (int i = 0; i < 4; ++i) add(1, "支持很慢");
  for (int i = 0; i < 6; ++i) add(10, "great dashboards");
  for (int i = 0; i < 5; ++i) add(8, "pricing is high");
  Engine engine;
  engine.Load(TableKind::kResponses, rows, {});
  Report r = engine.BuildReport({});
  ASSERT_TRUE(r.feedback);
  auto group = [&](const char* family, const char* name) -> const FeedbackGroup& {
    for (const FeedbackGroup& g : r.feedback->groups)
      if (g.family == family && g.name == name) return g;
    throw std::runtime_error("no group");
  };
  const FeedbackGroup& detractors = group("nps", "detractor");
  EXPECT_EQ(detractors.comments, 14);
  std::vector<std::string> terms;
  for (const FeedbackTerm& t : detractors.terms) terms.push_back(t.term);
  for (const char* expected : {"slow", "support", "サポート", "遅い", "支持", "很慢"})
    EXPECT_NE(std::find(terms.begin(), terms.end(), expected), terms.end()) << expected;
  EXPECT_EQ(group("nps", "promoter").terms.at(0).count, 6);
  const auto& passive = group("nps", "passive").terms;
  ASSERT_GE(passive.size(), 2u);
  EXPECT_EQ(passive[0].term, "high") << "tied with pricing; ties go to the term in alphabetical order";
  EXPECT_EQ(passive[1].term, "pricing");
  ASSERT_FALSE(detractors.terms.empty());
  EXPECT_EQ(detractors.terms[0].ids.size(), size_t(detractors.terms[0].count));
  EXPECT_FALSE(r.feedback->comments.empty());
}

TEST(Feedback, WeightingByMrrPutsTheBigAccountsComplaintFirst) {
  Engine engine;
  engine.Load(TableKind::kSubscriptions,
              std::string(kSubsHeader) + "big,P,2024-01-01,,5000,USD,month,1,1,\nbig2,P,2024-01-01,,5000,USD,month,1,1,\n"
                                         "s1,P,2024-01-01,,10,USD,month,1,1,\ns2,P,2024-01-01,,10,USD,month,1,1,\n"
                                         "s3,P,2024-01-01,,10,USD,month,1,1,\np,P,2024-01-01,,10,USD,month,1,1,\n",
              {});
  engine.Load(TableKind::kResponses,
              "customer_id,date,survey,score,comment\nbig,2024-01-10,nps,2,export fails\nbig2,2024-01-10,nps,2,export fails\n"
              "s1,2024-01-10,nps,2,login slow\ns2,2024-01-10,nps,2,login slow\ns3,2024-01-10,nps,2,login slow\n"
              "p,2024-01-10,nps,10,love it\n",
              {});
  ReportOptions plain, weighted;
  weighted.feedback_weight_mrr = true;
  auto top = [&](const ReportOptions& o) {
    Report r = engine.BuildReport(o);
    for (const FeedbackGroup& g : r.feedback->groups)
      if (g.family == "nps" && g.name == "detractor") return g.terms.at(0).term;
    return std::string();
  };
  EXPECT_TRUE(top(plain) == "login" || top(plain) == "slow");
  EXPECT_EQ(top(weighted), "export");
}

// Identical comments are split once and share their terms: the themes must equal those of
// the same comments made distinct by punctuation that splits to the same terms.
TEST(Feedback, IdenticalCommentsCountAsOftenAsTheyAreGiven) {
  auto themes = [](bool distinct) {
    std::string rows = "customer_id,date,survey,score,comment\n";
    const char* texts[] = {"support is slow", "great dashboards", "サポートが遅い", "pricing is high"};
    for (int i = 0; i < 40; ++i) {
      const std::string survey = i % 3 == 0 ? "csat" : "nps";
      const int score = survey == "csat" ? 1 + i % 5 : i % 11;
      rows += "c" + std::to_string(i % 7) + ",2024-03-" + std::to_string(10 + i % 9) + "," + survey + "," +
              std::to_string(score) + ",\"" + texts[(i * 5) % 4] + (distinct ? std::string(size_t(i), '!') : "") + "\"\n";
    }
    Engine engine;
    engine.Load(TableKind::kResponses, rows, {});
    return engine.BuildReport({}).feedback->groups;
  };
  const auto shared = themes(false), distinct = themes(true);
  ASSERT_EQ(shared.size(), distinct.size());
  for (size_t g = 0; g < shared.size(); ++g) {
    EXPECT_EQ(shared[g].comments, distinct[g].comments) << shared[g].family << " " << shared[g].name;
    ASSERT_EQ(shared[g].terms.size(), distinct[g].terms.size()) << shared[g].family << " " << shared[g].name;
    for (size_t k = 0; k < shared[g].terms.size(); ++k) {
      EXPECT_EQ(shared[g].terms[k].term, distinct[g].terms[k].term);
      EXPECT_EQ(shared[g].terms[k].count, distinct[g].terms[k].count);
      EXPECT_EQ(shared[g].terms[k].score, distinct[g].terms[k].score);
      EXPECT_EQ(shared[g].terms[k].ids, distinct[g].terms[k].ids);
    }
  }
  EXPECT_GT(shared.at(0).terms.size(), 0u);
}

// Answers are picked by their day against the window's first and last days: the last day
// before `from` and the first day after `to` are out, the window's own first and last days
// in, each in its own month; the feedback themes read the same window.
TEST(Voice, AnswersOnTheWindowsEdgesCountInTheirMonth) {
  const std::string rows = "customer_id,date,survey,score,comment\n"
                           "c1,2024-01-31,csat,5,edge before\n"
                           "c2,2024-02-01,csat,5,edge first\n"
                           "c3,2024-03-31,csat,1,edge last\n"
                           "c4,2024-04-01,csat,1,edge after\n";
  Engine engine;
  engine.Load(TableKind::kResponses, rows, {});
  ReportOptions options;
  options.from = 2024 * 12 + 1;  // 2024-02
  options.to = 2024 * 12 + 2;    // 2024-03
  const Report r = engine.BuildReport(options);
  ASSERT_EQ(r.months.size(), 2u);
  EXPECT_EQ(MonthOf(r, "2024-02").csat->answers, 1);
  EXPECT_EQ(MonthOf(r, "2024-02").csat->positive, 1);
  EXPECT_EQ(MonthOf(r, "2024-03").csat->answers, 1);
  EXPECT_EQ(MonthOf(r, "2024-03").csat->positive, 0);
  EXPECT_EQ(r.overall->csat.answers, 2);
  ASSERT_TRUE(r.feedback);
  int64_t comments = 0;
  for (const FeedbackGroup& g : r.feedback->groups)
    if (g.family == "csat") comments += g.comments;
  EXPECT_EQ(comments, 2);
}
