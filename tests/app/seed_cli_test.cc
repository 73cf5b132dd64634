// `bsg seed` end to end: exactly one of --demo and --synthetic; --scale only with --synthetic;
// the synthetic programme loads once into a fresh database and refuses to load twice.
#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <string>

#include "platform/db/database.h"
#include "support/cli_run.h"

namespace bsg {
namespace {

using testing_support::CliRun;

class SeedCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing_support::MakeTempDir("bsg-seed-cli");
    url_ = "sqlite://" + dir_ + "/seed.db";
    ASSERT_EQ(Bsg("migrate").exit_code, 0);
  }
  void TearDown() override {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }

  CliRun Bsg(const std::string& args) { return testing_support::RunBsg(dir_, url_, args); }

  std::int64_t Count(const std::string& table) {
    auto db = db::Database::Open(url_);
    EXPECT_TRUE(db.ok()) << db.status().message();
    if (!db.ok()) return -1;
    auto rows = (*db)->Query("SELECT count(*) FROM " + table);
    EXPECT_TRUE(rows.ok()) << rows.status().message();
    if (!rows.ok() || rows->empty()) return -1;
    return (*rows)[0].Int(0);
  }

  std::string dir_;
  std::string url_;
};

TEST_F(SeedCliTest, NeedsExactlyOneKindOfData) {
  CliRun none = Bsg("seed");
  EXPECT_EQ(none.exit_code, 2);
  EXPECT_NE(none.err.find("--demo or --synthetic"), std::string::npos) << none.err;

  CliRun both = Bsg("seed --demo --synthetic");
  EXPECT_EQ(both.exit_code, 2);
  EXPECT_NE(both.err.find("excludes"), std::string::npos) << both.err;

  CliRun scale_alone = Bsg("seed --scale 2");
  EXPECT_EQ(scale_alone.exit_code, 2);
  EXPECT_NE(scale_alone.err.find("--scale requires --synthetic"), std::string::npos)
      << scale_alone.err;

  CliRun too_big = Bsg("seed --synthetic --scale 1000");
  EXPECT_EQ(too_big.exit_code, 2);
  EXPECT_EQ(Count("person"), 0);  // nothing was written by the refused commands
  EXPECT_EQ(Count("event"), 0);
}

TEST_F(SeedCliTest, SyntheticLoadsOnceAtTheGivenScale) {
  CliRun r = Bsg("seed --synthetic --scale 0.05");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("synthetic programme at scale 0.05"), std::string::npos) << r.out;
  // About 20,000 people and 3,000 events at scale 1.
  const std::int64_t people = Count("person");
  const std::int64_t events = Count("event");
  EXPECT_GT(people, 500);
  EXPECT_LT(people, 2000);
  EXPECT_GT(events, 75);
  EXPECT_LT(events, 300);
  EXPECT_GT(Count("event_registration"), 0);

  CliRun again = Bsg("seed --synthetic --scale 0.05");
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_NE(again.err.find("already holds synthetic data"), std::string::npos) << again.err;
  EXPECT_EQ(Count("person"), people);  // unchanged
  EXPECT_EQ(Count("event"), events);
}

}  // namespace
}  // namespace bsg
