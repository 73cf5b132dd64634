// The events module's use cases, each in one transaction with its audit event.
#include "modules/events/service.h"

#include <algorithm>
#include <map>

#include "modules/events/rules.h"
#include "platform/http/audit_actor.h"
#include "platform/time/clock.h"

namespace bsg::events {
namespace {

using nlohmann::json;

// Registration changes contend for one event row; give them room to retry.
constexpr db::TxOptions kContended{.read_only = false, .max_attempts = 40};
constexpr db::TxOptions kReadOnly{.read_only = true, .max_attempts = 5};

json AuditJson(const Event& e) {
  EventView view;
  view.show_remote_link = true;
  return EncodeEvent(e, view);
}

Status Forbidden(std::string reason, std::string message) {
  return Status::PermissionDenied(std::move(reason), std::move(message));
}

Result<Registration> FindRegistrationOf(db::Session& s, const EventStore& store,
                                        std::int64_t event_id, std::int64_t rid) {
  BSG_ASSIGN_OR_RETURN(Registration r, store.FindRegistration(s, rid));
  if (r.event_id != event_id) {
    return Status::NotFound("events.registration_not_found", "no such registration for this event");
  }
  return r;
}

}  // namespace

Caller CallerFrom(const http::Request& request) {
  Caller c;
  c.actor = http::ActorFrom(request);
  if (request.principal) {
    c.user_id = request.principal->user_id;
    c.roles = request.principal->roles;
    c.country = request.principal->country;
  }
  return c;
}

Caller SystemCaller(std::string what) {
  Caller c;
  c.actor = CliActor(std::move(what));
  c.roles = {"officer"};
  return c;
}

// ---- events

Status EventService::CheckReferences(db::Session& s, const Event& e, const Event* parent) {
  Status::Fields f;
  if (e.country) {
    BSG_ASSIGN_OR_RETURN(auto held_countries, directory::Countries(s));
    const registry::ClassIndex& countries = *held_countries;
    if (!countries.Find(*e.country)) f["country"] = "is not a known country";
  }
  BSG_ASSIGN_OR_RETURN(auto missing, directory::MissingGroups(s, e.group_ids));
  if (!missing.empty()) {
    std::string list;
    for (auto id : missing) list += (list.empty() ? "" : ", ") + std::to_string(id);
    f["group_ids"] = "unknown group(s): " + list;
  }
  if (e.programme) {
    BSG_ASSIGN_OR_RETURN(bool ok, directory::ProgrammeExists(s, *e.programme));
    if (!ok) f["programme"] = "is not a known action-plan programme";
  }
  if (e.pillar) {
    BSG_ASSIGN_OR_RETURN(bool ok, directory::PillarExists(s, *e.pillar));
    if (!ok) f["pillar"] = "is not a known BSG pillar";
  }
  if (parent && parent->parent_id && e.id != 0 && *parent->parent_id == e.id) {
    f["parent_id"] = "collocation cannot be circular";
  }
  if (!f.empty()) {
    return Status::Unprocessable("events.invalid", "the event refers to unknown records", f);
  }
  return Status::Ok();
}

Result<Event> EventService::CreateEvent(const Caller& caller, Event e) {
  return db::InTransactionResult<Event>(db_, {}, [&](db::Transaction& tx) -> Result<Event> {
    Event input = e;
    std::optional<Event> parent;
    if (input.parent_id) {
      auto p = store_.FindEvent(tx, *input.parent_id);
      if (p.ok()) {
        parent = std::move(p).value();
      } else if (p.status().code() != ErrorCode::kNotFound) {
        return p.status();
      }
    }
    BSG_RETURN_IF_ERROR(
        ValidateEvent(input, parent ? &*parent : nullptr, time::Today().ToString()));
    BSG_RETURN_IF_ERROR(CheckReferences(tx, input, parent ? &*parent : nullptr));
    if (input.code) {
      BSG_ASSIGN_OR_RETURN(auto same, store_.FindEventByCode(tx, *input.code));
      if (same) {
        return Status::Conflict("events.code_taken", "another event has this code",
                                {{"code", "is already used by event " + std::to_string(same->id)}});
      }
    }
    const std::string now = time::CurrentTimestamp();
    BSG_ASSIGN_OR_RETURN(std::int64_t id, store_.InsertEvent(tx, input, now));
    BSG_ASSIGN_OR_RETURN(Event stored, store_.FindEvent(tx, id));
    BSG_RETURN_IF_ERROR(RecordAudit(tx, caller.actor, "event", std::to_string(id), "create",
                                    std::nullopt, AuditJson(stored)));
    return stored;
  });
}

Result<Event> EventService::UpdateEvent(const Caller& caller, std::int64_t id, const json& patch) {
  return db::InTransactionResult<Event>(db_, kContended, [&](db::Transaction& tx) -> Result<Event> {
    BSG_ASSIGN_OR_RETURN(Event before, store_.FindEvent(tx, id));
    BSG_ASSIGN_OR_RETURN(Event e, DecodeEvent(patch, before));
    e.id = id;
    std::optional<Event> parent;
    if (e.parent_id) {
      auto p = store_.FindEvent(tx, *e.parent_id);
      if (p.ok()) {
        parent = std::move(p).value();
      } else if (p.status().code() != ErrorCode::kNotFound) {
        return p.status();
      }
    }
    BSG_RETURN_IF_ERROR(ValidateEvent(e, parent ? &*parent : nullptr, time::Today().ToString()));
    BSG_RETURN_IF_ERROR(CheckReferences(tx, e, parent ? &*parent : nullptr));
    Status::Fields f;
    if (e.capacity_in_person && *e.capacity_in_person < before.taken_in_person) {
      f["capacity_in_person"] = "is below the " + std::to_string(before.taken_in_person) +
                                " in-person places already taken";
    }
    if (e.capacity_remote && *e.capacity_remote < before.taken_remote) {
      f["capacity_remote"] =
          "is below the " + std::to_string(before.taken_remote) + " remote places already taken";
    }
    if (e.code && e.code != before.code) {
      BSG_ASSIGN_OR_RETURN(auto same, store_.FindEventByCode(tx, *e.code));
      if (same && same->id != id)
        f["code"] = "is already used by event " + std::to_string(same->id);
    }
    if (!f.empty()) {
      return Status::Unprocessable("events.invalid", "the change is not valid", f);
    }
    // The collocated events must still fit the new dates.
    BSG_ASSIGN_OR_RETURN(std::vector<Event> children, store_.ListChildren(tx, id));
    for (const Event& child : children) {
      Status s = CheckCollocation(child, e);
      if (!s.ok()) {
        return Status::Unprocessable(
            "events.collocation",
            "event " + std::to_string(child.id) + " (" + child.title +
                ") is collocated with this one and would no longer overlap or adjoin it",
            {{"start_date", "collocated event " + std::to_string(child.id) + " runs " +
                                child.start_date + " to " + child.end_date},
             {"end_date", "collocated event " + std::to_string(child.id) + " runs " +
                              child.start_date + " to " + child.end_date}});
      }
    }
    const std::string now = time::CurrentTimestamp();
    BSG_RETURN_IF_ERROR(store_.UpdateEvent(tx, e, now));
    BSG_ASSIGN_OR_RETURN(Event after, store_.FindEvent(tx, id));
    BSG_RETURN_IF_ERROR(PromoteWaiting(tx, caller, after, ParticipationMode::kInPerson, now));
    BSG_RETURN_IF_ERROR(PromoteWaiting(tx, caller, after, ParticipationMode::kRemote, now));
    BSG_ASSIGN_OR_RETURN(after, store_.FindEvent(tx, id));
    BSG_RETURN_IF_ERROR(RecordAudit(tx, caller.actor, "event", std::to_string(id), "update",
                                    AuditJson(before), AuditJson(after)));
    return after;
  });
}

Result<Event> EventService::GetEvent(std::int64_t id) {
  return db::InTransactionResult<Event>(db_, kReadOnly, [&](db::Transaction& tx) -> Result<Event> {
    return store_.FindEvent(tx, id);
  });
}

Result<std::vector<Event>> EventService::ListEvents(const EventFilter& filter) {
  using Events = std::vector<Event>;
  return db::InTransactionResult<Events>(
      db_, kReadOnly, [&](db::Transaction& tx) -> Result<Events> {
        EventFilter f = filter;
        if (f.region) {  // filtered here: the region comes from the registry
          f.limit = 100000;
          f.offset = 0;
        }
        BSG_ASSIGN_OR_RETURN(Events events, store_.ListEvents(tx, f));
        if (!filter.region) return events;
        BSG_ASSIGN_OR_RETURN(auto held_countries, directory::Countries(tx));
        const registry::ClassIndex& countries = *held_countries;
        Events out;
        std::int64_t skipped = 0;
        for (Event& e : events) {
          if (!e.country) continue;
          const registry::Country* c = countries.Find(*e.country);
          if (!c || c->region != *filter.region) continue;
          if (skipped++ < filter.offset) continue;
          if (static_cast<std::int64_t>(out.size()) >= filter.limit) break;
          out.push_back(std::move(e));
        }
        return out;
      });
}

Result<std::vector<Event>> EventService::Children(std::int64_t id) {
  using Events = std::vector<Event>;
  return db::InTransactionResult<Events>(
      db_, kReadOnly,
      [&](db::Transaction& tx) -> Result<Events> { return store_.ListChildren(tx, id); });
}

Result<PersonInfo> EventService::PersonOfCaller(db::Session& s, const Caller& caller) {
  if (!caller.user_id) {
    return Status::Unauthenticated("session.required", "sign in to register");
  }
  BSG_ASSIGN_OR_RETURN(auto person, directory::PersonByUserId(s, *caller.user_id));
  if (!person) {
    return Status::Unprocessable("events.no_person",
                                 "your account is not linked to a person record; ask an officer",
                                 {{"person_id", "your account has no person record"}});
  }
  return *person;
}

Result<bool> EventService::CanSeeRemoteLink(const Caller& caller, const Event& e) {
  if (!e.remote.link && !e.remote.dial_in) return false;
  if (e.remote.link_public || caller.IsOfficer()) return true;
  if (!caller.user_id) return false;
  BSG_ASSIGN_OR_RETURN(auto mine, MyRegistration(caller, e.id));
  return mine.has_value() && HoldsPlace(mine->status);
}

Result<std::optional<Registration>> EventService::MyRegistration(const Caller& caller,
                                                                 std::int64_t event_id) {
  using Out = std::optional<Registration>;
  if (!caller.user_id) return Out();
  return db::InTransactionResult<Out>(db_, kReadOnly, [&](db::Transaction& tx) -> Result<Out> {
    BSG_ASSIGN_OR_RETURN(auto person, directory::PersonByUserId(tx, *caller.user_id));
    if (!person) return Out();
    return store_.FindRegistrationOfPerson(tx, event_id, person->id);
  });
}

Result<EventView> EventService::ViewFor(const Caller& caller, const Event& e) {
  BSG_ASSIGN_OR_RETURN(std::vector<EventView> views, ViewsFor(caller, {e}));
  return views.front();
}

Result<std::vector<EventView>> EventService::ViewsFor(const Caller& caller,
                                                      const std::vector<Event>& events) {
  using Views = std::vector<EventView>;
  return db::InTransactionResult<Views>(db_, kReadOnly, [&](db::Transaction& tx) -> Result<Views> {
    Views views;
    BSG_ASSIGN_OR_RETURN(auto held_countries, directory::Countries(tx));
    const registry::ClassIndex& countries = *held_countries;
    std::optional<PersonInfo> me;
    if (caller.user_id && !caller.IsOfficer()) {
      BSG_ASSIGN_OR_RETURN(me, directory::PersonByUserId(tx, *caller.user_id));
    }
    for (const Event& e : events) {
      EventView view;
      if (e.country) {
        if (const registry::Country* c = countries.Find(*e.country)) {
          view.country_name = c->name;
          view.region = c->region;
        }
      }
      BSG_ASSIGN_OR_RETURN(view.group_names, directory::GroupNames(tx, e.group_ids));
      if (e.remote.link || e.remote.dial_in) {
        view.show_remote_link = e.remote.link_public || caller.IsOfficer();
        if (!view.show_remote_link && me) {
          BSG_ASSIGN_OR_RETURN(auto mine, store_.FindRegistrationOfPerson(tx, e.id, me->id));
          view.show_remote_link = mine && HoldsPlace(mine->status);
        }
      }
      views.push_back(std::move(view));
    }
    return views;
  });
}

// ---- registrations

Status EventService::PromoteWaiting(db::Session& s, const Caller& caller, const Event& e,
                                    ParticipationMode mode, const std::string& now) {
  for (;;) {
    BSG_ASSIGN_OR_RETURN(auto next, store_.FirstWaitlisted(s, e.id, mode));
    if (!next) return Status::Ok();
    BSG_ASSIGN_OR_RETURN(bool took, store_.TakePlace(s, e.id, mode));
    if (!took) return Status::Ok();
    Registration promoted = *next;
    promoted.status = RegistrationStatus::kRegistered;
    promoted.waitlist_position.reset();
    BSG_RETURN_IF_ERROR(store_.UpdateRegistration(s, promoted, now));
    BSG_RETURN_IF_ERROR(RecordAudit(s, caller.actor, "event_registration",
                                    std::to_string(promoted.id), "promote",
                                    EncodeRegistration(*next), EncodeRegistration(promoted)));
  }
}

Result<Registration> EventService::Register(const Caller& caller, std::int64_t event_id,
                                            const RegistrationInput& input) {
  return db::InTransactionResult<Registration>(
      db_, kContended, [&](db::Transaction& tx) -> Result<Registration> {
        BSG_ASSIGN_OR_RETURN(Event e, store_.FindEvent(tx, event_id));
        std::int64_t person_id = 0;
        if (input.person_id && caller.IsOfficer()) {
          BSG_ASSIGN_OR_RETURN(auto person, directory::PersonById(tx, *input.person_id));
          if (!person) {
            return Status::Unprocessable("events.invalid", "no such person",
                                         {{"person_id", "is not a known person"}});
          }
          person_id = person->id;
        } else {
          BSG_ASSIGN_OR_RETURN(PersonInfo me, PersonOfCaller(tx, caller));
          if (input.person_id && *input.person_id != me.id) {
            return Forbidden("events.register_others",
                             "only officers register other people; register yourself");
          }
          person_id = me.id;
        }
        BSG_RETURN_IF_ERROR(CheckCanRegister(e, input.mode, caller.IsOfficer()));
        BSG_ASSIGN_OR_RETURN(auto existing,
                             store_.FindRegistrationOfPerson(tx, event_id, person_id));
        if (existing && existing->status != RegistrationStatus::kCancelled) {
          return Status::Conflict("events.already_registered",
                                  "this person is already registered for the event (" +
                                      std::string(Name(existing->status)) + ")",
                                  {{"person_id", "already registered"}});
        }
        const std::string now = time::CurrentTimestamp();
        Registration r = existing ? *existing : Registration();
        r.event_id = event_id;
        r.person_id = person_id;
        r.mode = input.mode;
        r.role = input.role;
        r.approved_by.reset();
        r.approved_at.reset();
        BSG_ASSIGN_OR_RETURN(bool took, store_.TakePlace(tx, event_id, input.mode));
        if (took) {
          r.status = RegistrationStatus::kRegistered;
          r.waitlist_position.reset();
        } else {
          r.status = RegistrationStatus::kWaitlisted;
          BSG_ASSIGN_OR_RETURN(r.waitlist_position, store_.NextWaitlistPosition(tx, event_id));
        }
        if (existing) {
          BSG_RETURN_IF_ERROR(store_.UpdateRegistration(tx, r, now));
        } else {
          BSG_ASSIGN_OR_RETURN(r.id, store_.InsertRegistration(tx, r, caller.user_id, now));
        }
        BSG_ASSIGN_OR_RETURN(Registration stored, store_.FindRegistration(tx, r.id));
        BSG_RETURN_IF_ERROR(RecordAudit(
            tx, caller.actor, "event_registration", std::to_string(stored.id), "register",
            existing ? std::optional<json>(EncodeRegistration(*existing)) : std::nullopt,
            EncodeRegistration(stored)));
        return stored;
      });
}

Result<Registration> EventService::Cancel(const Caller& caller, std::int64_t event_id,
                                          std::int64_t rid) {
  return db::InTransactionResult<Registration>(
      db_, kContended, [&](db::Transaction& tx) -> Result<Registration> {
        BSG_ASSIGN_OR_RETURN(Event e, store_.FindEvent(tx, event_id));
        BSG_ASSIGN_OR_RETURN(Registration before, FindRegistrationOf(tx, store_, event_id, rid));
        if (!caller.IsOfficer()) {
          BSG_ASSIGN_OR_RETURN(auto person, directory::PersonById(tx, before.person_id));
          const bool own =
              person && person->user_id && caller.user_id && *person->user_id == *caller.user_id;
          const bool focal = caller.Has("focal_point") && person && person->country &&
                             caller.country && *person->country == *caller.country;
          if (!own && !focal) {
            return Forbidden("events.not_your_registration",
                             "only the person, their focal point or an officer can cancel this");
          }
        }
        BSG_RETURN_IF_ERROR(CheckTransition(e, before.status, RegistrationStatus::kCancelled,
                                            time::Today().ToString()));
        const std::string now = time::CurrentTimestamp();
        Registration r = before;
        r.status = RegistrationStatus::kCancelled;
        r.waitlist_position.reset();
        BSG_RETURN_IF_ERROR(store_.UpdateRegistration(tx, r, now));
        if (HoldsPlace(before.status)) {
          BSG_RETURN_IF_ERROR(store_.ReleasePlace(tx, event_id, before.mode));
        }
        BSG_RETURN_IF_ERROR(RecordAudit(tx, caller.actor, "event_registration", std::to_string(rid),
                                        "cancel", EncodeRegistration(before),
                                        EncodeRegistration(r)));
        if (HoldsPlace(before.status)) {
          BSG_RETURN_IF_ERROR(PromoteWaiting(tx, caller, e, before.mode, now));
        }
        return store_.FindRegistration(tx, rid);
      });
}

Result<Registration> EventService::Approve(const Caller& caller, std::int64_t event_id,
                                           std::int64_t rid) {
  return db::InTransactionResult<Registration>(
      db_, kContended, [&](db::Transaction& tx) -> Result<Registration> {
        BSG_ASSIGN_OR_RETURN(Event e, store_.FindEvent(tx, event_id));
        BSG_ASSIGN_OR_RETURN(Registration before, FindRegistrationOf(tx, store_, event_id, rid));
        if (!caller.IsOfficer()) {
          BSG_ASSIGN_OR_RETURN(auto person, directory::PersonById(tx, before.person_id));
          const bool focal = caller.Has("focal_point") && person && person->country &&
                             caller.country && *person->country == *caller.country;
          if (!focal) {
            return Forbidden("events.not_your_country",
                             "only the focal point of the delegate's country (or an officer) can "
                             "approve this registration");
          }
        }
        BSG_RETURN_IF_ERROR(CheckTransition(e, before.status, RegistrationStatus::kApproved,
                                            time::Today().ToString()));
        Registration r = before;
        r.status = RegistrationStatus::kApproved;
        r.approved_by = caller.user_id;
        const std::string now = time::CurrentTimestamp();
        r.approved_at = now;
        BSG_RETURN_IF_ERROR(store_.UpdateRegistration(tx, r, now));
        BSG_RETURN_IF_ERROR(RecordAudit(tx, caller.actor, "event_registration", std::to_string(rid),
                                        "approve", EncodeRegistration(before),
                                        EncodeRegistration(r)));
        return store_.FindRegistration(tx, rid);
      });
}

Result<Registration> EventService::MarkNoShow(const Caller& caller, std::int64_t event_id,
                                              std::int64_t rid) {
  return db::InTransactionResult<Registration>(
      db_, kContended, [&](db::Transaction& tx) -> Result<Registration> {
        BSG_ASSIGN_OR_RETURN(Event e, store_.FindEvent(tx, event_id));
        BSG_ASSIGN_OR_RETURN(Registration before, FindRegistrationOf(tx, store_, event_id, rid));
        if (!caller.IsOfficer()) {
          return Forbidden("events.officers_only", "only officers record attendance");
        }
        BSG_RETURN_IF_ERROR(CheckTransition(e, before.status, RegistrationStatus::kNoShow,
                                            time::Today().ToString()));
        Registration r = before;
        r.status = RegistrationStatus::kNoShow;
        const std::string now = time::CurrentTimestamp();
        BSG_RETURN_IF_ERROR(store_.UpdateRegistration(tx, r, now));
        BSG_RETURN_IF_ERROR(RecordAudit(tx, caller.actor, "event_registration", std::to_string(rid),
                                        "no_show", EncodeRegistration(before),
                                        EncodeRegistration(r)));
        return store_.FindRegistration(tx, rid);
      });
}

Result<std::vector<Registration>> EventService::Registrations(
    std::int64_t event_id, std::optional<RegistrationStatus> status) {
  using Out = std::vector<Registration>;
  return db::InTransactionResult<Out>(db_, kReadOnly, [&](db::Transaction& tx) -> Result<Out> {
    BSG_ASSIGN_OR_RETURN(Event e, store_.FindEvent(tx, event_id));
    (void)e;
    return store_.ListRegistrations(tx, event_id, status);
  });
}

Result<Registration> EventService::GetRegistration(std::int64_t event_id, std::int64_t rid) {
  return db::InTransactionResult<Registration>(
      db_, kReadOnly, [&](db::Transaction& tx) -> Result<Registration> {
        return FindRegistrationOf(tx, store_, event_id, rid);
      });
}

Result<std::vector<Attendance>> EventService::AttendanceOf(std::int64_t rid) {
  using Out = std::vector<Attendance>;
  return db::InTransactionResult<Out>(db_, kReadOnly, [&](db::Transaction& tx) -> Result<Out> {
    return store_.ListAttendance(tx, rid);
  });
}

// ---- attendance

Result<AttendanceOutcome> EventService::RecordAttendance(const Caller& caller,
                                                         std::int64_t event_id, std::int64_t rid,
                                                         Attendance a) {
  return db::InTransactionResult<AttendanceOutcome>(
      db_, kContended, [&](db::Transaction& tx) -> Result<AttendanceOutcome> {
        BSG_ASSIGN_OR_RETURN(Event e, store_.FindEvent(tx, event_id));
        BSG_ASSIGN_OR_RETURN(Registration before, FindRegistrationOf(tx, store_, event_id, rid));
        if (!caller.IsOfficer()) {
          if (a.source == AttendanceSource::kCheckin) {
            return Forbidden("events.officers_only", "only officers check people in");
          }
          BSG_ASSIGN_OR_RETURN(auto person, directory::PersonById(tx, before.person_id));
          const bool own =
              person && person->user_id && caller.user_id && *person->user_id == *caller.user_id;
          if (!own) {
            return Forbidden("events.not_your_registration",
                             "a remote join is recorded for your own registration only");
          }
        }
        a.registration_id = rid;
        BSG_RETURN_IF_ERROR(CheckAttendance(e, before, a, time::Today().ToString()));
        AttendanceOutcome out;
        BSG_ASSIGN_OR_RETURN(auto existing, store_.FindAttendance(tx, rid, a.day));
        if (existing) {
          out.attendance = *existing;
          out.registration = before;
          out.created = false;
          return out;
        }
        a.recorded_by = caller.user_id;
        a.recorded_at = time::CurrentTimestamp();
        BSG_ASSIGN_OR_RETURN(a.id, store_.InsertAttendance(tx, a));
        BSG_ASSIGN_OR_RETURN(std::int64_t days, store_.CountAttendance(tx, rid));
        Registration r = before;
        r.status = StatusAfterAttendance(before, days);
        if (r.status != before.status) {
          BSG_RETURN_IF_ERROR(store_.UpdateRegistration(tx, r, a.recorded_at));
        }
        BSG_RETURN_IF_ERROR(RecordAudit(
            tx, caller.actor, "event_attendance", std::to_string(a.id), "record", std::nullopt,
            json{{"attendance", EncodeAttendance(a)}, {"registration_status", Name(r.status)}}));
        out.attendance = a;
        BSG_ASSIGN_OR_RETURN(out.registration, store_.FindRegistration(tx, rid));
        out.created = true;
        return out;
      });
}

Result<Registration> EventService::RemoveAttendance(const Caller& caller, std::int64_t event_id,
                                                    std::int64_t rid, const std::string& day) {
  return db::InTransactionResult<Registration>(
      db_, kContended, [&](db::Transaction& tx) -> Result<Registration> {
        if (!caller.IsOfficer()) return Forbidden("events.officers_only", "officers only");
        BSG_ASSIGN_OR_RETURN(Registration before, FindRegistrationOf(tx, store_, event_id, rid));
        BSG_ASSIGN_OR_RETURN(auto existing, store_.FindAttendance(tx, rid, day));
        if (!existing) {
          return Status::NotFound("events.attendance_not_found", "no attendance recorded that day");
        }
        BSG_RETURN_IF_ERROR(store_.DeleteAttendance(tx, existing->id));
        BSG_ASSIGN_OR_RETURN(std::int64_t days, store_.CountAttendance(tx, rid));
        Registration r = before;
        r.status = StatusAfterAttendance(before, days);
        const std::string now = time::CurrentTimestamp();
        if (r.status != before.status) BSG_RETURN_IF_ERROR(store_.UpdateRegistration(tx, r, now));
        BSG_RETURN_IF_ERROR(RecordAudit(tx, caller.actor, "event_attendance",
                                        std::to_string(existing->id), "remove",
                                        json{{"attendance", EncodeAttendance(*existing)},
                                             {"registration_status", Name(before.status)}},
                                        json{{"registration_status", Name(r.status)}}));
        return store_.FindRegistration(tx, rid);
      });
}

}  // namespace bsg::events
