#include "platform/config.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

namespace bsg {
namespace {

// A bsg.toml in a fresh folder, removed with the object.
class TomlFile {
 public:
  explicit TomlFile(const std::string& text) {
    std::string pattern = ::testing::TempDir() + "bsg-config-XXXXXX";
    std::vector<char> buf(pattern.begin(), pattern.end());
    buf.push_back('\0');
    dir_ = mkdtemp(buf.data());
    std::ofstream(path()) << text;
  }
  ~TomlFile() {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  std::string path() const { return dir_ + "/bsg.toml"; }

 private:
  std::string dir_;
};

EnvLookup Env(std::map<std::string, std::string> vars) {
  return [vars](const std::string& name) -> std::optional<std::string> {
    auto it = vars.find(name);
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
}

TEST(ConfigTest, DefaultsThenFileThenEnvironment) {
  TomlFile file(
      "[database]\nurl = \"sqlite:///srv/bsg.db\"\n"
      "[server]\nport = 9000\nthreads = 4\n");
  auto c = LoadConfig(file.path(), Env({{"BSG_THREADS", "8"}}));
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->database_url, "sqlite:///srv/bsg.db");
  EXPECT_EQ(c->port, 9000);
  EXPECT_EQ(c->threads, 8);  // the environment wins over the file
  EXPECT_EQ(c->host, "127.0.0.1");
  EXPECT_EQ(c->PublicBaseUrl(), "http://127.0.0.1:9000");
}

TEST(ConfigTest, BadValuesNameTheFileAndKey) {
  TomlFile file("[server]\nport = 70000\n");
  auto c = LoadConfig(file.path(), Env({}));
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().reason(), "config.bad_value");
  EXPECT_NE(c.status().message().find(file.path() + ": server.port"), std::string::npos)
      << c.status().message();

  TomlFile broken("[server\nport = 1\n");
  auto b = LoadConfig(broken.path(), Env({}));
  ASSERT_FALSE(b.ok());
  EXPECT_EQ(b.status().reason(), "config.bad_file");
  EXPECT_NE(b.status().message().find(broken.path() + ":1:"), std::string::npos)
      << b.status().message();

  auto env = LoadConfig(std::nullopt, Env({{"BSG_PORT", "eighty"}}));
  ASSERT_FALSE(env.ok());
  EXPECT_NE(env.status().message().find("BSG_PORT"), std::string::npos);

  auto missing = LoadConfig(std::string("/no/such/bsg.toml"), Env({}));
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().reason(), "config.bad_file");
}

TEST(ConfigTest, BaseUrlLosesItsTrailingSlashAndMustBeHttp) {
  TomlFile file("[server]\nbase_url = \"https://bsg.example.org/\"\n");
  auto c = LoadConfig(file.path(), Env({}));
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->PublicBaseUrl(), "https://bsg.example.org");

  auto env = LoadConfig(file.path(), Env({{"BSG_BASE_URL", "https://bsg.itu.example/"}}));
  ASSERT_TRUE(env.ok());
  EXPECT_EQ(env->PublicBaseUrl(), "https://bsg.itu.example");

  EXPECT_EQ(env->PublicHost(), "bsg.itu.example");
  Config other;
  EXPECT_EQ(other.PublicHost(), "");  // not set: no host is made up
  other.base_url = "https://bsg.example.org:8443/app";
  EXPECT_EQ(other.PublicHost(), "bsg.example.org");
  other.base_url = "http://[2001:db8::1]:8080";
  EXPECT_EQ(other.PublicHost(), "[2001:db8::1]");

  auto bad = LoadConfig(std::nullopt, Env({{"BSG_BASE_URL", "ftp://x"}}));
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().fields().count("BSG_BASE_URL"), 1u);
}

TEST(ConfigTest, ModuleSettingsFromTheirTableOrTheEnvironment) {
  TomlFile file(
      "[identity]\nmax_failures_per_account = 7\nnote = \"x\"\n"
      "[events]\npublic = true\n");
  auto c = LoadConfig(file.path(), Env({{"BSG_IDENTITY_MAX_FAILURES_PER_ADDRESS", "40"}}));
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->Setting("identity.max_failures_per_account"), "7");
  EXPECT_EQ(c->Setting("identity.note"), "x");
  EXPECT_EQ(c->Setting("events.public"), "true");
  EXPECT_EQ(c->Setting("identity.max_failures_per_address"), "40");  // environment only
  EXPECT_FALSE(c->Setting("identity.unknown").has_value());

  auto n = c->IntSetting("identity.max_failures_per_account", 1, 100);
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(*n, 7);
  auto absent = c->IntSetting("identity.unknown", 1, 100);
  ASSERT_TRUE(absent.ok());
  EXPECT_FALSE(absent->has_value());
  auto out_of_range = c->IntSetting("identity.max_failures_per_address", 1, 10);
  ASSERT_FALSE(out_of_range.ok());
  EXPECT_EQ(out_of_range.status().reason(), "config.bad_value");
  EXPECT_NE(out_of_range.status().message().find("BSG_IDENTITY_MAX_FAILURES_PER_ADDRESS"),
            std::string::npos);
  auto not_a_number = c->IntSetting("identity.note", 1, 10);
  ASSERT_FALSE(not_a_number.ok());
  EXPECT_NE(not_a_number.status().message().find("identity.note"), std::string::npos);

  EXPECT_EQ(SettingEnvName("identity.max_failures_per_account"),
            "BSG_IDENTITY_MAX_FAILURES_PER_ACCOUNT");
}

TEST(ConfigTest, ModuleTablesHoldOnlyScalars) {
  TomlFile not_table("identity = 3\n");
  auto a = LoadConfig(not_table.path(), Env({}));
  ASSERT_FALSE(a.ok());
  EXPECT_NE(a.status().message().find("identity"), std::string::npos);

  TomlFile array("[identity]\nlimits = [1, 2]\n");
  auto b = LoadConfig(array.path(), Env({}));
  ASSERT_FALSE(b.ok());
  EXPECT_NE(b.status().message().find("identity.limits"), std::string::npos);
}

TEST(ConfigTest, TrustedProxiesFromAListOrACommaSeparatedVariable) {
  TomlFile file("[server]\ntrusted_proxies = [\"127.0.0.1\", \"10.0.0.0/8\"]\n");
  auto c = LoadConfig(file.path(), Env({}));
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->trusted_proxies, (std::vector<std::string>{"127.0.0.1", "10.0.0.0/8"}));
  auto env = LoadConfig(file.path(), Env({{"BSG_TRUSTED_PROXIES", " ::1, 192.168.0.0/16 ,"}}));
  ASSERT_TRUE(env.ok());
  EXPECT_EQ(env->trusted_proxies, (std::vector<std::string>{"::1", "192.168.0.0/16"}));

  TomlFile bad("[server]\ntrusted_proxies = \"127.0.0.1\"\n");
  auto b = LoadConfig(bad.path(), Env({}));
  ASSERT_FALSE(b.ok());
  EXPECT_NE(b.status().message().find("server.trusted_proxies"), std::string::npos);
}

TEST(ConfigTest, TheExampleFileLoads) {
  auto c = LoadConfig(std::string(BSG_SOURCE_DIR) + "/bsg.toml.example", Env({}));
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->database_url, Config().database_url);
  EXPECT_EQ(c->port, Config().port);
  EXPECT_EQ(c->Setting("identity.max_failures_per_account"), "5");
}

}  // namespace
}  // namespace bsg
