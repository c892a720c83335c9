// SPDX-License-Identifier: MIT
#include "core/text_terms.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <random>
#include <stdexcept>

using namespace csm;

namespace {

bool Has(const std::vector<std::string>& terms, std::string_view t) {
  return std::find(terms.begin(), terms.end(), t) != terms.end();
}

std::vector<std::string> Names(const std::vector<DistinctiveTerm>& terms) {
  std::vector<std::string> out;
  for (const auto& t : terms) out.push_back(t.term);
  return out;
}

// Detractors (group 0) complain about slow support in three languages; promoters (group 1)
// praise the dashboards. Ids: detractors 100.., promoters 200...
std::vector<TermDocument> Corpus() {
  return {
      {"Support is slow.", 0, 1, 100},
      {"Slow support, again!", 0, 1, 101},
      {"The support team is SLOW and the dashboards are fine", 0, 1, 102},
      {"Still slow. Nobody answers", 0, 1, 108},
      {"サポートが遅い", 0, 1, 103},
      {"サポートが遅いです。", 0, 1, 104},
      {"サポートの返信が遅い", 0, 1, 105},
      {"支持很慢", 0, 1, 106},
      {"支持很慢，很失望。", 0, 1, 107},
      {"Great dashboards!", 1, 1, 200},
      {"great dashboards and reports", 1, 1, 201},
      {"Love the great dashboards", 1, 1, 202},
      {"Dashboards are great", 1, 1, 208},
      {"ダッシュボードが素晴らしい", 1, 1, 203},
      {"ダッシュボードが便利", 1, 1, 204},
      {"仪表板很好", 1, 1, 205},
      {"仪表板很好用", 1, 1, 206},
      {"Support answered fast", 1, 1, 207},
  };
}

const DistinctiveTerm* Find(const std::vector<DistinctiveTerm>& terms, std::string_view t) {
  for (const auto& d : terms)
    if (d.term == t) return &d;
  return nullptr;
}

}  // namespace

// ---------------------------------------------------------------- tokenizer

TEST(TextTerms, EnglishWordsAreLowerCasedWithoutStopWordsOrPunctuation) {
  const auto t = Terms("The Support team is NOT helpful, and the UI is slow... (really) slow!");
  EXPECT_EQ(t, (std::vector<std::string>{"support", "team", "not", "helpful", "ui", "slow",
                                         "really"}));
}

TEST(TextTerms, ShortWordsNegationsAndApostrophes) {
  const auto t = Terms("I don't like it, it's a no-go. We're x 2 v2 404 can't");
  EXPECT_EQ(t, (std::vector<std::string>{"don't", "like", "no", "go", "v2", "404", "can't"}));
  EXPECT_EQ(Terms("It\u2019s great, isn\u2019t it"),
            (std::vector<std::string>{"great", "isn't"}));
}

// Comments without a byte >= 0x80 take a path of their own (no decoding into code
// points; in a TermCorpus, words as views into the text unless they hold capitals): it
// must split as the general one does. "\u3002" (an ideographic full stop, neither a word
// nor CJK) after a space sends the same text down the general path.
TEST(TextTerms, PlainAsciiCommentsSplitAsTheGeneralPathDoes) {
  const std::vector<std::string> pieces = {"The", "you're", "we've", "I'd", "yours", "your", "ours", "Billing",
                                           "export", "API", "x", "42", "v2", "don't", "'quoted'", "it's",
                                           "o'", "'", "''", "rock'n'roll", "ZOOM", "about", "zz"};
  const std::string glue = " ,.;:!?-()/\"\t\n'";
  std::mt19937 rng(5);
  TermCorpus corpus;
  const auto corpus_terms = [&](const std::string& text) {
    std::vector<std::string> out;
    for (const uint32_t id : corpus.TermsOf(corpus.Add(text))) out.emplace_back(corpus.Name(id));
    return out;
  };
  for (int round = 0; round < 4000; ++round) {
    std::string text;
    for (uint32_t n = rng() % 12; n > 0; --n) {
      text += pieces[rng() % pieces.size()];
      text += glue[rng() % glue.size()];
      if (rng() % 5 == 0) text += glue[rng() % glue.size()];
    }
    const auto general = Terms(text + " \u3002");
    ASSERT_EQ(Terms(text), general) << text;
    ASSERT_EQ(corpus_terms(text), general) << text;
    ASSERT_EQ(corpus_terms(text + " \u3002"), general) << text;
  }
  EXPECT_EQ(Terms("Your YOURS you're Zoom about zz"), (std::vector<std::string>{"yours", "zoom", "zz"}));
}

