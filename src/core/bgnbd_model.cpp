// SPDX-License-Identifier: MIT
#include "core/bgnbd_model.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>
#include <tuple>
#include <vector>

#include "core/optimizer.hpp"
#include "core/portable_math.hpp"
#include "core/log_product.hpp"
#include "core/special_functions.hpp"

namespace csm {

namespace {


// e^y - 1, accurate for small |y| too (Kahan's trick: the rounding error of u = e^y cancels
// in (u - 1) / ln u).
double Expm1(double y) {
  if (std::fabs(y) > 0.5) return PortableExp(y) - 1;
  const double u = PortableExp(y);
  if (u == 1.0) return y;
  return (u - 1) * y / PortableLog(u);
}

// sum_{n>=0} (a+1)_n (b+1)_n / ((c+1)_n (n+1)!) z^n, so that 2F1(a, b; c; z) = 1 + ab z/c
// times it. Written out rather than taken from Hypergeometric2F1 because the BG/NBD needs
// c = a + b - 1 in (-1, 0] too, and because 2F1 - 1 is what its formulas subtract: forming
// it from 2F1 would cancel away the digits of a short horizon. Needs c > -1 and 0 <= z < 1;
// the first terms change sign when a or b < -1.
double Hypergeometric2F1Excess(double a, double b, double c, double z) {
  // term_{n+1} = term_n z f(n) with f(j) = (a+1+j)(b+1+j) / ((c+1+j)(j+2)) -> 1, and
  // f(j) - 1 = (L j + K) / ((c+1+j)(j+2)) with L = a+b-c-1, K = (a+1)(b+1) - 2(c+1). With
  // c > -1 the denominator exceeds j^2, so every j >= k has f(j) <= 1 + L+/k + K+/k^2.
  // Once the numerator factors are positive (the terms keep one sign from there on), the
  // ratios still to come are at most rho = z (1 + L+/k + K+/k^2) and term rho / (1 - rho)
  // bounds the rest of the series. (The same rigorous stop as Hypergeometric2F1's.)
  const double linear = std::max(a + b - c - 1, 0.0);
  const double constant = std::max((a + 1) * (b + 1) - 2 * (c + 1), 0.0);
  const double one_signed_from = std::max({0.0, -(a + 1), -(b + 1)});
  double sum = 1, term = 1, largest = 1;
  constexpr int kMaxTerms = 1000000;
  for (int n = 0; n < kMaxTerms; ++n) {
    term *= (a + 1 + n) * (b + 1 + n) * z / ((c + 1 + n) * (n + 2.0));
    sum += term;
    largest = std::max(largest, std::fabs(term));
    if (term == 0) return sum;
    const double next = n + 1.0;  // the ratios still to come are z f(next), z f(next + 1), ...
    if (next <= one_signed_from) continue;
    const double rho = z * (1 + linear / next + constant / (next * next));
    // Relative to the largest term, not the sum: with terms of both signs that is the
    // rounding floor of the sum anyway.
    if (rho < 1 && std::fabs(term) * rho <= 0.25e-16 * largest * (1 - rho)) return sum;
  }
  throw std::runtime_error("BG/NBD expectation did not converge: the horizon is too long "
                           "relative to alpha + T (z = " + std::to_string(z) + ")");
}

// (a+b-1)/(a-1) [1 - (alpha/(alpha+t))^r 2F1(r, b; a+b-1; t/(alpha+t))]: E[X(t)] of eq. 7,
// and with (r+x, alpha+T, a, b+x) the numerator of eq. 10.
double ExpectationKernel(double r, double alpha, double a, double b, double t) {
  if (t == 0) return 0;
  const double c = a + b - 1, z = t / (alpha + t), log_1mz = -PortableLog1p(t / alpha);
  // Two algebraically equal forms, chosen by where each loses the fewest digits. Checked
  // against 60-digit arithmetic over r in [0.05, 200], a in [0.1, 4], b in [0.2, 200] and
  // t / alpha in [0.002, 1000]: relative error below 3e-13, up to 1.2e-11 only where
  // a + b - 1 - r is far below 0 (r = 20 with b = 0.2).
  if (r < 0.5 && std::fabs(a - 1) >= 0.2) {
    // 1 - k F = (1 - k) - k (F - 1) with k = (1-z)^r: cancels badly for a large r (k tiny,
    // F huge) and, through the 1/(a-1), near a = 1.
    const double one_minus_k = -Expm1(r * log_1mz), k = 1 - one_minus_k;
    return (c * one_minus_k - k * r * b * z * Hypergeometric2F1Excess(r, b, c, z)) / (a - 1);
  }
  // Euler's transformation: k F(r, b; c; z) = w F(c-r, a-1; c; z) with w = (1-z)^(a-1), so
  // E = c (1 - w)/(a-1) - w (c-r) z (F(c-r, a-1; c; z) - 1) c / ((c-r)(a-1) z), and
  // (1 - w)/(a-1) tends to -ln(1-z) as a -> 1: no division by a small number. In eq. 10
  // c - r = a + b - 1 - r whatever x, so a large x costs nothing here. Loses digits as
  // c / r for a small r, hence the other form there.
  const double y = (a - 1) * log_1mz, w = PortableExp(y);
  const double one_minus_w_over = y == 0 ? -log_1mz : -Expm1(y) / (a - 1);
  return c * one_minus_w_over - w * (c - r) * z * Hypergeometric2F1Excess(c - r, a - 1, c, z);
}

void CheckParams(const BgnbdParams& p) {
  for (double v : {p.r, p.alpha, p.a, p.b})
    if (!(v > 0) || !std::isfinite(v))
      throw std::invalid_argument("BG/NBD parameters r, alpha, a, b must be positive and finite");
}

void CheckHistory(int x, double t_x, double T) {
  if (x < 0) throw std::invalid_argument("BG/NBD: frequency x must be >= 0");
  if (!std::isfinite(T) || !std::isfinite(t_x) || T < 0 || (x > 0 && (t_x < 0 || t_x > T)))
    throw std::invalid_argument("BG/NBD: need 0 <= t_x <= T, finite (got t_x = " +
                                std::to_string(t_x) + ", T = " + std::to_string(T) + ")");
}

// The data with repeated values shared, so one evaluation of the likelihood costs one log
// per distinct time, a few log-gammas per distinct x and one exp + log1p per distinct
// (x, t_x, T): CDNOW's 23,570 customers have a few hundred distinct times.
struct CompactData {
  struct Cell {
    int x_index = 0, recency_index = 0, age_index = 0;
    double count = 0;
  };
  std::vector<int> xs;           // distinct x, ascending
  std::vector<double> x_counts;  // customers per distinct x
  std::vector<double> times;     // distinct t_x and T values, ascending
  std::vector<Cell> cells;       // distinct (x, t_x, T), with counts
};

int IndexOf(const std::vector<double>& sorted, double v) {
  return int(std::lower_bound(sorted.begin(), sorted.end(), v) - sorted.begin());
}

CompactData Compact(std::span<const CustomerRfm> customers) {
  CompactData d;
  for (const CustomerRfm& c : customers) {
    CheckHistory(c.x, c.t_x, c.T);
    d.xs.push_back(c.x);
    d.times.push_back(c.T);
    if (c.x > 0) d.times.push_back(c.t_x);
  }
  std::sort(d.xs.begin(), d.xs.end());
  d.xs.erase(std::unique(d.xs.begin(), d.xs.end()), d.xs.end());
  std::sort(d.times.begin(), d.times.end());
  d.times.erase(std::unique(d.times.begin(), d.times.end()), d.times.end());
  d.x_counts.assign(d.xs.size(), 0);
  std::vector<CompactData::Cell> raw;
  raw.reserve(customers.size());
  for (const CustomerRfm& c : customers) {
    CompactData::Cell cell;
    cell.x_index = int(std::lower_bound(d.xs.begin(), d.xs.end(), c.x) - d.xs.begin());
    cell.age_index = IndexOf(d.times, c.T);
    cell.recency_index = c.x > 0 ? IndexOf(d.times, c.t_x) : cell.age_index;
    cell.count = 1;
    d.x_counts[cell.x_index] += 1;
    raw.push_back(cell);
  }
  const auto key = [](const CompactData::Cell& c) {
    return std::tuple(c.x_index, c.recency_index, c.age_index);
  };
  std::sort(raw.begin(), raw.end(), [&](const auto& u, const auto& v) { return key(u) < key(v); });
  for (const CompactData::Cell& cell : raw) {
    if (!d.cells.empty() && key(d.cells.back()) == key(cell)) d.cells.back().count += 1;
    else d.cells.push_back(cell);
  }
  return d;
}


// Extreme fits (a few customers: b -> 0 with a -> large) can overflow the expectation's
// terms; a caller gets a reason, never a NaN in a report.
double Finite(double v) {
  if (!std::isfinite(v))
    throw std::runtime_error("BG/NBD expectation cannot be evaluated for these parameters (it overflows)");
  return v;
}

double LogLikelihood(const BgnbdParams& p, const CompactData& d) {
  const double r = p.r, alpha = p.alpha, a = p.a, b = p.b;
  // Per distinct time tau: ln(alpha + tau) and (alpha + tau)^r.
  const size_t n_times = d.times.size();
  std::vector<double> shifted(n_times), log_shifted(n_times), pow_r(n_times);
  for (size_t i = 0; i < n_times; ++i) {
    shifted[i] = alpha + d.times[i];
    log_shifted[i] = PortableLog(shifted[i]);
    pow_r[i] = PortableExp(r * log_shifted[i]);
  }
  // Per distinct x: the terms that involve neither t_x nor T, and a / (b+x-1).
  const double common = -PortableLgamma(r) + r * PortableLog(alpha) + PortableLgamma(a + b) -
                         PortableLgamma(b);
  std::vector<double> dropout(d.xs.size());
  double ll = 0;
  for (size_t i = 0; i < d.xs.size(); ++i) {
    const double x = d.xs[i];
    ll += d.x_counts[i] * (common + PortableLgamma(r + x) + PortableLgamma(b + x) -
                           PortableLgamma(a + b + x));
    dropout[i] = x > 0 ? a / (b + x - 1) : 0;
  }
  // ln[(alpha+T)^-(r+x) + [x>0] a/(b+x-1) (alpha+t_x)^-(r+x)]
  //   = -(r+x) ln(alpha+T) + ln(1 + a/(b+x-1) ((alpha+T)/(alpha+t_x))^(r+x)),
  // where the power is (alpha+T)^r / (alpha+t_x)^r times an integer power: no exp per customer.
  LogProduct dropout_terms;
  for (const CompactData::Cell& cell : d.cells) {
    const int x = d.xs[cell.x_index];
    ll -= cell.count * (r + x) * log_shifted[cell.age_index];
    if (x == 0) continue;
    const int T = cell.age_index, tx = cell.recency_index;
    double odds = dropout[cell.x_index] * (pow_r[T] / pow_r[tx]) *
                  PowInt(shifted[T] / shifted[tx], unsigned(x));
    if (!std::isfinite(odds))  // a huge x: the same in logs
      odds = PortableExp(PortableLog(dropout[cell.x_index]) +
                         (r + x) * (log_shifted[T] - log_shifted[tx]));
    for (double k = 0; k < cell.count; ++k) dropout_terms.Multiply(1 + odds);
  }
  return ll + dropout_terms.Log();
}

BgnbdParams FromLog(const std::vector<double>& theta) {
  return {PortableExp(theta[0]), PortableExp(theta[1]), PortableExp(theta[2]),
          PortableExp(theta[3])};
}

}  // namespace

double BgnbdLogLikelihood(const BgnbdParams& params, std::span<const CustomerRfm> customers) {
  CheckParams(params);
  return LogLikelihood(params, Compact(customers));
}

BgnbdFit FitBgnbd(std::span<const CustomerRfm> customers) {
  if (customers.empty()) throw std::invalid_argument("BG/NBD fit needs at least one customer");
  const CompactData data = Compact(customers);
  double purchases = 0, exposure = 0;
  for (const CustomerRfm& c : customers) purchases += c.x, exposure += c.T;
  if (purchases == 0)
    throw std::invalid_argument(
        "BG/NBD fit needs repeat purchases: with x = 0 for every customer the purchase rate "
        "and dropout cannot be told apart");
  if (!(exposure > 0)) throw std::invalid_argument("BG/NBD fit needs some customer with T > 0");

  // alpha is the scale of the purchase rate in the data's time unit (weeks or days), so the
  // starts put r / alpha near the observed rate of repeat purchases.
  const double scale = exposure / purchases;
  const Objective nll_log = [&](const std::vector<double>& theta) {
    return -LogLikelihood(FromLog(theta), data);
  };
  std::vector<std::vector<double>> starts;
  for (const BgnbdParams& s : {BgnbdParams{1, 1, 1, 1}, BgnbdParams{0.25, 0.25, 0.5, 2},
                               BgnbdParams{3, 3, 2, 8}})
    starts.push_back({PortableLog(s.r), PortableLog(s.alpha * scale), PortableLog(s.a),
                      PortableLog(s.b)});
  const OptimizeResult best = MinimizeMultiStart(nll_log, starts);
  if (!std::isfinite(best.value))
    throw std::invalid_argument("BG/NBD fit: the likelihood cannot be evaluated at any start");
  const char* names[] = {"r", "alpha", "a", "b"};
  for (int i = 0; i < 4; ++i)
    if (!(std::fabs(best.params[i]) < 25))
      throw std::invalid_argument(std::string("BG/NBD fit: the likelihood is maximised at the edge "
                                              "of the parameter space (") +
                                  names[i] + (best.params[i] > 0 ? " -> infinity" : " -> 0") +
                                  "); the data cannot identify the model");

  RequireConverged(best, "BG/NBD");
  BgnbdFit fit;
  fit.params = FromLog(best.params);
  fit.log_likelihood = -best.value;
  fit.converged = best.converged;
  fit.iterations = best.iterations;
  const Objective nll = [&](const std::vector<double>& v) {
    for (double p : v)
      if (!(p > 0)) return std::numeric_limits<double>::infinity();
    return -LogLikelihood({v[0], v[1], v[2], v[3]}, data);
  };
  const std::vector<double> se = StandardErrors(
      nll, {fit.params.r, fit.params.alpha, fit.params.a, fit.params.b});
  fit.se_r = se[0], fit.se_alpha = se[1], fit.se_a = se[2], fit.se_b = se[3];
  return fit;
}

double BgnbdExpectedPurchases(const BgnbdParams& params, double t) {
  CheckParams(params);
  if (!(t >= 0) || !std::isfinite(t)) throw std::invalid_argument("BG/NBD: horizon t must be >= 0");
  return Finite(ExpectationKernel(params.r, params.alpha, params.a, params.b, t));
}

double BgnbdProbabilityAlive(const BgnbdParams& params, int x, double t_x, double T) {
  CheckParams(params);
  CheckHistory(x, t_x, T);
  if (x == 0) return 1;
  // ((alpha+T)/(alpha+t_x))^(r+x) = exp((r+x) ln(1 + (T-t_x)/(alpha+t_x))).
  const double odds = params.a / (params.b + x - 1) *
                      PortableExp((params.r + x) * PortableLog1p((T - t_x) / (params.alpha + t_x)));
  return 1 / (1 + odds);
}

double BgnbdConditionalExpectedPurchases(const BgnbdParams& params, int x, double t_x, double T,
                                         double t) {
  const double alive = BgnbdProbabilityAlive(params, x, t_x, T);  // checks the arguments
  if (!(t >= 0) || !std::isfinite(t)) throw std::invalid_argument("BG/NBD: horizon t must be >= 0");
  return Finite(alive * ExpectationKernel(params.r + x, params.alpha + T, params.a, params.b + x, t));
}

double BgnbdDiscountedExpectedTransactions(const BgnbdParams& params, int x, double t_x,
                                           double T, double period_length, int periods,
                                           double discount_rate) {
  if (!(period_length > 0) || !std::isfinite(period_length) || periods < 0 ||
      !(discount_rate > -1) || !std::isfinite(discount_rate))
    throw std::invalid_argument(
        "discounted expected transactions need period_length > 0, periods >= 0 and a "
        "discount rate > -1");
  double total = 0, previous = 0;
  for (int m = 1; m <= periods; ++m) {
    const double cumulative =
        BgnbdConditionalExpectedPurchases(params, x, t_x, T, m * period_length);
    total += (cumulative - previous) / PowInt(1 + discount_rate, unsigned(m));
    previous = cumulative;
  }
  return total;
}

}  // namespace csm
