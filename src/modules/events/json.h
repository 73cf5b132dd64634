// JSON shapes of the events API: decoding request bodies into model values (with per-field
// errors) and encoding model values, plus the JSON Schemas used in the OpenAPI document.
//
// Thread-safety: pure functions.
#ifndef BSG_MODULES_EVENTS_JSON_H_
#define BSG_MODULES_EVENTS_JSON_H_

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "modules/events/model.h"
#include "platform/status.h"

namespace bsg::events {

// Decodes an event body over `base` (a new Event for creation, the stored one for PATCH): only
// the fields present change; null clears an optional field. Unknown fields are refused.
// InvalidArgument(request.bad_json) when the body is not an object; Unprocessable(events.invalid)
// with per-field messages for wrong types or unknown enum values.
Result<Event> DecodeEvent(const nlohmann::json& body, Event base);

// How much of an event the caller may see.
struct EventView {
  bool show_remote_link = false;  // link and dial-in (registered people, officers, or public)
  std::optional<std::string> country_name;
  std::optional<std::string> region;  // ITU region of the venue's country
  std::vector<std::string> group_names;
};
nlohmann::json EncodeEvent(const Event& e, const EventView& view);
// A short form for lists of collocated events and calendars.
nlohmann::json EncodeEventSummary(const Event& e);

nlohmann::json EncodeRegistration(const Registration& r);
nlohmann::json EncodeAttendance(const Attendance& a);

// Decodes {person_id?, mode, role?} for a registration. Unprocessable(events.invalid).
struct RegistrationInput {
  std::optional<std::int64_t> person_id;
  ParticipationMode mode = ParticipationMode::kInPerson;
  RegistrationRole role = RegistrationRole::kDelegate;
};
Result<RegistrationInput> DecodeRegistrationInput(const nlohmann::json& body);

// Decodes {day, mode, source}. Unprocessable(events.invalid_attendance).
Result<Attendance> DecodeAttendance(const nlohmann::json& body);

// JSON Schemas for the OpenAPI document.
nlohmann::json EventSchema();
nlohmann::json EventInputSchema(bool for_create);
nlohmann::json EventListSchema();
nlohmann::json RegistrationSchema();
nlohmann::json RegistrationInputSchema();
nlohmann::json AttendanceSchema();
nlohmann::json AttendanceInputSchema();
nlohmann::json EnumSchema(const std::vector<std::string>& values);

}  // namespace bsg::events

#endif  // BSG_MODULES_EVENTS_JSON_H_
