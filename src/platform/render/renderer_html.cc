#include "platform/render/renderer_html.h"

#include <algorithm>

#include "platform/render/chart.h"
#include "platform/render/renderer_figures.h"
#include "platform/render/text_internal.h"

namespace bsg::render {
namespace {

constexpr char kStyle[] = R"css(
:root{--ink:#222;--muted:#5f6368;--accent:#1a3a5c;--head:#eef2f7;--rule:#333;--line:#e2e6ea}
*{box-sizing:border-box}
body{margin:0;background:#fff;color:var(--ink);font:16px/1.55 "Noto Sans","Noto Sans Arabic","Noto Sans CJK SC",system-ui,sans-serif}
.report{max-width:54rem;margin:0 auto;padding:2rem 1.25rem 4rem}
.title-block{border-bottom:2px solid var(--accent);padding-bottom:1rem;margin-bottom:1.5rem}
h1{font-size:1.8rem;line-height:1.25;color:var(--accent);margin:0 0 .3rem}
.subtitle{font-size:1.15rem;color:#444;margin:0 0 .5rem}
.meta{color:var(--muted);font-size:.9rem;margin:0}
h2,h3,h4,h5,h6{color:var(--accent);line-height:1.3}
h2{font-size:1.35rem;margin:2.2rem 0 .6rem}
h3{font-size:1.12rem;margin:1.6rem 0 .5rem}
h4,h5,h6{font-size:1rem;margin:1.2rem 0 .4rem}
.num{margin-inline-end:.55em}
p{margin:.5rem 0 .8rem}
.table-wrap{overflow-x:auto;margin:1.4rem 0}
table{border-collapse:collapse;width:100%;font-size:.88rem;font-variant-numeric:tabular-nums}
caption{caption-side:top;text-align:start;font-weight:600;padding-bottom:.45rem;color:var(--ink)}
thead th{background:var(--head);border-top:1.5px solid var(--rule);border-bottom:1px solid var(--rule);font-weight:600;padding:.38rem .55rem;vertical-align:bottom}
td{padding:.32rem .55rem;border-bottom:1px solid var(--line);vertical-align:top}
tbody tr:last-child td{border-bottom:1.5px solid var(--rule)}
tr.total td{font-weight:600;border-top:1px solid var(--rule)}
.a-start{text-align:start}.a-center{text-align:center}.a-end{text-align:end}
.footnotes{font-size:.8rem;color:var(--muted);margin:.45rem 0 0;padding:0;list-style:none}
figure{margin:1.6rem 0}
.chart svg{display:block;width:100%;height:auto}
figcaption{font-weight:600;font-size:.9rem;margin-top:.5rem}
.figure-notes{font-size:.8rem;color:var(--muted);margin:.25rem 0 0}
.value{text-decoration:underline dotted #8a9099;text-underline-offset:2px}
a.value-link,a.src{color:inherit;text-decoration:none}
a.src{font-weight:400;color:var(--muted);font-size:.8em;margin-inline-start:.3em}
.download{font-weight:400;font-size:.8rem;margin-inline-start:.6rem}
.sources h2{margin-top:3rem}
.sources ol{font-size:.84rem;padding-inline-start:1.8rem}
.sources li{margin:.25rem 0;overflow-wrap:anywhere}
.sources li:target{background:#fff3c4}
@media print{
@page{size:A4;margin:18mm 16mm 20mm}
body{font-size:10.5pt}
.report{max-width:none;padding:0}
a{color:inherit;text-decoration:none}
.download{display:none}
.table-wrap{overflow:visible}
thead{display:table-header-group}
tr,figure{break-inside:avoid}
h2,h3,h4,h5,h6,caption{break-after:avoid}
.value{text-decoration:none}
.sources{break-before:page}
}
)css";

std::string Anchor(const std::string& id, const std::string& fallback) {
  std::string out;
  for (char c : id.empty() ? fallback : id) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_' || c == '.';
    out += ok ? c : '-';
  }
  return out;
}

const char* AlignClass(Align a) {
  switch (a) {
    case Align::kCenter:
      return "a-center";
    case Align::kEnd:
      return "a-end";
    case Align::kStart:
      break;
  }
  return "a-start";
}

// Makes cairo's SVG fit inline in a page holding several: drops the XML declaration, prefixes
// every id and reference with `prefix` (cairo names glyphs and clips "glyph0-1", "clip1" in
// every file, so two inline SVGs would otherwise share them), and lets CSS size the root.
std::string InlineSvg(std::string svg, const std::string& prefix, const std::string& label) {
  if (svg.rfind("<?xml", 0) == 0) svg.erase(0, svg.find("?>") + 2);
  auto replace_all = [&svg](const std::string& from, const std::string& to) {
    for (size_t at = svg.find(from); at != std::string::npos; at = svg.find(from, at + to.size())) {
      svg.replace(at, from.size(), to);
    }
  };
  replace_all(" id=\"", " id=\"" + prefix);
  replace_all("href=\"#", "href=\"#" + prefix);
  replace_all("url(#", "url(#" + prefix);
  const size_t open = svg.find("<svg");
  const size_t close = open == std::string::npos ? open : svg.find('>', open);
  if (close != std::string::npos) {
    std::string tag = svg.substr(open, close - open);
    for (const char* attr : {" width=\"", " height=\""}) {
      size_t a = tag.find(attr);
      if (a == std::string::npos) continue;
      size_t end = tag.find('"', a + std::string(attr).size());
      if (end != std::string::npos) tag.erase(a, end + 1 - a);
    }
    tag += " role=\"img\" aria-label=\"" + EscapeHtml(label) + "\" focusable=\"false\"";
    svg.replace(open, close - open, tag);
  }
  while (!svg.empty() && (svg.front() == '\n' || svg.front() == '\r')) svg.erase(0, 1);
  return svg;
}

// Writes one Document as HTML into a string. Borrows the document and options. One use.
class HtmlWriter {
 public:
  HtmlWriter(const Document& doc, const HtmlOptions& options)
      : doc_(doc), options_(options), outline_(BuildOutline(doc)) {}

  Result<std::string> Write() {
    const bool rtl = doc_.direction == Direction::kRtl;
    out_ += "<!DOCTYPE html>\n<html lang=\"" + EscapeHtml(doc_.language) + "\" dir=\"" +
            (rtl ? "rtl" : "ltr") + "\">\n<head>\n<meta charset=\"utf-8\">\n";
    out_ += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
    out_ += "<title>" + EscapeHtml(doc_.title) + "</title>\n";
    out_ += "<link rel=\"icon\" href=\"data:,\">\n<style>" + std::string(kStyle) + "</style>\n";
    out_ += "</head>\n<body>\n<article class=\"report\">\n";
    out_ += "<header class=\"title-block\">\n<h1>" + EscapeHtml(doc_.title) + "</h1>\n";
    if (!doc_.subtitle.empty()) {
      out_ += "<p class=\"subtitle\">" + EscapeHtml(doc_.subtitle) + "</p>\n";
    }
    for (const std::string& line : doc_.meta) {
      out_ += "<p class=\"meta\">" + EscapeHtml(line) + "</p>\n";
    }
    out_ += "</header>\n";
    BSG_RETURN_IF_ERROR(Sections(doc_.sections, 1));
    if (options_.sources_appendix && !outline_.sources.empty()) Sources();
    out_ += "</article>\n</body>\n</html>\n";
    return std::move(out_);
  }

 private:
  Status Sections(const std::vector<Section>& sections, int depth) {
    for (const Section& s : sections) {
      const std::string& number = outline_.section_numbers.at(&s);
      const std::string id = Anchor(s.id, number.empty() ? "" : "sec-" + number);
      const std::string h = "h" + std::to_string(std::min(6, depth + 1));
      out_ += "<section";
      if (!id.empty()) out_ += " id=\"" + id + "\"";
      out_ += ">\n<" + h + ">";
      if (!number.empty()) out_ += "<span class=\"num\">" + EscapeHtml(number) + "</span>";
      out_ += EscapeHtml(s.title) + "</" + h + ">\n";
      for (const Block& block : s.blocks) {
        if (const auto* p = std::get_if<Paragraph>(&block)) {
          out_ += "<p>" + Runs(p->runs) + "</p>\n";
        } else if (const auto* t = std::get_if<Table>(&block)) {
          TableHtml(*t);
        } else if (const auto* f = std::get_if<Figure>(&block)) {
          BSG_RETURN_IF_ERROR(FigureHtml(*f));
        } else if (const auto* l = std::get_if<BulletList>(&block)) {
          out_ += l->numbered ? "<ol>\n" : "<ul>\n";
          for (const Paragraph& item : l->items) out_ += "<li>" + Runs(item.runs) + "</li>\n";
          out_ += l->numbered ? "</ol>\n" : "</ul>\n";
        }
      }
      BSG_RETURN_IF_ERROR(Sections(s.subsections, depth + 1));
      out_ += "</section>\n";
    }
    return Status::Ok();
  }

  // A value with provenance: hover text, and a link to its numbered source.
  std::string Value(const std::string& text, const std::string& provenance) {
    const int n = outline_.SourceNumber(provenance);
    if (n == 0) return EscapeHtml(text);
    std::string span = "<span class=\"value\" title=\"" + EscapeHtml(provenance) + "\">" +
                       EscapeHtml(text) + "</span>";
    if (!options_.sources_appendix) return span;
    return "<a class=\"value-link\" href=\"#source-" + std::to_string(n) + "\">" + span + "</a>";
  }

  std::string Runs(const std::vector<TextRun>& runs) {
    std::string html;
    for (const TextRun& r : runs) {
      std::string piece = Value(r.text, r.provenance);
      if (r.italic) piece = "<em>" + piece + "</em>";
      if (r.bold) piece = "<strong>" + piece + "</strong>";
      html += piece;
    }
    return html;
  }

  std::string SourceRef(const std::string& provenance) {
    const int n = outline_.SourceNumber(provenance);
    if (n == 0 || !options_.sources_appendix) return "";
    return " <a class=\"src\" href=\"#source-" + std::to_string(n) + "\" title=\"" +
           EscapeHtml(provenance) + "\">[" + std::to_string(n) + "]</a>";
  }

  std::string Download(const std::string& file) {
    if (options_.download_prefix.empty()) return "";
    return "<a class=\"download\" href=\"" + EscapeHtml(options_.download_prefix + file) +
           "\" download>" + EscapeHtml(doc_.labels.download_csv) + "</a>";
  }

  void TableHtml(const Table& t) {
    const int n = outline_.table_numbers.at(&t);
    const std::string num = std::to_string(n);
    out_ += "<div class=\"table-wrap\" id=\"" + Anchor(t.id, "table-" + num) + "\">\n<table>\n";
    out_ += "<caption>" + EscapeHtml(NumberedCaption(doc_.labels.table, n, t.caption)) +
            Download("table-" + num + ".csv") + "</caption>\n<thead>\n<tr>";
    for (const Column& c : t.columns) {
      out_ += std::string("<th scope=\"col\" class=\"") + AlignClass(c.align) + "\">" +
              EscapeHtml(c.header) + "</th>";
    }
    out_ += "</tr>\n</thead>\n<tbody>\n";
    const size_t first_total =
        t.rows.size() - std::min<size_t>(t.rows.size(), std::max(0, t.total_rows));
    for (size_t r = 0; r < t.rows.size(); ++r) {
      out_ += r >= first_total ? "<tr class=\"total\">" : "<tr>";
      for (size_t i = 0; i < t.columns.size(); ++i) {
        out_ += std::string("<td class=\"") + AlignClass(t.columns[i].align) + "\">";
        if (i < t.rows[r].size()) out_ += Value(t.rows[r][i].text, t.rows[r][i].provenance);
        out_ += "</td>";
      }
      out_ += "</tr>\n";
    }
    out_ += "</tbody>\n</table>\n";
    if (!t.footnotes.empty()) {
      out_ += "<ul class=\"footnotes\">\n";
      for (const std::string& note : t.footnotes) out_ += "<li>" + EscapeHtml(note) + "</li>\n";
      out_ += "</ul>\n";
    }
    out_ += "</div>\n";
  }

  Status FigureHtml(const Figure& f) {
    const int n = outline_.figure_numbers.at(&f);
    const std::string num = std::to_string(n);
    const std::string caption = NumberedCaption(doc_.labels.figure, n, f.caption);
    ChartOptions chart_options;
    chart_options.data_dir = options_.data_dir;
    chart_options.width = 640;
    Result<std::string> svg = ChartToSvg(ChartForDocument(doc_, f), chart_options);
    if (!svg.ok()) return svg.status().WithContext("figure " + num);
    out_ += "<figure id=\"" + Anchor(f.id, "figure-" + num) + "\">\n<div class=\"chart\">" +
            InlineSvg(std::move(svg).value(), "f" + num + "-", caption) + "</div>\n";
    out_ += "<figcaption>" + EscapeHtml(caption) + SourceRef(f.provenance);
    for (const ChartSeries& s : f.chart.series) out_ += SourceRef(s.provenance);
    out_ += Download("figure-" + num + ".csv") + "</figcaption>\n";
    for (const std::string& note : f.notes) {
      out_ += "<p class=\"figure-notes\">" + EscapeHtml(note) + "</p>\n";
    }
    out_ += "</figure>\n";
    return Status::Ok();
  }

  void Sources() {
    out_ += "<section class=\"sources\" id=\"sources\">\n<h2>" + EscapeHtml(doc_.labels.sources) +
            "</h2>\n";
    if (!doc_.labels.sources_intro.empty()) {
      out_ += "<p>" + EscapeHtml(doc_.labels.sources_intro) + "</p>\n";
    }
    out_ += "<ol>\n";
    for (size_t i = 0; i < outline_.sources.size(); ++i) {
      out_ += "<li id=\"source-" + std::to_string(i + 1) + "\">" + EscapeHtml(outline_.sources[i]) +
              "</li>\n";
    }
    out_ += "</ol>\n</section>\n";
  }

  const Document& doc_;
  const HtmlOptions& options_;
  const DocumentOutline outline_;
  std::string out_;
};

}  // namespace

std::string EscapeHtml(std::string_view text) {
  const std::string valid = internal::ValidUtf8(text);
  std::string out;
  out.reserve(valid.size() + valid.size() / 8);
  for (char c : valid) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

Result<std::string> RenderHtml(const Document& document, const HtmlOptions& options) {
  return HtmlWriter(document, options).Write();
}

}  // namespace bsg::render
