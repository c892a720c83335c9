// SPDX-License-Identifier: MIT
#include "core/text.hpp"

#include <cstring>

namespace csm {

std::string QuoteForMessage(std::string_view value) {
  constexpr size_t kMax = 60;
  std::string out = "\"";
  if (value.size() <= kMax) {
    out.append(value);
  } else {
    size_t cut = kMax;
    while (cut > 0 && (static_cast<unsigned char>(value[cut]) & 0xC0) == 0x80) --cut;
    out.append(value.substr(0, cut)).append("...");
  }
  return out + "\"";
}

bool IsAsciiWithoutNul(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const size_t n = s.size();
  uint64_t bad = 0;
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t w;
    std::memcpy(&w, p + i, 8);
    bad |= (w & 0x8080808080808080ull) | ((w - 0x0101010101010101ull) & ~w & 0x8080808080808080ull);
  }
  for (; i < n; ++i) bad |= p[i] >= 0x80 || p[i] == 0;
  return bad == 0;
}

std::optional<TextProblem> FindTextProblem(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const size_t n = s.size();
  for (size_t i = 0; i < n;) {
    // Eight ASCII bytes at a time, none of them NUL: the common case of every cell.
    while (i + 8 <= n) {
      uint64_t w;
      std::memcpy(&w, p + i, 8);
      const uint64_t high = w & 0x8080808080808080ull;
      const uint64_t zero = (w - 0x0101010101010101ull) & ~w & 0x8080808080808080ull;
      if (high | zero) break;
      i += 8;
    }
    if (i >= n) break;
    const unsigned char c = p[i];
    if (c == 0) return TextProblem{i, c, true};
    if (c < 0x80) {
      ++i;
      continue;
    }
    // Lengths and ranges of RFC 3629: no overlongs, no surrogates, nothing above U+10FFFF.
    size_t len;
    unsigned char lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) len = 2;
    else if (c >= 0xE0 && c <= 0xEF) len = 3, lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
    else if (c >= 0xF0 && c <= 0xF4) len = 4, lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
    else return TextProblem{i, c, false};
    if (i + len > n || p[i + 1] < lo || p[i + 1] > hi) return TextProblem{i, c, false};
    for (size_t k = 2; k < len; ++k)
      if (p[i + k] < 0x80 || p[i + k] > 0xBF) return TextProblem{i, c, false};
    i += len;
  }
  return std::nullopt;
}

}  // namespace csm
