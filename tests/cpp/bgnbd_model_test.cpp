// SPDX-License-Identifier: MIT
// BG/NBD against Fader, Hardie & Lee (2005), Marketing Science 24(2): the CDNOW sample fit
// and the paper's 39-week prediction; the expectations against independent computations
// (the paper's 2F1 expression, quadrature over the dropout probability, simulation); and
// parameter recovery on simulated data.
#include "core/bgnbd_model.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <stdexcept>
#include <string>
#include <tuple>
#include <vector>

#include "core/dates.hpp"
#include "model_test_util.hpp"
#include "core/special_functions.hpp"

using namespace csm;
using namespace csm::model_testing;

namespace {


// One customer's calibration history under the BG/NBD, observed for T after the first purchase.
CustomerRfm SimulateCustomer(Rng& rng, const BgnbdParams& p, double T) {
  const double lambda = rng.Gamma(p.r) / p.alpha, dropout = rng.Beta(p.a, p.b);
  CustomerRfm c;
  c.T = T;
  for (double t = rng.Exponential(lambda); t <= T; t += rng.Exponential(lambda)) {
    ++c.x;
    c.t_x = t;
    if (rng.Uniform() < dropout) break;  // drops out right after this purchase
  }
  return c;
}

std::vector<CustomerRfm> Simulate(const BgnbdParams& p, int n, uint64_t seed) {
  Rng rng(seed);
  std::vector<CustomerRfm> out;
  for (int i = 0; i < n; ++i) out.push_back(SimulateCustomer(rng, p, 39 - 12 * rng.Uniform()));
  return out;
}

// The paper's eq. 6, per customer, with libm: an independent check of the optimised sum.
double DirectLogLikelihood(const BgnbdParams& p, const std::vector<CustomerRfm>& data) {
  double ll = 0;
  for (const CustomerRfm& c : data) {
    const double x = c.x;
    const double a1 = std::lgamma(p.r + x) - std::lgamma(p.r) + p.r * std::log(p.alpha);
    const double a2 = std::lgamma(p.a + p.b) + std::lgamma(p.b + x) - std::lgamma(p.b) -
                      std::lgamma(p.a + p.b + x);
    const double a3 = -(p.r + x) * std::log(p.alpha + c.T);
    double sum = std::exp(a3);
    if (c.x > 0) sum += std::exp(std::log(p.a) - std::log(p.b + x - 1) - (p.r + x) * std::log(p.alpha + c.t_x));
    ll += a1 + a2 + std::log(sum);
  }
  return ll;
}

// E over p ~ Beta(a, b) of (1 - (1 + p u)^-s) / p: the expected purchases of a customer
// alive now, with lambda ~ Gamma(s, alpha) integrated out analytically and u = t / alpha.
// Tanh-sinh quadrature, which is exact to ~1e-13 despite p^(a-1) and (1-p)^(b-1).
double BetaQuadrature(double a, double b, double s, double u) {
  const double half_pi = 1.5707963267948966, h = 1.0 / 64;
  double sum = 0;
  for (int k = -6 * 64; k <= 6 * 64; ++k) {
    const double v = k * h, w = half_pi * std::sinh(v);
    const double p = 1 / (1 + std::exp(-2 * w)), q = 1 / (1 + std::exp(2 * w));  // p + q = 1
    const double dp = half_pi * std::cosh(v) * 2 * p * q;
    if (p == 0 || q == 0 || dp == 0) continue;
    const double g = -std::expm1(-s * std::log1p(p * u)) / p;
    sum += dp * std::exp((a - 1) * std::log(p) + (b - 1) * std::log(q)) * g;
  }
  return h * sum / std::exp(std::lgamma(a) + std::lgamma(b) - std::lgamma(a + b));
}

// The paper's eq. 7 as printed, with the project's 2F1 (needs a + b > 1).
double PaperExpectedPurchases(const BgnbdParams& p, double t) {
  const double c = p.a + p.b - 1;
  return c / (p.a - 1) *
         (1 - std::pow(p.alpha / (p.alpha + t), p.r) *
                  Hypergeometric2F1(p.r, p.b, c, t / (p.alpha + t)));
}

const BgnbdParams kPublished{0.243, 4.414, 0.793, 2.426};

}  // namespace

