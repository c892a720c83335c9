// SPDX-License-Identifier: MIT
// One test per rule of DATA.md "Bad input", plus the format rules around them.
#include <gtest/gtest.h>

#include "core/engine.hpp"
#include "test_util.hpp"

using namespace csm;
using namespace csm::testing;

namespace {

std::string Subs(const std::string& rows) { return std::string(kSubsHeader) + rows; }

void ExpectError(const CsmError& e, ErrorCode code, int64_t line, const std::string& column,
                 const std::string& message) {
  EXPECT_EQ(e.code(), code) << e.what();
  EXPECT_EQ(e.line(), line) << e.what();
  EXPECT_EQ(e.column(), column) << e.what();
  EXPECT_EQ(std::string(e.what()), message);
}

}  // namespace

TEST(Loader, NamesTableLineColumnAndReason) {
  auto e = LoadError(TableKind::kSubscriptions,
                     Subs("c1,Pro,2024-01-01,,10,USD,month,1,1,\nc2,Pro,2024-01-01,,\"12,5O\",USD,month,1,1,\n"));
  ExpectError(e, ErrorCode::kInvalidValue, 3, "amount",
              "subscriptions.csv line 3, column amount: \"12,5O\" is not a number");
  EXPECT_EQ(e.table(), "subscriptions");
}

TEST(Loader, NegativeAmountIsAnError) {
  ExpectError(LoadError(TableKind::kSubscriptions, Subs("c1,Pro,2024-01-01,,-10,USD,month,1,1,\n")),
              ErrorCode::kInvalidValue, 2, "amount",
              "subscriptions.csv line 2, column amount: \"-10\" is negative");
}

TEST(Loader, NegativeQuantityIsAnError) {
  ExpectError(LoadError(TableKind::kSubscriptions, Subs("c1,Pro,2024-01-01,,10,USD,month,1,-2,\n")),
              ErrorCode::kInvalidValue, 2, "quantity",
              "subscriptions.csv line 2, column quantity: \"-2\" is negative");
}

TEST(Loader, EndBeforeStartIsAnError) {
  ExpectError(LoadError(TableKind::kSubscriptions, Subs("c1,Pro,2024-03-01,2024-02-01,10,USD,month,1,1,\n")),
              ErrorCode::kInvalidValue, 2, "end_date",
              "subscriptions.csv line 2, column end_date: \"2024-02-01\" is before start_date 2024-03-01");
}

TEST(Loader, IntervalCountZeroIsAnError) {
  ExpectError(LoadError(TableKind::kSubscriptions, Subs("c1,Pro,2024-03-01,,10,USD,month,0,1,\n")),
              ErrorCode::kInvalidValue, 2, "interval_count",
              "subscriptions.csv line 2, column interval_count: \"0\" is out of range (1 to 1000)");
}

TEST(Loader, EmptyRequiredCellsAreErrors) {
  ExpectError(LoadError(TableKind::kSubscriptions, Subs(",Pro,2024-03-01,,10,USD,month,1,1,\n")),
              ErrorCode::kInvalidValue, 2, "customer_id",
              "subscriptions.csv line 2, column customer_id: a value is required");
  ExpectError(LoadError(TableKind::kSubscriptions, Subs("c1,Pro,2024-03-01,,10,  ,month,1,1,\n")),
              ErrorCode::kInvalidValue, 2, "currency",
              "subscriptions.csv line 2, column currency: a value is required");
  ExpectError(LoadError(TableKind::kSubscriptions, Subs("c1,Pro,,,10,USD,month,1,1,\n")),
              ErrorCode::kInvalidValue, 2, "start_date",
              "subscriptions.csv line 2, column start_date: a date is required");
  ExpectError(LoadError(TableKind::kSubscriptions, Subs("c1,Pro,2024-03-01,,,USD,month,1,1,\n")),
              ErrorCode::kInvalidValue, 2, "amount", "subscriptions.csv line 2, column amount: an amount is required");
}

