// Loads Config from bsg.toml (toml++) and BSG_* environment variables.
#include "platform/config.h"

#include <toml++/toml.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdlib>
#include <filesystem>
#include <thread>

namespace bsg {
namespace {

Status BadValue(const std::string& where, const std::string& key, const std::string& why) {
  return Status::InvalidArgument("config.bad_value", where + ": " + key + ": " + why, {{key, why}});
}

Result<std::int64_t> ParseInt(const std::string& where, const std::string& key,
                              const std::string& text, std::int64_t min, std::int64_t max) {
  std::int64_t v = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || ptr != text.data() + text.size()) {
    return BadValue(where, key, "'" + text + "' is not a whole number");
  }
  if (v < min || v > max) {
    return BadValue(
        where, key,
        std::to_string(v) + " is outside " + std::to_string(min) + ".." + std::to_string(max));
  }
  return v;
}

Result<bool> ParseBool(const std::string& where, const std::string& key, const std::string& text) {
  if (text == "1" || text == "true" || text == "yes" || text == "on") return true;
  if (text == "0" || text == "false" || text == "no" || text == "off") return false;
  return BadValue(where, key, "'" + text + "' is not true or false");
}

Status CheckLogLevel(const std::string& where, const std::string& level) {
  for (const char* ok : {"trace", "debug", "info", "warn", "error", "critical", "off"}) {
    if (level == ok) return Status::Ok();
  }
  return BadValue(where, "log.level",
                  "'" + level + "' is not one of trace, debug, info, warn, error, off");
}

// An http(s) address without a trailing slash (the slash is removed), or empty.
Status CheckBaseUrl(const std::string& where, const std::string& key, std::string& url) {
  while (!url.empty() && url.back() == '/') url.pop_back();
  if (url.empty() || url.starts_with("http://") || url.starts_with("https://")) {
    return Status::Ok();
  }
  return BadValue(where, key, "must start with http:// or https://");
}

Status ApplyToml(const std::string& path, Config& c) {
  toml::table t;
  try {
    t = toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    const auto& pos = e.source().begin;
    return Status::InvalidArgument("config.bad_file", path + ":" + std::to_string(pos.line) + ":" +
                                                          std::to_string(pos.column) + ": " +
                                                          std::string(e.description()));
  }
  auto text = [&](const char* key, std::string& out) -> Status {
    auto node = t.at_path(key);
    if (!node) return Status::Ok();
    auto v = node.value<std::string>();
    if (!v) return BadValue(path, key, "must be a string");
    out = *v;
    return Status::Ok();
  };
  auto integer = [&](const char* key, std::int64_t min, std::int64_t max,
                     std::int64_t& out) -> Status {
    auto node = t.at_path(key);
    if (!node) return Status::Ok();
    auto v = node.value<std::int64_t>();
    if (!v || node.is_floating_point()) return BadValue(path, key, "must be a whole number");
    if (*v < min || *v > max)
      return BadValue(path, key, "is outside " + std::to_string(min) + ".." + std::to_string(max));
    out = *v;
    return Status::Ok();
  };
  BSG_RETURN_IF_ERROR(text("database.url", c.database_url));
  BSG_RETURN_IF_ERROR(text("server.host", c.host));
  std::int64_t port = c.port, threads = c.threads;
  BSG_RETURN_IF_ERROR(integer("server.port", 0, 65535, port));
  BSG_RETURN_IF_ERROR(integer("server.threads", 1, 256, threads));
  c.port = static_cast<std::uint16_t>(port);
  c.threads = static_cast<int>(threads);
  std::int64_t heavy_threads = c.heavy_threads;
  BSG_RETURN_IF_ERROR(integer("server.heavy_threads", 1, 64, heavy_threads));
  c.heavy_threads = static_cast<int>(heavy_threads);
  BSG_RETURN_IF_ERROR(integer("server.heavy_queue", 1, 100000, c.heavy_queue));
  BSG_RETURN_IF_ERROR(
      integer("server.anonymous_renders_per_minute", 0, 1000000, c.anonymous_renders_per_minute));
  BSG_RETURN_IF_ERROR(
      integer("server.read_cache_bytes", 0, std::int64_t{1} << 40, c.read_cache_bytes));
  BSG_RETURN_IF_ERROR(
      integer("server.data_version_max_age_ms", 0, 60000, c.data_version_max_age_ms));
  BSG_RETURN_IF_ERROR(text("server.static_dir", c.static_dir));
  BSG_RETURN_IF_ERROR(
      integer("server.max_body_bytes", 1024, std::int64_t{1} << 32, c.max_body_bytes));
  BSG_RETURN_IF_ERROR(text("log.level", c.log_level));
  BSG_RETURN_IF_ERROR(CheckLogLevel(path, c.log_level));
  if (auto node = t.at_path("log.access")) {
    auto v = node.value<bool>();
    if (!v) return BadValue(path, "log.access", "must be true or false");
    c.access_log = *v;
  }
  BSG_RETURN_IF_ERROR(text("server.base_url", c.base_url));
  if (auto node = t.at_path("server.trusted_proxies")) {
    const toml::array* list = node.as_array();
    if (list == nullptr)
      return BadValue(path, "server.trusted_proxies", "must be a list of strings");
    c.trusted_proxies.clear();
    for (const auto& item : *list) {
      auto v = item.value_exact<std::string>();
      if (!v) return BadValue(path, "server.trusted_proxies", "must be a list of strings");
      c.trusted_proxies.push_back(*v);
    }
  }
  BSG_RETURN_IF_ERROR(CheckBaseUrl(path, "server.base_url", c.base_url));
  // Every other table holds a module's settings: scalars only.
  for (const auto& [table_name, node] : t) {
    const std::string table(table_name.str());
    if (table == "database" || table == "server" || table == "log") continue;
    const toml::table* settings = node.as_table();
    if (settings == nullptr) {
      return BadValue(path, table, "must be a table of module settings ([" + table + "])");
    }
    for (const auto& [key_name, value] : *settings) {
      const std::string key = table + "." + std::string(key_name.str());
      if (auto v = value.value_exact<std::string>()) {
        c.module_settings[key] = *v;
      } else if (auto i = value.value_exact<std::int64_t>()) {
        c.module_settings[key] = std::to_string(*i);
      } else if (auto b = value.value_exact<bool>()) {
        c.module_settings[key] = *b ? "true" : "false";
      } else {
        return BadValue(path, key, "must be a string, a whole number or true/false");
      }
    }
  }
  return Status::Ok();
}

Status ApplyEnv(const EnvLookup& env, Config& c) {
  const std::string where = "environment";
  if (auto v = env("BSG_DATABASE_URL")) c.database_url = *v;
  if (auto v = env("BSG_HOST")) c.host = *v;
  if (auto v = env("BSG_PORT")) {
    BSG_ASSIGN_OR_RETURN(auto port, ParseInt(where, "BSG_PORT", *v, 0, 65535));
    c.port = static_cast<std::uint16_t>(port);
  }
  if (auto v = env("BSG_THREADS")) {
    BSG_ASSIGN_OR_RETURN(auto threads, ParseInt(where, "BSG_THREADS", *v, 1, 256));
    c.threads = static_cast<int>(threads);
  }
  if (auto v = env("BSG_HEAVY_THREADS")) {
    BSG_ASSIGN_OR_RETURN(auto n, ParseInt(where, "BSG_HEAVY_THREADS", *v, 1, 64));
    c.heavy_threads = static_cast<int>(n);
  }
  if (auto v = env("BSG_HEAVY_QUEUE")) {
    BSG_ASSIGN_OR_RETURN(c.heavy_queue, ParseInt(where, "BSG_HEAVY_QUEUE", *v, 1, 100000));
  }
  if (auto v = env("BSG_ANONYMOUS_RENDERS_PER_MINUTE")) {
    BSG_ASSIGN_OR_RETURN(c.anonymous_renders_per_minute,
                         ParseInt(where, "BSG_ANONYMOUS_RENDERS_PER_MINUTE", *v, 0, 1000000));
  }
  if (auto v = env("BSG_READ_CACHE_BYTES")) {
    BSG_ASSIGN_OR_RETURN(c.read_cache_bytes,
                         ParseInt(where, "BSG_READ_CACHE_BYTES", *v, 0, std::int64_t{1} << 40));
  }
  if (auto v = env("BSG_DATA_VERSION_MAX_AGE_MS")) {
    BSG_ASSIGN_OR_RETURN(c.data_version_max_age_ms,
                         ParseInt(where, "BSG_DATA_VERSION_MAX_AGE_MS", *v, 0, 60000));
  }
  if (auto v = env("BSG_STATIC_DIR")) c.static_dir = *v;
  if (auto v = env("BSG_MAX_BODY_BYTES")) {
    BSG_ASSIGN_OR_RETURN(c.max_body_bytes,
                         ParseInt(where, "BSG_MAX_BODY_BYTES", *v, 1024, std::int64_t{1} << 32));
  }
  if (auto v = env("BSG_LOG_LEVEL")) {
    BSG_RETURN_IF_ERROR(CheckLogLevel(where, *v));
    c.log_level = *v;
  }
  if (auto v = env("BSG_ACCESS_LOG")) {
    BSG_ASSIGN_OR_RETURN(c.access_log, ParseBool(where, "BSG_ACCESS_LOG", *v));
  }
  if (auto v = env("BSG_TRUSTED_PROXIES")) {
    c.trusted_proxies.clear();
    std::string_view rest = *v;
    while (!rest.empty()) {
      const std::size_t comma = rest.find(',');
      std::string_view item = rest.substr(0, comma);
      while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
      while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
      if (!item.empty()) c.trusted_proxies.emplace_back(item);
      rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    }
  }
  if (auto v = env("BSG_BASE_URL")) {
    c.base_url = *v;
    BSG_RETURN_IF_ERROR(CheckBaseUrl(where, "BSG_BASE_URL", c.base_url));
  }
  c.env = env;
  return Status::Ok();
}

}  // namespace

