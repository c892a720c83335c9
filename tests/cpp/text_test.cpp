// SPDX-License-Identifier: MIT
#include "core/text.hpp"

#include <gtest/gtest.h>

#include <string>

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

}  // namespace
}  // namespace csm
