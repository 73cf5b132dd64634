// The events module's data: meetings, trainings and forums (Event), who registered for them
// (Registration) and who actually took part, day by day (Attendance). Plain values; no I/O.
//
// Dates are ISO-8601 calendar dates ("2019-10-22") in the venue's time zone; times are local
// "HH:MM" in that zone. Timestamps are UTC ISO-8601 text with milliseconds, as everywhere.
//
// Thread-safety: values; safe to copy between threads.
#ifndef BSG_MODULES_EVENTS_MODEL_H_
#define BSG_MODULES_EVENTS_MODEL_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bsg::events {

enum class EventKind {
  kStudyGroupMeeting,
  kWorkingPartyMeeting,  // a working party or rapporteur group meeting
  kRegionalGroupMeeting,
  kTsag,
  kRegionalStandardizationForum,
  kWorkshop,
  kBsgTraining,
  kOtherForum,
};

enum class EventMode { kInPerson, kVirtual, kHybrid };

enum class EventStatus { kPlanned, kConfirmed, kHeld, kPostponed, kCancelled };

// How exactly the dates are known. A planned training "February 2020" has month precision: its
// dates span the whole month and it is rendered without a day.
enum class DatePrecision { kDay, kMonth };

// How a person takes part: at the venue, or remotely.
enum class ParticipationMode { kInPerson, kRemote };

enum class RegistrationRole { kDelegate, kSpeaker, kTrainer, kChair };

enum class RegistrationStatus {
  kRegistered,  // holds a place; awaiting the focal point when the event requires endorsement
  kApproved,    // endorsed by the country's focal point (or an officer)
  kAttended,    // derived: at least one attendance day is recorded
  kNoShow,      // the event took place and the person did not come
  kCancelled,
  kWaitlisted,  // no place was free; promoted in order when one frees up
};

enum class AttendanceSource { kCheckin, kRemoteJoin };

// The wire names ("study_group_meeting", "in_person", ...). Parse* return nullopt for unknown text.
std::string_view Name(EventKind v);
std::string_view Name(EventMode v);
std::string_view Name(EventStatus v);
std::string_view Name(DatePrecision v);
std::string_view Name(ParticipationMode v);
std::string_view Name(RegistrationRole v);
std::string_view Name(RegistrationStatus v);
std::string_view Name(AttendanceSource v);
std::optional<EventKind> ParseEventKind(std::string_view s);
std::optional<EventMode> ParseEventMode(std::string_view s);
std::optional<EventStatus> ParseEventStatus(std::string_view s);
std::optional<DatePrecision> ParseDatePrecision(std::string_view s);
std::optional<ParticipationMode> ParseParticipationMode(std::string_view s);
std::optional<RegistrationRole> ParseRegistrationRole(std::string_view s);
std::optional<RegistrationStatus> ParseRegistrationStatus(std::string_view s);
std::optional<AttendanceSource> ParseAttendanceSource(std::string_view s);

// Every value of each vocabulary, in declaration order (for OpenAPI enums and validation).
const std::vector<std::string>& EventKindNames();
const std::vector<std::string>& EventModeNames();
const std::vector<std::string>& EventStatusNames();
const std::vector<std::string>& DatePrecisionNames();
const std::vector<std::string>& ParticipationModeNames();
const std::vector<std::string>& RegistrationRoleNames();
const std::vector<std::string>& RegistrationStatusNames();
const std::vector<std::string>& AttendanceSourceNames();

// True for the statuses that hold a place against the event's capacity.
bool HoldsPlace(RegistrationStatus s);

// Remote participation details. The link and dial-in are shown only to people allowed to see them
// (see README.md); `link_public` makes them public (and puts the link in the public iCal feed).
struct RemoteDetails {
  std::optional<std::string> link;                    // conference URL (https://...)
  std::optional<std::string> dial_in;                 // free text: numbers and access codes
  std::vector<std::string> interpretation_languages;  // language tags: "ar", "fr", ...
  bool link_public = false;
};

