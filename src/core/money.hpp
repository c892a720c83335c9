// SPDX-License-Identifier: MIT
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace csm {

/// Input amounts are exact decimals with at most 6 fractional digits (DATA.md); the
/// engine keeps them as integer millionths so no float ever touches money.
inline constexpr int kMicroDigits = 6;
inline constexpr int64_t kMicro = 1'000'000;

/// Largest accepted |amount| in major units: leaves int128 headroom for
/// amount x quantity x 365 summed over a customer's rows.
inline constexpr int64_t kMaxAmountMajor = 1'000'000'000'000;  // 1e12

struct DecimalParse {
  int64_t micros = 0;  ///< the value x 10^digits (millionths for amounts)
  const char* error = nullptr;  ///< reason, e.g. "is not a number"; null on success
};

constexpr int64_t Pow10(int e) {
  // A table: the decimal parsers scale every amount by one of these.
  constexpr int64_t kPowers[] = {1, 10, 100, 1000, 10000, 100000, 1000000, 10000000,
                                 100000000, 1000000000, 10000000000, 100000000000,
                                 1000000000000, 10000000000000, 100000000000000,
                                 1000000000000000, 10000000000000000, 100000000000000000,
                                 1000000000000000000};
  if (e >= 0 && e < 19) return kPowers[e];
  int64_t p = 1;
  while (e-- > 0) p *= 10;
  return p;
}

namespace detail {
// In the header, inline into the loader's getter: with the amounts' 6 digits a constant,
// the powers of ten and the overflow bound fold away instead of costing calls and a
// division per cell.
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
}  // namespace detail

/// Parses "49.90", "-3", "+0.5", ".5" into millionths. Rejects exponents, thousands
/// separators, more than 6 fractional digits and values beyond kMaxAmountMajor.
inline DecimalParse ParseDecimalMicros(std::string_view text) { return detail::ParseScaled(text, kMicroDigits); }
/// The same with `digits` fractional digits kept (at most 12; exchange rates).
inline DecimalParse ParseDecimalScaled(std::string_view text, int digits) { return detail::ParseScaled(text, digits); }

/// ISO 4217 minor-unit digits (2 by default; 0 for JPY, KRW, ...; 3 for KWD, BHD, ...).
int MinorUnitExponent(std::string_view currency);

/// True for three ASCII letters (any case); the code itself is not checked against a list.
/// Inline: every subscription row has one.
inline bool IsCurrencyCode(std::string_view c) {
  auto letter = [](char ch) { return unsigned((ch | 0x20) - 'a') < 26u; };
  return c.size() == 3 && letter(c[0]) && letter(c[1]) && letter(c[2]);
}

/// Rounds num/den (den > 0) to the nearest integer, ties to even.
__int128 RoundHalfEven(__int128 num, __int128 den);
/// The same in 64 bits, for the hot loops (den > 0).
inline int64_t RoundHalfEven64(int64_t num, int64_t den) {
  int64_t q = num / den, r = num % den;
  if (r < 0) r = -r;
  const int64_t twice = 2 * r;
  if (twice > den || (twice == den && (q % 2 != 0))) q += num < 0 ? -1 : 1;
  return q;
}

/// Writes an integer count of minor units as a decimal in major units: 12345,2 -> "123.45".
std::string FormatMinorUnits(int64_t units, int exponent);

}  // namespace csm
