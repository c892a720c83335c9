// SPDX-License-Identifier: MIT
// Gamma-Gamma spend model against Fader, Hardie & Lee (2005), JMR 42(4), p. 421: the fit
// on CDNOW's 946 repeat buyers; plus the expectation, CLV and parameter recovery.
#include "core/gamma_gamma_model.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/dates.hpp"
#include "model_test_util.hpp"

using namespace csm;
using namespace csm::model_testing;

namespace {


// Repeat buyers with 1 to 10 repeat transactions, each worth Gamma(p, nu), nu ~ Gamma(q, gamma).
std::vector<CustomerRfm> Simulate(const GammaGammaParams& g, int n, uint64_t seed) {
  Rng rng(seed);
  std::vector<CustomerRfm> out;
  for (int i = 0; i < n; ++i) {
    CustomerRfm c;
    c.customer = uint32_t(i);
    c.x = 1 + int(10 * rng.Uniform());
    const double nu = rng.Gamma(g.q) / g.gamma;
    double total = 0;
    for (int j = 0; j < c.x; ++j) total += rng.Gamma(g.p) / nu;
    c.zbar = total / c.x;
    out.push_back(c);
  }
  return out;
}

double DirectLogLikelihood(const GammaGammaParams& g, const std::vector<CustomerRfm>& data) {
  double ll = 0;
  for (const CustomerRfm& c : data) {
    if (c.x == 0) continue;
    const double px = g.p * c.x;
    ll += std::lgamma(px + g.q) - std::lgamma(px) - std::lgamma(g.q) + g.q * std::log(g.gamma) +
          px * std::log(c.x) + (px - 1) * std::log(c.zbar) - (px + g.q) * std::log(g.gamma + c.x * c.zbar);
  }
  return ll;
}

}  // namespace

TEST(GammaGamma, FitReproducesFaderHardieLee2005OnCdnowRepeatBuyers) {
  const std::vector<CustomerRfm> data = CdnowSummary(false);
  const GammaGammaFit fit = FitGammaGamma(data);
  EXPECT_TRUE(fit.converged);
  EXPECT_EQ(fit.repeat_buyers, 946);
  EXPECT_EQ(fit.excluded_repeat_buyers, 0);
  // JMR 42(4), p. 421: p = 6.25, q = 3.74, gamma = 15.44.
  EXPECT_NEAR(fit.params.p, 6.25, 0.005);
  EXPECT_NEAR(fit.params.q, 3.74, 0.005);
  EXPECT_NEAR(fit.params.gamma, 15.44, 0.005);
  for (double se : {fit.se_p, fit.se_q, fit.se_gamma}) EXPECT_GT(se, 0);
  // The published LL = -4,659 is of the sums x * zbar: density(sum) = density(zbar) / x.
  double jacobian = 0;
  for (const CustomerRfm& c : data)
    if (c.x > 0) jacobian -= std::log(c.x);
  EXPECT_NEAR(fit.log_likelihood + jacobian, -4659, 0.5);
  std::printf("[ sample   ] p=%.17g q=%.17g gamma=%.17g LL=%.17g LL(sum)=%.17g\n", fit.params.p,
              fit.params.q, fit.params.gamma, fit.log_likelihood, fit.log_likelihood + jacobian);
}

TEST(GammaGamma, LogLikelihoodMatchesTheDensityTermByTerm) {
  const std::vector<CustomerRfm> data = CdnowSummary(false);
  for (const GammaGammaParams& g : {GammaGammaParams{6.25, 3.74, 15.44}, GammaGammaParams{0.7, 1.2, 3},
                                    GammaGammaParams{40, 20, 200}}) {
    const double direct = DirectLogLikelihood(g, data);
    EXPECT_NEAR(GammaGammaLogLikelihood(g, data), direct, 1e-11 * std::fabs(direct));
  }
}

TEST(GammaGamma, ConditionalExpectedSpend) {
  const GammaGammaParams g{6.25, 3.74, 15.44};
  const double population = g.p * g.gamma / (g.q - 1);
  EXPECT_NEAR(GammaGammaConditionalExpectedSpend(g, 0, 0), population, 1e-13);
  // A credibility-weighted mean of the population mean and the customer's own mean, with
  // weight px / (px + q - 1) on the latter (the paper's eq. 5).
  for (int x : {1, 2, 10, 100}) {
    const double w = g.p * x / (g.p * x + g.q - 1);
    EXPECT_NEAR(GammaGammaConditionalExpectedSpend(g, x, 22.35), (1 - w) * population + w * 22.35, 1e-12);
  }
  // Posterior: nu | x, zbar ~ Gamma(px + q, gamma + x zbar), and E[Z | nu] = p / nu.
  EXPECT_NEAR(GammaGammaConditionalExpectedSpend(g, 2, 22.35),
              g.p * (g.gamma + 2 * 22.35) / (2 * g.p + g.q - 1), 1e-12);
  EXPECT_NE(ThrownMessage([] { GammaGammaConditionalExpectedSpend({1, 0.8, 10}, 0, 0); }).find("q > 1"),
            std::string::npos);
  EXPECT_THROW(GammaGammaConditionalExpectedSpend(g, -1, 5), std::invalid_argument);
  EXPECT_THROW(GammaGammaConditionalExpectedSpend(g, 1, -5), std::invalid_argument);
}

