// A one-line progress bar on stderr for long imports and exports, shown only when stderr is a
// terminal (so scripts and logs get no control characters).
//
// Thread-safety: one thread at a time.
#ifndef BSG_PLATFORM_TABULAR_PROGRESS_H_
#define BSG_PLATFORM_TABULAR_PROGRESS_H_

#include <chrono>
#include <cstddef>
#include <cstdio>
#include <string>

#include "platform/tabular/table.h"

namespace bsg::tabular {

class ProgressBar {
 public:
  // `label` prefixes the bar ("importing people"). With `enabled` unset, the bar shows only when
  // `out` is a terminal.
  explicit ProgressBar(std::string label, std::FILE* out = stderr);
  ProgressBar(std::string label, std::FILE* out, bool enabled);
  ~ProgressBar();  // finishes the line if anything was drawn
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;

  // Redraws at most ten times a second, and always at done == total.
  void Update(std::size_t done, std::size_t total);
  // A ProgressFn that calls Update on this bar.
  ProgressFn AsFn();
  bool enabled() const { return enabled_; }

 private:
  std::string label_;
  std::FILE* out_;
  bool enabled_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point last_{};
};

}  // namespace bsg::tabular

#endif  // BSG_PLATFORM_TABULAR_PROGRESS_H_
