// SPDX-License-Identifier: MIT
// The optimiser the customer-base models fit with: BFGS on textbook functions whose minima
// are known, the numerical derivatives against analytic ones, and the matrix inverse and
// standard errors against hand-computed values.
#include "core/optimizer.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <stdexcept>

using namespace csm;

namespace {

using Vector = std::vector<double>;
using Matrix = std::vector<std::vector<double>>;

double Rosenbrock(const Vector& x) {
  double f = 0;
  for (size_t i = 0; i + 1 < x.size(); ++i)
    f += 100 * (x[i + 1] - x[i] * x[i]) * (x[i + 1] - x[i] * x[i]) + (1 - x[i]) * (1 - x[i]);
  return f;
}

// (x - m)' A (x - m) + 7 with A symmetric positive definite: minimum 7 at m.
const Matrix kA = {{4, 1, 0.5}, {1, 3, -0.2}, {0.5, -0.2, 2}};
const Vector kM = {1.5, -2, 0.25};

double Quadratic(const Vector& x) {
  double f = 7;
  for (size_t i = 0; i < 3; ++i)
    for (size_t j = 0; j < 3; ++j) f += (x[i] - kM[i]) * kA[i][j] * (x[j] - kM[j]);
  return f;
}

Matrix Multiply(const Matrix& a, const Matrix& b) {
  Matrix c(a.size(), Vector(b[0].size(), 0.0));
  for (size_t i = 0; i < a.size(); ++i)
    for (size_t j = 0; j < b[0].size(); ++j)
      for (size_t k = 0; k < b.size(); ++k) c[i][j] += a[i][k] * b[k][j];
  return c;
}

bool SameBits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

}  // namespace

TEST(Optimizer, FindsTheMinimumOfAQuadratic) {
  const OptimizeResult r = MinimizeBfgs(Quadratic, {0, 0, 0});
  ASSERT_TRUE(r.converged);
  for (size_t i = 0; i < 3; ++i) EXPECT_NEAR(r.params[i], kM[i], 1e-6) << i;
  EXPECT_NEAR(r.value, 7, 1e-12);
  // BFGS with an exact-ish line search needs about n steps on a quadratic; a bound well
  // above that still catches a broken update (steepest descent takes hundreds here).
  EXPECT_LT(r.iterations, 30);
  EXPECT_GT(r.evaluations, r.iterations);
}

TEST(Optimizer, SolvesRosenbrockFromTheClassicStart) {
  const OptimizeResult r = MinimizeBfgs(Rosenbrock, {-1.2, 1});
  ASSERT_TRUE(r.converged);
  EXPECT_NEAR(r.params[0], 1, 1e-5);
  EXPECT_NEAR(r.params[1], 1, 1e-5);
  EXPECT_LT(r.value, 1e-10);
}

TEST(Optimizer, SolvesFourDimensionalRosenbrock) {
  const OptimizeResult r = MinimizeBfgs(Rosenbrock, {-1.2, 1, -1.2, 1});
  ASSERT_TRUE(r.converged);
  for (double x : r.params) EXPECT_NEAR(x, 1, 1e-5);
}

TEST(Optimizer, BacksOffWhereTheObjectiveIsUndefined) {
  // x - ln x has its minimum 1 at x = 1 and is NaN for x < 0: a long first step lands there.
  const Objective f = [](const Vector& x) { return x[0] - std::log(x[0]); };
  const OptimizeResult r = MinimizeBfgs(f, {8});
  ASSERT_TRUE(r.converged);
  EXPECT_NEAR(r.params[0], 1, 1e-6);
  EXPECT_NEAR(r.value, 1, 1e-12);
}

TEST(Optimizer, StartsNextToTheEdgeOfTheDomain) {
  // At x = 1e-7 the central difference reaches x < 0 (NaN): the gradient must fall back to
  // the defined side instead of sending the search to NaN.
  const Objective f = [](const Vector& x) { return x[0] - std::log(x[0]); };
  const OptimizeResult r = MinimizeBfgs(f, {1e-7});
  ASSERT_TRUE(r.converged);
  EXPECT_NEAR(r.params[0], 1, 1e-6);
}

TEST(Optimizer, AnUndefinedGradientIsNotConvergence) {
  // Defined only at 0: both sides of the central difference are NaN, so the gradient is
  // unknown, which must not read as a zero gradient.
  const Objective f = [](const Vector& x) { return x[0] == 0 ? 0.0 : NAN; };
  const OptimizeResult r = MinimizeBfgs(f, {0});
  EXPECT_FALSE(r.converged);
  EXPECT_EQ(r.params[0], 0);
}

