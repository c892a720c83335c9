// SPDX-License-Identifier: MIT
#include "core/optimizer.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace csm {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// NaN counts as infinite: a gradient that could not be computed must not pass for zero.
double MaxAbs(const std::vector<double>& v) {
  double m = 0;
  for (double x : v) {
    if (std::isnan(x)) return kInf;
    m = std::fabs(x) > m ? std::fabs(x) : m;
  }
  return m;
}

bool AllFinite(const std::vector<double>& v) {
  for (double x : v)
    if (!std::isfinite(x)) return false;
  return true;
}

double Dot(const std::vector<double>& a, const std::vector<double>& b) {
  double s = 0;
  for (size_t i = 0; i < a.size(); ++i) s += a[i] * b[i];
  return s;
}

using Matrix = std::vector<std::vector<double>>;

Matrix Identity(size_t n) {
  Matrix m(n, std::vector<double>(n, 0.0));
  for (size_t i = 0; i < n; ++i) m[i][i] = 1;
  return m;
}

}  // namespace

void RequireConverged(const OptimizeResult& result, const char* model) {
  if (!result.converged)
    throw std::invalid_argument(std::string(model) +
                                " fit: the likelihood has no clear maximum (the search did not converge); "
                                "the data cannot identify the model, typically too few customers");
}

std::vector<double> NumericalGradient(const Objective& f, const std::vector<double>& x, double step) {
  std::vector<double> g(x.size()), probe = x;
  double centre = std::numeric_limits<double>::quiet_NaN();  // f(x), only if needed
  for (size_t i = 0; i < x.size(); ++i) {
    const double h = step * (std::fabs(x[i]) > 1 ? std::fabs(x[i]) : 1.0);
    probe[i] = x[i] + h;
    const double up = f(probe);
    probe[i] = x[i] - h;
    const double down = f(probe);
    probe[i] = x[i];
    // (x + h) - (x - h) is the step actually taken after rounding, not 2h.
    g[i] = (up - down) / ((x[i] + h) - (x[i] - h));
    if (std::isfinite(up) == std::isfinite(down)) continue;
    // Within h of the edge of f's domain one side is undefined, and the central difference
    // (+-inf) would send the line search to NaN: a one-sided difference still points inwards.
    if (std::isnan(centre)) centre = f(x);
    g[i] = std::isfinite(up) ? (up - centre) / ((x[i] + h) - x[i])
                             : (centre - down) / (x[i] - (x[i] - h));
  }
  return g;
}

