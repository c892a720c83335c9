// SPDX-License-Identifier: MIT
#pragma once
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/errors.hpp"
#include "core/load_options.hpp"
#include "core/tables.hpp"
#include "core/text.hpp"

namespace csm {

struct LoadSummary {
  TableKind table;
  std::string source;
  size_t rows = 0;                 ///< rows now in the table
  std::vector<RowError> rejected;  ///< lenient mode: every skipped row, in input order
};

class CsvReader;
class JsonRecordReader;
class TableBuilder;
class RowReader;
struct HeaderBinding;
struct TextProblem;

/// Streams one table into a dataset: Feed() chunks of any size, then Finish(). Strict
/// mode throws CsmError at the first bad row; the dataset changes only in Finish(), so a
/// failed load leaves the table as it was (nothing is half-loaded).
class TableLoader {
 public:
  TableLoader(TableKind kind, LoadOptions options, Dataset& ds);
  ~TableLoader();
  TableLoader(const TableLoader&) = delete;
  TableLoader& operator=(const TableLoader&) = delete;

  void Feed(std::string_view chunk);
  LoadSummary Finish();
  TableKind kind() const { return kind_; }
  size_t rows() const;
  size_t bytes() const { return bytes_; }

 private:
  void Detect(std::string_view chunk, bool last = false);  // last: the stream has ended
  void OnHeader(std::span<const std::string_view> fields, int64_t line);
  // `bytes` bounds every field's size (SIZE_MAX when unknown); `trimmed` as CsvRecord.
  void OnRecord(std::span<const std::string_view> fields, int64_t line, bool trimmed, size_t bytes);
  bool CellsAreValid(std::span<const std::string_view> fields, size_t bytes);
  void ReserveRows();
  // The messages are built out of line, off the per-row path.
  [[gnu::cold]] void RejectFieldCount(size_t fields);
  [[gnu::cold]] bool FailLongCell(size_t field, size_t bytes);
  [[gnu::cold]] bool FailCellText(size_t field, const TextProblem& problem);
  void Reject(const RowError& error);

  TableKind kind_;
  LoadOptions options_;
  Dataset& ds_;
  std::unique_ptr<TableBuilder> builder_;
  std::unique_ptr<HeaderBinding> binding_;
  std::vector<std::string> field_names_;  // per field: canonical column, else the header cell
  std::unique_ptr<RowReader> row_;
  std::unique_ptr<CsvReader> csv_;
  std::unique_ptr<JsonRecordReader> json_;
  std::string pending_;  // bytes before the format is known
  std::vector<RowError> rejected_;
  size_t bytes_ = 0;
  size_t records_ = 0;
  size_t read_bytes_ = 0;     // the records' bytes, with a size hint
  size_t reserve_at_ = 2048;  // records when the columns are (next) sized
  CleanTextStream text_;
  bool clean_ = true;  // every byte fed so far is clean text: CSV cells need no check
};

}  // namespace csm
