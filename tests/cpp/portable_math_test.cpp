// SPDX-License-Identifier: MIT
#include "core/portable_math.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

using namespace csm;

TEST(PortableMath, ExpIsWithinOneUlpOfTheLibrary) {
  std::mt19937_64 rng(3);
  std::uniform_real_distribution<double> wide(-700, 700), narrow(-3, 3);
  for (int i = 0; i < 200000; ++i) {
    const double x = i % 2 ? wide(rng) : narrow(rng);
    const double want = std::exp(x), got = PortableExp(x);
    ASSERT_LE(std::fabs(got - want), std::nextafter(want, INFINITY) - want) << x;
  }
  EXPECT_EQ(PortableExp(0), 1.0);
  EXPECT_EQ(PortableExp(1000), INFINITY);
  EXPECT_EQ(PortableExp(-1000), 0.0);
}

TEST(PortableMath, PowIntMultipliesExactlyWhereItCan) {
  EXPECT_EQ(PowInt(2, 10), 1024.0);
  EXPECT_EQ(PowInt(0.5, 3), 0.125);
  EXPECT_EQ(PowInt(7, 0), 1.0);
  EXPECT_NEAR(PowInt(0.95, 12), std::pow(0.95, 12), 1e-15);
}
