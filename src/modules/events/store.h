// Storage of the events module: the only interface through which the module reads and writes its
// tables (event, event_group, event_registration, event_attendance). Every method runs on the
// db::Session it is given, so that callers can group several calls, and the audit event, in one
// transaction.
//
// Capacity is kept as counters on the event row (taken_in_person, taken_remote) that move with
// the registrations holding a place. TakePlace is a conditional UPDATE (... WHERE taken <
// capacity): on PostgreSQL it locks the event row, so two transactions can never both take the
// last place (the loser waits, then fails with a serialization failure and is retried); on SQLite
// write transactions are serialized by BEGIN IMMEDIATE.
//
// Errors: the db.* reasons of platform/db/database.h; lookups by id return NotFound with the
// reasons named below.
//
// Thread-safety: the store holds no state; a Session is used by one thread at a time.
#ifndef BSG_MODULES_EVENTS_STORE_H_
#define BSG_MODULES_EVENTS_STORE_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "modules/events/model.h"
#include "platform/db/database.h"
#include "platform/status.h"

namespace bsg::events {

class EventStore {
 public:
  virtual ~EventStore() = default;

  // ---- events
  // Inserts the event and its groups with sequence 0 and zero counters; returns the new id.
  // db.unique_violation when the code is taken; db.foreign_key_violation for an unknown parent,
  // country or group.
  virtual Result<std::int64_t> InsertEvent(db::Session& s, const Event& e,
                                           const std::string& now) const = 0;
  // NotFound (events.not_found).
  virtual Result<Event> FindEvent(db::Session& s, std::int64_t id) const = 0;
  virtual Result<std::optional<Event>> FindEventByCode(db::Session& s,
                                                       const std::string& code) const = 0;
  // Writes every editable field and the groups of `e`, sets updated_at and increments the
  // sequence. Leaves the place counters alone. NotFound (events.not_found).
  virtual Status UpdateEvent(db::Session& s, const Event& e, const std::string& now) const = 0;
  // Events matching the filter's SQL-side fields (everything but `region`), by start date.
  virtual Result<std::vector<Event>> ListEvents(db::Session& s, const EventFilter& f) const = 0;
  // The events collocated with `parent_id`.
  virtual Result<std::vector<Event>> ListChildren(db::Session& s, std::int64_t parent_id) const = 0;

  // ---- places and the waiting list
  // Takes a place in `mode` when one is free; false when the event is full.
  virtual Result<bool> TakePlace(db::Session& s, std::int64_t event_id,
                                 ParticipationMode mode) const = 0;
  // Gives a place back.
  virtual Status ReleasePlace(db::Session& s, std::int64_t event_id,
                              ParticipationMode mode) const = 0;
  // The next position on the event's waiting list (increments a counter on the event row).
  virtual Result<std::int64_t> NextWaitlistPosition(db::Session& s,
                                                    std::int64_t event_id) const = 0;
  // Recounts the place counters from the registrations (repair; used after bulk imports).
  virtual Status RecountPlaces(db::Session& s, std::int64_t event_id) const = 0;

  // ---- registrations
  // Inserts; returns the new id. db.unique_violation when the person is already registered.
  virtual Result<std::int64_t> InsertRegistration(db::Session& s, const Registration& r,
                                                  std::optional<std::int64_t> created_by,
                                                  const std::string& now) const = 0;
  // Inserts many registrations (imports); ids are not returned.
  virtual Status BulkInsertRegistrations(db::Session& s, const std::vector<Registration>& rows,
                                         std::optional<std::int64_t> created_by,
                                         const std::string& now) const = 0;
  // NotFound (events.registration_not_found).
  virtual Result<Registration> FindRegistration(db::Session& s, std::int64_t id) const = 0;
  virtual Result<std::optional<Registration>> FindRegistrationOfPerson(
      db::Session& s, std::int64_t event_id, std::int64_t person_id) const = 0;
  // Writes mode, role, status, waitlist_position, approved_by and approved_at.
  virtual Status UpdateRegistration(db::Session& s, const Registration& r,
                                    const std::string& now) const = 0;
  // The event's registrations by id, optionally of one status.
  virtual Result<std::vector<Registration>> ListRegistrations(
      db::Session& s, std::int64_t event_id,
      std::optional<RegistrationStatus> status = std::nullopt) const = 0;
  // The registrations of a person, newest event first.
  virtual Result<std::vector<Registration>> ListRegistrationsOfPerson(
      db::Session& s, std::int64_t person_id) const = 0;
  // The first person on the waiting list for `mode` (lowest position), if any.
  virtual Result<std::optional<Registration>> FirstWaitlisted(db::Session& s, std::int64_t event_id,
                                                              ParticipationMode mode) const = 0;

