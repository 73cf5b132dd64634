// The certificate PDF, read back with poppler's command-line tools (pdftotext, pdfinfo, pdffonts,
// pdftoppm) and, where installed, zbarimg for the QR code: an independent reader checks the text,
// the page, the embedded fonts and the code.
#include "modules/course/certificate_pdf.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace bsg::course {
namespace {

namespace fs = std::filesystem;

CertificatePdfFacts SampleFacts() {
  CertificatePdfFacts f;
  f.issuer_name = "ITU Telecommunication Standardization Bureau (TSB)";
  f.title = "Certificate of completion";
  f.learner_name = "Ada Lovelace";
  f.completed_text = "has completed the e-learning course";
  f.course_title = "Conformance and Interoperability Testing";
  f.score_text = "with a score of 85.00% in the final assessment";
  f.date_text = "Issued on 12 March 2020";
  f.code = "K7QX2M9PRT";
  f.verify_label = "Verify at";
  f.verify_url = "https://bsg.example.org/certificates/K7QX2M9PRT";
  return f;
}

// Runs a shell command and returns what it wrote to standard output.
std::string RunCommand(const std::string& command) {
  std::string out;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return out;
  std::array<char, 4096> buffer{};
  std::size_t n = 0;
  while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) out.append(buffer.data(), n);
  pclose(pipe);
  return out;
}

bool HaveTool(const std::string& name) {
  return !RunCommand("command -v " + name + " 2>/dev/null").empty();
}

// A PDF written to a file of its own for the command-line tools; removed when done.
class PdfFile {
 public:
  explicit PdfFile(const std::string& bytes) {
    static std::atomic<int> counter{0};
    dir_ = fs::temp_directory_path() /
           ("certpdf_test_" + std::to_string(getpid()) + "_" + std::to_string(counter++));
    fs::create_directories(dir_);
    std::ofstream(path(), std::ios::binary) << bytes;
  }
  ~PdfFile() {
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
  }
  PdfFile(const PdfFile&) = delete;
  PdfFile& operator=(const PdfFile&) = delete;

  std::string path() const { return (dir_ / "certificate.pdf").string(); }
  const fs::path& dir() const { return dir_; }
  std::string Text() const {
    return RunCommand("pdftotext -enc UTF-8 '" + path() + "' - 2>/dev/null");
  }
  std::string Info() const { return RunCommand("pdfinfo '" + path() + "' 2>/dev/null"); }

 private:
  fs::path dir_;
};

std::string Render(const CertificatePdfFacts& facts) {
  Result<std::string> pdf = CertificatePdf(facts);
  EXPECT_TRUE(pdf.ok()) << pdf.status().ToString();
  return pdf.ok() ? *pdf : std::string();
}

// The value of one "Name:   value" line of pdfinfo's output, or "" when it is missing.
std::string InfoField(const std::string& info, const std::string& name) {
  std::istringstream lines(info);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.rfind(name + ":", 0) != 0) continue;
    const std::size_t value = line.find_first_not_of(' ', name.size() + 1);
    return value == std::string::npos ? std::string() : line.substr(value);
  }
  return {};
}

// True when `text` holds a character of the Arabic block U+0600..U+06FF (UTF-8 lead bytes
// 0xD8..0xDB).
bool HasArabicLetter(const std::string& text) {
  for (unsigned char c : text) {
    if (c >= 0xD8 && c <= 0xDB) return true;
  }
  return false;
}

TEST(CertificatePdfTest, StartsWithPdfHeader) {
  const std::string pdf = Render(SampleFacts());
  EXPECT_EQ(pdf.rfind("%PDF-", 0), 0u);
}

TEST(CertificatePdfTest, TextHoldsNameCourseCodeAndUrl) {
  const CertificatePdfFacts facts = SampleFacts();
  const PdfFile file(Render(facts));
  const std::string text = file.Text();
  EXPECT_NE(text.find(facts.learner_name), std::string::npos) << text;
  EXPECT_NE(text.find(facts.course_title), std::string::npos) << text;
  EXPECT_NE(text.find(facts.code), std::string::npos) << text;
  EXPECT_NE(text.find(facts.verify_url), std::string::npos) << text;
  EXPECT_NE(text.find(facts.issuer_name), std::string::npos) << text;
  EXPECT_NE(text.find(facts.date_text), std::string::npos) << text;
}

TEST(CertificatePdfTest, OneA4LandscapePageWithTitleMetadata) {
  const PdfFile file(Render(SampleFacts()));
  const std::string info = file.Info();
  EXPECT_EQ(InfoField(info, "Pages"), "1") << info;
  EXPECT_EQ(InfoField(info, "Page size").rfind("842 x 595 pts", 0), 0u) << info;
  EXPECT_EQ(InfoField(info, "Title"), "Certificate of completion \u2014 Ada Lovelace") << info;
}