TEST(Loader, CurrencyMustBeAnIsoCode) {
  ExpectError(LoadError(TableKind::kSubscriptions, Subs("c1,Pro,2024-03-01,,10,US$,month,1,1,\n")),
              ErrorCode::kInvalidValue, 2, "currency",
              "subscriptions.csv line 2, column currency: \"US$\" is not an ISO 4217 currency code");
  Engine engine;
  engine.Load(TableKind::kSubscriptions, Subs("c1,Pro,2024-03-01,,10,usd,month,1,1,\nc2,Pro,2024-03-01,,10,USD,month,1,1,\n"), {});
  EXPECT_EQ(engine.dataset().currencies.size(), 1u);  // interned upper-cased: one currency
  EXPECT_EQ(engine.dataset().currencies.Get(0), "USD");
}

// One-character cells take the getter's inline path; they must be read, or refused, as the
// longer ones are.
TEST(Loader, OneCharacterWholeNumbers) {
  for (const char* bad : {"x", "+", "-", "/", ":"}) {
    ExpectError(LoadError(TableKind::kSubscriptions, Subs(std::string("c1,Pro,2024-03-01,,10,USD,month,1,") + bad + ",\n")),
                ErrorCode::kInvalidValue, 2, "quantity",
                std::string("subscriptions.csv line 2, column quantity: \"") + bad + "\" is not a whole number");
  }
  Engine engine;
  engine.Load(TableKind::kSubscriptions,
              Subs("c1,Pro,2024-03-01,,10,USD,month,3,0,\nc2,Pro,2024-03-01,,10,USD,month,9,9,\n"
                   "c3,Pro,2024-03-01,,10,USD,month,, ,\n"),
              {});
  ASSERT_TRUE(engine.dataset().subscriptions);
  const SubscriptionsTable& t = *engine.dataset().subscriptions;
  ASSERT_EQ(t.size(), 3u);
  EXPECT_EQ(t.interval_count[0], 3);
  EXPECT_EQ(t.quantity[0], 0u);
  EXPECT_EQ(t.interval_count[1], 9);
  EXPECT_EQ(t.quantity[1], 9u);
  EXPECT_EQ(t.interval_count[2], 1);  // empty: the default
  EXPECT_EQ(t.quantity[2], 1u);
  // A score may be read as negative before its scale refuses it: "/" is still no number.
  ExpectError(LoadError(TableKind::kResponses, "customer_id,date,survey,score,comment\nc1,2024-01-05,nps,/,\n"),
              ErrorCode::kInvalidValue, 2, "score", "responses.csv line 2, column score: \"/\" is not a whole number");
}

TEST(Loader, UnknownIntervalIsAnError) {
  ExpectError(LoadError(TableKind::kSubscriptions, Subs("c1,Pro,2024-03-01,,10,USD,fortnight,1,1,\n")),
              ErrorCode::kInvalidValue, 2, "interval",
              "subscriptions.csv line 2, column interval: \"fortnight\" is not an interval (day, "
              "week, month, quarter, year, one_time)");
}

TEST(Loader, EnumerationsAreCaseInsensitive) {
  Engine engine;
  auto s = engine.Load(TableKind::kSubscriptions, Subs("c1,Pro,2024-03-01,,10,usd,MONTH,1,1,Voluntary\n"), {});
  EXPECT_EQ(s.rows, 1u);
  EXPECT_EQ(engine.dataset().subscriptions->interval[0], Interval::kMonth);
  EXPECT_EQ(engine.dataset().subscriptions->churn_type[0], ChurnType::kVoluntary);
}

