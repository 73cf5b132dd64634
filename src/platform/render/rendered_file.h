// A file produced by a renderer: a name within a report's downloads and its bytes.
#ifndef BSG_PLATFORM_RENDER_RENDERED_FILE_H_
#define BSG_PLATFORM_RENDER_RENDERED_FILE_H_

#include <string>

namespace bsg::render {

struct RenderedFile {
  std::string name{};          // "table-2.csv", "figure-1.svg": no folders
  std::string content{};       // the bytes
  std::string content_type{};  // "text/csv; charset=utf-8", "image/svg+xml", "image/png"
};

}  // namespace bsg::render

#endif  // BSG_PLATFORM_RENDER_RENDERED_FILE_H_