  // ---- attendance
  virtual Result<std::optional<Attendance>> FindAttendance(db::Session& s,
                                                           std::int64_t registration_id,
                                                           const std::string& day) const = 0;
  // Inserts; returns the new id. db.unique_violation for a second record of the same day.
  virtual Result<std::int64_t> InsertAttendance(db::Session& s, const Attendance& a) const = 0;
  virtual Status DeleteAttendance(db::Session& s, std::int64_t attendance_id) const = 0;
  virtual Status BulkInsertAttendance(db::Session& s,
                                      const std::vector<Attendance>& rows) const = 0;
  virtual Result<std::vector<Attendance>> ListAttendance(db::Session& s,
                                                         std::int64_t registration_id) const = 0;
  // Every attendance day of the event's registrations, by registration then day.
  virtual Result<std::vector<Attendance>> ListEventAttendance(db::Session& s,
                                                              std::int64_t event_id) const = 0;
  virtual Result<std::int64_t> CountAttendance(db::Session& s,
                                               std::int64_t registration_id) const = 0;

  // Moves the registrations of person `from` to `into` for events `into` is not registered for
  // (the registry's person-merge hook).
  virtual Status MovePersonRegistrations(db::Session& s, std::int64_t from,
                                         std::int64_t into) const = 0;

  // ---- bulk loading for generated data (bsg seed --synthetic): rows written as given, ids
  // chosen by the caller, in the caller's transaction, no rules checked, no audit. The caller
  // picks ids above the Max*Id values, loads in batches of its choosing (events before their
  // registrations, registrations before their attendance days), then calls RecountPlacesAbove
  // and AdvanceIdSequences.
  // The largest id in use (0 when there is none).
  virtual Result<std::int64_t> MaxEventId(db::Session& s) const = 0;
  virtual Result<std::int64_t> MaxRegistrationId(db::Session& s) const = 0;
  virtual Result<std::int64_t> MaxAttendanceId(db::Session& s) const = 0;
  // Every stored field of each event (id, counters, sequence and timestamps included) and its
  // groups (group_ids).
  virtual Status BulkLoadEvents(db::Session& s, const std::vector<Event>& events) const = 0;
  // Registrations with their ids and timestamps (created_by is left empty).
  virtual Status BulkLoadRegistrations(db::Session& s,
                                       const std::vector<Registration>& rows) const = 0;
  virtual Status BulkLoadAttendance(db::Session& s, const std::vector<Attendance>& rows) const = 0;
  // Recounts the place counters from the registrations (as RecountPlaces) of every event whose
  // id is above `after_id`.
  virtual Status RecountPlacesAbove(db::Session& s, std::int64_t after_id) const = 0;
  // Moves the event, registration and attendance id sequences past the largest ids
  // (PostgreSQL); nothing on SQLite, where the next id already follows the largest.
  virtual Status AdvanceIdSequences(db::Session& s) const = 0;
};

// The SQL implementation (SQLite and PostgreSQL). The returned store is stateless and shared.
const EventStore& SqlEventStore();

}  // namespace bsg::events

#endif  // BSG_MODULES_EVENTS_STORE_H_
