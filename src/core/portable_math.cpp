// SPDX-License-Identifier: MIT
#include "core/portable_math.hpp"

#include <cmath>
#include <limits>

namespace csm {

double PortableExp(double x) {
  // Coefficients of fdlibm's e_exp.c (Sun Microsystems, freely redistributable).
  constexpr double kLn2Hi = 6.93147180369123816490e-01, kLn2Lo = 1.90821492927058770002e-10,
                   kInvLn2 = 1.44269504088896338700e+00, kP1 = 1.66666666666666019037e-01,
                   kP2 = -2.77777777770155933842e-03, kP3 = 6.61375632143793436117e-05,
                   kP4 = -1.65339022054652515390e-06, kP5 = 4.13813679705723846039e-08;
  if (std::isnan(x)) return x;
  if (x > 709.782712893383973096) return std::numeric_limits<double>::infinity();
  if (x < -745.13321910194110842) return 0.0;
  if (std::fabs(x) < 0x1p-28) return 1.0 + x;
  const double k = std::nearbyint(x * kInvLn2);
  const double hi = x - k * kLn2Hi, lo = k * kLn2Lo, r = hi - lo;
  const double r2 = r * r;
  const double c = r - r2 * (kP1 + r2 * (kP2 + r2 * (kP3 + r2 * (kP4 + r2 * kP5))));
  const double y = 1.0 - ((lo - (r * c) / (2.0 - c)) - hi);
  return std::ldexp(y, int(k));
}

double PowInt(double x, unsigned n) {
  double result = 1.0;
  for (double base = x; n > 0; n >>= 1, base *= base)
    if (n & 1) result *= base;
  return result;
}

}  // namespace csm
