// SPDX-License-Identifier: MIT
#include "core/table_builder.hpp"
#include "core/text.hpp"

namespace csm {
namespace {

enum Col { kMonth, kCategory, kAmount };

class CostsBuilder : public TableBuilder {
 public:
  using TableBuilder::TableBuilder;
  void Reserve(size_t n) override { t_.month.reserve(n), t_.category.reserve(n), t_.amount.reserve(n); }

  bool AddRow(RowReader& row) override {
    Month month;
    std::string_view category;
    int64_t amount = 0;
    if (!row.MonthValue(kMonth, month) || !row.Text(kCategory, category, true) ||
        !row.Decimal(kAmount, amount, false))
      return false;
    t_.month.push_back(month);
    t_.category.push_back(ds_.values.Intern(ToLower(category)));
    t_.amount.push_back(amount);
    return true;
  }
  size_t rows() const override { return t_.size(); }
  void Commit() override { ds_.costs = std::move(t_); }

 protected:
  Attributes& attributes() override { return t_.attributes; }

 private:
  CostsTable t_;
};

}  // namespace

std::unique_ptr<TableBuilder> MakeCostsBuilder(const LoadOptions& o, Dataset& ds) {
  return std::make_unique<CostsBuilder>(o, ds);
}

}  // namespace csm
