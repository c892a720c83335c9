// SPDX-License-Identifier: MIT
#include "core/string_pool.hpp"

#include "core/errors.hpp"

namespace csm {
namespace {

uint32_t Hash(std::string_view s) {
  // FNV-1a: short keys, good spread, identical on every platform.
  uint32_t h = 2166136261u;
  for (unsigned char c : s) h = (h ^ c) * 16777619u;
  return h ^ (h >> 15);
}

}  // namespace

uint32_t StringPool::Find(std::string_view s) const {
  if (slots_.empty()) return kNone;
  const uint32_t mask = static_cast<uint32_t>(slots_.size() - 1);
  for (uint32_t i = Hash(s) & mask;; i = (i + 1) & mask) {
    uint32_t slot = slots_[i];
    if (slot == 0) return kNone;
    if (Get(slot - 1) == s) return slot - 1;
  }
}

uint32_t StringPool::Intern(std::string_view s) {
  uint32_t& recent = recent_[RecentSlot(s)];
  if (recent != kNone && Get(recent) == s) return recent;
  recent = InternSlow(s);
  return recent;
}

uint32_t StringPool::InternSlow(std::string_view s) {
  if ((size() + 1) * 2 > slots_.size()) Grow();
  const uint32_t h = Hash(s);
  const uint32_t mask = static_cast<uint32_t>(slots_.size() - 1);
  for (uint32_t i = h & mask;; i = (i + 1) & mask) {
    uint32_t slot = slots_[i];
    if (slot == 0) {
      if (chars_.size() + s.size() > 0xffffffffu)
        throw CsmError(ErrorCode::kLimit, "more than 4 GB of distinct strings");
      uint32_t id = static_cast<uint32_t>(size());
      chars_.append(s);
      offsets_.push_back(static_cast<uint32_t>(chars_.size()));
      hashes_.push_back(h);
      slots_[i] = id + 1;
      return id;
    }
    if (hashes_[slot - 1] == h && Get(slot - 1) == s) return slot - 1;
  }
}

void StringPool::Grow() {
  std::vector<uint32_t> slots(slots_.empty() ? 64 : slots_.size() * 2, 0);
  const uint32_t mask = static_cast<uint32_t>(slots.size() - 1);
  for (uint32_t id = 0; id < size(); ++id) {
    uint32_t i = hashes_[id] & mask;
    while (slots[i] != 0) i = (i + 1) & mask;
    slots[i] = id + 1;
  }
  slots_.swap(slots);
}

size_t StringPool::MemoryBytes() const {
  return chars_.capacity() + 4 * (offsets_.capacity() + slots_.capacity() + hashes_.capacity());
}

}  // namespace csm
