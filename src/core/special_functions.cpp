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

// ln Gamma on (0, 8) and beyond follows fdlibm's e_lgamma_r.c (positive arguments only),
// whose notice reads: "Copyright (C) 1993 by Sun Microsystems, Inc. All rights reserved.
// Developed at SunSoft, a Sun Microsystems, Inc. business. Permission to use, copy, modify,
// and distribute this software is freely granted, provided that this notice is preserved."
// Its polynomials are fitted around the zeros at 1 and 2 and the minimum at 1.4616, so the
// result keeps its relative accuracy there; shifting to Stirling's series instead costs
// ten ulps of a number near 20 in the cancellation.
namespace {

// ln Gamma(x) for 0 < x < 2 (x not 1 or 2), from the expansion nearest to x.
double LgammaBelowTwo(double x) {
  constexpr double kA[] = {7.72156649015328655494e-02, 3.22467033424113591611e-01,
                           6.73523010531292681824e-02, 2.05808084325167332806e-02,
                           7.38555086081402883957e-03, 2.89051383673415629091e-03,
                           1.19270763183362067845e-03, 5.10069792153511336608e-04,
                           2.20862790713908385557e-04, 1.08011567247583939954e-04,
                           2.52144565451257326939e-05, 4.48640949618915160150e-05};
  constexpr double kT[] = {4.83836122723810047042e-01,  -1.47587722994593911752e-01,
                           6.46249402391333854778e-02,  -3.27885410759859649565e-02,
                           1.79706750811820387126e-02,  -1.03142241298341437450e-02,
                           6.10053870246291332635e-03,  -3.68452016781138256760e-03,
                           2.25964780900612472250e-03,  -1.40346469989232843813e-03,
                           8.81081882437654011382e-04,  -5.38595305356740546715e-04,
                           3.15632070903625950361e-04,  -3.12754168375120860518e-04,
                           3.35529192635519073543e-04};
  constexpr double kU[] = {-7.72156649015328655494e-02, 6.32827064025093366517e-01,
                           1.45492250137234768737e+00,  9.77717527963372745603e-01,
                           2.28963728064692451092e-01,  1.33810918536787660377e-02};
  constexpr double kV[] = {1.0, 2.45597793713041134822e+00, 2.12848976379893395361e+00,
                           7.69285150456672783825e-01, 1.04222645593369134254e-01,
                           3.21709242282423911810e-03};
  constexpr double kTc = 1.46163214496836224576e+00;  // where Gamma is smallest
  constexpr double kTf = -1.21486290535849611461e-01, kTt = -3.63867699703950536541e-18;
  // Below 0.9 use ln Gamma(x) = ln Gamma(x + 1) - ln x: the same three expansions, shifted.
  // The thresholds are fdlibm's, 1.7316 and 1.2316 (each less 1 when shifted).
  const bool shifted = x <= 0x1.ccccp-1;
  const double r = shifted ? -PortableLog(x) : 0.0, one = shifted ? 0.0 : 1.0;
  int branch;
  double y;
  if (shifted ? x >= 0x1.76944p-1 : x >= 0x1.bb4c3p+0) {
    branch = 0, y = (1 + one) - x;  // near 2: the argument is 2 - y
  } else if (shifted ? x >= 0x1.da661p-3 : x >= 0x1.3b4c4p+0) {
    branch = 1, y = x - (kTc - 1 + one);  // near the minimum
  } else {
    branch = 2, y = x - one;  // near 1: the argument is 1 + y
  }
  if (branch == 0) {
    const double z = y * y;
    const double p1 = kA[0] + z * (kA[2] + z * (kA[4] + z * (kA[6] + z * (kA[8] + z * kA[10]))));
    const double p2 =
        z * (kA[1] + z * (kA[3] + z * (kA[5] + z * (kA[7] + z * (kA[9] + z * kA[11])))));
    return r + ((y * p1 + p2) - 0.5 * y);
  }
  if (branch == 1) {
    const double z = y * y, w = z * y;
    const double p1 = kT[0] + w * (kT[3] + w * (kT[6] + w * (kT[9] + w * kT[12])));
    const double p2 = kT[1] + w * (kT[4] + w * (kT[7] + w * (kT[10] + w * kT[13])));
    const double p3 = kT[2] + w * (kT[5] + w * (kT[8] + w * (kT[11] + w * kT[14])));
    return r + (kTf + (z * p1 - (kTt - w * (p2 + y * p3))));
  }
  const double p1 = y * (kU[0] + y * (kU[1] + y * (kU[2] + y * (kU[3] + y * (kU[4] + y * kU[5])))));
  const double p2 = kV[0] + y * (kV[1] + y * (kV[2] + y * (kV[3] + y * (kV[4] + y * kV[5]))));
  return r + (-0.5 * y + p1 / p2);
}

// ln Gamma(x) for 2 <= x < 8: a rational function on [2, 3) and the recurrence above it.
double LgammaTwoToEight(double x) {
  constexpr double kS[] = {-7.72156649015328655494e-02, 2.14982415960608852501e-01,
                           3.25778796408930981787e-01,  1.46350472652464452805e-01,
                           2.66422703033638609560e-02,  1.84028451407337715652e-03,
                           3.19475326584100867617e-05};
  constexpr double kR[] = {1.0, 1.39200533467621045958e+00, 7.21935547567138069525e-01,
                           1.71933865632803078993e-01, 1.86459191715652901344e-02,
                           7.77942496381893596434e-04, 7.32668430744625636189e-06};
  const int whole = int(x);
  const double y = x - whole;
  const double p =
      y * (kS[0] + y * (kS[1] + y * (kS[2] + y * (kS[3] + y * (kS[4] + y * (kS[5] + y * kS[6]))))));
  const double q =
      kR[0] + y * (kR[1] + y * (kR[2] + y * (kR[3] + y * (kR[4] + y * (kR[5] + y * kR[6])))));
  double r = 0.5 * y + p / q;
  double product = 1;  // (y + 2)(y + 3) ... (y + whole - 1)
  for (int k = whole - 1; k >= 2; --k) product *= y + k;
  if (whole > 2) r += PortableLog(product);
  return r;
}

// ln Gamma(x) for x >= 8: (x - 1/2)(ln x - 1) plus a minimax fit of the remainder in 1/x.
double LgammaLarge(double x) {
  constexpr double kW[] = {4.18938533204672725052e-01,  8.33333333333329678849e-02,
                           -2.77777777728775536470e-03, 7.93650558643019558500e-04,
                           -5.95187557450339963135e-04, 8.36339918996282139126e-04,
                           -1.63092934096575273989e-03};
  const double t = PortableLog(x);
  if (x >= 0x1p58) return x * (t - 1);  // the remainder is below half an ulp
  const double z = 1 / x, y = z * z;
  const double w =
      kW[0] + z * (kW[1] + y * (kW[2] + y * (kW[3] + y * (kW[4] + y * (kW[5] + y * kW[6])))));
  return (x - 0.5) * (t - 1) + w;
}

}  // namespace

