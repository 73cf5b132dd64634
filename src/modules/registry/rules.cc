// Registry rules; see rules.h.
#include "modules/registry/rules.h"

#include <algorithm>
#include <cctype>
#include <utility>

#include "platform/text.h"
#include "platform/time/date.h"

namespace bsg::registry {
namespace {

// Trims an optional text; empty becomes nullopt.
void Normalize(std::optional<std::string>& value) {
  if (!value) return;
  *value = Trimmed(*value);
  if (value->empty()) value.reset();
}

std::string Upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

bool IsEmail(std::string_view e) {
  const auto at = e.find('@');
  if (at == std::string_view::npos || at == 0 || at + 1 >= e.size()) return false;
  if (e.find('@', at + 1) != std::string_view::npos) return false;
  const auto domain = e.substr(at + 1);
  if (domain.find('.') == std::string_view::npos || domain.front() == '.' || domain.back() == '.') {
    return false;
  }
  for (char c : e) {
    if (std::isspace(static_cast<unsigned char>(c)) || c == ',' || c == ';' || c == '<' ||
        c == '>') {
      return false;
    }
  }
  return e.size() <= 254;
}

constexpr std::size_t kMaxName = 300;

}  // namespace

bool IsLatinScript(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    auto cp = DecodeUtf8(text, i);
    if (!cp) return false;
    if (*cp < 0x250 || (*cp >= 0x300 && *cp <= 0x36F)) continue;  // Latin; combining marks
    if ((*cp >= 0x2000 && *cp <= 0x206F) || *cp == 0x02BC || *cp == 0x3000 ||
        (*cp >= 0x1E00 && *cp <= 0x1EFF)) {
      continue;  // spaces and punctuation; Latin Extended Additional (Vietnamese)
    }
    return false;
  }
  return true;
}

CountryMatcher::CountryMatcher(const std::vector<Country>& countries) {
  for (const auto& c : countries) {
    keys_[Lower(c.iso2)] = c.iso2;
    keys_[Lower(c.iso3)] = c.iso2;
  }
  for (const auto& c : countries) {
    keys_.emplace(MatchKey(c.name), c.iso2);
    keys_.emplace(MatchKey(c.name_fr), c.iso2);
  }
}

std::optional<std::string> CountryMatcher::Match(std::string_view text) const {
  const std::string key = MatchKey(text);
  if (key.empty()) return std::nullopt;
  auto it = keys_.find(key);
  if (it == keys_.end()) return std::nullopt;
  return it->second;
}

Status ValidateOrganization(OrganizationDraft& d, const ClassIndex& countries) {
  Status::Fields fields;
  d.name = Trimmed(d.name);
  d.kind = Trimmed(d.kind);
  Normalize(d.country);
  Normalize(d.member_since);
  Normalize(d.member_until);
  Normalize(d.sme_size);
  if (d.name.empty()) fields["name"] = "is required";
  if (d.name.size() > kMaxName) fields["name"] = "is longer than 300 characters";
  if (!OneOf(kOrganizationKinds, d.kind)) {
    fields["kind"] =
        "must be one of member_state_administration, sector_member, associate, academia, sme, "
        "international_organization, other";
  }
  if (d.country) {
    d.country = Upper(*d.country);
    if (countries.Find(*d.country) == nullptr) fields["country"] = "is not a known country";
  }
  if (d.member_since && !time::IsIsoDate(*d.member_since)) {
    fields["member_since"] = "must be a date YYYY-MM-DD";
  }
  if (d.member_until && !time::IsIsoDate(*d.member_until)) {
    fields["member_until"] = "must be a date YYYY-MM-DD";
  }
  if (d.member_since && d.member_until && time::IsIsoDate(*d.member_since) &&
      time::IsIsoDate(*d.member_until) && *d.member_until < *d.member_since) {
    fields["member_until"] = "is before member_since";
  }
  if (d.sme_size) {
    if (d.kind != "sme") {
      fields["sme_size"] = "is only for organizations of kind sme";
    } else if (!OneOf(kSmeSizes, *d.sme_size)) {
      fields["sme_size"] = "must be one of micro, small, medium";
    }
  }
  if (!fields.empty()) {
    return Status::Unprocessable("organization.invalid", "the organization is not valid",
                                 std::move(fields));
  }
  d.name_key = Fold(d.name);
  return Status::Ok();
}

