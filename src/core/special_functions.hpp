// SPDX-License-Identifier: MIT
#pragma once

namespace csm {

// Everything here is built from + - * / sqrt and exact scaling (frexp/ldexp) on top of
// PortableExp, never from libm's log/lgamma/pow: glibc and the wasm libm differ in the last
// bit, and a fitted model parameter printed in a report must be the same on both.

/// Natural logarithm. x < 0 or NaN gives NaN, 0 gives -inf, +inf gives +inf.
/// Error below 1 ulp (fdlibm's e_log.c method).
double PortableLog(double x);

/// log(1 + x), accurate also for tiny x (where 1 + x would lose the digits of x).
double PortableLog1p(double x);

/// ln Gamma(x) for x > 0 (NaN for x <= 0; the models only ever need positive arguments).
/// fdlibm's method: within a few ulp of the value, also next to the zeros at 1 and 2.
double PortableLgamma(double x);

/// ln B(a, b) = ln Gamma(a) + ln Gamma(b) - ln Gamma(a + b), for a, b > 0.
double PortableLogBeta(double a, double b);

/// psi(x) = d/dx ln Gamma(x) for x > 0.
double PortableDigamma(double x);

/// x^y for x > 0 as exp(y ln x); x == 0 gives 0 for y > 0, 1 for y == 0, inf for y < 0.
/// Relative error grows with |y ln x| (about |y ln x| ulp), enough for model arithmetic.
double PortablePow(double x, double y);

/// Gauss hypergeometric 2F1(a, b; c; z) by its power series, for 0 <= z < 1 and c > 0 with
/// a, b > 0 (all terms positive, so summation is stable). Stops when a rigorous bound on
/// the rest of the series is below 2.5e-17 of the sum; rounding over the terms leaves a
/// relative error of about 1e-15 at z = 0.9, 1e-14 at 0.99 and 5e-14 at 0.999. Throws
/// std::invalid_argument outside that domain and std::runtime_error if 200,000 terms do
/// not reach full precision (z extremely close to 1).
double Hypergeometric2F1(double a, double b, double c, double z);

}  // namespace csm
