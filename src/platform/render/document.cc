#include "platform/render/document.h"

#include <string>

namespace bsg::render {
namespace {

// Walks a Document depth first, filling a DocumentOutline.
class OutlineBuilder {
 public:
  explicit OutlineBuilder(DocumentOutline& out) : out_(out) {}

  void Sections(const std::vector<Section>& sections, const std::string& prefix, int depth) {
    int n = 0;
    for (const Section& section : sections) {
      std::string number;
      if (section.numbered) {
        ++n;
        number = prefix.empty() ? std::to_string(n) : prefix + "." + std::to_string(n);
      }
      out_.sections.push_back({&section, number, depth});
      out_.section_numbers[&section] = number;
      for (const Block& block : section.blocks) Visit(block);
      // An unnumbered section's children are numbered on their own ("1", "2").
      Sections(section.subsections, number, depth + 1);
    }
  }

 private:
  void Source(const std::string& provenance) {
    if (provenance.empty() || out_.source_numbers.count(provenance)) return;
    out_.sources.push_back(provenance);
    out_.source_numbers[provenance] = static_cast<int>(out_.sources.size());
  }
  void Runs(const Paragraph& paragraph) {
    for (const TextRun& run : paragraph.runs) Source(run.provenance);
  }
  void Visit(const Block& block) {
    if (const auto* p = std::get_if<Paragraph>(&block)) {
      Runs(*p);
    } else if (const auto* t = std::get_if<Table>(&block)) {
      out_.table_numbers[t] = static_cast<int>(out_.table_numbers.size()) + 1;
      for (const auto& row : t->rows) {
        for (const Cell& cell : row) Source(cell.provenance);
      }
    } else if (const auto* f = std::get_if<Figure>(&block)) {
      out_.figure_numbers[f] = static_cast<int>(out_.figure_numbers.size()) + 1;
      Source(f->provenance);
      for (const ChartSeries& s : f->chart.series) Source(s.provenance);
    } else if (const auto* l = std::get_if<BulletList>(&block)) {
      for (const Paragraph& item : l->items) Runs(item);
    }
  }

  DocumentOutline& out_;
};

}  // namespace

int DocumentOutline::SourceNumber(const std::string& provenance) const {
  auto it = source_numbers.find(provenance);
  return it == source_numbers.end() ? 0 : it->second;
}

DocumentOutline BuildOutline(const Document& document) {
  DocumentOutline out;
  OutlineBuilder(out).Sections(document.sections, "", 1);
  return out;
}

std::string NumberedCaption(const std::string& label, int number, const std::string& caption) {
  std::string s = label + " " + std::to_string(number);
  if (!caption.empty()) s += ": " + caption;
  return s;
}

std::string PlainText(const Paragraph& paragraph) {
  std::string s;
  for (const TextRun& run : paragraph.runs) s += run.text;
  return s;
}

}  // namespace bsg::render
