// SPDX-License-Identifier: MIT
#pragma once
#include <bit>
#include <cstdint>
#include <numeric>

#include "core/errors.hpp"

namespace csm {

/// Exact money arithmetic on 128-bit integers: an overflow is an error, never a wrap.
using Wide = __int128;

inline Wide MulChecked(Wide a, Wide b) {
  Wide r;
  if (__builtin_mul_overflow(a, b, &r))
    throw CsmError(ErrorCode::kLimit, "an amount is too large for exact arithmetic");
  return r;
}

/// a x b into out unless it overflows 64 bits. Non-negative factors whose bit lengths add
/// up to 62 or less are multiplied without the check: for 64-bit operands wasm32 makes
/// __builtin_mul_overflow a call to a 128-bit multiply.
inline bool MulFits64(int64_t a, int64_t b, int64_t& out) {
  if (a >= 0 && b >= 0 && std::bit_width(uint64_t(a)) + std::bit_width(uint64_t(b)) <= 62) {
    out = a * b;
    return true;
  }
  return !__builtin_mul_overflow(a, b, &out);
}

inline Wide AddChecked(Wide a, Wide b) {
  Wide r;
  if (__builtin_add_overflow(a, b, &r))
    throw CsmError(ErrorCode::kLimit, "a sum of amounts is too large for exact arithmetic");
  return r;
}

inline int64_t Narrow(Wide v) {
  if (v > INT64_MAX || v < INT64_MIN)
    throw CsmError(ErrorCode::kLimit, "a money total exceeds 64 bits of minor units");
  return static_cast<int64_t>(v);
}

inline Wide Gcd(Wide a, Wide b) {
  while (b != 0) {
    Wide t = a % b;
    a = b;
    b = t;
  }
  return a < 0 ? -a : a;
}

inline int64_t Lcm(int64_t a, int64_t b) { return a / std::gcd(a, b) * b; }

}  // namespace csm
