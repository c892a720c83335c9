// SPDX-License-Identifier: MIT
#pragma once
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>

namespace csm {

/// Reads a JSON array of flat objects as header + records, so JSON input goes through
/// the same row checks as CSV. The header is the first object's keys; a later object may
/// omit keys (empty cells). Values are text: numbers as written (exact decimals stay
/// exact), booleans as true/false, null as empty, strings trimmed. Input arrives in
/// chunks; the array is parsed by a SAX pass at Finish(), building no DOM.
class JsonRecordReader {
 public:
  using Sink = std::function<void(std::span<const std::string_view> fields, int64_t index)>;
  JsonRecordReader(Sink header, Sink record) : header_(std::move(header)), record_(std::move(record)) {}
  void Feed(std::string_view chunk) { buffer_.append(chunk); }
  /// Throws CsmError (malformed_json) naming the object index where parsing stopped.
  void Finish(const std::string& source);

 private:
  Sink header_, record_;
  std::string buffer_;
};

}  // namespace csm
