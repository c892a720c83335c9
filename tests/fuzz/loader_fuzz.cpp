// SPDX-License-Identifier: MIT
// libFuzzer: any bytes as any table (CSV or JSON, strict and lenient, random chunking),
// then a report. Errors are CsmError; anything else (a crash, a sanitizer report, another
// exception) is a bug. A strict load that fails leaves no table behind.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "core/engine.hpp"
#include "core/errors.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 2) return 0;
  const auto kind = static_cast<csm::TableKind>(data[0] % csm::kTableCount);
  const uint8_t flags = data[1];
  std::string_view text(reinterpret_cast<const char*>(data) + 2, size - 2);
  csm::Engine engine;
  csm::LoadOptions options;
  options.lenient = flags & 1;
  options.format = (flags & 6) == 2 ? csm::InputFormat::kJson : (flags & 6) == 4 ? csm::InputFormat::kCsv
                                                                                   : csm::InputFormat::kAuto;
  if (flags & 8) options.amount_unit = csm::AmountUnit::kMinor;
  if (flags & 16) options.preset = "stripe";
  if (flags & 32) options.mapping = {{"customer_id", "id"}, {"amount", "price"}};
  const size_t chunk = 1 + (flags >> 6) * 7;
  try {
    engine.BeginLoad(kind, options);
    for (size_t at = 0; at < text.size(); at += chunk) engine.Feed(text.substr(at, chunk));
    engine.FinishLoad();
  } catch (const csm::CsmError&) {
    engine.AbortLoad();
  }
  try {
    csm::ReportOptions report;
    if (flags & 32) report.segment_by = "plan";
    engine.BuildReport(report);
  } catch (const csm::CsmError&) {
  }
  return 0;
}
