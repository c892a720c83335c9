// SPDX-License-Identifier: MIT
#include "core/money.hpp"

#include <cstdint>
#include <cstdlib>

namespace csm {

int64_t Pow10(int e) {
  // A table: the decimal parsers scale every amount by one of these.
  static constexpr int64_t kPowers[] = {1, 10, 100, 1000, 10000, 100000, 1000000, 10000000,
                                        100000000, 1000000000, 10000000000, 100000000000,
                                        1000000000000, 10000000000000, 100000000000000,
                                        1000000000000000, 10000000000000000, 100000000000000000,
                                        1000000000000000000};
  if (e >= 0 && e < 19) return kPowers[e];
  int64_t p = 1;
  while (e-- > 0) p *= 10;
  return p;
}

namespace {

// Inline into both entry points: with the amounts' 6 digits a constant, the powers of ten
// and the overflow bound fold away instead of costing two calls and a division per cell.
inline DecimalParse ParseScaled(std::string_view s, int digits) {
  DecimalParse r;
  size_t i = 0;
  bool negative = false;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) negative = s[i++] == '-';
  int64_t whole = 0;
  size_t whole_digits = 0;
  for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i, ++whole_digits) {
    whole = whole * 10 + (s[i] - '0');
    if (whole > kMaxAmountMajor) {
      r.error = "is out of range";
      return r;
    }
  }
  int64_t frac = 0;
  size_t frac_digits = 0;
  if (i < s.size() && s[i] == '.') {
    for (++i; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i, ++frac_digits) {
      if (frac_digits == size_t(digits)) {
        r.error = digits == kMicroDigits ? "has more than 6 decimal places" : "has too many decimal places";
        return r;
      }
      frac = frac * 10 + (s[i] - '0');
    }
  }
  if (i != s.size() || whole_digits + frac_digits == 0) {
    r.error = "is not a number";
    return r;
  }
  frac *= Pow10(digits - int(frac_digits));
  if (whole > INT64_MAX / Pow10(digits) - 1 || (whole == kMaxAmountMajor && frac > 0)) {
    r.error = "is out of range";
    return r;
  }
  r.micros = whole * Pow10(digits) + frac;
  if (negative) r.micros = -r.micros;
  return r;
}

}  // namespace

DecimalParse ParseDecimalScaled(std::string_view s, int digits) { return ParseScaled(s, digits); }

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

DecimalParse ParseDecimalMicros(std::string_view s) { return ParseScaled(s, kMicroDigits); }

}  // namespace csm
