// The document model: what a report is, independent of how it is rendered.
//
// A module (reports) builds a Document from its data and hands it to the renderers in this
// folder: RenderPdf (renderer_pdf.h), RenderHtml (renderer_html.h), RenderCsvFiles
// (renderer_csv.h) and RenderFigureFiles (renderer_figures.h). All of them number sections,
// tables, figures and sources the same way, through BuildOutline() below, so "Table 3" in the
// PDF is "Table 3" in the HTML and table-3.csv in the downloads.
//
// Everything here is a plain value: no I/O, no cairo, safe to build on any thread and to copy.
// Text is UTF-8; invalid UTF-8 is replaced by the renderers, never trusted.
#ifndef BSG_PLATFORM_RENDER_DOCUMENT_H_
#define BSG_PLATFORM_RENDER_DOCUMENT_H_

#include <map>
#include <string>
#include <variant>
#include <vector>

#include "platform/render/chart.h"

namespace bsg::render {

enum class Direction { kLtr, kRtl };

// Horizontal alignment, relative to the document's direction: kStart is left in a left-to-right
// document and right in a right-to-left one. Number columns are usually kEnd.
enum class Align { kStart, kCenter, kEnd };

// A span of text. `provenance` says where a number came from, in words a reader can check:
// "events: 9 rows where kind=regional_group_meeting and status=held and start>=2019-08-01".
// Runs with provenance are shown as values (HTML: hover title, PDF: link) and their provenance
// is listed, numbered, in the "Sources of figures" appendix.
struct TextRun {
  std::string text{};
  std::string provenance{};
  bool bold = false;
  bool italic = false;
};

struct Paragraph {
  std::vector<TextRun> runs{};

  // A paragraph of one plain run.
  static Paragraph Text(std::string text) { return Paragraph{{TextRun{std::move(text)}}}; }
};

struct Cell {
  std::string text{};
  std::string provenance{};
};

struct Column {
  std::string header{};
  Align align = Align::kStart;
  // Share of the table's width (0.4 = 40%); 0 (the default) sizes the column by its content.
  // Content-sized columns share what the weighted ones leave; weights summing above 1 are
  // scaled down to fit.
  double weight = 0;
};

// A table, numbered "Table N" in document order. The caption is given without the number.
// Rows may be shorter than `columns` (missing cells are empty); longer rows are cut.
// The last `total_rows` rows are set in bold above a rule (totals).
struct Table {
  std::string id{};  // optional anchor ("fellowships-by-region"); HTML id and PDF destination
  std::string caption{};
  std::vector<Column> columns{};
  std::vector<std::vector<Cell>> rows{};
  std::vector<std::string> footnotes{};
  int total_rows = 0;
};

// A chart, numbered "Figure N" in document order. `provenance` covers the figure as a whole;
// series may carry their own.
struct Figure {
  std::string id{};
  std::string caption{};
  Chart chart{};
  std::string provenance{};
  std::vector<std::string> notes{};  // shown under the caption ("Source: ...")
};

struct BulletList {
  std::vector<Paragraph> items{};
  bool numbered = false;
};

using Block = std::variant<Paragraph, Table, Figure, BulletList>;

// A section of the document tree. Numbered sections are numbered "1", "1.2", "1.2.3" by
// position among their numbered siblings; unnumbered ones (a foreword) carry no number.
struct Section {
  std::string id{};  // optional anchor
  std::string title{};
  std::vector<Block> blocks{};
  std::vector<Section> subsections{};
  bool numbered = true;
};

// Words the renderers write themselves, so that a report in Arabic or Chinese says "Table" in
// its own language. The defaults are English.
struct Labels {
  std::string table = "Table";
  std::string figure = "Figure";
  std::string continued = "(continued)";
  std::string sources = "Sources of figures";
  std::string sources_intro =
      "Each number marked in the text and tables comes from the records below.";
  std::string contents = "Contents";
  std::string download_csv = "CSV";
};

struct Document {
  std::string title{};
  std::string subtitle{};
  std::vector<std::string> meta{};  // lines under the subtitle: document number, date, source
  std::string language = "en";      // BCP 47 tag: "en", "ar", "zh", "fr", "ru", "es"
  Direction direction = Direction::kLtr;
  std::vector<Section> sections{};
  Labels labels{};
};

// Numbers of everything numbered in a Document, in document order: a section's blocks, then its
// subsections, depth first. Pointers point into the Document, which must outlive the outline.
struct DocumentOutline {
  struct SectionEntry {
    const Section* section = nullptr;
    std::string number;  // "1.2"; empty for an unnumbered section
    int depth = 1;       // 1 for top-level sections
  };
  std::vector<SectionEntry> sections{};
  std::map<const Section*, std::string> section_numbers{};
  std::map<const Table*, int> table_numbers{};    // 1-based
  std::map<const Figure*, int> figure_numbers{};  // 1-based
  // Every distinct non-empty provenance string (runs, cells, figures, series), in order of first
  // appearance; source_numbers maps each to its 1-based position.
  std::vector<std::string> sources{};
  std::map<std::string, int> source_numbers{};

  // Returns the source number of `provenance`, or 0 when it is empty or unknown.
  int SourceNumber(const std::string& provenance) const;
};

DocumentOutline BuildOutline(const Document& document);

// "Table 3: caption" / "Figure 2: caption" using the document's labels.
std::string NumberedCaption(const std::string& label, int number, const std::string& caption);

// The text of a paragraph, runs concatenated.
std::string PlainText(const Paragraph& paragraph);

}  // namespace bsg::render

#endif  // BSG_PLATFORM_RENDER_DOCUMENT_H_
