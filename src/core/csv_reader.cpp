// SPDX-License-Identifier: MIT
#include "core/csv_reader.hpp"

#include <bit>
#include <cstring>

#include "core/text.hpp"

namespace csm {
namespace {

constexpr char kBom[] = "\xEF\xBB\xBF";

// States of the record-boundary scan used only while a record straddles chunks.
enum Scan : uint8_t { kFieldStart, kUnquoted, kQuoted, kQuoteInQuoted, kAfterClose };

// Most bytes are above the space: one compare rules them out.
bool IsBlank(char c) { return static_cast<unsigned char>(c) <= ' ' && (c == ' ' || c == '\t'); }
bool IsBreak(char c) { return c == '\n' || c == '\r'; }

// The high bit of every byte of w below 0x2D: all of comma, CR, LF and double quote, and
// few bytes of data besides (space, tab, !#$%&'()*+), which the caller skips. Exact per
// byte (no borrow crosses bytes: each byte is at least 0x80 when 0x2D is taken off), and
// five operations where testing the four bytes one by one takes twenty.
uint64_t CandidateBits(uint64_t w) {
  constexpr uint64_t kHigh = 0x8080808080808080ull, kOnes = 0x0101010101010101ull;
  return ~(((w | kHigh) - kOnes * 0x2D) | w) & kHigh;
}

// Index of the first byte (in memory order) whose high bit is set in bits, nonzero.
size_t FirstMarkedByte(uint64_t bits) {
  if constexpr (std::endian::native == std::endian::little) return size_t(std::countr_zero(bits)) / 8;
  else return size_t(std::countl_zero(bits)) / 8;
}

// Physical lines inside a quoted value: CRLF, LF and a lone CR each end one.
int64_t CountBreaks(const char* p, const char* end) {
  int64_t n = 0;
  for (; p < end; ++p) {
    if (*p == '\n') ++n;
    else if (*p == '\r' && (p + 1 == end || p[1] != '\n')) ++n;
  }
  return n;
}

}  // namespace

CsvReader::CsvReader(Sink sink, size_t max_record_bytes)
    : sink_(std::move(sink)), max_record_bytes_(max_record_bytes) {}

void CsvReader::CheckSize(size_t bytes) const {
  if (bytes > max_record_bytes_)
    throw CsvSyntaxError(line_, 1, "a record is longer than " +
                                       std::to_string(max_record_bytes_ >> 20) + " MB");
}

void CsvReader::feed(std::string_view chunk) {
  if (finished_) throw std::logic_error("CsvReader::feed after finish");
  // The BOM may itself be split across chunks.
  while (at_start_ && !chunk.empty()) {
    if (chunk.front() != kBom[bom_seen_]) {
      at_start_ = false;
      if (bom_seen_ > 0) Process(std::string_view(kBom, bom_seen_));
      break;
    }
    chunk.remove_prefix(1);
    if (++bom_seen_ == 3) at_start_ = false;
  }
  if (!at_start_) Process(chunk);
}

void CsvReader::finish() {
  if (finished_) throw std::logic_error("CsvReader::finish called twice");
  if (at_start_ && bom_seen_ > 0) {
    at_start_ = false;
    Process(std::string_view(kBom, bom_seen_));
  }
  finished_ = true;
  if (!carry_.empty()) {
    ParseRecord(carry_.data(), carry_.data() + carry_.size(), true);
    carry_.clear();
  }
}

void CsvReader::Process(std::string_view data) {
  auto skip_paired_lf = [&] {
    if (pending_lf_ && !data.empty()) {
      pending_lf_ = false;
      if (data.front() == '\n') data.remove_prefix(1);
    }
  };
  skip_paired_lf();
  if (!carry_.empty()) {
    size_t k = ScanForEnd(data);
    if (k == std::string_view::npos) {
      CheckSize(carry_.size() + data.size());
      carry_.append(data);
      return;
    }
    CheckSize(carry_.size() + k);
    carry_.append(data.substr(0, k));
    data.remove_prefix(k);
    ParseRecord(carry_.data(), carry_.data() + carry_.size(), false);
    carry_.clear();
    skip_paired_lf();
  }
  const char* p = data.data();
  const char* end = p + data.size();
  while (p < end) {
    const char* next = ParseRecord(p, end, false);
    if (next == nullptr) {  // the record goes on in the next chunk
      CheckSize(size_t(end - p));
      carry_.assign(p, end);
      scan_ = kFieldStart;
      ScanForEnd(carry_);
      return;
    }
    p = next;
  }
}

// Where the record held in carry_ ends within `data` (just past its CR or LF), or npos;
// keeps its state in scan_ so that every byte is scanned once however small the chunks.
size_t CsvReader::ScanForEnd(std::string_view data) {
  auto s = static_cast<Scan>(scan_);
  for (size_t i = 0; i < data.size(); ++i) {
    const char c = data[i];
    switch (s) {
      case kFieldStart:
        if (c == '"') s = kQuoted;
        else if (IsBreak(c)) return scan_ = kFieldStart, i + 1;
        else if (c != ',' && !IsBlank(c)) s = kUnquoted;
        break;
      case kUnquoted:
      case kAfterClose:  // text after a closing quote: ParseRecord reports it
        if (c == ',') s = kFieldStart;
        else if (IsBreak(c)) return scan_ = kFieldStart, i + 1;
        break;
      case kQuoted:
        if (c == '"') s = kQuoteInQuoted;
        break;
      case kQuoteInQuoted:
        if (c == '"') s = kQuoted;
        else if (c == ',') s = kFieldStart;
        else if (IsBreak(c)) return scan_ = kFieldStart, i + 1;
        else s = kAfterClose;
        break;
    }
  }
  scan_ = s;
  return std::string_view::npos;
}

// Parses the record starting at p. Returns the first byte after it, or nullptr when the
// buffer ends first and more input may follow (`final` false). Emits the record unless it
// is a blank line.
const char* CsvReader::ParseRecord(const char* p, const char* end, bool final) {
  const char* const begin = p;
  fields_.clear();
  escaped_.clear();
  scratch_.clear();
  int64_t breaks = 0;
  bool quoted_any = false;
  if (const char* at_break = SplitPlainFields(p, end)) {
    p = at_break;
  } else {
    fields_.clear();
    p = SplitFields(p, end, final, breaks, quoted_any);
    if (p == nullptr) return nullptr;
  }
  // p is at the record's line break, or at the end of the final input.
  const int64_t start_line = line_;
  if (p < end) {
    if (*p++ == '\r') {
      if (p < end && *p == '\n') ++p;
      else if (p == end && !final) pending_lf_ = true;
    }
    ++breaks;
  }
  line_ += breaks;
  if (fields_.size() == 1 && fields_[0].empty() && !quoted_any) return p;  // a blank line
  for (const Escaped& e : escaped_) fields_[e.field] = std::string_view(scratch_.data() + e.offset, e.size);
  sink_(CsvRecord{fields_, start_line, !quoted_any, size_t(p - begin)});
  return p;
}

// The common record, without a double quote, whose line break lies in the buffer before
// its last 8 bytes: split eight bytes at a time, each delimiter found by a bit. Returns
// the record's line break, or nullptr (fields_ partly filled) for SplitFields to redo.
// Spaces and tabs are among the marked bytes, so the fields are trimmed only in the rare
// record that has one.
const char* CsvReader::SplitPlainFields(const char* p, const char* end) {
  const char* field = p;
  bool blank = false;
  for (; end - p >= 8; p += 8) {
    uint64_t w;
    std::memcpy(&w, p, 8);
    for (uint64_t bits = CandidateBits(w); bits != 0; bits &= bits - 1) {
      const char* d = p + FirstMarkedByte(bits);
      const char c = *d;
      if (c == ',') {
        fields_.emplace_back(field, size_t(d - field));
        field = d + 1;
      } else if (IsBreak(c)) {
        fields_.emplace_back(field, size_t(d - field));
        if (blank)
          for (std::string_view& f : fields_) f = Trim(f);
        return d;
      } else if (c == '"') {
        return nullptr;
      } else {
        blank = blank || IsBlank(c);
      }
    }
  }
  return nullptr;
}

// Any record: quoted fields, doubled quotes, line breaks inside quotes. Returns the
// record's line break (or the end of the final input), or nullptr when the buffer ends
// first and more input may follow.
const char* CsvReader::SplitFields(const char* p, const char* end, bool final,
                                   int64_t& breaks, bool& quoted_any) {
  for (;;) {
    while (p < end && IsBlank(*p)) ++p;
    if (p < end && *p == '"') {
      quoted_any = true;
      const char* begin = ++p;
      bool escaped = false;
      const char* close;
      for (;;) {
        const char* q = static_cast<const char*>(std::memchr(p, '"', size_t(end - p)));
        if (q == nullptr || (q + 1 == end && !final)) {
          if (!final) return nullptr;
          throw CsvSyntaxError(line_, int64_t(fields_.size()) + 1,
                               "a quoted field is never closed (field " +
                                   std::to_string(fields_.size() + 1) + ")");
        }
        if (q + 1 < end && q[1] == '"') {
          escaped = true;
          p = q + 2;
          continue;
        }
        close = q;
        p = q + 1;
        break;
      }
      breaks += CountBreaks(begin, close);
      if (escaped) {
        size_t offset = scratch_.size();
        for (const char* c = begin; c < close; ++c) {
          scratch_.push_back(*c);
          if (*c == '"') ++c;  // the second of a doubled quote
        }
        escaped_.push_back({fields_.size(), offset, scratch_.size() - offset});
        fields_.emplace_back();
      } else {
        fields_.emplace_back(begin, size_t(close - begin));
      }
      while (p < end && IsBlank(*p)) ++p;
      if (p == end) {
        if (!final) return nullptr;
        return p;
      }
      if (*p == ',') {
        ++p;
        continue;
      }
      if (IsBreak(*p)) return p;
      throw CsvSyntaxError(line_, int64_t(fields_.size()),
                           "text after the closing quote of field " +
                               std::to_string(fields_.size()));
    }
    const char* begin = p;
    while (p < end && *p != ',' && !IsBreak(*p)) ++p;
    if (p == end && !final) return nullptr;
    fields_.push_back(Trim(std::string_view(begin, size_t(p - begin))));
    if (p < end && *p == ',') {
      ++p;
      continue;
    }
    return p;
  }
}

}  // namespace csm
