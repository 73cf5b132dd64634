// Groups: reference data, representation with not_stated buckets, demo seed, merge hook and
// positions import/export, on SQLite and PostgreSQL.
#include "modules/groups/store.h"

#include <gtest/gtest.h>

#include <map>

#include "modules/groups/rules.h"
#include "modules/groups/service.h"
#include "modules/identity/audit.h"
#include "modules/registry/rules.h"
#include "modules/registry/service.h"
#include "modules/registry/store.h"
#include "modules/registry/transfer.h"
#include "platform/audit.h"
#include "support/test_db.h"

namespace bsg::groups {
namespace {

class GroupsStoreTest : public testing::DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    RegisterGroupsHooks();
    identity::RegisterAuditRecorder();  // imports, merges and the demo seed record audit events
  }

  std::int64_t Person(db::Session& s, std::optional<std::string> country, std::string gender,
                      std::string email) {
    auto index = people_.LoadClassIndex(s);
    registry::PersonDraft d;
    d.full_name = "Test " + email;
    d.email = email;
    d.country = std::move(country);
    d.gender = std::move(gender);
    EXPECT_TRUE(registry::ValidatePerson(d, **index).ok());
    auto id = people_.CreatePerson(s, d, "2024-01-01T00:00:00.000Z");
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    return *id;
  }

  std::int64_t Seat(db::Session& s, const std::string& period, const std::string& group,
                    std::int64_t person, const std::string& role, const std::string& start) {
    auto g = store_.FindGroup(s, period, group);
    EXPECT_TRUE(g.ok() && g->has_value()) << period << " " << group;
    PositionDraft d;
    d.group_id = (*g)->id;
    d.person_id = person;
    d.role = role;
    d.start_date = start;
    auto id = store_.CreatePosition(s, d, "2024-01-01T00:00:00.000Z");
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    return id.ok() ? *id : 0;
  }

  static std::int64_t Count(const nlohmann::json& breakdown, const std::string& bucket) {
    for (const auto& b : breakdown) {
      if (b["bucket"] == bucket) return b["count"].get<std::int64_t>();
    }
    return -1;
  }

  Store store_;
  registry::Store people_;
};

TEST_P(GroupsStoreTest, ReferenceDataIsLoaded) {
  auto tx = db().Begin();
  ASSERT_TRUE(tx.ok());
  auto periods = store_.Periods(**tx);
  ASSERT_TRUE(periods.ok());
  ASSERT_EQ(periods->size(), 4u);
  EXPECT_EQ((*periods)[1].code, "2017-2020");
  EXPECT_EQ((*periods)[1].end_date, "2022-03-09");
  auto sgs = store_.ListGroups(**tx, std::string("2017-2020"), std::string("study_group"));
  EXPECT_EQ(sgs->size(), 11u);
  auto rg = store_.FindGroup(**tx, "2017-2020", "SG20RG-LATAM");
  ASSERT_TRUE(rg.ok() && rg->has_value());
  auto sg20 = store_.FindGroup(**tx, "2017-2020", "SG20");
  EXPECT_EQ((*rg)->parent_id, (*sg20)->id);
  auto sg21 = store_.FindGroup(**tx, "2025-2028", "SG21");
  EXPECT_TRUE(sg21->has_value());
  auto tsag = store_.FindGroup(**tx, "2013-2016", "TSAG");
  EXPECT_TRUE(tsag->has_value());
}

