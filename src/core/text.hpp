// SPDX-License-Identifier: MIT
#pragma once
#include <bit>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>

namespace csm {

inline char AsciiLower(char c) { return c >= 'A' && c <= 'Z' ? char(c + 32) : c; }

inline bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (AsciiLower(a[i]) != AsciiLower(b[i])) return false;
  return true;
}

inline std::string ToLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = AsciiLower(c);
  return out;
}

inline std::string_view Trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\t')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t')) --e;
  return s.substr(b, e - b);
}

/// Eight bytes at p as a little-endian number on every platform: word-at-a-time parsing
/// and hashing give the same results in the native and the wasm builds.
inline uint64_t LoadLittleEndian64(const char* p) {
  uint64_t w;
  std::memcpy(&w, p, 8);
  if constexpr (std::endian::native == std::endian::big) w = __builtin_bswap64(w);
  return w;
}

/// Quotes a cell for an error message, shortened so a 10 MB field stays readable.
std::string QuoteForMessage(std::string_view value);

/// Why `s` is not clean UTF-8 text: a NUL byte or an invalid sequence, with its byte
/// offset; nothing when it is clean.
struct TextProblem {
  size_t offset;
  unsigned char byte;
  bool nul;
};
std::optional<TextProblem> FindTextProblem(std::string_view s);

/// Whether a stream fed in pieces is clean text so far: UTF-8 (as FindTextProblem checks
/// it) without NUL, a sequence cut between two pieces included. A CSV reader splits only at
/// ASCII bytes, which never occur inside a sequence, so every cell of a clean stream is
/// clean and a loader need not check its cells one by one.
class CleanTextStream {
 public:
  /// False from the first piece that makes the stream unclean on (it stays false).
  bool Feed(std::string_view piece);
  /// False also when the stream ends inside a sequence.
  bool Finish() const { return clean_ && open_ == 0; }

 private:
  bool clean_ = true;
  unsigned char sequence_[4] = {};  // a sequence begun at the end of the last piece
  size_t open_ = 0, need_ = 0;      // its bytes so far, and its length
};

}  // namespace csm
