// SPDX-License-Identifier: MIT
#include "core/text.hpp"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

namespace csm {
namespace {

TEST(Text, EqualsIgnoreCaseFoldsAsciiLettersOnly) {
  EXPECT_TRUE(EqualsIgnoreCase("month", "month"));
  EXPECT_TRUE(EqualsIgnoreCase("Month", "month"));
  EXPECT_TRUE(EqualsIgnoreCase("INVOLUNTARY", "involuntary"));
  EXPECT_TRUE(EqualsIgnoreCase("", ""));
  EXPECT_FALSE(EqualsIgnoreCase("months", "month"));
  EXPECT_FALSE(EqualsIgnoreCase("monti", "month"));
  EXPECT_FALSE(EqualsIgnoreCase("one\x7Ftime", "one_time")) << "0x7F is not '_' in another case";
  EXPECT_FALSE(EqualsIgnoreCase("voluntarY", "voluntarz"));
}

// Random text from pieces that are valid, cut short, overlong, surrogates, past U+10FFFF,
// stray continuation bytes and NUL: the stream fed in two or three pieces at every cut, or
// byte by byte, is clean exactly when the whole text has no TextProblem.
TEST(Text, CleanTextStreamAgreesWithTheWholeTextAtEveryCut) {
  const std::vector<std::string> parts = {
      "a", "b,", "\n", "\xC3\xA9", "\xE6\x9D\xB1", "\xF0\x9F\x98\x80", "\xC3", "\xE6\x9D", "\xF0\x9F\x98",
      "\xC0\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\x80", "\xBF", std::string(1, '\0'), "\xF5", "\xFF"};
  std::mt19937 rng(7);
  int clean = 0, unclean = 0;
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    const bool mostly_valid = round % 2 == 0;
    for (uint32_t n = rng() % 8; n > 0; --n) text += parts[mostly_valid ? rng() % 6 : rng() % parts.size()];
    const bool expected = !FindTextProblem(text);
    ++(expected ? clean : unclean);
    for (size_t a = 0; a <= text.size(); ++a)
      for (size_t b = a; b <= text.size(); ++b) {
        CleanTextStream stream;
        stream.Feed(text.substr(0, a));
        stream.Feed(text.substr(a, b - a));
        stream.Feed(text.substr(b));
        ASSERT_EQ(stream.Finish(), expected) << "round " << round << " cuts " << a << ", " << b;
      }
    CleanTextStream bytes;
    for (char c : text) bytes.Feed(std::string_view(&c, 1));
    ASSERT_EQ(bytes.Finish(), expected) << "round " << round << " byte by byte";
  }
  EXPECT_GT(clean, 1000);
  EXPECT_GT(unclean, 1000);
}

// Plain ASCII is skipped 32 and 8 bytes at a time: a problem (or a multi-byte character)
// after any length of it is found at the same place as on its own.
TEST(Text, FindTextProblemAfterPlainTextOfAnyLength) {
  const std::vector<std::string> tails = {"", "x", "\xC3\xA9", "\xE6\x9D\xB1ok", std::string(1, '\0'), "\x80",
                                          "\xFF", "\xC3", "\xE6\x9D\xB1\xC0\xAF", "\x7F\x01"};
  std::mt19937 rng(11);
  for (size_t k = 0; k < 100; ++k) {
    std::string plain;
    for (size_t i = 0; i < k; ++i) plain += char(1 + rng() % 127);
    ASSERT_FALSE(FindTextProblem(plain)) << k;
    for (const std::string& tail : tails) {
      const auto alone = FindTextProblem(tail), after = FindTextProblem(plain + tail + plain);
      ASSERT_EQ(after.has_value(), alone.has_value()) << k;
      if (!alone) continue;
      EXPECT_EQ(after->offset, k + alone->offset) << k;
      EXPECT_EQ(after->byte, alone->byte) << k;
      EXPECT_EQ(after->nul, alone->nul) << k;
    }
  }
}

TEST(Text, CleanTextStreamStaysUncleanAndCatchesASequenceCutAtTheEnd) {
  CleanTextStream stream;
  EXPECT_TRUE(stream.Feed("Tokyo \xE6\x9D"));
  EXPECT_TRUE(stream.Feed("\xB1"));
  EXPECT_TRUE(stream.Finish());
  EXPECT_TRUE(stream.Feed("\xE4\xBA"));
  EXPECT_FALSE(stream.Finish()) << "the file ends inside a sequence";
  EXPECT_FALSE(stream.Feed("a\xAC"));
  EXPECT_FALSE(stream.Feed("plain"));
  EXPECT_FALSE(stream.Finish());
}

}  // namespace
}  // namespace csm
