// The events module's use cases: create and change events, register people (with the waiting
// list), approve, cancel, record attendance, import participant lists. Each runs in one database
// transaction together with its audit event, so that both commit or neither. Used by the HTTP
// handlers (api.cc), the command line (cli.cc) and the demo seed (seed.cc).
//
// Concurrency: registration, cancellation and capacity changes move the place counters on the
// event row with conditional UPDATEs inside a write transaction (BEGIN IMMEDIATE on SQLite,
// SERIALIZABLE on PostgreSQL, retried on serialization failures), so the last place is never
// given twice and a freed place goes to the first person on the waiting list.
//
// Thread-safety: EventService is stateless apart from references; safe from any thread.
#ifndef BSG_MODULES_EVENTS_SERVICE_H_
#define BSG_MODULES_EVENTS_SERVICE_H_

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "modules/events/directory.h"
#include "modules/events/json.h"
#include "modules/events/model.h"
#include "modules/events/rules.h"
#include "modules/events/store.h"
#include "platform/audit.h"
#include "platform/db/database.h"
#include "platform/http/request.h"
#include "platform/status.h"
#include "platform/tabular/table.h"

namespace bsg::events {

// Who is acting, with what authority.
struct Caller {
  AuditActor actor;
  std::optional<std::int64_t> user_id;
  std::set<std::string> roles;
  std::optional<std::string> country;  // a focal point's country

  bool Has(std::string_view role) const { return roles.count(std::string(role)) > 0; }
  bool IsOfficer() const { return Has("admin") || Has("officer"); }
};
Caller CallerFrom(const http::Request& request);
// The command line and the demo seed act as officers.
Caller SystemCaller(std::string what);

// The outcome of recording one attendance day.
struct AttendanceOutcome {
  Attendance attendance;
  Registration registration;
  bool created = false;  // false: that day was already recorded (nothing changed)
};

// What a participant import did (or would do, in a dry run).
struct ImportReport {
  bool dry_run = true;
  int rows = 0;
  int people_matched = 0;
  int people_created = 0;
  int organizations_created = 0;
  int registrations_created = 0;
  int registrations_existing = 0;
  int attendance_days = 0;
  std::vector<tabular::CellError> errors;  // empty when the import is (or would be) applied
};

class EventService {
 public:
  explicit EventService(db::Database& db, const EventStore& store = SqlEventStore())
      : db_(db), store_(store) {}

  // ---- events
  // Validates (rules, then references: parent, country, groups, programme, pillar) and stores.
  Result<Event> CreateEvent(const Caller& caller, Event e);
  // Applies a JSON patch (DecodeEvent) to the stored event; bumps its sequence. Capacity cannot
  // drop below the places taken; a raised capacity promotes people from the waiting list.
  Result<Event> UpdateEvent(const Caller& caller, std::int64_t id, const nlohmann::json& patch);
  Result<Event> GetEvent(std::int64_t id);
  // Events matching `filter`, including its region (the venue country's ITU region).
  Result<std::vector<Event>> ListEvents(const EventFilter& filter);
  Result<std::vector<Event>> Children(std::int64_t id);
  // Whether `caller` may see the event's conference link and dial-in: officers and admins, anyone
  // when the link is public, and people holding a place at the event.
  Result<bool> CanSeeRemoteLink(const Caller& caller, const Event& e);
  // The caller's own registration for the event, if any.
  Result<std::optional<Registration>> MyRegistration(const Caller& caller, std::int64_t event_id);
  // Names and regions for display.
  Result<EventView> ViewFor(const Caller& caller, const Event& e);
  // The same for many events, in one transaction.
  Result<std::vector<EventView>> ViewsFor(const Caller& caller, const std::vector<Event>& events);

  // ---- registrations
  // Registers the caller's own person (delegates), or `input.person_id` (officers, admins).
  // A free place gives status registered; otherwise waitlisted at the end of the list.
  // Conflict(events.already_registered) for an active registration of the same person.
  Result<Registration> Register(const Caller& caller, std::int64_t event_id,
                                const RegistrationInput& input);
  // Cancels (the person themself, an officer, or the person's focal point); a freed place goes to
  // the first person waiting in that mode.
  Result<Registration> Cancel(const Caller& caller, std::int64_t event_id, std::int64_t rid);
  // Approval by the focal point of the person's country (or an officer), for events requiring
  // endorsement.
  Result<Registration> Approve(const Caller& caller, std::int64_t event_id, std::int64_t rid);
  // Marks a no-show (officers).
  Result<Registration> MarkNoShow(const Caller& caller, std::int64_t event_id, std::int64_t rid);
  Result<std::vector<Registration>> Registrations(std::int64_t event_id,
                                                  std::optional<RegistrationStatus> status);
  Result<Registration> GetRegistration(std::int64_t event_id, std::int64_t rid);
  Result<std::vector<Attendance>> AttendanceOf(std::int64_t rid);

  // ---- attendance
  // Check-in (officers) or a remote join (officers, or the registered person for a remote
  // registration). Recording a day again changes nothing. The registration becomes attended.
  Result<AttendanceOutcome> RecordAttendance(const Caller& caller, std::int64_t event_id,
                                             std::int64_t rid, Attendance a);
  // Removes a recorded day (officers); the status is derived again.
  Result<Registration> RemoveAttendance(const Caller& caller, std::int64_t event_id,
                                        std::int64_t rid, const std::string& day);

  // ---- participant lists
  // Imports a CSV or XLSX participant list. Columns: email, given_name, family_name, full_name,
  // country, organization, gender, mode, role, attended, days. People are matched by email, else
  // by full name and country; missing ones are created only with `create_missing`. All or
  // nothing: any bad row imports nothing, and the report names every bad row.
  Result<ImportReport> ImportParticipants(const Caller& caller, std::int64_t event_id,
                                          std::string_view bytes, tabular::Format format,
                                          bool dry_run, bool create_missing);
  // The participant list in the columns ImportParticipants reads (email, full_name, country,
  // organization, gender, mode, role, attended, days), one row per registration holding a place
  // (registered, approved, attended, no-show; not cancelled or waiting), in registration order,
  // so that the file imports back into the event unchanged. Officers only.
  Result<std::string> ExportParticipants(const Caller& caller, std::int64_t event_id,
                                         tabular::Format format);

 private:
  Status CheckReferences(db::Session& s, const Event& e, const Event* parent);
  Status PromoteWaiting(db::Session& s, const Caller& caller, const Event& e,
                        ParticipationMode mode, const std::string& now);
  Result<PersonInfo> PersonOfCaller(db::Session& s, const Caller& caller);

  db::Database& db_;
  const EventStore& store_;
};

nlohmann::json ImportReportToJson(const ImportReport& r);

}  // namespace bsg::events

#endif  // BSG_MODULES_EVENTS_SERVICE_H_
