// Registry store, rules and import/export on SQLite and PostgreSQL.
#include "modules/registry/store.h"

#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "modules/identity/audit.h"
#include "modules/registry/rules.h"
#include "modules/registry/service.h"
#include "modules/registry/transfer.h"
#include "platform/audit.h"
#include "platform/tabular/csv.h"
#include "support/test_db.h"

namespace bsg::registry {
namespace {

class RegistryStoreTest : public testing::DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    identity::RegisterAuditRecorder();  // merges and imports record audit events
  }

  ClassIndex Index() {
    auto index = store_.LoadClassIndex(*Session());
    EXPECT_TRUE(index.ok()) << index.status().ToString();
    return index.ok() ? **index : ClassIndex();
  }
  db::Transaction* Session() {
    if (!tx_) {
      auto tx = db().Begin();
      EXPECT_TRUE(tx.ok());
      tx_ = std::move(tx).value();
    }
    return tx_.get();
  }
  void Commit() {
    ASSERT_TRUE(tx_->Commit().ok());
    tx_.reset();
  }
  std::int64_t AddPerson(PersonDraft d) {
    ClassIndex index = Index();
    Status v = ValidatePerson(d, index);
    EXPECT_TRUE(v.ok()) << v.ToString();
    auto id = store_.CreatePerson(*Session(), d, "2024-01-01T00:00:00.000Z");
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    return id.ok() ? *id : 0;
  }
  void TearDown() override {
    tx_.reset();
    DatabaseTest::TearDown();
  }

  Store store_;
  std::unique_ptr<db::Transaction> tx_;
};

TEST_P(RegistryStoreTest, VanuatuGraduatedOn20201204And47LdcsOn20200101) {
  ClassIndex index = Index();
  EXPECT_TRUE(index.On("VU", "2020-06-01")->ldc);
  EXPECT_TRUE(index.On("VU", "2020-12-03")->ldc);
  EXPECT_FALSE(index.On("VU", "2020-12-04")->ldc);
  EXPECT_FALSE(index.On("VU", "2021-01-01")->ldc);
  EXPECT_TRUE(index.On("VU", "2021-01-01")->sids);
  int ldcs = 0;
  for (const auto& c : index.countries()) ldcs += index.On(c.iso2, "2020-01-01")->ldc ? 1 : 0;
  EXPECT_EQ(ldcs, 47);
  // Botswana's graduation is known to the month only: it applies from 1994-12-01.
  EXPECT_TRUE(index.On("BW", "1994-11-30")->ldc);
  EXPECT_FALSE(index.On("BW", "1994-12-01")->ldc);
  // Inclusion known to the year only: from 1 January.
  EXPECT_FALSE(index.On("VU", "1984-12-31")->ldc);
  EXPECT_TRUE(index.On("VU", "1985-01-01")->ldc);
  EXPECT_EQ(index.On("FR", "2020-01-01")->developing, false);
  EXPECT_EQ(index.On("KE", "2020-01-01")->region, "AFR");
}

TEST_P(RegistryStoreTest, MigrationMatchesCountriesCsv) {
  std::ifstream in(std::string(BSG_SOURCE_DIR) + "/data/countries.csv");
  std::stringstream text;
  text << in.rdbuf();
  auto table = tabular::ReadCsv(text.str());
  ASSERT_TRUE(table.ok());
  tabular::Columns cols({{"iso2"},
                         {"iso3"},
                         {"name"},
                         {"itu_region"},
                         {"ldc"},
                         {"ldc_graduation_date"},
                         {"lldc"},
                         {"sids"},
                         {"developing"}});
  ASSERT_TRUE(cols.Bind(*table).empty());
  ClassIndex index = Index();
  ASSERT_EQ(index.countries().size(), table->rows.size());
  ASSERT_EQ(table->rows.size(), 193u);
  for (const auto& row : table->rows) {
    const std::string iso2(cols.Get(row, "iso2"));
    const Country* c = index.Find(iso2);
    ASSERT_NE(c, nullptr) << iso2;
    EXPECT_EQ(c->iso3, cols.Get(row, "iso3"));
    EXPECT_EQ(c->name, cols.Get(row, "name"));
    EXPECT_EQ(c->region, cols.Get(row, "itu_region"));
    auto k = index.On(iso2, "2020-01-01");
    EXPECT_EQ(k->ldc, cols.Get(row, "ldc") == "1") << iso2;
    EXPECT_EQ(k->lldc, cols.Get(row, "lldc") == "1") << iso2;
    EXPECT_EQ(k->sids, cols.Get(row, "sids") == "1") << iso2;
    EXPECT_EQ(k->developing, cols.Get(row, "developing") == "1") << iso2;
    if (!cols.Get(row, "ldc_graduation_date").empty()) {
      auto periods = store_.ClassPeriods(*Session(), iso2);
      ASSERT_TRUE(periods.ok());
      bool found = false;
      for (const auto& p : *periods) {
        found = found || (p.cls == "ldc" && p.until == cols.Get(row, "ldc_graduation_date"));
      }
      EXPECT_TRUE(found) << iso2;
    }
  }
}

