// SPDX-License-Identifier: MIT
#include "core/sbg_model.hpp"

#include <cmath>
#include <cstdio>
#include <limits>
#include <stdexcept>
#include <string>

#include "core/optimizer.hpp"
#include "core/portable_math.hpp"
#include "core/special_functions.hpp"

namespace csm {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
// Past these the fit is walking to a boundary rather than finding an interior optimum:
// alpha, beta -> infinity is the homogeneous geometric model (no heterogeneity to
// estimate); alpha, beta -> 0 is theta in {0, 1}: a share leaves at once, the rest never.
constexpr double kEdgeLow = 1e-5, kEdgeHigh = 1e6;

std::string Number(double x) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.6g", x);
  return buffer;
}

void RequireParams(const SbgParams& p) {
  if (!(p.alpha > 0 && p.beta > 0 && std::isfinite(p.alpha) && std::isfinite(p.beta)))
    throw std::invalid_argument("sBG: alpha and beta must be positive and finite (got alpha=" +
                                Number(p.alpha) + ", beta=" + Number(p.beta) + ")");
}

void RequireDiscount(double d) {
  if (!(d > 0 && std::isfinite(d)))
    throw std::invalid_argument("sBG: the discount rate d must be positive and finite (got " +
                                Number(d) + ")");
}

void RequireRenewal(int n) {
  if (n < 1) throw std::invalid_argument("sBG: DERL needs n >= 1 (got " + std::to_string(n) + ")");
}

// r(t) without the checks, for loops that have already made them.
double Retention(const SbgParams& p, int t) {
  return (p.beta + t - 1) / (p.alpha + p.beta + t - 1);
}

// ln P(T = t) and ln S(t) for t = 0..horizon, by the retention recursion: every step is a
// ratio of moderate numbers, where Beta functions of large arguments would cancel.
struct LogCurves {
  std::vector<double> churn, survival;  // churn[0] is unused
};

LogCurves ComputeLogCurves(const SbgParams& p, size_t horizon) {
  LogCurves c{std::vector<double>(horizon + 1, 0.0), std::vector<double>(horizon + 1, 0.0)};
  const double log_alpha = PortableLog(p.alpha);
  for (size_t t = 1; t <= horizon; ++t) {
    const double rest = p.beta + double(t) - 1;  // beta + t - 1
    c.churn[t] = c.survival[t - 1] + log_alpha - PortableLog(p.alpha + rest);
    // ln r(t) = -ln(1 + alpha / (beta + t - 1)): no cancellation when alpha is small.
    c.survival[t] = c.survival[t - 1] - PortableLog1p(p.alpha / rest);
  }
  return c;
}

size_t LongestCohort(const std::vector<SurvivorCounts>& cohorts) {
  size_t longest = 0;
  for (const SurvivorCounts& c : cohorts) longest = c.size() > longest ? c.size() : longest;
  return longest;
}

// The likelihood without argument checks: the fit calls it thousands of times.
double LogLikelihood(const SbgParams& p, const std::vector<SurvivorCounts>& cohorts) {
  const size_t longest = LongestCohort(cohorts);
  if (longest < 2) return 0;
  const LogCurves c = ComputeLogCurves(p, longest - 1);
  double ll = 0;
  for (const SurvivorCounts& n : cohorts) {
    if (n.size() < 2) continue;
    for (size_t t = 1; t < n.size(); ++t) {
      const double lost = n[t - 1] - n[t];
      if (lost != 0) ll += lost * c.churn[t];
    }
    if (n.back() != 0) ll += n.back() * c.survival[n.size() - 1];
  }
  return ll;
}

std::string CohortName(size_t i) { return "cohort " + std::to_string(i + 1); }

void Reject(const std::string& why) { throw std::invalid_argument("sBG fit: " + why); }

void ValidateCohort(const SurvivorCounts& n, size_t index) {
  if (n.empty()) Reject(CohortName(index) + " is empty");
  for (size_t t = 0; t < n.size(); ++t) {
    if (!std::isfinite(n[t]) || n[t] < 0)
      Reject(CohortName(index) + " has a negative or non-finite count at period " +
             std::to_string(t) + " (" + Number(n[t]) + ")");
    if (t > 0 && n[t] > n[t - 1])
      Reject(CohortName(index) + " has survivors increasing from " + Number(n[t - 1]) +
             " at period " + std::to_string(t - 1) + " to " + Number(n[t]) + " at period " +
             std::to_string(t));
  }
  if (n[0] == 0) Reject(CohortName(index) + " has no customers");
}

