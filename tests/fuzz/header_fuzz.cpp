// SPDX-License-Identifier: MIT
// libFuzzer: header mapping. The input is split at its first NUL into a mapping
// ("canonical=Header" lines) and a CSV whose first line is the header.
#include <cstdint>
#include <string>

#include "core/engine.hpp"
#include "core/errors.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view all(reinterpret_cast<const char*>(data), size);
  const size_t nul = all.find('\0');
  std::string_view spec = nul == std::string_view::npos ? std::string_view() : all.substr(0, nul);
  std::string_view csv = nul == std::string_view::npos ? all : all.substr(nul + 1);
  csm::LoadOptions options;
  while (!spec.empty()) {
    const size_t end = spec.find('\n');
    std::string_view line = spec.substr(0, end);
    spec = end == std::string_view::npos ? std::string_view() : spec.substr(end + 1);
    const size_t eq = line.find('=');
    if (eq == std::string_view::npos) continue;
    if (line.substr(0, 1) == "!")
      options.constants.emplace_back(std::string(line.substr(1, eq - 1)), std::string(line.substr(eq + 1)));
    else
      options.mapping.emplace_back(std::string(line.substr(0, eq)), std::string(line.substr(eq + 1)));
  }
  for (int k = 0; k < csm::kTableCount; ++k) {
    csm::Engine engine;
    try {
      engine.Load(static_cast<csm::TableKind>(k), csv, options);
      engine.BuildReport({});
    } catch (const csm::CsmError&) {
    }
  }
  return 0;
}
