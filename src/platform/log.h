// Logging: application messages go to stderr as text; the HTTP access log goes to stdout as JSON
// lines (logger "access"). Secrets (passwords, tokens, cookies, request bodies) are never logged.
#ifndef BSG_PLATFORM_LOG_H_
#define BSG_PLATFORM_LOG_H_

#include <memory>
#include <string>

#include <spdlog/spdlog.h>

namespace bsg::log {

// Sets up the "bsg" (stderr) and "access" (stdout, JSON lines, may be disabled) loggers.
// `level` is one of trace, debug, info, warn, error, critical, off. Safe to call more than once.
void Init(const std::string& level, bool access_log);

// The application logger ("bsg"); falls back to spdlog's default before Init.
std::shared_ptr<spdlog::logger> App();
// The access logger, or nullptr when access logging is off.
std::shared_ptr<spdlog::logger> Access();

}  // namespace bsg::log

#endif  // BSG_PLATFORM_LOG_H_