TEST(Loader, ScoreOffItsScaleIsAnError) {
  const std::string h = "customer_id,date,survey,score,comment\n";
  ExpectError(LoadError(TableKind::kResponses, h + "c1,2024-01-05,nps,11,\n"), ErrorCode::kInvalidValue,
              2, "score", "responses.csv line 2, column score: \"11\" is off the nps scale 0-10");
  ExpectError(LoadError(TableKind::kResponses, h + "c1,2024-01-05,csat,6,\n"), ErrorCode::kInvalidValue,
              2, "score", "responses.csv line 2, column score: \"6\" is off the csat scale 1-5");
  ExpectError(LoadError(TableKind::kResponses, h + "c1,2024-01-05,ces,0,\n"), ErrorCode::kInvalidValue,
              2, "score", "responses.csv line 2, column score: \"0\" is off the ces scale 1-7");
  LoadOptions ten;
  ten.csat_scale = 10;
  Engine engine;
  EXPECT_EQ(engine.Load(TableKind::kResponses, h + "c1,2024-01-05,csat,9,great\n", ten).rows, 1u);
}

TEST(Loader, ResolutionBeforeOpeningIsAnError) {
  ExpectError(LoadError(TableKind::kTickets,
                        "ticket_id,customer_id,opened_at,resolved_at,contacts\nT1,c1,2024-01-05,2024-01-04,1\n"),
              ErrorCode::kInvalidValue, 2, "resolved_at",
              "tickets.csv line 2, column resolved_at: \"2024-01-04\" is before opened_at 2024-01-05");
}

TEST(Loader, DuplicateTicketIdIsAnError) {
  ExpectError(LoadError(TableKind::kTickets,
                        "ticket_id,customer_id,opened_at,resolved_at,contacts\n"
                        "T1,c1,2024-01-05,,1\nT2,c1,2024-01-05,,1\nT1,c2,2024-01-06,,2\n"),
              ErrorCode::kDuplicateKey, 4, "ticket_id",
              "tickets.csv line 4, column ticket_id: \"T1\" appears twice (first on line 2)");
}

TEST(Loader, MixedCurrencyWithoutRatesIsAnError) {
  Engine engine;
  engine.Load(TableKind::kSubscriptions,
              Subs("c1,Pro,2024-01-01,,10,USD,month,1,1,\nc2,Pro,2024-01-01,,10,EUR,month,1,1,\n"), {});
  try {
    engine.BuildReport({});
    FAIL() << "expected mixed_currency";
  } catch (const CsmError& e) {
    EXPECT_EQ(e.code(), ErrorCode::kMixedCurrency);
    EXPECT_EQ(e.table(), "subscriptions");
    EXPECT_EQ(e.column(), "currency");
    EXPECT_NE(std::string(e.what()).find("EUR, USD"), std::string::npos) << e.what();
  }
}

TEST(Loader, MissingRateNamesCurrencyAndMonth) {
  Engine engine;
  engine.Load(TableKind::kSubscriptions,
              Subs("c1,Pro,2024-01-01,,10,USD,month,1,1,\nc2,Pro,2024-01-01,,10,EUR,month,1,1,\n"), {});
  engine.Load(TableKind::kExchangeRates, "currency,month,rate_to_reporting\nEUR,2024-01,1.1\n", {});
  ReportOptions r;
  r.to = 2024 * 12 + 1;  // February has no EUR rate
  try {
    engine.BuildReport(r);
    FAIL() << "expected missing_exchange_rate";
  } catch (const CsmError& e) {
    EXPECT_EQ(e.code(), ErrorCode::kMissingExchangeRate);
    EXPECT_NE(std::string(e.what()).find("EUR in 2024-02"), std::string::npos) << e.what();
  }
}

TEST(Loader, StrictModeLoadsNothingOnFirstError) {
  Engine engine;
  engine.Load(TableKind::kSubscriptions, Subs("old,Pro,2024-01-01,,10,USD,month,1,1,\n"), {});
  EXPECT_THROW(engine.Load(TableKind::kSubscriptions,
                           Subs("a,Pro,2024-01-01,,10,USD,month,1,1,\nb,Pro,2024-01-01,,x,USD,month,1,1,\n"), {}),
               CsmError);
  ASSERT_TRUE(engine.dataset().subscriptions.has_value());
  EXPECT_EQ(engine.dataset().subscriptions->size(), 1u);  // the earlier table, untouched
  EXPECT_EQ(engine.dataset().customers.Get(engine.dataset().subscriptions->customer[0]), "old");
  EXPECT_THROW(engine.Load(TableKind::kCustomers, "customer_id,signup_date\nc1,2024-99-01\n", {}), CsmError);
  EXPECT_FALSE(engine.dataset().customers_table.has_value());
}

