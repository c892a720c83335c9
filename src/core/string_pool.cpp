// SPDX-License-Identifier: MIT
#include "core/string_pool.hpp"

#include "core/errors.hpp"
#include "core/text.hpp"

namespace csm {
namespace {

// Eight bytes as a little-endian number on every platform, so hashes (and so probe
// orders) are the same in the native and the wasm builds.
uint64_t LoadLittle(const char* p, size_t n) {
  uint64_t w = 0;
  for (size_t i = 0; i < n; ++i) w |= uint64_t(static_cast<unsigned char>(p[i])) << (8 * i);
  return w;
}

uint32_t Hash(std::string_view s) {
  // Eight bytes per multiply; the last word overlaps the one before rather than looping
  // over a tail byte by byte. The length is mixed in, so overlaps cannot collide keys.
  constexpr uint64_t kMul = 0x9E3779B97F4A7C15ull;
  const char* p = s.data();
  const size_t n = s.size();
  uint64_t h = n * kMul;
  if (n < 8) {
    h = (h ^ LoadLittle(p, n)) * kMul;
  } else {
    for (size_t i = 0; i + 8 < n; i += 8) h = (h ^ LoadLittleEndian64(p + i)) * kMul;
    h = (h ^ LoadLittleEndian64(p + n - 8)) * kMul;
  }
  h ^= h >> 32;  // the slot index takes the low bits: fold the well-mixed high ones in
  h *= kMul;
  return static_cast<uint32_t>(h >> 32);
}

}  // namespace

uint32_t StringPool::Find(std::string_view s) const {
  if (slots_.empty()) return kNone;
  const uint32_t h = Hash(s);
  const uint32_t mask = static_cast<uint32_t>(slots_.size() - 1);
  for (uint32_t i = h & mask;; i = (i + 1) & mask) {
    const Slot& slot = slots_[i];
    if (slot.id == kNone) return kNone;
    if (slot.hash == h && Holds(slot.id, s)) return slot.id;
  }
}

uint32_t StringPool::InternSlow(std::string_view s) {
  // Up to 3/4 full: slots are 8 bytes and probes stay within a cache line or two, while
  // a table kept half empty would double the pool's largest allocation (and the heap's
  // peak) for a file with a million distinct customer ids.
  if ((size() + 1) * 4 > slots_.size() * 3) Grow();
  const uint32_t h = Hash(s);
  const uint32_t mask = static_cast<uint32_t>(slots_.size() - 1);
  for (uint32_t i = h & mask;; i = (i + 1) & mask) {
    Slot& slot = slots_[i];
    if (slot.id == kNone) {
      if (chars_.size() + s.size() > 0xffffffffu)
        throw CsmError(ErrorCode::kLimit, "more than 4 GB of distinct strings");
      const uint32_t id = static_cast<uint32_t>(size());
      chars_.append(s);
      offsets_.push_back(static_cast<uint32_t>(chars_.size()));
      slot = {h, id};
      return id;
    }
    if (slot.hash == h && Holds(slot.id, s)) return slot.id;
  }
}

void StringPool::Grow() {
  std::vector<Slot> slots(slots_.empty() ? 64 : slots_.size() * 2);
  const uint32_t mask = static_cast<uint32_t>(slots.size() - 1);
  for (const Slot& old : slots_) {
    if (old.id == kNone) continue;
    uint32_t i = old.hash & mask;
    while (slots[i].id != kNone) i = (i + 1) & mask;
    slots[i] = old;
  }
  slots_.swap(slots);
}

size_t StringPool::MemoryBytes() const {
  return chars_.capacity() + 4 * offsets_.capacity() + sizeof(Slot) * slots_.capacity();
}

}  // namespace csm
