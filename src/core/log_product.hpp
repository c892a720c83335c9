// SPDX-License-Identifier: MIT
#pragma once
#include <cmath>

#include "core/special_functions.hpp"

namespace csm {

// ln of a product of positive factors with one log at the end instead of one per factor:
// the likelihood needs a log per customer, and logs dominate the cost of a fit. The running
// product is kept in range by exact power-of-two rescaling.
class LogProduct {
 public:
  void Multiply(double factor) {
    if (!(factor > 1e-100 && factor < 1e100)) {  // would leave the range: add its log
      log_outside_ += PortableLog(factor);
      return;
    }
    mantissa_ *= factor;
    if (mantissa_ > 0x1p300 || mantissa_ < 0x1p-300) {
      int e = 0;
      mantissa_ = std::frexp(mantissa_, &e);
      exponent_ += e;
    }
  }
  double Log() const {
    // ln 2 split so that exponent * kLn2Hi is exact (fdlibm's constants).
    constexpr double kLn2Hi = 6.93147180369123816490e-01, kLn2Lo = 1.90821492927058770002e-10;
    const double e = double(exponent_);
    return PortableLog(mantissa_) + (e * kLn2Hi + e * kLn2Lo) + log_outside_;
  }

 private:
  double mantissa_ = 1;
  long long exponent_ = 0;
  double log_outside_ = 0;
};

}  // namespace csm
