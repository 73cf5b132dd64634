// The registry's bulk loading for generated data, on SQLite and PostgreSQL: rows land with the
// ids the caller chose, and later inserts get ids above them.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "modules/registry/store.h"
#include "support/test_db.h"

namespace bsg::registry {
namespace {

constexpr char kNow[] = "2024-01-01T00:00:00.000Z";

class RegistryBulkLoadTest : public testing::DatabaseTest {
 protected:
  static OrganizationLoadRow Organization(std::int64_t id, const std::string& name) {
    OrganizationLoadRow row;
    row.id = id;
    row.draft.kind = "academia";
    row.draft.name = name;
    row.draft.name_key = name;
    row.draft.country = "KE";
    return row;
  }
  static PersonLoadRow Person(std::int64_t id, const std::string& email,
                              std::optional<std::int64_t> organization) {
    PersonLoadRow row;
    row.id = id;
    row.draft.full_name = "Bulk " + email;
    row.draft.email = email;
    row.draft.country = "SN";
    row.draft.organization_id = organization;
    row.draft.gender = "female";
    row.draft.languages = {"en", "fr"};
    row.draft.search_key = "bulk " + email;
    row.draft.sort_key = "bulk " + email;
    return row;
  }

  Store store_;
};

TEST_P(RegistryBulkLoadTest, RowsLandWithTheirIdsAndLaterInsertsGoAbove) {
  {
    auto tx = db().Begin();
    ASSERT_TRUE(tx.ok());
    auto org_base = store_.MaxOrganizationId(**tx);
    auto person_base = store_.MaxPersonId(**tx);
    ASSERT_TRUE(org_base.ok() && person_base.ok());
    EXPECT_EQ(*org_base, 0);
    EXPECT_EQ(*person_base, 0);
    ASSERT_TRUE(store_
                    .BulkLoadOrganizations(
                        **tx, {Organization(100, "bulk one"), Organization(101, "bulk two")}, kNow)
                    .ok());
    // Batches one after the other, as the generator writes them.
    Status first = store_.BulkLoadPeople(**tx, {Person(200, "bulk.1@example.org", 100)}, kNow);
    ASSERT_TRUE(first.ok()) << first.ToString();
    Status second = store_.BulkLoadPeople(
        **tx, {Person(201, "bulk.2@example.org", std::nullopt), Person(205, "x@example.org", 101)},
        kNow);
    ASSERT_TRUE(second.ok()) << second.ToString();
    ASSERT_TRUE(store_.AdvanceIdSequences(**tx).ok());
    ASSERT_TRUE((*tx)->Commit().ok());
  }

  auto tx = db().Begin();
  ASSERT_TRUE(tx.ok());
  EXPECT_EQ(*store_.MaxOrganizationId(**tx), 101);
  EXPECT_EQ(*store_.MaxPersonId(**tx), 205);
  EXPECT_EQ(*store_.CountPeopleWithEmailLike(**tx, "bulk.%@example.org"), 2);
  EXPECT_EQ(*store_.CountPeopleWithEmailLike(**tx, "nobody.%@example.org"), 0);

  auto org = store_.GetOrganization(**tx, 101);
  ASSERT_TRUE(org.ok()) << org.status().ToString();
  EXPECT_EQ(org->name, "bulk two");
  EXPECT_EQ(org->country, "KE");
  EXPECT_EQ(org->created_at, kNow);
  auto person = store_.GetPerson(**tx, 200);
  ASSERT_TRUE(person.ok()) << person.status().ToString();
  EXPECT_EQ(person->email, "bulk.1@example.org");
  EXPECT_EQ(person->organization_id, 100);
  EXPECT_EQ(person->organization_name, "bulk one");
  EXPECT_EQ(person->gender, "female");
  EXPECT_EQ(person->languages, (std::vector<std::string>{"en", "fr"}));
  EXPECT_FALSE(store_.GetPerson(**tx, 202).ok());

  // The sequences moved past the loaded ids.
  OrganizationDraft o = Organization(0, "after").draft;
  auto org_id = store_.CreateOrganization(**tx, o, kNow);
  ASSERT_TRUE(org_id.ok()) << org_id.status().ToString();
  EXPECT_GT(*org_id, 101);
  auto person_id =
      store_.CreatePerson(**tx, Person(0, "after@example.org", std::nullopt).draft, kNow);
  ASSERT_TRUE(person_id.ok()) << person_id.status().ToString();
  EXPECT_GT(*person_id, 205);
}

TEST_P(RegistryBulkLoadTest, ADuplicateEmailIsAConflict) {
  auto tx = db().Begin();
  ASSERT_TRUE(tx.ok());
  Status s = store_.BulkLoadPeople(
      **tx,
      {Person(1, "same@example.org", std::nullopt), Person(2, "same@example.org", std::nullopt)},
      kNow);
  EXPECT_EQ(s.reason(), "person.duplicate_email") << s.ToString();
}

INSTANTIATE_TEST_SUITE_P(Backends, RegistryBulkLoadTest, testing::AllBackends(),
                         testing::BackendName);

}  // namespace
}  // namespace bsg::registry
