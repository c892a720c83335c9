// SPDX-License-Identifier: MIT
#pragma once
#include <array>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace csm {

/// Interns strings to dense ids (0, 1, 2, ...): customer ids, plans, segment values are
/// stored once, and rows hold 4-byte ids. Open addressing over one character arena, so
/// a million rows cost no heap object each.
class StringPool {
 public:
  /// Inline: a load calls it for several cells of every row, and most calls hit recent_.
  [[gnu::always_inline]] uint32_t Intern(std::string_view s) {
    uint32_t& recent = recent_[RecentSlot(s)];
    if (recent != kNone && Holds(recent, s)) return recent;
    recent = InternSlow(s);
    return recent;
  }
  /// The id of s, or kNone when it was never interned.
  uint32_t Find(std::string_view s) const;
  std::string_view Get(uint32_t id) const {
    return std::string_view(chars_).substr(offsets_[id], offsets_[id + 1] - offsets_[id]);
  }
  size_t size() const { return offsets_.size() - 1; }
  size_t MemoryBytes() const;
  static constexpr uint32_t kNone = 0xffffffffu;

 private:
  // The hash beside the id: a probe reads one slot, and touches the characters only when
  // the hashes match.
  struct Slot {
    uint32_t hash = 0;
    uint32_t id = kNone;
  };
  // Recently interned ids by a cheap key: rows repeat the same plan, region or customer,
  // and a hit skips hashing the whole string. The key mixes length, first, middle and
  // last byte, so that the few values of a column (Starter, Setup; EU, APAC; monthly,
  // annual) do not evict one another.
  std::array<uint32_t, 64> recent_ = [] {
    std::array<uint32_t, 64> a{};
    a.fill(0xffffffffu);
    return a;
  }();
  static size_t RecentSlot(std::string_view s) {
    if (s.empty()) return 0;
    auto byte = [&](size_t i) { return uint32_t(static_cast<unsigned char>(s[i])); };
    const uint32_t key = uint32_t(s.size()) ^ byte(0) << 8 ^ byte(s.size() / 2) << 16 ^ byte(s.size() - 1) << 24;
    return (key * 0x9E3779B1u) >> 26;
  }
  [[gnu::always_inline]] bool Holds(uint32_t id, std::string_view s) const {
    return offsets_[id + 1] - offsets_[id] == s.size() && SameBytes(chars_.data() + offsets_[id], s.data(), s.size());
  }
  // Keys are short (ids, plan names): two overlapping word compares instead of a call.
  static bool SameBytes(const char* a, const char* b, size_t n) {
    if (n > 16) return std::memcmp(a, b, n) == 0;
    if (n >= 8) return Word<uint64_t>(a) == Word<uint64_t>(b) && Word<uint64_t>(a + n - 8) == Word<uint64_t>(b + n - 8);
    if (n >= 4) return Word<uint32_t>(a) == Word<uint32_t>(b) && Word<uint32_t>(a + n - 4) == Word<uint32_t>(b + n - 4);
    for (size_t i = 0; i < n; ++i)
      if (a[i] != b[i]) return false;
    return true;
  }
  template <typename T>
  static T Word(const char* p) {
    T w;
    std::memcpy(&w, p, sizeof w);
    return w;
  }
  uint32_t InternSlow(std::string_view s);
  void Grow();
  std::string chars_;
  std::vector<uint32_t> offsets_{0};
  std::vector<Slot> slots_;
};

}  // namespace csm
