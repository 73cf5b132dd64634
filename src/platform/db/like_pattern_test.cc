// platform/text's LikePattern against the real LIKE of SQLite and PostgreSQL: with the ESCAPE
// clause that text.h documents, '%', '_' and the escape character in a search string match
// only themselves.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "platform/db/database.h"
#include "platform/text.h"
#include "support/test_db.h"

namespace bsg::db {
namespace {

class LikePatternTest : public ::bsg::testing::DatabaseTest {
 protected:
  bool MigrateOnSetUp() const override { return false; }

  void SetUp() override {
    DatabaseTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    Status created = db().ExecScript("CREATE TABLE word (w TEXT NOT NULL);");
    ASSERT_TRUE(created.ok()) << created.ToString();
    for (const char* w : {"100%", "1000", "a_b", "axb", "c:\\dir", "c:dir", "c:\\\\dir", "plain"}) {
      Result<std::int64_t> inserted =
          db().Exec("INSERT INTO word (w) VALUES (?)", {std::string(w)});
      ASSERT_TRUE(inserted.ok()) << inserted.status().ToString();
    }
  }

  // The words containing `text`, sorted bytewise (the backends' collations differ).
  std::vector<std::string> Containing(std::string_view text) {
    Result<Rows> rows =
        db().Query("SELECT w FROM word WHERE w LIKE ? ESCAPE '\\'", {LikePattern(text)});
    EXPECT_TRUE(rows.ok()) << rows.status().ToString();
    std::vector<std::string> out;
    if (rows.ok()) {
      for (const Row& r : *rows) out.push_back(r.Text(0));
    }
    std::sort(out.begin(), out.end());
    return out;
  }
};

TEST_P(LikePatternTest, WildcardsAndTheEscapeCharacterMatchThemselves) {
  EXPECT_EQ(Containing("0%"), (std::vector<std::string>{"100%"}));  // not "1000"
  EXPECT_EQ(Containing("%"), (std::vector<std::string>{"100%"}));
  EXPECT_EQ(Containing("_"), (std::vector<std::string>{"a_b"}));  // not "axb"
  EXPECT_EQ(Containing("a_b"), (std::vector<std::string>{"a_b"}));
  EXPECT_EQ(Containing(":\\d"), (std::vector<std::string>{"c:\\dir"}));  // not "c:dir"
  EXPECT_EQ(Containing("\\\\"), (std::vector<std::string>{"c:\\\\dir"}));
  EXPECT_EQ(Containing("\\"), (std::vector<std::string>{"c:\\\\dir", "c:\\dir"}));
  EXPECT_EQ(Containing("ai"), (std::vector<std::string>{"plain"}));
  EXPECT_EQ(Containing("").size(), 8u);
  EXPECT_TRUE(Containing("' OR '1'='1").empty());
}

INSTANTIATE_TEST_SUITE_P(Backends, LikePatternTest, ::bsg::testing::AllBackends(),
                         ::bsg::testing::BackendName);

}  // namespace
}  // namespace bsg::db
