// SPDX-License-Identifier: MIT
#include "core/string_pool.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace csm {
namespace {

// Ids are insertion order whatever the hash, the recent-id cache or the table's growth;
// keys of every length class (the equality test reads words of 8 and 4 bytes) stay apart.
TEST(StringPool, IdsAreInsertionOrderAndKeysOfEveryLengthStayApart) {
  StringPool pool;
  std::vector<std::string> keys = {"", "a", "ab", "abc", "abcd", "abce", "abcdefg", "abcdefh",
                                   "abcdefgh", "abcdefgi", "xbcdefgh", "abcdefghijklmnop",
                                   "abcdefghijklmnoq", "abcdefghijklmnopq", "abcdefghijklmnopr"};
  for (int i = 0; i < 5000; ++i) keys.push_back("c" + std::to_string(1000000 + i));
  for (size_t i = 0; i < keys.size(); ++i) ASSERT_EQ(pool.Intern(keys[i]), i) << keys[i];
  for (size_t i = keys.size(); i-- > 0;) {
    EXPECT_EQ(pool.Intern(keys[i]), i) << keys[i];
    EXPECT_EQ(pool.Find(keys[i]), i) << keys[i];
    EXPECT_EQ(pool.Get(uint32_t(i)), keys[i]);
  }
  EXPECT_EQ(pool.size(), keys.size());
  EXPECT_EQ(pool.Find("never"), StringPool::kNone);
  EXPECT_EQ(pool.Find("abcdefghijklmnopqr"), StringPool::kNone);
}

}  // namespace
}  // namespace csm
