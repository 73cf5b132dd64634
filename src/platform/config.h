// Server and CLI configuration: defaults, then bsg.toml, then BSG_* environment variables, then
// command-line flags (applied by the caller), each overriding the one before.
//
//   bsg.toml key          environment           default
//   database.url          BSG_DATABASE_URL      sqlite://var/bsg.db
//   server.host           BSG_HOST              127.0.0.1
//   server.port           BSG_PORT              8080
//   server.threads        BSG_THREADS           2
//   server.static_dir     BSG_STATIC_DIR        web/dist
//   server.max_body_bytes BSG_MAX_BODY_BYTES    10485760
//   log.level             BSG_LOG_LEVEL         info
//   log.access            BSG_ACCESS_LOG        true   (JSON lines on stdout)
#ifndef BSG_PLATFORM_CONFIG_H_
#define BSG_PLATFORM_CONFIG_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "platform/status.h"

namespace bsg {

struct Config {
  std::string database_url = "sqlite://var/bsg.db";
  std::string host = "127.0.0.1";
  std::uint16_t port = 8080;
  int threads = 2;
  std::string static_dir = "web/dist";
  std::int64_t max_body_bytes = 10 * 1024 * 1024;
  std::string log_level = "info";
  bool access_log = true;
};

using EnvLookup = std::function<std::optional<std::string>(const std::string&)>;
// Reads the process environment.
std::optional<std::string> ProcessEnv(const std::string& name);

// Loads `path` when given (a missing explicit file is an error; a missing ./bsg.toml is not),
// then applies the environment. Errors name the file, the key and the problem
// (reason config.bad_file, config.bad_value).
Result<Config> LoadConfig(const std::optional<std::string>& path, const EnvLookup& env = ProcessEnv);

}  // namespace bsg

#endif  // BSG_PLATFORM_CONFIG_H_
