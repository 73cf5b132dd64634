// The events module's date labels, validation and transition rules.
#include "modules/events/rules.h"

#include <algorithm>
#include <cctype>

#include "platform/text.h"
#include "platform/time/date.h"
#include "platform/time/names.h"
#include "platform/time/zone.h"

namespace bsg::events {
namespace {

void TrimOpt(std::optional<std::string>& s) {
  if (!s) return;
  *s = Trimmed(*s);
  if (s->empty()) s.reset();
}

bool IsHttpUrl(std::string_view s) {
  const bool scheme = s.rfind("https://", 0) == 0 || s.rfind("http://", 0) == 0;
  if (!scheme || s.size() > 2000) return false;
  const std::size_t host = s.find("://") + 3;
  if (host >= s.size() || s[host] == '/') return false;
  return std::none_of(s.begin(), s.end(), [](unsigned char c) { return c <= ' ' || c == 0x7f; });
}

bool IsLanguageTag(std::string_view s) {
  if (s.size() < 2 || s.size() > 8) return false;
  return std::all_of(s.begin(), s.end(), [](char c) { return (c >= 'a' && c <= 'z') || c == '-'; });
}

}  // namespace

std::string DatesLabel(const Event& e) {
  const auto s = time::Date::Parse(e.start_date);
  const auto t = time::Date::Parse(e.end_date);
  if (!s || !t) return e.start_date;
  if (e.date_precision == DatePrecision::kMonth) {
    if (s->year == t->year && s->month == t->month) return time::FormatMonthYear(*s);
    if (s->year == t->year) {
      return std::string(time::MonthName(s->month)) + " - " + time::FormatMonthYear(*t);
    }
    return time::FormatMonthYear(*s) + " - " + time::FormatMonthYear(*t);
  }
  const std::string day_s = std::to_string(s->day);
  if (e.start_date == e.end_date) return time::FormatLongDate(*s);
  if (s->year == t->year && s->month == t->month) {
    return day_s + "-" + std::to_string(t->day) + " " + time::FormatMonthYear(*t);
  }
  if (s->year == t->year) {
    return day_s + " " + std::string(time::MonthName(s->month)) + " - " + std::to_string(t->day) +
           " " + time::FormatMonthYear(*t);
  }
  return day_s + " " + time::FormatMonthYear(*s) + " - " + std::to_string(t->day) + " " +
         time::FormatMonthYear(*t);
}

bool OverlapsOrAdjoins(std::string_view a_start, std::string_view a_end, std::string_view b_start,
                       std::string_view b_end) {
  const auto as = time::Date::Parse(a_start), ae = time::Date::Parse(a_end);
  const auto bs = time::Date::Parse(b_start), be = time::Date::Parse(b_end);
  if (!as || !ae || !bs || !be) return false;
  return as->ToDays() <= be->ToDays() + 1 && bs->ToDays() <= ae->ToDays() + 1;
}

Status CheckCollocation(const Event& child, const Event& parent) {
  if (OverlapsOrAdjoins(child.start_date, child.end_date, parent.start_date, parent.end_date)) {
    return Status::Ok();
  }
  const std::string msg = "must overlap or adjoin the dates of the event it is collocated with (" +
                          parent.start_date + " to " + parent.end_date + ")";
  return Status::Unprocessable("events.collocation",
                               "a collocated event must overlap or adjoin its parent's dates",
                               {{"start_date", msg}, {"end_date", msg}, {"parent_id", msg}});
}

Status ValidateEvent(Event& e, const Event* parent, std::string_view today) {
  Status::Fields f;
  e.title = Trimmed(e.title);
  e.host = Trimmed(e.host);
  e.time_zone = Trimmed(e.time_zone);
  TrimOpt(e.city);
  TrimOpt(e.country);
  TrimOpt(e.pillar);
  TrimOpt(e.remote.link);
  TrimOpt(e.remote.dial_in);
  TrimOpt(e.start_time);
  TrimOpt(e.end_time);
  TrimOpt(e.code);
  for (auto& t : e.topics) t = Trimmed(t);
  std::erase_if(e.topics, [](const std::string& t) { return t.empty(); });
  std::sort(e.group_ids.begin(), e.group_ids.end());
  e.group_ids.erase(std::unique(e.group_ids.begin(), e.group_ids.end()), e.group_ids.end());

  if (e.title.empty()) f["title"] = "is required";
  if (e.title.size() > 300) f["title"] = "must be at most 300 characters";
  if (e.description.size() > 20000) f["description"] = "must be at most 20000 characters";
  if (e.host.size() > 300) f["host"] = "must be at most 300 characters";

  // Dates. Month precision accepts "YYYY-MM" or any day of the month and spans whole months.
  std::optional<time::Date> start, end;
  if (e.date_precision == DatePrecision::kMonth) {
    const auto month_of = [](const std::string& text) -> std::optional<time::Date> {
      const auto p = time::PartialDate::Parse(text);
      if (!p || p->precision == time::Precision::kYear) return std::nullopt;
      return p->first;
    };
    start = month_of(e.start_date);
    end = e.end_date.empty() ? start : month_of(e.end_date);
    if (start) start = start->FirstOfMonth();
    if (end) end = end->LastOfMonth();
    if (!start) f["start_date"] = "must be a month (YYYY-MM) or a date (YYYY-MM-DD)";
    // Without an end date the end is the start: only start_date is to blame.
    if (!end && !e.end_date.empty()) {
      f["end_date"] = "must be a month (YYYY-MM) or a date (YYYY-MM-DD)";
    }
    if (e.start_time || e.end_time) {
      f["start_time"] = "is not allowed when only the month is known";
    }
    if (e.status == EventStatus::kHeld) {
      f["date_precision"] = "a held event needs its exact dates (precision day)";
    }
  } else {
    start = time::Date::Parse(e.start_date);
    end = e.end_date.empty() ? start : time::Date::Parse(e.end_date);
    if (!start) f["start_date"] = "must be a date (YYYY-MM-DD)";
    if (!end && !e.end_date.empty()) f["end_date"] = "must be a date (YYYY-MM-DD)";
  }
  if (start) e.start_date = start->ToString();
  if (end) e.end_date = end->ToString();
  if (start && end && *end < *start) f["end_date"] = "must not be before start_date";
  if (start && end && end->ToDays() - start->ToDays() > 366) {
    f["end_date"] = "an event lasts at most a year";
  }
  const auto start_minute = e.start_time ? time::ParseTimeOfDay(*e.start_time) : std::nullopt;
  const auto end_minute = e.end_time ? time::ParseTimeOfDay(*e.end_time) : std::nullopt;
  if (e.start_time && !start_minute) f["start_time"] = "must be HH:MM";
  if (e.end_time && !end_minute) f["end_time"] = "must be HH:MM";
  if (e.end_time && !e.start_time) f["end_time"] = "needs a start_time";
  if (start_minute && end_minute && e.start_date == e.end_date && *end_minute <= *start_minute) {
    f["end_time"] = "must be after start_time";
  }
  if (e.time_zone.empty()) e.time_zone = "UTC";
  if (!time::IsKnownZone(e.time_zone)) f["time_zone"] = "is not a known IANA time zone name";

  // A held event cannot end in the future.
  if (e.status == EventStatus::kHeld && end && end->ToString() > today) {
    f["end_date"] = "a held event cannot end in the future";
    f["status"] = "cannot be held: the event ends after today (" + std::string(today) + ")";
  }

  // Place.
  if (e.country) {
    std::string& c = *e.country;
    std::transform(c.begin(), c.end(), c.begin(),
                   [](unsigned char ch) { return std::toupper(ch); });
    if (c.size() != 2 ||
        !std::all_of(c.begin(), c.end(), [](char ch) { return ch >= 'A' && ch <= 'Z'; })) {
      f["country"] = "must be an ISO 3166-1 alpha-2 code";
    }
  }
  if (e.mode != EventMode::kVirtual) {
    if (!e.country) f["country"] = "is required for an event with a venue (in_person or hybrid)";
    if (!e.city) f["city"] = "is required for an event with a venue (in_person or hybrid)";
  }

  // Remote participation.
  if (e.remote.link && !IsHttpUrl(*e.remote.link)) {
    f["remote.link"] = "must be an http(s) URL";
  }
  if (e.mode == EventMode::kInPerson && e.remote.link) {
    f["remote.link"] = "an in-person event has no remote participation (use mode hybrid)";
  }
  for (const auto& lang : e.remote.interpretation_languages) {
    if (!IsLanguageTag(lang)) {
      f["remote.interpretation_languages"] = "must be lowercase language tags (\"ar\", \"fr\")";
    }
  }
  if (e.capacity_in_person && *e.capacity_in_person < 0) {
    f["capacity_in_person"] = "must not be negative";
  }
  if (e.capacity_remote && *e.capacity_remote < 0) f["capacity_remote"] = "must not be negative";
  if (e.topics.size() > 100) f["topics"] = "at most 100 topics";
  if (e.programme && (*e.programme < 1 || *e.programme > 4)) {
    f["programme"] = "must be an action-plan programme number (1-4)";
  }

  // Collocation.
  if (e.parent_id) {
    if (e.id != 0 && *e.parent_id == e.id) {
      f["parent_id"] = "an event cannot be collocated with itself";
    } else if (parent == nullptr) {
      f["parent_id"] = "no such event";
    } else if (start && end && !f.count("end_date")) {
      Status s = CheckCollocation(e, *parent);
      if (!s.ok()) {
        for (const auto& [k, v] : s.fields()) f[k] = v;
      }
    }
  }
  if (!f.empty()) {
    std::string first = f.begin()->first + " " + f.begin()->second;
    return Status::Unprocessable("events.invalid", "the event is not valid: " + first, f);
  }
  return Status::Ok();
}

Status CheckCanRegister(const Event& e, ParticipationMode mode, bool by_officer) {
  if (e.status == EventStatus::kCancelled) {
    return Status::Conflict("events.registration_closed", "the event is cancelled");
  }
  if (e.status == EventStatus::kHeld && !by_officer) {
    return Status::Conflict("events.registration_closed", "the event has already been held");
  }
  if (mode == ParticipationMode::kRemote && e.mode == EventMode::kInPerson) {
    return Status::Unprocessable("events.mode_not_offered",
                                 "this event has no remote participation",
                                 {{"mode", "remote participation is not offered"}});
  }
  if (mode == ParticipationMode::kInPerson && e.mode == EventMode::kVirtual) {
    return Status::Unprocessable("events.mode_not_offered", "this event is virtual",
                                 {{"mode", "in-person participation is not offered"}});
  }
  return Status::Ok();
}

bool HasFreePlace(const Event& e, ParticipationMode mode) {
  if (mode == ParticipationMode::kInPerson) {
    return !e.capacity_in_person || e.taken_in_person < *e.capacity_in_person;
  }
  return !e.capacity_remote || e.taken_remote < *e.capacity_remote;
}

Status CheckTransition(const Event& e, RegistrationStatus from, RegistrationStatus to,
                       std::string_view today) {
  using S = RegistrationStatus;
  const auto bad = [&](std::string why) {
    return Status::Conflict("events.bad_transition",
                            "cannot change a registration from " + std::string(Name(from)) +
                                " to " + std::string(Name(to)) + ": " + why,
                            {{"status", why}});
  };
  switch (to) {
    case S::kApproved:
      if (!e.requires_endorsement) return bad("this event does not require endorsement");
      if (from != S::kRegistered) return bad("only a registered person can be approved");
      return Status::Ok();
    case S::kCancelled:
      if (from == S::kRegistered || from == S::kApproved || from == S::kWaitlisted) {
        return Status::Ok();
      }
      return bad("only an active registration can be cancelled");
    case S::kNoShow:
      if (from != S::kRegistered && from != S::kApproved) {
        return bad("only a registered or approved person can be marked as not attending");
      }
      if (std::string_view(e.start_date) > today) return bad("the event has not started yet");
      return Status::Ok();
    case S::kRegistered:
      if (from == S::kWaitlisted) return Status::Ok();
      return bad("only a waitlisted registration can be promoted");
    case S::kAttended:
      return bad("attended is recorded through attendance");
    case S::kWaitlisted:
      return bad("the waiting list is managed by the system");
  }
  return bad("unknown status");
}

Status CheckAttendance(const Event& e, const Registration& r, const Attendance& a,
                       std::string_view today) {
  Status::Fields f;
  if (!time::IsIsoDate(a.day)) {
    f["day"] = "must be a date (YYYY-MM-DD)";
  } else if (a.day < e.start_date || a.day > e.end_date) {
    f["day"] = "must be within the event's dates (" + e.start_date + " to " + e.end_date + ")";
  } else if (std::string_view(a.day) > today) {
    f["day"] = "is in the future";
  }
  if (a.mode == ParticipationMode::kRemote && e.mode == EventMode::kInPerson) {
    f["mode"] = "the event has no remote participation";
  }
  if (a.mode == ParticipationMode::kInPerson && e.mode == EventMode::kVirtual) {
    f["mode"] = "the event is virtual";
  }
  if (a.source == AttendanceSource::kRemoteJoin && a.mode != ParticipationMode::kRemote) {
    f["source"] = "a remote join is remote participation (mode remote)";
  }
  if (!f.empty()) {
    return Status::Unprocessable("events.invalid_attendance", "the attendance is not valid", f);
  }
  if (e.status == EventStatus::kCancelled) {
    return Status::Conflict("events.event_cancelled", "the event is cancelled");
  }
  if (r.status == RegistrationStatus::kCancelled || r.status == RegistrationStatus::kWaitlisted) {
    return Status::Conflict(
        "events.registration_inactive",
        "a " + std::string(Name(r.status)) + " registration cannot record attendance",
        {{"status", std::string(Name(r.status))}});
  }
  return Status::Ok();
}

RegistrationStatus StatusAfterAttendance(const Registration& r, std::int64_t attendance_days) {
  if (attendance_days > 0) {
    if (HoldsPlace(r.status)) return RegistrationStatus::kAttended;
    return r.status;
  }
  if (r.status == RegistrationStatus::kAttended) {
    return r.approved_at ? RegistrationStatus::kApproved : RegistrationStatus::kRegistered;
  }
  return r.status;
}

}  // namespace bsg::events
