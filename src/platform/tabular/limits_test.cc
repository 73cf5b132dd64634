// Reading within limits (tabular::Limits) and bounded error reports.
#include <gtest/gtest.h>
#include <zlib.h>

#include <cmath>
#include <cstdint>
#include <fstream>
#include <functional>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

#include "platform/tabular/csv.h"
#include "platform/tabular/table.h"
#include "platform/tabular/xlsx.h"

namespace bsg::tabular {
namespace {

// A ZIP archive written directly with zlib, so that a test can build parts of any size (a zip
// bomb) without holding them unpacked.
class ZipWriter {
 public:
  // Adds a deflated part whose text `produce` hands over in chunks (false when done).
  void Add(const std::string& name, const std::function<bool(std::string&)>& produce) {
    z_stream z{};
    EXPECT_EQ(deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY),
              Z_OK);
    std::string packed;
    std::string chunk;
    std::uint32_t crc = crc32(0, nullptr, 0);
    std::uint64_t size = 0;
    char out[1 << 16];
    bool more = true;
    while (more) {
      chunk.clear();
      more = produce(chunk);
      crc =
          crc32(crc, reinterpret_cast<const Bytef*>(chunk.data()), static_cast<uInt>(chunk.size()));
      size += chunk.size();
      z.next_in = reinterpret_cast<Bytef*>(chunk.data());
      z.avail_in = static_cast<uInt>(chunk.size());
      int rc = Z_OK;
      do {
        z.next_out = reinterpret_cast<Bytef*>(out);
        z.avail_out = sizeof(out);
        rc = deflate(&z, more ? Z_NO_FLUSH : Z_FINISH);
        packed.append(out, sizeof(out) - z.avail_out);
      } while (z.avail_out == 0 || (!more && rc != Z_STREAM_END));
    }
    deflateEnd(&z);
    const auto offset = static_cast<std::uint32_t>(data_.size());
    Header(data_, 0x04034b50, false, crc, packed.size(), size, name, 0);
    data_ += packed;
    Header(directory_, 0x02014b50, true, crc, packed.size(), size, name, offset);
    ++entries_;
  }
  void Add(const std::string& name, const std::string& text) {
    bool done = false;
    Add(name, [&](std::string& chunk) {
      if (!done) chunk = text;
      done = true;
      return false;
    });
  }
  std::string Finish() {
    std::string out = data_ + directory_;
    Put32(out, 0x06054b50);
    Put16(out, 0);
    Put16(out, 0);
    Put16(out, entries_);
    Put16(out, entries_);
    Put32(out, static_cast<std::uint32_t>(directory_.size()));
    Put32(out, static_cast<std::uint32_t>(data_.size()));
    Put16(out, 0);
    return out;
  }

 private:
  static void Put16(std::string& s, std::uint32_t v) {
    s += static_cast<char>(v & 0xFF);
    s += static_cast<char>((v >> 8) & 0xFF);
  }
  static void Put32(std::string& s, std::uint32_t v) {
    Put16(s, v & 0xFFFF);
    Put16(s, v >> 16);
  }
  static void Header(std::string& s, std::uint32_t signature, bool central, std::uint32_t crc,
                     std::uint64_t packed, std::uint64_t size, const std::string& name,
                     std::uint32_t offset) {
    Put32(s, signature);
    if (central) Put16(s, 20);  // version made by
    Put16(s, 20);               // version needed
    Put16(s, 0);                // flags
    Put16(s, 8);                // deflate
    Put16(s, 0);                // time
    Put16(s, 0x21);             // date 1980-01-01
    Put32(s, crc);
    Put32(s, static_cast<std::uint32_t>(packed));
    Put32(s, size > 0xFFFFFFFFu ? 0xFFFFFFFFu : static_cast<std::uint32_t>(size));
    Put16(s, static_cast<std::uint32_t>(name.size()));
    Put16(s, 0);  // extra
    if (central) {
      Put16(s, 0);  // comment
      Put16(s, 0);  // disk
      Put16(s, 0);  // internal attributes
      Put32(s, 0);  // external attributes
      Put32(s, offset);
    }
    s += name;
  }

