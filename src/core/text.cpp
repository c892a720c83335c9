// SPDX-License-Identifier: MIT
#include "core/text.hpp"

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

}  // namespace csm
