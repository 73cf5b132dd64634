// `bsg report` end to end: the real binary on a demo SQLite database writes the progress report
// in each format into a folder; bad windows are refused with a message and a non-zero exit.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "support/cli_run.h"

namespace bsg {
namespace {

namespace fs = std::filesystem;

using testing_support::CliRun;

class ReportCliTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { demo_ = new testing_support::DemoCli("bsg-report-cli"); }
  static void TearDownTestSuite() {
    delete demo_;
    demo_ = nullptr;
  }

  // Runs the bsg binary on the suite's database, from the suite's folder (so that the map's data
  // must be found beside the binary, not in the working folder).
  static CliRun Bsg(const std::string& args) { return demo_->Bsg(args); }

  static std::vector<std::string> Files(const std::string& folder) {
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(folder)) out.push_back(e.path().filename());
    std::sort(out.begin(), out.end());
    return out;
  }

  static testing_support::DemoCli* demo_;
};

testing_support::DemoCli* ReportCliTest::demo_ = nullptr;

TEST_F(ReportCliTest, WritesThePdf) {
  const std::string out = demo_->dir() + "/pdf";
  CliRun r = Bsg("report --since 2019-09-01 --until 2020-03-31 --format pdf --out '" + out + "'");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "") << "no progress bar when stderr is not a terminal";
  const std::string file = out + "/bsg-progress-report_2019-09-01_2020-03-31.pdf";
  EXPECT_NE(r.out.find(file), std::string::npos) << r.out;
  std::ifstream in(file, std::ios::binary);
  std::string head(5, '\0');
  in.read(head.data(), 5);
  EXPECT_EQ(head, "%PDF-");
}

TEST_F(ReportCliTest, CsvAndSvgWriteSeveralFiles) {
  CliRun csv = Bsg("report --since 2019-09-01 --until 2020-03-31 --format csv --out '" +
                   demo_->dir() + "/csv'");
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  EXPECT_EQ(Files(demo_->dir() + "/csv"),
            (std::vector<std::string>{"figure-1.csv", "figure-2.csv", "figure-3.csv", "table-1.csv",
                                      "table-2.csv"}));
  CliRun svg = Bsg("report --since 2019-09-01 --until 2020-03-31 --format svg --out '" +
                   demo_->dir() + "/svg'");
  ASSERT_EQ(svg.exit_code, 0) << svg.err;
  EXPECT_EQ(Files(demo_->dir() + "/svg"),
            (std::vector<std::string>{"figure-1.svg", "figure-2.svg", "figure-3.svg"}));
  CliRun html = Bsg("report --since 2019-09-01 --until 2020-03-31 --format html --out '" +
                    demo_->dir() + "/html'");
  ASSERT_EQ(html.exit_code, 0) << html.err;
  EXPECT_EQ(Files(demo_->dir() + "/html").size(), 1u);
}

TEST_F(ReportCliTest, BadWindowsAreRefused) {
  CliRun bad = Bsg("report --since 2019-02-30 --until 2020-03-31 --format pdf --out '" +
                   demo_->dir() + "/bad'");
  EXPECT_NE(bad.exit_code, 0);
  EXPECT_NE(bad.err.find("--since"), std::string::npos) << bad.err;
  EXPECT_NE(bad.err.find("YYYY-MM-DD"), std::string::npos) << bad.err;
  CliRun inverted =
      Bsg("report --since 2020-03-31 --until 2019-09-01 --out '" + demo_->dir() + "/bad'");
  EXPECT_NE(inverted.exit_code, 0);
  EXPECT_NE(inverted.err.find("--until"), std::string::npos) << inverted.err;
  CliRun missing = Bsg("report --until 2019-09-01");
  EXPECT_NE(missing.exit_code, 0);
  CliRun format = Bsg("report --since 2019-09-01 --until 2020-03-31 --format docx");
  EXPECT_NE(format.exit_code, 0);
  EXPECT_FALSE(fs::exists(demo_->dir() + "/bad"));
}

}  // namespace
}  // namespace bsg
