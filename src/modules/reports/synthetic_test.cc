// The synthetic programme on SQLite and PostgreSQL: consistent (the report builds on it and the
// database checks hold), deterministic, visibly made up, and loaded once.
#include "modules/reports/synthetic.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "modules/reports/report.h"
#include "modules/reports/reports_testing.h"
#include "platform/db/migrate.h"
#include "support/test_db.h"

namespace bsg::reports {
namespace {

class SyntheticTest : public bsg::testing::DatabaseTest {
 protected:
  std::vector<std::int64_t> Counts(db::Database& d) {
    std::vector<std::int64_t> out;
    for (const char* table : {"organization", "person", "event", "event_group",
                              "event_registration", "event_attendance", "group_position"}) {
      auto row = d.QueryOne(std::string("SELECT COUNT(*) FROM ") + table, {});
      EXPECT_TRUE(row.ok()) << row.status().ToString();
      out.push_back(row.ok() ? row->Int(0) : -1);
    }
    return out;
  }
};

TEST_P(SyntheticTest, LoadsAConsistentMadeUpProgrammeOnce) {
  std::vector<double> progress;
  Status s = SeedSynthetic(db(), 0.02, [&](double f) { progress.push_back(f); });
  ASSERT_TRUE(s.ok()) << s.ToString();
  ASSERT_FALSE(progress.empty());
  EXPECT_EQ(progress.back(), 1.0);
  EXPECT_TRUE(std::is_sorted(progress.begin(), progress.end()));

  const auto counts = Counts(db());
  EXPECT_EQ(counts[0], 30);   // organizations
  EXPECT_EQ(counts[1], 400);  // people
  EXPECT_GE(counts[2], 55);   // events (about 60)
  EXPECT_GT(counts[4], 2000);
  EXPECT_GT(counts[5], counts[4] / 2);
  EXPECT_GT(counts[6], 150);

  // Visibly made up.
  auto real = db().QueryOne("SELECT COUNT(*) FROM person WHERE email NOT LIKE '%@example.org'", {});
  ASSERT_TRUE(real.ok());
  EXPECT_EQ(real->Int(0), 0);
  auto titles = db().QueryOne("SELECT COUNT(*) FROM event WHERE title NOT LIKE 'Synthetic %'", {});
  ASSERT_TRUE(titles.ok());
  EXPECT_EQ(titles->Int(0), 0);
  // Consistent: attendance only on the days of its event, for attended registrations.
  auto outside = db().QueryOne(
      "SELECT COUNT(*) FROM event_attendance a JOIN event_registration r ON r.id = "
      "a.registration_id JOIN event e ON e.id = r.event_id WHERE a.day < e.start_date OR a.day > "
      "e.end_date OR r.status <> 'attended'",
      {});
  ASSERT_TRUE(outside.ok());
  EXPECT_EQ(outside->Int(0), 0);
  auto held_future = db().QueryOne(
      "SELECT COUNT(*) FROM event WHERE status = 'held' AND start_date > '2022-06-30'", {});
  ASSERT_TRUE(held_future.ok());
  EXPECT_EQ(held_future->Int(0), 0);

  // Once only.
  Status again = SeedSynthetic(db(), 0.02, {});
  EXPECT_EQ(again.code(), ErrorCode::kConflict);
  EXPECT_EQ(again.reason(), "reports.synthetic_exists");
  EXPECT_EQ(Counts(db()), counts);

  // New rows still get fresh ids after the load (PostgreSQL sequences moved past the load).
  auto inserted = db().QueryOne(
      "INSERT INTO organization (kind, name, name_key, created_at, updated_at) VALUES ('other', "
      "'After', 'after', 'x', 'x') RETURNING id",
      {});
  EXPECT_TRUE(inserted.ok()) << inserted.status().ToString();

  // The report builds on it.
  BuildOptions o;
  o.window = {"2019-01-01", "2019-12-31"};
  o.data_dir = testing::DataDir();
  auto report = BuildProgressReport(db(), o);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_GT(testing::Number(*report, "events.training.delegates_trained"), 0);
}

TEST_P(SyntheticTest, IsDeterministic) {
  ASSERT_TRUE(SeedSynthetic(db(), 0.01, {}).ok());
  auto other = bsg::testing::OpenTestDatabase(GetParam());
  ASSERT_NE(other, nullptr);
  ASSERT_TRUE(db::Migrate(*other).ok());
  ASSERT_TRUE(SeedSynthetic(*other, 0.01, {}).ok());
  EXPECT_EQ(Counts(db()), Counts(*other));
  const std::string sample =
      "SELECT COALESCE(SUM(LENGTH(e.title) * r.person_id), 0) FROM event_registration r JOIN "
      "event e ON e.id = r.event_id WHERE r.status = 'attended'";
  auto a = db().QueryOne(sample, {});
  auto b = other->QueryOne(sample, {});
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(a->Int(0), b->Int(0));
  EXPECT_EQ(SeedSynthetic(db(), 0, {}).reason(), "reports.bad_scale");
  EXPECT_EQ(SeedSynthetic(db(), 1000, {}).reason(), "reports.bad_scale");
}

INSTANTIATE_TEST_SUITE_P(Backends, SyntheticTest, bsg::testing::AllBackends(),
                         bsg::testing::BackendName);

}  // namespace
}  // namespace bsg::reports