TEST(CertificatePdfTest, ArabicNameWithLatinTransliteration) {
  CertificatePdfFacts facts = SampleFacts();
  facts.learner_name = "\u0644\u064a\u0644\u0649 \u062d\u0633\u0646";  // ليلى حسن
  facts.learner_name_latin = "Layla Hassan";
  const PdfFile file(Render(facts));
  const std::string text = file.Text();
  EXPECT_NE(text.find("Layla Hassan"), std::string::npos) << text;
  EXPECT_TRUE(HasArabicLetter(text)) << text;
}

TEST(CertificatePdfTest, LatinTransliterationOmittedWhenSameAsName) {
  CertificatePdfFacts facts = SampleFacts();
  facts.learner_name_latin = facts.learner_name;
  const PdfFile file(Render(facts));
  const std::string text = file.Text();
  const std::size_t first = text.find("Ada Lovelace");
  ASSERT_NE(first, std::string::npos) << text;
  EXPECT_EQ(text.find("Ada Lovelace", first + 1), std::string::npos) << text;
}

TEST(CertificatePdfTest, ChineseName) {
  CertificatePdfFacts facts = SampleFacts();
  facts.learner_name = "\u738b\u82b3";  // 王芳
  const PdfFile file(Render(facts));
  const std::string text = file.Text();
  EXPECT_NE(text.find("\u738b\u82b3"), std::string::npos) << text;
}

TEST(CertificatePdfTest, LongCourseTitleAndNameStayOnOnePage) {
  CertificatePdfFacts facts = SampleFacts();
  std::string title;
  while (title.size() < 300) title += "Interoperability ";
  facts.course_title = title.substr(0, 300);
  facts.learner_name = std::string(120, 'W');  // one unbreakable word, wider than the page
  const PdfFile file(Render(facts));
  const std::string info = file.Info();
  EXPECT_EQ(InfoField(info, "Pages"), "1") << info;
  // The words survive wrapping and shrinking.
  EXPECT_NE(file.Text().find("Interoperability"), std::string::npos);
}

TEST(CertificatePdfTest, FontsAreEmbedded) {
  CertificatePdfFacts facts = SampleFacts();
  facts.learner_name = "\u738b\u82b3";
  const PdfFile file(Render(facts));
  const std::string listing = RunCommand("pdffonts '" + file.path() + "' 2>/dev/null");
  // pdffonts prints a header, a row of dashes marking the columns, then one row per font; "emb"
  // is the fourth column.
  std::istringstream lines(listing);
  std::string line;
  std::size_t emb_start = std::string::npos;
  std::size_t emb_end = 0;
  int fonts = 0;
  while (std::getline(lines, line)) {
    if (emb_start == std::string::npos) {
      if (line.rfind("----", 0) != 0) continue;
      std::size_t pos = 0;
      for (int column = 0; column < 4; ++column) {
        emb_start = line.find('-', pos);
        emb_end = line.find(' ', emb_start);
        pos = emb_end;
      }
      continue;
    }
    ASSERT_GE(line.size(), emb_end) << line;
    EXPECT_NE(line.substr(emb_start, emb_end - emb_start).find("yes"), std::string::npos) << line;
    ++fonts;
  }
  EXPECT_GE(fonts, 2) << listing;  // Noto Sans and Noto Sans CJK at least
}

TEST(CertificatePdfTest, QrCodeDecodesToUrl) {
  if (!HaveTool("zbarimg") || !HaveTool("pdftoppm")) {
    GTEST_SKIP() << "zbarimg is not installed; the QR code is not decoded";
  }
  const CertificatePdfFacts facts = SampleFacts();
  const PdfFile file(Render(facts));
  const std::string prefix = (file.dir() / "page").string();
  RunCommand("pdftoppm -png -r 150 -singlefile '" + file.path() + "' '" + prefix + "' 2>/dev/null");
  const std::string decoded = RunCommand("zbarimg --quiet --raw '" + prefix + ".png' 2>/dev/null");
  EXPECT_EQ(decoded, facts.verify_url + "\n");
}

TEST(CertificatePdfTest, RejectsInvalidUtf8) {
  CertificatePdfFacts facts = SampleFacts();
  facts.learner_name = "Ada \xff Lovelace";
  const Result<std::string> pdf = CertificatePdf(facts);
  ASSERT_FALSE(pdf.ok());
  EXPECT_EQ(pdf.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(pdf.status().reason(), "certificate.invalid_utf8");
}

TEST(CertificatePdfTest, RejectsEmptyVerifyUrl) {
  CertificatePdfFacts facts = SampleFacts();
  facts.verify_url.clear();
  const Result<std::string> pdf = CertificatePdf(facts);
  ASSERT_FALSE(pdf.ok());
  EXPECT_EQ(pdf.status().reason(), "certificate.empty_verify_url");
}

}  // namespace
}  // namespace bsg::course
