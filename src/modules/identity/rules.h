// The identity module's rules: pure checks and normalization of user input. No I/O.
#ifndef BSG_MODULES_IDENTITY_RULES_H_
#define BSG_MODULES_IDENTITY_RULES_H_

#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "modules/identity/model.h"
#include "platform/status.h"

namespace bsg::identity {

// Trims ASCII whitespace and lowercases: the one spelling of an email address identity stores and
// rate-limits on.
std::string NormalizeEmail(std::string_view email);

// Each Check* returns Unprocessable with reason user.invalid and fields[field] = why. They add to
// `fields` instead when given, so that one response lists every problem.
using FieldErrors = Status::Fields;

// A plausible address (local@domain.tld, at most 254 bytes, no spaces or control characters).
void CheckEmail(const std::string& normalized, FieldErrors& fields,
                const std::string& field = "email");
// 1 to 200 characters, no control characters.
void CheckDisplayName(const std::string& name, FieldErrors& fields,
                      const std::string& field = "display_name");
// One of kLanguages.
void CheckLanguage(const std::string& language, FieldErrors& fields,
                   const std::string& field = "language");
// Each one of kRoles; focal_point needs `country`, and a country needs focal_point.
void CheckRolesAndCountry(const std::set<std::string>& roles,
                          const std::optional<std::string>& country, FieldErrors& fields);

// Unprocessable(user.invalid, "...", fields) when `fields` is not empty, else Ok.
Status FieldsToStatus(FieldErrors fields);

// True for a known role name.
bool IsRole(std::string_view role);

// "read" -> {read}; "write" or "read write" -> {read, write}; "metrics" -> {metrics} (it stands
// alone). Unprocessable (token.invalid) for anything else.
Result<std::set<std::string>> NormalizeScopes(const std::set<std::string>& requested);
// The scopes as stored: "read", "read write" or "metrics".
std::string ScopesToText(const std::set<std::string>& scopes);
std::set<std::string> ScopesFromText(std::string_view text);

}  // namespace bsg::identity

#endif  // BSG_MODULES_IDENTITY_RULES_H_