TEST(Optimizer, ReportsAnUndefinedStartWithoutIterating) {
  const Objective f = [](const Vector& x) { return x[0] > 0 ? x[0] : NAN; };
  const OptimizeResult r = MinimizeBfgs(f, {-1});
  EXPECT_FALSE(r.converged);
  EXPECT_EQ(r.iterations, 0);
  EXPECT_EQ(r.value, std::numeric_limits<double>::infinity());
}

TEST(Optimizer, StopsAtTheIterationLimitWithoutClaimingConvergence) {
  OptimizeOptions o;
  o.max_iterations = 3;
  const OptimizeResult r = MinimizeBfgs(Rosenbrock, {-1.2, 1}, o);
  EXPECT_FALSE(r.converged);
  EXPECT_EQ(r.iterations, 3);
}

TEST(Optimizer, LimitsTheLengthOfAStep) {
  // A linear slope on a log-parameter: without the cap the first step would go to
  // exp(-1e6); with max_step 0.5 the first iterate moves by at most 0.5.
  OptimizeOptions o;
  o.max_iterations = 1;
  o.max_step = 0.5;
  const Objective f = [](const Vector& x) { return 1e6 * x[0] + std::exp(x[0] - 20); };
  const OptimizeResult r = MinimizeBfgs(f, {0}, o);
  EXPECT_LE(std::fabs(r.params[0]), 0.5 + 1e-15);
  EXPECT_LT(r.params[0], -0.25);
}

TEST(Optimizer, IsDeterministic) {
  const OptimizeResult a = MinimizeBfgs(Rosenbrock, {-1.2, 1, 0.3});
  const OptimizeResult b = MinimizeBfgs(Rosenbrock, {-1.2, 1, 0.3});
  ASSERT_EQ(a.params.size(), b.params.size());
  for (size_t i = 0; i < a.params.size(); ++i) EXPECT_TRUE(SameBits(a.params[i], b.params[i]));
  EXPECT_TRUE(SameBits(a.value, b.value));
  EXPECT_EQ(a.iterations, b.iterations);
  EXPECT_EQ(a.evaluations, b.evaluations);
}

TEST(Optimizer, MultiStartKeepsTheBestStart) {
  // Two wells: a shallow one at x = -1 (value 0.3) and the global one at x = 2 (value 0).
  const Objective f = [](const Vector& x) {
    const double a = (x[0] + 1) * (x[0] + 1) + 0.3, b = (x[0] - 2) * (x[0] - 2);
    return a < b ? a : b;
  };
  const OptimizeResult r = MinimizeMultiStart(f, {{-1.5}, {3}, {-0.5}});
  EXPECT_EQ(r.start_index, 1);
  EXPECT_NEAR(r.params[0], 2, 1e-6);
  const OptimizeResult single = MinimizeBfgs(f, {3});
  EXPECT_GT(r.evaluations, single.evaluations);  // counts every start's evaluations
}

TEST(Optimizer, MultiStartKeepsTheFirstOfEqualResults) {
  const OptimizeResult r = MinimizeMultiStart(Quadratic, {kM, kM});
  EXPECT_EQ(r.start_index, 0);
  EXPECT_THROW(MinimizeMultiStart(Quadratic, {}), std::invalid_argument);
}

TEST(Optimizer, NumericalGradientMatchesTheAnalyticOne) {
  const Objective f = [](const Vector& x) {
    return std::sin(x[0]) * x[1] * x[1] + std::exp(x[1] / 3);
  };
  const Vector x = {0.7, -2.5};
  const Vector g = NumericalGradient(f, x);
  EXPECT_NEAR(g[0], std::cos(0.7) * 6.25, 1e-8);
  EXPECT_NEAR(g[1], std::sin(0.7) * -5 + std::exp(-2.5 / 3) / 3, 1e-8);
}