TEST(TextTerms, AccentedGreekCyrillicAndFullwidthAreFolded) {
  EXPECT_EQ(Terms("CAFÉ Déjà-vu ŁÓDŹ"), (std::vector<std::string>{"café", "déjà", "vu", "łódź"}));
  EXPECT_EQ(Terms("ΔΟΚΙΜΗ Привет"), (std::vector<std::string>{"δοκιμη", "привет"}));
  EXPECT_EQ(Terms("ＵＩが１０秒"), (std::vector<std::string>{"ui", "10"}));
}

TEST(TextTerms, JapaneseKeepsKatakanaWordsAndInflectedAdjectives) {
  const auto t = Terms("サポートが遅い");
  EXPECT_TRUE(Has(t, "サポート"));
  EXPECT_TRUE(Has(t, "遅い"));
  EXPECT_EQ(t, (std::vector<std::string>{"サポート", "遅い"}));
  // Han compounds give their bigrams and themselves; particles give nothing.
  const auto u = Terms("請求書の金額が間違っています。ダッシュボードは便利");
  EXPECT_EQ(u, (std::vector<std::string>{"請求", "求書", "請求書", "金額", "間違", "違っ",
                                         "ダッシュボード", "便利"}));
  EXPECT_EQ(Terms("ありがとうございます"), (std::vector<std::string>{"ありがとうございます"}));
  EXPECT_EQ(Terms("とても"), std::vector<std::string>{"とても"});
  EXPECT_TRUE(Terms("です").empty());
}

TEST(TextTerms, ChineseHanRunsGiveBigrams) {
  const auto t = Terms("支持很慢");
  EXPECT_TRUE(Has(t, "支持"));
  EXPECT_TRUE(Has(t, "很慢"));
  EXPECT_EQ(t, (std::vector<std::string>{"支持", "持很", "很慢", "支持很慢"}));
  // Punctuation separates runs; a lone han character is dropped; long runs are not whole.
  EXPECT_EQ(Terms("慢。客服太慢了"),
            (std::vector<std::string>{"客服", "服太", "太慢", "慢了"}));
}

TEST(TextTerms, MixedTextAndRepeatsCountOnce) {
  const auto t = Terms("API遅い! API is slow, slow, SLOW; 支持很慢 サポート");
  EXPECT_EQ(t, (std::vector<std::string>{"api", "遅い", "slow", "支持", "持很", "很慢",
                                         "支持很慢", "サポート"}));
}

TEST(TextTerms, InvalidUtf8IsSkipped) {
  EXPECT_EQ(Terms("sl\xFFow \xE3\x82 support \xC0\xAF ok"),
            (std::vector<std::string>{"slow", "support", "ok"}));
  EXPECT_EQ(Terms("\xED\xA0\x80"), std::vector<std::string>{});  // a surrogate
  EXPECT_TRUE(Terms("").empty());
}

// ---------------------------------------------------------------- distinctive terms

TEST(TextTerms, DistinctiveTermsOfDetractorsAndPromoters) {
  const auto docs = Corpus();
  const auto out = DistinctiveTerms(docs, 3);
  ASSERT_EQ(out.size(), 3u);
  EXPECT_TRUE(out[2].empty());  // no comments

  for (const auto& g : out) {
    for (size_t i = 1; i < g.size(); ++i) EXPECT_GE(g[i - 1].score, g[i].score);
    for (const auto& t : g) {
      EXPECT_GT(t.score, 0);
      EXPECT_GE(t.count, 2);
      EXPECT_TRUE(std::is_sorted(t.ids.begin(), t.ids.end()));
      EXPECT_EQ(t.weight, static_cast<double>(t.count));
    }
  }
  const auto& detractors = out[0];
  ASSERT_GE(detractors.size(), 3u);
  EXPECT_EQ(detractors[0].term, "slow");
  EXPECT_EQ(detractors[0].count, 4);
  EXPECT_EQ(detractors[0].ids, (std::vector<uint32_t>{100, 101, 102, 108}));
  // Equal counts give equal scores; the term breaks the tie.
  EXPECT_EQ(detractors[1].term, "サポート");
  EXPECT_EQ(detractors[2].term, "遅い");
  EXPECT_EQ(detractors[1].score, detractors[2].score);
  EXPECT_LT(detractors[1].score, detractors[0].score);
  EXPECT_EQ(detractors[1].count, 3);
  EXPECT_EQ(detractors[1].ids, (std::vector<uint32_t>{103, 104, 105}));
  EXPECT_EQ(detractors[2].ids, (std::vector<uint32_t>{103, 104, 105}));
  const auto* hen = Find(detractors, "很慢");
  ASSERT_NE(hen, nullptr);
  EXPECT_EQ(hen->ids, (std::vector<uint32_t>{106, 107}));
  EXPECT_NE(Find(detractors, "支持"), nullptr);
  // "support" is also said by a promoter, so it ranks last despite three detractors.
  const auto* support = Find(detractors, "support");
  ASSERT_NE(support, nullptr);
  EXPECT_EQ(support->count, 3);
  EXPECT_EQ(support->ids, (std::vector<uint32_t>{100, 101, 102}));
  EXPECT_EQ(support, &detractors.back());
  EXPECT_EQ(Find(detractors, "dashboards"), nullptr);
  EXPECT_EQ(Find(detractors, "很好"), nullptr);

  const auto& promoters = out[1];
  ASSERT_GE(promoters.size(), 2u);
  EXPECT_EQ(promoters[0].term, "great");
  EXPECT_EQ(promoters[0].count, 4);
  EXPECT_EQ(promoters[0].ids, (std::vector<uint32_t>{200, 201, 202, 208}));
  // As many promoters, but one detractor too.
  EXPECT_EQ(promoters[1].term, "dashboards");
  EXPECT_EQ(promoters[1].count, 4);
  EXPECT_LT(promoters[1].score, promoters[0].score);
  EXPECT_NE(Find(promoters, "ダッシュボード"), nullptr);
  EXPECT_NE(Find(promoters, "仪表"), nullptr);
  EXPECT_NE(Find(promoters, "很好"), nullptr);
  EXPECT_EQ(Find(promoters, "slow"), nullptr);
  EXPECT_EQ(Find(promoters, "support"), nullptr);  // once: below min_count
}

