// iCalendar rendering.
#include "modules/events/ical.h"

#include <chrono>

#include "modules/events/rules.h"
#include "platform/time/date.h"
#include "platform/time/timestamp.h"
#include "platform/time/zone.h"

namespace bsg::events::ical {
namespace {

constexpr std::string_view kCrlf = "\r\n";
constexpr std::size_t kMaxOctets = 75;

Status BadDateOrTime(const Event& e) {
  return Status::Unprocessable("events.invalid",
                               "bad date or time in event " + std::to_string(e.id));
}

Result<time::Date> DayOf(const Event& e, const std::string& date) {
  const auto d = time::Date::Parse(date);
  if (!d) return BadDateOrTime(e);
  return *d;
}

Result<std::string> LocalToUtcStamp(const Event& e, const std::string& date,
                                    const std::string& time_of_day) {
  BSG_ASSIGN_OR_RETURN(const time::Date d, DayOf(e, date));
  const auto minutes = time::ParseTimeOfDay(time_of_day);
  if (!minutes) return BadDateOrTime(e);
  BSG_ASSIGN_OR_RETURN(std::int64_t utc,
                       time::LocalToUtc(e.time_zone, d.ToDays() * 86400 + *minutes * 60));
  return time::FormatBasicTimestamp(time::TimePoint(std::chrono::seconds(utc)));
}

std::string_view IcalStatus(EventStatus s) {
  switch (s) {
    case EventStatus::kCancelled:
      return "CANCELLED";
    case EventStatus::kConfirmed:
    case EventStatus::kHeld:
      return "CONFIRMED";
    case EventStatus::kPlanned:
    case EventStatus::kPostponed:
      return "TENTATIVE";
  }
  return "TENTATIVE";
}

// A parameter value: quoted, with the characters a quoted value cannot hold replaced.
std::string ParamValue(std::string_view v) {
  std::string out = "\"";
  for (unsigned char c : v) {
    if (c == '"') {
      out += '\'';
    } else if (c < 0x20 || c == 0x7f) {
      out += ' ';
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + "\"";
}

void Line(std::string& out, std::string_view name, std::string_view value) {
  std::string line(name);
  line += ':';
  line += value;
  out += FoldLine(line);
}

Status RenderEvent(std::string& out, const Entry& entry, const Options& options) {
  const Event& e = entry.event;
  out += FoldLine("BEGIN:VEVENT");
  Line(out, "UID", Uid(e.id, options.uid_domain));
  const std::string stamp = UtcStamp(e.updated_at.empty() ? e.created_at : e.updated_at);
  Line(out, "DTSTAMP", stamp);
  if (!e.created_at.empty()) Line(out, "CREATED", UtcStamp(e.created_at));
  Line(out, "LAST-MODIFIED", stamp);
  Line(out, "SEQUENCE", std::to_string(e.sequence));
  Line(out, "SUMMARY", EscapeText(e.title));
  const bool timed = e.date_precision == DatePrecision::kDay && e.start_time && e.end_time;
  if (timed) {
    BSG_ASSIGN_OR_RETURN(std::string start, LocalToUtcStamp(e, e.start_date, *e.start_time));
    BSG_ASSIGN_OR_RETURN(std::string end, LocalToUtcStamp(e, e.end_date, *e.end_time));
    Line(out, "DTSTART", start);
    Line(out, "DTEND", end);
  } else {
    // An all-day event ends on the (exclusive) next day.
    BSG_ASSIGN_OR_RETURN(const time::Date start, DayOf(e, e.start_date));
    BSG_ASSIGN_OR_RETURN(const time::Date last, DayOf(e, e.end_date));
    BSG_ASSIGN_OR_RETURN(const time::Date end, last.AddDays(1));
    Line(out, "DTSTART;VALUE=DATE", start.ToBasicString());
    Line(out, "DTEND;VALUE=DATE", end.ToBasicString());
  }
  if (e.date_precision == DatePrecision::kMonth) {
    Line(out, "TRANSP", "TRANSPARENT");
    Line(out, "X-BSG-DATE-PRECISION", "month");
  }
  Line(out, "STATUS", IcalStatus(e.status));
  std::string location = entry.location;
  if (location.empty()) {
    if (e.city) location = *e.city;
    if (e.country) location += (location.empty() ? "" : ", ") + *e.country;
    if (location.empty()) location = "Online";
  }
  Line(out, "LOCATION", EscapeText(location));
  Line(out, "CATEGORIES", EscapeText(Name(e.kind)));

  std::string description;
  if (!e.description.empty()) description = e.description + "\n\n";
  description += "Dates: " + DatesLabel(e);
  if (e.date_precision == DatePrecision::kMonth) description += " (exact dates to be confirmed)";
  description += "\nMode: " + std::string(Name(e.mode));
  if (!e.host.empty()) description += "\nHost: " + e.host;
  if (!entry.group_names.empty()) {
    description += "\nGroups: ";
    for (std::size_t i = 0; i < entry.group_names.size(); ++i) {
      description += (i ? ", " : "") + entry.group_names[i];
    }
  }
  if (!e.topics.empty()) {
    description += "\nTopics: ";
    for (std::size_t i = 0; i < e.topics.size(); ++i) description += (i ? "; " : "") + e.topics[i];
  }
  if (!e.remote.interpretation_languages.empty()) {
    description += "\nInterpretation: ";
    for (std::size_t i = 0; i < e.remote.interpretation_languages.size(); ++i) {
      description += (i ? ", " : "") + e.remote.interpretation_languages[i];
    }
  }
  const bool conference = entry.include_conference && e.remote.link.has_value();
  if (conference) {
    description += "\nRemote participation: " + *e.remote.link;
    if (e.remote.dial_in) description += "\nDial-in: " + *e.remote.dial_in;
  }
  Line(out, "DESCRIPTION", EscapeText(description));
  if (conference) {
    Line(out,
         "CONFERENCE;VALUE=URI;FEATURE=VIDEO,AUDIO;LABEL=" +
             ParamValue("Remote participation: " + e.title),
         *e.remote.link);
  }
  if (e.parent_id) Line(out, "RELATED-TO;RELTYPE=PARENT", Uid(*e.parent_id, options.uid_domain));
  out += FoldLine("END:VEVENT");
  return Status::Ok();
}

}  // namespace

std::string Uid(std::int64_t event_id, std::string_view domain) {
  return "event-" + std::to_string(event_id) + "@" + std::string(domain);
}

std::string UtcStamp(std::string_view ts) {
  const auto t = time::ParseTimestamp(ts);
  return time::FormatBasicTimestamp(t ? *t : time::TimePoint());
}

std::string EscapeText(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case ';':
        out += "\\;";
        break;
      case ',':
        out += "\\,";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        if (i + 1 >= text.size() || text[i + 1] != '\n') out += "\\n";
        break;
      case '\t':
        out += ' ';
        break;
      default:
        if (c >= 0x20 && c != 0x7f) out += static_cast<char>(c);
    }
  }
  return out;
}

std::string FoldLine(std::string_view line) {
  std::string out;
  std::size_t pos = 0;
  std::size_t limit = kMaxOctets;  // the first line; continuation lines spend one on the space
  while (line.size() - pos > limit) {
    std::size_t cut = pos + limit;
    // Never cut before a UTF-8 continuation byte (10xxxxxx).
    while (cut > pos && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;
    if (cut == pos) cut = pos + limit;  // not UTF-8: cut anyway rather than loop
    out.append(line.substr(pos, cut - pos));
    out += kCrlf;
    out += ' ';
    pos = cut;
    limit = kMaxOctets - 1;
  }
  out.append(line.substr(pos));
  out += kCrlf;
  return out;
}

Result<std::string> RenderCalendar(const std::vector<Entry>& entries, const Options& options) {
  std::string out;
  out += FoldLine("BEGIN:VCALENDAR");
  out += FoldLine("VERSION:2.0");
  out += FoldLine("PRODID:-//ITU-T BSG Platform//Events//EN");
  out += FoldLine("CALSCALE:GREGORIAN");
  Line(out, "NAME", EscapeText(options.calendar_name));
  Line(out, "X-WR-CALNAME", EscapeText(options.calendar_name));
  for (const Entry& entry : entries) BSG_RETURN_IF_ERROR(RenderEvent(out, entry, options));
  out += FoldLine("END:VCALENDAR");
  return out;
}

}  // namespace bsg::events::ical
