// `bsg course ...` end to end on the demo programme: the list of courses, the question bank
// exported and read back, enrolment from a list (all or nothing, every problem as
// FILE:ROW:COLUMN), the results as a file, and revocation.
#include <gtest/gtest.h>

#include <fstream>
#include <string>

#include "platform/db/database.h"
#include "support/cli_run.h"

namespace bsg {
namespace {

using testing_support::CliRun;

class CourseCliTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { demo_ = new testing_support::DemoCli("bsg-course-cli"); }
  static void TearDownTestSuite() {
    delete demo_;
    demo_ = nullptr;
  }
  static CliRun Bsg(const std::string& args) { return demo_->Bsg(args); }
  static std::string Write(const std::string& name, const std::string& content) {
    const std::string path = demo_->dir() + "/" + name;
    std::ofstream(path, std::ios::binary) << content;
    return path;
  }
  static std::string One(const std::string& sql) {
    auto db = db::Database::Open(demo_->url());
    EXPECT_TRUE(db.ok());
    auto rows = (*db)->Query(sql);
    EXPECT_TRUE(rows.ok() && !rows->empty());
    return rows.ok() && !rows->empty() ? (*rows)[0].Text(0) : "";
  }

  static testing_support::DemoCli* demo_;
};

testing_support::DemoCli* CourseCliTest::demo_ = nullptr;

TEST_F(CourseCliTest, ListsExportsAndReadsBackTheBank) {
  CliRun list = Bsg("course list");
  ASSERT_EQ(list.exit_code, 0) << list.err;
  EXPECT_NE(list.out.find("a1-working-methods"), std::string::npos) << list.out;
  const std::string file = demo_->dir() + "/bank.gift.txt";
  ASSERT_EQ(Bsg("course export-questions --format gift --out '" + file + "'").exit_code, 0);
  CliRun back = Bsg("course import-questions '" + file + "' --format gift --dry-run");
  ASSERT_EQ(back.exit_code, 0) << back.err;
  EXPECT_NE(back.out.find("would import 20 question(s)"), std::string::npos) << back.out;
  // A broken file: the problem located as FILE:LINE, nothing imported, exit 1.
  const std::string broken =
      Write("broken.gift.txt", "::One::fine {=a ~b}\n\n::Two::open {=a ~b\n");
  CliRun refused = Bsg("course import-questions '" + broken + "' --format gift");
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_NE(refused.err.find(broken + ":3: "), std::string::npos) << refused.err;
  EXPECT_NE(refused.err.find("nothing was imported"), std::string::npos);
}

TEST_F(CourseCliTest, EnrolsAListAllOrNothing) {
  const std::string enrolled =
      One("SELECT p.email FROM person p JOIN enrolment e ON "
          "e.person_id = p.id WHERE p.email IS NOT NULL LIMIT 1");
  const std::string before = One("SELECT COUNT(*) FROM enrolment");
  const std::string bad =
      Write("bad.csv", "email,language\n" + enrolled + ",en\nnobody@example.org,en\n");
  CliRun refused = Bsg("course enrol a1-working-methods '" + bad + "'");
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_NE(refused.err.find(bad + ":3:email: is not the address of a person in the registry"),
            std::string::npos)
      << refused.err;
  EXPECT_EQ(One("SELECT COUNT(*) FROM enrolment"), before);
  const std::string good = Write("good.csv", "email\n" + enrolled + "\n");
  CliRun ok = Bsg("course enrol a1-working-methods '" + good + "'");
  ASSERT_EQ(ok.exit_code, 0) << ok.err;
  EXPECT_NE(ok.out.find("enrolled 0 of 1 row(s); 1 already enrolled"), std::string::npos) << ok.out;
  EXPECT_EQ(Bsg("course enrol no-such-course '" + good + "'").exit_code, 1);
}

TEST_F(CourseCliTest, WritesResultsAndRevokes) {
  const std::string file = demo_->dir() + "/results.xlsx";
  CliRun results = Bsg("course results 1 --format xlsx --out '" + file + "'");
  ASSERT_EQ(results.exit_code, 0) << results.err;
  std::ifstream in(file, std::ios::binary);
  std::string magic(2, '\0');
  in.read(magic.data(), 2);
  EXPECT_EQ(magic, "PK");
  CliRun csv = Bsg("course results 1");
  ASSERT_EQ(csv.exit_code, 0);
  EXPECT_EQ(csv.out.rfind(
                "attempt_id,learner_name,country,number,started_at,submitted_at,score,passed", 0),
            0u);
  const std::string code = One("SELECT code FROM certificate WHERE revoked_at IS NULL LIMIT 1");
  CliRun revoked = Bsg("course revoke " + code + " --reason 'Issued in error'");
  ASSERT_EQ(revoked.exit_code, 0) << revoked.err;
  EXPECT_EQ(One("SELECT revoked_reason FROM certificate WHERE code = '" + code + "'"),
            "Issued in error");
  CliRun again = Bsg("course revoke " + code + " --reason again");
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_NE(again.err.find("already revoked"), std::string::npos) << again.err;
}

}  // namespace
}  // namespace bsg
