// SPDX-License-Identifier: MIT
// The bad-input catalogue (tests/data/bad_input/catalogue.json, plus the large cases made
// here): every case fails with its code, line and column; strict mode leaves no table
// behind; lenient mode lists exactly the bad rows and keeps the good ones.
#include <gtest/gtest.h>

#include <algorithm>

#include <nlohmann/json.hpp>

#include "core/schema.hpp"
#include "test_util.hpp"

using namespace csm;
using namespace csm::testing;

namespace {

// "@@FC@@" in the catalogue stands for the byte 0xFC (JSON text cannot hold raw bytes).
std::string DecodeBytes(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s.compare(i, 2, "@@") == 0 && i + 6 <= s.size() && s.compare(i + 4, 2, "@@") == 0) {
      out.push_back(char(std::stoi(s.substr(i + 2, 2), nullptr, 16)));
      i += 5;
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

bool TableLoaded(const Engine& e, TableKind kind) {
  const Dataset& d = e.dataset();
  switch (kind) {
    case TableKind::kSubscriptions: return d.subscriptions.has_value();
    case TableKind::kCustomers: return d.customers_table.has_value();
    case TableKind::kResponses: return d.responses.has_value();
    case TableKind::kTickets: return d.tickets.has_value();
    case TableKind::kCosts: return d.costs.has_value();
    case TableKind::kOnboarding: return d.onboarding.has_value();
    case TableKind::kTransactions: return d.transactions.has_value();
    case TableKind::kExchangeRates: return d.exchange_rates.has_value();
  }
  return false;
}

struct Case {
  std::string id;
  TableKind table;
  std::string input;
  ErrorCode code;
  int64_t line;
  std::string column, contains;
  std::optional<std::vector<int64_t>> rejected;
};

void Check(const Case& c) {
  SCOPED_TRACE(c.id);
  Engine strict;
  try {
    strict.Load(c.table, c.input, {});
    ADD_FAILURE() << "no error";
  } catch (const CsmError& e) {
    EXPECT_EQ(ErrorCodeName(e.code()), ErrorCodeName(c.code)) << e.what();
    EXPECT_EQ(e.line(), c.line) << e.what();
    EXPECT_EQ(e.column(), c.column) << e.what();
    EXPECT_NE(std::string(e.what()).find(c.contains), std::string::npos) << e.what();
    EXPECT_EQ(e.table(), TableName(c.table));
  }
  EXPECT_FALSE(TableLoaded(strict, c.table)) << "strict mode must not leave a half-loaded table";
  strict.BuildReport({});  // and the engine stays usable
  if (!c.rejected) return;
  Engine lenient;
  LoadSummary s = lenient.Load(c.table, c.input, Lenient());
  std::vector<int64_t> lines;
  for (const RowError& e : s.rejected) lines.push_back(e.line);
  EXPECT_EQ(lines, *c.rejected);
  EXPECT_TRUE(TableLoaded(lenient, c.table));
  lenient.BuildReport({});
}

std::vector<Case> Catalogue() {
  const nlohmann::json all = nlohmann::json::parse(ReadFile(std::string(CSM_TEST_DATA) + "/bad_input/catalogue.json"));
  std::vector<Case> out;
  for (const auto& j : all) {
    Case c{j["id"], *TableFromName(j["table"].get<std::string>()), DecodeBytes(j["input"]), ErrorCode::kInternal,
           j["expect"]["line"], j["expect"]["column"], j["expect"].value("message_contains", ""), std::nullopt};
    for (int k = 0; k <= int(ErrorCode::kInternal); ++k)
      if (ErrorCodeName(ErrorCode(k)) == j["expect"]["code"].get<std::string>()) c.code = ErrorCode(k);
    if (j.contains("lenient_rejected_lines")) c.rejected = j["lenient_rejected_lines"].get<std::vector<int64_t>>();
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace

TEST(BadInput, EveryCatalogueCaseFailsAsDocumented) {
  const auto cases = Catalogue();
  ASSERT_GE(cases.size(), 60u);
  for (const Case& c : cases) Check(c);
}

// The same outcome, error or rejected lines, whatever the chunking: a loader checks cells
// one by one only once the stream is not clean UTF-8, and a sequence may be cut between
// chunks (the catalogue's byte cases, and multi-byte text next to a bad byte).
std::string Outcome(const Case& c, size_t cut, bool lenient) {
  Engine engine;
  LoadOptions options = lenient ? Lenient() : LoadOptions{};
  try {
    engine.BeginLoad(c.table, options);
    engine.Feed(std::string_view(c.input).substr(0, cut));
    engine.Feed(std::string_view(c.input).substr(cut));
    std::string out = "loaded";
    for (const RowError& e : engine.FinishLoad().rejected) out += " " + std::to_string(e.line) + ":" + e.column + ":" + e.message;
    return out;
  } catch (const CsmError& e) {
    return std::string(ErrorCodeName(e.code())) + " " + std::to_string(e.line()) + ":" + e.column() + ":" + e.what();
  }
}

TEST(BadInput, TheOutcomeDoesNotDependOnTheChunking) {
  std::vector<Case> cases = Catalogue();
  const std::string head = "customer_id,signup_date,city\nc1,2024-01-01,K\xC3\xB6ln\nc2,2024-01-02,\xE6\x9D\xB1\xE4\xBA\xAC\n";
  cases.push_back({"bad_after_good", TableKind::kCustomers, head + "c3,2024-01-03,K\xF6ln\nc4,2024-01-04,\xF0\x9F\x98\x80\n",
                   ErrorCode::kInvalidValue, 4, "city", "not UTF-8", {{4}}});
  cases.push_back({"cut_at_the_end", TableKind::kCustomers, head + "c3,2024-01-03,\xE6\x9D",
                   ErrorCode::kInvalidValue, 4, "city", "not UTF-8", {{4}}});
  cases.push_back({"quoted_bad_byte", TableKind::kCustomers, head + "c3,2024-01-03,\"a,\xE6\x9D\"\"\"\n",
                   ErrorCode::kInvalidValue, 4, "city", "not UTF-8", {{4}}});
  int byte_cases = 0;
  for (const Case& c : cases) {
    SCOPED_TRACE(c.id);
    byte_cases += std::any_of(c.input.begin(), c.input.end(),
                              [](char ch) { return ch == '\0' || static_cast<unsigned char>(ch) >= 0x80; });
    if (c.rejected) Check(c);
    for (bool lenient : {false, true}) {
      const std::string whole = Outcome(c, c.input.size(), lenient);
      for (size_t cut = 0; cut < c.input.size(); ++cut) ASSERT_EQ(Outcome(c, cut, lenient), whole) << "cut " << cut;
    }
  }
  EXPECT_GE(byte_cases, 8);
}

TEST(BadInput, HugeLinesAndFieldsAreRejectedNotSwallowed) {
  const std::string header = "customer_id,signup_date\n";
  std::string wide = header + "c1,2024-01-01\nc2";
  for (int i = 0; i < 100000; ++i) wide += ",x";
  wide += "\nc3,2024-01-03\n";
  Check({"100000_columns", TableKind::kCustomers, wide, ErrorCode::kFieldCount, 3, "(field 3)", "", {{3}}});
  const std::string big = header + "c1,2024-01-01\n\"" + std::string(10 << 20, 'x') + "\",2024-01-02\n";
  Check({"10_MB_field", TableKind::kCustomers, big, ErrorCode::kLimit, 3, "customer_id", "1 MiB", {{3}}});
  std::string wide_header = "customer_id";
  for (int i = 0; i < 100000; ++i) wide_header += ",a" + std::to_string(i);
  Engine engine;
  std::string row = "c1";
  for (int i = 0; i < 100000; ++i) row += ",v";
  EXPECT_EQ(engine.Load(TableKind::kCustomers, wide_header + "\n" + row + "\n", {}).rows, 1u) << "100,000 attribute columns";
}

TEST(BadInput, HeaderOnlyIsAnEmptyTableNotAnError) {
  for (const char* input : {"customer_id,signup_date\n", "customer_id,signup_date", "[]"}) {
    Engine engine;
    EXPECT_EQ(engine.Load(TableKind::kCustomers, input, {}).rows, 0u) << input;
    Report r = engine.BuildReport({});
    EXPECT_TRUE(r.months.empty());
  }
}