double PortableLgamma(double x) {
  if (std::isnan(x) || x <= 0) return kNaN;
  if (std::isinf(x)) return x;
  if (x == 1 || x == 2) return 0;
  if (x < 0x1p-70) return -PortableLog(x);  // Gamma(x) = 1/x to double precision
  if (x < 2) return LgammaBelowTwo(x);
  if (x < 8) return LgammaTwoToEight(x);
  return LgammaLarge(x);
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
  // term_{k+1} = term_k z f(k) with f(k) = (a+k)(b+k) / ((c+k)(k+1)) -> 1. The ratio can
  // exceed z, even after k > a, b, c (it may cross 1 late, e.g. a = 0.5, b = 100,
  // c = 99.49), so a small term alone is no reason to stop. Since
  // f(j) - 1 = (A j + B) / ((c+j)(j+1)) with A = a+b-c-1 and B = ab-c, every j >= k has
  // f(j) <= 1 + A+/k + B+/k^2: the ratios still to come are at most
  // rho = z (1 + A+/k + B+/k^2), and term rho / (1 - rho) bounds the rest of the series.
  const double excess_linear = a + b - c - 1 > 0 ? a + b - c - 1 : 0.0;
  const double excess_constant = a * b - c > 0 ? a * b - c : 0.0;
  // Without excess (the sBG's DERL series: A = B = -alpha) the bound is z itself, exactly
  // what the expression below gives then, without its two divisions per term.
  const bool bound_is_z = excess_linear == 0 && excess_constant == 0;
  double sum = 1, term = 1;
  constexpr int kMaxTerms = 200000;
  for (int k = 0; k < kMaxTerms; ++k) {
    term *= (a + k) * (b + k) * z / ((c + k) * (k + 1.0));
    sum += term;
    if (term == 0) return sum;
    const double next = k + 1.0;  // the ratios still to come are f(next), f(next + 1), ...
    const double rho = bound_is_z ? z : z * (1 + excess_linear / next + excess_constant / (next * next));
    if (rho < 1 && term * rho <= 0.25e-16 * sum * (1 - rho)) return sum;
  }
  throw std::runtime_error("Hypergeometric2F1 did not converge (z = " + std::to_string(z) +
                           " too close to 1)");
}

}  // namespace csm