TEST_P(RegistryStoreTest, ClassChangeIsPlannedAndStored) {
  auto history = store_.ClassPeriods(*Session(), std::string("BD"));
  ASSERT_TRUE(history.ok());
  auto plan = PlanClassChange("BD", *history, {"ldc", "leave", "2026-11-24", "UNGA resolution"});
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  ASSERT_TRUE(plan->close);
  ASSERT_TRUE(store_.CloseClassPeriod(*Session(), *plan->close).ok());
  ClassIndex index = Index();
  EXPECT_TRUE(index.On("BD", "2026-11-23")->ldc);
  EXPECT_FALSE(index.On("BD", "2026-11-24")->ldc);
  // Leaving twice is a conflict; entering a held class is a conflict; bad input is 422.
  auto again = store_.ClassPeriods(*Session(), std::string("BD"));
  EXPECT_EQ(PlanClassChange("BD", *again, {"ldc", "leave", "2027", "x"}).status().reason(),
            "country.class_not_held");
  auto vu = store_.ClassPeriods(*Session(), std::string("VU"));
  EXPECT_EQ(PlanClassChange("VU", *vu, {"sids", "enter", "2027", "x"}).status().reason(),
            "country.class_already_held");
  EXPECT_TRUE(PlanClassChange("BD", *again, {"lldc", "enter", "2027", "x"}).ok());
  EXPECT_EQ(PlanClassChange("KE", {}, {"ldc", "sideways", "20x", ""}).status().fields().size(), 3u);
}

TEST_P(RegistryStoreTest, SearchIgnoresAccentsAndCase) {
  PersonDraft a;
  a.given_name = "José";
  a.family_name = "Núñez";
  a.email = "jose@example.org";
  a.country = "es";
  AddPerson(a);
  PersonDraft b;
  b.full_name = "王小明";
  b.transliteration = "Wang Xiaoming";
  AddPerson(b);
  PersonDraft bad;
  bad.full_name = "Иван Петров";
  ClassIndex index = Index();
  Status v = ValidatePerson(bad, index);
  EXPECT_EQ(v.fields().count("transliteration"), 1u);
  for (const char* q : {"nunez", "NÚÑEZ", "jose nu", "Jose@Example"}) {
    PersonFilter f;
    f.q = q;
    auto page = store_.ListPeople(*Session(), f);
    ASSERT_TRUE(page.ok());
    ASSERT_EQ(page->total, 1) << q;
    EXPECT_EQ(page->items[0].full_name, "José Núñez");
    EXPECT_EQ(page->items[0].country, "ES");
  }
  PersonFilter f;
  f.q = "xiaoming";
  EXPECT_EQ(store_.ListPeople(*Session(), f)->total, 1);
  f.q = "小明";
  EXPECT_EQ(store_.ListPeople(*Session(), f)->total, 1);
  f.q = "50%_";
  EXPECT_EQ(store_.ListPeople(*Session(), f)->total, 0);
}

TEST_P(RegistryStoreTest, DuplicateEmailIsAConflict) {
  PersonDraft a;
  a.full_name = "Ada One";
  a.email = "ada@example.org";
  AddPerson(a);
  PersonDraft b;
  b.full_name = "Ada Two";
  b.email = "ADA@example.org";
  ClassIndex index = Index();
  ASSERT_TRUE(ValidatePerson(b, index).ok());
  auto id = store_.CreatePerson(*Session(), b, "2024-01-01T00:00:00.000Z");
  ASSERT_FALSE(id.ok());
  EXPECT_EQ(id.status().code(), ErrorCode::kConflict);
  EXPECT_EQ(id.status().reason(), "person.duplicate_email");
}

