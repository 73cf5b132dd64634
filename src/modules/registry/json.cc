// JSON encoding and decoding of registry records.
#include "modules/registry/json.h"

#include "platform/http/api_util.h"

namespace bsg::registry {

using nlohmann::json;
namespace u = http::api_util;

namespace {
json OptJson(const std::optional<std::string>& v) { return v ? json(*v) : json(nullptr); }
json OptJson(const std::optional<std::int64_t>& v) { return v ? json(*v) : json(nullptr); }
}  // namespace

json ToJson(const Country& c) {
  return {{"iso2", c.iso2},
          {"iso3", c.iso3},
          {"name", c.name},
          {"name_fr", c.name_fr},
          {"region", c.region}};
}

json ToJson(const ClassPeriod& p) {
  return {{"id", p.id},
          {"class", p.cls},
          {"since", OptJson(p.since)},
          {"until", OptJson(p.until)},
          {"since_effective", OptJson(p.since_effective)},
          {"until_effective", OptJson(p.until_effective)},
          {"source", p.source}};
}

json ToJson(const Classification& c) {
  return {{"iso2", c.iso2},           {"on", c.on},        {"ldc", c.ldc},
          {"lldc", c.lldc},           {"sids", c.sids},    {"developing", c.developing},
          {"developed", c.developed}, {"region", c.region}};
}

json ToJson(const Organization& o) {
  return {{"id", o.id},
          {"kind", o.kind},
          {"name", o.name},
          {"country", OptJson(o.country)},
          {"member_since", OptJson(o.member_since)},
          {"member_until", OptJson(o.member_until)},
          {"sme_size", OptJson(o.sme_size)},
          {"created_at", o.created_at},
          {"updated_at", o.updated_at}};
}

json ToJson(const Person& p) {
  return {{"id", p.id},
          {"display_name", p.DisplayName()},
          {"given_name", OptJson(p.given_name)},
          {"family_name", OptJson(p.family_name)},
          {"full_name", OptJson(p.full_name)},
          {"transliteration", OptJson(p.transliteration)},
          {"email", OptJson(p.email)},
          {"country", OptJson(p.country)},
          {"organization_id", OptJson(p.organization_id)},
          {"organization_name", OptJson(p.organization_name)},
          {"organization_kind", OptJson(p.organization_kind)},
          {"gender", p.gender},
          {"languages", p.languages},
          {"user_id", OptJson(p.user_id)},
          {"merged_into", OptJson(p.merged_into)},
          {"erased", p.erased_at.has_value()},
          {"erased_at", OptJson(p.erased_at)},
          {"created_at", p.created_at},
          {"updated_at", p.updated_at}};
}

json CountrySchema() {
  return u::Object({{"iso2", u::Str()},
                    {"iso3", u::Str()},
                    {"name", u::Str()},
                    {"name_fr", u::Str()},
                    {"region", u::Str()}},
                   {"iso2", "iso3", "name", "name_fr", "region"});
}

json ClassPeriodSchema() {
  return u::Object({{"id", u::Int()},
                    {"class", u::Enum({"ldc", "lldc", "sids", "developing"})},
                    {"since", u::NullableStr()},
                    {"until", u::NullableStr()},
                    {"since_effective", u::NullableStr()},
                    {"until_effective", u::NullableStr()},
                    {"source", u::Str()}});
}

json ClassificationSchema() {
  return u::Object({{"iso2", u::Str()},
                    {"on", u::Str()},
                    {"ldc", u::Bool()},
                    {"lldc", u::Bool()},
                    {"sids", u::Bool()},
                    {"developing", u::Bool()},
                    {"region", u::Str()}},
                   {"iso2", "on", "ldc", "lldc", "sids", "developing", "region"});
}

json OrganizationSchema() {
  return u::Object({{"id", u::Int()},
                    {"kind", u::Str()},
                    {"name", u::Str()},
                    {"country", u::NullableStr()},
                    {"member_since", u::NullableStr()},
                    {"member_until", u::NullableStr()},
                    {"sme_size", u::NullableStr()},
                    {"created_at", u::Str()},
                    {"updated_at", u::Str()}});
}

json OrganizationInputSchema() {
  return u::Object({{"kind", u::Enum({"member_state_administration", "sector_member", "associate",
                                      "academia", "sme", "international_organization", "other"})},
                    {"name", u::Str()},
                    {"country", u::NullableStr()},
                    {"member_since", u::NullableStr()},
                    {"member_until", u::NullableStr()},
                    {"sme_size", u::NullableStr()}},
                   {"kind", "name"});
}

json PersonSchema() {
  return u::Object({{"id", u::Int()},
                    {"display_name", u::Str()},
                    {"given_name", u::NullableStr()},
                    {"family_name", u::NullableStr()},
                    {"full_name", u::NullableStr()},
                    {"transliteration", u::NullableStr()},
                    {"email", u::NullableStr()},
                    {"country", u::NullableStr()},
                    {"organization_id", u::NullableInt()},
                    {"organization_name", u::NullableStr()},
                    {"organization_kind", u::NullableStr()},
                    {"gender", u::Str()},
                    {"languages", u::ArrayOf(u::Str())},
                    {"user_id", u::NullableInt()},
                    {"merged_into", u::NullableInt()},
                    {"erased", u::Bool()},
                    {"erased_at", u::NullableStr()},
                    {"created_at", u::Str()},
                    {"updated_at", u::Str()}});
}

json PersonInputSchema() {
  return u::Object({{"given_name", u::NullableStr()},
                    {"family_name", u::NullableStr()},
                    {"full_name", u::NullableStr()},
                    {"transliteration", u::NullableStr()},
                    {"email", u::NullableStr()},
                    {"country", u::NullableStr()},
                    {"organization_id", u::NullableInt()},
                    {"gender", u::Enum({"female", "male", "other", "not_stated"})},
                    {"languages", u::ArrayOf(u::Str())},
                    {"user_id", u::NullableInt()}});
}

json ImportReportSchema() {
  return u::Object({{"ok", u::Bool()},
                    {"dry_run", u::Bool()},
                    {"rows", u::Int()},
                    {"imported", u::Int()},
                    {"errors", u::ArrayOf(u::Object({{"row", u::Int()},
                                                     {"column", u::Str()},
                                                     {"reason", u::Str()},
                                                     {"value", u::Str()}}))}},
                   {"ok", "rows", "errors"});
}

Result<OrganizationDraft> OrganizationDraftFromJson(const json& body) {
  u::Body b(body, {"kind", "name", "country", "member_since", "member_until", "sme_size"});
  OrganizationDraft d;
  d.kind = b.Text("kind").value_or("");
  d.name = b.Text("name").value_or("");
  d.country = b.Text("country");
  d.member_since = b.Text("member_since");
  d.member_until = b.Text("member_until");
  d.sme_size = b.Text("sme_size");
  BSG_RETURN_IF_ERROR(b.status());
  return d;
}

Result<PersonDraft> PersonDraftFromJson(const json& body) {
  u::Body b(body, {"given_name", "family_name", "full_name", "transliteration", "email", "country",
                   "organization_id", "gender", "languages", "user_id"});
  PersonDraft d;
  d.given_name = b.Text("given_name");
  d.family_name = b.Text("family_name");
  d.full_name = b.Text("full_name");
  d.transliteration = b.Text("transliteration");
  d.email = b.Text("email");
  d.country = b.Text("country");
  d.organization_id = b.Integer("organization_id");
  d.gender = b.Text("gender").value_or("not_stated");
  d.languages = b.TextList("languages");
  d.user_id = b.Integer("user_id");
  BSG_RETURN_IF_ERROR(b.status());
  return d;
}

Result<ClassChange> ClassChangeFromJson(const json& body) {
  u::Body b(body, {"class", "change", "date", "source"});
  ClassChange c;
  c.cls = b.Text("class").value_or("");
  c.change = b.Text("change").value_or("");
  c.date = b.Text("date").value_or("");
  c.source = b.Text("source").value_or("");
  BSG_RETURN_IF_ERROR(b.status());
  return c;
}

}  // namespace bsg::registry
