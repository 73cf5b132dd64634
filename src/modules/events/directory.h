// What the events module needs to know from other modules, in one place: people, organizations
// and country classes (registry), groups (groups), programmes and pillars (mandates). The
// implementation (directory.cc) goes through those modules' store interfaces only.
//
// Thread-safety: stateless; a Session is used by one thread at a time.
#ifndef BSG_MODULES_EVENTS_DIRECTORY_H_
#define BSG_MODULES_EVENTS_DIRECTORY_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "modules/registry/model.h"
#include "platform/db/database.h"
#include "platform/status.h"

namespace bsg::events {

struct PersonInfo {
  std::int64_t id = 0;
  std::string full_name;
  std::optional<std::string> email;
  std::optional<std::string> country;  // ISO alpha-2
  std::optional<std::int64_t> organization_id;
  std::string gender = "not_stated";  // female | male | other | not_stated
  std::optional<std::int64_t> user_id;
};

struct NewPersonInfo {
  std::string given_name;
  std::string family_name;
  std::optional<std::string> email;
  std::optional<std::string> country;
  std::optional<std::int64_t> organization_id;
  std::string gender = "not_stated";
};

namespace directory {

Result<std::optional<PersonInfo>> PersonById(db::Session& s, std::int64_t id);
// The name of organization `id`; NotFound when there is none.
Result<std::string> OrganizationName(db::Session& s, std::int64_t id);
Result<std::optional<PersonInfo>> PersonByUserId(db::Session& s, std::int64_t user_id);
Result<std::optional<PersonInfo>> PersonByEmail(db::Session& s, const std::string& email);
// People whose full name matches (case- and accent-insensitively) in `country`.
Result<std::vector<PersonInfo>> PeopleByNameAndCountry(db::Session& s, const std::string& name,
                                                       const std::string& country);
// Creates a person (validated by the registry's rules: Unprocessable person.invalid with
// fields); returns the id.
Result<std::int64_t> CreatePerson(db::Session& s, const registry::ClassIndex& countries,
                                  const NewPersonInfo& p, const std::string& now);
// email (lowercase) -> person id, for every person with an email.
Result<std::unordered_map<std::string, std::int64_t>> PeopleByEmail(db::Session& s);
// The organization of that name in `country` (created when `create` is set and it is missing).
Result<std::optional<std::int64_t>> OrganizationByName(db::Session& s,
                                                       const registry::ClassIndex& countries,
                                                       const std::string& name,
                                                       const std::optional<std::string>& country,
                                                       bool create, const std::string& now);

// Every country with its dated classes (ITU region, developing, LDC, LLDC, SIDS), to answer
// "as of" questions in memory.
Result<std::shared_ptr<const registry::ClassIndex>> Countries(db::Session& s);

// Display names of groups, in the order given; NotFound-free: unknown ids are listed in
// `missing` by ValidateGroups.
Result<std::vector<std::string>> GroupNames(db::Session& s, const std::vector<std::int64_t>& ids);
// The ids among `ids` that name no group.
Result<std::vector<std::int64_t>> MissingGroups(db::Session& s,
                                                const std::vector<std::int64_t>& ids);
// The id of the group with this short code ("SG13", "SG13RG-AFR", "TSAG") in the study period
// that contains `date`; nullopt when unknown.
Result<std::optional<std::int64_t>> GroupByCode(db::Session& s, const std::string& code,
                                                const std::string& date);

// Whether `code` names an action-plan programme / a BSG pillar.
Result<bool> ProgrammeExists(db::Session& s, std::int64_t number);
Result<bool> PillarExists(db::Session& s, const std::string& code);

}  // namespace directory
}  // namespace bsg::events

#endif  // BSG_MODULES_EVENTS_DIRECTORY_H_
