// `bsg events export-participants` end to end on the demo programme: the file it writes imports
// back into the event without a change (CSV and XLSX); an unknown event or format is refused.
#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <string>

#include "platform/db/database.h"
#include "support/cli_run.h"

namespace bsg {
namespace {

using testing_support::CliRun;

class ParticipantsCliTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new std::string(testing_support::MakeTempDir("bsg-participants-cli"));
    url_ = new std::string("sqlite://" + *dir_ + "/demo.db");
    ASSERT_EQ(Bsg("migrate").exit_code, 0);
    CliRun seeded = Bsg("seed --demo");
    ASSERT_EQ(seeded.exit_code, 0) << seeded.err;
  }
  static void TearDownTestSuite() {
    std::error_code ec;
    std::filesystem::remove_all(*dir_, ec);
    delete dir_;
    delete url_;
  }
  static CliRun Bsg(const std::string& args) { return testing_support::RunBsg(*dir_, *url_, args); }

  // A held BSG training of the demo programme with people holding a place, and their number.
  static std::pair<std::int64_t, std::int64_t> Training() {
    auto db = db::Database::Open(*url_);
    EXPECT_TRUE(db.ok());
    auto rows = (*db)->Query(
        "SELECT e.id, COUNT(*) FROM event e JOIN event_registration r ON r.event_id = e.id "
        "WHERE e.kind = 'bsg_training' AND e.status = 'held' "
        "AND r.status NOT IN ('cancelled', 'waitlisted') GROUP BY e.id ORDER BY e.id LIMIT 1");
    EXPECT_TRUE(rows.ok() && !rows->empty());
    return {(*rows)[0].Int(0), (*rows)[0].Int(1)};
  }

  static std::string* dir_;
  static std::string* url_;
};

std::string* ParticipantsCliTest::dir_ = nullptr;
std::string* ParticipantsCliTest::url_ = nullptr;

TEST_F(ParticipantsCliTest, TheExportImportsBackUnchanged) {
  const auto [event, places] = Training();
  ASSERT_GT(places, 0);
  for (const std::string format : {"csv", "xlsx"}) {
    const std::string file = *dir_ + "/participants." + format;
    CliRun out = Bsg("events export-participants " + std::to_string(event) + " --format " + format +
                     " --out '" + file + "'");
    ASSERT_EQ(out.exit_code, 0) << out.err;
    CliRun back =
        Bsg("events import-participants " + std::to_string(event) + " '" + file + "' --dry-run");
    ASSERT_EQ(back.exit_code, 0) << back.err;
    EXPECT_NE(back.out.find("would import " + std::to_string(places) + " row(s)"),
              std::string::npos)
        << back.out;
    EXPECT_NE(back.out.find(" 0 registrations, " + std::to_string(places) + " already registered"),
              std::string::npos)
        << back.out;
  }
  // Without --out the CSV goes to standard output, header first.
  CliRun stdout_run = Bsg("events export-participants " + std::to_string(event));
  ASSERT_EQ(stdout_run.exit_code, 0);
  EXPECT_EQ(stdout_run.out.rfind("email,full_name,country,organization,gender,mode,role,attended,"
                                 "days",
                                 0),
            0u);
}

TEST_F(ParticipantsCliTest, UnknownEventsAndFormatsAreRefused) {
  CliRun missing = Bsg("events export-participants 999999");
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_FALSE(missing.err.empty());
  CliRun format = Bsg("events export-participants 1 --format pdf");
  EXPECT_EQ(format.exit_code, 2);
  EXPECT_NE(format.err.find("--format"), std::string::npos) << format.err;
}

}  // namespace
}  // namespace bsg
