// Runs the real `bsg` binary (BSG_BINARY) from a test: a shell command line in a given folder,
// with standard output and standard error captured and the exit status decoded.
#ifndef BSG_TESTS_SUPPORT_CLI_RUN_H_
#define BSG_TESTS_SUPPORT_CLI_RUN_H_

#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace bsg::testing_support {

struct CliRun {
  int exit_code = -1;  // -1: did not exit normally
  std::string out;
  std::string err;
};

// Runs `bsg --database <database_url> <args>` with `dir` as working folder (stderr goes through a
// file in `dir`). BSG_DATA_DIR is unset so data files must be found beside the binary. The
// binary runs under `timeout` so that a command which should have failed cannot hang a test.
inline CliRun RunBsg(const std::string& dir, const std::string& database_url,
                     const std::string& args, int timeout_seconds = 300) {
  const std::string err_file = dir + "/stderr.txt";
  const std::string command = "cd '" + dir + "' && env -u BSG_DATA_DIR timeout " +
                              std::to_string(timeout_seconds) + " '" BSG_BINARY "' --database '" +
                              database_url + "' " + args + " 2>'" + err_file + "'";
  CliRun r;
  FILE* p = popen(command.c_str(), "r");
  if (p == nullptr) return r;
  char chunk[4096];
  std::size_t n;
  while ((n = fread(chunk, 1, sizeof chunk, p)) > 0) r.out.append(chunk, n);
  const int status = pclose(p);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::ifstream in(err_file);
  std::ostringstream s;
  s << in.rdbuf();
  r.err = s.str();
  return r;
}

// A fresh folder under the test temporary directory.
inline std::string MakeTempDir(const std::string& prefix) {
  std::string pattern = ::testing::TempDir() + prefix + "-XXXXXX";
  std::vector<char> buf(pattern.begin(), pattern.end());
  buf.push_back('\0');
  return std::string(mkdtemp(buf.data()));
}

// A test suite's demo programme: a fresh folder with a SQLite database migrated and loaded with
// `bsg seed --demo`, made once (in SetUpTestSuite) and removed with the object.
class DemoCli {
 public:
  explicit DemoCli(const std::string& prefix)
      : dir_(MakeTempDir(prefix)), url_("sqlite://" + dir_ + "/demo.db") {
    const CliRun migrated = Bsg("migrate");
    EXPECT_EQ(migrated.exit_code, 0) << migrated.err;
    const CliRun seeded = Bsg("seed --demo");
    EXPECT_EQ(seeded.exit_code, 0) << seeded.err;
  }
  ~DemoCli() {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  DemoCli(const DemoCli&) = delete;
  DemoCli& operator=(const DemoCli&) = delete;

  CliRun Bsg(const std::string& args) const { return RunBsg(dir_, url_, args); }
  const std::string& dir() const { return dir_; }
  const std::string& url() const { return url_; }

 private:
  std::string dir_;
  std::string url_;
};

}  // namespace bsg::testing_support

#endif  // BSG_TESTS_SUPPORT_CLI_RUN_H_