Status ValidatePerson(PersonDraft& d, const ClassIndex& countries) {
  Status::Fields fields;
  Normalize(d.given_name);
  Normalize(d.family_name);
  Normalize(d.full_name);
  Normalize(d.transliteration);
  Normalize(d.email);
  Normalize(d.country);
  if (!d.full_name && (d.given_name || d.family_name)) {
    d.full_name = d.given_name && d.family_name ? *d.given_name + " " + *d.family_name
                  : d.given_name                ? *d.given_name
                                                : *d.family_name;
  }
  if (!d.full_name) {
    fields["full_name"] = "is required (or given_name and family_name)";
  } else if (d.full_name->size() > kMaxName) {
    fields["full_name"] = "is longer than 300 characters";
  }
  for (auto* name : {&d.given_name, &d.family_name, &d.transliteration}) {
    if (*name && (*name)->size() > kMaxName) fields["name"] = "is longer than 300 characters";
  }
  if (d.transliteration && !IsLatinScript(*d.transliteration)) {
    fields["transliteration"] = "must be written in Latin letters";
  }
  if (!d.transliteration && d.full_name) {
    if (IsLatinScript(*d.full_name)) {
      d.transliteration = *d.full_name;
    } else {
      fields["transliteration"] = "is required for a name not written in Latin letters";
    }
  }
  if (d.email) {
    d.email = Lower(*d.email);
    if (!IsEmail(*d.email)) fields["email"] = "is not a valid address";
  }
  if (d.country) {
    d.country = Upper(*d.country);
    if (countries.Find(*d.country) == nullptr) fields["country"] = "is not a known country";
  }
  d.gender = Trimmed(d.gender);
  if (d.gender.empty()) d.gender = "not_stated";
  if (!OneOf(kGenders, d.gender)) {
    fields["gender"] = "must be one of female, male, other, not_stated";
  }
  std::vector<std::string> languages;
  for (auto& lang : d.languages) {
    std::string code = Lower(Trimmed(lang));
    if (code.empty()) continue;
    const bool ok =
        (code.size() == 2 || code.size() == 3) &&
        std::all_of(code.begin(), code.end(), [](char c) { return c >= 'a' && c <= 'z'; });
    if (!ok) {
      fields["languages"] = "must be ISO 639 codes such as en, fr, ar";
      continue;
    }
    if (std::find(languages.begin(), languages.end(), code) == languages.end()) {
      languages.push_back(code);
    }
  }
  d.languages = std::move(languages);
  if (!fields.empty()) {
    return Status::Unprocessable("person.invalid", "the person is not valid", std::move(fields));
  }
  std::string key = Fold(*d.full_name);
  const std::string translit = Fold(*d.transliteration);
  if (translit != key) key += " " + translit;
  if (d.email) key += " " + *d.email;
  d.search_key = key;
  std::string sort = d.family_name && IsLatinScript(*d.family_name) && d.given_name
                         ? Fold(*d.family_name) + " " + Fold(*d.given_name)
                         : translit;
  d.sort_key = sort;
  return Status::Ok();
}

Result<ClassChangePlan> PlanClassChange(const std::string& iso2,
                                        const std::vector<ClassPeriod>& history,
                                        ClassChange change) {
  Status::Fields fields;
  change.cls = Trimmed(change.cls);
  change.change = Trimmed(change.change);
  change.date = Trimmed(change.date);
  change.source = Trimmed(change.source);
  if (!OneOf(kClasses, change.cls))
    fields["class"] = "must be one of ldc, lldc, sids, developing, developed";
  if (change.change != "enter" && change.change != "leave") {
    fields["change"] = "must be enter or leave";
  }
  const auto date = time::PartialDate::Parse(change.date);
  if (!date) fields["date"] = "must be a date YYYY-MM-DD, YYYY-MM or YYYY";
  if (change.source.empty()) fields["source"] = "is required: say where the change is published";
  if (!fields.empty()) {
    return Status::Unprocessable("country.invalid_class_change", "the class change is not valid",
                                 std::move(fields));
  }
  const std::string day = date->first.ToString();  // the day a partial date takes effect
  ClassChangePlan plan;
  const ClassPeriod* open = nullptr;
  for (const auto& p : history) {
    if (p.cls != change.cls) continue;
    if (!p.until_effective) open = &p;
  }
  if (change.change == "leave") {
    if (open == nullptr) {
      return Status::Conflict("country.class_not_held",
                              iso2 + " does not currently hold the class " + change.cls);
    }
    if (open->since_effective && day <= *open->since_effective) {
      return Status::Unprocessable("country.invalid_class_change", "the class change is not valid",
                                   {{"date", "must be after the day the class began"}});
    }
    ClassPeriod closed = *open;
    closed.until = change.date;
    closed.until_effective = day;
    closed.source = closed.source + "; " + change.source + " (leave)";
    plan.close = std::move(closed);
    return plan;
  }
  if (open != nullptr) {
    return Status::Conflict("country.class_already_held",
                            iso2 + " already holds the class " + change.cls);
  }
  for (const auto& p : history) {
    if (p.cls == change.cls && p.until_effective && day < *p.until_effective) {
      return Status::Unprocessable(
          "country.invalid_class_change", "the class change is not valid",
          {{"date", "must be on or after the end of the previous period (" + *p.until + ")"}});
    }
  }
  ClassPeriod added;
  added.iso2 = iso2;
  added.cls = change.cls;
  added.since = change.date;
  added.since_effective = day;
  added.source = change.source + " (enter)";
  plan.open = std::move(added);
  return plan;
}

}  // namespace bsg::registry