TEST(Bgnbd, FitReproducesFaderHardieLee2005OnCdnowSample) {
  const std::vector<CustomerRfm> data = CdnowSummary(false);
  ASSERT_EQ(data.size(), 2357u);
  const BgnbdFit fit = FitBgnbd(data);
  EXPECT_TRUE(fit.converged);
  // Table 2: r = 0.243, alpha = 4.414, a = 0.793, b = 2.426, LL = -9,582.4.
  EXPECT_NEAR(fit.params.r, 0.243, 0.0005);
  EXPECT_NEAR(fit.params.alpha, 4.414, 0.0005);
  EXPECT_NEAR(fit.params.a, 0.793, 0.0005);
  EXPECT_NEAR(fit.params.b, 2.426, 0.0005);
  EXPECT_NEAR(fit.log_likelihood, -9582.4, 0.05);
  EXPECT_DOUBLE_EQ(fit.log_likelihood, BgnbdLogLikelihood(fit.params, data));
  for (double se : {fit.se_r, fit.se_alpha, fit.se_a, fit.se_b}) EXPECT_GT(se, 0);
  // The optimum: nudging any parameter by 1 % lowers the likelihood.
  for (int i = 0; i < 4; ++i)
    for (double f : {0.99, 1.01}) {
      BgnbdParams q = fit.params;
      double* v[] = {&q.r, &q.alpha, &q.a, &q.b};
      *v[i] *= f;
      EXPECT_LT(BgnbdLogLikelihood(q, data), fit.log_likelihood);
    }
  std::printf("[ sample   ] r=%.17g alpha=%.17g a=%.17g b=%.17g LL=%.17g\n", fit.params.r,
              fit.params.alpha, fit.params.a, fit.params.b, fit.log_likelihood);
}

TEST(Bgnbd, PaperPredictionForCustomerWithTwoRepeatPurchases) {
  // The paper's worked example: x = 2, t_x = 30.43, T = 38.86 (weeks) expects 1.226
  // purchases in the next 39 weeks.
  const BgnbdFit fit = FitBgnbd(CdnowSummary(false));
  EXPECT_NEAR(BgnbdConditionalExpectedPurchases(fit.params, 2, 30.43, 38.86, 39), 1.226, 0.0005);
  EXPECT_NEAR(BgnbdConditionalExpectedPurchases(kPublished, 2, 30.43, 38.86, 39), 1.226, 0.0015);
}

TEST(Bgnbd, LogLikelihoodMatchesThePapersFormulaTermByTerm) {
  const std::vector<CustomerRfm> data = CdnowSummary(false);
  for (const BgnbdParams& p : {kPublished, BgnbdParams{1.5, 20, 3, 0.4}, BgnbdParams{0.05, 0.3, 0.2, 9}}) {
    const double direct = DirectLogLikelihood(p, data);
    EXPECT_NEAR(BgnbdLogLikelihood(p, data), direct, 1e-11 * std::fabs(direct));
  }
  EXPECT_NEAR(BgnbdLogLikelihood(kPublished, data), -9582.4, 0.1);
}

TEST(Bgnbd, ProbabilityAlive) {
  EXPECT_EQ(BgnbdProbabilityAlive(kPublished, 0, 0, 38.86), 1.0);  // x = 0: by convention
  EXPECT_EQ(BgnbdProbabilityAlive(kPublished, 0, 0, 0), 1.0);
  // The formula by hand, and a recent purchase (t_x = T) leaves only the a/(b+x-1) odds.
  const BgnbdParams& p = kPublished;
  const double odds = p.a / (p.b + 2 - 1) * std::pow((p.alpha + 38.86) / (p.alpha + 30.43), p.r + 2);
  EXPECT_NEAR(BgnbdProbabilityAlive(p, 2, 30.43, 38.86), 1 / (1 + odds), 1e-14);
  EXPECT_NEAR(BgnbdProbabilityAlive(p, 5, 20, 20), 1 / (1 + p.a / (p.b + 4)), 1e-15);
  // Longer silence, lower chance of being alive; more purchases then silence, lower still.
  EXPECT_GT(BgnbdProbabilityAlive(p, 3, 30, 35), BgnbdProbabilityAlive(p, 3, 20, 35));
  EXPECT_GT(BgnbdProbabilityAlive(p, 3, 10, 38), BgnbdProbabilityAlive(p, 10, 10, 38));
}

