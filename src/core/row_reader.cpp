// SPDX-License-Identifier: MIT
#include "core/row_reader.hpp"

#include "core/money.hpp"
#include "core/schema.hpp"
#include "core/text.hpp"

namespace csm {

RowReader::RowReader(TableKind kind, const HeaderBinding& binding, std::string source, bool json)
    : kind_(kind), binding_(binding), source_(std::move(source)), json_(json) {}

const char* RowReader::table_name() const { return TableName(kind_); }

std::string RowReader::Where(const std::string& column) const {
  return source_ + (json_ ? " object " : " line ") + std::to_string(line_) + ", column " + column;
}

bool RowReader::FailRow(const std::string& column, const std::string& reason, ErrorCode code) {
  error_.code = code;
  error_.table = TableName(kind_);
  error_.source = source_;
  error_.line = line_;
  error_.column = column;
  error_.message = Where(column) + ": " + reason;
  return false;
}

bool RowReader::Fail(int column, std::string_view value, std::string_view reason,
                     ErrorCode code) {
  std::string name = TableColumns(kind_)[column].name;
  std::string reason_text = value.empty() ? std::string() : QuoteForMessage(value) + " ";
  reason_text += reason;
  FailRow(name, reason_text, code);
  // Name the user's own header too when a mapping or preset renamed it.
  const std::string& header = binding_.header_of_column[column];
  if (!header.empty() && header != name)
    error_.message = Where(name + " (\"" + header + "\")") + ": " + reason_text;
  return false;
}

bool RowReader::FailRange(int column, std::string_view value, int64_t lo, int64_t hi) {
  return Fail(column, value, "is out of range (" + std::to_string(lo) + " to " + std::to_string(hi) + ")");
}

std::string_view RowReader::NotInFile(int column) const {
  return binding_.field_of_column[column] == HeaderBinding::kConstant ? Trim(binding_.constant_of_column[column])
                                                                      : std::string_view();
}

bool RowReader::MonthValue(int column, Month& out) {
  std::string_view s = Raw(column);
  if (s.empty()) return Fail(column, s, "a month (YYYY-MM) is required");
  MonthParse p = ParseMonth(s);
  if (p.error) return Fail(column, s, p.error);
  out = p.month;
  return true;
}

bool RowReader::Scaled(int column, int digits, int64_t& out) {
  std::string_view s = Raw(column);
  if (s.empty()) return Fail(column, s, "a number is required");
  DecimalParse p = ParseDecimalScaled(s, digits);
  if (p.error) return Fail(column, s, p.error);
  out = p.micros;
  return true;
}

bool RowReader::IntegerCell(int column, std::string_view s, int64_t& out, int64_t lo, int64_t hi,
                            int64_t fallback) {
  if (s.empty()) {
    out = fallback;
    return true;
  }
  size_t i = (s[0] == '-' || s[0] == '+') ? 1 : 0;
  if (i == s.size()) return Fail(column, s, "is not a whole number");
  int64_t v = 0;
  for (; i < s.size(); ++i) {
    if (s[i] < '0' || s[i] > '9') return Fail(column, s, "is not a whole number");
    v = v * 10 + (s[i] - '0');
    if (v > hi && v > -lo) return Fail(column, s, "is out of range");
  }
  if (s[0] == '-') v = -v;
  if (v < lo || v > hi) {
    if (v < 0 && lo == 0) return Fail(column, s, "is negative");
    return FailRange(column, s, lo, hi);
  }
  out = v;
  return true;
}

bool RowReader::Boolean(int column, int8_t& out) {
  std::string_view s = Raw(column);
  out = -1;
  if (s.empty()) return true;
  for (const char* t : {"true", "yes", "y", "1"})
    if (EqualsIgnoreCase(s, t)) return out = 1, true;
  for (const char* f : {"false", "no", "n", "0"})
    if (EqualsIgnoreCase(s, f)) return out = 0, true;
  return Fail(column, s, "is not true or false");
}

}  // namespace csm
