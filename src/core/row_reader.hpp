// SPDX-License-Identifier: MIT
#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "core/dates.hpp"
#include "core/errors.hpp"
#include "core/header_binding.hpp"
#include "core/money.hpp"
#include "core/tables.hpp"
#include "core/text.hpp"

namespace csm {

/// Typed access to one input row by canonical column, with DATA.md's error message
/// ("subscriptions.csv line 1042, column amount: \"12,5O\" is not a number"). Each getter
/// returns false after recording the row's first error; the builder then drops the row.
class RowReader {
 public:
  RowReader(TableKind kind, const HeaderBinding& binding, std::string source, bool json);

  /// `trimmed`: no field has blanks at either end (a CSV record without quoted fields),
  /// so the getters need not trim each cell again.
  void Reset(std::span<const std::string_view> fields, int64_t line, bool trimmed) {
    fields_ = fields;
    line_ = line;
    trimmed_ = trimmed;
  }
  int64_t line() const { return line_; }
  bool Has(int column) const { return binding_.field_of_column[column] != -1; }
  /// The trimmed cell, "" when the column is absent. Inline: every getter starts here.
  [[gnu::always_inline]] std::string_view Raw(int column) const {
    const int field = binding_.field_of_column[column];
    return field >= 0 ? Cell(field) : NotInFile(column);
  }
  std::string_view Field(int field) const { return fields_[field]; }
  /// A column given as a constant, or absent: out of line, so that Raw is a few
  /// instructions in every getter (the wasm build had kept it a call).
  [[gnu::cold]] std::string_view NotInFile(int column) const;
  /// The trimmed field.
  std::string_view Cell(int field) const { return trimmed_ ? fields_[field] : Trim(fields_[field]); }

  /// Inline: every row reads a few text cells (the customer, the plan, the currency).
  [[gnu::always_inline]] bool Text(int column, std::string_view& out, bool required) {
    out = Raw(column);
    return !required || !out.empty() || Fail(column, "", "a value is required");
  }
  /// Empty optional -> kNoDay. Inline: one or two a row.
  [[gnu::always_inline]] bool Date(int column, Day& out, bool required) {
    const std::string_view s = Raw(column);
    if (s.empty()) {
      out = kNoDay;
      return !required || Fail(column, "", "a date is required");
    }
    const DateParse p = parse_date_(s);
    if (p.error) return Fail(column, s, p.error);
    out = p.day;
    return true;
  }
  bool MonthValue(int column, Month& out);
  /// Inline: an amount a row.
  [[gnu::always_inline]] bool Decimal(int column, int64_t& micros, bool allow_negative) {
    const std::string_view s = Raw(column);
    if (s.empty()) return Fail(column, "", "an amount is required");
    const DecimalParse p = ParseDecimalMicros(s);
    if (p.error) return Fail(column, s, p.error);
    if (p.micros < 0 && !allow_negative) return Fail(column, s, "is negative");
    micros = p.micros;
    return true;
  }
  /// Scaled decimal with `digits` fractional digits (exchange rates use 12).
  bool Scaled(int column, int digits, int64_t& out);
  /// Inline for the usual one-digit cell (a quantity, an interval count, a score).
  [[gnu::always_inline]] bool Integer(int column, int64_t& out, int64_t lo, int64_t hi, int64_t fallback) {
    const std::string_view s = Raw(column);
    if (s.size() == 1) {
      const int64_t v = int64_t(static_cast<unsigned char>(s[0])) - '0';
      if (v >= 0 && v <= 9 && v >= lo && v <= hi) {
        out = v;
        return true;
      }
    }
    return IntegerCell(column, s, out, lo, hi, fallback);
  }
  bool Boolean(int column, int8_t& out);  ///< -1 when empty

  /// Records the row's error; always returns false.
  /// The reason is a view so that a getter's hot path builds no string (and needs no
  /// stack frame to destroy one). Cold: it runs only for a row that fails, so the getters
  /// inlined into every row keep their failure branches out of the way.
  [[gnu::cold]] bool Fail(int column, std::string_view value, std::string_view reason,
                          ErrorCode code = ErrorCode::kInvalidValue);
  /// The same for a whole-row problem not tied to one value (field counts).
  bool FailRow(const std::string& column, const std::string& reason, ErrorCode code);
  const RowError& error() const { return error_; }
  const std::string& source() const { return source_; }
  const char* table_name() const;

 private:
  std::string Where(const std::string& column) const;
  bool IntegerCell(int column, std::string_view s, int64_t& out, int64_t lo, int64_t hi, int64_t fallback);
  // Out of line: the message is built only on failure, not on Integer's hot path.
  [[gnu::noinline]] bool FailRange(int column, std::string_view value, int64_t lo, int64_t hi);
  TableKind kind_;
  const HeaderBinding& binding_;
  std::string source_;
  bool json_;
  std::span<const std::string_view> fields_;
  int64_t line_ = 0;
  bool trimmed_ = false;
  DateParser parse_date_;
  RowError error_;
};

}  // namespace csm
