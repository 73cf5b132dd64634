// `bsg serve` refuses to start, with exit code 3 and a message naming the setting, when the
// configuration holds an unknown settings table, a bad module setting or a bad proxy list.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "support/cli_run.h"

namespace bsg {
namespace {

using testing_support::CliRun;

class ServeConfigTest : public ::testing::Test {
 protected:
  void SetUp() override { dir_ = testing_support::MakeTempDir("bsg-serve-config"); }
  void TearDown() override {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }

  // `serve` on port 0 with `toml` as its configuration file. A configuration error stops it
  // before it listens; a server that wrongly started is ended after 20 s (exit 124).
  CliRun Serve(const std::string& toml) {
    std::ofstream(dir_ + "/bsg.toml") << toml;
    const std::string url = "sqlite://" + dir_ + "/serve.db";
    EXPECT_EQ(testing_support::RunBsg(dir_, url, "migrate").exit_code, 0);
    return testing_support::RunBsg(dir_, url, "--config '" + dir_ + "/bsg.toml' serve --port 0",
                                   20);
  }

  std::string dir_;
};

TEST_F(ServeConfigTest, AnUnknownSettingsTableIsAMistake) {
  CliRun r = Serve("[identiy]\nmax_failures_per_account = 5\n");
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.err.find("[identiy] is not a module's settings table"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("identity"), std::string::npos) << r.err;
}

TEST_F(ServeConfigTest, ABadModuleSettingIsNamed) {
  CliRun r = Serve("[identity]\nmax_failures_per_account = 0\n");
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.err.find("identity.max_failures_per_account"), std::string::npos) << r.err;
}

TEST_F(ServeConfigTest, ABadImportLimitIsNamed) {
  CliRun r = Serve("[events]\nimport_max_rows = 0\n");
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.err.find("events.import_max_rows"), std::string::npos) << r.err;
}

TEST_F(ServeConfigTest, ABadTrustedProxyIsNamed) {
  CliRun r = Serve("[server]\ntrusted_proxies = [\"10.0.0.0/40\"]\n");
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.err.find("'10.0.0.0/40'"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace bsg
