// SPDX-License-Identifier: MIT
// libFuzzer: the JSON table reader (arrays of flat objects) for every table, strict and
// lenient; only CsmError may come out.
#include <cstdint>
#include <string>

#include "core/engine.hpp"
#include "core/errors.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  csm::LoadOptions options;
  options.format = csm::InputFormat::kJson;
  options.lenient = data[0] & 1;
  csm::Engine engine;
  try {
    engine.Load(static_cast<csm::TableKind>((data[0] >> 1) % csm::kTableCount), text, options);
    engine.BuildReport({});
  } catch (const csm::CsmError&) {
  }
  return 0;
}
