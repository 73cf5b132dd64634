// Logger set-up for the server and the CLI.
#include "platform/log.h"

#include <chrono>

#include <spdlog/sinks/stdout_sinks.h>

namespace bsg::log {

void Init(const std::string& level, bool access_log) {
  spdlog::drop("bsg");
  spdlog::drop("access");
  auto app = std::make_shared<spdlog::logger>(
      "bsg", std::make_shared<spdlog::sinks::stderr_sink_mt>());
  app->set_pattern("%Y-%m-%dT%H:%M:%S.%eZ %l %v", spdlog::pattern_time_type::utc);
  app->set_level(spdlog::level::from_str(level));
  spdlog::register_logger(app);
  if (access_log) {
    auto access = std::make_shared<spdlog::logger>(
        "access", std::make_shared<spdlog::sinks::stdout_sink_mt>());
    access->set_pattern("%v");  // the message is already one JSON object
    access->set_level(spdlog::level::info);
    spdlog::register_logger(access);
  }
  // Buffered lines reach the terminal or file within a second; errors at once.
  app->flush_on(spdlog::level::warn);
  spdlog::flush_every(std::chrono::seconds(1));
}

std::shared_ptr<spdlog::logger> App() {
  auto l = spdlog::get("bsg");
  return l ? l : spdlog::default_logger();
}

std::shared_ptr<spdlog::logger> Access() { return spdlog::get("access"); }

}  // namespace bsg::log
