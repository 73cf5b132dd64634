// A Document as an A4 portrait PDF, laid out with pango and drawn with cairo.
//
// What the PDF holds: a title block; numbered section headings (also as PDF bookmarks);
// paragraphs wrapped (and justified on request) and split across pages by lines; bullet lists;
// tables with "Table N: caption" above, the header row repeated on every page the table runs
// onto (under "Table N: caption (continued)"), totals in bold, footnotes below; figures drawn as
// vectors by the chart kit with "Figure N: caption" below; a running title and "N / M" page
// numbers; and, last, the numbered "Sources of figures", to which every value with provenance
// links. Fonts are embedded as subsets (cairo does so), text stays text, so pdftotext and
// screen readers get the words and numbers.
//
// Right-to-left documents (Document::direction = kRtl, e.g. Arabic) get a right-to-left base
// direction, right-aligned text, and tables whose first column is on the right.
//
// Layout runs once into a list of pages of drawing operations, so the page count is known before
// anything is drawn; then the pages are drawn.
//
// Thread-safety: reentrant; each call owns its surface and pango context.
#ifndef BSG_PLATFORM_RENDER_RENDERER_PDF_H_
#define BSG_PLATFORM_RENDER_RENDERER_PDF_H_

#include <string>

#include "platform/render/document.h"
#include "platform/status.h"

namespace bsg::render {

struct PdfOptions {
  std::string data_dir;  // for maps; see ChartOptions::data_dir
  bool justify = false;  // justify paragraphs
  bool sources_appendix = true;
  // Make each value with provenance a link to its entry in the sources appendix (a link
  // annotation per value: a report with hundreds of linked values grows by about 300 bytes per
  // value).
  bool link_sources = true;
  bool table_of_contents = false;  // sections down to depth 2, after the title block
  // PDF metadata. creation_date is ISO 8601 ("2024-05-01T09:00:00Z"); empty: now. Give one to
  // make the output byte-for-byte reproducible.
  std::string author;
  std::string creation_date;
};

struct RenderedPdf {
  std::string bytes;
  int pages = 0;
};

// Errors: those of DrawChart for a figure (kUnavailable "world_map.missing" when a map's data
// files are missing), with the figure number as context; kInternal ("render.cairo") when cairo
// fails.
Result<RenderedPdf> RenderPdf(const Document& document, const PdfOptions& options = {});

}  // namespace bsg::render

#endif  // BSG_PLATFORM_RENDER_RENDERER_PDF_H_
