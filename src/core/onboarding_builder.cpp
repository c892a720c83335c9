// SPDX-License-Identifier: MIT
#include "core/table_builder.hpp"

namespace csm {
namespace {

enum Col { kCustomer, kStarted, kCompleted };

class OnboardingBuilder : public TableBuilder {
 public:
  using TableBuilder::TableBuilder;
  void Reserve(size_t n) override {
    t_.customer.reserve(n), t_.started.reserve(n), t_.completed.reserve(n);
  }

  bool AddRow(RowReader& row) override {
    uint32_t customer;
    Day started = kNoDay, completed = kNoDay;
    if (!ReadCustomer(row, kCustomer, ds_, customer) || !row.Date(kStarted, started, true) ||
        !row.Date(kCompleted, completed, false))
      return false;
    if (completed != kNoDay && completed < started)
      return row.Fail(kCompleted, row.Raw(kCompleted), "is before started_at " + FormatDay(started));
    t_.customer.push_back(customer);
    t_.started.push_back(started);
    t_.completed.push_back(completed);
    return true;
  }
  size_t rows() const override { return t_.size(); }
  void Commit() override { ds_.onboarding = std::move(t_); }

 protected:
  Attributes& attributes() override { return t_.attributes; }

 private:
  OnboardingTable t_;
};

}  // namespace

std::unique_ptr<TableBuilder> MakeOnboardingBuilder(const LoadOptions& o, Dataset& ds) {
  return std::make_unique<OnboardingBuilder>(o, ds);
}

}  // namespace csm
