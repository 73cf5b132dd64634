// `bsg events export-participants` end to end on the demo programme: the file it writes imports
// back into the event without a change (CSV and XLSX); an unknown event or format is refused.
#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "platform/db/database.h"
#include "support/cli_run.h"

namespace bsg {
namespace {

using testing_support::CliRun;

class ParticipantsCliTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { demo_ = new testing_support::DemoCli("bsg-participants-cli"); }
  static void TearDownTestSuite() {
    delete demo_;
    demo_ = nullptr;
  }
  static CliRun Bsg(const std::string& args) { return demo_->Bsg(args); }

  // A held BSG training of the demo programme with people holding a place, and their number.
  static std::pair<std::int64_t, std::int64_t> Training() {
    auto db = db::Database::Open(demo_->url());
    EXPECT_TRUE(db.ok());
    auto rows = (*db)->Query(
        "SELECT e.id, COUNT(*) FROM event e JOIN event_registration r ON r.event_id = e.id "
        "WHERE e.kind = 'bsg_training' AND e.status = 'held' "
        "AND r.status NOT IN ('cancelled', 'waitlisted') GROUP BY e.id ORDER BY e.id LIMIT 1");
    EXPECT_TRUE(rows.ok() && !rows->empty());
    return {(*rows)[0].Int(0), (*rows)[0].Int(1)};
  }

  static testing_support::DemoCli* demo_;
};

testing_support::DemoCli* ParticipantsCliTest::demo_ = nullptr;

TEST_F(ParticipantsCliTest, TheExportImportsBackUnchanged) {
  const auto [event, places] = Training();
  ASSERT_GT(places, 0);
  for (const std::string format : {"csv", "xlsx"}) {
    const std::string file = demo_->dir() + "/participants." + format;
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

// `bsg import` prints the first 1,000 errors in full, then counts per column and reason, with
// long values cut, as the API does.
TEST_F(ParticipantsCliTest, ImportErrorOutputIsCapped) {
  const std::string file = demo_->dir() + "/bad-people.csv";
  {
    std::ofstream out(file, std::ios::binary);
    out << "full_name,email\n";
    out << "Long," << std::string(20000, 'x') << "\n";
    for (int i = 0; i < 1500; ++i) out << "Person " << i << ",not-an-address\n";
  }
  CliRun run = Bsg("import people '" + file + "' --dry-run");
  EXPECT_EQ(run.exit_code, 1);
  std::size_t lines = 0;
  std::size_t full = 0;
  std::istringstream err(run.err);
  for (std::string line; std::getline(err, line);) {
    ++lines;
    if (line.rfind(file + ":", 0) == 0 && line.find(":email: ") != std::string::npos &&
        line.find("(not-an-address)") != std::string::npos) {
      ++full;
    }
  }
  EXPECT_EQ(full, 999u) << run.err.substr(0, 400);
  EXPECT_NE(run.err.find(file + ": 501 more error(s) not shown:"), std::string::npos);
  EXPECT_NE(run.err.find("(501)"), std::string::npos);
  EXPECT_LT(lines, 1010u);
  EXPECT_EQ(run.err.find(std::string(201, 'x')), std::string::npos);
  EXPECT_NE(run.err.find(std::string(200, 'x') + "\xE2\x80\xA6[truncated]"), std::string::npos);
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
