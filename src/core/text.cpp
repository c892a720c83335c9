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

std::optional<TextProblem> FindTextProblem(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const size_t n = s.size();
  for (size_t i = 0; i < n;) {
    // 32 ASCII bytes at a time, none of them NUL: the common case of a whole chunk. Some
    // byte of w is 0 or >= 0x80 exactly when w | (w - 0x01..) has a high bit set: with
    // every byte in 1..0x7F, subtracting one from each borrows nowhere.
    while (i + 32 <= n) {
      uint64_t w[4];
      std::memcpy(w, p + i, 32);
      const uint64_t any = (w[0] | (w[0] - 0x0101010101010101ull)) | (w[1] | (w[1] - 0x0101010101010101ull)) |
                           (w[2] | (w[2] - 0x0101010101010101ull)) | (w[3] | (w[3] - 0x0101010101010101ull));
      if (any & 0x8080808080808080ull) break;
      i += 32;
    }
    // Then eight at a time up to the first byte that is not plain.
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

namespace {

// The length of the sequence a lead byte opens; 1 for ASCII and for bytes that cannot lead.
size_t SequenceLength(unsigned char c) {
  return c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 1;
}

}  // namespace

bool CleanTextStream::Feed(std::string_view piece) {
  if (!clean_) return false;
  size_t i = 0;
  if (open_ > 0) {
    while (open_ < need_ && i < piece.size()) sequence_[open_++] = static_cast<unsigned char>(piece[i++]);
    if (open_ < need_) return true;
    if (FindTextProblem(std::string_view(reinterpret_cast<const char*>(sequence_), open_))) return clean_ = false;
    open_ = 0;
  }
  std::string_view rest = piece.substr(i);
  // A lead byte among the last three whose sequence runs past the piece waits for the next.
  size_t cut = rest.size();
  for (size_t back = 1; back <= 3 && back <= rest.size(); ++back) {
    const auto c = static_cast<unsigned char>(rest[rest.size() - back]);
    if (c < 0x80) break;
    if (c >= 0xC0) {
      if (SequenceLength(c) > back) cut = rest.size() - back, need_ = SequenceLength(c);
      break;
    }
  }
  if (FindTextProblem(rest.substr(0, cut))) return clean_ = false;
  for (size_t k = cut; k < rest.size(); ++k) sequence_[open_++] = static_cast<unsigned char>(rest[k]);
  return true;
}

}  // namespace csm
