// SPDX-License-Identifier: MIT
#include "core/csv_reader.hpp"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

namespace csm {
namespace {

struct Row {
  std::vector<std::string> fields;
  int64_t line;
  bool operator==(const Row&) const = default;
};

std::vector<Row> Parse(std::string_view text, std::vector<size_t> cuts = {}) {
  std::vector<Row> rows;
  CsvReader reader([&](const CsvRecord& r) {
    rows.push_back({std::vector<std::string>(r.fields.begin(), r.fields.end()), r.line});
  });
  size_t at = 0;
  for (size_t cut : cuts) {
    reader.feed(text.substr(at, cut - at));
    at = cut;
  }
  reader.feed(text.substr(at));
  reader.finish();
  return rows;
}

CsvSyntaxError ParseError(std::string_view text) {
  try {
    Parse(text);
  } catch (const CsvSyntaxError& e) {
    return e;
  }
  return CsvSyntaxError(0, 0, "no error");
}

using F = std::vector<std::string>;

TEST(CsvReader, QuotedFieldsHoldSeparatorsQuotesAndNewlines) {
  auto rows = Parse("a,b,c\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\nlast,,\"\"\n");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[1].fields, (F{"x, y", "say \"hi\"", "two\nlines"}));
  EXPECT_EQ(rows[1].line, 2);
  EXPECT_EQ(rows[2].fields, (F{"last", "", ""}));
  EXPECT_EQ(rows[2].line, 4) << "the quoted newline moved the next record one line down";
}

TEST(CsvReader, CrlfLfAndLoneCrAreAllLineBreaks) {
  auto rows = Parse("h1,h2\r\na,1\rb,2\nc,3\r\n");
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[1], (Row{{"a", "1"}, 2}));
  EXPECT_EQ(rows[2], (Row{{"b", "2"}, 3}));
  EXPECT_EQ(rows[3], (Row{{"c", "3"}, 4}));
}

TEST(CsvReader, BomIsDroppedAndAMissingFinalNewlineIsFine) {
  auto rows = Parse("\xEF\xBB\xBFid,name\n1,ann");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].fields, (F{"id", "name"}));
  EXPECT_EQ(rows[1].fields, (F{"1", "ann"}));
  // Split inside the BOM: still dropped.
  EXPECT_EQ(Parse("\xEF\xBB\xBFid\n1\n", {1, 2}), Parse("id\n1\n"));
}

TEST(CsvReader, BlankLinesAreSkippedButCounted) {
  auto rows = Parse("id\n\n  \n1\r\n\r\n2\n");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[1], (Row{{"1"}, 4}));
  EXPECT_EQ(rows[2], (Row{{"2"}, 6}));
  EXPECT_EQ(Parse("\"\"\n").size(), 1u) << "a quoted empty value is a record, not a blank line";
}

TEST(CsvReader, UnquotedValuesAreTrimmedQuotedOnesKeepTheirSpaces) {
  auto rows = Parse(" a ,\t b\t, \" c \" ,d e\n");
  EXPECT_EQ(rows[0].fields, (F{"a", "b", " c ", "d e"}));
}

TEST(CsvReader, AQuoteInsideAnUnquotedValueIsText) {
  EXPECT_EQ(Parse("a 5\" screen,b\n")[0].fields, (F{"a 5\" screen", "b"}));
}

// Plain records are split eight bytes at a time and the rest byte by byte: the bytes the
// word test also flags (space, tab, !#$%&'()*+) and a quote inside a value must come
// out the same either way, wherever the chunks end.
TEST(CsvReader, PlainRecordsSplitLikeQuotedOnes) {
  const std::string text =
      "id,name,note\n"
      "c1,  Acme & Co (EU)  ,\t50% off! #1 *new* +tax\t\r\n"
      "c2,ab\"c,'x'$,\n"
      "c3,\"Acme & Co (EU)\",z\n"
      "padding,padding,padding\n";
  auto rows = Parse(text);
  ASSERT_EQ(rows.size(), 5u);
  EXPECT_EQ(rows[1].fields, (F{"c1", "Acme & Co (EU)", "50% off! #1 *new* +tax"}));
  EXPECT_EQ(rows[2].fields, (F{"c2", "ab\"c", "'x'$", ""}));
  EXPECT_EQ(rows[3].fields, (F{"c3", "Acme & Co (EU)", "z"}));
  for (size_t cut = 1; cut < text.size(); ++cut) EXPECT_EQ(Parse(text, {cut}), rows) << "cut " << cut;
}

