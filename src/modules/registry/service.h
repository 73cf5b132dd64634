// The registry's use cases: countries and their class changes, organizations, people (create,
// update, delete, merge, erase, the privacy export). Each runs in one database transaction; a
// change records its audit event (platform/audit.h) in that same transaction, so both commit or
// neither. The HTTP handlers (api.cc) decode, call one of these and encode. Imports and exports
// of whole files are transfer.h's use cases.
//
// Changes take the actor and `now` (the timestamp written to created_at/updated_at/erased_at/
// merged_at) from the caller.
//
// Thread-safety: RegistryService holds only a reference to the database; safe from any thread.
#ifndef BSG_MODULES_REGISTRY_SERVICE_H_
#define BSG_MODULES_REGISTRY_SERVICE_H_

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "modules/registry/model.h"
#include "modules/registry/store.h"
#include "platform/audit.h"
#include "platform/db/database.h"
#include "platform/status.h"

namespace bsg::registry {

// Which countries to list, and the day their classes are taken on.
struct CountryFilter {
  std::string on;                     // YYYY-MM-DD
  std::optional<std::string> region;  // one of kRegions
  std::optional<std::string> cls;     // one of kClasses: held on `on`
  std::optional<std::string> q;       // name (English or French) or code, MatchKey-compared
};

struct CountryOnDay {
  Country country;
  Classification classification;
};

struct CountryDetail {
  Country country;
  Classification classification;  // on the day asked for
  std::vector<ClassPeriod> history;
};

// Who reads people: readers (officers, committee, viewers) see anyone; anyone else only the
// person linked to their own account.
struct PersonReader {
  bool reads_anyone = false;
  std::int64_t user_id = 0;
};

// Everything recorded about a person: the record, its organization, and what each module's
// export hook (RegisterPersonExportHook) returns, by hook name.
struct PersonExport {
  Person person;
  std::optional<Organization> organization;
  std::map<std::string, nlohmann::json> related;
};

class RegistryService {
 public:
  explicit RegistryService(db::Database& db) : db_(db) {}

  // ---- countries
  // Countries matching `filter`, in the order of the country list, with their classes on
  // filter.on.
  Result<std::vector<CountryOnDay>> ListCountries(const CountryFilter& filter);
  // A country, its classes on `day` and its class history. NotFound country.not_found.
  Result<CountryDetail> GetCountry(const std::string& iso2, const std::string& day);
  // A country's classes on `day`. NotFound country.not_found.
  Result<Classification> Classify(const std::string& iso2, const std::string& day);
  // Records a dated class change (audited "class_change" on country_class `iso2`) and returns
  // the country's class history after it. NotFound country.not_found; Unprocessable
  // country.invalid_class_change; Conflict country.class_already_held / country.class_not_held.
  Result<std::vector<ClassPeriod>> ChangeClass(const AuditActor& actor, const std::string& iso2,
                                               const ClassChange& change);

  // ---- organizations
  Result<Page<Organization>> ListOrganizations(const OrganizationFilter& filter);
  Result<Organization> GetOrganization(std::int64_t id);  // NotFound organization.not_found
  // Validates (Unprocessable organization.invalid) and stores; Conflict organization.duplicate.
  Result<Organization> CreateOrganization(const AuditActor& actor, OrganizationDraft draft,
                                          const std::string& now);
  // As CreateOrganization, replacing organization `id` (NotFound organization.not_found).
  Result<Organization> UpdateOrganization(const AuditActor& actor, std::int64_t id,
                                          OrganizationDraft draft, const std::string& now);
  // NotFound organization.not_found; Conflict organization.in_use while people belong to it.
  Status DeleteOrganization(const AuditActor& actor, std::int64_t id);

  // ---- people
  Result<Page<Person>> ListPeople(const PersonFilter& filter);
  // NotFound person.not_found; PermissionDenied person.not_own for a reader who may see only
  // their own record.
  Result<Person> GetPerson(const PersonReader& reader, std::int64_t id);
  // The person linked to user account `user_id`, if any.
  Result<std::optional<Person>> PersonOfUser(std::int64_t user_id);
  // The privacy export, with GetPerson's errors.
  Result<PersonExport> ExportPerson(const PersonReader& reader, std::int64_t id);
  // Validates (Unprocessable person.invalid) and stores; Conflict person.duplicate_email /
  // person.duplicate_user.
  Result<Person> CreatePerson(const AuditActor& actor, PersonDraft draft, const std::string& now);
  // As CreatePerson, replacing person `id`: NotFound person.not_found; Conflict person.read_only
  // for an erased or merged-away person.
  Result<Person> UpdatePerson(const AuditActor& actor, std::int64_t id, PersonDraft draft,
                              const std::string& now);
  // NotFound person.not_found; Conflict person.in_use while other records refer to the person.
  Status DeletePerson(const AuditActor& actor, std::int64_t id);
  // Merges person `from` into `into` (the survivor, returned): marks `from` merged, runs every
  // merge hook (RegisterPersonMergeHook), audits both records. Unprocessable
  // person.invalid_merge (itself, or no such survivor); NotFound person.not_found; Conflict
  // person.not_mergeable (either one merged away or erased).
  Result<Person> MergePerson(const AuditActor& actor, std::int64_t from, std::int64_t into,
                             const std::string& now);
  // Removes the person's identity and keeps country, gender and the organization's kind
  // (Store::ErasePerson); the audit event names only what was kept. NotFound person.not_found;
  // Conflict person.already_erased.
  Result<Person> ErasePerson(const AuditActor& actor, std::int64_t id, const std::string& now);

 private:
  db::Database& db_;
  const Store store_;
};

}  // namespace bsg::registry

#endif  // BSG_MODULES_REGISTRY_SERVICE_H_