// The data-level reasons the model cannot be identified; the fit checks the rest. Two
// renewal periods are the least that separates alpha from beta: one period shows only
// r(1) = beta / (alpha + beta).
void ValidateCohorts(const std::vector<SurvivorCounts>& cohorts) {
  if (cohorts.empty()) Reject("no cohorts");
  bool two_periods = false;
  double survived_first = 0, at_risk_second = 0, churned = 0;
  for (size_t i = 0; i < cohorts.size(); ++i) {
    const SurvivorCounts& n = cohorts[i];
    ValidateCohort(n, i);
    if (n.size() >= 2) survived_first += n[1], churned += n[0] - n.back();
    if (n.size() >= 3) two_periods = true, at_risk_second += n[1];
  }
  if (!two_periods)
    Reject("only one period observed: alpha and beta need a cohort with survivor counts for "
           "periods 0, 1 and 2");
  if (survived_first == 0)
    Reject("everyone churned in period 1, so nothing tells how retention changes with tenure");
  if (at_risk_second == 0)
    Reject("no cohort observed for two periods kept a customer past period 1, so only the "
           "first period's retention is known");
  if (churned == 0) Reject("nobody churned, so the churn probability cannot be estimated");
}

// The log-likelihood of the homogeneous geometric model at its maximum (theta = churns per
// customer-period at risk): the limit of the sBG as alpha, beta -> infinity.
double GeometricLogLikelihood(const std::vector<SurvivorCounts>& cohorts) {
  double churned = 0, exposure = 0;
  for (const SurvivorCounts& n : cohorts)
    for (size_t t = 1; t < n.size(); ++t) churned += n[t - 1] - n[t], exposure += n[t - 1];
  const double theta = churned / exposure, kept = exposure - churned;
  return churned * PortableLog(theta) + (kept > 0 ? kept * PortableLog1p(-theta) : 0.0);
}

// Solves r(1), r(2) of the pooled cohorts for (alpha, beta): a start that is usually close
// to the optimum. None when retention does not rise, which the sBG cannot fit inside.
std::vector<std::vector<double>> MomentStart(const std::vector<SurvivorCounts>& cohorts) {
  double n0 = 0, n1 = 0, m1 = 0, m2 = 0;  // n: cohorts seen 1 period, m: seen 2
  for (const SurvivorCounts& n : cohorts) {
    if (n.size() >= 2) n0 += n[0], n1 += n[1];
    if (n.size() >= 3) m1 += n[1], m2 += n[2];
  }
  if (n0 <= 0 || m1 <= 0) return {};
  const double r1 = n1 / n0, r2 = m2 / m1;
  if (!(r1 > 0 && r1 < 1 && r2 > r1 && r2 < 1)) return {};
  const double sum = (1 - r2) / (r2 - r1);  // alpha + beta
  const double alpha = (1 - r1) * sum, beta = r1 * sum;
  if (!(alpha > kEdgeLow && beta > kEdgeLow && alpha < kEdgeHigh && beta < kEdgeHigh)) return {};
  return {{PortableLog(alpha), PortableLog(beta)}};
}

std::vector<std::vector<double>> Starts(const std::vector<SurvivorCounts>& cohorts) {
  std::vector<std::vector<double>> starts = MomentStart(cohorts);
  // Fixed log-parameter starts covering U-shaped (alpha, beta < 1), bell-shaped and
  // high-retention (beta >> alpha) mixing distributions.
  for (const auto& s : std::vector<std::vector<double>>{{0, 0}, {-1, -0.5}, {0.5, 2}, {1.5, 1}})
    starts.push_back(s);
  return starts;
}

}  // namespace

double SbgChurnProbability(const SbgParams& p, int t) {
  RequireParams(p);
  if (t < 1)
    throw std::invalid_argument("sBG: P(T = t) needs t >= 1 (got " + std::to_string(t) + ")");
  // P(T = t) = S(t - 1) (1 - r(t)), with 1 - r(t) = alpha / (alpha + beta + t - 1) exactly.
  return SbgSurvival(p, t - 1) * p.alpha / (p.alpha + p.beta + t - 1);
}

double SbgSurvival(const SbgParams& p, int t) {
  RequireParams(p);
  if (t < 0) throw std::invalid_argument("sBG: S(t) needs t >= 0 (got " + std::to_string(t) + ")");
  double s = 1;
  for (int k = 1; k <= t; ++k) s *= Retention(p, k);
  return s;
}

std::vector<double> SbgSurvivalCurve(const SbgParams& p, int horizon) {
  RequireParams(p);
  if (horizon < 0) throw std::invalid_argument("sBG: the horizon must be >= 0");
  std::vector<double> s(size_t(horizon) + 1, 1.0);
  for (int t = 1; t <= horizon; ++t) s[size_t(t)] = s[size_t(t) - 1] * Retention(p, t);
  return s;
}

double SbgRetention(const SbgParams& p, int t) {
  RequireParams(p);
  if (t < 1) throw std::invalid_argument("sBG: r(t) needs t >= 1 (got " + std::to_string(t) + ")");
  return Retention(p, t);
}

std::vector<double> SbgRetentionCurve(const SbgParams& p, int horizon) {
  RequireParams(p);
  if (horizon < 0) throw std::invalid_argument("sBG: the horizon must be >= 0");
  std::vector<double> r(static_cast<size_t>(horizon));
  for (int t = 1; t <= horizon; ++t) r[size_t(t) - 1] = Retention(p, t);
  return r;
}