TEST(Optimizer, NumericalHessianMatchesTheAnalyticOne) {
  // f = a^2 b + 3 b^2 + exp(a) + ln(c) a: H = [[2b + e^a, 2a, 1/c], [2a, 6, 0], [1/c, 0, -a/c^2]].
  const Objective f = [](const Vector& x) {
    return x[0] * x[0] * x[1] + 3 * x[1] * x[1] + std::exp(x[0]) + std::log(x[2]) * x[0];
  };
  const double a = 0.8, b = -1.3, c = 40;
  const Matrix h = NumericalHessian(f, {a, b, c});
  const Matrix want = {
      {2 * b + std::exp(a), 2 * a, 1 / c}, {2 * a, 6, 0}, {1 / c, 0, -a / (c * c)}};
  for (size_t i = 0; i < 3; ++i)
    for (size_t j = 0; j < 3; ++j) EXPECT_NEAR(h[i][j], want[i][j], 1e-6) << i << "," << j;
  for (size_t i = 0; i < 3; ++i)
    for (size_t j = 0; j < 3; ++j) EXPECT_EQ(h[i][j], h[j][i]);
}

TEST(Optimizer, NumericalHessianIsRelativeToTheParameterScale) {
  // A Gamma-like curvature in a small shape parameter: f = 1/x, f'' = 2/x^3 = 2e9 at 1e-3.
  const Objective f = [](const Vector& x) { return 1 / x[0]; };
  EXPECT_NEAR(NumericalHessian(f, {1e-3})[0][0] / 2e9, 1, 1e-6);
}

TEST(Optimizer, InvertsASymmetricPositiveDefiniteMatrix) {
  // [[4, 2], [2, 3]] has determinant 8: inverse [[3, -2], [-2, 4]] / 8.
  const Matrix inv = InvertSymmetricPositiveDefinite({{4, 2}, {2, 3}});
  ASSERT_EQ(inv.size(), 2u);
  EXPECT_DOUBLE_EQ(inv[0][0], 3.0 / 8);
  EXPECT_DOUBLE_EQ(inv[0][1], -2.0 / 8);
  EXPECT_DOUBLE_EQ(inv[1][0], -2.0 / 8);
  EXPECT_DOUBLE_EQ(inv[1][1], 4.0 / 8);
  const Matrix inv3 = InvertSymmetricPositiveDefinite(kA);
  const Matrix product = Multiply(kA, inv3);
  for (size_t i = 0; i < 3; ++i)
    for (size_t j = 0; j < 3; ++j) EXPECT_NEAR(product[i][j], i == j ? 1 : 0, 1e-14);
}

TEST(Optimizer, RefusesMatricesThatAreNotPositiveDefinite) {
  EXPECT_TRUE(InvertSymmetricPositiveDefinite({{1, 2}, {2, 1}}).empty());  // eigenvalue -1
  EXPECT_TRUE(InvertSymmetricPositiveDefinite({{1, 1}, {1, 1}}).empty());  // singular
  EXPECT_TRUE(InvertSymmetricPositiveDefinite({{-1}}).empty());
  EXPECT_TRUE(InvertSymmetricPositiveDefinite({{NAN}}).empty());
}

TEST(Optimizer, StandardErrorsOfANormalMean) {
  // n observations of known sigma: nll(mu) = sum (x - mu)^2 / (2 sigma^2), SE = sigma/sqrt(n).
  const Vector data = {2.1, 1.7, 3.3, 2.9, 2.0, 2.6, 1.4, 3.0};
  const double sigma = 0.5;
  const Objective nll = [&](const Vector& m) {
    double s = 0;
    for (double x : data) s += (x - m[0]) * (x - m[0]) / (2 * sigma * sigma);
    return s;
  };
  const OptimizeResult fit = MinimizeBfgs(nll, {0});
  const Vector se = StandardErrors(nll, fit.params);
  EXPECT_NEAR(se[0], sigma / std::sqrt(8.0), 1e-7);
}

TEST(Optimizer, StandardErrorsAreTheInverseInformationOfAQuadratic) {
  // nll = (x - m)' A (x - m): the Hessian is 2A, the covariance (2A)^-1.
  const Vector se = StandardErrors(Quadratic, kM);
  const Matrix inv = InvertSymmetricPositiveDefinite(kA);
  for (size_t i = 0; i < 3; ++i) EXPECT_NEAR(se[i], std::sqrt(inv[i][i] / 2), 1e-6) << i;
}

TEST(Optimizer, StandardErrorsAreNaNAtASaddle) {
  const Objective saddle = [](const Vector& x) { return x[0] * x[0] - x[1] * x[1]; };
  const Vector se = StandardErrors(saddle, {1, 1});
  EXPECT_TRUE(std::isnan(se[0]));
  EXPECT_TRUE(std::isnan(se[1]));
}
