// SPDX-License-Identifier: MIT
#include "core/table_builder.hpp"

#include "core/money.hpp"
#include "core/text.hpp"

namespace csm {

void TableBuilder::Bind(const HeaderBinding& binding, const std::string&) {
  binding_ = &binding;
  Attributes& a = attributes();
  a.names = binding.attribute_names;
  a.values.assign(a.names.size(), {});
}

void TableBuilder::ReserveRows(size_t rows) {
  Reserve(rows);
  for (auto& values : attributes().values) values.reserve(rows);
}

void TableBuilder::AppendAttributes(const RowReader& row) {
  Attributes& a = attributes();
  for (size_t i = 0; i < a.names.size(); ++i)
    a.values[i].push_back(ds_.values.Intern(row.Cell(binding_->attribute_fields[i])));
}

std::unique_ptr<TableBuilder> MakeTableBuilder(TableKind kind, const LoadOptions& o, Dataset& ds) {
  switch (kind) {
    case TableKind::kSubscriptions: return MakeSubscriptionsBuilder(o, ds);
    case TableKind::kCustomers: return MakeCustomersBuilder(o, ds);
    case TableKind::kResponses: return MakeResponsesBuilder(o, ds);
    case TableKind::kTickets: return MakeTicketsBuilder(o, ds);
    case TableKind::kCosts: return MakeCostsBuilder(o, ds);
    case TableKind::kOnboarding: return MakeOnboardingBuilder(o, ds);
    case TableKind::kTransactions: return MakeTransactionsBuilder(o, ds);
    case TableKind::kExchangeRates: return MakeExchangeRatesBuilder(o, ds);
  }
  return nullptr;
}

int Attributes::Find(std::string_view name) const {
  for (size_t i = 0; i < names.size(); ++i)
    if (EqualsIgnoreCase(names[i], name)) return static_cast<int>(i);
  return -1;
}

}  // namespace csm