OptimizeResult MinimizeBfgs(const Objective& f, std::vector<double> x, const OptimizeOptions& options) {
  OptimizeResult result;
  const size_t n = x.size();
  // NaN compares false with everything, which would let the line search accept it.
  const Objective guarded = [&](const std::vector<double>& v) {
    ++result.evaluations;
    const double value = f(v);
    return std::isnan(value) ? kInf : value;
  };
  double fx = guarded(x);
  if (!std::isfinite(fx) || n == 0) {
    result.params = x;
    result.value = fx;
    result.converged = n == 0 && std::isfinite(fx);
    return result;
  }
  std::vector<double> g = NumericalGradient(guarded, x, options.gradient_step);
  Matrix h = Identity(n);  // inverse-Hessian approximation
  bool h_is_identity = true, h_scaled = false;
  const auto small_gradient = [&](double factor) {
    return MaxAbs(g) <= factor * options.gradient_tolerance * (1 + std::fabs(fx));
  };

  std::vector<double> p(n), xn(n), s(n), y(n), hy(n);
  bool precision_limit = false;
  for (; result.iterations < options.max_iterations; ++result.iterations) {
    if (small_gradient(1)) break;
    if (!AllFinite(g)) break;  // f undefined on both sides of x: no direction to follow
    for (size_t i = 0; i < n; ++i) {
      p[i] = 0;
      for (size_t j = 0; j < n; ++j) p[i] -= h[i][j] * g[j];
    }
    double slope = Dot(g, p);
    if (!(slope < 0)) {  // the approximation lost positive definiteness: steepest descent
      h = Identity(n);
      h_is_identity = true;
      for (size_t i = 0; i < n; ++i) p[i] = -g[i];
      slope = Dot(g, p);
    }
    const double longest = MaxAbs(p);
    double t = longest > options.max_step ? options.max_step / longest : 1.0;
    double fn = kInf;
    bool accepted = false;
    for (int tries = 0; tries < 60; ++tries) {
      for (size_t i = 0; i < n; ++i) xn[i] = x[i] + t * p[i];
      fn = guarded(xn);
      if (fn <= fx + 1e-4 * t * slope) {
        accepted = true;
        break;
      }
      // Minimiser of the quadratic through f(x), f'(x) and f(x + t p), kept within
      // [0.1 t, 0.5 t] so a wild interpolation can neither stall nor overshoot.
      double next = 0.5 * t;
      if (std::isfinite(fn)) {
        const double q = -slope * t * t / (2 * (fn - fx - slope * t));
        if (q > 0.1 * t && q < 0.5 * t) next = q;
        else if (q <= 0.1 * t) next = 0.1 * t;
      }
      t = next;
    }
    if (!accepted) {
      if (!h_is_identity) {  // a stale curvature model can point badly: retry from scratch
        h = Identity(n);
        h_is_identity = true;
        h_scaled = false;
        continue;
      }
      precision_limit = true;  // no decrease along steepest descent: f's rounding floor
      break;
    }
    std::vector<double> gn = NumericalGradient(guarded, xn, options.gradient_step);
    for (size_t i = 0; i < n; ++i) s[i] = xn[i] - x[i], y[i] = gn[i] - g[i];
    const double sy = Dot(s, y), yy = Dot(y, y), ss = Dot(s, s);
    if (sy > 1e-12 * std::sqrt(ss * yy)) {
      if (!h_scaled) {  // Shanno-Phua: start from the curvature just observed, not from 1
        h = Identity(n);
        for (size_t i = 0; i < n; ++i) h[i][i] = sy / yy;
        h_scaled = true;
      }
      // H <- (I - rho s y') H (I - rho y s') + rho s s', expanded.
      const double rho = 1 / sy;
      for (size_t i = 0; i < n; ++i) {
        hy[i] = 0;
        for (size_t j = 0; j < n; ++j) hy[i] += h[i][j] * y[j];
      }
      const double yhy = Dot(y, hy);
      for (size_t i = 0; i < n; ++i)
        for (size_t j = 0; j < n; ++j)
          h[i][j] += -rho * (hy[i] * s[j] + s[i] * hy[j]) + (rho * rho * yhy + rho) * s[i] * s[j];
      h_is_identity = false;
    }
    const double previous = fx;
    x = xn;
    fx = fn;
    g = std::move(gn);
    // A step that changes f by less than its rounding is as far as double precision goes.
    if (previous - fx <= 1e-15 * std::fabs(fx) && MaxAbs(s) <= 1e-10 * (1 + MaxAbs(x))) {
      precision_limit = true;
      ++result.iterations;
      break;
    }
  }
  result.params = x;
  result.value = fx;
  // At the rounding floor the numerical gradient is noise of order eps |f| / h; accept a
  // gradient 100 times the tolerance there rather than report a good optimum as failed.
  result.converged = small_gradient(precision_limit ? 100 : 1);
  return result;
}

OptimizeResult MinimizeMultiStart(const Objective& f, const std::vector<std::vector<double>>& starts,
                                  const OptimizeOptions& options) {
  if (starts.empty()) throw std::invalid_argument("MinimizeMultiStart needs at least one start");
  OptimizeResult best;
  int evaluations = 0;
  for (size_t i = 0; i < starts.size(); ++i) {
    OptimizeResult r = MinimizeBfgs(f, starts[i], options);
    evaluations += r.evaluations;
    r.start_index = int(i);
    const bool better = i == 0 || (r.value < best.value) ||
                        (std::isnan(best.value) && !std::isnan(r.value));
    if (better) best = std::move(r);
  }
  best.evaluations = evaluations;
  return best;
}