TEST(Bgnbd, ExpectedPurchasesMatchesPapersExpressionAndQuadrature) {
  for (const BgnbdParams& p : {kPublished, BgnbdParams{2, 10, 3, 5}, BgnbdParams{0.5, 1, 0.3, 0.9}}) {
    for (double t : {0.5, 1.0, 13.0, 39.0, 78.0, 500.0}) {
      SCOPED_TRACE("r=" + std::to_string(p.r) + " t=" + std::to_string(t));
      const double e = BgnbdExpectedPurchases(p, t);
      EXPECT_NEAR(e, BetaQuadrature(p.a, p.b, p.r, t / p.alpha), 1e-11 * e);
      EXPECT_NEAR(e, PaperExpectedPurchases(p, t), 1e-10 * e);
    }
  }
}

TEST(Bgnbd, ExpectedPurchasesWhere2F1HasNoPositiveC) {
  // a + b <= 1 makes 2F1's c = a + b - 1 <= 0; a = 1 is a removable singularity of the
  // printed formula. Only the quadrature applies there.
  for (const BgnbdParams& p :
       {BgnbdParams{0.3, 2, 0.4, 0.5}, BgnbdParams{1.2, 3, 0.2, 0.3}, BgnbdParams{0.8, 5, 0.5, 0.5},
        BgnbdParams{0.7, 4, 1.0, 2.0}, BgnbdParams{0.7, 4, 1.0 + 1e-9, 2.0},
        BgnbdParams{0.7, 4, 1.0 - 1e-6, 2.0}, BgnbdParams{3.0, 4, 0.9, 0.6},
        BgnbdParams{20, 4, 0.9, 0.2}}) {
    for (double t : {0.1, 5.0, 40.0, 400.0}) {
      SCOPED_TRACE("a=" + std::to_string(p.a) + " b=" + std::to_string(p.b) + " t=" + std::to_string(t));
      const double e = BgnbdExpectedPurchases(p, t);
      EXPECT_NEAR(e, BetaQuadrature(p.a, p.b, p.r, t / p.alpha), 1e-10 * e);
    }
  }
}

TEST(Bgnbd, ExpectedPurchasesIsContinuousWhereTheEvaluationSwitchesForm) {
  // Two forms are used, switching at r = 0.5 and at |a - 1| = 0.2: one ulp either side of a
  // switch they must agree to rounding.
  const auto agree = [](const BgnbdParams& u, const BgnbdParams& v) {
    const double eu = BgnbdExpectedPurchases(u, 30), ev = BgnbdExpectedPurchases(v, 30);
    EXPECT_NEAR(eu, ev, 1e-13 * eu);
  };
  for (double a : {0.5, 0.8, 1.2, 2.0}) agree({std::nextafter(0.5, 0.0), 4, a, 2.5}, {0.5, 4, a, 2.5});
  for (double r : {0.05, 0.3}) {
    agree({r, 4, std::nextafter(0.8, 0.0), 2.5}, {r, 4, std::nextafter(0.8, 1.0), 2.5});
    agree({r, 4, std::nextafter(1.2, 1.0), 2.5}, {r, 4, std::nextafter(1.2, 2.0), 2.5});
  }
}

TEST(Bgnbd, ExpectedPurchasesForShortHorizonsIsTheMeanRate) {
  // E[X(t)] / t -> E[lambda] = r / alpha as t -> 0 (nobody can drop out before buying).
  for (const BgnbdParams& p : {kPublished, BgnbdParams{0.7, 4, 1.0, 2.0}, BgnbdParams{0.3, 2, 0.4, 0.5}}) {
    EXPECT_EQ(BgnbdExpectedPurchases(p, 0), 0.0);
    EXPECT_NEAR(BgnbdExpectedPurchases(p, 1e-9) / 1e-9, p.r / p.alpha, 1e-7 * p.r / p.alpha);
  }
}

TEST(Bgnbd, ExpectedPurchasesMatchesSimulation) {
  const BgnbdParams p{0.6, 5, 0.9, 2.5};
  const double t = 30;
  Rng rng(7);
  const int n = 200000;
  double sum = 0, sum2 = 0;
  for (int i = 0; i < n; ++i) {
    const double x = SimulateCustomer(rng, p, t).x;
    sum += x, sum2 += x * x;
  }
  const double mean = sum / n, se = std::sqrt((sum2 / n - mean * mean) / n);
  EXPECT_NEAR(BgnbdExpectedPurchases(p, t), mean, 4 * se);
}

