// Registry rules; see rules.h.
#include "modules/registry/rules.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <utility>

#include "platform/text.h"

namespace bsg::registry {
namespace {

// Latin-1 Supplement and Latin Extended-A letters, U+00C0..U+017F, folded.
static constexpr const char* kFold[] = {
    "a", "a", "a",  "a",  "a", "a", "ae", "c",  "e",  "e", "e", "e", "i",  "i",  "i", "i", "d", "n",
    "o", "o", "o",  "o",  "o", "x", "o",  "u",  "u",  "u", "u", "y", "th", "ss", "a", "a", "a", "a",
    "a", "a", "ae", "c",  "e", "e", "e",  "e",  "i",  "i", "i", "i", "d",  "n",  "o", "o", "o", "o",
    "o", "/", "o",  "u",  "u", "u", "u",  "y",  "th", "y", "a", "a", "a",  "a",  "a", "a", "c", "c",
    "c", "c", "c",  "c",  "c", "c", "d",  "d",  "d",  "d", "e", "e", "e",  "e",  "e", "e", "e", "e",
    "e", "e", "g",  "g",  "g", "g", "g",  "g",  "g",  "g", "h", "h", "h",  "h",  "i", "i", "i", "i",
    "i", "i", "i",  "i",  "i", "i", "ij", "ij", "j",  "j", "k", "k", "q",  "l",  "l", "l", "l", "l",
    "l", "l", "l",  "l",  "l", "n", "n",  "n",  "n",  "n", "n", "n", "n",  "n",  "o", "o", "o", "o",
    "o", "o", "oe", "oe", "r", "r", "r",  "r",  "r",  "r", "s", "s", "s",  "s",  "s", "s", "s", "s",
    "t", "t", "t",  "t",  "t", "t", "u",  "u",  "u",  "u", "u", "u", "u",  "u",  "u", "u", "u", "u",
    "w", "w", "y",  "y",  "y", "z", "z",  "z",  "z",  "z", "z", "s",
};

// Decodes the code point at `i` (advancing it); nullopt for an invalid sequence (skipping one
// byte).
std::optional<std::uint32_t> NextCodePoint(std::string_view s, std::size_t& i) {
  const auto c = static_cast<std::uint8_t>(s[i]);
  int extra = 0;
  std::uint32_t cp = 0;
  if (c < 0x80) {
    ++i;
    return c;
  } else if ((c & 0xE0) == 0xC0) {
    extra = 1;
    cp = c & 0x1F;
  } else if ((c & 0xF0) == 0xE0) {
    extra = 2;
    cp = c & 0x0F;
  } else if ((c & 0xF8) == 0xF0) {
    extra = 3;
    cp = c & 0x07;
  } else {
    ++i;
    return std::nullopt;
  }
  if (i + static_cast<std::size_t>(extra) >= s.size()) {
    i = s.size();
    return std::nullopt;
  }
  for (int k = 1; k <= extra; ++k) {
    const auto cc = static_cast<std::uint8_t>(s[i + k]);
    if ((cc & 0xC0) != 0x80) {
      ++i;
      return std::nullopt;
    }
    cp = (cp << 6) | (cc & 0x3F);
  }
  i += static_cast<std::size_t>(extra) + 1;
  return cp;
}

void AppendUtf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

bool IsSpace(std::uint32_t cp) {
  return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0xA0 ||
         (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F || cp == 0x3000;
}

bool IsCombining(std::uint32_t cp) { return cp >= 0x300 && cp <= 0x36F; }

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

std::string Fold(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  std::size_t i = 0;
  while (i < text.size()) {
    auto cp = NextCodePoint(text, i);
    if (!cp) continue;
    if (IsSpace(*cp)) {
      pending_space = !out.empty();
      continue;
    }
    if (IsCombining(*cp)) continue;
    if (pending_space) {
      out += ' ';
      pending_space = false;
    }
    if (*cp < 0x80) {
      out += static_cast<char>(std::tolower(static_cast<int>(*cp)));
    } else if (*cp >= 0xC0 && *cp < 0x180) {
      out += kFold[*cp - 0xC0];
    } else if (*cp == 0x2018 || *cp == 0x2019 || *cp == 0x02BC) {
      out += '\'';
    } else if (*cp >= 0x2010 && *cp <= 0x2015) {
      out += '-';
    } else {
      AppendUtf8(out, *cp);
    }
  }
  return out;
}

bool IsLatinScript(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    auto cp = NextCodePoint(text, i);
    if (!cp) return false;
    if (*cp < 0x250 || IsCombining(*cp) || IsSpace(*cp)) continue;
    if ((*cp >= 0x2000 && *cp <= 0x206F) || *cp == 0x02BC || (*cp >= 0x1E00 && *cp <= 0x1EFF)) {
      continue;  // punctuation; Latin Extended Additional (Vietnamese)
    }
    return false;
  }
  return true;
}

std::string MatchKey(std::string_view text) {
  std::string out;
  for (char c : Fold(text)) {
    if (std::isalnum(static_cast<unsigned char>(c)) || (static_cast<unsigned char>(c) >= 0x80)) {
      out += c;
    }
  }
  return out;
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
  if (d.member_since && !IsIsoDate(*d.member_since)) {
    fields["member_since"] = "must be a date YYYY-MM-DD";
  }
  if (d.member_until && !IsIsoDate(*d.member_until)) {
    fields["member_until"] = "must be a date YYYY-MM-DD";
  }
  if (d.member_since && d.member_until && IsIsoDate(*d.member_since) &&
      IsIsoDate(*d.member_until) && *d.member_until < *d.member_since) {
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
  if (!OneOf(kClasses, change.cls)) fields["class"] = "must be one of ldc, lldc, sids, developing";
  if (change.change != "enter" && change.change != "leave") {
    fields["change"] = "must be enter or leave";
  }
  if (!IsPartialDate(change.date)) fields["date"] = "must be a date YYYY-MM-DD, YYYY-MM or YYYY";
  if (change.source.empty()) fields["source"] = "is required: say where the change is published";
  if (!fields.empty()) {
    return Status::Unprocessable("country.invalid_class_change", "the class change is not valid",
                                 std::move(fields));
  }
  const std::string day = EffectiveDate(change.date);
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
