// The events module's rules: date labels, event validation (dates, collocation, held events),
// registration transitions and attendance checks. Pure functions; no I/O. Dates are parsed and
// counted by platform/time.
//
// Every failure is a Status with a stable reason and, for input errors, per-field messages keyed
// by the JSON field names of the API ("end_date", "remote.link").
//
// Thread-safety: pure functions; safe from any thread.
#ifndef BSG_MODULES_EVENTS_RULES_H_
#define BSG_MODULES_EVENTS_RULES_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "modules/events/model.h"
#include "platform/status.h"

namespace bsg::events {

// ---- dates

// Human-readable dates: "12 September 2019", "20-21 October 2019",
// "30 September - 2 October 2019", "February 2020" (month precision).
std::string DatesLabel(const Event& e);

// True when [a_start, a_end] and [b_start, b_end] share a day or one starts the day after the
// other ends. All four must be valid dates.
bool OverlapsOrAdjoins(std::string_view a_start, std::string_view a_end, std::string_view b_start,
                       std::string_view b_end);

// ---- events

// Normalizes `e` (month precision spans whole months; a missing end date is the start date;
// trims text) and checks it. `parent` is the event named by e.parent_id, loaded by the caller
// (nullptr when e has no parent). `today` is YYYY-MM-DD.
// Returns Unprocessable(events.invalid) with `fields` for any violation, including:
//   end_date  before start_date; or in the future for a held event
//   parent_id the parent's dates neither overlap nor adjoin this event's; the event itself
//   time_zone unknown IANA name
Status ValidateEvent(Event& e, const Event* parent, std::string_view today);

// Checks that `child` (collocated with `parent`) still overlaps or adjoins `parent` after a
// change of either. Unprocessable(events.collocation) naming start_date/end_date.
Status CheckCollocation(const Event& child, const Event& parent);

// ---- registrations

// Whether a person may register in `mode` for `e` now. `by_officer`: officers may register people
// for held events (after the fact); delegates may not.
// Conflict(events.registration_closed) for cancelled events (and held ones unless by_officer);
// Unprocessable(events.mode_not_offered) for remote on an in-person event or in person on a
// virtual one.
Status CheckCanRegister(const Event& e, ParticipationMode mode, bool by_officer);

// True when a new place in `mode` is free.
bool HasFreePlace(const Event& e, ParticipationMode mode);

// Allowed manual changes of a registration's status:
//   registered -> approved (only when the event requires endorsement)
//   registered | approved | waitlisted -> cancelled
//   registered | approved -> no_show (only once the event has started)
//   waitlisted -> registered (promotion)
// attended is derived from attendance and never set directly.
// Conflict(events.bad_transition) otherwise.
Status CheckTransition(const Event& e, RegistrationStatus from, RegistrationStatus to,
                       std::string_view today);

// Checks an attendance record: the day lies within the event's dates and not after `today`, the
// registration is not cancelled or waitlisted, the mode is offered by the event, and remote joins
// are remote.
Status CheckAttendance(const Event& e, const Registration& r, const Attendance& a,
                       std::string_view today);

// The status a registration takes after its attendance changed: attended when it has at least
// one day; otherwise unchanged (or back to registered/approved when it had been attended).
RegistrationStatus StatusAfterAttendance(const Registration& r, std::int64_t attendance_days);

}  // namespace bsg::events

#endif  // BSG_MODULES_EVENTS_RULES_H_