TEST_P(GroupsStoreTest, RepresentationUsesClassOnStartDateAndNotStatedBuckets) {
  auto tx = db().Begin();
  ASSERT_TRUE(tx.ok());
  db::Session& s = **tx;
  const auto vu = Person(s, "VU", "female", "vu@example.org");
  const auto fr = Person(s, "FR", "male", "fr@example.org");
  const auto none = Person(s, std::nullopt, "not_stated", "none@example.org");
  const auto ke = Person(s, "KE", "not_stated", "ke@example.org");
  Seat(s, "2017-2020", "SG3", vu, "chair", "2017-01-01");       // LDC then
  Seat(s, "2017-2020", "SG5", vu, "vice_chair", "2021-06-01");  // graduated by then
  Seat(s, "2017-2020", "SG5", fr, "vice_chair", "2017-01-01");
  Seat(s, "2017-2020", "SG13", none, "rapporteur", "2018-01-01");
  Seat(s, "2017-2020", "SG13", ke, "wp_chair", "2018-01-01");
  Seat(s, "2013-2016", "SG3", fr, "chair", "2013-01-01");
  Seat(s, "2013-2016", "SG5", none, "chair", "2013-01-01");
  auto r = RepresentationFor(s, "2017-2020");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const nlohmann::json j = ToJson(*r);
  EXPECT_EQ(j["seats"], 5);
  EXPECT_EQ(Count(j["breakdowns"]["development"], "developing"), 3);
  EXPECT_EQ(Count(j["breakdowns"]["development"], "developed"), 1);
  EXPECT_EQ(Count(j["breakdowns"]["development"], "not_stated"), 1);
  EXPECT_EQ(Count(j["breakdowns"]["ldc"], "ldc"), 1);
  EXPECT_EQ(Count(j["breakdowns"]["ldc"], "non_ldc"), 3);
  EXPECT_EQ(Count(j["breakdowns"]["ldc"], "not_stated"), 1);
  EXPECT_EQ(Count(j["breakdowns"]["region"], "ASP"), 2);
  EXPECT_EQ(Count(j["breakdowns"]["region"], "not_stated"), 1);
  EXPECT_EQ(Count(j["breakdowns"]["gender"], "female"), 2);
  EXPECT_EQ(Count(j["breakdowns"]["gender"], "not_stated"), 2);
  EXPECT_EQ(Count(j["breakdowns"]["gender"], "other"), 0);
  EXPECT_DOUBLE_EQ(j["breakdowns"]["development"][0]["share"].get<double>(), 0.6);
  auto prev = RepresentationFor(s, "2013-2016");
  ASSERT_TRUE(prev.ok());
  const nlohmann::json c = Compare(*r, *prev);
  EXPECT_EQ(c["development"][0]["bucket"], "developing");
  EXPECT_DOUBLE_EQ(c["development"][0]["share_change_points"].get<double>(), 60.0);
  EXPECT_EQ(RepresentationFor(s, "1999-2000").status().reason(), "period.not_found");
}

TEST_P(GroupsStoreTest, ACountryWithNoClassRowsIsNotStatedNeverDeveloped) {
  auto tx = db().Begin();
  ASSERT_TRUE(tx.ok());
  db::Session& s = **tx;
  const auto fr = Person(s, "FR", "male", "fr@example.org");
  const auto ch = Person(s, "CH", "female", "ch@example.org");
  const auto ke = Person(s, "KE", "female", "ke@example.org");
  Seat(s, "2017-2020", "SG5", fr, "vice_chair", "2017-01-01");
  Seat(s, "2017-2020", "SG3", ch, "chair", "2017-01-01");
  Seat(s, "2017-2020", "SG13", ke, "rapporteur", "2018-01-01");
  // Switzerland's classification is not recorded (no class rows at all).
  ASSERT_TRUE(s.Exec("DELETE FROM country_class WHERE iso2 = 'CH'", {}).ok());

  auto period = store_.PeriodByCode(s, "2017-2020");
  ASSERT_TRUE(period.ok());
  auto rows = store_.StudyGroupSeatsByClass(s, period->id);
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  std::map<std::string, std::int64_t> by_class;
  for (const auto& r : *rows) by_class[r.role + "/" + r.development] += r.count;
  EXPECT_EQ(by_class, (std::map<std::string, std::int64_t>{{"chair/not_stated", 1},
                                                           {"rapporteur/developing", 1},
                                                           {"vice_chair/developed", 1}}));
  // The representation table classifies the same seats the same way.
  auto r = RepresentationFor(s, "2017-2020");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const nlohmann::json j = ToJson(*r);
  EXPECT_EQ(Count(j["breakdowns"]["development"], "developing"), 1);
  EXPECT_EQ(Count(j["breakdowns"]["development"], "developed"), 1);
  EXPECT_EQ(Count(j["breakdowns"]["development"], "not_stated"), 1);
}

