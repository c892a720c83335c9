// SPDX-License-Identifier: MIT
#include "io/json_writer.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>
#include <string>

using namespace csm;

namespace {

// A random tree of every kind nlohmann holds, with the numbers and strings a report has
// (and some it should never have: non-finite doubles, control characters, bad UTF-8).
Json RandomTree(std::mt19937& rng, int depth) {
  const auto pick = [&](uint32_t n) { return rng() % n; };
  static const std::string kStrings[] = {"", "mrr", "2024-03", "a \"quoted\" word", "back\\slash",
                                         "tab\there", "new\nline", std::string("nul\0x", 5), "\x7f",
                                         "caf\xc3\xa9", "\xe3\x82\xb5\xe3\x83\x9d", "bad \xff byte",
                                         "cut \xe3\x82", "/slash/", "\x01\x1f"};
  static const double kDoubles[] = {0.0, -0.0, 0.1, 39549.9, 1.959963984540054, 1e21, 1e-7, 123456789012345.6,
                                    -2.5, 100.0, std::numeric_limits<double>::quiet_NaN(),
                                    std::numeric_limits<double>::infinity(), 5e-324, 1.7976931348623157e308};
  const uint32_t kind = depth > 3 ? pick(5) : pick(7);
  switch (kind) {
    case 0: return nullptr;
    case 1: return pick(2) == 1;
    case 2: {
      const int64_t ints[] = {0, -1, 7, int64_t(rng()) * int64_t(rng() >> 1), std::numeric_limits<int64_t>::min(),
                              std::numeric_limits<int64_t>::max()};
      return ints[pick(6)];
    }
    case 3: return pick(4) == 0 ? Json(std::numeric_limits<uint64_t>::max() - pick(3))
                                : Json(kDoubles[pick(std::size(kDoubles))] * (pick(2) ? 1 : double(rng() % 1000) / 7));
    case 4: return kStrings[pick(std::size(kStrings))];
    case 5: {
      Json a = Json::array();
      for (uint32_t n = pick(4); n > 0; --n) a.push_back(RandomTree(rng, depth + 1));
      return a;
    }
    default: {
      Json o = Json::object();
      for (uint32_t n = pick(5); n > 0; --n)
        o[kStrings[pick(std::size(kStrings))] + std::to_string(n)] = RandomTree(rng, depth + 1);
      return o;
    }
  }
}

// Writes j member by member, or (sometimes) as a whole subtree through Tree().
void Write(JsonWriter& w, const Json& j, std::mt19937& rng) {
  if (rng() % 6 == 0) return w.Tree(j);
  switch (j.type()) {
    case Json::value_t::object:
      return w.Object([&] {
        for (const auto& [key, value] : j.items()) Write(w.Key(key), value, rng);
      });
    case Json::value_t::array:
      return w.Array([&] {
        for (const Json& item : j) Write(w, item, rng);
      });
    case Json::value_t::string: return w.String(j.get_ref<const std::string&>());
    case Json::value_t::boolean: return w.Number(j.get<bool>());
    case Json::value_t::number_integer: return w.Number(j.get<int64_t>());
    case Json::value_t::number_unsigned: return w.Number(j.get<uint64_t>());
    case Json::value_t::number_float: return w.Number(j.get<double>());
    default: return w.Null();
  }
}

}  // namespace

// The report is written without a tree; it must print what nlohmann's dump of the same tree
// prints, compact and indented, with trees of nlohmann's embedded at any depth.
TEST(JsonWriter, PrintsWhatNlohmannDumpsForTheSameTree) {
  std::mt19937 rng(11);
  for (int round = 0; round < 3000; ++round) {
    const Json tree = RandomTree(rng, 0);
    for (const int indent : {-1, 0, 2, 4}) {
      JsonWriter w(indent);
      Write(w, tree, rng);
      ASSERT_EQ(w.Take(), tree.dump(indent, ' ', false, Json::error_handler_t::replace))
          << "indent " << indent << ": " << tree.dump(-1, ' ', true, Json::error_handler_t::replace);
    }
  }
}

TEST(JsonWriter, MoneyIsTheExactDecimal) {
  JsonWriter w(-1);
  w.Array([&] {
    w.Money(1234500, 2);
    w.Money(1234567, 2);
    w.Money(-5, 2);
    w.Money(7, 0);
    w.Money(std::optional<int64_t>(), 2);
    w.Money(1999, 3);
  });
  EXPECT_EQ(w.Take(), "[12345,12345.67,-0.05,7,null,1.999]");
}
