// SPDX-License-Identifier: MIT
#include "core/money.hpp"

#include <gtest/gtest.h>

#include <string>

#include "core/exact.hpp"

using namespace csm;

TEST(Money, ParsesExactDecimals) {
  EXPECT_EQ(ParseDecimalMicros("49.90").micros, 49'900'000);
  EXPECT_EQ(ParseDecimalMicros("0.000001").micros, 1);
  EXPECT_EQ(ParseDecimalMicros("-3").micros, -3'000'000);
  EXPECT_EQ(ParseDecimalMicros("+.5").micros, 500'000);
  EXPECT_EQ(ParseDecimalMicros("12.").micros, 12'000'000);
  EXPECT_EQ(ParseDecimalMicros("1000000000000").micros, 1'000'000'000'000'000'000);
}

TEST(Money, RejectsWhatDataMdForbids) {
  EXPECT_STREQ(ParseDecimalMicros("12,5O").error, "is not a number");
  EXPECT_STREQ(ParseDecimalMicros("1e3").error, "is not a number");
  EXPECT_STREQ(ParseDecimalMicros("1,000").error, "is not a number");
  EXPECT_STREQ(ParseDecimalMicros("").error, "is not a number");
  EXPECT_STREQ(ParseDecimalMicros(".").error, "is not a number");
  EXPECT_STREQ(ParseDecimalMicros("0.1234567").error, "has more than 6 decimal places");
  EXPECT_STREQ(ParseDecimalMicros("1000000000001").error, "is out of range");
}

TEST(Money, ScaledKeepsTwelveDigitsForRates) {
  EXPECT_EQ(ParseDecimalScaled("0.0000635", 12).micros, 63'500'000);
  EXPECT_STREQ(ParseDecimalScaled("0.0000000000001", 12).error, "has too many decimal places");
}

TEST(Money, RoundsHalfToEven) {
  EXPECT_EQ(RoundHalfEven(5, 2), 2);    // 2.5 -> 2
  EXPECT_EQ(RoundHalfEven(7, 2), 4);    // 3.5 -> 4
  EXPECT_EQ(RoundHalfEven(-5, 2), -2);  // -2.5 -> -2
  EXPECT_EQ(RoundHalfEven(-7, 2), -4);
  EXPECT_EQ(RoundHalfEven(10, 3), 3);   // 3.33 -> 3
  EXPECT_EQ(RoundHalfEven(11, 3), 4);   // 3.67 -> 4
}

TEST(Money, MinorUnitsFollowIso4217) {
  EXPECT_EQ(MinorUnitExponent("USD"), 2);
  EXPECT_EQ(MinorUnitExponent("eur"), 2);
  EXPECT_EQ(MinorUnitExponent("JPY"), 0);
  EXPECT_EQ(MinorUnitExponent("KRW"), 0);
  EXPECT_EQ(MinorUnitExponent("KWD"), 3);
  EXPECT_EQ(MinorUnitExponent("BHD"), 3);
}

TEST(Money, FormatsMinorUnits) {
  EXPECT_EQ(FormatMinorUnits(367330961, 2), "3673309.61");
  EXPECT_EQ(FormatMinorUnits(5, 2), "0.05");
  EXPECT_EQ(FormatMinorUnits(-5, 3), "-0.005");
  EXPECT_EQ(FormatMinorUnits(1500, 0), "1500");
}

// Found by fuzz_parsers: the limit is on the value, not only on its whole part.
TEST(Money, AmountsJustOverTheLimitAreRejected) {
  EXPECT_EQ(ParseDecimalMicros("1000000000000").micros, 1'000'000'000'000'000'000);
  EXPECT_NE(ParseDecimalMicros("1000000000000.1").error, nullptr);
  EXPECT_NE(ParseDecimalMicros("-1000000000000.000001").error, nullptr);
}

// The checked 64-bit product: exact wherever it fits, false wherever it does not, on both
// sides of the bit-length shortcut.
TEST(Money, MulFits64IsExactOrRefuses) {
  int64_t out = 0;
  EXPECT_TRUE(MulFits64((int64_t(1) << 31) - 1, (int64_t(1) << 31) - 1, out));  // 31 + 31 bits
  EXPECT_EQ(out, ((int64_t(1) << 31) - 1) * ((int64_t(1) << 31) - 1));
  EXPECT_TRUE(MulFits64(int64_t(1) << 31, int64_t(1) << 31, out));  // 32 + 32 bits, still fits
  EXPECT_EQ(out, int64_t(1) << 62);
  EXPECT_TRUE(MulFits64(3, INT64_MAX / 3, out));
  EXPECT_EQ(out, INT64_MAX / 3 * 3);
  EXPECT_FALSE(MulFits64(int64_t(1) << 32, int64_t(1) << 31, out));
  EXPECT_FALSE(MulFits64(1'000'000'000'000'000'000, 10, out));
  EXPECT_TRUE(MulFits64(-3, 4, out));
  EXPECT_EQ(out, -12);
  EXPECT_FALSE(MulFits64(INT64_MIN, -1, out));
  EXPECT_TRUE(MulFits64(0, INT64_MAX, out));
  EXPECT_EQ(out, 0);
}

// Exactly three ASCII letters, any case: every byte in each position, and other lengths.
TEST(Money, CurrencyCodesAreThreeAsciiLetters) {
  auto letter = [](int b) { return (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z'); };
  for (int b = 0; b < 256; ++b)
    for (int pos = 0; pos < 3; ++pos) {
      std::string code = "usd";
      code[pos] = static_cast<char>(b);
      EXPECT_EQ(IsCurrencyCode(code), letter(b)) << "byte " << b << " at " << pos;
    }
  EXPECT_FALSE(IsCurrencyCode(""));
  EXPECT_FALSE(IsCurrencyCode("US"));
  EXPECT_FALSE(IsCurrencyCode("USDT"));
  EXPECT_TRUE(IsCurrencyCode("JPY"));
  EXPECT_TRUE(IsCurrencyCode("eUr"));
}
