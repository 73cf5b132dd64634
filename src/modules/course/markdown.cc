#include "modules/course/markdown.h"

#include <cmark.h>

#include <cstdlib>

namespace bsg::course {

std::string MarkdownToSafeHtml(std::string_view markdown) {
  // CMARK_OPT_DEFAULT is safe since cmark 0.29 (CMARK_OPT_UNSAFE is not given).
  char* html = cmark_markdown_to_html(markdown.data(), markdown.size(), CMARK_OPT_DEFAULT);
  if (html == nullptr) return "";
  std::string out(html);
  std::free(html);
  return out;
}

}  // namespace bsg::course