TEST_P(GroupsStoreTest, MergeMovesPositions) {
  auto tx = db().Begin();
  ASSERT_TRUE(tx.ok());
  const auto a = Person(**tx, "KE", "male", "a@example.org");
  const auto b = Person(**tx, "KE", "male", "b@example.org");
  const auto pos = Seat(**tx, "2017-2020", "SG3", a, "chair", "2017-01-01");
  ASSERT_TRUE((*tx)->Commit().ok());
  auto merged = registry::RegistryService(db()).MergePerson(CliActor("test"), a, b,
                                                            "2024-02-01T00:00:00.000Z");
  ASSERT_TRUE(merged.ok()) << merged.status().ToString();
  auto read = db().Begin({.read_only = true});
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(store_.GetPosition(**read, pos)->person_id, b);
}

TEST_P(GroupsStoreTest, DemoSeedIsIdempotentAndDevelopingShareGrows) {
  ASSERT_TRUE(SeedDemoTeams(db()).ok());
  ASSERT_TRUE(SeedDemoTeams(db()).ok());
  auto tx = db().Begin({.read_only = true});
  ASSERT_TRUE(tx.ok());
  auto now = RepresentationFor(**tx, "2017-2020");
  auto before = RepresentationFor(**tx, "2013-2016");
  ASSERT_TRUE(now.ok() && before.ok());
  EXPECT_EQ(now->seats, 36);
  EXPECT_EQ(before->seats, 36);
  const nlohmann::json n = ToJson(*now);
  const nlohmann::json b = ToJson(*before);
  EXPECT_GT(Count(n["breakdowns"]["development"], "developing"),
            Count(b["breakdowns"]["development"], "developing"));
  EXPECT_GT(Count(n["breakdowns"]["development"], "not_stated"), 0);
  EXPECT_GT(Count(n["breakdowns"]["gender"], "not_stated"), 0);
}

TEST_P(GroupsStoreTest, PositionsExportReimportsIdentically) {
  ASSERT_TRUE(SeedDemoTeams(db()).ok());
  auto kind = registry::FindTransferKind("positions");
  ASSERT_TRUE(kind);
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  ASSERT_TRUE(kind->export_rows(db(), header, rows).ok());
  ASSERT_EQ(rows.size(), 72u);
  auto bytes = tabular::WriteTable(header, rows, tabular::Format::kXlsx);
  ASSERT_TRUE(bytes.ok());
  // Re-importing over the same positions: every row is a duplicate.
  auto dup = kind->import(db(), *bytes, tabular::Format::kXlsx, true, CliActor("t"), nullptr);
  ASSERT_TRUE(dup.ok());
  EXPECT_EQ(dup->errors.size(), 72u);
  ASSERT_TRUE(db().Exec("DELETE FROM group_position").ok());
  auto again = kind->import(db(), *bytes, tabular::Format::kXlsx, false, CliActor("t"), nullptr);
  ASSERT_TRUE(again.ok());
  ASSERT_TRUE(again->ok) << again->errors[0].reason;
  std::vector<std::string> header2;
  std::vector<std::vector<std::string>> rows2;
  ASSERT_TRUE(kind->export_rows(db(), header2, rows2).ok());
  EXPECT_EQ(rows2, rows);
  const std::string bad =
      "period,group,role,start_date,person_email\n"
      "2017-2020,SG99,chair,2017-01-01,nobody@example.org\n"
      "2017-2020,SG3,boss,2017-13-01,\n";
  auto report = kind->import(db(), bad, tabular::Format::kCsv, true, CliActor("t"), nullptr);
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->errors.size(), 3u);
}

TEST(GroupsRulesTest, ValidatePosition) {
  registry::ClassIndex index({{"KE", "KEN", "Kenya", "Kenya", "AFR"}}, {});
  PositionDraft d;
  d.role = "boss";
  d.start_date = "2020-02-30";
  d.country = "XX";
  Status s = ValidatePosition(d, index);
  EXPECT_EQ(s.code(), ErrorCode::kUnprocessable);
  EXPECT_EQ(s.fields().size(), 5u);  // role, start_date, country, group_id, person_id
}

INSTANTIATE_TEST_SUITE_P(Backends, GroupsStoreTest, testing::AllBackends(), testing::BackendName);

}  // namespace
}  // namespace bsg::groups
