// SPDX-License-Identifier: MIT
#pragma once
#include <array>
#include <climits>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/dates.hpp"
#include "core/string_pool.hpp"

namespace csm {

enum class TableKind : uint8_t {
  kSubscriptions, kCustomers, kResponses, kTickets, kCosts, kOnboarding, kTransactions,
  kExchangeRates,
};
inline constexpr int kTableCount = 8;

enum class Interval : uint8_t { kDay, kWeek, kMonth, kQuarter, kYear, kOneTime };
enum class ChurnType : uint8_t { kUnknown, kVoluntary, kInvoluntary };
enum class Survey : uint8_t { kNps, kCsat, kCes };

inline constexpr Day kNoDay = INT32_MAX;  ///< an empty optional date (end_date, resolved_at)
inline constexpr uint32_t kNoId = StringPool::kNone;

/// Columns the schema does not know, kept as segment attributes; values are ids in
/// Dataset::values.
struct Attributes {
  std::vector<std::string> names;
  std::vector<std::vector<uint32_t>> values;
  int Find(std::string_view name) const;  ///< case-insensitive; -1 when absent
};

/// Column vectors, one entry per row: no heap object per row.
struct SubscriptionsTable {
  std::vector<uint32_t> customer, plan;
  std::vector<Day> start, end;           ///< end == kNoDay: still active
  std::vector<int64_t> amount;           ///< millionths of a major unit
  std::vector<uint16_t> currency;        ///< index into Dataset::currencies
  std::vector<Interval> interval;
  std::vector<uint16_t> interval_count;
  std::vector<uint32_t> quantity;
  std::vector<ChurnType> churn_type;
  Attributes attributes;
  size_t size() const { return customer.size(); }
};

struct CustomersTable {
  std::vector<uint32_t> customer;
  std::vector<Day> signup;  ///< kNoDay when empty
  Attributes attributes;
  size_t size() const { return customer.size(); }
};

struct ResponsesTable {
  std::vector<uint32_t> customer;
  std::vector<Day> date;
  std::vector<Survey> survey;
  std::vector<int16_t> score;
  std::vector<uint32_t> touchpoint;      ///< id in Dataset::values, kNoId when empty
  std::string comment_chars;             ///< all comments back to back
  std::vector<uint64_t> comment_offsets{0};
  int csat_scale = 5, ces_scale = 7;
  Attributes attributes;
  size_t size() const { return customer.size(); }
  std::string_view Comment(size_t i) const {
    return std::string_view(comment_chars).substr(comment_offsets[i],
                                                  comment_offsets[i + 1] - comment_offsets[i]);
  }
};

struct TicketsTable {
  std::vector<uint32_t> ticket;          ///< id in Dataset::values
  std::vector<uint32_t> customer;
  std::vector<Day> opened, resolved;     ///< resolved == kNoDay: still open
  std::vector<int32_t> contacts;         ///< -1 when not given
  std::vector<int8_t> first_contact;     ///< 1 / 0, -1 when not given
  Attributes attributes;
  size_t size() const { return ticket.size(); }
};

struct CostsTable {
  std::vector<Month> month;
  std::vector<uint32_t> category;        ///< lower-cased, id in Dataset::values
  std::vector<int64_t> amount;           ///< millionths
  Attributes attributes;
  size_t size() const { return month.size(); }
};

struct OnboardingTable {
  std::vector<uint32_t> customer;
  std::vector<Day> started, completed;   ///< completed == kNoDay: not completed
  Attributes attributes;
  size_t size() const { return customer.size(); }
};

struct TransactionsTable {
  std::vector<uint32_t> customer;
  std::vector<Day> date;
  std::vector<int64_t> amount;           ///< millionths
  Attributes attributes;
  size_t size() const { return customer.size(); }
};

/// Rates are kept in 1e-12 units: small rates such as IDR to USD need more than 6 places.
inline constexpr int kRateDigits = 12;
struct ExchangeRatesTable {
  std::vector<uint16_t> currency;
  std::vector<Month> month;
  std::vector<int64_t> rate;
  Attributes attributes;
  size_t size() const { return currency.size(); }
};

/// Everything loaded. A table that was never loaded is empty optional ("missing": its
/// report sections are null); a loaded table with no rows is present.
struct Dataset {
  StringPool customers;   ///< customer_id values, shared by every table for joins
  StringPool values;      ///< plans, categories, touchpoints, attribute values
  StringPool currencies;  ///< upper-cased ISO codes
  std::optional<SubscriptionsTable> subscriptions;
  std::optional<CustomersTable> customers_table;
  std::optional<ResponsesTable> responses;
  std::optional<TicketsTable> tickets;
  std::optional<CostsTable> costs;
  std::optional<OnboardingTable> onboarding;
  std::optional<TransactionsTable> transactions;
  std::optional<ExchangeRatesTable> exchange_rates;
  std::array<std::string, kTableCount> sources;  ///< names as loaded (subscriptions.csv)
};

}  // namespace csm
