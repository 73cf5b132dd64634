// DataVersion on both backends: a committed write to a module's table changes its topic's
// version and only that one; reads and rolled-back writes change nothing.
#include "platform/db/data_version.h"

#include <gtest/gtest.h>

#include "support/test_db.h"

namespace bsg::db {
namespace {

class DataVersionTest : public testing::DatabaseTest {};

std::string Version(Database& db) {
  Result<std::string> v = DataVersion(db);
  EXPECT_TRUE(v.ok()) << v.status().ToString();
  return v.ok() ? *v : "";
}

TEST_P(DataVersionTest, EveryTopicIsListedInNameOrder) {
  EXPECT_EQ(Version(db()), "course=0;events=0;groups=0;identity=0;mandates=0;registry=0;reports=0");
}

TEST_P(DataVersionTest, ACommittedWriteBumpsItsModulesTopicOnly) {
  const std::string before = Version(db());
  ASSERT_TRUE(db().Query("SELECT name FROM country WHERE iso2 = 'KE'").ok());
  EXPECT_EQ(Version(db()), before) << "a read changes nothing";

  {
    auto tx = db().Begin();
    ASSERT_TRUE(tx.ok());
    ASSERT_TRUE((*tx)->Exec("UPDATE country SET name = name WHERE iso2 = 'KE'").ok());
    // Not committed: other connections see the old version.
  }
  EXPECT_EQ(Version(db()), before) << "a rolled-back write changes nothing";

  ASSERT_TRUE(db().Exec("UPDATE country SET name = name WHERE iso2 = 'KE'").ok());
  const std::string after = Version(db());
  EXPECT_NE(after, before);
  EXPECT_EQ(after.substr(0, after.find(";registry=")), before.substr(0, before.find(";registry=")));
  EXPECT_EQ(after.substr(after.find(";reports=")), before.substr(before.find(";reports=")));
}

TEST_P(DataVersionTest, TheNewVersionIsSeenWithTheData) {
  const std::string before = Version(db());
  auto tx = db().Begin();
  ASSERT_TRUE(tx.ok());
  ASSERT_TRUE((*tx)->Exec("UPDATE country SET name = 'Kenya (changed)' WHERE iso2 = 'KE'").ok());
  ASSERT_TRUE((*tx)->Commit().ok());
  const std::string after = Version(db());
  EXPECT_NE(after, before);
  auto name = db().QueryOne("SELECT name FROM country WHERE iso2 = 'KE'", {});
  ASSERT_TRUE(name.ok());
  EXPECT_EQ(name->Text(0), "Kenya (changed)");
}

INSTANTIATE_TEST_SUITE_P(Backends, DataVersionTest, testing::AllBackends(), testing::BackendName);

}  // namespace
}  // namespace bsg::db