TEST_P(RegistryStoreTest, MergeKeepsBothRecordsAndAudits) {
  PersonDraft a;
  a.full_name = "Kofi Sampleton";
  a.email = "kofi@example.org";
  const std::int64_t from = AddPerson(a);
  PersonDraft b;
  b.full_name = "Kofi A. Sampleton";
  const std::int64_t into = AddPerson(b);
  int hook_calls = 0;
  RegisterPersonMergeHook("test.counter", [&](db::Session&, std::int64_t f, std::int64_t i) {
    EXPECT_EQ(f, from);
    EXPECT_EQ(i, into);
    ++hook_calls;
    return Status::Ok();
  });
  Commit();
  RegistryService service(db());
  auto merged = service.MergePerson(CliActor("test"), from, into, "2024-02-01T00:00:00.000Z");
  RegisterPersonMergeHook("test.counter",
                          [](db::Session&, std::int64_t, std::int64_t) { return Status::Ok(); });
  ASSERT_TRUE(merged.ok()) << merged.status().ToString();
  EXPECT_EQ(merged->id, into);
  EXPECT_EQ(hook_calls, 1);
  auto old = store_.GetPerson(*Session(), from);
  ASSERT_TRUE(old.ok());
  EXPECT_EQ(old->merged_into, into);
  EXPECT_EQ(old->full_name, "Kofi Sampleton");
  auto survivor = store_.GetPerson(*Session(), into);
  EXPECT_EQ(survivor->email, "kofi@example.org");  // moved: the survivor had none
  EXPECT_EQ(store_.ListPeople(*Session(), {})->total, 1);
  PersonFilter all;
  all.include_merged = true;
  EXPECT_EQ(store_.ListPeople(*Session(), all)->total, 2);
  auto events = Session()->Query(
      "SELECT COUNT(*) FROM audit_event WHERE record_type = 'person' AND action LIKE 'merge%'");
  ASSERT_TRUE(events.ok());
  EXPECT_EQ((*events)[0].Int(0), 2);
  tx_.reset();
  const std::string now = "2024-02-02T00:00:00.000Z";
  EXPECT_EQ(service.MergePerson(CliActor("t"), from, into, now).status().reason(),
            "person.not_mergeable");
  EXPECT_EQ(service.MergePerson(CliActor("t"), into, into, now).status().reason(),
            "person.invalid_merge");
  EXPECT_EQ(service.MergePerson(CliActor("t"), into, into + 100, now).status().reason(),
            "person.invalid_merge");
}

TEST_P(RegistryStoreTest, EraseRemovesIdentityButKeepsCounts) {
  ClassIndex index = Index();
  OrganizationDraft org;
  org.kind = "academia";
  org.name = "Université Exemple";
  org.country = "SN";
  ASSERT_TRUE(ValidateOrganization(org, index).ok());
  auto org_id = store_.CreateOrganization(*Session(), org, "2024-01-01T00:00:00.000Z");
  ASSERT_TRUE(org_id.ok());
  PersonDraft a;
  a.full_name = "Awa Fictivo";
  a.email = "awa@example.org";
  a.country = "SN";
  a.gender = "female";
  a.organization_id = *org_id;
  const std::int64_t id = AddPerson(a);
  ASSERT_TRUE(store_.ErasePerson(*Session(), id, "2024-02-01T00:00:00.000Z").ok());
  auto p = store_.GetPerson(*Session(), id);
  ASSERT_TRUE(p.ok());
  EXPECT_FALSE(p->full_name);
  EXPECT_FALSE(p->email);
  EXPECT_FALSE(p->transliteration);
  EXPECT_FALSE(p->organization_id);
  EXPECT_EQ(p->DisplayName(), "(erased)");
  EXPECT_EQ(p->country, "SN");
  EXPECT_EQ(p->gender, "female");
  EXPECT_EQ(p->organization_kind, "academia");
  PersonFilter f;
  f.q = "awa";
  EXPECT_EQ(store_.ListPeople(*Session(), f)->total, 0);
  f.q.reset();
  f.country = "SN";
  f.gender = "female";
  EXPECT_EQ(store_.ListPeople(*Session(), f)->total, 1);  // still counted
}

