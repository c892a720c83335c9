// SPDX-License-Identifier: MIT
#pragma once
#include <functional>
#include <vector>

namespace csm {

/// A function to minimise: R^n -> R. May return +inf or NaN where it is undefined (the
/// line search then backs off), so callers need not clamp their parameters.
using Objective = std::function<double(const std::vector<double>&)>;

struct OptimizeOptions {
  int max_iterations = 1000;
  /// Converged when every gradient component is below gradient_tolerance * (1 + |f|):
  /// relative, because a log-likelihood over 20,000 customers is 100 times larger than one
  /// over 200 and so is the noise of its numerical gradient.
  double gradient_tolerance = 1e-9;
  /// Step of the central-difference gradient, relative to max(1, |x_i|).
  double gradient_step = 1e-5;
  /// Largest change of any coordinate in one line-search step: keeps a log-parameter
  /// from jumping to exp(+-50) where the likelihood is flat and the search would stall.
  double max_step = 5.0;
};

struct OptimizeResult {
  std::vector<double> params;
  double value = 0;
  bool converged = false;
  int iterations = 0;
  int evaluations = 0;
  int start_index = 0;  ///< which starting point gave the best result (multi-start only)
};

/// BFGS with central-difference gradients and a backtracking (Armijo) line search.
/// Deterministic: the same inputs give the same bits on every IEEE-754 platform.
OptimizeResult MinimizeBfgs(const Objective& f, std::vector<double> start,
                            const OptimizeOptions& options = {});

/// MinimizeBfgs from each starting point; keeps the lowest value (the first on ties), so a
/// likelihood with a poor local optimum or a flat region near one start still fits.
/// Throws std::invalid_argument if starts is empty.
OptimizeResult MinimizeMultiStart(const Objective& f,
                                  const std::vector<std::vector<double>>& starts,
                                  const OptimizeOptions& options = {});

/// For the model fits: a search that ends without a vanishing gradient (and short of the
/// edge, which each model checks in its own words) has wandered along a flat ridge, e.g.
/// a handful of customers: throws std::invalid_argument("<model> fit: ...") saying the data
/// cannot identify the model, rather than report a point on the ridge as an estimate.
void RequireConverged(const OptimizeResult& result, const char* model);

/// Central-difference gradient with step h_i = step * max(1, |x_i|); one-sided where f is
/// not finite on the other side (x within h of the edge of f's domain).
std::vector<double> NumericalGradient(const Objective& f, const std::vector<double>& x,
                                      double step = 1e-5);

/// Central-difference Hessian with steps h_i = relative_step * max(|x_i|, 1e-8): relative,
/// because it is meant for natural-scale parameters (a Gamma shape of 0.24 and a scale of 40
/// in the same model).
std::vector<std::vector<double>> NumericalHessian(const Objective& f, const std::vector<double>& x,
                                                  double relative_step = 1e-4);

/// Inverse of a symmetric positive-definite matrix (Cholesky). Returns an empty matrix if
/// the matrix is not positive definite, i.e. the point is not a strict local minimum.
std::vector<std::vector<double>> InvertSymmetricPositiveDefinite(
    const std::vector<std::vector<double>>& m);

/// Standard errors of maximum-likelihood estimates: the square roots of the diagonal of
/// the inverse observed information (the Hessian of the negative log-likelihood `nll`,
/// evaluated at the estimate `mle`, in the same parameters `nll` takes). NaN entries when
/// the Hessian is not positive definite.
std::vector<double> StandardErrors(const Objective& nll, const std::vector<double>& mle);

}  // namespace csm
