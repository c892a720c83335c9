// SPDX-License-Identifier: MIT
#pragma once
#include <span>

#include "core/rfm_summary.hpp"

namespace csm {

// Beta-geometric/NBD (BG/NBD) model of repeat purchasing in a non-contractual setting:
// Fader, Hardie & Lee (2005), "'Counting Your Customers' the Easy Way: An Alternative to the
// Pareto/NBD Model", Marketing Science 24(2). While alive, a customer buys as a Poisson
// process with rate lambda ~ Gamma(r, alpha) (alpha a rate, in the time unit of the data);
// after each purchase they drop out for good with probability p ~ Beta(a, b). Nobody tells
// us they left, so "alive" is only ever a probability.
//
// Data are the RFM summary (x, t_x, T) of each customer (see rfm_summary.hpp); the time
// unit of t_x and T is the time unit of alpha and of every horizon t below.

struct BgnbdParams {
  double r = 1;
  double alpha = 1;
  double a = 1;
  double b = 1;
};

struct BgnbdFit {
  BgnbdParams params;
  /// Standard errors from the inverse observed information; NaN if not available.
  double se_r = 0, se_alpha = 0, se_a = 0, se_b = 0;
  double log_likelihood = 0;
  bool converged = false;
  int iterations = 0;
};

/// The paper's log-likelihood (eq. 6) summed over the customers: for each,
///   ln[ B(a, b+x) / B(a, b) * Gamma(r+x) alpha^r / Gamma(r)
///       * ((alpha+T)^-(r+x) + [x > 0] a / (b+x-1) (alpha+t_x)^-(r+x)) ].
/// Throws std::invalid_argument for parameters that are not positive and finite or for a
/// customer with x < 0 or not 0 <= t_x <= T (t_x is ignored when x = 0).
double BgnbdLogLikelihood(const BgnbdParams& params, std::span<const CustomerRfm> customers);

/// Maximum-likelihood fit of r, alpha, a, b, optimised as log-parameters from several
/// starts scaled to the data's purchase rate. Throws std::invalid_argument with the reason
/// when the data are malformed (as above) or cannot identify the model: no customers, no
/// repeat purchases at all (the purchase rate and dropout are then inseparable), or an
/// optimum at the edge of the parameter space.
BgnbdFit FitBgnbd(std::span<const CustomerRfm> customers);

/// E[X(t)]: expected purchases of a new customer in (0, t] after the first (eq. 7):
///   (a+b-1)/(a-1) [1 - (alpha/(alpha+t))^r 2F1(r, b; a+b-1; t/(alpha+t))],
/// evaluated in a form that stays accurate at a = 1 (a removable singularity), for
/// a + b <= 1 (where 2F1's c <= 0) and for small t.
double BgnbdExpectedPurchases(const BgnbdParams& params, double t);

/// E[Y(t) | x, t_x, T]: expected purchases in the next t time units of a customer with
/// history (x, t_x, T) (eq. 10). Throws std::runtime_error if t is so long relative to
/// alpha + T (beyond about 25,000 times) that the series does not converge, or if extreme
/// parameters make the value overflow (E[X(t)] likewise).
double BgnbdConditionalExpectedPurchases(const BgnbdParams& params, int x, double t_x, double T,
                                         double t);

/// P(alive | x, t_x, T) (Fader, Hardie & Lee 2008, "Computing P(alive) Using the BG/NBD
/// Model", technical note):
///   1 / (1 + [x > 0] a / (b+x-1) ((alpha+T)/(alpha+t_x))^(r+x)).
/// 1 when x = 0: a customer can only drop out right after a repeat purchase.
double BgnbdProbabilityAlive(const BgnbdParams& params, int x, double t_x, double T);

/// Discounted expected transactions over the next `periods` periods of `period_length`
/// time units each (e.g. months: 30 / 7 weeks), with a per-period discount rate d:
///   sum_{m=1..periods} (E[Y(m L)] - E[Y((m-1) L)]) / (1+d)^m,
/// i.e. each period's conditional expected purchases, discounted from the period's end.
/// A finite horizon by summation rather than the closed form of Fader, Hardie & Lee
/// (2005, JMR), which is derived for the Pareto/NBD (continuous discounting over an
/// infinite horizon) and has no BG/NBD counterpart as simple; this is also what the
/// lifetimes package computes, so the numbers compare.
double BgnbdDiscountedExpectedTransactions(const BgnbdParams& params, int x, double t_x,
                                           double T, double period_length, int periods,
                                           double discount_rate);

}  // namespace csm
