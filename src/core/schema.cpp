// SPDX-License-Identifier: MIT
#include "core/schema.hpp"

#include "core/text.hpp"

namespace csm {
namespace {

constexpr ColumnSpec kSubscriptions[] = {
    {"customer_id", true}, {"plan", true},     {"start_date", true},
    {"end_date", false},   {"amount", true},   {"currency", false},
    {"interval", true},    {"interval_count", false}, {"quantity", false},
    {"churn_type", false},
};
constexpr ColumnSpec kCustomers[] = {{"customer_id", true}, {"signup_date", false}};
constexpr ColumnSpec kResponses[] = {{"customer_id", true}, {"date", true},
                                     {"survey", true},      {"score", true},
                                     {"comment", false},    {"touchpoint", false}};
constexpr ColumnSpec kTickets[] = {{"ticket_id", true},  {"customer_id", true},
                                   {"opened_at", true},  {"resolved_at", false},
                                   {"contacts", false},  {"first_contact_resolved", false}};
constexpr ColumnSpec kCosts[] = {{"month", true}, {"category", true}, {"amount", true}};
constexpr ColumnSpec kOnboarding[] = {{"customer_id", true}, {"started_at", true},
                                      {"completed_at", false}};
constexpr ColumnSpec kTransactions[] = {{"customer_id", true}, {"date", true}, {"amount", true}};
constexpr ColumnSpec kExchangeRates[] = {{"currency", true}, {"month", true},
                                         {"rate_to_reporting", true}};

constexpr const char* kNames[kTableCount] = {"subscriptions", "customers",    "responses",
                                             "tickets",       "costs",        "onboarding",
                                             "transactions",  "exchange_rates"};

}  // namespace

const char* TableName(TableKind kind) { return kNames[static_cast<int>(kind)]; }

std::optional<TableKind> TableFromName(std::string_view name) {
  for (int i = 0; i < kTableCount; ++i)
    if (EqualsIgnoreCase(name, kNames[i])) return static_cast<TableKind>(i);
  return std::nullopt;
}

std::span<const ColumnSpec> TableColumns(TableKind kind) {
  switch (kind) {
    case TableKind::kSubscriptions: return kSubscriptions;
    case TableKind::kCustomers: return kCustomers;
    case TableKind::kResponses: return kResponses;
    case TableKind::kTickets: return kTickets;
    case TableKind::kCosts: return kCosts;
    case TableKind::kOnboarding: return kOnboarding;
    case TableKind::kTransactions: return kTransactions;
    case TableKind::kExchangeRates: return kExchangeRates;
  }
  return {};
}

int ColumnIndex(TableKind kind, std::string_view name) {
  auto cols = TableColumns(kind);
  for (size_t i = 0; i < cols.size(); ++i)
    if (name == cols[i].name) return static_cast<int>(i);
  return -1;
}

}  // namespace csm
