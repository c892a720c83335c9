// SPDX-License-Identifier: MIT
#include "core/special_functions.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

#include "core/portable_math.hpp"

namespace csm {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kHalfLog2Pi = 0.91893853320467274178;  // ln(2 pi) / 2
// Below this the asymptotic series need too many terms; shifting up by the recurrence is
// cheaper and keeps the series' truncation error below 1e-16.
constexpr double kAsymptoticFrom = 10.0;
}  // namespace

double PortableLog(double x) {
  // Coefficients of fdlibm's e_log.c (Sun Microsystems, freely redistributable): a minimax
  // polynomial in s^2 for (log(1+f) - 2s)/s with s = f / (2 + f).
  constexpr double kLn2Hi = 6.93147180369123816490e-01, kLn2Lo = 1.90821492927058770002e-10,
                   kLg1 = 6.666666666666735130e-01, kLg2 = 3.999999999940941908e-01,
                   kLg3 = 2.857142874366239149e-01, kLg4 = 2.222219843214978396e-01,
                   kLg5 = 1.818357216161805012e-01, kLg6 = 1.531383769920937332e-01,
                   kLg7 = 1.479819860511658591e-01;
  if (std::isnan(x) || x < 0) return kNaN;
  if (x == 0) return -kInf;
  if (std::isinf(x)) return x;
  int e = 0;
  double m = std::frexp(x, &e);  // x = m 2^e, m in [0.5, 1): exact
  if (m < 0.70710678118654752440) {
    m *= 2;
    --e;
  }
  const double f = m - 1.0;  // exact (Sterbenz), f in [-0.293, 0.415)
  const double s = f / (2.0 + f), z = s * s, w = z * z;
  const double t1 = w * (kLg2 + w * (kLg4 + w * kLg6));
  const double t2 = z * (kLg1 + w * (kLg3 + w * (kLg5 + w * kLg7)));
  const double r = t2 + t1, hfsq = 0.5 * f * f, k = double(e);
  return k * kLn2Hi - ((hfsq - (s * (hfsq + r) + k * kLn2Lo)) - f);
}

double PortableLog1p(double x) {
  if (std::isnan(x) || x < -1) return kNaN;
  const double u = 1.0 + x;
  if (u == 1.0) return x;  // |x| below half an ulp of 1: log(1+x) = x to double precision
  if (std::isinf(u)) return u;
  // u - 1 is exact; the correction restores what rounding 1 + x dropped (Goldberg's trick).
  return PortableLog(u) * (x / (u - 1.0));
}

double PortableLgamma(double x) {
  if (std::isnan(x) || x <= 0) return kNaN;
  if (std::isinf(x)) return x;
  // Shift x up to the asymptotic region: ln Gamma(x) = ln Gamma(x + n) - ln(x (x+1) ... ).
  double shift_log = 0;
  if (x < kAsymptoticFrom) {
    double product = 1;
    while (x < kAsymptoticFrom) product *= x, x += 1;  // at most 10 factors below 10: no overflow
    shift_log = PortableLog(product);
  }
  // Stirling's series with Bernoulli-number coefficients B_2k / (2k (2k - 1)).
  const double inv = 1.0 / x, inv2 = inv * inv;
  const double series =
      inv * (1.0 / 12 + inv2 * (-1.0 / 360 + inv2 * (1.0 / 1260 + inv2 * (-1.0 / 1680 + inv2 * (
      1.0 / 1188 + inv2 * (-691.0 / 360360 + inv2 * (1.0 / 156 + inv2 * (-3617.0 / 122400))))))));
  return (x - 0.5) * PortableLog(x) - x + kHalfLog2Pi + series - shift_log;
}

double PortableLogBeta(double a, double b) {
  return PortableLgamma(a) + PortableLgamma(b) - PortableLgamma(a + b);
}

double PortableDigamma(double x) {
  if (std::isnan(x) || x <= 0) return kNaN;
  if (std::isinf(x)) return x;
  double shift = 0;
  while (x < kAsymptoticFrom) shift += 1.0 / x, x += 1;  // psi(x) = psi(x + 1) - 1/x
  const double inv = 1.0 / x, inv2 = inv * inv;
  const double series =
      inv2 * (1.0 / 12 + inv2 * (-1.0 / 120 + inv2 * (1.0 / 252 + inv2 * (-1.0 / 240 + inv2 * (
      1.0 / 132 + inv2 * (-691.0 / 32760 + inv2 * (1.0 / 12)))))));
  return PortableLog(x) - 0.5 * inv - series - shift;
}

double PortablePow(double x, double y) {
  if (std::isnan(x) || std::isnan(y) || x < 0) return kNaN;
  if (y == 0) return 1.0;
  if (x == 0) return y > 0 ? 0.0 : kInf;
  if (x == 1) return 1.0;
  return PortableExp(y * PortableLog(x));
}

double Hypergeometric2F1(double a, double b, double c, double z) {
  if (!(a > 0 && b > 0 && c > 0 && z >= 0 && z < 1))
    throw std::invalid_argument("Hypergeometric2F1 needs a, b, c > 0 and 0 <= z < 1 (got a=" +
                                std::to_string(a) + ", b=" + std::to_string(b) + ", c=" +
                                std::to_string(c) + ", z=" + std::to_string(z) + ")");
  // term_{k+1} = term_k (a+k)(b+k) z / ((c+k)(k+1)). The ratio tends to z but may exceed 1
  // for the first terms, so a small term alone could be a stop on the way up. Past
  // k = max(a, b, c) the ratio moves monotonically towards z, so every later ratio is at
  // most rho = max(ratio, z) and term * rho / (1 - rho) bounds the tail.
  double sum = 1, term = 1;
  constexpr int kMaxTerms = 200000;
  for (int k = 0; k < kMaxTerms; ++k) {
    const double ratio = (a + k) * (b + k) * z / ((c + k) * (k + 1.0));
    term *= ratio;
    sum += term;
    if (term == 0) return sum;
    const double rho = ratio > z ? ratio : z;
    if (rho < 1 && k > a && k > b && k > c && term * rho <= 0.25e-16 * sum * (1 - rho))
      return sum;
  }
  throw std::runtime_error("Hypergeometric2F1 did not converge (z = " + std::to_string(z) +
                           " too close to 1)");
}

}  // namespace csm
