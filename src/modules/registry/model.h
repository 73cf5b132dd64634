// The registry's records: countries and their dated classes, organizations, people; and the
// hooks other modules register to move their rows when two people are merged. Plain values.
#ifndef BSG_MODULES_REGISTRY_MODEL_H_
#define BSG_MODULES_REGISTRY_MODEL_H_

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "platform/db/database.h"
#include "platform/status.h"

namespace bsg::registry {

// Dates are ISO "YYYY-MM-DD" (platform/time). A class boundary may be known only to the year or
// month ("1971", "1994-12"): a partial date (time::PartialDate), which takes effect on the first
// day of the period it names.

// ---- countries

// "developing" and "developed" are both stated classes: a country with neither on a date has no
// development class stated there (statistics count it as not stated, never as developed).
inline constexpr std::array<std::string_view, 5> kClasses = {"ldc", "lldc", "sids", "developing",
                                                             "developed"};
inline constexpr std::array<std::string_view, 6> kRegions = {"AFR", "AMS", "ARB",
                                                             "ASP", "CIS", "EUR"};

struct Country {
  std::string iso2;
  std::string iso3;
  std::string name;     // English, as in Debian iso-codes
  std::string name_fr;  // French, from Debian iso-codes translations
  std::string region;   // ITU-D region: AFR AMS ARB ASP CIS EUR
};

// One stretch of time during which a country held a class. `since`/`until` as written (partial
// dates allowed); the *_effective values are full dates. nullopt since: start not recorded (the
// class is taken to hold on every date before `until`); nullopt until: still holds. The stretch
// is half-open: on `until_effective` itself the class no longer holds.
struct ClassPeriod {
  std::int64_t id = 0;
  std::string iso2;
  std::string cls;  // ldc | lldc | sids | developing
  std::optional<std::string> since;
  std::optional<std::string> until;
  std::optional<std::string> since_effective;
  std::optional<std::string> until_effective;
  std::string source;

  bool HoldsOn(std::string_view day) const {
    return (!since_effective || *since_effective <= day) &&
           (!until_effective || day < *until_effective);
  }
};

// A country's classes on one day.
struct Classification {
  std::string iso2;
  std::string on;
  bool ldc = false;
  bool lldc = false;
  bool sids = false;
  bool developing = false;
  bool developed = false;  // neither developing nor developed: not stated on that day
  std::string region;
};

// Every country and class period in memory, to answer "as of" questions without a query per
// record (statistics classify thousands of records).
class ClassIndex {
 public:
  ClassIndex() = default;
  ClassIndex(std::vector<Country> countries, std::vector<ClassPeriod> periods);
  // nullopt for an unknown country.
  std::optional<Classification> On(std::string_view iso2, std::string_view day) const;
  const Country* Find(std::string_view iso2) const;
  const std::vector<Country>& countries() const { return countries_; }

