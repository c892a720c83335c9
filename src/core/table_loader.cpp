// SPDX-License-Identifier: MIT
#include "core/table_loader.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdio>

#include "core/csv_reader.hpp"
#include "core/header_binding.hpp"
#include "core/json_reader.hpp"
#include "core/row_reader.hpp"
#include "core/schema.hpp"
#include "core/table_builder.hpp"
#include "core/text.hpp"

namespace csm {
namespace {

std::string DefaultSource(TableKind kind, InputFormat format) {
  return std::string(TableName(kind)) + (format == InputFormat::kJson ? ".json" : ".csv");
}

// An export that pads rows with empty trailing cells (spreadsheets do) is not short of data.
// No value of any table needs more; a bigger cell is a broken export, not data.
constexpr size_t kMaxCellBytes = size_t{1} << 20;

bool OnlyEmptyBeyond(std::span<const std::string_view> fields, size_t n) {
  for (size_t i = n; i < fields.size(); ++i)
    if (!fields[i].empty()) return false;
  return true;
}

}  // namespace

TableLoader::TableLoader(TableKind kind, LoadOptions options, Dataset& ds)
    : kind_(kind), options_(std::move(options)), ds_(ds),
      builder_(MakeTableBuilder(kind, options_, ds)) {
  if (options_.format != InputFormat::kAuto && options_.source.empty())
    options_.source = DefaultSource(kind, options_.format);
}

TableLoader::~TableLoader() = default;

size_t TableLoader::rows() const { return builder_->rows(); }

void TableLoader::Detect(std::string_view chunk, bool last) {
  pending_.append(chunk);
  // The UTF-16 tests below look at four bytes, whatever the chunks a stream came in.
  if (pending_.size() < 4 && !last) return;
  // UTF-16 (with its byte-order mark, or ASCII interleaved with NUL bytes) is common from
  // Excel's "Unicode text"; say so rather than report garbage cells.
  const bool bom16 = pending_.size() >= 2 && ((pending_[0] == '\xFF' && pending_[1] == '\xFE') ||
                                              (pending_[0] == '\xFE' && pending_[1] == '\xFF'));
  const bool nul16 = pending_.size() >= 4 && pending_[0] != '\0' && pending_[1] == '\0' &&
                     pending_[2] != '\0' && pending_[3] == '\0';
  if (bom16 || nul16) {
    const std::string source = options_.source.empty() ? DefaultSource(kind_, InputFormat::kCsv) : options_.source;
    throw CsmError(ErrorCode::kMalformedCsv,
                   source + " line 1: the file is UTF-16 text; save it as UTF-8 (CSV UTF-8 in Excel)",
                   TableName(kind_), 1);
  }
  size_t i = pending_.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
  if (i == std::string::npos) return;  // only blanks or a partial BOM so far
  InputFormat format = options_.format;
  if (format == InputFormat::kAuto)
    format = (pending_[i] == '[' || pending_[i] == '{') ? InputFormat::kJson : InputFormat::kCsv;
  if (options_.source.empty()) options_.source = DefaultSource(kind_, format);
  std::string bytes;
  bytes.swap(pending_);
  if (format == InputFormat::kJson) {
    json_ = std::make_unique<JsonRecordReader>(
        [this](std::span<const std::string_view> f, int64_t) { OnHeader(f, 1); },
        [this](std::span<const std::string_view> f, int64_t index) { OnRecord(f, index, false, SIZE_MAX); });
    json_->Feed(std::string_view(bytes).substr(bytes.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0));
  } else {
    csv_ = std::make_unique<CsvReader>([this](const CsvRecord& r) {
      binding_ ? OnRecord(r.fields, r.line, r.trimmed, r.bytes) : OnHeader(r.fields, r.line);
    });
    csv_->feed(bytes);
  }
}

void TableLoader::Feed(std::string_view chunk) {
  bytes_ += chunk.size();
  // Once one chunk is not clean text the cells are checked one by one from then on: a
  // record can carry bytes over from any earlier chunk. A sequence cut at the chunk's end
  // is completed by the next one before any record holding it is read.
  clean_ = text_.Feed(chunk);
  try {
    if (csv_) csv_->feed(chunk);
    else if (json_) json_->Feed(chunk);
    else Detect(chunk);
  } catch (const CsvSyntaxError& e) {
    throw CsmError(ErrorCode::kMalformedCsv,
                   options_.source + " line " + std::to_string(e.line()) + ": " + e.reason(),
                   TableName(kind_), e.line());
  }
}

void TableLoader::OnHeader(std::span<const std::string_view> fields, int64_t line) {
  for (size_t i = 0; i < fields.size(); ++i)
    if (auto problem = FindTextProblem(fields[i]))
      throw CsmError(ErrorCode::kMalformedCsv,
                     options_.source + " line " + std::to_string(line) + ", header cell " + std::to_string(i + 1) +
                         ": " + (problem->nul ? "contains a NUL byte (is this a binary file?)"
                                              : "is not UTF-8 text; save the file as UTF-8"),
                     TableName(kind_), line);
  binding_ = std::make_unique<HeaderBinding>(BindHeader(kind_, fields, options_, options_.source, line));
  field_names_.assign(fields.begin(), fields.end());
  const auto columns = TableColumns(kind_);
  for (size_t c = 0; c < columns.size(); ++c)
    if (int f = binding_->field_of_column[c]; f >= 0) field_names_[size_t(f)] = columns[c].name;
  builder_->Bind(*binding_, options_.source);
  row_ = std::make_unique<RowReader>(kind_, *binding_, options_.source, json_ != nullptr);
}

void TableLoader::OnRecord(std::span<const std::string_view> fields, int64_t line, bool trimmed,
                           size_t bytes) {
  ++records_;
  if (options_.size_hint > 0) {
    read_bytes_ += bytes == SIZE_MAX ? 0 : bytes + 1;  // and its line break (JSON: none)
    if (records_ == reserve_at_) ReserveRows();
  }
  row_->Reset(fields, line, trimmed);
  const size_t expected = binding_->field_count;
  if (fields.size() != expected && !(fields.size() > expected && OnlyEmptyBeyond(fields, expected)))
    return RejectFieldCount(fields.size());
  if (!CellsAreValid(fields, bytes)) return Reject(row_->error());
  if (!builder_->AddRow(*row_)) return Reject(row_->error());
  builder_->AppendAttributes(*row_);
}

// Columns sized from the bytes per record read so far and the bytes still to come, so
// that they do not double (a 2x peak, then half of it unused). The bytes fed so far would
// not do: a browser's Blob arrives in chunks of up to 2 MiB, so they can be thousands of
// records ahead. Sized again whenever full: the first records may be longer or shorter
// than the rest. Each size is at least 1/8 more than the last, so the copies stay few.
void TableLoader::ReserveRows() {
  // A JSON record has no length in the input, and JSON is parsed once all of it was fed:
  // `read` is then past the hint.
  const size_t read = json_ ? bytes_ : read_bytes_;
  if (read >= options_.size_hint) {
    reserve_at_ = SIZE_MAX;  // past the hint: the columns grow on their own
    return;
  }
  const double per_record = double(read) / double(records_);
  const size_t rest = size_t(double(options_.size_hint - read) / per_record * 1.03) + 16;
  reserve_at_ = records_ + std::max(rest, records_ / 8);
  builder_->ReserveRows(reserve_at_);
}

// In field order, each cell's size and then its text: the first problem is the row's.
bool TableLoader::CellsAreValid(std::span<const std::string_view> fields, size_t bytes) {
  const size_t n = std::min(fields.size(), field_names_.size());
  if (clean_ && csv_) {  // CSV cells are the stream's bytes; JSON ones may hold \u0000
    if (bytes <= kMaxCellBytes) return true;  // no cell is longer than its record
    for (size_t i = 0; i < n; ++i)
      if (fields[i].size() > kMaxCellBytes) return FailLongCell(i, fields[i].size());
    return true;
  }
  for (size_t i = 0; i < n; ++i) {
    if (fields[i].size() > kMaxCellBytes) return FailLongCell(i, fields[i].size());
    if (const auto problem = FindTextProblem(fields[i])) return FailCellText(i, *problem);
  }
  return true;
}

void TableLoader::RejectFieldCount(size_t fields) {
  const size_t expected = binding_->field_count;
  std::string where = fields < expected ? "the row ends early" : "the row has extra cells";
  row_->FailRow(fields < expected ? "(field " + std::to_string(fields + 1) + ")"
                                  : "(field " + std::to_string(expected + 1) + ")",
                where + ": " + std::to_string(fields) + " fields, the header has " +
                    std::to_string(expected),
                ErrorCode::kFieldCount);
  Reject(row_->error());
}

bool TableLoader::FailLongCell(size_t field, size_t bytes) {
  return row_->FailRow(field_names_[field], "the value is longer than 1 MiB (" + std::to_string(bytes) + " bytes)",
                       ErrorCode::kLimit);
}

bool TableLoader::FailCellText(size_t field, const TextProblem& problem) {
  char hex[8];
  std::snprintf(hex, sizeof hex, "0x%02X", problem.byte);
  return row_->FailRow(field_names_[field],
                       problem.nul ? "the value contains a NUL byte"
                                   : std::string("the value is not UTF-8 text (byte ") + hex + " at position " +
                                         std::to_string(problem.offset + 1) + "); save the file as UTF-8",
                       ErrorCode::kInvalidValue);
}

void TableLoader::Reject(const RowError& error) {
  if (!options_.lenient) throw ToError(error);
  rejected_.push_back(error);
}

LoadSummary TableLoader::Finish() {
  try {
    if (!csv_ && !json_) Detect({}, true);
    if (!csv_ && !json_) {  // nothing but blanks arrived
      std::string source = options_.source.empty() ? DefaultSource(kind_, options_.format)
                                                   : options_.source;
      throw CsmError(ErrorCode::kMalformedCsv, source + " line 1: the file is empty (no header)",
                     TableName(kind_), 1);
    }
    clean_ = text_.Finish();  // the last record may end inside a sequence
    if (csv_) csv_->finish();
    if (json_) json_->Finish(options_.source);
  } catch (const CsmError& e) {
    if (!e.table().empty()) throw;
    throw CsmError(e.code(), e.what(), TableName(kind_), e.line(), e.column());  // name the table
  } catch (const CsvSyntaxError& e) {
    throw CsmError(ErrorCode::kMalformedCsv,
                   options_.source + " line " + std::to_string(e.line()) + ": " + e.reason(),
                   TableName(kind_), e.line());
  }
  if (!binding_ && csv_)
    throw CsmError(ErrorCode::kMalformedCsv, options_.source + " line 1: the file has no header",
                   TableName(kind_), 1);
  LoadSummary summary{kind_, options_.source, builder_->rows(), std::move(rejected_)};
  builder_->Commit();
  ds_.sources[static_cast<int>(kind_)] = options_.source;
  return summary;
}

}  // namespace csm
