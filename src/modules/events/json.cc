// JSON encoding and decoding of the events API.
#include "modules/events/json.h"

#include <set>

#include "modules/events/rules.h"
#include "platform/text.h"

namespace bsg::events {
namespace {

using nlohmann::json;

// Collects per-field decoding errors.
class Decoder {
 public:
  explicit Decoder(const json& body) : body_(body) {}

  bool Has(const char* key) const { return body_.contains(key); }

  // Text is one line (platform/text.h ValidateText) unless `multi_line`.
  void Text(const char* key, std::string& out, bool multi_line = false) {
    if (!body_.contains(key)) return;
    const json& v = body_.at(key);
    if (v.is_string()) {
      if (CheckText(key, v, multi_line)) out = v.get<std::string>();
    } else {
      fields_[key] = "must be a string";
    }
  }
  void OptText(const char* key, std::optional<std::string>& out, bool multi_line = false) {
    if (!body_.contains(key)) return;
    const json& v = body_.at(key);
    if (v.is_null()) {
      out.reset();
    } else if (v.is_string()) {
      if (CheckText(key, v, multi_line)) out = v.get<std::string>();
    } else {
      fields_[key] = "must be a string or null";
    }
  }
  void OptInt(const char* key, std::optional<std::int64_t>& out) {
    if (!body_.contains(key)) return;
    const json& v = body_.at(key);
    if (v.is_null()) {
      out.reset();
    } else if (v.is_number_integer()) {
      out = v.get<std::int64_t>();
    } else {
      fields_[key] = "must be an integer or null";
    }
  }
  void Bool(const char* key, bool& out) {
    if (!body_.contains(key)) return;
    const json& v = body_.at(key);
    if (v.is_boolean()) {
      out = v.get<bool>();
    } else {
      fields_[key] = "must be true or false";
    }
  }
  void TextList(const char* key, std::vector<std::string>& out) {
    if (!body_.contains(key)) return;
    const json& v = body_.at(key);
    if (!v.is_array()) {
      fields_[key] = "must be a list of strings";
      return;
    }
    std::vector<std::string> list;
    for (const auto& item : v) {
      if (!item.is_string()) {
        fields_[key] = "must be a list of strings";
        return;
      }
      if (!CheckText(key, item, false)) return;
      list.push_back(item.get<std::string>());
    }
    out = std::move(list);
  }
  void IntList(const char* key, std::vector<std::int64_t>& out) {
    if (!body_.contains(key)) return;
    const json& v = body_.at(key);
    if (!v.is_array()) {
      fields_[key] = "must be a list of integers";
      return;
    }
    std::vector<std::int64_t> list;
    for (const auto& item : v) {
      if (!item.is_number_integer()) {
        fields_[key] = "must be a list of integers";
        return;
      }
      list.push_back(item.get<std::int64_t>());
    }
    out = std::move(list);
  }
  template <typename E>
  void Enum(const char* key, E& out, std::optional<E> (*parse)(std::string_view),
            const std::vector<std::string>& names) {
    if (!body_.contains(key)) return;
    const json& v = body_.at(key);
    std::optional<E> parsed;
    if (v.is_string()) parsed = parse(v.get<std::string>());
    if (parsed) {
      out = *parsed;
    } else {
      std::string allowed;
      for (const auto& n : names) allowed += (allowed.empty() ? "" : ", ") + n;
      fields_[key] = "must be one of: " + allowed;
    }
  }
  void Unknown(const std::set<std::string>& known, const std::string& prefix = "") {
    for (const auto& [k, v] : body_.items()) {
      if (!known.count(k)) fields_[prefix + k] = "is not a known field";
    }
  }
  void Merge(const Status::Fields& more, const std::string& prefix) {
    for (const auto& [k, v] : more) fields_[prefix + k] = v;
  }
  void Fail(const std::string& key, const std::string& why) { fields_[key] = why; }

  const Status::Fields& fields() const { return fields_; }