  std::string data_;
  std::string directory_;
  std::uint32_t entries_ = 0;
};

constexpr const char* kMain = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
constexpr const char* kRel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

// A minimal workbook: shared strings `strings`, cell format 1 = built-in date format 14, and a
// first sheet whose <sheetData> body `rows` hands over in chunks.
std::string Workbook(const std::vector<std::string>& strings,
                     const std::function<bool(std::string&)>& rows) {
  ZipWriter zip;
  zip.Add("[Content_Types].xml",
          "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types "
          "xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
          "<Default Extension=\"rels\" "
          "ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
          "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
          "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/"
          "vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
          "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/"
          "vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
          "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/"
          "vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
          "<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/"
          "vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/></Types>");
  zip.Add("_rels/.rels",
          std::string("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships "
                      "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                      "<Relationship Id=\"rId1\" Type=\"") +
              kRel + "/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>");
  zip.Add("xl/workbook.xml", std::string("<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook "
                                         "xmlns=\"") +
                                 kMain + "\" xmlns:r=\"" + kRel +
                                 "\"><sheets><sheet name=\"data\" sheetId=\"1\" "
                                 "r:id=\"rId1\"/></sheets></workbook>");
  zip.Add("xl/_rels/workbook.xml.rels",
          std::string("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships "
                      "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                      "<Relationship Id=\"rId1\" Type=\"") +
              kRel +
              "/worksheet\" Target=\"worksheets/sheet1.xml\"/><Relationship Id=\"rId2\" "
              "Type=\"" +
              kRel + "/styles\" Target=\"styles.xml\"/><Relationship Id=\"rId3\" Type=\"" + kRel +
              "/sharedStrings\" Target=\"sharedStrings.xml\"/></Relationships>");
  zip.Add("xl/styles.xml",
          std::string("<?xml version=\"1.0\" encoding=\"UTF-8\"?><styleSheet xmlns=\"") + kMain +
              "\"><cellXfs count=\"2\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" "
              "borderId=\"0\" xfId=\"0\"/><xf numFmtId=\"14\" fontId=\"0\" fillId=\"0\" "
              "borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/></cellXfs></styleSheet>");
  std::string sst = std::string("<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst xmlns=\"") + kMain +
                    "\" count=\"" + std::to_string(strings.size()) + "\" uniqueCount=\"" +
                    std::to_string(strings.size()) + "\">";
  for (const auto& s : strings) sst += "<si><t>" + s + "</t></si>";
  zip.Add("xl/sharedStrings.xml", sst + "</sst>");
  int part = 0;
  zip.Add("xl/worksheets/sheet1.xml", [&](std::string& chunk) {
    if (part == 0) {
      chunk = std::string("<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"") + kMain +
              "\"><sheetData>";
      part = 1;
      return true;
    }
    if (part == 1) {
      if (rows(chunk)) return true;
      part = 2;
      return true;
    }
    chunk = "</sheetData></worksheet>";
    return false;
  });
  return zip.Finish();
}

// A sheet with a header (shared strings 0 and 1) and `n` data rows of a text and a number. The
// rows leave out their positions (r="..."), as spreadsheet files may: each row is the next one.
std::string NumberedRows(int n) {
  const std::string row = "<row><c t=\"s\"><v>0</v></c><c><v>7</v></c></row>";
  std::string block;
  for (int i = 0; i < 10000; ++i) block += row;
  int left = n;
  bool header = true;
  return Workbook({"name", "count"}, [&](std::string& chunk) {
    if (header) {
      chunk = "<row><c t=\"s\"><v>0</v></c><c t=\"s\"><v>1</v></c></row>";
      header = false;
    } else if (left >= 10000) {
      chunk = block;
      left -= 10000;
    } else {
      for (; left > 0; --left) chunk += row;
    }
    return left > 0;
  });
}

// One sheet: header "when", then one date-formatted cell holding `value` as written.
std::string DateCell(const std::string& value) {
  bool done = false;
  return Workbook({"when"}, [&](std::string& chunk) {
    if (!done) {
      chunk =
          "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row><row r=\"2\"><c r=\"A2\" "
          "s=\"1\"><v>" +
          value + "</v></c></row>";
    }
    done = true;
    return false;
  });
}

// Kilobytes from /proc/self/status ("VmRSS", "VmHWM").
long StatusKb(const std::string& key) {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(key + ":", 0) == 0) return std::stol(line.substr(key.size() + 1));
  }
  return -1;
}

