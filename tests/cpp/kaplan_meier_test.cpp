// SPDX-License-Identifier: MIT
// Kaplan-Meier against a published table: the 6-MP remission data (Freireich et al. 1963)
// as C. T. Le (2003), Introductory Biostatistics, Table 11.1, gives it.
#include "core/kaplan_meier.hpp"

#include <gtest/gtest.h>

#include <random>
#include <sstream>

#include "test_util.hpp"

using namespace csm;
using namespace csm::testing;

namespace {

std::vector<SurvivalObservation> Freireich(const std::string& group) {
  std::istringstream in(ReadFile(SharedData("km_reference/freireich_6mp_remission.csv")));
  std::string line;
  std::getline(in, line);
  std::vector<SurvivalObservation> out;
  while (std::getline(in, line)) {
    std::stringstream cells(line);
    std::string g, weeks, relapsed;
    std::getline(cells, g, ',');
    std::getline(cells, weeks, ',');
    std::getline(cells, relapsed, ',');
    if (g == group) out.push_back({std::stoi(weeks), relapsed.substr(0, 1) == "1"});
  }
  return out;
}

}  // namespace

TEST(KaplanMeier, ReproducesLe2003Table11_1) {
  const auto obs = Freireich("6-MP");
  ASSERT_EQ(obs.size(), 21u);
  const SurvivalCurve c = KaplanMeier(obs);
  const std::pair<int, double> published[] = {{6, 0.8571}, {7, 0.8067}, {10, 0.7529}, {13, 0.6902},
                                              {16, 0.6275}, {22, 0.5378}, {23, 0.4482}};
  for (auto [t, s] : published) EXPECT_NEAR(c.table[size_t(t)].survival, s, 5e-5) << "t = " << t;
  // The published 95 % interval for S(7) is the log-transformed Greenwood one.
  EXPECT_NEAR(*c.table[7].lower, 0.6531, 5e-5);
  EXPECT_NEAR(*c.table[7].upper, 0.9964, 5e-5);
  EXPECT_EQ(c.table[6].at_risk, 21);
  EXPECT_EQ(c.table[7].at_risk, 17);  // the one censored at 6 is at risk at 6, gone at 7
  EXPECT_EQ(c.table[23].at_risk, 6);
  // Median 23 weeks; R's survfit prints 0.95LCL 16 and UCL NA for this group.
  EXPECT_EQ(c.median, 23);
  EXPECT_EQ(c.median_lower, 16);
  EXPECT_FALSE(c.median_upper.has_value());
  EXPECT_EQ(c.events, 9);
  EXPECT_EQ(c.censored, 12);
}

TEST(KaplanMeier, EdgeCases) {
  EXPECT_TRUE(KaplanMeier({}).table.empty());
  // Everyone censored: S stays 1, no median.
  std::vector<SurvivalObservation> censored = {{2, false}, {3, false}};
  SurvivalCurve c = KaplanMeier(censored);
  EXPECT_EQ(c.table.size(), 4u);
  EXPECT_DOUBLE_EQ(c.table.back().survival, 1.0);
  EXPECT_FALSE(c.median.has_value());
  // Everyone leaves at once: S = 0 and the band is undefined from there on.
  std::vector<SurvivalObservation> all = {{1, true}, {1, true}};
  c = KaplanMeier(all);
  EXPECT_DOUBLE_EQ(c.table[1].survival, 0.0);
  EXPECT_FALSE(c.table[1].se.has_value());
  EXPECT_TRUE(c.table[0].se.has_value());
  EXPECT_EQ(c.median, 1);
  // A gap: S carries over where nothing happens.
  std::vector<SurvivalObservation> gap = {{0, true}, {5, true}, {5, false}, {9, false}};
  c = KaplanMeier(gap);
  EXPECT_DOUBLE_EQ(c.table[3].survival, 0.75);
  EXPECT_EQ(c.table[3].at_risk, 3);
  EXPECT_DOUBLE_EQ(c.table[5].survival, 0.75 * 2.0 / 3.0);
  std::vector<SurvivalObservation> bad = {{-1, true}};
  EXPECT_THROW(KaplanMeier(bad), std::invalid_argument);
}

TEST(KaplanMeier, AgreesWithADirectProductLimitOnRandomData) {
  std::mt19937 rng(7);
  for (int trial = 0; trial < 50; ++trial) {
    std::vector<SurvivalObservation> obs(1 + rng() % 200);
    for (auto& o : obs) o = {int32_t(rng() % 30), rng() % 3 != 0};
    const SurvivalCurve c = KaplanMeier(obs);
    double s = 1;
    for (const SurvivalRow& row : c.table) {
      int64_t n = 0, d = 0;
      for (const auto& o : obs) n += o.tenure >= row.t, d += o.tenure == row.t && o.event;
      if (n > 0) s *= 1.0 - double(d) / double(n);
      ASSERT_EQ(row.at_risk, n);
      ASSERT_NEAR(row.survival, s, 1e-12);
      if (row.lower) ASSERT_LE(*row.lower, row.survival + 1e-15);
      if (row.upper) ASSERT_GE(*row.upper, row.survival - 1e-15);
    }
  }
}