 private:
  bool CheckText(const char* key, const json& v, bool multi_line) {
    if (auto why = ValidateText(v.get_ref<const std::string&>(), multi_line)) {
      fields_[key] = *why;
      return false;
    }
    return true;
  }

  const json& body_;
  Status::Fields fields_;
};

json Nullable(const std::optional<std::string>& v) { return v ? json(*v) : json(nullptr); }
json Nullable(const std::optional<std::int64_t>& v) { return v ? json(*v) : json(nullptr); }

Status Invalid(const Status::Fields& fields, std::string reason = "events.invalid") {
  const std::string first = fields.begin()->first + " " + fields.begin()->second;
  return Status::Unprocessable(std::move(reason), "the request is not valid: " + first, fields);
}

}  // namespace

Result<Event> DecodeEvent(const json& body, Event e) {
  if (!body.is_object()) {
    return Status::InvalidArgument("request.bad_json", "the body must be a JSON object");
  }
  Decoder d(body);
  d.Unknown({"code",
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
             "group_ids",
             "topics",
             "parent_id",
             "programme",
             "pillar",
             "remote",
             "requires_endorsement",
             "capacity_in_person",
             "capacity_remote"});
  d.OptText("code", e.code);
  d.Enum("kind", e.kind, &ParseEventKind, EventKindNames());
  d.Text("title", e.title);
  d.Text("description", e.description, /*multi_line=*/true);
  d.Text("start_date", e.start_date);
  d.Text("end_date", e.end_date);
  d.Enum("date_precision", e.date_precision, &ParseDatePrecision, DatePrecisionNames());
  d.Text("time_zone", e.time_zone);
  d.OptText("start_time", e.start_time);
  d.OptText("end_time", e.end_time);
  d.OptText("city", e.city);
  d.OptText("country", e.country);
  d.Text("host", e.host);
  d.Enum("mode", e.mode, &ParseEventMode, EventModeNames());
  d.Enum("status", e.status, &ParseEventStatus, EventStatusNames());
  d.IntList("group_ids", e.group_ids);
  d.TextList("topics", e.topics);
  d.OptInt("parent_id", e.parent_id);
  d.OptInt("programme", e.programme);
  d.OptText("pillar", e.pillar);
  d.Bool("requires_endorsement", e.requires_endorsement);
  d.OptInt("capacity_in_person", e.capacity_in_person);
  d.OptInt("capacity_remote", e.capacity_remote);
  if (body.contains("remote")) {
    const json& r = body.at("remote");
    if (r.is_null()) {
      e.remote = RemoteDetails();
    } else if (!r.is_object()) {
      d.Fail("remote", "must be an object");
    } else {
      Decoder rd(r);
      rd.Unknown({"link", "dial_in", "interpretation_languages", "link_public", "link_visible"});
      rd.OptText("link", e.remote.link);
      rd.OptText("dial_in", e.remote.dial_in, /*multi_line=*/true);
      rd.TextList("interpretation_languages", e.remote.interpretation_languages);
      rd.Bool("link_public", e.remote.link_public);
      d.Merge(rd.fields(), "remote.");
    }
  }
  if (!d.fields().empty()) return Invalid(d.fields());
  return e;
}

json EncodeEventSummary(const Event& e) {
  return {{"id", e.id},
          {"kind", Name(e.kind)},
          {"title", e.title},
          {"start_date", e.start_date},
          {"end_date", e.end_date},
          {"date_precision", Name(e.date_precision)},
          {"dates_label", DatesLabel(e)},
          {"city", Nullable(e.city)},
          {"country", Nullable(e.country)},
          {"mode", Name(e.mode)},
          {"status", Name(e.status)}};
}

json EncodeEvent(const Event& e, const EventView& view) {
  json remote = {{"link", view.show_remote_link ? Nullable(e.remote.link) : json(nullptr)},
                 {"dial_in", view.show_remote_link ? Nullable(e.remote.dial_in) : json(nullptr)},
                 {"interpretation_languages", e.remote.interpretation_languages},
                 {"link_public", e.remote.link_public},
                 {"link_visible", view.show_remote_link},
                 {"has_link", e.remote.link.has_value()}};
  json free_in_person =
      e.capacity_in_person
          ? json(std::max<std::int64_t>(0, *e.capacity_in_person - e.taken_in_person))
          : json(nullptr);
  json free_remote = e.capacity_remote
                         ? json(std::max<std::int64_t>(0, *e.capacity_remote - e.taken_remote))
                         : json(nullptr);
  return {{"id", e.id},
          {"code", Nullable(e.code)},
          {"kind", Name(e.kind)},
          {"title", e.title},
          {"description", e.description},
          {"start_date", e.start_date},
          {"end_date", e.end_date},
          {"date_precision", Name(e.date_precision)},
          {"dates_label", DatesLabel(e)},
          {"time_zone", e.time_zone},
          {"start_time", Nullable(e.start_time)},
          {"end_time", Nullable(e.end_time)},
          {"city", Nullable(e.city)},
          {"country", Nullable(e.country)},
          {"country_name", Nullable(view.country_name)},
          {"region", Nullable(view.region)},
          {"virtual", e.mode == EventMode::kVirtual},
          {"host", e.host},
          {"mode", Name(e.mode)},
          {"status", Name(e.status)},
          {"group_ids", e.group_ids},
          {"group_names", view.group_names},
          {"topics", e.topics},
          {"parent_id", Nullable(e.parent_id)},
          {"programme", Nullable(e.programme)},
          {"pillar", Nullable(e.pillar)},
          {"remote", remote},
          {"requires_endorsement", e.requires_endorsement},
          {"capacity_in_person", Nullable(e.capacity_in_person)},
          {"capacity_remote", Nullable(e.capacity_remote)},
          {"taken_in_person", e.taken_in_person},
          {"taken_remote", e.taken_remote},
          {"free_in_person", free_in_person},
          {"free_remote", free_remote},
          {"sequence", e.sequence},
          {"created_at", e.created_at},
          {"updated_at", e.updated_at}};
}

json EncodeRegistration(const Registration& r) {
  return {{"id", r.id},
          {"event_id", r.event_id},
          {"person_id", r.person_id},
          {"mode", Name(r.mode)},
          {"role", Name(r.role)},
          {"status", Name(r.status)},
          {"waitlist_position", Nullable(r.waitlist_position)},
          {"approved_by", Nullable(r.approved_by)},
          {"approved_at", Nullable(r.approved_at)},
          {"created_at", r.created_at},
          {"updated_at", r.updated_at}};
}

json EncodeAttendance(const Attendance& a) {
  return {{"id", a.id},
          {"registration_id", a.registration_id},
          {"day", a.day},
          {"mode", Name(a.mode)},
          {"source", Name(a.source)},
          {"recorded_by", Nullable(a.recorded_by)},
          {"recorded_at", a.recorded_at}};
}

Result<RegistrationInput> DecodeRegistrationInput(const json& body) {
  if (!body.is_object()) {
    return Status::InvalidArgument("request.bad_json", "the body must be a JSON object");
  }
  RegistrationInput in;
  Decoder d(body);
  d.Unknown({"person_id", "mode", "role"});
  d.OptInt("person_id", in.person_id);
  if (!body.contains("mode")) d.Fail("mode", "is required (in_person or remote)");
  d.Enum("mode", in.mode, &ParseParticipationMode, ParticipationModeNames());
  d.Enum("role", in.role, &ParseRegistrationRole, RegistrationRoleNames());
  if (!d.fields().empty()) return Invalid(d.fields());
  return in;
}

Result<Attendance> DecodeAttendance(const json& body) {
  if (!body.is_object()) {
    return Status::InvalidArgument("request.bad_json", "the body must be a JSON object");
  }
  Attendance a;
  Decoder d(body);
  d.Unknown({"day", "mode", "source"});
  if (!body.contains("day")) d.Fail("day", "is required (YYYY-MM-DD)");
  if (!body.contains("mode")) d.Fail("mode", "is required (in_person or remote)");
  if (!body.contains("source")) d.Fail("source", "is required (checkin or remote_join)");
  d.Text("day", a.day);
  d.Enum("mode", a.mode, &ParseParticipationMode, ParticipationModeNames());
  d.Enum("source", a.source, &ParseAttendanceSource, AttendanceSourceNames());
  if (!d.fields().empty()) return Invalid(d.fields(), "events.invalid_attendance");
  return a;
}

// ---- schemas

json EnumSchema(const std::vector<std::string>& values) {
  return {{"type", "string"}, {"enum", values}};
}

namespace {
json NullableString() { return {{"type", {"string", "null"}}}; }
json NullableInt() { return {{"type", {"integer", "null"}}}; }
json Date() { return {{"type", "string"}, {"format", "date"}}; }
json Strings() { return {{"type", "array"}, {"items", {{"type", "string"}}}}; }
json Ints() { return {{"type", "array"}, {"items", {{"type", "integer"}}}}; }
}  // namespace

json EventInputSchema(bool for_create) {
  json remote = {{"type", "object"},
                 {"additionalProperties", false},
                 {"properties",
                  {{"link", NullableString()},
                   {"dial_in", NullableString()},
                   {"interpretation_languages", Strings()},
                   {"link_public", {{"type", "boolean"}}}}}};
  json s = {
      {"type", "object"},
      {"additionalProperties", false},
      {"properties",
       {{"code", NullableString()},
        {"kind", EnumSchema(EventKindNames())},
        {"title", {{"type", "string"}, {"maxLength", 300}}},
        {"description", {{"type", "string"}}},
        {"start_date",
         {{"type", "string"}, {"description", "YYYY-MM-DD (or YYYY-MM with month precision)"}}},
        {"end_date", {{"type", "string"}, {"description", "YYYY-MM-DD, inclusive"}}},
        {"date_precision", EnumSchema(DatePrecisionNames())},
        {"time_zone", {{"type", "string"}, {"description", "IANA time zone of the venue"}}},
        {"start_time", NullableString()},
        {"end_time", NullableString()},
        {"city", NullableString()},
        {"country", NullableString()},
        {"host", {{"type", "string"}}},
        {"mode", EnumSchema(EventModeNames())},
        {"status", EnumSchema(EventStatusNames())},
        {"group_ids", Ints()},
        {"topics", Strings()},
        {"parent_id", NullableInt()},
        {"programme", NullableInt()},
        {"pillar", NullableString()},
        {"remote", remote},
        {"requires_endorsement", {{"type", "boolean"}}},
        {"capacity_in_person", NullableInt()},
        {"capacity_remote", NullableInt()}}}};
  if (for_create) s["required"] = {"kind", "title", "start_date", "mode"};
  return s;
}

json EventSchema() {
  json summary = {{"type", "object"},
                  {"properties",
                   {{"id", {{"type", "integer"}}},
                    {"kind", EnumSchema(EventKindNames())},
                    {"title", {{"type", "string"}}},
                    {"start_date", Date()},
                    {"end_date", Date()},
                    {"dates_label", {{"type", "string"}}},
                    {"status", EnumSchema(EventStatusNames())}}}};
  return {{"type", "object"},
          {"required", {"id", "kind", "title", "start_date", "end_date", "mode", "status"}},
          {"properties",
           {{"id", {{"type", "integer"}}},
            {"code", NullableString()},
            {"kind", EnumSchema(EventKindNames())},
            {"title", {{"type", "string"}}},
            {"description", {{"type", "string"}}},
            {"start_date", Date()},
            {"end_date", Date()},
            {"date_precision", EnumSchema(DatePrecisionNames())},
            {"dates_label", {{"type", "string"}, {"example", "20-21 October 2019"}}},
            {"time_zone", {{"type", "string"}}},
            {"start_time", NullableString()},
            {"end_time", NullableString()},
            {"city", NullableString()},
            {"country", NullableString()},
            {"country_name", NullableString()},
            {"region", NullableString()},
            {"virtual", {{"type", "boolean"}}},
            {"host", {{"type", "string"}}},
            {"mode", EnumSchema(EventModeNames())},
            {"status", EnumSchema(EventStatusNames())},
            {"group_ids", Ints()},
            {"group_names", Strings()},
            {"topics", Strings()},
            {"parent_id", NullableInt()},
            {"programme", NullableInt()},
            {"pillar", NullableString()},
            {"remote",
             {{"type", "object"},
              {"properties",
               {{"link", NullableString()},
                {"dial_in", NullableString()},
                {"interpretation_languages", Strings()},
                {"link_public", {{"type", "boolean"}}},
                {"link_visible", {{"type", "boolean"}}},
                {"has_link", {{"type", "boolean"}}}}}}},
            {"requires_endorsement", {{"type", "boolean"}}},
            {"capacity_in_person", NullableInt()},
            {"capacity_remote", NullableInt()},
            {"taken_in_person", {{"type", "integer"}}},
            {"taken_remote", {{"type", "integer"}}},
            {"free_in_person", NullableInt()},
            {"free_remote", NullableInt()},
            {"sequence", {{"type", "integer"}}},
            {"created_at", {{"type", "string"}}},
            {"updated_at", {{"type", "string"}}},
            {"collocated", {{"type", "array"}, {"items", summary}}},
            {"parent", {{"oneOf", {summary, {{"type", "null"}}}}}},
            {"my_registration", {{"type", {"object", "null"}}}}}}};
}

json EventListSchema() {
  return {{"type", "object"},
          {"required", {"events"}},
          {"properties",
           {{"events", {{"type", "array"}, {"items", EventSchema()}}},
            {"count", {{"type", "integer"}}}}}};
}

json RegistrationSchema() {
  return {{"type", "object"},
          {"properties",
           {{"id", {{"type", "integer"}}},
            {"event_id", {{"type", "integer"}}},
            {"person_id", {{"type", "integer"}}},
            {"person", {{"type", {"object", "null"}}}},
            {"mode", EnumSchema(ParticipationModeNames())},
            {"role", EnumSchema(RegistrationRoleNames())},
            {"status", EnumSchema(RegistrationStatusNames())},
            {"waitlist_position", NullableInt()},
            {"approved_by", NullableInt()},
            {"approved_at", NullableString()},
            {"attendance", {{"type", "array"}, {"items", AttendanceSchema()}}},
            {"created_at", {{"type", "string"}}},
            {"updated_at", {{"type", "string"}}}}}};
}

json RegistrationInputSchema() {
  return {{"type", "object"},
          {"additionalProperties", false},
          {"required", {"mode"}},
          {"properties",
           {{"person_id",
             {{"type", "integer"}, {"description", "officers only; others register themselves"}}},
            {"mode", EnumSchema(ParticipationModeNames())},
            {"role", EnumSchema(RegistrationRoleNames())}}}};
}

json AttendanceSchema() {
  return {{"type", "object"},
          {"properties",
           {{"id", {{"type", "integer"}}},
            {"registration_id", {{"type", "integer"}}},
            {"day", Date()},
            {"mode", EnumSchema(ParticipationModeNames())},
            {"source", EnumSchema(AttendanceSourceNames())},
            {"recorded_by", NullableInt()},
            {"recorded_at", {{"type", "string"}}}}}};
}

json AttendanceInputSchema() {
  return {{"type", "object"},
          {"additionalProperties", false},
          {"required", {"day", "mode", "source"}},
          {"properties",
           {{"day", Date()},
            {"mode", EnumSchema(ParticipationModeNames())},
            {"source", EnumSchema(AttendanceSourceNames())}}}};
}

}  // namespace bsg::events
