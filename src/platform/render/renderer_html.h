// A Document as one standalone, server-rendered HTML page: inline CSS (screen and @media print),
// no scripts, no external requests. Sections are <section> with numbered headings, tables are
// <table> with <caption> and <thead> (repeated on each printed page), figures are inline SVG
// drawn by the chart kit with a <figcaption>. A value with provenance is a
// <span class="value" title="..."> whose hover text says where it came from, linked to its entry
// in the closing "Sources of figures" list, where every provenance string is numbered.
//
// All document text is HTML-escaped; invalid UTF-8 is replaced.
//
// Thread-safety: reentrant.
#ifndef BSG_PLATFORM_RENDER_RENDERER_HTML_H_
#define BSG_PLATFORM_RENDER_RENDERER_HTML_H_

#include <string>
#include <string_view>

#include "platform/render/document.h"
#include "platform/status.h"

namespace bsg::render {

struct HtmlOptions {
  std::string data_dir;  // for maps; see ChartOptions::data_dir
  // When set, each table and figure links to its CSV download at prefix + "table-N.csv"
  // (RenderCsvFiles' names), e.g. "/api/reports/2024/files/".
  std::string download_prefix;
  bool sources_appendix = true;
};

// Errors: those of DrawChart for a figure (a map without its data files), with the figure
// number as context.
Result<std::string> RenderHtml(const Document& document, const HtmlOptions& options = {});

// `text` escaped for HTML text and attribute values (& < > " ').
std::string EscapeHtml(std::string_view text);

}  // namespace bsg::render

#endif  // BSG_PLATFORM_RENDER_RENDERER_HTML_H_