struct Event {
  std::int64_t id = 0;
  std::optional<std::string> code;  // optional unique external reference ("demo-2019-10-22-...")
  EventKind kind = EventKind::kOtherForum;
  std::string title;
  std::string description;
  std::string start_date;  // YYYY-MM-DD; with month precision the first of the month
  std::string end_date;    // YYYY-MM-DD, inclusive; with month precision the last of the month
  DatePrecision date_precision = DatePrecision::kDay;
  std::string time_zone = "UTC";          // IANA name of the venue's zone
  std::optional<std::string> start_time;  // HH:MM local, on start_date
  std::optional<std::string> end_time;    // HH:MM local, on end_date
  std::optional<std::string> city;
  std::optional<std::string> country;  // ISO 3166-1 alpha-2; none for a virtual event
  std::string host;                    // who hosts it ("Sri Lanka TRC", "ITU")
  EventMode mode = EventMode::kInPerson;
  EventStatus status = EventStatus::kPlanned;
  std::vector<std::int64_t> group_ids;    // Study Groups, regional groups, TSAG (groups module)
  std::vector<std::string> topics;        // topics or tutorials
  std::optional<std::int64_t> parent_id;  // the event it is collocated with
  std::optional<std::int64_t> programme;  // action-plan programme number 1-4 (mandates)
  std::optional<std::string> pillar;      // BSG pillar code: awareness, know_how, ... (mandates)
  RemoteDetails remote;
  bool requires_endorsement = false;
  std::optional<std::int64_t> capacity_in_person;  // none: unlimited
  std::optional<std::int64_t> capacity_remote;     // none: unlimited
  std::int64_t taken_in_person = 0;  // places held (maintained with the registrations)
  std::int64_t taken_remote = 0;
  std::int64_t sequence = 0;  // bumped on every change (iCalendar SEQUENCE)
  std::string created_at;
  std::string updated_at;
};

struct Registration {
  std::int64_t id = 0;
  std::int64_t event_id = 0;
  std::int64_t person_id = 0;
  ParticipationMode mode = ParticipationMode::kInPerson;
  RegistrationRole role = RegistrationRole::kDelegate;
  RegistrationStatus status = RegistrationStatus::kRegistered;
  // Order on the waiting list (lower first); set while waitlisted.
  std::optional<std::int64_t> waitlist_position;
  std::optional<std::int64_t> approved_by;  // user id of the focal point or officer
  std::optional<std::string> approved_at;
  std::string created_at;
  std::string updated_at;
};

struct Attendance {
  std::int64_t id = 0;
  std::int64_t registration_id = 0;
  std::string day;  // YYYY-MM-DD
  ParticipationMode mode = ParticipationMode::kInPerson;
  AttendanceSource source = AttendanceSource::kCheckin;
  std::optional<std::int64_t> recorded_by;  // user id; none when recorded by the system
  std::string recorded_at;
};

// Filters of the event list. Every field is optional; all given ones must match.
struct EventFilter {
  std::optional<EventKind> kind;
  std::optional<std::int64_t> group_id;
  std::optional<std::string> region;  // ITU region code from the registry, as of the event date
  std::optional<int> year;            // events overlapping that calendar year
  std::optional<std::string> month;   // YYYY-MM: events overlapping that month
  std::optional<EventMode> mode;
  std::optional<EventStatus> status;
  std::optional<std::string> country;
  std::optional<std::string> q;      // case-insensitive substring of title, city or host
  std::optional<std::string> since;  // events ending on or after this date
  std::optional<std::string> until;  // events starting on or before this date
  std::optional<std::int64_t> parent_id;
  std::int64_t limit = 500;
  std::int64_t offset = 0;  // 64-bit: an offset beyond int32 is an empty page, never a wrap
};

}  // namespace bsg::events

#endif  // BSG_MODULES_EVENTS_MODEL_H_
