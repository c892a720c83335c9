// SPDX-License-Identifier: MIT
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace csm {

/// Interns strings to dense ids (0, 1, 2, ...): customer ids, plans, segment values are
/// stored once, and rows hold 4-byte ids. Open addressing over one character arena, so
/// a million rows cost no heap object each.
class StringPool {
 public:
  uint32_t Intern(std::string_view s);
  /// The id of s, or kNone when it was never interned.
  uint32_t Find(std::string_view s) const;
  std::string_view Get(uint32_t id) const {
    return std::string_view(chars_).substr(offsets_[id], offsets_[id + 1] - offsets_[id]);
  }
  size_t size() const { return offsets_.size() - 1; }
  size_t MemoryBytes() const;
  static constexpr uint32_t kNone = 0xffffffffu;

 private:
  // Recently interned ids by a cheap key: rows repeat the same plan, region or customer,
  // and a hit skips hashing the whole string.
  std::array<uint32_t, 16> recent_ = [] {
    std::array<uint32_t, 16> a{};
    a.fill(0xffffffffu);
    return a;
  }();
  uint32_t InternSlow(std::string_view s);
  static size_t RecentSlot(std::string_view s) {
    return s.empty() ? 0 : (s.size() * 31 + static_cast<unsigned char>(s.front()) * 7 + static_cast<unsigned char>(s.back())) & 15;
  }
  void Grow();
  std::string chars_;
  std::vector<uint32_t> offsets_{0};
  std::vector<uint32_t> slots_;  // id + 1, 0 = empty
  std::vector<uint32_t> hashes_; // per id, to rehash without touching chars
};

}  // namespace csm
