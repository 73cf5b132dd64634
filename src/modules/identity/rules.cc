#include "modules/identity/rules.h"

#include <algorithm>
#include <cctype>

namespace bsg::identity {
namespace {

bool HasControlCharacter(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u < 0x20 || u == 0x7F;
  });
}

std::size_t CodePoints(std::string_view s) {
  return static_cast<std::size_t>(std::count_if(
      s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

}  // namespace

std::string NormalizeEmail(std::string_view email) {
  auto is_space = [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; };
  while (!email.empty() && is_space(email.front())) email.remove_prefix(1);
  while (!email.empty() && is_space(email.back())) email.remove_suffix(1);
  std::string out(email);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

void CheckEmail(const std::string& email, FieldErrors& fields, const std::string& field) {
  const auto at = email.find('@');
  const bool ok = !email.empty() && email.size() <= 254 && at != std::string::npos && at > 0 &&
                  at <= 64 && email.find('@', at + 1) == std::string::npos &&
                  email.find(' ') == std::string::npos && !HasControlCharacter(email) &&
                  email.find('.', at + 2) != std::string::npos && email.back() != '.';
  if (!ok) fields[field] = "is not a valid email address";
}

void CheckDisplayName(const std::string& name, FieldErrors& fields, const std::string& field) {
  const auto n = CodePoints(name);
  if (n == 0 || name.find_first_not_of(' ') == std::string::npos) {
    fields[field] = "must not be empty";
  } else if (n > 200) {
    fields[field] = "must be at most 200 characters";
  } else if (HasControlCharacter(name)) {
    fields[field] = "must not contain control characters";
  }
}

void CheckLanguage(const std::string& language, FieldErrors& fields, const std::string& field) {
  if (std::find(kLanguages.begin(), kLanguages.end(), language) == kLanguages.end()) {
    fields[field] = "must be one of ar, zh, en, fr, ru, es";
  }
}

bool IsRole(std::string_view role) {
  return std::find(kRoles.begin(), kRoles.end(), role) != kRoles.end();
}

void CheckRolesAndCountry(const std::set<std::string>& roles,
                          const std::optional<std::string>& country, FieldErrors& fields) {
  for (const auto& role : roles) {
    if (!IsRole(role)) {
      fields["roles"] =
          "'" + role + "' is not a role (admin, officer, committee, focal_point, delegate, viewer)";
      break;
    }
  }
  if (country) {
    const bool iso2 = country->size() == 2 &&
                      std::isupper(static_cast<unsigned char>((*country)[0])) &&
                      std::isupper(static_cast<unsigned char>((*country)[1]));
    if (!iso2) {
      fields["country"] = "must be an ISO 3166-1 alpha-2 code in capitals, such as KE";
    } else if (roles.count(std::string(kRoleFocalPoint)) == 0) {
      fields["country"] = "is only set for a focal point";
    }
  } else if (roles.count(std::string(kRoleFocalPoint)) > 0) {
    fields["country"] = "is required for a focal point";
  }
}

Status FieldsToStatus(FieldErrors fields) {
  if (fields.empty()) return Status::Ok();
  return Status::Unprocessable("user.invalid", "Some fields are not valid.", std::move(fields));
}

Result<std::set<std::string>> NormalizeScopes(const std::set<std::string>& requested) {
  if (requested.empty()) {
    return Status::Unprocessable("token.invalid", "Give at least one scope.",
                                 {{"scopes", "must contain read, write or metrics"}});
  }
  if (requested.count(std::string(kScopeMetrics)) > 0) {
    if (requested.size() > 1) {
      return Status::Unprocessable("token.invalid", "The metrics scope stands alone.",
                                   {{"scopes", "metrics cannot be combined with other scopes"}});
    }
    return std::set<std::string>{std::string(kScopeMetrics)};
  }
  std::set<std::string> out{std::string(kScopeRead)};
  for (const auto& s : requested) {
    if (s == kScopeWrite) {
      out.insert(std::string(kScopeWrite));
    } else if (s != kScopeRead) {
      return Status::Unprocessable("token.invalid", "Unknown scope.",
                                   {{"scopes", "'" + s + "' is not read, write or metrics"}});
    }
  }
  return out;
}

std::string ScopesToText(const std::set<std::string>& scopes) {
  if (scopes.count(std::string(kScopeMetrics)) > 0) return std::string(kScopeMetrics);
  return scopes.count(std::string(kScopeWrite)) > 0 ? "read write" : "read";
}

std::set<std::string> ScopesFromText(std::string_view text) {
  if (text == "read write") return {std::string(kScopeRead), std::string(kScopeWrite)};
  if (text == kScopeMetrics) return {std::string(kScopeMetrics)};
  return {std::string(kScopeRead)};
}

}  // namespace bsg::identity