int DefaultThreads() {
  const unsigned cores = std::thread::hardware_concurrency();
  return static_cast<int>(std::clamp(cores, 2u, 256u));
}

std::optional<std::string> ProcessEnv(const std::string& name) {
  const char* v = std::getenv(name.c_str());
  if (v == nullptr) return std::nullopt;
  return std::string(v);
}

std::string SettingEnvName(std::string_view key) {
  std::string name = "BSG_";
  for (char ch : key) {
    name += ch == '.' || ch == '-'
                ? '_'
                : static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  }
  return name;
}

std::string Config::PublicBaseUrl() const {
  if (!base_url.empty()) return base_url;
  return "http://" + host + ":" + std::to_string(port);
}

std::string Config::PublicHost() const {
  std::string_view rest = base_url;
  if (auto scheme = rest.find("://"); scheme != std::string_view::npos) {
    rest.remove_prefix(scheme + 3);
  }
  rest = rest.substr(0, rest.find('/'));
  if (auto at = rest.rfind('@'); at != std::string_view::npos) rest.remove_prefix(at + 1);
  if (rest.starts_with('[')) return std::string(rest.substr(0, rest.find(']') + 1));
  return std::string(rest.substr(0, rest.find(':')));
}

std::optional<std::string> Config::Setting(std::string_view key) const {
  if (env) {
    if (auto v = env(SettingEnvName(key))) return v;
  }
  auto it = module_settings.find(key);
  if (it == module_settings.end()) return std::nullopt;
  return it->second;
}

