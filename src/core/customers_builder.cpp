// SPDX-License-Identifier: MIT
#include <unordered_map>

#include "core/table_builder.hpp"

namespace csm {
namespace {

enum Col { kCustomer, kSignup };

// customers is a join table: one row per customer_id, so a repeat is an error, not a merge.
class CustomersBuilder : public TableBuilder {
 public:
  using TableBuilder::TableBuilder;
  void Reserve(size_t n) override { t_.customer.reserve(n), t_.signup.reserve(n); }

  bool AddRow(RowReader& row) override {
    uint32_t customer;
    Day signup = kNoDay;
    if (!ReadCustomer(row, kCustomer, ds_, customer) || !row.Date(kSignup, signup, false))
      return false;
    auto [it, inserted] = first_line_.emplace(customer, row.line());
    if (!inserted)
      return row.Fail(kCustomer, row.Raw(kCustomer),
                      "appears twice (first on line " + std::to_string(it->second) + ")",
                      ErrorCode::kDuplicateKey);
    t_.customer.push_back(customer);
    t_.signup.push_back(signup);
    return true;
  }
  size_t rows() const override { return t_.size(); }
  void Commit() override { ds_.customers_table = std::move(t_); }

 protected:
  Attributes& attributes() override { return t_.attributes; }

 private:
  CustomersTable t_;
  std::unordered_map<uint32_t, int64_t> first_line_;
};

}  // namespace

std::unique_ptr<TableBuilder> MakeCustomersBuilder(const LoadOptions& o, Dataset& ds) {
  return std::make_unique<CustomersBuilder>(o, ds);
}

}  // namespace csm