TEST_P(RegistryStoreTest, OrganizationsValidateAndConflict) {
  ClassIndex index = Index();
  OrganizationDraft bad;
  bad.kind = "club";
  bad.name = "";
  bad.sme_size = "huge";
  bad.country = "XX";
  Status v = ValidateOrganization(bad, index);
  EXPECT_EQ(v.code(), ErrorCode::kUnprocessable);
  EXPECT_EQ(v.fields().size(), 4u);
  OrganizationDraft ok;
  ok.kind = "sme";
  ok.name = "Tiny Labs";
  ok.sme_size = "micro";
  ok.country = "KE";
  ASSERT_TRUE(ValidateOrganization(ok, index).ok());
  ASSERT_TRUE(store_.CreateOrganization(*Session(), ok, "2024-01-01T00:00:00.000Z").ok());
  OrganizationDraft dup = ok;
  dup.name = "TINY LABS";
  ASSERT_TRUE(ValidateOrganization(dup, index).ok());
  auto again = store_.CreateOrganization(*Session(), dup, "2024-01-01T00:00:00.000Z");
  EXPECT_EQ(again.status().reason(), "organization.duplicate");
}

// ---- import and export

std::string PeopleCsv(int n, int bad_row) {
  std::string csv = "given_name,family_name,email,country,gender,languages\n";
  const char* countries[] = {"KE", "Côte d’Ivoire", "vut", "France", "Sénégal", "", "bra"};
  for (int i = 0; i < n; ++i) {
    const int row = i + 2;
    std::string email = "person" + std::to_string(i) + "@example.org";
    if (row == bad_row) email = "not-an-email";
    csv += "Given" + std::to_string(i) + ",Sampléton," + email + "," + countries[i % 7] + "," +
           (i % 3 == 0   ? "female"
            : i % 3 == 1 ? "male"
                         : "") +
           ",en fr\n";
  }
  return csv;
}

TEST_P(RegistryStoreTest, ImportOfAThousandWithOneBadRowImportsNothing) {
  tx_.reset();
  const std::string bad = PeopleCsv(1000, 377);
  auto report = ImportTable(db(), "people", bad, tabular::Format::kCsv, false, CliActor("test"));
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_FALSE(report->ok);
  EXPECT_EQ(report->rows, 1000u);
  EXPECT_EQ(report->imported, 0u);
  ASSERT_EQ(report->errors.size(), 1u);
  EXPECT_EQ(report->errors[0].row, 377);
  EXPECT_EQ(report->errors[0].column, "email");
  EXPECT_EQ(report->errors[0].value, "not-an-email");
  EXPECT_EQ(store_.ListPeople(*Session(), {})->total, 0);
  tx_.reset();

  const std::string good = PeopleCsv(1000, 0);
  auto dry = ImportTable(db(), "people", good, tabular::Format::kCsv, true, CliActor("test"));
  ASSERT_TRUE(dry.ok());
  EXPECT_TRUE(dry->ok);
  EXPECT_EQ(store_.ListPeople(*Session(), {})->total, 0);
  tx_.reset();
  auto done = ImportTable(db(), "people", good, tabular::Format::kCsv, false, CliActor("test"));
  ASSERT_TRUE(done.ok());
  EXPECT_TRUE(done->ok);
  EXPECT_EQ(done->imported, 1000u);
  PersonFilter f;
  f.country = "CI";
  EXPECT_EQ(store_.ListPeople(*Session(), f)->total, 143);
  f.country = "VU";
  EXPECT_EQ(store_.ListPeople(*Session(), f)->total, 143);
  f.country.reset();
  f.gender = "not_stated";
  EXPECT_EQ(store_.ListPeople(*Session(), f)->total, 333);
  tx_.reset();

  // Importing the same people again: every row is a duplicate, each one named.
  auto twice = ImportTable(db(), "people", good, tabular::Format::kCsv, true, CliActor("test"));
  ASSERT_TRUE(twice.ok());
  EXPECT_EQ(twice->errors.size(), 1000u);
}

// Error reports are bounded: the first 1,000 errors in full, then counts per column and reason;
// an echoed value is cut with a marker.
TEST_P(RegistryStoreTest, ImportReportIsCappedAndSummarized) {
  tx_.reset();
  std::string csv = "full_name,email\n";
  for (int i = 0; i < 5000; ++i) csv += "Person " + std::to_string(i) + ",not-an-address\n";
  csv += "Long Cell," + std::string(20000, 'x') + "\n";
  auto report = ImportTable(db(), "people", csv, tabular::Format::kCsv, true, CliActor("test"));
  ASSERT_TRUE(report.ok());
  EXPECT_FALSE(report->ok);
  ASSERT_EQ(report->errors.size(), 5001u);
  const nlohmann::json body = ToJson(*report);
  EXPECT_EQ(body.at("errors").size(), 1000u);
  EXPECT_EQ(body.at("errors_total"), 5001);
  std::size_t counted = 0;
  for (const auto& c : body.at("errors_summary")) {
    EXPECT_EQ(c.at("column"), "email");
    counted += c.at("count").get<std::size_t>();
  }
  EXPECT_EQ(counted, 4001u);
  // The long cell is the last error: echoed cut when it is among the first 1,000.
  tabular::CellError long_cell = report->errors.back();
  EXPECT_EQ(long_cell.value.size(), 20000u);
  const std::string echoed = tabular::ToJson(long_cell).at("value");
  EXPECT_EQ(echoed, std::string(200, 'x') + "\xE2\x80\xA6[truncated]");
  EXPECT_LT(body.dump().size(), 400u * 1000);
}

