// VersionedCache on both backends: a value is loaded once and served while its topic's version
// stays the same; a committed write loads it again; writing transactions never leave their view
// behind; two databases never share a value.
#include "platform/db/versioned_cache.h"

#include <gtest/gtest.h>

#include "platform/db/migrate.h"
#include "support/test_db.h"

namespace bsg::db {
namespace {

class VersionedCacheTest : public testing::DatabaseTest {
 protected:
  // The name of Kenya, through `cache`, in a transaction of `db`.
  std::string KenyaName(VersionedCache<std::string>& cache, bool read_only,
                        Database* db = nullptr) {
    Database& on = db ? *db : this->db();
    Result<std::string> name = InTransactionResult<std::string>(
        on, {.read_only = read_only}, [&](Transaction& tx) -> Result<std::string> {
          BSG_ASSIGN_OR_RETURN(auto value, cache.Get(tx, [&](Session& s) -> Result<std::string> {
            ++loads_;
            BSG_ASSIGN_OR_RETURN(Row row,
                                 s.QueryOne("SELECT name FROM country WHERE iso2 = 'KE'", {}));
            return row.Text(0);
          }));
          return *value;
        });
    EXPECT_TRUE(name.ok()) << name.status().ToString();
    return name.ok() ? *name : "";
  }

  int loads_ = 0;
};

TEST_P(VersionedCacheTest, LoadsOnceWhileTheVersionStaysTheSame) {
  VersionedCache<std::string> cache("registry");
  EXPECT_EQ(KenyaName(cache, true), "Kenya");
  EXPECT_EQ(KenyaName(cache, true), "Kenya");
  EXPECT_EQ(KenyaName(cache, false), "Kenya") << "a writing transaction may read what is held";
  EXPECT_EQ(loads_, 1);
  EXPECT_EQ(cache.hits(), 2u);

  // A write to another topic's tables leaves the value alone.
  ASSERT_TRUE(db().Exec("UPDATE study_period SET note = note").ok());
  EXPECT_EQ(KenyaName(cache, true), "Kenya");
  EXPECT_EQ(loads_, 1);
}

TEST_P(VersionedCacheTest, ACommittedWriteIsSeenAtOnce) {
  VersionedCache<std::string> cache("registry");
  EXPECT_EQ(KenyaName(cache, true), "Kenya");
  ASSERT_TRUE(db().Exec("UPDATE country SET name = 'Kenya (changed)' WHERE iso2 = 'KE'").ok());
  EXPECT_EQ(KenyaName(cache, true), "Kenya (changed)");
  EXPECT_EQ(KenyaName(cache, true), "Kenya (changed)");
  EXPECT_EQ(loads_, 2);
}

TEST_P(VersionedCacheTest, AWritingTransactionsViewIsNeverKept) {
  VersionedCache<std::string> cache("registry");
  EXPECT_EQ(KenyaName(cache, true), "Kenya");
  {
    auto tx = db().Begin();
    ASSERT_TRUE(tx.ok());
    ASSERT_TRUE((*tx)->Exec("UPDATE country SET name = 'Uncommitted' WHERE iso2 = 'KE'").ok());
    auto seen = cache.Get(**tx, [](Session& s) -> Result<std::string> {
      BSG_ASSIGN_OR_RETURN(Row row, s.QueryOne("SELECT name FROM country WHERE iso2 = 'KE'", {}));
      return row.Text(0);
    });
    ASSERT_TRUE(seen.ok());
    EXPECT_EQ(**seen, "Uncommitted") << "the transaction sees its own write";
    // Rolled back here: the version it saw is taken back.
  }
  // Another write takes the same version number with other data.
  ASSERT_TRUE(db().Exec("UPDATE country SET name = 'Committed' WHERE iso2 = 'KE'").ok());
  EXPECT_EQ(KenyaName(cache, true), "Committed");
}

TEST_P(VersionedCacheTest, TwoDatabasesAtTheSameVersionDoNotShare) {
  VersionedCache<std::string> cache("registry");
  ASSERT_TRUE(db().Exec("UPDATE country SET name = 'First' WHERE iso2 = 'KE'").ok());
  EXPECT_EQ(KenyaName(cache, true), "First");

  std::unique_ptr<Database> other = testing::OpenTestDatabase(kind());
  ASSERT_NE(other, nullptr);
  ASSERT_TRUE(Migrate(*other).ok());
  ASSERT_TRUE(other->Exec("UPDATE country SET name = 'Second' WHERE iso2 = 'KE'").ok());
  EXPECT_EQ(KenyaName(cache, true, other.get()), "Second");
  EXPECT_EQ(KenyaName(cache, true), "First");
  EXPECT_NE(db().id(), other->id());
}

INSTANTIATE_TEST_SUITE_P(Backends, VersionedCacheTest, testing::AllBackends(),
                         testing::BackendName);

}  // namespace
}  // namespace bsg::db
