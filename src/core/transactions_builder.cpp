// SPDX-License-Identifier: MIT
#include "core/table_builder.hpp"

namespace csm {
namespace {

enum Col { kCustomer, kDate, kAmount };

class TransactionsBuilder : public TableBuilder {
 public:
  using TableBuilder::TableBuilder;
  void Reserve(size_t n) override { t_.customer.reserve(n), t_.date.reserve(n), t_.amount.reserve(n); }

  bool AddRow(RowReader& row) override {
    uint32_t customer;
    Day date = kNoDay;
    int64_t amount = 0;
    if (!ReadCustomer(row, kCustomer, ds_, customer) || !row.Date(kDate, date, true) ||
        !row.Decimal(kAmount, amount, false))
      return false;
    t_.customer.push_back(customer);
    t_.date.push_back(date);
    t_.amount.push_back(amount);
    return true;
  }
  size_t rows() const override { return t_.size(); }
  void Commit() override { ds_.transactions = std::move(t_); }

 protected:
  Attributes& attributes() override { return t_.attributes; }

 private:
  TransactionsTable t_;
};

}  // namespace

std::unique_ptr<TableBuilder> MakeTransactionsBuilder(const LoadOptions& o, Dataset& ds) {
  return std::make_unique<TransactionsBuilder>(o, ds);
}

}  // namespace csm