// A file over a reading limit is refused as a whole, naming the limit (HTTP 422).
TEST_P(RegistryStoreTest, ImportOverTheRowLimitIsRefused) {
  tx_.reset();
  std::string csv = "full_name\n";
  for (int i = 0; i <= 50000; ++i) csv += "P\n";
  auto report = ImportTable(db(), "people", csv, tabular::Format::kCsv, true, CliActor("test"));
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.status().code(), ErrorCode::kUnprocessable);
  EXPECT_EQ(report.status().reason(), "import.too_large");
  EXPECT_EQ(report.status().fields().at("rows"), "at most 50000 rows");
  // The limit is the registry's own setting (registry.import_max_rows, ApplyImportLimits).
  tabular::Limits three;
  three.max_rows = 3;
  tabular::SetImportLimits("registry", three);
  auto small = ImportTable(db(), "people", "full_name\nA\nB\nC\nD\n", tabular::Format::kCsv, true,
                           CliActor("test"));
  tabular::SetImportLimits("registry", tabular::Limits{});
  ASSERT_FALSE(small.ok());
  EXPECT_EQ(small.status().fields().at("rows"), "at most 3 rows");
  // A read failure naming a cell keeps its column and value in the report.
  const tabular::CellError e = ReadFailure(
      Status::InvalidArgument("tabular.bad_date", "cell B3 is formatted as a date but holds inf",
                              {{"row", "3"}, {"column", "B"}, {"value", "inf"}}));
  EXPECT_EQ(e, (tabular::CellError{3, "B", "cell B3 is formatted as a date but holds inf", "inf"}));
}

TEST_P(RegistryStoreTest, DryRunReportsEveryBadRow) {
  tx_.reset();
  const std::string csv =
      "full_name,email,country,gender,organization,shoe\n"
      "Ok Person,ok@example.org,KE,male,,\n"
      ",,Atlantis,robot,Nowhere Inc,\n"
      "Dup,ok@example.org,FR,,,\n"
      "Иван Петров,,RU,,,\n";
  auto report = ImportTable(db(), "people", csv, tabular::Format::kCsv, true, CliActor("test"));
  ASSERT_TRUE(report.ok());
  // The unknown column makes the header bad: reported alone, on row 1.
  ASSERT_EQ(report->errors.size(), 1u);
  EXPECT_EQ(report->errors[0], (tabular::CellError{1, "shoe", "unknown column", "shoe"}));

  const std::string fixed_header =
      "full_name,email,country,gender,organization\n"
      "Ok Person,ok@example.org,KE,male,\n"
      ",,Atlantis,robot,Nowhere Inc\n"
      "Dup,ok@example.org,FR,,\n"
      "Иван Петров,,RU,,\n";
  report = ImportTable(db(), "people", fixed_header, tabular::Format::kCsv, true, CliActor("test"));
  ASSERT_TRUE(report.ok());
  std::set<std::pair<int, std::string>> where;
  for (const auto& e : report->errors) where.insert({e.row, e.column});
  EXPECT_EQ(where, (std::set<std::pair<int, std::string>>{{3, "full_name"},
                                                          {3, "country"},
                                                          {3, "gender"},
                                                          {3, "organization"},
                                                          {4, "email"},
                                                          {5, "transliteration"}}));
}

