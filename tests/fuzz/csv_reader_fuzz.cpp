// SPDX-License-Identifier: MIT
// libFuzzer: the CSV reader fed the input in chunks whose sizes come from the input's
// first bytes must produce exactly what one whole feed produces (records, or the error).
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "core/csv_reader.hpp"

namespace {

struct Outcome {
  std::vector<std::vector<std::string>> records;
  std::vector<int64_t> lines;
  int64_t error_line = 0, error_column = 0;
  bool operator==(const Outcome&) const = default;
};

Outcome Parse(std::string_view text, std::string_view cuts) {
  Outcome out;
  try {
    csm::CsvReader reader([&](const csm::CsvRecord& r) {
      out.records.emplace_back(r.fields.begin(), r.fields.end());
      out.lines.push_back(r.line);
    }, 1 << 16);
    size_t at = 0, k = 0;
    while (at < text.size()) {
      size_t n = cuts.empty() ? text.size() : 1 + static_cast<unsigned char>(cuts[k++ % cuts.size()]) % 64;
      n = std::min(n, text.size() - at);
      reader.feed(text.substr(at, n));
      at += n;
    }
    reader.finish();
  } catch (const csm::CsvSyntaxError& e) {
    out.error_line = e.line();
    out.error_column = e.column();
    out.records.clear();
    out.lines.clear();
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  const size_t ncuts = std::min<size_t>(data[0] % 16, size - 1);
  std::string_view cuts(reinterpret_cast<const char*>(data) + 1, ncuts);
  std::string_view text(reinterpret_cast<const char*>(data) + 1 + ncuts, size - 1 - ncuts);
  const Outcome whole = Parse(text, {});
  const Outcome chunked = Parse(text, cuts.empty() ? std::string_view("\x01") : cuts);
  // Errors found only after more input may differ in which comes first? No: both see the
  // same bytes in the same order, so outcomes must match exactly.
  if (!(whole == chunked)) std::abort();
  return 0;
}