TEST(GammaGamma, CustomerLifetimeValue) {
  const BgnbdParams purchases{0.243, 4.414, 0.793, 2.426};
  const GammaGammaParams spend{6.25, 3.74, 15.44};
  CustomerRfm c;
  c.x = 2, c.t_x = 30.43, c.T = 38.86, c.zbar = 22.35;
  ClvOptions o;
  o.period_length = 30.0 / 7;
  o.periods = 12;
  o.discount_rate = 0.01;
  o.margin = 0.3;
  const double det = BgnbdDiscountedExpectedTransactions(purchases, 2, 30.43, 38.86, 30.0 / 7, 12, 0.01);
  const double clv = CustomerLifetimeValue(purchases, spend, c, o);
  EXPECT_NEAR(clv, 0.3 * GammaGammaConditionalExpectedSpend(spend, 2, 22.35) * det, 1e-12 * clv);
  // Undiscounted, it is the expected purchases over the year times the expected spend.
  o.discount_rate = 0;
  o.margin = 1;
  EXPECT_NEAR(CustomerLifetimeValue(purchases, spend, c, o),
              GammaGammaConditionalExpectedSpend(spend, 2, 22.35) *
                  BgnbdConditionalExpectedPurchases(purchases, 2, 30.43, 38.86, 12 * 30.0 / 7),
              1e-12);
  o.period_length = 0;
  EXPECT_THROW(CustomerLifetimeValue(purchases, spend, c, o), std::invalid_argument);
}

TEST(GammaGamma, RecoversSimulatedParameters) {
  const GammaGammaParams truth{6, 4, 15};
  double previous_se_q = 1e9;
  for (int n : {500, 2000, 8000}) {
    SCOPED_TRACE("n=" + std::to_string(n));
    const GammaGammaFit fit = FitGammaGamma(Simulate(truth, n, 17 + n));
    EXPECT_TRUE(fit.converged);
    EXPECT_EQ(fit.repeat_buyers, n);
    EXPECT_NEAR(fit.params.p, truth.p, 4 * fit.se_p);
    EXPECT_NEAR(fit.params.q, truth.q, 4 * fit.se_q);
    EXPECT_NEAR(fit.params.gamma, truth.gamma, 4 * fit.se_gamma);
    EXPECT_LT(fit.se_q, previous_se_q / 1.6);  // about 1 / sqrt(n)
    previous_se_q = fit.se_q;
  }
}

TEST(GammaGamma, ErrorsSayWhy) {
  EXPECT_NE(ThrownMessage([] { FitGammaGamma({}); }).find("repeat buyers"), std::string::npos);
  std::vector<CustomerRfm> one_timers(20);
  EXPECT_NE(ThrownMessage([&] { FitGammaGamma(one_timers); }).find("repeat buyers (x > 0)"),
            std::string::npos);
  std::vector<CustomerRfm> same = Simulate({6, 4, 15}, 30, 5);
  for (CustomerRfm& c : same) c.zbar = 12.5;
  EXPECT_NE(ThrownMessage([&] { FitGammaGamma(same); }).find("same mean spend"), std::string::npos);
  std::vector<CustomerRfm> free = Simulate({6, 4, 15}, 30, 5);
  for (CustomerRfm& c : free) c.zbar = 0;
  EXPECT_NE(ThrownMessage([&] { FitGammaGamma(free); }).find("positive mean spend"), std::string::npos);
  std::vector<CustomerRfm> nan = Simulate({6, 4, 15}, 30, 5);
  nan[3].zbar = std::nan("");
  EXPECT_NE(ThrownMessage([&] { FitGammaGamma(nan); }).find("not a finite number"), std::string::npos);
  EXPECT_NE(ThrownMessage([&] { GammaGammaLogLikelihood({1, -1, 1}, same); }).find("positive"),
            std::string::npos);
}

TEST(GammaGamma, ZeroSpendRepeatBuyersAreExcludedAndCounted) {
  std::vector<CustomerRfm> data = Simulate({6, 4, 15}, 400, 11);
  const GammaGammaFit clean = FitGammaGamma(data);
  CustomerRfm free;
  free.x = 3, free.zbar = 0;
  data.push_back(free);
  const GammaGammaFit with_free = FitGammaGamma(data);
  EXPECT_EQ(with_free.repeat_buyers, 400);
  EXPECT_EQ(with_free.excluded_repeat_buyers, 1);
  EXPECT_EQ(with_free.log_likelihood, clean.log_likelihood);
}

TEST(GammaGamma, FitsFullCdnowMaster) {
  const std::vector<CustomerRfm> data = CdnowSummary(true);
  const auto start = std::chrono::steady_clock::now();
  const GammaGammaFit fit = FitGammaGamma(data);
  const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  EXPECT_TRUE(fit.converged);
  EXPECT_GT(fit.excluded_repeat_buyers, 0);  // CDNOW has free (0.00) repeat purchases
  // Within the 1/10 sample's sampling error of its estimates.
  EXPECT_NEAR(fit.params.p, 6.25, 3 * 1.19);
  EXPECT_NEAR(fit.params.q, 3.74, 3 * 0.29);
  EXPECT_NEAR(fit.params.gamma, 15.44, 3 * 4.16);
  std::printf("[ master   ] p=%.17g q=%.17g gamma=%.17g LL=%.17g repeat buyers=%d excluded=%d fit %.1f ms\n",
              fit.params.p, fit.params.q, fit.params.gamma, fit.log_likelihood, fit.repeat_buyers,
              fit.excluded_repeat_buyers, ms);
}
