// SPDX-License-Identifier: MIT
#pragma once
#include <cstdint>
#include <functional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace csm {

/// A malformed CSV stream (an unterminated quote, text after a closing quote, a record
/// over the size limit). Fails the whole table, even in lenient mode (DATA.md).
class CsvSyntaxError : public std::runtime_error {
 public:
  CsvSyntaxError(int64_t line, int64_t column, std::string reason)
      : std::runtime_error(reason), line_(line), column_(column), reason_(std::move(reason)) {}
  int64_t line() const { return line_; }      ///< 1-based physical line
  int64_t column() const { return column_; }  ///< 1-based field index
  const std::string& reason() const { return reason_; }

 private:
  int64_t line_, column_;
  std::string reason_;
};

/// One record, valid only during the sink callback.
struct CsvRecord {
  std::span<const std::string_view> fields;  ///< unquoted fields trimmed of spaces/tabs
  int64_t line;                              ///< physical line the record starts on
  bool trimmed = false;                      ///< no field was quoted: all are trimmed
  size_t bytes = 0;                          ///< the record's length in the input: no field is longer
};

/// Streaming RFC 4180 reader: feed() takes chunks of any size (a chunk may end inside a
/// quoted field, a CRLF pair or a UTF-8 sequence) and the records are identical for every
/// chunking. Blank lines are skipped; a leading UTF-8 BOM is dropped.
class CsvReader {
 public:
  using Sink = std::function<void(const CsvRecord&)>;
  explicit CsvReader(Sink sink, size_t max_record_bytes = size_t{64} << 20);
  void feed(std::string_view chunk);
  void finish();  ///< flushes a last record without a final newline; throws on open quote

 private:
  // A quoted field with doubled quotes, unescaped into scratch_: its view is set only
  // when the record is complete, since scratch_ may move while it grows.
  struct Escaped {
    size_t field, offset, size;
  };
  void Process(std::string_view data);
  const char* ParseRecord(const char* p, const char* end, bool final);
  const char* SplitPlainFields(const char* p, const char* end);
  const char* SplitFields(const char* p, const char* end, bool final, int64_t& breaks,
                          bool& quoted_any);
  size_t ScanForEnd(std::string_view data);
  void CheckSize(size_t bytes) const;

  Sink sink_;
  size_t max_record_bytes_;
  std::string carry_;    // bytes of a record still incomplete at the end of a chunk
  std::string scratch_;  // quoted fields with doubled quotes, unescaped
  std::vector<Escaped> escaped_;
  std::vector<std::string_view> fields_;
  int64_t line_ = 1;         // physical line the next record starts on
  uint8_t scan_ = 0;         // ScanForEnd's state at the end of carry_
  bool pending_lf_ = false;  // a chunk ended on CR: a leading LF of the next one pairs with it
  bool at_start_ = true;     // BOM check pending
  bool finished_ = false;
  size_t bom_seen_ = 0;
};

}  // namespace csm
