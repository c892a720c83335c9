// SPDX-License-Identifier: MIT
#include "core/errors.hpp"
#include "core/money.hpp"
#include "core/presets.hpp"
#include "core/table_builder.hpp"
#include "core/text.hpp"

namespace csm {
namespace {

enum Col { kCustomer, kPlan, kStart, kEnd, kAmount, kCurrency, kInterval, kIntervalCount,
           kQuantity, kChurnType };

bool ParseInterval(std::string_view s, Interval& out) {
  static constexpr std::pair<const char*, Interval> kNames[] = {
      {"month", Interval::kMonth}, {"year", Interval::kYear},     {"week", Interval::kWeek},
      {"day", Interval::kDay},     {"quarter", Interval::kQuarter},
      {"one_time", Interval::kOneTime}, {"one-time", Interval::kOneTime}};
  for (const auto& [name, value] : kNames)
    if (EqualsIgnoreCase(s, name)) return out = value, true;
  return false;
}

class SubscriptionsBuilder : public TableBuilder {
 public:
  using TableBuilder::TableBuilder;

  void Bind(const HeaderBinding& binding, const std::string& source) override {
    TableBuilder::Bind(binding, source);
    if (binding.field_of_column[kCurrency] != -1) return;
    if (options_.currency.empty())
      throw CsmError(ErrorCode::kMissingColumn,
                     source + " line 1, column currency: required column is missing (or give "
                              "the currency option for a single-currency file)",
                     "subscriptions", 1, "currency");
    if (!IsCurrencyCode(options_.currency))
      throw CsmError(ErrorCode::kInvalidOption,
                     "currency option \"" + options_.currency + "\" is not an ISO 4217 code",
                     "subscriptions");
    default_currency_ = static_cast<uint16_t>(ds_.currencies.Intern(ToUpper(options_.currency)));
  }

  void Reserve(size_t n) override {
    t_.customer.reserve(n), t_.plan.reserve(n), t_.start.reserve(n), t_.end.reserve(n);
    t_.amount.reserve(n), t_.currency.reserve(n), t_.interval.reserve(n);
    t_.interval_count.reserve(n), t_.quantity.reserve(n), t_.churn_type.reserve(n);
  }

  bool AddRow(RowReader& row) override {
    Row r;
    if (!ReadRow(row, r)) return false;
    Append(r);
    return true;
  }

  size_t rows() const override { return t_.size(); }
  void Commit() override { ds_.subscriptions = std::move(t_); }

 protected:
  Attributes& attributes() override { return t_.attributes; }

 private:
  // One row's values, read and checked before any column grows.
  struct Row {
    uint32_t customer;
    std::string_view plan;
    Day start, end;
    int64_t amount, interval_count, quantity;
    uint16_t currency;
    Interval interval;
    ChurnType churn;
  };

  bool ReadRow(RowReader& row, Row& r) {
    r.currency = default_currency_;
    if (!ReadCustomer(row, kCustomer, ds_, r.customer) || !row.Text(kPlan, r.plan, false) ||
        !row.Date(kStart, r.start, true) || !row.Date(kEnd, r.end, false) ||
        !ReadStartAfterTrial(row, r.start, r.end) || !ReadInterval(row, r.interval) ||
        !row.Integer(kIntervalCount, r.interval_count, 1, 1000, 1) ||
        !row.Integer(kQuantity, r.quantity, 0, 1'000'000'000, 1) || !ReadChurn(row, r.churn))
      return false;
    if (row.Has(kCurrency) && !ReadCurrency(row, kCurrency, ds_, r.currency)) return false;
    if (!ReadAmount(row, r.currency, r.amount)) return false;
    if (r.end != kNoDay && r.end < r.start) return FailEndBeforeStart(row, r.start);
    return true;
  }

  // Out of line so that the per-row path builds no string.
  [[gnu::cold]] static bool FailEndBeforeStart(RowReader& row, Day start) {
    return row.Fail(kEnd, row.Raw(kEnd), "is before start_date " + FormatDay(start));
  }

  void Append(const Row& r) {
    t_.customer.push_back(r.customer);
    t_.plan.push_back(ds_.values.Intern(r.plan));
    t_.start.push_back(r.start);
    t_.end.push_back(r.end);
    t_.amount.push_back(r.amount);
    t_.currency.push_back(r.currency);
    t_.interval.push_back(r.interval);
    t_.interval_count.push_back(static_cast<uint16_t>(r.interval_count));
    t_.quantity.push_back(static_cast<uint32_t>(r.quantity));
    t_.churn_type.push_back(r.churn);
  }

  static std::string ToUpper(std::string s) {
    for (char& c : s) c = static_cast<char>(c & ~0x20);
    return s;
  }

  bool ReadInterval(RowReader& row, Interval& out) {
    std::string_view s = row.Raw(kInterval);
    if (s.empty()) return row.Fail(kInterval, s, "an interval is required");
    if (!ParseInterval(s, out))
      return row.Fail(kInterval, s, "is not an interval (day, week, month, quarter, year, one_time)");
    return true;
  }

  bool ReadChurn(RowReader& row, ChurnType& out) {
    std::string_view s = row.Raw(kChurnType);
    out = ChurnType::kUnknown;
    if (s.empty()) return true;
    if (EqualsIgnoreCase(s, "voluntary")) return out = ChurnType::kVoluntary, true;
    if (EqualsIgnoreCase(s, "involuntary")) return out = ChurnType::kInvoluntary, true;
    // Stripe's "Cancellation Reason" carries free reasons; the unknown ones stay unknown.
    if (!options_.preset.empty()) return StripeChurnType(s, out), true;
    return row.Fail(kChurnType, s, "is not a churn type (voluntary, involuntary or empty)");
  }

  bool ReadAmount(RowReader& row, uint16_t currency, int64_t& out) {
    if (!row.Decimal(kAmount, out, false)) return false;
    if (options_.amount_unit == AmountUnit::kMinor) {
      int64_t scale = Pow10(MinorUnitExponent(ds_.currencies.Get(currency)));
      if (out % scale != 0)
        return row.Fail(kAmount, row.Raw(kAmount), "has more than 6 decimal places in major units");
      out /= scale;
    }
    return true;
  }

  // Stripe rows in trial are not paying yet: revenue starts when the trial ends.
  bool ReadStartAfterTrial(RowReader& row, Day& start, Day end) {
    if (!binding_ || binding_->trial_end_field < 0) return true;
    std::string_view s = row.Cell(binding_->trial_end_field);
    if (s.empty()) return true;
    DateParse p = ParseDate(s);
    if (p.error) return row.FailRow("trial_end", QuoteForMessage(s) + " " + p.error,
                                    ErrorCode::kInvalidValue);
    if (p.day > start) start = end != kNoDay && p.day > end ? end : p.day;
    return true;
  }

  SubscriptionsTable t_;
  uint16_t default_currency_ = 0;
};

}  // namespace

std::unique_ptr<TableBuilder> MakeSubscriptionsBuilder(const LoadOptions& o, Dataset& ds) {
  return std::make_unique<SubscriptionsBuilder>(o, ds);
}

}  // namespace csm
