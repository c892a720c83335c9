// SPDX-License-Identifier: MIT
#include <unordered_map>

#include "core/table_builder.hpp"

namespace csm {
namespace {

enum Col { kCurrency, kMonth, kRate };

class ExchangeRatesBuilder : public TableBuilder {
 public:
  using TableBuilder::TableBuilder;
  void Reserve(size_t n) override { t_.currency.reserve(n), t_.month.reserve(n), t_.rate.reserve(n); }

  bool AddRow(RowReader& row) override {
    uint16_t currency = 0;
    Month month;
    int64_t rate;
    if (!ReadCurrency(row, kCurrency, ds_, currency) || !row.MonthValue(kMonth, month) ||
        !row.Scaled(kRate, kRateDigits, rate))
      return false;
    if (rate <= 0) return row.Fail(kRate, row.Raw(kRate), "is not a positive rate");
    int64_t key = (int64_t{currency} << 32) | static_cast<uint32_t>(month);
    auto [it, inserted] = first_line_.emplace(key, row.line());
    if (!inserted)
      return row.Fail(kMonth, row.Raw(kMonth),
                      "has a second rate for " + std::string(ds_.currencies.Get(currency)) +
                          " (first on line " + std::to_string(it->second) + ")",
                      ErrorCode::kDuplicateKey);
    t_.currency.push_back(currency);
    t_.month.push_back(month);
    t_.rate.push_back(rate);
    return true;
  }
  size_t rows() const override { return t_.size(); }
  void Commit() override { ds_.exchange_rates = std::move(t_); }

 protected:
  Attributes& attributes() override { return t_.attributes; }

 private:
  ExchangeRatesTable t_;
  std::unordered_map<int64_t, int64_t> first_line_;
};

}  // namespace

std::unique_ptr<TableBuilder> MakeExchangeRatesBuilder(const LoadOptions& o, Dataset& ds) {
  return std::make_unique<ExchangeRatesBuilder>(o, ds);
}

}  // namespace csm
