// The SQL implementation of EventStore, for SQLite and PostgreSQL alike (the same statements run
// on both; `?` placeholders, values always bound).
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "modules/events/store.h"
#include "platform/text.h"
#include "platform/time/date.h"

namespace bsg::events {
namespace {

// ---- SQL

constexpr std::string_view kEventColumns =
    "id, code, kind, title, description, start_date, end_date, date_precision, time_zone, "
    "start_time, end_time, city, country, host, mode, status, parent_id, programme, pillar, "
    "topics_json, remote_link, remote_dial_in, interpretation_languages, remote_link_public, "
    "requires_endorsement, capacity_in_person, capacity_remote, taken_in_person, taken_remote, "
    "sequence, created_at, updated_at";

constexpr std::string_view kInsertEvent =
    "INSERT INTO event (code, kind, title, description, start_date, end_date, date_precision, "
    "time_zone, start_time, end_time, city, country, host, mode, status, parent_id, programme, "
    "pillar, topics_json, remote_link, remote_dial_in, interpretation_languages, "
    "remote_link_public, requires_endorsement, capacity_in_person, capacity_remote, created_at, "
    "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
    "?, ?, ?, ?) RETURNING id";

constexpr std::string_view kUpdateEvent =
    "UPDATE event SET code = ?, kind = ?, title = ?, description = ?, start_date = ?, "
    "end_date = ?, date_precision = ?, time_zone = ?, start_time = ?, end_time = ?, city = ?, "
    "country = ?, host = ?, mode = ?, status = ?, parent_id = ?, programme = ?, pillar = ?, "
    "topics_json = ?, remote_link = ?, remote_dial_in = ?, interpretation_languages = ?, "
    "remote_link_public = ?, requires_endorsement = ?, capacity_in_person = ?, "
    "capacity_remote = ?, sequence = sequence + 1, updated_at = ? WHERE id = ?";

constexpr std::string_view kSelectEventById = " FROM event WHERE id = ?";
constexpr std::string_view kSelectEventByCode = " FROM event WHERE code = ?";
constexpr std::string_view kSelectEventsWhere = " FROM event WHERE 1 = 1";
constexpr std::string_view kSelectChildren =
    " FROM event WHERE parent_id = ? ORDER BY start_date, id";
constexpr std::string_view kOrderEvents = " ORDER BY start_date, end_date, id LIMIT ? OFFSET ?";

constexpr std::string_view kFilterKind = " AND kind = ?";
constexpr std::string_view kFilterGroup =
    " AND id IN (SELECT event_id FROM event_group WHERE group_id = ?)";
constexpr std::string_view kFilterOverlap = " AND start_date <= ? AND end_date >= ?";
constexpr std::string_view kFilterMode = " AND mode = ?";
constexpr std::string_view kFilterStatus = " AND status = ?";
constexpr std::string_view kFilterCountry = " AND country = ?";
constexpr std::string_view kFilterSince = " AND end_date >= ?";
constexpr std::string_view kFilterUntil = " AND start_date <= ?";
constexpr std::string_view kFilterParent = " AND parent_id = ?";
constexpr std::string_view kFilterText =
    " AND (lower(title) LIKE ? ESCAPE '\\' OR lower(coalesce(city, '')) LIKE ? ESCAPE '\\' "
    "OR lower(host) LIKE ? ESCAPE '\\')";

constexpr std::string_view kSelectGroupsOfEvent =
    "SELECT group_id FROM event_group WHERE event_id = ? ORDER BY group_id";
constexpr std::string_view kSelectAllEventGroups =
    "SELECT event_id, group_id FROM event_group ORDER BY event_id, group_id";
constexpr std::string_view kDeleteEventGroups = "DELETE FROM event_group WHERE event_id = ?";
constexpr std::string_view kInsertEventGroup =
    "INSERT INTO event_group (event_id, group_id) VALUES (?, ?)";

constexpr std::string_view kTakeInPerson =
    "UPDATE event SET taken_in_person = taken_in_person + 1 WHERE id = ? AND "
    "(capacity_in_person IS NULL OR taken_in_person < capacity_in_person)";
constexpr std::string_view kTakeRemote =
    "UPDATE event SET taken_remote = taken_remote + 1 WHERE id = ? AND "
    "(capacity_remote IS NULL OR taken_remote < capacity_remote)";
constexpr std::string_view kReleaseInPerson =
    "UPDATE event SET taken_in_person = taken_in_person - 1 WHERE id = ? AND taken_in_person > 0";
constexpr std::string_view kReleaseRemote =
    "UPDATE event SET taken_remote = taken_remote - 1 WHERE id = ? AND taken_remote > 0";
constexpr std::string_view kNextWaitlist =
    "UPDATE event SET waitlist_seq = waitlist_seq + 1 WHERE id = ? RETURNING waitlist_seq";
constexpr std::string_view kRecountPlaces =
    "UPDATE event SET "
    "taken_in_person = (SELECT COUNT(*) FROM event_registration WHERE event_id = ? AND "
    "mode = 'in_person' AND status IN ('registered', 'approved', 'attended', 'no_show')), "
    "taken_remote = (SELECT COUNT(*) FROM event_registration WHERE event_id = ? AND "
    "mode = 'remote' AND status IN ('registered', 'approved', 'attended', 'no_show')) "
    "WHERE id = ?";

constexpr std::string_view kRegistrationColumns =
    "id, event_id, person_id, mode, role, status, waitlist_position, approved_by, approved_at, "
    "created_at, updated_at";
constexpr std::string_view kInsertRegistration =
    "INSERT INTO event_registration (event_id, person_id, mode, role, status, waitlist_position, "
    "approved_by, approved_at, created_by, created_at, updated_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id";
constexpr std::string_view kSelectRegistrationById = " FROM event_registration WHERE id = ?";
constexpr std::string_view kSelectRegistrationOfPerson =
    " FROM event_registration WHERE event_id = ? AND person_id = ?";
constexpr std::string_view kSelectRegistrationsOfEvent =
    " FROM event_registration WHERE event_id = ? ORDER BY id";
constexpr std::string_view kSelectRegistrationsOfEventWithStatus =
    " FROM event_registration WHERE event_id = ? AND status = ? ORDER BY id";
constexpr std::string_view kSelectRegistrationsOfPerson =
    " FROM event_registration WHERE person_id = ? ORDER BY event_id DESC";
constexpr std::string_view kSelectFirstWaitlisted =
    " FROM event_registration WHERE event_id = ? AND mode = ? AND status = 'waitlisted' "
    "ORDER BY waitlist_position, id LIMIT 1";
constexpr std::string_view kUpdateRegistration =
    "UPDATE event_registration SET mode = ?, role = ?, status = ?, waitlist_position = ?, "
    "approved_by = ?, approved_at = ?, updated_at = ? WHERE id = ?";

constexpr std::string_view kAttendanceColumns =
    "id, registration_id, day, mode, source, recorded_by, recorded_at";
constexpr std::string_view kInsertAttendance =
    "INSERT INTO event_attendance (registration_id, day, mode, source, recorded_by, recorded_at) "
    "VALUES (?, ?, ?, ?, ?, ?) RETURNING id";
constexpr std::string_view kSelectAttendanceOfDay =
    " FROM event_attendance WHERE registration_id = ? AND day = ?";
constexpr std::string_view kSelectAttendanceOfRegistration =
    " FROM event_attendance WHERE registration_id = ? ORDER BY day";
constexpr std::string_view kSelectAttendanceOfEvent =
    " FROM event_attendance WHERE registration_id IN "
    "(SELECT id FROM event_registration WHERE event_id = ?) ORDER BY registration_id, day";
constexpr std::string_view kDeleteAttendance = "DELETE FROM event_attendance WHERE id = ?";
constexpr std::string_view kCountAttendance =
    "SELECT COUNT(*) FROM event_attendance WHERE registration_id = ?";

constexpr std::string_view kMovePersonRegistrations =
    "UPDATE event_registration SET person_id = ? WHERE person_id = ? AND event_id NOT IN "
    "(SELECT event_id FROM event_registration WHERE person_id = ?)";

// Bulk loading for generated data.
constexpr std::string_view kMaxEventId = "SELECT COALESCE(MAX(id), 0) FROM event";
constexpr std::string_view kMaxRegistrationId =
    "SELECT COALESCE(MAX(id), 0) FROM event_registration";
constexpr std::string_view kMaxAttendanceId = "SELECT COALESCE(MAX(id), 0) FROM event_attendance";
constexpr std::string_view kRecountPlacesAbove =
    "UPDATE event SET "
    "taken_in_person = (SELECT COUNT(*) FROM event_registration r WHERE r.event_id = event.id "
    "AND r.mode = 'in_person' AND r.status IN ('registered', 'approved', 'attended', 'no_show')), "
    "taken_remote = (SELECT COUNT(*) FROM event_registration r WHERE r.event_id = event.id "
    "AND r.mode = 'remote' AND r.status IN ('registered', 'approved', 'attended', 'no_show')) "
    "WHERE id > ?";
// PostgreSQL: the next id handed out is the largest one plus one.
constexpr std::string_view kAdvanceEventSequence =
    "SELECT setval(pg_get_serial_sequence('event', 'id'), "
    "COALESCE((SELECT MAX(id) FROM event), 0) + 1, false)";
constexpr std::string_view kAdvanceRegistrationSequence =
    "SELECT setval(pg_get_serial_sequence('event_registration', 'id'), "
    "COALESCE((SELECT MAX(id) FROM event_registration), 0) + 1, false)";
constexpr std::string_view kAdvanceAttendanceSequence =
    "SELECT setval(pg_get_serial_sequence('event_attendance', 'id'), "
    "COALESCE((SELECT MAX(id) FROM event_attendance), 0) + 1, false)";

// ---- row mapping

template <typename T>
T ParseOr(std::optional<T> v, T fallback) {
  return v ? *v : fallback;
}

std::string JoinComma(const std::vector<std::string>& v) {
  std::string out;
  for (std::size_t i = 0; i < v.size(); ++i) out += (i ? "," : "") + v[i];
  return out;
}

std::vector<std::string> SplitComma(const std::string& s) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= s.size() && !s.empty()) {
    const std::size_t comma = s.find(',', start);
    const std::string part =
        s.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    if (!part.empty()) out.push_back(part);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

std::string TopicsJson(const std::vector<std::string>& topics) {
  return nlohmann::json(topics).dump();
}

std::vector<std::string> ParseTopics(const std::string& text) {
  const auto j = nlohmann::json::parse(text, nullptr, false);
  std::vector<std::string> out;
  if (!j.is_array()) return out;
  for (const auto& t : j) {
    if (t.is_string()) out.push_back(t.get<std::string>());
  }
  return out;
}

Event EventFromRow(const db::Row& r) {
  Event e;
  e.id = r.Int(0);
  e.code = r.OptText(1);
  e.kind = ParseOr(ParseEventKind(r.Text(2)), EventKind::kOtherForum);
  e.title = r.Text(3);
  e.description = r.Text(4);
  e.start_date = r.Text(5);
  e.end_date = r.Text(6);
  e.date_precision = ParseOr(ParseDatePrecision(r.Text(7)), DatePrecision::kDay);
  e.time_zone = r.Text(8);
  e.start_time = r.OptText(9);
  e.end_time = r.OptText(10);
  e.city = r.OptText(11);
  e.country = r.OptText(12);
  e.host = r.Text(13);
  e.mode = ParseOr(ParseEventMode(r.Text(14)), EventMode::kInPerson);
  e.status = ParseOr(ParseEventStatus(r.Text(15)), EventStatus::kPlanned);
  e.parent_id = r.OptInt(16);
  e.programme = r.OptInt(17);
  e.pillar = r.OptText(18);
  e.topics = ParseTopics(r.Text(19));
  e.remote.link = r.OptText(20);
  e.remote.dial_in = r.OptText(21);
  e.remote.interpretation_languages = SplitComma(r.Text(22));
  e.remote.link_public = r.Int(23) != 0;
  e.requires_endorsement = r.Int(24) != 0;
  e.capacity_in_person = r.OptInt(25);
  e.capacity_remote = r.OptInt(26);
  e.taken_in_person = r.Int(27);
  e.taken_remote = r.Int(28);
  e.sequence = r.Int(29);
  e.created_at = r.Text(30);
  e.updated_at = r.Text(31);
  return e;
}

// The values of the editable columns, in the order of kInsertEvent / kUpdateEvent.
db::Params EditableParams(const Event& e) {
  return {e.code,
          Name(e.kind),
          e.title,
          e.description,
          e.start_date,
          e.end_date,
          Name(e.date_precision),
          e.time_zone,
          e.start_time,
          e.end_time,
          e.city,
          e.country,
          e.host,
          Name(e.mode),
          Name(e.status),
          e.parent_id,
          e.programme,
          e.pillar,
          TopicsJson(e.topics),
          e.remote.link,
          e.remote.dial_in,
          JoinComma(e.remote.interpretation_languages),
          e.remote.link_public,
          e.requires_endorsement,
          e.capacity_in_person,
          e.capacity_remote};
}

Registration RegistrationFromRow(const db::Row& r) {
  Registration g;
  g.id = r.Int(0);
  g.event_id = r.Int(1);
  g.person_id = r.Int(2);
  g.mode = ParseOr(ParseParticipationMode(r.Text(3)), ParticipationMode::kInPerson);
  g.role = ParseOr(ParseRegistrationRole(r.Text(4)), RegistrationRole::kDelegate);
  g.status = ParseOr(ParseRegistrationStatus(r.Text(5)), RegistrationStatus::kRegistered);
  g.waitlist_position = r.OptInt(6);
  g.approved_by = r.OptInt(7);
  g.approved_at = r.OptText(8);
  g.created_at = r.Text(9);
  g.updated_at = r.Text(10);
  return g;
}

Attendance AttendanceFromRow(const db::Row& r) {
  Attendance a;
  a.id = r.Int(0);
  a.registration_id = r.Int(1);
  a.day = r.Text(2);
  a.mode = ParseOr(ParseParticipationMode(r.Text(3)), ParticipationMode::kInPerson);
  a.source = ParseOr(ParseAttendanceSource(r.Text(4)), AttendanceSource::kCheckin);
  a.recorded_by = r.OptInt(5);
  a.recorded_at = r.Text(6);
  return a;
}

std::string Select(std::string_view columns, std::string_view rest) {
  std::string sql = "SELECT ";
  sql += columns;
  sql += rest;
  return sql;
}

class SqlStore final : public EventStore {
 public:
  Result<std::int64_t> InsertEvent(db::Session& s, const Event& e,
                                   const std::string& now) const override {
    db::Params p = EditableParams(e);
    p.emplace_back(now);
    p.emplace_back(now);
    BSG_ASSIGN_OR_RETURN(db::Row row, s.QueryOne(kInsertEvent, p));
    const std::int64_t id = row.Int(0);
    BSG_RETURN_IF_ERROR(WriteGroups(s, id, e.group_ids));
    return id;
  }

  Result<Event> FindEvent(db::Session& s, std::int64_t id) const override {
    BSG_ASSIGN_OR_RETURN(
        db::Row row, s.QueryOne(Select(kEventColumns, kSelectEventById), {id}, "events.not_found"));
    Event e = EventFromRow(row);
    BSG_RETURN_IF_ERROR(LoadGroups(s, e));
    return e;
  }

  Result<std::optional<Event>> FindEventByCode(db::Session& s,
                                               const std::string& code) const override {
    BSG_ASSIGN_OR_RETURN(db::Rows rows, s.Query(Select(kEventColumns, kSelectEventByCode), {code}));
    if (rows.empty()) return std::optional<Event>();
    Event e = EventFromRow(rows.front());
    BSG_RETURN_IF_ERROR(LoadGroups(s, e));
    return std::optional<Event>(std::move(e));
  }

  Status UpdateEvent(db::Session& s, const Event& e, const std::string& now) const override {
    db::Params p = EditableParams(e);
    p.emplace_back(now);
    p.emplace_back(e.id);
    BSG_ASSIGN_OR_RETURN(std::int64_t changed, s.Exec(kUpdateEvent, p));
    if (changed == 0) return Status::NotFound("events.not_found", "no such event");
    return WriteGroups(s, e.id, e.group_ids);
  }

  Result<std::vector<Event>> ListEvents(db::Session& s, const EventFilter& f) const override {
    std::string sql = Select(kEventColumns, kSelectEventsWhere);
    db::Params p;
    if (f.kind) {
      sql += kFilterKind;
      p.emplace_back(Name(*f.kind));
    }
    if (f.group_id) {
      sql += kFilterGroup;
      p.emplace_back(*f.group_id);
    }
    if (f.year) {
      sql += kFilterOverlap;
      p.emplace_back(time::Date{*f.year, 12, 31}.ToString());
      p.emplace_back(time::Date{*f.year, 1, 1}.ToString());
    }
    if (f.month) {
      if (auto m = time::Date::ParseMonth(*f.month)) {
        sql += kFilterOverlap;
        p.emplace_back(m->LastOfMonth().ToString());
        p.emplace_back(m->ToString());
      }
    }
    if (f.mode) {
      sql += kFilterMode;
      p.emplace_back(Name(*f.mode));
    }
    if (f.status) {
      sql += kFilterStatus;
      p.emplace_back(Name(*f.status));
    }
    if (f.country) {
      sql += kFilterCountry;
      p.emplace_back(*f.country);
    }
    if (f.since) {
      sql += kFilterSince;
      p.emplace_back(*f.since);
    }
    if (f.until) {
      sql += kFilterUntil;
      p.emplace_back(*f.until);
    }
    if (f.parent_id) {
      sql += kFilterParent;
      p.emplace_back(*f.parent_id);
    }
    if (f.q && !f.q->empty()) {
      sql += kFilterText;
      const std::string like = LikePattern(AsciiLower(*f.q));  // compared with lower(column)
      p.emplace_back(like);
      p.emplace_back(like);
      p.emplace_back(like);
    }
    sql += kOrderEvents;
    p.emplace_back(f.limit);
    p.emplace_back(f.offset);
    BSG_ASSIGN_OR_RETURN(db::Rows rows, s.Query(sql, p));
    std::vector<Event> out;
    out.reserve(rows.size());
    for (const auto& row : rows) out.push_back(EventFromRow(row));
    BSG_RETURN_IF_ERROR(LoadGroups(s, out));
    return out;
  }

  Result<std::vector<Event>> ListChildren(db::Session& s, std::int64_t parent_id) const override {
    BSG_ASSIGN_OR_RETURN(db::Rows rows,
                         s.Query(Select(kEventColumns, kSelectChildren), {parent_id}));
    std::vector<Event> out;
    for (const auto& row : rows) out.push_back(EventFromRow(row));
    BSG_RETURN_IF_ERROR(LoadGroups(s, out));
    return out;
  }

  Result<bool> TakePlace(db::Session& s, std::int64_t event_id,
                         ParticipationMode mode) const override {
    BSG_ASSIGN_OR_RETURN(
        std::int64_t changed,
        s.Exec(mode == ParticipationMode::kInPerson ? kTakeInPerson : kTakeRemote, {event_id}));
    return changed == 1;
  }

  Status ReleasePlace(db::Session& s, std::int64_t event_id,
                      ParticipationMode mode) const override {
    BSG_ASSIGN_OR_RETURN(
        std::int64_t changed,
        s.Exec(mode == ParticipationMode::kInPerson ? kReleaseInPerson : kReleaseRemote,
               {event_id}));
    (void)changed;
    return Status::Ok();
  }

  Result<std::int64_t> NextWaitlistPosition(db::Session& s, std::int64_t event_id) const override {
    BSG_ASSIGN_OR_RETURN(db::Row row, s.QueryOne(kNextWaitlist, {event_id}, "events.not_found"));
    return row.Int(0);
  }

  Status RecountPlaces(db::Session& s, std::int64_t event_id) const override {
    BSG_ASSIGN_OR_RETURN(std::int64_t changed,
                         s.Exec(kRecountPlaces, {event_id, event_id, event_id}));
    (void)changed;
    return Status::Ok();
  }

  Result<std::int64_t> InsertRegistration(db::Session& s, const Registration& r,
                                          std::optional<std::int64_t> created_by,
                                          const std::string& now) const override {
    BSG_ASSIGN_OR_RETURN(
        db::Row row,
        s.QueryOne(kInsertRegistration,
                   {r.event_id, r.person_id, Name(r.mode), Name(r.role), Name(r.status),
                    r.waitlist_position, r.approved_by, r.approved_at, created_by, now, now}));
    return row.Int(0);
  }

  Status BulkInsertRegistrations(db::Session& s, const std::vector<Registration>& rows,
                                 std::optional<std::int64_t> created_by,
                                 const std::string& now) const override {
    std::vector<db::Params> values;
    values.reserve(rows.size());
    for (const auto& r : rows) {
      values.push_back({r.event_id, r.person_id, Name(r.mode), Name(r.role), Name(r.status),
                        r.waitlist_position, r.approved_by, r.approved_at, created_by, now, now});
    }
    return s.BulkInsert("event_registration",
                        {"event_id", "person_id", "mode", "role", "status", "waitlist_position",
                         "approved_by", "approved_at", "created_by", "created_at", "updated_at"},
                        values);
  }

  Result<Registration> FindRegistration(db::Session& s, std::int64_t id) const override {
    BSG_ASSIGN_OR_RETURN(db::Row row,
                         s.QueryOne(Select(kRegistrationColumns, kSelectRegistrationById), {id},
                                    "events.registration_not_found"));
    return RegistrationFromRow(row);
  }

  Result<std::optional<Registration>> FindRegistrationOfPerson(
      db::Session& s, std::int64_t event_id, std::int64_t person_id) const override {
    BSG_ASSIGN_OR_RETURN(
        db::Rows rows,
        s.Query(Select(kRegistrationColumns, kSelectRegistrationOfPerson), {event_id, person_id}));
    if (rows.empty()) return std::optional<Registration>();
    return std::optional<Registration>(RegistrationFromRow(rows.front()));
  }

  Status UpdateRegistration(db::Session& s, const Registration& r,
                            const std::string& now) const override {
    BSG_ASSIGN_OR_RETURN(std::int64_t changed,
                         s.Exec(kUpdateRegistration,
                                {Name(r.mode), Name(r.role), Name(r.status), r.waitlist_position,
                                 r.approved_by, r.approved_at, now, r.id}));
    if (changed == 0) {
      return Status::NotFound("events.registration_not_found", "no such registration");
    }
    return Status::Ok();
  }

  Result<std::vector<Registration>> ListRegistrations(
      db::Session& s, std::int64_t event_id,
      std::optional<RegistrationStatus> status) const override {
    Result<db::Rows> rows =
        status ? s.Query(Select(kRegistrationColumns, kSelectRegistrationsOfEventWithStatus),
                         {event_id, Name(*status)})
               : s.Query(Select(kRegistrationColumns, kSelectRegistrationsOfEvent), {event_id});
    if (!rows.ok()) return rows.status();
    std::vector<Registration> out;
    for (const auto& row : *rows) out.push_back(RegistrationFromRow(row));
    return out;
  }

  Result<std::vector<Registration>> ListRegistrationsOfPerson(
      db::Session& s, std::int64_t person_id) const override {
    BSG_ASSIGN_OR_RETURN(
        db::Rows rows,
        s.Query(Select(kRegistrationColumns, kSelectRegistrationsOfPerson), {person_id}));
    std::vector<Registration> out;
    for (const auto& row : rows) out.push_back(RegistrationFromRow(row));
    return out;
  }

  Result<std::optional<Registration>> FirstWaitlisted(db::Session& s, std::int64_t event_id,
                                                      ParticipationMode mode) const override {
    BSG_ASSIGN_OR_RETURN(
        db::Rows rows,
        s.Query(Select(kRegistrationColumns, kSelectFirstWaitlisted), {event_id, Name(mode)}));
    if (rows.empty()) return std::optional<Registration>();
    return std::optional<Registration>(RegistrationFromRow(rows.front()));
  }

  Result<std::optional<Attendance>> FindAttendance(db::Session& s, std::int64_t registration_id,
                                                   const std::string& day) const override {
    BSG_ASSIGN_OR_RETURN(db::Rows rows, s.Query(Select(kAttendanceColumns, kSelectAttendanceOfDay),
                                                {registration_id, day}));
    if (rows.empty()) return std::optional<Attendance>();
    return std::optional<Attendance>(AttendanceFromRow(rows.front()));
  }

  Result<std::int64_t> InsertAttendance(db::Session& s, const Attendance& a) const override {
    BSG_ASSIGN_OR_RETURN(
        db::Row row, s.QueryOne(kInsertAttendance, {a.registration_id, a.day, Name(a.mode),
                                                    Name(a.source), a.recorded_by, a.recorded_at}));
    return row.Int(0);
  }

  Status DeleteAttendance(db::Session& s, std::int64_t attendance_id) const override {
    BSG_ASSIGN_OR_RETURN(std::int64_t changed, s.Exec(kDeleteAttendance, {attendance_id}));
    (void)changed;
    return Status::Ok();
  }

  Status BulkInsertAttendance(db::Session& s, const std::vector<Attendance>& rows) const override {
    std::vector<db::Params> values;
    values.reserve(rows.size());
    for (const auto& a : rows) {
      values.push_back(
          {a.registration_id, a.day, Name(a.mode), Name(a.source), a.recorded_by, a.recorded_at});
    }
    return s.BulkInsert("event_attendance",
                        {"registration_id", "day", "mode", "source", "recorded_by", "recorded_at"},
                        values);
  }

  Result<std::vector<Attendance>> ListAttendance(db::Session& s,
                                                 std::int64_t registration_id) const override {
    BSG_ASSIGN_OR_RETURN(
        db::Rows rows,
        s.Query(Select(kAttendanceColumns, kSelectAttendanceOfRegistration), {registration_id}));
    std::vector<Attendance> out;
    for (const auto& row : rows) out.push_back(AttendanceFromRow(row));
    return out;
  }

  Result<std::vector<Attendance>> ListEventAttendance(db::Session& s,
                                                      std::int64_t event_id) const override {
    BSG_ASSIGN_OR_RETURN(db::Rows rows,
                         s.Query(Select(kAttendanceColumns, kSelectAttendanceOfEvent), {event_id}));
    std::vector<Attendance> out;
    for (const auto& row : rows) out.push_back(AttendanceFromRow(row));
    return out;
  }

  Result<std::int64_t> CountAttendance(db::Session& s,
                                       std::int64_t registration_id) const override {
    BSG_ASSIGN_OR_RETURN(db::Row row, s.QueryOne(kCountAttendance, {registration_id}));
    return row.Int(0);
  }

  Status MovePersonRegistrations(db::Session& s, std::int64_t from,
                                 std::int64_t into) const override {
    BSG_ASSIGN_OR_RETURN(std::int64_t moved, s.Exec(kMovePersonRegistrations, {into, from, into}));
    (void)moved;
    return Status::Ok();
  }

  Result<std::int64_t> MaxEventId(db::Session& s) const override {
    BSG_ASSIGN_OR_RETURN(db::Row row, s.QueryOne(kMaxEventId, {}));
    return row.Int(0);
  }

  Result<std::int64_t> MaxRegistrationId(db::Session& s) const override {
    BSG_ASSIGN_OR_RETURN(db::Row row, s.QueryOne(kMaxRegistrationId, {}));
    return row.Int(0);
  }

  Result<std::int64_t> MaxAttendanceId(db::Session& s) const override {
    BSG_ASSIGN_OR_RETURN(db::Row row, s.QueryOne(kMaxAttendanceId, {}));
    return row.Int(0);
  }

  Status BulkLoadEvents(db::Session& s, const std::vector<Event>& events) const override {
    std::vector<db::Params> rows;
    rows.reserve(events.size());
    std::vector<db::Params> groups;
    for (const Event& e : events) {
      db::Params p = EditableParams(e);
      p.insert(p.begin(), db::Value(e.id));
      p.emplace_back(e.taken_in_person);
      p.emplace_back(e.taken_remote);
      p.emplace_back(e.sequence);
      p.emplace_back(e.created_at);
      p.emplace_back(e.updated_at);
      rows.push_back(std::move(p));
      for (std::int64_t g : e.group_ids) groups.push_back({e.id, g});
    }
    BSG_RETURN_IF_ERROR(s.BulkInsert("event",
                                     {"id",
                                      "code",
                                      "kind",
                                      "title",
                                      "description",
                                      "start_date",
                                      "end_date",
                                      "date_precision",
                                      "time_zone",
                                      "start_time",
                                      "end_time",
                                      "city",
                                      "country",
                                      "host",
                                      "mode",
                                      "status",
                                      "parent_id",
                                      "programme",
                                      "pillar",
                                      "topics_json",
                                      "remote_link",
                                      "remote_dial_in",
                                      "interpretation_languages",
                                      "remote_link_public",
                                      "requires_endorsement",
                                      "capacity_in_person",
                                      "capacity_remote",
                                      "taken_in_person",
                                      "taken_remote",
                                      "sequence",
                                      "created_at",
                                      "updated_at"},
                                     rows));
    return s.BulkInsert("event_group", {"event_id", "group_id"}, groups);
  }

  Status BulkLoadRegistrations(db::Session& s,
                               const std::vector<Registration>& rows) const override {
    std::vector<db::Params> values;
    values.reserve(rows.size());
    for (const auto& r : rows) {
      values.push_back({r.id, r.event_id, r.person_id, Name(r.mode), Name(r.role), Name(r.status),
                        r.waitlist_position, r.approved_by, r.approved_at, r.created_at,
                        r.updated_at});
    }
    return s.BulkInsert(
        "event_registration",
        {"id", "event_id", "person_id", "mode", "role", "status", "waitlist_position",
         "approved_by", "approved_at", "created_at", "updated_at"},
        values);
  }

  Status BulkLoadAttendance(db::Session& s, const std::vector<Attendance>& rows) const override {
    std::vector<db::Params> values;
    values.reserve(rows.size());
    for (const auto& a : rows) {
      values.push_back({a.id, a.registration_id, a.day, Name(a.mode), Name(a.source), a.recorded_by,
                        a.recorded_at});
    }
    return s.BulkInsert(
        "event_attendance",
        {"id", "registration_id", "day", "mode", "source", "recorded_by", "recorded_at"}, values);
  }

  Status RecountPlacesAbove(db::Session& s, std::int64_t after_id) const override {
    return s.Exec(kRecountPlacesAbove, {after_id}).status();
  }

  Status AdvanceIdSequences(db::Session& s) const override {
    if (s.kind() != db::Kind::kPostgres) return Status::Ok();
    for (std::string_view sql :
         {kAdvanceEventSequence, kAdvanceRegistrationSequence, kAdvanceAttendanceSequence}) {
      BSG_RETURN_IF_ERROR(s.Query(sql).status());
    }
    return Status::Ok();
  }

 private:
  Status WriteGroups(db::Session& s, std::int64_t event_id,
                     const std::vector<std::int64_t>& group_ids) const {
    BSG_ASSIGN_OR_RETURN(std::int64_t deleted, s.Exec(kDeleteEventGroups, {event_id}));
    (void)deleted;
    for (std::int64_t g : group_ids) {
      BSG_ASSIGN_OR_RETURN(std::int64_t inserted, s.Exec(kInsertEventGroup, {event_id, g}));
      (void)inserted;
    }
    return Status::Ok();
  }

  Status LoadGroups(db::Session& s, Event& e) const {
    BSG_ASSIGN_OR_RETURN(db::Rows rows, s.Query(kSelectGroupsOfEvent, {e.id}));
    e.group_ids.clear();
    for (const auto& row : rows) e.group_ids.push_back(row.Int(0));
    return Status::Ok();
  }

  Status LoadGroups(db::Session& s, std::vector<Event>& events) const {
    if (events.empty()) return Status::Ok();
    if (events.size() == 1) return LoadGroups(s, events.front());
    BSG_ASSIGN_OR_RETURN(db::Rows rows, s.Query(kSelectAllEventGroups));
    std::map<std::int64_t, std::vector<std::int64_t>> by_event;
    for (const auto& row : rows) by_event[row.Int(0)].push_back(row.Int(1));
    for (auto& e : events) {
      auto it = by_event.find(e.id);
      e.group_ids = it == by_event.end() ? std::vector<std::int64_t>() : it->second;
    }
    return Status::Ok();
  }
};

}  // namespace

const EventStore& SqlEventStore() {
  static const SqlStore* store = new SqlStore();
  return *store;
}

}  // namespace bsg::events