TEST(TextTerms, TopKAndMinCountLimitTheLists) {
  const auto docs = Corpus();
  const auto all = DistinctiveTerms(docs, 2, 1000, 1);
  const auto top = DistinctiveTerms(docs, 2, 2, 1);
  ASSERT_EQ(top[0].size(), 2u);
  EXPECT_EQ(top[0][0].term, all[0][0].term);
  EXPECT_EQ(top[0][1].term, all[0][1].term);
  EXPECT_NE(Find(all[0], "失望"), nullptr);  // said once
  EXPECT_EQ(Find(DistinctiveTerms(docs, 2)[0], "失望"), nullptr);
  EXPECT_TRUE(DistinctiveTerms(docs, 2, 0)[0].empty());
}

TEST(TextTerms, OneCommentInATinyGroupDoesNotOutrankTenInABigGroup) {
  std::vector<TermDocument> docs;
  uint32_t id = 0;
  for (int i = 0; i < 10; ++i) docs.push_back({"billing errors", 0, 1, id++});
  for (int i = 0; i < 20; ++i) docs.push_back({"nice product", 0, 1, id++});
  docs.push_back({"migration", 1, 1, id++});  // the only comment of group 1
  for (int i = 0; i < 30; ++i) docs.push_back({"nice product overall", 2, 1, id++});
  const auto out = DistinctiveTerms(docs, 3, 20, 1);
  ASSERT_FALSE(out[0].empty());
  ASSERT_EQ(out[1].size(), 1u);
  EXPECT_EQ(out[0][0].term, "billing");
  EXPECT_EQ(out[0][0].count, 10);
  EXPECT_EQ(out[1][0].term, "migration");
  EXPECT_LT(out[1][0].score, out[0][0].score);
  // Within one group too: a term said once ranks below one said ten times.
  docs.push_back({"sso", 0, 1, id++});
  const auto again = DistinctiveTerms(docs, 3, 20, 1);
  const auto* sso = Find(again[0], "sso");
  ASSERT_NE(sso, nullptr);
  EXPECT_LT(sso->score, Find(again[0], "billing")->score);
}

TEST(TextTerms, WeightsRankTheRevenueAtRisk) {
  std::vector<TermDocument> docs;
  uint32_t id = 0;
  for (int i = 0; i < 6; ++i) docs.push_back({"onboarding confusing", 0, 50, id++});
  for (int i = 0; i < 3; ++i) docs.push_back({"invoice wrong", 0, 5000, id++});
  for (int i = 0; i < 12; ++i) docs.push_back({"works well", 1, 500, id++});
  auto counted = docs;
  for (auto& d : counted) d.weight = 1;
  const auto by_count = DistinctiveTerms(counted, 2);
  const auto by_weight = DistinctiveTerms(docs, 2);
  ASSERT_FALSE(by_count[0].empty());
  ASSERT_FALSE(by_weight[0].empty());
  EXPECT_EQ(by_count[0][0].term, "confusing");
  EXPECT_EQ(by_weight[0][0].term, "invoice");
  EXPECT_EQ(by_weight[0][0].count, 3);
  EXPECT_EQ(by_weight[0][0].weight, 15000);
  // Only relative weights matter.
  auto cents = docs;
  for (auto& d : cents) d.weight *= 100;
  const auto in_cents = DistinctiveTerms(cents, 2);
  ASSERT_EQ(Names(in_cents[0]), Names(by_weight[0]));
  for (size_t i = 0; i < in_cents[0].size(); ++i)
    EXPECT_NEAR(in_cents[0][i].score, by_weight[0][i].score, 1e-12);
  // All-zero weights count comments.
  for (auto& d : docs) d.weight = 0;
  const auto zero = DistinctiveTerms(docs, 2);
  EXPECT_EQ(Names(zero[0]), Names(by_count[0]));
  EXPECT_EQ(zero[0][0].weight, 0);
}