TEST(Loader, LenientModeLoadsGoodRowsAndListsEveryBadOne) {
  Engine engine;
  auto s = engine.Load(TableKind::kSubscriptions,
                       Subs("a,Pro,2024-01-01,,10,USD,month,1,1,\n"
                            "b,Pro,2024-01-01,,x,USD,month,1,1,\n"
                            "c,Pro,2024-01-01,,10,USD,month,1,1,\n"
                            "d,Pro,2024-13-01,,10,USD,month,1,1,\n"
                            "e,Pro,2024-01-01,,10,USD,month,1\n"),
                       Lenient());
  EXPECT_EQ(s.rows, 2u);
  ASSERT_EQ(s.rejected.size(), 3u);
  EXPECT_EQ(s.rejected[0].line, 3);
  EXPECT_EQ(s.rejected[0].column, "amount");
  EXPECT_EQ(s.rejected[1].line, 5);
  EXPECT_EQ(s.rejected[1].message,
            "subscriptions.csv line 5, column start_date: \"2024-13-01\" is not a valid calendar date");
  EXPECT_EQ(s.rejected[2].code, ErrorCode::kFieldCount);
  EXPECT_EQ(engine.BuildReport({}).meta.rejected.size(), 3u);
}

TEST(Loader, MalformedCsvFailsEvenInLenientMode) {
  Engine engine;
  try {
    engine.Load(TableKind::kSubscriptions, Subs("a,\"Pro,2024-01-01,,10,USD,month,1,1,\n"), Lenient());
    FAIL() << "expected malformed_csv";
  } catch (const CsmError& e) {
    EXPECT_EQ(e.code(), ErrorCode::kMalformedCsv);
    EXPECT_EQ(e.line(), 2);
  }
  EXPECT_FALSE(engine.dataset().subscriptions.has_value());
}

TEST(Loader, MissingRequiredColumnIsNamed) {
  ExpectError(LoadError(TableKind::kSubscriptions, "customer_id,plan,start_date,amount,currency\n"),
              ErrorCode::kMissingColumn, 1, "interval",
              "subscriptions.csv line 1, column interval: required column is missing");
}

TEST(Loader, DuplicateHeaderIsAnError) {
  auto e = LoadError(TableKind::kCustomers, "customer_id,Region,region\nc1,EU,US\n");
  EXPECT_EQ(e.code(), ErrorCode::kDuplicateColumn);
  EXPECT_EQ(e.line(), 1);
}

TEST(Loader, EmptyFileIsAnErrorAndHeaderOnlyIsAnEmptyTable) {
  EXPECT_EQ(LoadError(TableKind::kCustomers, "").code(), ErrorCode::kMalformedCsv);
  EXPECT_EQ(LoadError(TableKind::kCustomers, "\xEF\xBB\xBF \n").code(), ErrorCode::kMalformedCsv);
  Engine engine;
  EXPECT_EQ(engine.Load(TableKind::kSubscriptions, kSubsHeader, {}).rows, 0u);
  EXPECT_TRUE(engine.dataset().subscriptions.has_value());
}

TEST(Loader, HeadersMatchCaseInsensitivelyAndValuesAreTrimmed) {
  Engine engine;
  engine.Load(TableKind::kSubscriptions,
              "Customer_ID , PLAN,Start_Date,End_Date,Amount,Currency,Interval\n"
              "  c1 , Pro Plan ,2024-01-15, , 49.90 ,USD, month \n",
              {});
  const auto& t = *engine.dataset().subscriptions;
  EXPECT_EQ(engine.dataset().customers.Get(t.customer[0]), "c1");
  EXPECT_EQ(engine.dataset().values.Get(t.plan[0]), "Pro Plan");
  EXPECT_EQ(t.amount[0], 49'900'000);
  EXPECT_EQ(t.end[0], kNoDay);
  EXPECT_EQ(t.quantity[0], 1u);        // default
  EXPECT_EQ(t.interval_count[0], 1u);  // default
}

