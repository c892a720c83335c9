// SPDX-License-Identifier: MIT
#pragma once
#include <span>

#include "core/bgnbd_model.hpp"
#include "core/rfm_summary.hpp"

namespace csm {

// Gamma-Gamma model of spend per transaction: Fader, Hardie & Lee (2005), "RFM and CLV:
// Using Iso-Value Curves for Customer Base Analysis", Journal of Marketing Research 42(4),
// following Colombo & Jiang (1999). A customer's transaction values are Gamma(p, nu) (nu a
// rate); nu varies across customers as Gamma(q, gamma). Spend is assumed independent of
// the purchase process, so it combines with the BG/NBD into a customer lifetime value.
// Only repeat transactions count (zbar of CustomerRfm), so only customers with x > 0 inform
// the fit.

struct GammaGammaParams {
  double p = 1;
  double q = 1;
  double gamma = 1;
};

struct GammaGammaFit {
  GammaGammaParams params;
  /// Standard errors from the inverse observed information; NaN if not available.
  double se_p = 0, se_q = 0, se_gamma = 0;
  /// Of the mean zbar (as GammaGammaLogLikelihood). The paper reports the likelihood of
  /// the sum x zbar instead, which is lower by sum ln x over the repeat buyers.
  double log_likelihood = 0;
  int repeat_buyers = 0;           ///< customers the fit used: x > 0 and zbar > 0
  int excluded_repeat_buyers = 0;  ///< x > 0 but zbar <= 0 (free or refunded purchases)
  bool converged = false;
  int iterations = 0;
};

/// sum over customers with x > 0 of the log density of their mean spend zbar:
///   ln[ Gamma(px+q) / (Gamma(px) Gamma(q)) gamma^q x^(px) zbar^(px-1) / (gamma + x zbar)^(px+q) ].
/// Customers with x = 0 contribute nothing, nor do repeat buyers with zbar <= 0 (free or
/// refunded purchases, which a Gamma density cannot produce; the fit reports how many).
/// Throws std::invalid_argument for parameters that are not positive and finite, x < 0, or
/// a zbar that is not finite.
double GammaGammaLogLikelihood(const GammaGammaParams& params,
                               std::span<const CustomerRfm> customers);

/// Maximum-likelihood fit of p, q, gamma on the repeat buyers, optimised as log-parameters
/// from several starts scaled to the mean spend. Throws std::invalid_argument with the
/// reason when there are no repeat buyers with zbar > 0, a zbar is not finite, every zbar
/// is the same (no spread to attribute to either Gamma), or the optimum lies at the edge of
/// the parameter space.
GammaGammaFit FitGammaGamma(std::span<const CustomerRfm> customers);

/// E[Z | x, zbar] = p (gamma + x zbar) / (px + q - 1): a weighted mean of the population
/// mean p gamma / (q - 1) and the customer's own zbar, the latter weighing more as x grows.
/// For x = 0 it is the population mean, which needs q > 1. Throws std::invalid_argument
/// when the expectation does not exist (px + q <= 1) or for x < 0 or a negative zbar.
double GammaGammaConditionalExpectedSpend(const GammaGammaParams& params, int x, double zbar);

struct ClvOptions {
  /// One period in the time unit of the BG/NBD data (a 30-day month is 30 / 7 weeks); must
  /// be set.
  double period_length = 0;
  int periods = 12;             ///< the horizon, in periods
  double discount_rate = 0.01;  ///< per period
  double margin = 1;            ///< share of spend that is profit
};

/// Customer lifetime value over a finite horizon:
///   margin * E[Z | x, zbar] * BgnbdDiscountedExpectedTransactions(...),
/// i.e. each period's expected transactions (BG/NBD, conditional on x, t_x, T) times the
/// expected spend per transaction (Gamma-Gamma), discounted to now by the period's end.
/// See bgnbd_model.hpp for why a summed finite horizon rather than the JMR paper's
/// closed-form DET (which belongs to the Pareto/NBD).
double CustomerLifetimeValue(const BgnbdParams& purchases, const GammaGammaParams& spend,
                             const CustomerRfm& customer, const ClvOptions& options);

}  // namespace csm
