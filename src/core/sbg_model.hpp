// SPDX-License-Identifier: MIT
#pragma once
#include <vector>

namespace csm {

// Shifted-beta-geometric (sBG) model of contractual retention: Fader & Hardie (2007), "How
// to Project Customer Retention", Journal of Interactive Marketing 21(1). Each customer
// churns at the end of each period with a fixed probability theta (geometric lifetime);
// theta varies across customers as Beta(alpha, beta). Heterogeneity is what makes
// aggregate retention rise with tenure: the churn-prone leave first.

/// Every function below throws std::invalid_argument when alpha or beta is not positive and
/// finite, or when a period, n or d is outside its documented range.
struct SbgParams {
  double alpha = 1;
  double beta = 1;
};

/// One cohort's survivors: survivors[0] = n0 customers acquired, survivors[t] = still
/// active after t periods. Non-increasing, non-negative; counts may be fractional (weights).
using SurvivorCounts = std::vector<double>;

struct SbgFit {
  SbgParams params;
  double se_alpha = 0;  ///< from the inverse observed information; NaN if not available
  double se_beta = 0;
  double log_likelihood = 0;
  bool converged = false;
  int iterations = 0;
};

/// P(T = t) for t >= 1: the probability that a new customer churns in period t.
double SbgChurnProbability(const SbgParams& p, int t);
/// S(t) = P(T > t), t >= 0: share of a cohort still active after t periods.
double SbgSurvival(const SbgParams& p, int t);
/// S(0..horizon).
std::vector<double> SbgSurvivalCurve(const SbgParams& p, int horizon);
/// r(t) = S(t) / S(t-1) = (beta + t - 1) / (alpha + beta + t - 1), t >= 1.
double SbgRetention(const SbgParams& p, int t);
/// r(1..horizon) (element 0 is r(1)).
std::vector<double> SbgRetentionCurve(const SbgParams& p, int horizon);

/// sum_t (n_{t-1} - n_t) ln P(t) + n_T ln S(T), summed over the cohorts.
double SbgLogLikelihood(const SbgParams& p, const std::vector<SurvivorCounts>& cohorts);

/// Maximum-likelihood fit of alpha and beta (optimised as log-parameters from several
/// starts: fixed ones and one matched to the pooled r(1) and r(2)). Standard errors are in
/// alpha and beta themselves. Throws std::invalid_argument with the reason when the data
/// are malformed or cannot identify the model: no cohorts, a cohort that is empty, has no
/// customers, a negative or non-finite count or increasing counts, no cohort observed for
/// two periods (counts for periods 0, 1 and 2: one period shows only the ratio
/// beta / (alpha + beta)), everyone churned in period 1, nobody churned at all, or an
/// optimum at the edge of the parameter space: retention that does not rise with tenure,
/// which the sBG can only approach as alpha, beta -> infinity (the geometric model fits at
/// least as well), or no churn after period 1, approached as alpha, beta -> 0.
SbgFit FitSbg(const std::vector<SurvivorCounts>& cohorts);
SbgFit FitSbg(const SurvivorCounts& survivors);

/// Discounted expected lifetime of a just-acquired customer, counting the payment at
/// acquisition undiscounted: DEL(d) = sum_{t>=0} S(t) / (1+d)^t
///                                  = 2F1(1, beta; alpha + beta; 1/(1+d)).
/// Fader & Hardie (2010), "Customer-Base Valuation in a Contractual Setting: The Perils of
/// Ignoring Heterogeneity", Marketing Science 29(1). Needs d > 0.
double SbgDiscountedExpectedLifetime(const SbgParams& p, double d);

/// Discounted expected residual lifetime (Fader & Hardie 2010, eq. for DERL): the expected
/// number of further payments, discounted, of a customer who is still active at the end of
/// period n - 1 (has made n - 1 renewals, counting the acquisition period as the first) and
/// is about to make the n-th renewal decision, n >= 1:
///   DERL(d | alpha, beta, n) = sum_{t>=n} S(t) / S(n-1) / (1+d)^(t-n)
///     = (beta + n - 1) / (alpha + beta + n - 1) * 2F1(1, beta + n; alpha + beta + n; 1/(1+d)).
/// The first renewal payment (at t = n) is undiscounted, as in the paper. Needs d > 0.
double SbgDiscountedExpectedResidualLifetime(const SbgParams& p, double d, int n);

/// The same quantity by summing the series term by term (to 1e-15 relative): slower, for
/// checking the closed form.
double SbgDerlBySummation(const SbgParams& p, double d, int n);

/// Expected lifetime value of a just-acquired customer who pays `margin` (margin-adjusted
/// revenue) at the start of every period while active: margin * DEL(d).
double SbgExpectedLifetimeValue(const SbgParams& p, double margin, double d);

/// Expected residual value of an active customer about to make the n-th renewal decision
/// (n - 1 renewals made): margin * DERL(d | alpha, beta, n).
double SbgResidualLifetimeValue(const SbgParams& p, double margin, double d, int n);

/// Value of the active base (Fader & Hardie 2010): active_by_renewals[k] customers have
/// made k renewals and are about to make renewal k + 1, so the base is worth
/// sum_k active_by_renewals[k] * margin * DERL(d | alpha, beta, k + 1). Counts must be
/// non-negative and finite.
double SbgActiveBaseValue(const SbgParams& p, const std::vector<double>& active_by_renewals,
                          double margin, double d);

}  // namespace csm
