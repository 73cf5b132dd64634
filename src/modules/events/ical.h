// iCalendar (RFC 5545) rendering of events, with the RFC 7986 CONFERENCE property for remote
// participation.
//
// Decisions (see README.md):
//  - UID is "event-<id>@<domain>": stable across updates. SEQUENCE is the event's change counter.
//  - DTSTAMP and LAST-MODIFIED are the event's last change (a published calendar without METHOD).
//  - An event with both local start and end times is timed, in UTC ("...Z"), converted from the
//    venue's IANA zone. Otherwise it is all-day: DTSTART;VALUE=DATE, DTEND exclusive (next day).
//    Month-precision events span the month and are TRANSP:TRANSPARENT.
//  - STATUS: cancelled -> CANCELLED; confirmed, held -> CONFIRMED; planned, postponed -> TENTATIVE.
//  - The conference link appears (CONFERENCE and DESCRIPTION) only when the caller says so.
//  - Lines end in CRLF and are folded at 75 octets, never inside a UTF-8 character.
//
// Thread-safety: pure functions.
#ifndef BSG_MODULES_EVENTS_ICAL_H_
#define BSG_MODULES_EVENTS_ICAL_H_

#include <string>
#include <string_view>
#include <vector>

#include "modules/events/model.h"
#include "platform/status.h"

namespace bsg::events::ical {

struct Options {
  std::string uid_domain = "bsg.invalid";
  std::string calendar_name = "BSG events";
};

// One event to render, with what the caller may show.
struct Entry {
  Event event;
  std::string location;  // "Geneva, Switzerland"; empty: derived from city/country or "Online"
  std::vector<std::string> group_names;  // shown in the description
  bool include_conference = false;       // the caller may see the remote link
};

// The whole VCALENDAR. Fails only when an event's time zone is unknown (time.unknown_zone) or
// a stored date or time is malformed (events.invalid).
Result<std::string> RenderCalendar(const std::vector<Entry>& entries, const Options& options);

// TEXT value escaping: backslash, semicolon, comma and newline; other control characters dropped.
std::string EscapeText(std::string_view text);

// Folds one content line (without line end) into lines of at most 75 octets joined by
// CRLF + space, never splitting a UTF-8 sequence; the result ends with CRLF.
std::string FoldLine(std::string_view line);

// The UID of an event.
std::string Uid(std::int64_t event_id, std::string_view domain);

// "YYYYMMDDTHHMMSSZ" from a stored UTC timestamp ("2024-05-01T09:30:00.000Z"); the epoch
// ("19700101T000000Z") for a malformed one.
std::string UtcStamp(std::string_view timestamp);

}  // namespace bsg::events::ical

#endif  // BSG_MODULES_EVENTS_ICAL_H_