TEST(Loader, MappingRenamesAndExtraColumnsBecomeAttributes) {
  Engine engine;
  LoadOptions o;
  o.mapping = {{"customer_id", "Account"}, {"signup_date", "Joined"}};
  engine.Load(TableKind::kCustomers, "Account,Joined,Region,Industry\nA1,2023-05-01,EU,Retail\n", o);
  const auto& t = *engine.dataset().customers_table;
  ASSERT_EQ(t.attributes.names.size(), 2u);
  EXPECT_EQ(t.attributes.names[0], "Region");
  EXPECT_EQ(engine.dataset().values.Get(t.attributes.values[1][0]), "Retail");
  EXPECT_EQ(t.attributes.Find("region"), 0);
  o.mapping = {{"customer_id", "Nope"}};
  auto e = LoadError(TableKind::kCustomers, "Account\nA1\n", o);
  EXPECT_EQ(e.code(), ErrorCode::kMissingColumn);
  EXPECT_NE(std::string(e.what()).find("\"Nope\""), std::string::npos);
}

TEST(Loader, ErrorsNameTheUsersHeaderToo) {
  LoadOptions o;
  o.mapping = {{"amount", "Plan Amount"}};
  auto e = LoadError(TableKind::kSubscriptions,
                     "customer_id,plan,start_date,Plan Amount,currency,interval\nc1,P,2024-01-01,abc,USD,month\n", o);
  EXPECT_EQ(std::string(e.what()),
            "subscriptions.csv line 2, column amount (\"Plan Amount\"): \"abc\" is not a number");
}

TEST(Loader, JsonArraysOfObjectsLoadWithObjectIndexAsLine) {
  Engine engine;
  auto s = engine.Load(TableKind::kSubscriptions,
                       R"([{"customer_id":"c1","plan":"Pro","start_date":"2024-01-01","end_date":null,
                            "amount":49.90,"currency":"USD","interval":"month","quantity":2},
                           {"customer_id":" c2 ","plan":"Pro","start_date":"2024-01-01","amount":"10",
                            "currency":"USD","interval":"month"}])",
                       {});
  EXPECT_EQ(s.rows, 2u);
  EXPECT_EQ(s.source, "subscriptions.json");
  EXPECT_EQ(engine.dataset().subscriptions->amount[0], 49'900'000);  // exact, not via double
  EXPECT_EQ(engine.dataset().customers.Get(engine.dataset().subscriptions->customer[1]), "c2");
  auto e = LoadError(TableKind::kSubscriptions,
                     R"([{"customer_id":"c1","plan":"P","start_date":"2024-01-01","amount":1,"currency":"USD","interval":"month"},
                         {"customer_id":"c1","plan":"P","start_date":"2024-01-01","amount":-1,"currency":"USD","interval":"month"}])");
  ExpectError(e, ErrorCode::kInvalidValue, 2, "amount",
              "subscriptions.json object 2, column amount: \"-1\" is negative");
  EXPECT_EQ(LoadError(TableKind::kCustomers, R"({"customer_id":"c1"})").code(), ErrorCode::kMalformedJson);
  EXPECT_EQ(LoadError(TableKind::kCustomers, R"([{"customer_id":"c1"},)").code(), ErrorCode::kMalformedJson);
  EXPECT_EQ(LoadError(TableKind::kCustomers, R"([{"customer_id":"c1"},{"customer_id":"c2","region":"EU"}])").code(),
            ErrorCode::kMalformedJson)
      << "DATA.md: every object has the same keys; a key the first object lacks is not guessed at";
  EXPECT_EQ(LoadError(TableKind::kCustomers, R"([{"customer_id":{"x":1}}])").code(), ErrorCode::kMalformedJson);
}

