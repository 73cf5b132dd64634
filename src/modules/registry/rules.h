// The registry's pure rules: validation of organizations and people, country-name matching, and
// planning of class changes. No I/O. Text folding and matching (Fold, MatchKey, OneOf) are
// platform/text.h's.
#ifndef BSG_MODULES_REGISTRY_RULES_H_
#define BSG_MODULES_REGISTRY_RULES_H_

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "modules/registry/model.h"
#include "platform/status.h"

namespace bsg::registry {

// True when every letter of `text` is Latin (up to U+024F, plus combining marks); spaces,
// digits and punctuation are ignored.
bool IsLatinScript(std::string_view text);

// Checks and normalizes a draft; fills name_key. Unprocessable (organization.invalid) with
// per-field messages.
Status ValidateOrganization(OrganizationDraft& draft, const ClassIndex& countries);

// Checks and normalizes a draft: trims names, lowercases the email, uppercases the country,
// fills full_name from given and family names when absent, derives the transliteration of a
// Latin-script name when absent (required otherwise), and fills search_key and sort_key.
// Unprocessable (person.invalid) with per-field messages.
Status ValidatePerson(PersonDraft& draft, const ClassIndex& countries);

// Finds a country from what people write: ISO alpha-2 or alpha-3 code, or the English or
// French name, compared without case, accents, spaces or punctuation ("cote d'ivoire",
// "CÔTE D’IVOIRE", "CIV" and "Côte d'Ivoire" all match CI).
class CountryMatcher {
 public:
  explicit CountryMatcher(const std::vector<Country>& countries);
  std::optional<std::string> Match(std::string_view text) const;

 private:
  std::map<std::string, std::string> keys_;  // key -> iso2
};

// What a class change does to a country's history.
struct ClassChangePlan {
  std::optional<ClassPeriod> close;  // the open period to end (until set)
  std::optional<ClassPeriod> open;   // the new period to insert
};

// Plans `change` against the country's periods of the same class. Unprocessable
// (country.invalid_class_change) with fields when the class or date is invalid; Conflict
// (country.class_already_held / country.class_not_held) when entering a class already held on
// that date or leaving one not held.
Result<ClassChangePlan> PlanClassChange(const std::string& iso2,
                                        const std::vector<ClassPeriod>& history,
                                        ClassChange change);

}  // namespace bsg::registry

#endif  // BSG_MODULES_REGISTRY_RULES_H_
