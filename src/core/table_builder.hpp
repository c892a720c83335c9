// SPDX-License-Identifier: MIT
#pragma once
#include <memory>

#include "core/header_binding.hpp"
#include "core/load_options.hpp"
#include "core/money.hpp"
#include "core/row_reader.hpp"
#include "core/tables.hpp"

namespace csm {

/// Builds one table from typed rows into a staging copy; Commit() swaps it into the
/// dataset, so a failed strict load leaves the previous state untouched.
class TableBuilder {
 public:
  TableBuilder(const LoadOptions& options, Dataset& ds) : options_(options), ds_(ds) {}
  virtual ~TableBuilder() = default;
  /// Checks column combinations the header cannot express alone; throws CsmError.
  virtual void Bind(const HeaderBinding& binding, const std::string& source);
  virtual void Reserve(size_t rows) = 0;
  /// Appends the row, or returns false with row.error() set and nothing appended.
  virtual bool AddRow(RowReader& row) = 0;
  virtual size_t rows() const = 0;
  virtual void Commit() = 0;

  /// Sizes the staged columns, segment attributes included, for `rows` rows.
  void ReserveRows(size_t rows);
  /// Segment attributes of the staged table, filled after each accepted row.
  void AppendAttributes(const RowReader& row);

 protected:
  virtual Attributes& attributes() = 0;
  const LoadOptions& options_;
  Dataset& ds_;
  const HeaderBinding* binding_ = nullptr;
};

std::unique_ptr<TableBuilder> MakeTableBuilder(TableKind kind, const LoadOptions& options,
                                               Dataset& ds);

// One factory per table, each in its own file.
std::unique_ptr<TableBuilder> MakeSubscriptionsBuilder(const LoadOptions&, Dataset&);
std::unique_ptr<TableBuilder> MakeCustomersBuilder(const LoadOptions&, Dataset&);
std::unique_ptr<TableBuilder> MakeResponsesBuilder(const LoadOptions&, Dataset&);
std::unique_ptr<TableBuilder> MakeTicketsBuilder(const LoadOptions&, Dataset&);
std::unique_ptr<TableBuilder> MakeCostsBuilder(const LoadOptions&, Dataset&);
std::unique_ptr<TableBuilder> MakeOnboardingBuilder(const LoadOptions&, Dataset&);
std::unique_ptr<TableBuilder> MakeTransactionsBuilder(const LoadOptions&, Dataset&);
std::unique_ptr<TableBuilder> MakeExchangeRatesBuilder(const LoadOptions&, Dataset&);

/// Interns a customer id, which must not be empty. Inline: every row of most tables.
[[gnu::always_inline]] inline bool ReadCustomer(RowReader& row, int column, Dataset& ds, uint32_t& out) {
  std::string_view id;
  if (!row.Text(column, id, true)) return false;
  out = ds.customers.Intern(id);
  return true;
}
/// Reads an ISO 4217 code (any case) and interns it upper-cased. Inline, as ReadCustomer.
[[gnu::always_inline]] inline bool ReadCurrency(RowReader& row, int column, Dataset& ds, uint16_t& out) {
  std::string_view code;
  if (!row.Text(column, code, true)) return false;
  if (!IsCurrencyCode(code)) return row.Fail(column, code, "is not an ISO 4217 currency code");
  const char upper[3] = {static_cast<char>(code[0] & ~0x20), static_cast<char>(code[1] & ~0x20),
                         static_cast<char>(code[2] & ~0x20)};
  out = static_cast<uint16_t>(ds.currencies.Intern(std::string_view(upper, 3)));
  return true;
}

}  // namespace csm