TEST(Loader, MinorUnitAmountsFollowTheCurrency) {
  Engine engine;
  LoadOptions o;
  o.amount_unit = AmountUnit::kMinor;
  engine.Load(TableKind::kSubscriptions,
              Subs("c1,P,2024-01-01,,4990,USD,month,1,1,\nc2,P,2024-01-01,,1500,JPY,month,1,1,\n"), o);
  EXPECT_EQ(engine.dataset().subscriptions->amount[0], 49'900'000);
  EXPECT_EQ(engine.dataset().subscriptions->amount[1], 1'500'000'000);
}

TEST(Loader, ConstantsFillColumnsTheFileLacks) {
  Engine engine;
  LoadOptions o;
  o.constants = {{"date", "2024-12-31"}};
  engine.Load(TableKind::kTransactions, "customer_id,amount\nc1,10.5\n", o);
  EXPECT_EQ(engine.dataset().transactions->date[0], ParseDate("2024-12-31").day);
}

namespace {

// Subscriptions fed `chunk` bytes at a time with their exact size as the hint; the rows loaded.
size_t LoadWithSizeHint(Engine& engine, const std::string& text, size_t chunk) {
  LoadOptions options;
  options.size_hint = text.size();
  engine.BeginLoad(TableKind::kSubscriptions, options);
  for (size_t at = 0; at < text.size(); at += chunk) engine.Feed(std::string_view(text).substr(at, chunk));
  return engine.FinishLoad().rows;
}

}  // namespace

// A size hint sizes the columns from the records read, not from the bytes fed: a browser's
// Blob arrives 2 MiB at a time, thousands of records ahead. The first records here are
// longer than the rest, so the first estimate falls short and the columns are sized again.
// Before, a file fed whole got columns for about 2,000 rows that then doubled to 34,000.
TEST(Loader, SizeHintSizesColumnsOnceWhateverTheChunks) {
  std::string csv = std::string("customer_id,plan,start_date,end_date,amount,currency,interval,interval_count,") +
                    "quantity,churn_type,region\n";
  constexpr size_t kRows = 20'000;
  for (size_t i = 0; i < kRows; ++i)
    csv += "c" + std::to_string(i) + (i < 3000 ? ",Enterprise Annual Plus Plan" : ",Pro") +
           ",2024-01-01,,10,USD,month,1,1,," + (i % 2 ? "EU" : "NA") + "\n";
  for (size_t chunk : {csv.size(), size_t(2) << 20, size_t(65536), size_t(4093)}) {
    SCOPED_TRACE(chunk);
    Engine engine;
    EXPECT_EQ(LoadWithSizeHint(engine, csv, chunk), kRows);
    const SubscriptionsTable& t = *engine.dataset().subscriptions;
    for (size_t capacity : {t.customer.capacity(), t.amount.capacity(), t.attributes.values.at(0).capacity()}) {
      EXPECT_GE(capacity, kRows);
      EXPECT_LE(capacity, kRows * 6 / 5);
    }
  }
}

// JSON is parsed when the input ends (json_reader.hpp), so by its 2,048th record every byte
// has been fed: past the hint, the columns grow on their own. Every chunking loads every row.
TEST(Loader, SizeHintWithJsonRecords) {
  std::string json = "[";
  constexpr size_t kRows = 5'000;
  for (size_t i = 0; i < kRows; ++i)
    json += std::string(i ? "," : "") + R"({"customer_id":"c)" + std::to_string(i) +
            R"(","plan":"Pro","start_date":"2024-01-01","amount":10,"currency":"USD","interval":"month"})";
  json += "]";
  for (size_t chunk : {json.size(), size_t(4093)}) {
    SCOPED_TRACE(chunk);
    Engine engine;
    EXPECT_EQ(LoadWithSizeHint(engine, json, chunk), kRows);
    const SubscriptionsTable& t = *engine.dataset().subscriptions;
    EXPECT_EQ(engine.dataset().customers.Get(t.customer.back()), "c4999");
  }
}
