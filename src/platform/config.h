// Server and CLI configuration: defaults, then bsg.toml, then BSG_* environment variables, then
// command-line flags (applied by the caller), each overriding the one before.
//
//   bsg.toml key          environment           default
//   database.url          BSG_DATABASE_URL      sqlite://var/bsg.db
//   server.host           BSG_HOST              127.0.0.1
//   server.port           BSG_PORT              8080
//   server.threads        BSG_THREADS           one per core, at least 2
//   server.static_dir     BSG_STATIC_DIR        web/dist
//   server.max_body_bytes BSG_MAX_BODY_BYTES    10485760
//   server.read_cache_bytes BSG_READ_CACHE_BYTES 33554432 (answers of versioned reads kept in
//                                               memory; 0: none; see http::ServerOptions)
//   server.data_version_max_age_ms BSG_DATA_VERSION_MAX_AGE_MS 2 (how long the data version
//                                               read is reused; others' writes show after it)
//   log.level             BSG_LOG_LEVEL         info
//   log.access            BSG_ACCESS_LOG        true   (JSON lines on stdout)
//   server.trusted_proxies BSG_TRUSTED_PROXIES  none   (addresses or CIDR networks whose
//                                               X-Forwarded-For is believed; comma-separated
//                                               in the environment)
//   server.base_url       BSG_BASE_URL          http://{server.host}:{server.port}
//                                               (the public address: links in messages, the
//                                               host of iCalendar UIDs; https:// also makes
//                                               cookies Secure and sends HSTS)
//
// Modules read their own settings from a table named after the module, e.g.
//   [identity]
//   max_failures_per_account = 5        (or BSG_IDENTITY_MAX_FAILURES_PER_ACCOUNT=5)
// through Config::Setting("identity.max_failures_per_account"); each module's README lists them.
//
// The world map's data folder is found by the render kit: $BSG_DATA_DIR, else a data/ folder
// holding it (see render::DefaultDataDir()).
#ifndef BSG_PLATFORM_CONFIG_H_
#define BSG_PLATFORM_CONFIG_H_

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/status.h"

namespace bsg {

using EnvLookup = std::function<std::optional<std::string>(const std::string&)>;
// Reads the process environment.
std::optional<std::string> ProcessEnv(const std::string& name);

// The request threads when none are configured: one per core, at least 2, at most 256.
int DefaultThreads();

struct Config {
  std::string database_url = "sqlite://var/bsg.db";
  std::string host = "127.0.0.1";
  std::uint16_t port = 8080;
  int threads = DefaultThreads();
  std::string static_dir = "web/dist";
  std::int64_t max_body_bytes = 10 * 1024 * 1024;
  std::string log_level = "info";
  bool access_log = true;
  std::string base_url;                      // without a trailing slash; empty: use PublicBaseUrl()
  std::vector<std::string> trusted_proxies;  // checked by the HTTP server
  // Documents and figures: threads and queue of the heavy routes, and how many documents an
  // anonymous address may have built per minute (0: no limit). See http::ServerOptions.
  int heavy_threads = 1;
  std::int64_t heavy_queue = 64;
  std::int64_t anonymous_renders_per_minute = 60;
  std::int64_t read_cache_bytes = 32 * 1024 * 1024;
  std::int64_t data_version_max_age_ms = 2;

  // Module settings from bsg.toml, "module.key" -> the value as written (strings unquoted).
  std::map<std::string, std::string, std::less<>> module_settings;
  EnvLookup env = ProcessEnv;  // the environment the configuration was loaded from

  // The public address: base_url, else http://host:port.
  std::string PublicBaseUrl() const;
  // The host name of base_url ("https://bsg.example.org:8443/x" -> "bsg.example.org"); empty
  // when base_url is not set.
  std::string PublicHost() const;
  // Module setting `key` ("identity.max_failures_per_account"): the environment variable
  // BSG_IDENTITY_MAX_FAILURES_PER_ACCOUNT when set, else bsg.toml's value, else nullopt.
  std::optional<std::string> Setting(std::string_view key) const;
  // The same as a whole number in [min, max]; InvalidArgument (config.bad_value) naming the
  // setting and where it came from when it is not one.
  Result<std::optional<std::int64_t>> IntSetting(std::string_view key, std::int64_t min,
                                                 std::int64_t max) const;
};

// The environment variable of module setting `key`: "identity.max_failures_per_account" ->
// "BSG_IDENTITY_MAX_FAILURES_PER_ACCOUNT".
std::string SettingEnvName(std::string_view key);

// Loads `path` when given (a missing explicit file is an error; a missing ./bsg.toml is not),
// then applies the environment. Errors name the file, the key and the problem
// (reason config.bad_file, config.bad_value).
Result<Config> LoadConfig(const std::optional<std::string>& path,
                          const EnvLookup& env = ProcessEnv);

}  // namespace bsg

#endif  // BSG_PLATFORM_CONFIG_H_
