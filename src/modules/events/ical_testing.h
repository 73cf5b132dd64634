// Test helpers for iCalendar output: strict checks of our own and a round trip through an
// independent parser (Debian's python3-icalendar). Header-only; used by tests only.
#ifndef BSG_MODULES_EVENTS_ICAL_TESTING_H_
#define BSG_MODULES_EVENTS_ICAL_TESTING_H_

#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "platform/text.h"

namespace bsg::events::ical {

// The content lines joined back (CRLF followed by a space or tab removed).
inline std::string Unfold(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\r' && i + 2 < s.size() && s[i + 1] == '\n' &&
        (s[i + 2] == ' ' || s[i + 2] == '\t')) {
      i += 2;
      continue;
    }
    out += s[i];
  }
  return out;
}

struct CheckedEvent {
  std::map<std::string, std::vector<std::string>> properties;  // name (no params) -> raw lines
  std::string Value(const std::string& name) const {
    auto it = properties.find(name);
    if (it == properties.end() || it->second.empty()) return "";
    const std::string& line = it->second.front();
    // The value starts after the first ':' outside a quoted parameter value.
    bool quoted = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
      if (line[i] == '"') quoted = !quoted;
      if (line[i] == ':' && !quoted) return line.substr(i + 1);
    }
    return "";
  }
  bool Has(const std::string& name) const { return properties.count(name) > 0; }
};

struct CheckReport {
  int events = 0;
  std::vector<std::string> problems;
  std::map<std::string, CheckedEvent> by_uid;
};

// Strict checks: CRLF line ends only; every physical line at most 75 octets; valid UTF-8 after
// unfolding; VCALENDAR with VERSION:2.0 and PRODID; each VEVENT with exactly one UID, DTSTAMP,
// DTSTART; TEXT values escaped (no bare ';' or ',' in SUMMARY, LOCATION, DESCRIPTION).
inline CheckReport CheckCalendar(std::string_view cal) {
  CheckReport r;
  auto problem = [&](std::string p) { r.problems.push_back(std::move(p)); };
  if (cal.size() < 2 || cal.substr(cal.size() - 2) != "\r\n") problem("does not end with CRLF");
  std::size_t pos = 0, line_no = 0;
  while (pos < cal.size()) {
    const std::size_t end = cal.find("\r\n", pos);
    const std::string_view line =
        cal.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos);
    ++line_no;
    if (line.size() > 75) {
      problem("line " + std::to_string(line_no) + " has " + std::to_string(line.size()) +
              " octets");
    }
    if (line.find('\n') != std::string_view::npos || line.find('\r') != std::string_view::npos) {
      problem("line " + std::to_string(line_no) + " has a bare CR or LF");
    }
    if (end == std::string_view::npos) break;
    pos = end + 2;
  }
  const std::string unfolded = Unfold(cal);
  if (!IsValidUtf8(unfolded)) problem("not valid UTF-8 after unfolding");
  std::vector<std::string> lines;
  pos = 0;
  while (pos < unfolded.size()) {
    std::size_t end = unfolded.find("\r\n", pos);
    if (end == std::string::npos) end = unfolded.size();
    lines.push_back(unfolded.substr(pos, end - pos));
    pos = end + 2;
  }
  if (lines.empty() || lines.front() != "BEGIN:VCALENDAR") problem("no BEGIN:VCALENDAR first");
  if (lines.empty() || lines.back() != "END:VCALENDAR") problem("no END:VCALENDAR last");
  bool version = false, prodid = false, in_event = false;
  CheckedEvent current;
  for (const std::string& line : lines) {
    std::size_t name_end = line.find_first_of(";:");
    if (name_end == std::string::npos) {
      problem("not a content line: " + line);
      continue;
    }
    const std::string name = line.substr(0, name_end);
    if (line == "VERSION:2.0") version = true;
    if (name == "PRODID") prodid = true;
    if (line == "BEGIN:VEVENT") {
      in_event = true;
      current = CheckedEvent();
      continue;
    }
    if (line == "END:VEVENT") {
      in_event = false;
      ++r.events;
      for (const char* required : {"UID", "DTSTAMP", "DTSTART"}) {
        auto it = current.properties.find(required);
        if (it == current.properties.end() || it->second.size() != 1) {
          problem(std::string("a VEVENT needs exactly one ") + required);
        }
      }
      r.by_uid[current.Value("UID")] = current;
      continue;
    }
    if (!in_event) continue;
    current.properties[name].push_back(line);
    if (name == "SUMMARY" || name == "LOCATION" || name == "DESCRIPTION") {
      const std::string v = current.Value(name);
      for (std::size_t i = 0; i < v.size(); ++i) {
        if (v[i] == '\\') {
          if (i + 1 >= v.size() || std::string_view("\\;,nN").find(v[i + 1]) == std::string::npos) {
            problem(name + " has a bad escape");
          }
          ++i;
        } else if (v[i] == ';' || v[i] == ',') {
          problem(name + " has an unescaped '" + std::string(1, v[i]) + "'");
        }
      }
    }
  }
  if (!version) problem("no VERSION:2.0");
  if (!prodid) problem("no PRODID");
  return r;
}

struct ParseResult {
  bool unavailable = false;  // python3 or its icalendar package is missing
  int exit_code = -1;
  int events = -1;
  std::string output;
};

// Parses `cal` with /usr/bin/python3 and icalendar (Calendar.from_ical), printing one line per
// VEVENT ("UID STATUS SEQUENCE") after a first line with the number of events.
inline ParseResult ParseWithPythonIcalendar(const std::string& cal) {
  ParseResult result;
  if (std::system("/usr/bin/python3 -c 'import icalendar' >/dev/null 2>&1") != 0) {
    result.unavailable = true;
    return result;
  }
  std::mt19937_64 rng(std::random_device{}());
  const std::filesystem::path file =
      std::filesystem::temp_directory_path() /
      ("bsg_ical_" + std::to_string(getpid()) + "_" + std::to_string(rng() % 1000000007) + ".ics");
  {
    std::ofstream out(file, std::ios::binary);
    out << cal;
  }
  const std::string script =
      "import icalendar,sys\n"
      "cal=icalendar.Calendar.from_ical(open(sys.argv[1],'rb').read())\n"
      "evs=cal.walk('VEVENT')\n"
      "print(len(evs))\n"
      "for e in evs:\n"
      "  print(str(e.get('UID')), str(e.get('STATUS')), str(e.get('SEQUENCE')),"
      " str(e.get('SUMMARY'))[:20].encode('utf-8').decode('utf-8'))\n";
  const std::filesystem::path py = file.string() + ".py";
  {
    std::ofstream out(py, std::ios::binary);
    out << script;
  }
  const std::string cmd = "/usr/bin/python3 " + py.string() + " " + file.string() + " 2>&1";
  FILE* pipe = popen(cmd.c_str(), "r");
  if (pipe != nullptr) {
    std::array<char, 4096> buf;
    std::size_t n;
    while ((n = fread(buf.data(), 1, buf.size(), pipe)) > 0) result.output.append(buf.data(), n);
    const int status = pclose(pipe);
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }
  std::error_code ignored;
  std::filesystem::remove(file, ignored);
  std::filesystem::remove(py, ignored);
  if (result.exit_code == 0) {
    try {
      result.events = std::stoi(result.output.substr(0, result.output.find('\n')));
    } catch (...) {
      result.events = -1;
    }
  }
  return result;
}

}  // namespace bsg::events::ical

#endif  // BSG_MODULES_EVENTS_ICAL_TESTING_H_
