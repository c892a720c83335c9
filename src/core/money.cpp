// SPDX-License-Identifier: MIT
#include "core/money.hpp"

#include <cstdint>
#include <cstdlib>

namespace csm {

int MinorUnitExponent(std::string_view c) {
  auto is = [&](const char* code) {
    for (size_t k = 0; k < 3; ++k)
      if ((c[k] | 0x20) != (code[k] | 0x20)) return false;
    return true;
  };
  if (c.size() != 3) return 2;
  // ISO 4217 currencies without a minor unit, and those with three digits.
  static constexpr const char* kZero[] = {"BIF", "CLP", "DJF", "GNF", "ISK", "JPY",
                                          "KMF", "KRW", "PYG", "RWF", "UGX", "UYI",
                                          "VND", "VUV", "XAF", "XOF", "XPF"};
  static constexpr const char* kThree[] = {"BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"};
  for (const char* code : kZero)
    if (is(code)) return 0;
  for (const char* code : kThree)
    if (is(code)) return 3;
  if (is("CLF") || is("UYW")) return 4;
  return 2;
}

__int128 RoundHalfEven(__int128 num, __int128 den) {
  __int128 q = num / den, r = num % den;  // truncates toward zero
  if (r < 0) r = -r;
  __int128 twice = 2 * r;
  if (twice > den || (twice == den && (q % 2 != 0))) q += num < 0 ? -1 : 1;
  return q;
}

std::string FormatMinorUnits(int64_t units, int exponent) {
  bool negative = units < 0;
  uint64_t mag = negative ? uint64_t(0) - uint64_t(units) : uint64_t(units);
  std::string digits = std::to_string(mag);
  if (exponent > 0) {
    if (digits.size() <= size_t(exponent)) digits.insert(0, exponent + 1 - digits.size(), '0');
    digits.insert(digits.size() - exponent, 1, '.');
  }
  return negative ? "-" + digits : digits;
}

}  // namespace csm