// The word-at-a-time split trims a record's fields only when it met a space or tab: one
// blank at either end of any field, first and last included, must still be trimmed.
TEST(CsvReader, ASingleBlankAnywhereInAPlainRecordIsTrimmed) {
  const F expected = {"alpha", "bravo", "charlie", "delta", "echo"};
  std::string plain;
  for (const std::string& f : expected) plain += (plain.empty() ? "" : ",") + f;
  const std::string lead = "x,y\n";  // the record starts off the eight-byte grid
  for (size_t at = 0; at <= plain.size(); ++at) {
    if (at > 0 && at < plain.size() && plain[at - 1] != ',' && plain[at] != ',') continue;
    for (char blank : {' ', '\t'}) {
      std::string line = plain;
      line.insert(at, 1, blank);
      auto rows = Parse(lead + line + "\n" + plain + "\n");
      ASSERT_EQ(rows.size(), 3u);
      EXPECT_EQ(rows[1].fields, expected) << "blank at " << at;
      EXPECT_EQ(rows[2].fields, expected);
    }
  }
}

TEST(CsvReader, RecordsSayWhetherTheirFieldsAreTrimmedAndHowLongTheyAre) {
  std::vector<std::pair<bool, size_t>> seen;
  CsvReader reader([&](const CsvRecord& r) { seen.emplace_back(r.trimmed, r.bytes); });
  reader.feed("a, b \r\n\"q \",x\nlast");
  reader.finish();
  EXPECT_EQ(seen, (std::vector<std::pair<bool, size_t>>{{true, 7}, {false, 7}, {true, 4}}));
}

TEST(CsvReader, UnterminatedQuoteNamesTheLineTheRecordStartsOn) {
  auto e = ParseError("id,note\n1,ok\n2,\"never\nclosed\n3,x\n");
  EXPECT_EQ(e.line(), 3);
  EXPECT_EQ(e.column(), 2);
  EXPECT_NE(e.reason().find("never closed"), std::string::npos);
}

TEST(CsvReader, TextAfterAClosingQuoteIsAnError) {
  auto e = ParseError("id,note\n1,\"ok\"x\n");
  EXPECT_EQ(e.line(), 2);
  EXPECT_EQ(e.column(), 2);
  EXPECT_EQ(Parse("a,\"b\"  \n")[0].fields, (F{"a", "b"})) << "spaces after the quote are fine";
}

TEST(CsvReader, RecordsOverTheLimitAreRejected) {
  CsvReader reader([](const CsvRecord&) {}, 16);
  reader.feed("id\nshort\n");
  EXPECT_THROW(reader.feed("\"a value much longer than sixteen bytes"), CsvSyntaxError);
}

TEST(CsvReader, FeedAfterFinishIsAProgrammingError) {
  CsvReader reader([](const CsvRecord&) {});
  reader.finish();
  EXPECT_THROW(reader.feed("x"), std::logic_error);
}

// A corpus with every awkward construct, cut at random places (inside quotes, between CR
// and LF, inside multi-byte UTF-8): the records must never depend on the chunking.
std::string AwkwardCsv(std::mt19937& rng, int rows) {
  const std::vector<std::string> atoms = {
      "plain", " padded ", "\"q,uoted\"", "\"dq \"\"x\"\"\"", "\"multi\r\nline\"", "\"lone\rcr\"",
      "", "\"\"", "日本語", "\"支持很慢, サポート\"", "5\" screen", "\t tab"};
  const std::vector<std::string> breaks = {"\n", "\r\n", "\r", "\n\n", "\r\n\r\n"};
  std::string s = "\xEF\xBB\xBF";
  for (int r = 0; r < rows; ++r) {
    int n = 1 + int(rng() % 5);
    for (int f = 0; f < n; ++f) s += (f ? "," : "") + atoms[rng() % atoms.size()];
    s += breaks[rng() % breaks.size()];
  }
  if (rng() % 2) s += "tail,no,newline";
  return s;
}

TEST(CsvReader, AnyChunkingGivesIdenticalRecords) {
  std::mt19937 rng(20261122);
  for (int trial = 0; trial < 200; ++trial) {
    std::string text = AwkwardCsv(rng, 40);
    auto whole = Parse(text);
    std::vector<size_t> cuts;
    size_t at = 0;
    while (true) {
      at += 1 + rng() % (trial % 4 == 0 ? 3 : 40);
      if (at >= text.size()) break;
      cuts.push_back(at);
    }
    ASSERT_EQ(Parse(text, cuts), whole) << "trial " << trial;
  }
  // Byte by byte as well.
  std::string text = AwkwardCsv(rng, 100);
  std::vector<size_t> every(text.size() - 1);
  for (size_t i = 0; i < every.size(); ++i) every[i] = i + 1;
  EXPECT_EQ(Parse(text, every), Parse(text));
}

TEST(CsvReader, ErrorsDoNotDependOnChunkingEither) {
  const std::string text = "id,note\n1,\"a\"\"b\"\n2,\"c\r\nd\"zz\n3,x\n";
  auto whole = ParseError(text);
  ASSERT_EQ(whole.line(), 3);
  for (size_t cut = 1; cut < text.size(); ++cut) {
    try {
      Parse(text, {cut});
      FAIL() << "cut " << cut;
    } catch (const CsvSyntaxError& e) {
      EXPECT_EQ(e.line(), whole.line()) << "cut " << cut;
      EXPECT_EQ(e.column(), whole.column()) << "cut " << cut;
    }
  }
}

}  // namespace
}  // namespace csm