TEST(Bgnbd, ConditionalExpectationMatchesPosteriorQuadrature) {
  // Alive customers have p ~ Beta(a, b+x) and lambda ~ Gamma(r+x, alpha+T) a posteriori.
  for (const BgnbdParams& p : {kPublished, BgnbdParams{0.5, 1, 0.3, 0.6}, BgnbdParams{2, 10, 1.0, 3}}) {
    for (const auto& [x, t_x, T] : {std::tuple{0, 0.0, 20.0}, std::tuple{2, 30.43, 38.86},
                                    std::tuple{7, 35.0, 38.0}, std::tuple{1, 2.0, 30.0},
                                    std::tuple{60, 38.0, 38.5}}) {
      for (double t : {1.0, 39.0, 300.0}) {
        SCOPED_TRACE("x=" + std::to_string(x) + " t=" + std::to_string(t));
        const double e = BgnbdConditionalExpectedPurchases(p, x, t_x, T, t);
        const double check = BgnbdProbabilityAlive(p, x, t_x, T) *
                             BetaQuadrature(p.a, p.b + x, p.r + x, t / (p.alpha + T));
        EXPECT_NEAR(e, check, 1e-10 * check);
      }
    }
  }
}

TEST(Bgnbd, ConditionalExpectationLimits) {
  const BgnbdParams& p = kPublished;
  // A customer seen for no time at all is a new customer.
  EXPECT_NEAR(BgnbdConditionalExpectedPurchases(p, 0, 0, 0, 39), BgnbdExpectedPurchases(p, 39), 1e-14);
  // Short horizon: P(alive) times the posterior mean rate (r+x)/(alpha+T).
  const double h = 1e-8;
  EXPECT_NEAR(BgnbdConditionalExpectedPurchases(p, 4, 25, 38, h) / h,
              BgnbdProbabilityAlive(p, 4, 25, 38) * (p.r + 4) / (p.alpha + 38), 1e-6);
  EXPECT_EQ(BgnbdConditionalExpectedPurchases(p, 4, 25, 38, 0), 0.0);
  // More recent activity, more expected purchases.
  EXPECT_GT(BgnbdConditionalExpectedPurchases(p, 4, 37, 38, 39),
            BgnbdConditionalExpectedPurchases(p, 4, 20, 38, 39));
}

TEST(Bgnbd, DiscountedExpectedTransactions) {
  const BgnbdParams& p = kPublished;
  const double month = 30.0 / 7;
  // Undiscounted, the periods add up to the whole horizon.
  EXPECT_NEAR(BgnbdDiscountedExpectedTransactions(p, 2, 30.43, 38.86, month, 12, 0),
              BgnbdConditionalExpectedPurchases(p, 2, 30.43, 38.86, 12 * month), 1e-13);
  // By hand for two periods.
  const double e1 = BgnbdConditionalExpectedPurchases(p, 2, 30.43, 38.86, month);
  const double e2 = BgnbdConditionalExpectedPurchases(p, 2, 30.43, 38.86, 2 * month);
  EXPECT_NEAR(BgnbdDiscountedExpectedTransactions(p, 2, 30.43, 38.86, month, 2, 0.01),
              e1 / 1.01 + (e2 - e1) / (1.01 * 1.01), 1e-14);
  EXPECT_EQ(BgnbdDiscountedExpectedTransactions(p, 2, 30.43, 38.86, month, 0, 0.01), 0.0);
  EXPECT_THROW(BgnbdDiscountedExpectedTransactions(p, 2, 30.43, 38.86, 0, 12, 0.01), std::invalid_argument);
  EXPECT_THROW(BgnbdDiscountedExpectedTransactions(p, 2, 30.43, 38.86, month, 12, -1), std::invalid_argument);
}