Result<std::optional<std::int64_t>> Config::IntSetting(std::string_view key, std::int64_t min,
                                                       std::int64_t max) const {
  // The same order as Setting(), keeping where the value came from for the error.
  const std::string env_name = SettingEnvName(key);
  if (auto v = env ? env(env_name) : std::nullopt) {
    BSG_ASSIGN_OR_RETURN(std::int64_t n, ParseInt("environment", env_name, *v, min, max));
    return std::optional<std::int64_t>(n);
  }
  auto it = module_settings.find(key);
  if (it == module_settings.end()) return std::optional<std::int64_t>();
  BSG_ASSIGN_OR_RETURN(std::int64_t n,
                       ParseInt("configuration file", std::string(key), it->second, min, max));
  return std::optional<std::int64_t>(n);
}

Result<Config> LoadConfig(const std::optional<std::string>& path, const EnvLookup& env) {
  Config c;
  if (path) {
    if (!std::filesystem::exists(*path)) {
      return Status::InvalidArgument("config.bad_file", *path + ": no such file");
    }
    BSG_RETURN_IF_ERROR(ApplyToml(*path, c));
  } else if (std::filesystem::exists("bsg.toml")) {
    BSG_RETURN_IF_ERROR(ApplyToml("bsg.toml", c));
  }
  BSG_RETURN_IF_ERROR(ApplyEnv(env, c));
  return c;
}

}  // namespace bsg