// Resets the peak RSS (VmHWM) to the current RSS.
void ResetPeak() { std::ofstream("/proc/self/clear_refs") << "5"; }

TEST(LimitsTest, WorkbookBuilderMakesReadableFiles) {
  auto table = ReadXlsx(NumberedRows(3));
  ASSERT_TRUE(table.ok()) << table.status().message();
  EXPECT_EQ(table->header, (std::vector<std::string>{"name", "count"}));
  ASSERT_EQ(table->rows.size(), 3u);
  EXPECT_EQ(table->rows[2].number, 4);
  EXPECT_EQ(table->rows[2].cells, (std::vector<std::string>{"name", "7"}));
  auto date = ReadXlsx(DateCell("36526"));
  ASSERT_TRUE(date.ok()) << date.status().message();
  EXPECT_EQ(date->rows.at(0).cells.at(0), "2000-01-01");
}

TEST(LimitsTest, ZipBombIsRefusedBeforeUnpacking) {
  // About 150 MB of sheet that packs into well under 1 MB.
  const std::string row_text = "<row><c t=\"s\"><v>0</v></c><c t=\"s\"><v>0</v></c></row>";
  std::string block;
  while (block.size() < (1 << 20)) block += row_text;
  int blocks = 0;
  const std::string bomb = Workbook({"a"}, [&](std::string& chunk) {
    chunk = block;
    return ++blocks < 150;
  });
  EXPECT_LT(bomb.size(), 2u * 1024 * 1024);
  ResetPeak();
  const long before = StatusKb("VmRSS");
  auto table = ReadXlsx(bomb);
  const long peak = StatusKb("VmHWM");
  ASSERT_FALSE(table.ok());
  EXPECT_EQ(table.status().code(), ErrorCode::kPayloadTooLarge);
  EXPECT_EQ(table.status().reason(), "import.too_large");
  EXPECT_EQ(table.status().fields().count("file"), 1u);
  EXPECT_NE(table.status().message().find("100 MB"), std::string::npos) << table.status().message();
  EXPECT_LT(peak - before, 20 * 1024) << "kB of growth while refusing";
  // Through ReadTable, and with a smaller configured limit.
  Limits small;
  small.max_uncompressed_bytes = 1024 * 1024;
  auto refused = ReadTable(NumberedRows(100000), Format::kXlsx, small);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), ErrorCode::kPayloadTooLarge);
}

TEST(LimitsTest, MillionRowXlsxStopsAtTheRowLimitInBoundedMemory) {
  const std::string file = NumberedRows(1'000'000);
  ResetPeak();
  const long before = StatusKb("VmRSS");
  auto table = ReadXlsx(file);
  const long peak = StatusKb("VmHWM");
  ASSERT_FALSE(table.ok());
  EXPECT_EQ(table.status().code(), ErrorCode::kUnprocessable);
  EXPECT_EQ(table.status().reason(), "import.too_large");
  EXPECT_EQ(table.status().fields().at("rows"), "at most 50000 rows");
  // The parse stopped at the first row over the limit: the header + 50,000 rows + 1.
  EXPECT_NE(table.status().message().find("row 50002"), std::string::npos)
      << table.status().message();
  EXPECT_LT(peak - before, 200 * 1024) << "kB of growth reading a million-row workbook";
}

