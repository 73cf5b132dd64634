// The groups store's bulk loading for generated data, on SQLite and PostgreSQL: positions land
// with the ids the caller chose, and later inserts get ids above them.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "modules/groups/store.h"
#include "modules/registry/store.h"
#include "support/test_db.h"

namespace bsg::groups {
namespace {

constexpr char kNow[] = "2024-01-01T00:00:00.000Z";

class GroupsBulkLoadTest : public testing::DatabaseTest {
 protected:
  static Position Seat(std::int64_t id, std::int64_t group, std::int64_t person,
                       const std::string& role) {
    Position p;
    p.id = id;
    p.group_id = group;
    p.person_id = person;
    p.role = role;
    p.start_date = "2017-01-01";
    p.end_date = "2020-12-31";
    p.note = "bulk";
    p.created_at = kNow;
    p.updated_at = kNow;
    return p;
  }

  Store store_;
};

TEST_P(GroupsBulkLoadTest, RowsLandWithTheirIdsAndLaterInsertsGoAbove) {
  std::int64_t group = 0;
  std::int64_t person = 0;
  {
    auto tx = db().Begin();
    ASSERT_TRUE(tx.ok());
    auto groups = store_.ListGroups(**tx, std::string("2017-2020"), std::string("study_group"));
    ASSERT_TRUE(groups.ok() && !groups->empty());
    group = groups->front().id;
    registry::PersonDraft d;
    d.full_name = "Bulk holder";
    d.email = "holder@example.org";
    auto id = registry::Store().CreatePerson(**tx, d, kNow);
    ASSERT_TRUE(id.ok()) << id.status().ToString();
    person = *id;
    EXPECT_EQ(*store_.MaxPositionId(**tx), 0);
    Position vice = Seat(701, group, person, "vice_chair");
    vice.country = "KE";
    Status loaded = store_.BulkLoadPositions(**tx, {Seat(700, group, person, "chair"), vice});
    ASSERT_TRUE(loaded.ok()) << loaded.ToString();
    loaded = store_.BulkLoadPositions(**tx, {Seat(710, group, person, "rapporteur")});
    ASSERT_TRUE(loaded.ok()) << loaded.ToString();
    ASSERT_TRUE(store_.AdvanceIdSequences(**tx).ok());
    ASSERT_TRUE((*tx)->Commit().ok());
  }

  auto tx = db().Begin();
  ASSERT_TRUE(tx.ok());
  EXPECT_EQ(*store_.MaxPositionId(**tx), 710);
  auto vice = store_.GetPosition(**tx, 701);
  ASSERT_TRUE(vice.ok()) << vice.status().ToString();
  EXPECT_EQ(vice->group_id, group);
  EXPECT_EQ(vice->person_id, person);
  EXPECT_EQ(vice->role, "vice_chair");
  EXPECT_EQ(vice->country, "KE");
  EXPECT_EQ(vice->end_date, "2020-12-31");
  EXPECT_EQ(vice->note, "bulk");
  EXPECT_EQ(vice->period, "2017-2020");
  EXPECT_FALSE(store_.GetPosition(**tx, 702).ok());

  // The sequence moved past the loaded ids.
  PositionDraft d;
  d.group_id = group;
  d.person_id = person;
  d.role = "wp_chair";
  d.start_date = "2018-01-01";
  auto id = store_.CreatePosition(**tx, d, kNow);
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  EXPECT_GT(*id, 710);
}

TEST_P(GroupsBulkLoadTest, ADuplicateSeatIsAConflict) {
  auto tx = db().Begin();
  ASSERT_TRUE(tx.ok());
  auto groups = store_.ListGroups(**tx, std::string("2017-2020"), std::string("study_group"));
  ASSERT_TRUE(groups.ok() && !groups->empty());
  registry::PersonDraft d;
  d.full_name = "Bulk holder";
  auto person = registry::Store().CreatePerson(**tx, d, kNow);
  ASSERT_TRUE(person.ok());
  const std::int64_t g = groups->front().id;
  Status s =
      store_.BulkLoadPositions(**tx, {Seat(1, g, *person, "chair"), Seat(2, g, *person, "chair")});
  EXPECT_EQ(s.reason(), "position.duplicate") << s.ToString();
}

INSTANTIATE_TEST_SUITE_P(Backends, GroupsBulkLoadTest, testing::AllBackends(),
                         testing::BackendName);

}  // namespace
}  // namespace bsg::groups