TEST(TextTerms, OneGroupHasNothingDistinctive) {
  std::vector<TermDocument> docs(5, TermDocument{"slow support", 0, 1, 1});
  const auto out = DistinctiveTerms(docs, 1);
  EXPECT_TRUE(out[0].empty());
}

TEST(TextTerms, RejectsBadGroupsAndWeights) {
  std::vector<TermDocument> docs{{"slow", 2, 1, 1}};
  EXPECT_THROW(DistinctiveTerms(docs, 2), std::invalid_argument);
  docs[0] = {"slow", 0, -1, 1};
  EXPECT_THROW(DistinctiveTerms(docs, 2), std::invalid_argument);
  docs[0].weight = NAN;
  EXPECT_THROW(DistinctiveTerms(docs, 2), std::invalid_argument);
  EXPECT_TRUE(DistinctiveTerms({}, 2)[1].empty());
}

TEST(TextTerms, DeterministicAndIndependentOfCommentOrder) {
  auto docs = Corpus();
  for (size_t i = 0; i < docs.size(); ++i) docs[i].weight = 1 + 0.37 * static_cast<double>(i % 5);
  const auto first = DistinctiveTerms(docs, 2, 50, 1);
  const auto second = DistinctiveTerms(docs, 2, 50, 1);
  for (uint32_t g = 0; g < 2; ++g) {
    ASSERT_EQ(first[g].size(), second[g].size());
    for (size_t i = 0; i < first[g].size(); ++i) {
      EXPECT_EQ(first[g][i].term, second[g][i].term);
      EXPECT_EQ(first[g][i].score, second[g][i].score);  // bit for bit
      EXPECT_EQ(first[g][i].ids, second[g][i].ids);
    }
  }
  std::mt19937 rng(7);
  for (int round = 0; round < 5; ++round) {
    std::shuffle(docs.begin(), docs.end(), rng);
    const auto shuffled = DistinctiveTerms(docs, 2, 50, 1);
    for (uint32_t g = 0; g < 2; ++g) {
      std::map<std::string, const DistinctiveTerm*> want;
      for (const auto& t : first[g]) want[t.term] = &t;
      ASSERT_EQ(shuffled[g].size(), want.size());
      for (const auto& t : shuffled[g]) {
        ASSERT_TRUE(want.count(t.term)) << t.term;
        EXPECT_NEAR(t.score, want[t.term]->score, 1e-12);
        EXPECT_NEAR(t.weight, want[t.term]->weight, 1e-12);
        EXPECT_EQ(t.count, want[t.term]->count);
        EXPECT_EQ(t.ids, want[t.term]->ids);
      }
    }
  }
}

// ---------------------------------------------------------------- portable log

TEST(TextTerms, PortableLogIsWithinTwoUlpOfTheLibrary) {
  using text_terms_detail::PortableLog;
  std::mt19937_64 rng(11);
  std::uniform_real_distribution<double> exponent(-1000, 1000), near_one(0.5, 2);
  for (int i = 0; i < 200000; ++i) {
    const double x = i % 2 ? std::exp2(exponent(rng)) : near_one(rng);
    const double want = std::log(x), got = PortableLog(x);
    const double ulp = std::nextafter(std::fabs(want), INFINITY) - std::fabs(want);
    ASSERT_LE(std::fabs(got - want), 2 * ulp) << x;
  }
  for (double x : {1e-310, 5e-324, 1.7e308, 1.0 + 1e-15, 1.0 - 1e-16, 3.0, 10.0}) {
    const double want = std::log(x);
    EXPECT_LE(std::fabs(PortableLog(x) - want),
              2 * (std::nextafter(std::fabs(want), INFINITY) - std::fabs(want)))
        << x;
  }
  EXPECT_EQ(PortableLog(1), 0.0);
  EXPECT_EQ(PortableLog(2), std::log(2.0));
  EXPECT_EQ(PortableLog(0), -INFINITY);
  EXPECT_EQ(PortableLog(INFINITY), INFINITY);
  EXPECT_TRUE(std::isnan(PortableLog(-1)));
  EXPECT_TRUE(std::isnan(PortableLog(NAN)));
}