double SbgLogLikelihood(const SbgParams& p, const std::vector<SurvivorCounts>& cohorts) {
  RequireParams(p);
  return LogLikelihood(p, cohorts);
}

SbgFit FitSbg(const std::vector<SurvivorCounts>& cohorts) {
  ValidateCohorts(cohorts);
  // Log-parameters keep the search inside alpha, beta > 0 without constraints.
  const Objective nll_log = [&](const std::vector<double>& x) {
    return -LogLikelihood({PortableExp(x[0]), PortableExp(x[1])}, cohorts);
  };
  const OptimizeResult best = MinimizeMultiStart(nll_log, Starts(cohorts));
  RequireConverged(best, "sBG");
  SbgFit fit;
  fit.params = {PortableExp(best.params[0]), PortableExp(best.params[1])};
  const SbgParams& p = fit.params;
  // Past the geometric limit's likelihood (up to rounding) the search was heading for
  // alpha, beta -> infinity however far it got before the gradient became too small.
  const double geometric = GeometricLogLikelihood(cohorts);
  const bool beyond_geometric = -best.value > geometric + 1e-12 * (1 + std::fabs(geometric));
  if (p.alpha <= kEdgeLow || p.beta <= kEdgeLow)
    Reject("the likelihood is maximised at the edge alpha, beta -> 0 (reached alpha=" +
           Number(p.alpha) + ", beta=" + Number(p.beta) +
           "): a share of customers leaving at once and the rest never, as when hardly anyone "
           "churns after period 1");
  if (p.alpha >= kEdgeHigh || p.beta >= kEdgeHigh || !beyond_geometric)
    Reject("the likelihood is maximised at the edge alpha, beta -> infinity (reached alpha=" +
           Number(p.alpha) + ", beta=" + Number(p.beta) +
           "): retention does not rise with tenure, so there is no heterogeneity to estimate "
           "and a constant churn rate fits at least as well");
  fit.log_likelihood = -best.value;
  fit.converged = best.converged;
  fit.iterations = best.iterations;
  // Standard errors in the natural parameters, as reported.
  const Objective nll = [&](const std::vector<double>& x) {
    if (!(x[0] > 0 && x[1] > 0)) return kInf;
    return -LogLikelihood({x[0], x[1]}, cohorts);
  };
  const std::vector<double> se = StandardErrors(nll, {p.alpha, p.beta});
  fit.se_alpha = se[0];
  fit.se_beta = se[1];
  return fit;
}

SbgFit FitSbg(const SurvivorCounts& survivors) {
  return FitSbg(std::vector<SurvivorCounts>{survivors});
}

double SbgDiscountedExpectedLifetime(const SbgParams& p, double d) {
  RequireParams(p);
  RequireDiscount(d);
  return Hypergeometric2F1(1, p.beta, p.alpha + p.beta, 1 / (1 + d));
}

double SbgDiscountedExpectedResidualLifetime(const SbgParams& p, double d, int n) {
  RequireParams(p);
  RequireDiscount(d);
  RequireRenewal(n);
  return Retention(p, n) * Hypergeometric2F1(1, p.beta + n, p.alpha + p.beta + n, 1 / (1 + d));
}

double SbgDerlBySummation(const SbgParams& p, double d, int n) {
  RequireParams(p);
  RequireDiscount(d);
  RequireRenewal(n);
  const double z = 1 / (1 + d);
  // term_k = S(n + k) / S(n - 1) z^k; successive ratios r(n + k + 1) z are below z, so the
  // tail after a term is at most term * z / (1 - z).
  double term = Retention(p, n), sum = term;
  constexpr long kMaxTerms = 100000000;
  for (long k = 1; k < kMaxTerms; ++k) {
    if (term * z <= 1e-17 * sum * (1 - z)) return sum;
    term *= Retention(p, int(n + k)) * z;
    sum += term;
  }
  throw std::runtime_error("sBG: the DERL series did not converge (d = " + Number(d) +
                           " is too small)");
}

double SbgExpectedLifetimeValue(const SbgParams& p, double margin, double d) {
  return margin * SbgDiscountedExpectedLifetime(p, d);
}

double SbgResidualLifetimeValue(const SbgParams& p, double margin, double d, int n) {
  return margin * SbgDiscountedExpectedResidualLifetime(p, d, n);
}

double SbgActiveBaseValue(const SbgParams& p, const std::vector<double>& active_by_renewals,
                          double margin, double d) {
  RequireParams(p);
  RequireDiscount(d);
  double customers_weighted = 0;  // sum of active x DERL; the margin multiplies once
  for (size_t k = 0; k < active_by_renewals.size(); ++k) {
    const double active = active_by_renewals[k];
    if (!std::isfinite(active) || active < 0)
      throw std::invalid_argument("sBG: active customers with " + std::to_string(k) +
                                  " renewals must be non-negative and finite");
    if (active > 0)
      customers_weighted += active * SbgDiscountedExpectedResidualLifetime(p, d, int(k) + 1);
  }
  return margin * customers_weighted;
}

}  // namespace csm