TEST_P(RegistryStoreTest, ExportReimportsIdentically) {
  tx_.reset();
  const std::string orgs =
      "name,kind,country,member_since,member_until,sme_size\n"
      "Ministère des Postes,member_state_administration,Sénégal,1960-01-01,,\n"
      "Tiny Labs,sme,KE,2020-01-01,,micro\n"
      "Tiny Labs,sme,TZ,,,small\n";
  auto o = ImportTable(db(), "organizations", orgs, tabular::Format::kCsv, false, CliActor("test"));
  ASSERT_TRUE(o.ok());
  ASSERT_TRUE(o->ok) << (o->errors.empty() ? "" : o->errors[0].reason);
  const std::string people =
      "full_name,given_name,family_name,transliteration,email,country,organization,"
      "organization_country,gender,languages\n"
      "\"Núñez, José\",José,Núñez,,jose@example.org,es,,,male,es en\n"
      "王小明,,,Wang Xiaoming,wang@example.org,CHN,Tiny Labs,TZ,,zh\n"
      "Awa Fictivo,,,,,SN,Ministère des Postes,,female,\n"
      "\"=Formula, Not\",,,,formula@example.org,,,,other,\n";
  auto p = ImportTable(db(), "people", people, tabular::Format::kCsv, false, CliActor("test"));
  ASSERT_TRUE(p.ok());
  ASSERT_TRUE(p->ok) << (p->errors.empty() ? "" : p->errors[0].reason);

  for (tabular::Format format : {tabular::Format::kCsv, tabular::Format::kXlsx}) {
    std::vector<std::string> header;
    std::vector<std::vector<std::string>> rows;
    ASSERT_TRUE(ExportRows(db(), "people", header, rows).ok());
    ASSERT_EQ(rows.size(), 4u);
    auto bytes = tabular::WriteTable(header, rows, format);
    ASSERT_TRUE(bytes.ok());
    // Into a fresh database with the same organizations.
    auto other = testing::OpenTestDatabase(kind());
    ASSERT_NE(other, nullptr);
    ASSERT_TRUE(db::Migrate(*other).ok());
    std::vector<std::string> oh;
    std::vector<std::vector<std::string>> orows;
    ASSERT_TRUE(ExportRows(db(), "organizations", oh, orows).ok());
    auto obytes = tabular::WriteTable(oh, orows, format);
    auto o2 = ImportTable(*other, "organizations", *obytes, format, false, CliActor("test"));
    ASSERT_TRUE(o2.ok() && o2->ok);
    auto p2 = ImportTable(*other, "people", *bytes, format, false, CliActor("test"));
    ASSERT_TRUE(p2.ok());
    ASSERT_TRUE(p2->ok) << (p2->errors.empty() ? "" : p2->errors[0].reason);
    std::vector<std::string> header2;
    std::vector<std::vector<std::string>> rows2;
    ASSERT_TRUE(ExportRows(*other, "people", header2, rows2).ok());
    EXPECT_EQ(header2, header);
    EXPECT_EQ(rows2, rows) << tabular::FormatName(format);
  }
}

// Folding itself is platform/text's (text_test.cc).
TEST(RegistryRulesTest, LatinScriptAndCountryMatching) {
  EXPECT_TRUE(IsLatinScript("Nguyễn Văn-An O’Brien"));
  EXPECT_FALSE(IsLatinScript("王小明"));
  std::vector<Country> countries = {{"CI", "CIV", "Côte d'Ivoire", "Côte d'Ivoire", "AFR"},
                                    {"SN", "SEN", "Senegal", "Sénégal", "AFR"},
                                    {"DE", "DEU", "Germany", "Allemagne", "EUR"}};
  CountryMatcher m(countries);
  EXPECT_EQ(m.Match("cote d’ivoire"), "CI");
  EXPECT_EQ(m.Match("CIV"), "CI");
  EXPECT_EQ(m.Match("ci"), "CI");
  EXPECT_EQ(m.Match("SÉNÉGAL"), "SN");
  EXPECT_EQ(m.Match("allemagne"), "DE");
  EXPECT_FALSE(m.Match("Atlantis"));
  // A class boundary known only to the month or the year takes effect on its first day.
  auto month = PlanClassChange("KE", {}, {"ldc", "enter", "1994-12", "x"});
  ASSERT_TRUE(month.ok()) << month.status().ToString();
  EXPECT_EQ(month->open->since, "1994-12");
  EXPECT_EQ(month->open->since_effective, "1994-12-01");
  EXPECT_EQ(PlanClassChange("KE", {}, {"ldc", "enter", "1971", "x"})->open->since_effective,
            "1971-01-01");
  for (const char* bad : {"1994-13", "2021-02-29", "0971", "1994-1"}) {
    EXPECT_TRUE(
        PlanClassChange("KE", {}, {"ldc", "enter", bad, "x"}).status().fields().count("date"))
        << bad;
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, RegistryStoreTest, testing::AllBackends(), testing::BackendName);

}  // namespace
}  // namespace bsg::registry