std::vector<std::vector<double>> NumericalHessian(const Objective& f, const std::vector<double>& x,
                                                  double relative_step) {
  const size_t n = x.size();
  std::vector<double> h(n), probe = x;
  for (size_t i = 0; i < n; ++i) {
    const double scale = std::fabs(x[i]) > 1e-8 ? std::fabs(x[i]) : 1e-8;
    h[i] = (x[i] + relative_step * scale) - x[i];  // a step exactly representable as taken
  }
  const double f0 = f(x);
  Matrix hess(n, std::vector<double>(n, 0.0));
  for (size_t i = 0; i < n; ++i) {
    probe[i] = x[i] + h[i];
    const double up = f(probe);
    probe[i] = x[i] - h[i];
    const double down = f(probe);
    probe[i] = x[i];
    hess[i][i] = (up - 2 * f0 + down) / (h[i] * h[i]);
    for (size_t j = 0; j < i; ++j) {
      double corners[4];
      int k = 0;
      for (double si : {1.0, -1.0})
        for (double sj : {1.0, -1.0}) {
          probe[i] = x[i] + si * h[i];
          probe[j] = x[j] + sj * h[j];
          corners[k++] = f(probe);
        }
      probe[i] = x[i];
      probe[j] = x[j];
      hess[i][j] = hess[j][i] = (corners[0] - corners[1] - corners[2] + corners[3]) / (4 * h[i] * h[j]);
    }
  }
  return hess;
}

std::vector<std::vector<double>> InvertSymmetricPositiveDefinite(const std::vector<std::vector<double>>& m) {
  const size_t n = m.size();
  Matrix l(n, std::vector<double>(n, 0.0));
  for (size_t j = 0; j < n; ++j) {
    double d = m[j][j];
    for (size_t k = 0; k < j; ++k) d -= l[j][k] * l[j][k];
    if (!(d > 0) || !std::isfinite(d)) return {};
    l[j][j] = std::sqrt(d);
    for (size_t i = j + 1; i < n; ++i) {
      double v = m[i][j];
      for (size_t k = 0; k < j; ++k) v -= l[i][k] * l[j][k];
      l[i][j] = v / l[j][j];
    }
  }
  // inverse(L) by forward substitution, then inverse(M) = inverse(L)' inverse(L).
  Matrix li(n, std::vector<double>(n, 0.0));
  for (size_t c = 0; c < n; ++c) {
    li[c][c] = 1 / l[c][c];
    for (size_t i = c + 1; i < n; ++i) {
      double v = 0;
      for (size_t k = c; k < i; ++k) v -= l[i][k] * li[k][c];
      li[i][c] = v / l[i][i];
    }
  }
  Matrix inv(n, std::vector<double>(n, 0.0));
  for (size_t i = 0; i < n; ++i)
    for (size_t j = 0; j <= i; ++j) {
      double v = 0;
      for (size_t k = i; k < n; ++k) v += li[k][i] * li[k][j];
      inv[i][j] = inv[j][i] = v;
    }
  return inv;
}

std::vector<double> StandardErrors(const Objective& nll, const std::vector<double>& mle) {
  const Matrix cov = InvertSymmetricPositiveDefinite(NumericalHessian(nll, mle));
  std::vector<double> se(mle.size(), std::numeric_limits<double>::quiet_NaN());
  if (cov.empty()) return se;
  for (size_t i = 0; i < mle.size(); ++i)
    if (cov[i][i] > 0) se[i] = std::sqrt(cov[i][i]);
  return se;
}

}  // namespace csm