 private:
  std::vector<Country> countries_;
  std::map<std::string, std::size_t, std::less<>> by_code_;
  std::map<std::string, std::vector<ClassPeriod>, std::less<>> periods_;
};

// A dated change of class: a country enters a class (since = date) or leaves it (until = date,
// e.g. an LDC graduation).
struct ClassChange {
  std::string cls;
  std::string change;  // "enter" | "leave"
  std::string date;    // partial date allowed
  std::string source;
};

// ---- organizations

inline constexpr std::array<std::string_view, 7> kOrganizationKinds = {
    "member_state_administration", "sector_member", "associate", "academia", "sme",
    "international_organization",  "other"};
inline constexpr std::array<std::string_view, 3> kSmeSizes = {"micro", "small", "medium"};

struct Organization {
  std::int64_t id = 0;
  std::string kind;
  std::string name;
  std::optional<std::string> country;
  std::optional<std::string> member_since;  // ITU membership
  std::optional<std::string> member_until;
  std::optional<std::string> sme_size;  // only for kind sme
  std::string created_at;
  std::string updated_at;
};

// The fields a client sets; Validate fills name_key.
struct OrganizationDraft {
  std::string kind;
  std::string name;
  std::optional<std::string> country;
  std::optional<std::string> member_since;
  std::optional<std::string> member_until;
  std::optional<std::string> sme_size;
  std::string name_key;  // derived
};

struct OrganizationFilter {
  std::optional<std::string> q;
  std::optional<std::string> kind;
  std::optional<std::string> country;
  std::string sort = "name";  // name | -name | kind | country | id (a leading '-' reverses)
  std::int64_t limit = 50;
  std::int64_t offset = 0;
};

// ---- people

inline constexpr std::array<std::string_view, 4> kGenders = {"female", "male", "other",
                                                             "not_stated"};

struct Person {
  std::int64_t id = 0;
  std::optional<std::string> given_name;
  std::optional<std::string> family_name;
  std::optional<std::string> full_name;        // as written; nullopt only when erased
  std::optional<std::string> transliteration;  // Latin form
  std::optional<std::string> email;
  std::optional<std::string> country;
  std::optional<std::int64_t> organization_id;
  std::optional<std::string> organization_name;  // joined, for display
  std::optional<std::string> organization_kind;  // joined, or kept after erasure
  std::string gender = "not_stated";
  std::vector<std::string> languages;  // ISO 639-1 codes
  std::optional<std::int64_t> user_id;
  std::optional<std::int64_t> merged_into;
  std::optional<std::string> erased_at;
  std::string created_at;
  std::string updated_at;

  std::string DisplayName() const;
};

// The fields a client sets; ValidatePerson normalizes them and fills the derived keys.
struct PersonDraft {
  std::optional<std::string> given_name;
  std::optional<std::string> family_name;
  std::optional<std::string> full_name;
  std::optional<std::string> transliteration;
  std::optional<std::string> email;
  std::optional<std::string> country;
  std::optional<std::int64_t> organization_id;
  std::string gender = "not_stated";
  std::vector<std::string> languages;
  std::optional<std::int64_t> user_id;
  // derived
  std::string search_key;
  std::string sort_key;
};

struct PersonFilter {
  std::optional<std::string> q;  // accent- and case-insensitive substring of names or email
  std::optional<std::string> country;
  std::optional<std::int64_t> organization_id;
  std::optional<std::string> gender;
  bool include_merged = false;  // merged-away records are hidden unless asked for
  std::string sort = "name";    // name | -name | country | id | created_at
  std::int64_t limit = 50;
  std::int64_t offset = 0;
};

// What statistics and other modules need to know about a person.
struct PersonBrief {
  std::int64_t id = 0;
  std::string display_name;
  std::optional<std::string> country;
  std::string gender = "not_stated";
  std::optional<std::int64_t> merged_into;
};

template <typename T>
struct Page {
  std::vector<T> items;
  std::int64_t total = 0;
};

// ---- merge hooks
// When person `from` is merged into person `into`, every registered hook runs inside the merge
// transaction to move the module's rows from `from` to `into`. Register from a module factory
// (NewGroupsModule) so that the hooks exist before any request. A hook's failure rolls the merge
// back. Registering the same name twice replaces the hook. Thread-safe.
using PersonMergeHook =
    std::function<Status(db::Session& tx, std::int64_t from, std::int64_t into)>;
void RegisterPersonMergeHook(std::string name, PersonMergeHook hook);
std::vector<std::pair<std::string, PersonMergeHook>> PersonMergeHooks();

// For the privacy export (GET /api/people/{id}/export): each registered hook returns the
// module's records about the person as JSON, under its name. Same rules as merge hooks.
using PersonExportHook =
    std::function<Result<nlohmann::json>(db::Session& tx, std::int64_t person_id)>;
void RegisterPersonExportHook(std::string name, PersonExportHook hook);
std::vector<std::pair<std::string, PersonExportHook>> PersonExportHooks();

}  // namespace bsg::registry

#endif  // BSG_MODULES_REGISTRY_MODEL_H_
