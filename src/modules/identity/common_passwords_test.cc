// The compiled-in list must equal data/common-passwords.txt (regenerate with
// gen_common_passwords.sh after editing the data file).
#include "modules/identity/common_passwords.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <string>

namespace bsg::identity {
namespace {

TEST(CommonPasswordsTest, CompiledListEqualsDataFile) {
  std::ifstream in(std::string(BSG_SOURCE_DIR) + "/data/common-passwords.txt");
  ASSERT_TRUE(in) << "cannot read data/common-passwords.txt";
  std::string line;
  ASSERT_TRUE(std::getline(in, line));
  EXPECT_TRUE(line.starts_with("# source: ")) << "the first line names the source";
  std::set<std::string> from_file;
  do {
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    if (line.empty() || line.front() == '#') continue;
    std::transform(line.begin(), line.end(), line.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    from_file.insert(line);
  } while (std::getline(in, line));

  const auto compiled = CommonPasswords();
  const std::set<std::string> compiled_set(compiled.begin(), compiled.end());
  EXPECT_EQ(compiled_set.size(), compiled.size()) << "the compiled list has duplicates";
  EXPECT_TRUE(std::is_sorted(compiled.begin(), compiled.end())) << "binary search needs order";
  EXPECT_EQ(compiled_set, from_file) << "run src/modules/identity/gen_common_passwords.sh";
  EXPECT_GT(compiled.size(), 300u);
}

TEST(CommonPasswordsTest, Lookup) {
  EXPECT_TRUE(IsCommonPassword("password"));
  EXPECT_TRUE(IsCommonPassword("qwertyuiop"));
  EXPECT_FALSE(IsCommonPassword("Password"));  // the caller lowercases
  EXPECT_FALSE(IsCommonPassword("n0t-on-any-list-7319"));
}

}  // namespace
}  // namespace bsg::identity
