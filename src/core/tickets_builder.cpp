// SPDX-License-Identifier: MIT
#include <unordered_map>

#include "core/errors.hpp"
#include "core/table_builder.hpp"

namespace csm {
namespace {

enum Col { kTicket, kCustomer, kOpened, kResolved, kContacts, kFirstContact };

class TicketsBuilder : public TableBuilder {
 public:
  using TableBuilder::TableBuilder;

  void Bind(const HeaderBinding& b, const std::string& source) override {
    TableBuilder::Bind(b, source);
    if (b.field_of_column[kContacts] == -1 && b.field_of_column[kFirstContact] == -1)
      throw CsmError(ErrorCode::kMissingColumn,
                     source + " line 1, column contacts: required column is missing (give "
                              "contacts or first_contact_resolved)",
                     "tickets", 1, "contacts");
  }
  void Reserve(size_t n) override {
    t_.ticket.reserve(n), t_.customer.reserve(n), t_.opened.reserve(n);
    t_.resolved.reserve(n), t_.contacts.reserve(n), t_.first_contact.reserve(n);
  }

  bool AddRow(RowReader& row) override {
    std::string_view ticket;
    uint32_t customer;
    Day opened = kNoDay, resolved = kNoDay;
    int64_t contacts;
    int8_t first_contact;
    if (!row.Text(kTicket, ticket, true) || !ReadCustomer(row, kCustomer, ds_, customer) ||
        !row.Date(kOpened, opened, true) || !row.Date(kResolved, resolved, false) ||
        !row.Integer(kContacts, contacts, 0, 1'000'000, -1) ||
        !row.Boolean(kFirstContact, first_contact))
      return false;
    if (resolved != kNoDay && resolved < opened)
      return row.Fail(kResolved, row.Raw(kResolved), "is before opened_at " + FormatDay(opened));
    // Contacts count exchanges until resolution: a resolved ticket had at least one.
    if (resolved != kNoDay && contacts == 0)
      return row.Fail(kContacts, row.Raw(kContacts), "is 0 but the ticket was resolved (1 = solved at first contact)");
    uint32_t id = ds_.values.Intern(ticket);
    auto [it, inserted] = first_line_.emplace(id, row.line());
    if (!inserted)
      return row.Fail(kTicket, ticket,
                      "appears twice (first on line " + std::to_string(it->second) + ")",
                      ErrorCode::kDuplicateKey);
    t_.ticket.push_back(id);
    t_.customer.push_back(customer);
    t_.opened.push_back(opened);
    t_.resolved.push_back(resolved);
    t_.contacts.push_back(static_cast<int32_t>(contacts));
    t_.first_contact.push_back(first_contact);
    return true;
  }
  size_t rows() const override { return t_.size(); }
  void Commit() override { ds_.tickets = std::move(t_); }

 protected:
  Attributes& attributes() override { return t_.attributes; }

 private:
  TicketsTable t_;
  std::unordered_map<uint32_t, int64_t> first_line_;
};

}  // namespace

std::unique_ptr<TableBuilder> MakeTicketsBuilder(const LoadOptions& o, Dataset& ds) {
  return std::make_unique<TicketsBuilder>(o, ds);
}

}  // namespace csm
