// Markdown (CommonMark) to HTML for course pages, with cmark's safe mode: raw HTML is left out
// and links or images to javascript:, vbscript:, file: and most data: URLs are dropped, so a
// page an officer writes can be shown as it is.
#ifndef BSG_MODULES_COURSE_MARKDOWN_H_
#define BSG_MODULES_COURSE_MARKDOWN_H_

#include <string>
#include <string_view>

namespace bsg::course {

std::string MarkdownToSafeHtml(std::string_view markdown);

}  // namespace bsg::course

#endif  // BSG_MODULES_COURSE_MARKDOWN_H_
