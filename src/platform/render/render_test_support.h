// Test support for src/platform/render (and the reports module tests): sample documents, temporary
// folders, running the poppler tools, reading PNG pixels. Used only by *_test.cc in this folder.
#ifndef BSG_PLATFORM_RENDER_RENDER_TEST_SUPPORT_H_
#define BSG_PLATFORM_RENDER_RENDER_TEST_SUPPORT_H_

#include <cairo.h>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "platform/render/document.h"

namespace bsg::render::testing {

inline std::string DataDir() { return std::string(BSG_SOURCE_DIR) + "/data"; }

// A fresh folder under the test temp dir, removed with the object.
class TempFolder {
 public:
  TempFolder() {
    std::string pattern = ::testing::TempDir() + "bsg-render-XXXXXX";
    std::vector<char> buf(pattern.begin(), pattern.end());
    buf.push_back('\0');
    path_ = mkdtemp(buf.data());
  }
  ~TempFolder() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  std::string File(const std::string& name) const { return path_ + "/" + name; }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

inline void WriteFile(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out << bytes;
}

inline std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

struct CommandResult {
  int exit_code = -1;
  std::string out;
};

// Runs `command` with /bin/sh, capturing stdout.
inline CommandResult RunCommand(const std::string& command) {
  CommandResult r;
  FILE* p = popen(command.c_str(), "r");
  if (p == nullptr) return r;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
  int status = pclose(p);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

inline bool HaveTool(const std::string& tool) {
  return RunCommand("command -v " + tool + " >/dev/null 2>&1").exit_code == 0;
}

// Splits pdftotext output into pages (form feed separated).
inline std::vector<std::string> Pages(const std::string& text) {
  std::vector<std::string> pages;
  std::string page;
  for (char c : text) {
    if (c == '\f') {
      pages.push_back(page);
      page.clear();
    } else {
      page += c;
    }
  }
  if (!page.empty()) pages.push_back(page);
  return pages;
}

// An RGB image decoded from PNG bytes or a file, with pixel access.
class Image {
 public:
  static Image FromPngFile(const std::string& path) {
    Image img;
    img.surface_ = cairo_image_surface_create_from_png(path.c_str());
    return img;
  }
  static Image FromPngBytes(const std::string& bytes) {
    struct Reader {
      const std::string* bytes;
      size_t at;
    } reader{&bytes, 0};
    Image img;
    img.surface_ = cairo_image_surface_create_from_png_stream(
        [](void* closure, unsigned char* data, unsigned int length) {
          auto* r = static_cast<Reader*>(closure);
          if (r->at + length > r->bytes->size()) return CAIRO_STATUS_READ_ERROR;
          std::copy_n(r->bytes->data() + r->at, length, data);
          r->at += length;
          return CAIRO_STATUS_SUCCESS;
        },
        &reader);
    return img;
  }
  Image() = default;
  Image(Image&& o) noexcept : surface_(o.surface_) { o.surface_ = nullptr; }
  Image& operator=(Image&&) = delete;
  ~Image() {
    if (surface_ != nullptr) cairo_surface_destroy(surface_);
  }

  bool ok() const {
    return surface_ != nullptr && cairo_surface_status(surface_) == CAIRO_STATUS_SUCCESS;
  }
  int width() const { return cairo_image_surface_get_width(surface_); }
  int height() const { return cairo_image_surface_get_height(surface_); }

  struct Pixel {
    int r, g, b;
  };
  Pixel At(int x, int y) const {
    cairo_surface_flush(surface_);
    const unsigned char* data = cairo_image_surface_get_data(surface_);
    const int stride = cairo_image_surface_get_stride(surface_);
    uint32_t v = *reinterpret_cast<const uint32_t*>(data + y * stride + x * 4);
    return {static_cast<int>((v >> 16) & 0xff), static_cast<int>((v >> 8) & 0xff),
            static_cast<int>(v & 0xff)};
  }

  // Variance of the luminance over all pixels: 0 for a blank page.
  double LuminanceVariance() const {
    double sum = 0, sum2 = 0;
    const double n = static_cast<double>(width()) * height();
    for (int y = 0; y < height(); ++y) {
      for (int x = 0; x < width(); ++x) {
        Pixel p = At(x, y);
        double l = 0.299 * p.r + 0.587 * p.g + 0.114 * p.b;
        sum += l;
        sum2 += l * l;
      }
    }
    const double mean = sum / n;
    return sum2 / n - mean * mean;
  }

  int CountColor(int r, int g, int b, int tolerance = 0) const {
    int count = 0;
    for (int y = 0; y < height(); ++y) {
      for (int x = 0; x < width(); ++x) {
        Pixel p = At(x, y);
        if (std::abs(p.r - r) <= tolerance && std::abs(p.g - g) <= tolerance &&
            std::abs(p.b - b) <= tolerance) {
          ++count;
        }
      }
    }
    return count;
  }

 private:
  cairo_surface_t* surface_ = nullptr;
};

// ---- sample documents -----------------------------------------------------------------------

inline Cell C(std::string text, std::string provenance = "") {
  return Cell{std::move(text), std::move(provenance)};
}

inline Chart EnrolmentChart() {
  Chart c;
  c.kind = ChartKind::kBar;
  c.category_label = "Year";
  c.value_label = "Enrolments";
  c.categories = {"2019", "2020", "2021", "2022", "2023"};
  c.series = {{"Enrolments", {41, 198, 247, 0, std::nullopt}, "course: enrolments by year"}};
  return c;
}

inline Chart FellowshipsByRegion() {
  Chart c;
  c.kind = ChartKind::kGroupedBar;
  c.value_label = "Fellowships";
  c.categories = {"Africa", "Americas", "Arab States", "Asia-Pacific", "CIS", "Europe"};
  c.series = {{"Full", {64, 21, 30, 38, 4, 2}, "fellowships: kind=full"},
              {"Partial", {12, 9, std::nullopt, 15, 0, 3}, "fellowships: kind=partial"}};
  return c;
}

inline Chart ParticipationTrend() {
  Chart c;
  c.kind = ChartKind::kLine;
  c.category_label = "Year";
  c.value_label = "Delegates";
  c.categories = {"2016", "2017", "2018", "2019", "2020", "2021", "2022", "2023"};
  c.series = {{"In person", {410, 452, 470, 505, std::nullopt, 120, 388, 512}, ""},
              {"Remote", {35, 48, 60, 92, 640, 702, 455, 430}, ""}};
  return c;
}

inline Chart FellowshipMap() {
  Chart c;
  c.kind = ChartKind::kWorldMap;
  c.value_label = "Fellowships";
  c.categories = {"ZM", "KE", "NG", "SN", "BR", "IN", "CN", "EG", "TZ", "UG", "GH", "BD",
                  "NP", "PE", "BO", "AR", "MX", "ID", "PK", "TN", "DZ", "MA", "ET", "CM",
                  "CI", "BJ", "BF", "US", "DE", "GB", "JP", "AU", "CA", "RU", "SA", "IR"};
  std::vector<std::optional<double>> v = {0, 14, 9, 7, 3,  11, 2, 8, 6, 5, 4, 10, 3, 2, 5, 1, 1, 6,
                                          7, 9,  6, 5, 12, 4,  3, 2, 3, 0, 0, 0,  0, 0, 0, 1, 2, 3};
  c.series = {{"Fellowships", v, "fellowships: awarded by country of the fellow"}};
  return c;
}

inline Chart ContributionPoints() {
  Chart c = FellowshipMap();
  c.map_mode = MapMode::kPoints;
  c.value_label = "Contributions";
  c.series[0].name = "Contributions";
  return c;
}

inline std::string LongTableHeader(int i) {
  static const char* kHeaders[] = {"Meeting", "Regional group", "Host city", "Participants",
                                   "Fellows"};
  return kHeaders[i];
}

// A table of `rows` meetings: long enough to run over several pages.
inline Table MeetingsTable(int rows) {
  Table t;
  t.caption = "Regional group meetings held since September 2019";
  for (int i = 0; i < 5; ++i) {
    t.columns.push_back({LongTableHeader(i), i >= 3 ? Align::kEnd : Align::kStart, 0});
  }
  const char* groups[] = {"SG2RG-AFR",  "SG3RG-LAC",  "SG5RG-ARB", "SG12RG-AFR",
                          "SG13RG-AFR", "SG17RG-AFR", "SG20RG-ARB"};
  const char* cities[] = {"Nairobi", "Montevideo", "Cairo",  "Abidjan",  "Tunis",
                          "Kampala", "Dakar",      "Lusaka", "Asunción", "Muscat"};
  int total = 0;
  for (int r = 0; r < rows; ++r) {
    char id[32];
    std::snprintf(id, sizeof id, "RGM-%04d", r + 1);
    const int participants = 20 + (r * 37) % 90;
    total += participants;
    t.rows.push_back({C(id), C(groups[r % 7]), C(cities[r % 10]),
                      C(std::to_string(participants),
                        "events: registrations where event=" + std::string(id) + " and attended"),
                      C(std::to_string(r % 6))});
  }
  t.rows.push_back({C("Total"), C(""), C(""), C(std::to_string(total)), C("")});
  t.total_rows = 1;
  t.footnotes = {"Participants count delegates attending in person or remotely.",
                 "Source: events module, meetings with status = held."};
  return t;
}

inline Paragraph Text(const std::string& text) { return Paragraph::Text(text); }

// The sample report: sections, a three-page table, Arabic and Chinese text, every chart kind.
inline Document SampleDocument() {
  Document d;
  d.title = "Bridging the Standardization Gap: progress report";
  d.subtitle = "Activities of the Telecommunication Standardization Bureau since September 2019";
  d.meta = {"TSAG, Geneva, 2024", "Source: Director, TSB"};

  Section intro;
  intro.title = "Introduction";
  intro.blocks.push_back(Text(
      "An integral part of ITU's mission, Bridging the Standardization Gap (BSG) aims to address "
      "the disparities in the ability of developing countries to access, implement and influence "
      "the development of international standards at the ITU."));
  intro.blocks.push_back(BulletList{
      {Text("Awareness: regional group meetings."), Text("Know-How: the ITU-T A.1 course."),
       Text("Community: Regional Standardization Forums."), Text("Engagement: fellowships."),
       Text("Partnering: sponsors and the BSG fund.")},
      false});
  Table resolutions;
  resolutions.caption = "Relevant Resolutions concerning Bridging the Standardization Gap (BSG)";
  resolutions.columns = {{"Resolution", Align::kStart, 0.4}, {"Title", Align::kStart, 0}};
  resolutions.rows = {
      {C("Resolution 123 (Rev. Dubai, 2018) of the Plenipotentiary Conference"),
       C("Bridging the standardization gap between developing and developed countries")},
      {C("WTSA-16 Resolution 44 (Rev. Hammamet, 2016)"),
       C("Bridging the standardization gap between developing and developed countries")}};
  intro.blocks.push_back(resolutions);
  d.sections.push_back(intro);

  Section p1;
  p1.title = "Programme 1: Strengthening standards-making capabilities";
  Section course;
  course.title = "Recommendation ITU-T A.1 online course";
  course.blocks.push_back(Paragraph{{TextRun{"This course has had over "},
                                     TextRun{"824", "course: 824 enrolments where course=A.1"},
                                     TextRun{" enrolments and has awarded "},
                                     TextRun{"382", "course: 382 certificates where score>=80%"},
                                     TextRun{" certificates through the platform."}}});
  Figure f1;
  f1.caption = "Enrolments in the A.1 course by year";
  f1.chart = EnrolmentChart();
  f1.notes = {"2023: no data yet."};
  f1.provenance = "course: enrolments grouped by year of enrolment";
  course.blocks.push_back(f1);
  p1.subsections.push_back(course);

  Section meetings;
  meetings.title = "Regional group meetings";
  meetings.blocks.push_back(
      Paragraph{{TextRun{"Since August 2019, "},
                 TextRun{"9",
                         "events: 9 rows where kind=regional_group_meeting and status=held and "
                         "start>=2019-08-01"},
                 TextRun{" regional group meetings were held, listed in the table below."}}});
  meetings.blocks.push_back(MeetingsTable(130));
  p1.subsections.push_back(meetings);
  d.sections.push_back(p1);

  Section fellows;
  fellows.title = "Fellowships";
  Figure f2;
  f2.caption = "Fellowships by region, full and partial";
  f2.chart = FellowshipsByRegion();
  fellows.blocks.push_back(f2);
  Figure f3;
  f3.caption = "Delegates from developing countries, in person and remote";
  f3.chart = ParticipationTrend();
  fellows.blocks.push_back(f3);
  Figure f4;
  f4.caption = "Fellowships by country";
  f4.chart = FellowshipMap();
  fellows.blocks.push_back(f4);
  Figure f5;
  f5.caption = "Contributions by country";
  f5.chart = ContributionPoints();
  fellows.blocks.push_back(f5);
  d.sections.push_back(fellows);

  Section languages;
  languages.title = "Languages";
  languages.blocks.push_back(Text("سد الفجوة التقييسية بين البلدان النامية والبلدان المتقدمة"));
  languages.blocks.push_back(Text("弥合发展中国家与发达国家之间的标准化差距"));
  Table names;
  names.caption = "The programme's name in three languages";
  names.columns = {{"Language"}, {"Name"}};
  names.rows = {{C("English"), C("Bridging the Standardization Gap")},
                {C("العربية"), C("سد الفجوة التقييسية")},
                {C("中文"), C("弥合标准化差距")}};
  languages.blocks.push_back(names);
  d.sections.push_back(languages);
  return d;
}

// A long report: about 40 pages, a dozen tables, five charts including the map.
inline Document LargeDocument() {
  Document d;
  d.title = "Bridging the Standardization Gap: full statistical annex";
  std::string para =
      "Developing countries took part in the work of ITU-T study groups through fellowships, "
      "remote participation and regional group meetings; this paragraph stands for the prose of "
      "a long report and is repeated to fill the pages with wrapped, justified text. ";
  para += para;
  const Chart charts[] = {EnrolmentChart(), FellowshipsByRegion(), ParticipationTrend(),
                          FellowshipMap(), ContributionPoints()};
  for (int s = 0; s < 12; ++s) {
    Section section;
    section.title = "Statistics part " + std::to_string(s + 1);
    for (int p = 0; p < 8; ++p) section.blocks.push_back(Text(para));
    section.blocks.push_back(MeetingsTable(60));
    if (s < 5) {
      Figure f;
      f.caption = "Chart " + std::to_string(s + 1);
      f.chart = charts[s];
      section.blocks.push_back(f);
    }
    d.sections.push_back(section);
  }
  return d;
}

}  // namespace bsg::render::testing

#endif  // BSG_PLATFORM_RENDER_RENDER_TEST_SUPPORT_H_
