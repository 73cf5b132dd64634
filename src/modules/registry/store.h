// The registry's storage: countries and class periods, organizations, people. Implemented in
// store_sql.cc (the only file with the registry's SQL) on SQLite and PostgreSQL alike.
//
// Every method runs on the Session it is given, so callers compose them in one transaction.
// Errors: NotFound with reasons country.not_found, organization.not_found, person.not_found;
// Conflict organization.duplicate / person.duplicate_email / person.duplicate_user for unique
// violations; other db.* errors as the database reports them.
//
// Thread-safety: stateless; safe to share.
#ifndef BSG_MODULES_REGISTRY_STORE_H_
#define BSG_MODULES_REGISTRY_STORE_H_

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "modules/registry/model.h"
#include "platform/db/database.h"
#include "platform/status.h"

namespace bsg::registry {

// Rows for bulk loading generated data (Store::BulkLoadOrganizations / BulkLoadPeople): the id the
// caller chose, and the record's fields with their derived keys already filled.
struct OrganizationLoadRow {
  std::int64_t id = 0;
  OrganizationDraft draft;
};
struct PersonLoadRow {
  std::int64_t id = 0;
  PersonDraft draft;
};

class Store {
 public:
  Store() {}  // user-provided, so that const Store objects can be declared
  // ---- countries
  Result<std::vector<Country>> Countries(db::Session& s) const;
  // Class periods of one country (or of all when nullopt), by class then start.
  Result<std::vector<ClassPeriod>> ClassPeriods(db::Session& s,
                                                const std::optional<std::string>& iso2) const;
  // Every country and class period, held in memory while the registry's data version stays the
  // same (db::VersionedCache): one indexed read when nothing changed.
  Result<std::shared_ptr<const ClassIndex>> LoadClassIndex(db::Session& s) const;
  Result<std::int64_t> InsertClassPeriod(db::Session& s, const ClassPeriod& period) const;
  // Writes until, until_effective and source of an existing period.
  Status CloseClassPeriod(db::Session& s, const ClassPeriod& period) const;

  // ---- organizations
  Result<Page<Organization>> ListOrganizations(db::Session& s, const OrganizationFilter& f) const;
  Result<Organization> GetOrganization(db::Session& s, std::int64_t id) const;
  // Every organization, by id.
  Result<std::vector<Organization>> AllOrganizations(db::Session& s) const;
  Result<std::int64_t> CreateOrganization(db::Session& s, const OrganizationDraft& d,
                                          const std::string& now) const;
  Status UpdateOrganization(db::Session& s, std::int64_t id, const OrganizationDraft& d,
                            const std::string& now) const;
  // Conflict organization.in_use when people still point at it.
  Status DeleteOrganization(db::Session& s, std::int64_t id) const;
  Status BulkInsertOrganizations(db::Session& s, const std::vector<OrganizationDraft>& drafts,
                                 const std::string& now) const;

  // ---- people
  Result<Page<Person>> ListPeople(db::Session& s, const PersonFilter& f) const;
  Result<Person> GetPerson(db::Session& s, std::int64_t id) const;
  Result<std::optional<Person>> FindPersonByUser(db::Session& s, std::int64_t user_id) const;
  // People neither merged away nor erased, by id (what an export holds).
  Result<std::vector<Person>> ActivePeople(db::Session& s) const;
  // email -> person id, for every person with an email.
  Result<std::unordered_map<std::string, std::int64_t>> PeopleByEmail(db::Session& s) const;
  // The people with these ids (missing ids are left out).
  Result<std::map<std::int64_t, PersonBrief>> PeopleBrief(
      db::Session& s, const std::vector<std::int64_t>& ids) const;
  Result<std::int64_t> CreatePerson(db::Session& s, const PersonDraft& d,
                                    const std::string& now) const;
  Status UpdatePerson(db::Session& s, std::int64_t id, const PersonDraft& d,
                      const std::string& now) const;
  // Conflict person.in_use when other records still point at the person.
  Status DeletePerson(db::Session& s, std::int64_t id) const;
  // Marks `from` as merged into `into`; moves the user link and the email to `into` when `into`
  // has none.
  Status MarkMerged(db::Session& s, std::int64_t from, std::int64_t into,
                    const std::string& now) const;
  // Removes identity (names, transliteration, search key, email, languages, user link); keeps
  // country, gender and the organization's kind.
  Status ErasePerson(db::Session& s, std::int64_t id, const std::string& now) const;
  // Inserts in batches, calling `progress(done, total)` after each.
  Status BulkInsertPeople(db::Session& s, const std::vector<PersonDraft>& drafts,
                          const std::string& now,
                          const std::function<void(std::size_t, std::size_t)>& progress) const;

  // ---- bulk loading for generated data (bsg seed --synthetic): rows written as given, ids
  // chosen by the caller, in the caller's transaction, no rules checked, no audit. The caller
  // picks ids above MaxOrganizationId / MaxPersonId, loads in batches of its choosing, then calls
  // AdvanceIdSequences so that later inserts get ids above the loaded ones.
  // The largest id in use (0 when there is none).
  Result<std::int64_t> MaxOrganizationId(db::Session& s) const;
  Result<std::int64_t> MaxPersonId(db::Session& s) const;
  // The number of people whose email matches the SQL LIKE `pattern` ("synthetic.%@example.org").
  Result<std::int64_t> CountPeopleWithEmailLike(db::Session& s, const std::string& pattern) const;
  // `now` is written as created_at and updated_at. Conflicts as BulkInsertOrganizations /
  // BulkInsertPeople.
  Status BulkLoadOrganizations(db::Session& s, const std::vector<OrganizationLoadRow>& rows,
                               const std::string& now) const;
  Status BulkLoadPeople(db::Session& s, const std::vector<PersonLoadRow>& rows,
                        const std::string& now) const;
  // Moves the organization and person id sequences past the largest ids (PostgreSQL); nothing on
  // SQLite, where the next id already follows the largest.
  Status AdvanceIdSequences(db::Session& s) const;
};

}  // namespace bsg::registry

#endif  // BSG_MODULES_REGISTRY_STORE_H_
