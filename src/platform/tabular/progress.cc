// Terminal progress bar; see progress.h.
#include "platform/tabular/progress.h"

#include <unistd.h>

#include <utility>

namespace bsg::tabular {

ProgressBar::ProgressBar(std::string label, std::FILE* out)
    : ProgressBar(std::move(label), out, out != nullptr && isatty(fileno(out)) == 1) {}

ProgressBar::ProgressBar(std::string label, std::FILE* out, bool enabled)
    : label_(std::move(label)), out_(out), enabled_(enabled && out != nullptr) {}

ProgressBar::~ProgressBar() {
  if (drawn_) {
    std::fputc('\n', out_);
    std::fflush(out_);
  }
}

void ProgressBar::Update(std::size_t done, std::size_t total) {
  if (!enabled_) return;
  const auto now = std::chrono::steady_clock::now();
  if (drawn_ && done < total && now - last_ < std::chrono::milliseconds(100)) return;
  last_ = now;
  constexpr int kWidth = 30;
  const double fraction =
      total == 0 ? 1.0
                 : static_cast<double>(done > total ? total : done) / static_cast<double>(total);
  const int filled = static_cast<int>(fraction * kWidth);
  std::string bar(static_cast<std::size_t>(filled), '#');
  bar.append(static_cast<std::size_t>(kWidth - filled), '.');
  std::fprintf(out_, "\r%s [%s] %3d%% %zu/%zu", label_.c_str(), bar.c_str(),
               static_cast<int>(fraction * 100), done, total);
  std::fflush(out_);
  drawn_ = true;
}

ProgressFn ProgressBar::AsFn() {
  return [this](std::size_t done, std::size_t total) { Update(done, total); };
}

}  // namespace bsg::tabular
