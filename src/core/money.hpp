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

/// Parses "49.90", "-3", "+0.5", ".5" into millionths. Rejects exponents, thousands
/// separators, more than 6 fractional digits and values beyond kMaxAmountMajor.
DecimalParse ParseDecimalMicros(std::string_view text);
/// The same with `digits` fractional digits kept (at most 12; exchange rates).
DecimalParse ParseDecimalScaled(std::string_view text, int digits);

/// ISO 4217 minor-unit digits (2 by default; 0 for JPY, KRW, ...; 3 for KWD, BHD, ...).
int MinorUnitExponent(std::string_view currency);

/// True for three ASCII letters (any case); the code itself is not checked against a list.
/// Three ASCII letters, any case. Inline: every subscription row has one.
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

int64_t Pow10(int exponent);

}  // namespace csm