TEST(Bgnbd, RecoversSimulatedParameters) {
  const BgnbdParams truth{0.5, 6, 0.8, 2.5};
  double previous_se_r = 1e9;
  for (int n : {1500, 6000, 24000}) {
    SCOPED_TRACE("n=" + std::to_string(n));
    const BgnbdFit fit = FitBgnbd(Simulate(truth, n, 1000 + n));
    EXPECT_TRUE(fit.converged);
    EXPECT_NEAR(fit.params.r, truth.r, 4 * fit.se_r);
    EXPECT_NEAR(fit.params.alpha, truth.alpha, 4 * fit.se_alpha);
    EXPECT_NEAR(fit.params.a, truth.a, 4 * fit.se_a);
    EXPECT_NEAR(fit.params.b, truth.b, 4 * fit.se_b);
    EXPECT_LT(fit.se_r, previous_se_r / 1.6);  // about 1 / sqrt(n)
    previous_se_r = fit.se_r;
  }
}

TEST(Bgnbd, RecoversSimulatedParametersInDays) {
  // The same customers measured in days: alpha scales by 7, the rest is unchanged.
  std::vector<CustomerRfm> weeks = Simulate({0.5, 6, 0.8, 2.5}, 4000, 99), days = weeks;
  for (CustomerRfm& c : days) c.t_x *= 7, c.T *= 7;
  const BgnbdFit w = FitBgnbd(weeks), d = FitBgnbd(days);
  EXPECT_NEAR(d.params.alpha / 7, w.params.alpha, 1e-5 * w.params.alpha);
  EXPECT_NEAR(d.params.r, w.params.r, 1e-5 * w.params.r);
  EXPECT_NEAR(d.params.a, w.params.a, 1e-5 * w.params.a);
  EXPECT_NEAR(d.params.b, w.params.b, 1e-5 * w.params.b);
}

TEST(Bgnbd, ErrorsSayWhy) {
  EXPECT_NE(ThrownMessage([] { FitBgnbd({}); }).find("at least one customer"), std::string::npos);
  std::vector<CustomerRfm> none(50);
  for (CustomerRfm& c : none) c.T = 30;
  EXPECT_NE(ThrownMessage([&] { FitBgnbd(none); }).find("repeat purchases"), std::string::npos);
  std::vector<CustomerRfm> bad = Simulate(kPublished, 100, 3);
  bad[10].x = 2, bad[10].t_x = 40, bad[10].T = 30;
  EXPECT_NE(ThrownMessage([&] { FitBgnbd(bad); }).find("t_x <= T"), std::string::npos);
  bad[10].x = -1;
  EXPECT_NE(ThrownMessage([&] { FitBgnbd(bad); }).find("x must be >= 0"), std::string::npos);
  const std::vector<CustomerRfm> ok = Simulate(kPublished, 100, 3);
  EXPECT_NE(ThrownMessage([&] { BgnbdLogLikelihood({0, 1, 1, 1}, ok); }).find("positive"), std::string::npos);
  EXPECT_THROW(BgnbdExpectedPurchases(kPublished, -1), std::invalid_argument);
  EXPECT_THROW(BgnbdConditionalExpectedPurchases(kPublished, 1, 5, 4, 10), std::invalid_argument);
  EXPECT_THROW(BgnbdProbabilityAlive({1, 1, std::nan(""), 1}, 1, 1, 2), std::invalid_argument);
}

TEST(Bgnbd, FitsFullCdnowMaster) {
  const std::vector<CustomerRfm> data = CdnowSummary(true);
  ASSERT_EQ(data.size(), 23570u);
  const auto start = std::chrono::steady_clock::now();
  const BgnbdFit fit = FitBgnbd(data);
  const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  EXPECT_TRUE(fit.converged);
  // The sample is a 1/10 sample of these customers: the estimates must agree within the
  // sample's sampling error.
  EXPECT_NEAR(fit.params.r, 0.243, 3 * 0.0126);
  EXPECT_NEAR(fit.params.alpha, 4.414, 3 * 0.378);
  EXPECT_NEAR(fit.params.a, 0.793, 3 * 0.186);
  EXPECT_NEAR(fit.params.b, 2.426, 3 * 0.705);
  std::printf("[ master   ] r=%.17g alpha=%.17g a=%.17g b=%.17g LL=%.17g iterations=%d fit %.1f ms\n",
              fit.params.r, fit.params.alpha, fit.params.a, fit.params.b, fit.log_likelihood,
              fit.iterations, ms);
  ::testing::Test::RecordProperty("master_fit_ms", std::to_string(ms));
}
