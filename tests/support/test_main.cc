// The main() of every test binary. Keeps gtest's defaults; store tests read
// BSG_TEST_POSTGRES_URL to run their PostgreSQL cases (see tests/support/test_db.h).
#include <gtest/gtest.h>

int main(int argc, char** argv) {
  testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}