TEST(LimitsTest, MemoryComesBackAfterReads) {
  const std::string file = NumberedRows(5'000);
  ASSERT_TRUE(ReadXlsx(file).ok());
  const long start = StatusKb("VmRSS");
  for (int i = 0; i < 10; ++i) ASSERT_TRUE(ReadXlsx(file).ok());
  EXPECT_LT(StatusKb("VmRSS") - start, 100 * 1024) << "kB held after ten reads";
}

TEST(LimitsTest, XlsxLimitsOnColumnsCellsStringsAndCellText) {
  Limits limits;
  limits.max_rows = 10;
  auto rows = ReadXlsx(NumberedRows(11), limits);
  ASSERT_FALSE(rows.ok());
  EXPECT_EQ(rows.status().fields().at("rows"), "at most 10 rows");
  EXPECT_TRUE(ReadXlsx(NumberedRows(10), limits).ok());

  limits = Limits{};
  limits.max_columns = 1;
  auto columns = ReadXlsx(NumberedRows(1), limits);
  ASSERT_FALSE(columns.ok());
  EXPECT_EQ(columns.status().code(), ErrorCode::kUnprocessable);
  EXPECT_EQ(columns.status().fields().at("columns"), "at most 1 columns");

  limits = Limits{};
  limits.max_cells = 5;
  auto cells = ReadXlsx(NumberedRows(2), limits);  // 6 cells
  ASSERT_FALSE(cells.ok());
  EXPECT_EQ(cells.status().fields().at("cells"), "at most 5 cells");

  limits = Limits{};
  limits.max_shared_strings = 1;
  auto strings = ReadXlsx(NumberedRows(1), limits);  // 2 shared strings
  ASSERT_FALSE(strings.ok());
  EXPECT_EQ(strings.status().fields().at("shared_strings"), "at most 1 distinct strings");

  limits = Limits{};
  limits.max_cell_bytes = 3;
  auto text = ReadXlsx(NumberedRows(1), limits);  // "count" is 5 bytes
  ASSERT_FALSE(text.ok());
  EXPECT_EQ(text.status().fields().at("cell"), "at most 3 bytes in a cell");
}

TEST(LimitsTest, DateCellWithNoDateIsACellError) {
  for (const std::string value : {"1e300", "-1e300", "NaN", "inf", "-inf", "2958466"}) {
    auto table = ReadXlsx(DateCell(value));
    ASSERT_FALSE(table.ok()) << value;
    EXPECT_EQ(table.status().code(), ErrorCode::kInvalidArgument) << value;
    EXPECT_EQ(table.status().reason(), "tabular.bad_date") << value;
    EXPECT_EQ(table.status().fields().at("row"), "2") << value;
    EXPECT_EQ(table.status().fields().at("column"), "A") << value;
  }
  // The last day a spreadsheet shows is still a date.
  auto last = ReadXlsx(DateCell("2958465"));
  ASSERT_TRUE(last.ok()) << last.status().message();
  EXPECT_EQ(last->rows.at(0).cells.at(0), "9999-12-31");
}

std::string CsvRows(int n) {
  std::string csv = "name,count\n";
  for (int i = 0; i < n; ++i) csv += "x," + std::to_string(i) + "\n";
  return csv;
}

TEST(LimitsTest, CsvStopsAtTheRowLimit) {
  const std::string big = CsvRows(1'000'000);
  ResetPeak();
  const long before = StatusKb("VmRSS");
  auto table = ReadCsv(big);
  const long peak = StatusKb("VmHWM");
  ASSERT_FALSE(table.ok());
  EXPECT_EQ(table.status().code(), ErrorCode::kUnprocessable);
  EXPECT_EQ(table.status().reason(), "import.too_large");
  EXPECT_EQ(table.status().fields().at("rows"), "at most 50000 rows");
  EXPECT_NE(table.status().message().find("row 50002"), std::string::npos)
      << table.status().message();
  EXPECT_LT(peak - before, 200 * 1024) << "kB of growth reading a million-row CSV";
  EXPECT_TRUE(ReadCsv(CsvRows(50'000)).ok());
}

TEST(LimitsTest, CsvLimitsOnColumnsCellsAndCellText) {
  Limits limits;
  limits.max_columns = 2;
  auto columns = ReadCsv("a,b,c\n1,2,3\n", {}, limits);
  ASSERT_FALSE(columns.ok());
  EXPECT_EQ(columns.status().fields().at("columns"), "at most 2 columns");
  limits = Limits{};
  limits.max_cells = 3;
  auto cells = ReadCsv("a,b\n1,2\n", {}, limits);
  ASSERT_FALSE(cells.ok());
  EXPECT_EQ(cells.status().fields().at("cells"), "at most 3 cells");
  EXPECT_TRUE(ReadCsv("a,b\n1,\n", {}, limits).ok());  // empty cells do not count
  auto text = ReadCsv("a\n" + std::string(40 * 1024, 'x') + "\n");
  ASSERT_FALSE(text.ok());
  EXPECT_EQ(text.status().fields().at("cell"), "at most 32768 bytes in a cell");
}

TEST(ErrorReportTest, ValuesAreTruncatedWithAMarker) {
  const std::string big(1024 * 1024, 'x');
  const CellError error{2, "email", "is not a valid address", big};
  const auto json = ToJson(error);
  const std::string value = json.at("value");
  EXPECT_EQ(value, std::string(200, 'x') + "\xE2\x80\xA6[truncated]");
  EXPECT_LT(FormatError("f.csv", error).size(), 300u);
  EXPECT_NE(FormatError("f.csv", error).find("[truncated]"), std::string::npos);
  // A cut never splits a UTF-8 sequence.
  const std::string accents = std::string(199, 'x') + "\xC3\xA9\xC3\xA9";
  EXPECT_EQ(TruncateValue(accents), std::string(199, 'x') + "\xE2\x80\xA6[truncated]");
  EXPECT_EQ(TruncateValue("short"), "short");
}

TEST(ErrorReportTest, FirstThousandInFullThenCountsPerColumnAndReason) {
  std::vector<CellError> errors;
  for (int i = 0; i < 5000; ++i) {
    errors.push_back({i + 2, i % 2 == 0 ? "email" : "country",
                      i % 2 == 0 ? "is not a valid address" : "unknown country", "v"});
  }
  nlohmann::json body = nlohmann::json::object();
  AddErrorReport(body, errors);
  EXPECT_EQ(body.at("errors").size(), 1000u);
  EXPECT_EQ(body.at("errors")[999].at("row"), 1001);
  EXPECT_EQ(body.at("errors_total"), 5000);
  std::size_t counted = 0;
  for (const auto& c : body.at("errors_summary")) counted += c.at("count").get<std::size_t>();
  EXPECT_EQ(counted + body.at("errors").size(), 5000u);
  ASSERT_EQ(body.at("errors_summary").size(), 2u);
  EXPECT_EQ(body.at("errors_summary")[0].at("column"), "email");
  EXPECT_EQ(body.at("errors_summary")[0].at("count"), 2000);

  const auto lines = FormatErrorReport("f.csv", errors);
  ASSERT_EQ(lines.size(), 1000u + 1 + 2);
  EXPECT_EQ(lines[1000], "f.csv: 4000 more error(s) not shown:");
  EXPECT_EQ(lines[1001], "f.csv:email: is not a valid address (2000)");

  nlohmann::json few = nlohmann::json::object();
  AddErrorReport(few, {errors[0]});
  EXPECT_EQ(few.at("errors").size(), 1u);
  EXPECT_EQ(few.at("errors_total"), 1);
  EXPECT_TRUE(few.at("errors_summary").empty());
  EXPECT_EQ(FormatErrorReport("f.csv", {errors[0]}).size(), 1u);
}

}  // namespace
}  // namespace bsg::tabular
