// The registry's use cases, each in one transaction with its audit event; see service.h.
#include "modules/registry/service.h"

#include <string_view>
#include <utility>

#include "modules/registry/json.h"
#include "modules/registry/rules.h"
#include "platform/text.h"

namespace bsg::registry {
namespace {

using nlohmann::json;

constexpr db::TxOptions kReadOnly{.read_only = true};

Status CountryNotFound() {
  return Status::NotFound("country.not_found", "no country with this code");
}

// Whether `k` holds class `cls` (one of kClasses).
bool Holds(const Classification& k, std::string_view cls) {
  return cls == "ldc"          ? k.ldc
         : cls == "lldc"       ? k.lldc
         : cls == "sids"       ? k.sids
         : cls == "developing" ? k.developing
                               : k.developed;
}

Result<Person> Readable(db::Session& s, const Store& store, const PersonReader& reader,
                        std::int64_t id) {
  BSG_ASSIGN_OR_RETURN(Person p, store.GetPerson(s, id));
  if (!reader.reads_anyone && p.user_id != reader.user_id) {
    return Status::PermissionDenied("person.not_own", "you may read only your own person record");
  }
  return p;
}

// Merges inside `tx`: see RegistryService::MergePerson.
Status MergeIn(db::Session& tx, const Store& store, const AuditActor& actor, std::int64_t from,
               std::int64_t into, const std::string& now) {
  if (from == into) {
    return Status::Unprocessable("person.invalid_merge", "a person cannot be merged into itself",
                                 {{"into", "must be another person"}});
  }
  BSG_ASSIGN_OR_RETURN(Person a, store.GetPerson(tx, from));
  auto b = store.GetPerson(tx, into);
  if (!b.ok()) {
    if (b.status().code() == ErrorCode::kNotFound) {
      return Status::Unprocessable("person.invalid_merge", "the surviving person does not exist",
                                   {{"into", "is not an existing person"}});
    }
    return b.status();
  }
  if (a.merged_into || b->merged_into || a.erased_at || b->erased_at) {
    return Status::Conflict("person.not_mergeable",
                            "merged-away or erased people cannot be merged");
  }
  BSG_RETURN_IF_ERROR(store.MarkMerged(tx, from, into, now));
  for (const auto& [name, hook] : PersonMergeHooks()) {
    BSG_RETURN_IF_ERROR(hook(tx, from, into).WithContext("merge hook " + name));
  }
  BSG_RETURN_IF_ERROR(RecordAudit(tx, actor, "person", std::to_string(from), "merge", ToJson(a),
                                  json{{"merged_into", into}}));
  return RecordAudit(tx, actor, "person", std::to_string(into), "merge_survivor", ToJson(*b),
                     json{{"absorbed", from}});
}

}  // namespace

// ---- countries

Result<std::vector<CountryOnDay>> RegistryService::ListCountries(const CountryFilter& f) {
  using Held = std::shared_ptr<const ClassIndex>;
  BSG_ASSIGN_OR_RETURN(Held held_index,
                       db::InTransactionResult<Held>(db_, kReadOnly, [&](db::Transaction& tx) {
                         return store_.LoadClassIndex(tx);
                       }));
  const ClassIndex& index = *held_index;
  const std::string key = f.q ? MatchKey(*f.q) : "";
  std::vector<CountryOnDay> out;
  for (const auto& c : index.countries()) {
    if (f.region && c.region != *f.region) continue;
    if (f.q && MatchKey(c.name).find(key) == std::string::npos &&
        MatchKey(c.name_fr).find(key) == std::string::npos && MatchKey(c.iso2) != key &&
        MatchKey(c.iso3) != key) {
      continue;
    }
    Classification k = *index.On(c.iso2, f.on);
    if (f.cls && !Holds(k, *f.cls)) continue;
    out.push_back({c, std::move(k)});
  }
  return out;
}

Result<CountryDetail> RegistryService::GetCountry(const std::string& iso2, const std::string& day) {
  return db::InTransactionResult<CountryDetail>(
      db_, kReadOnly, [&](db::Transaction& tx) -> Result<CountryDetail> {
        BSG_ASSIGN_OR_RETURN(auto held_index, store_.LoadClassIndex(tx));
        const ClassIndex& index = *held_index;
        const Country* c = index.Find(iso2);
        if (c == nullptr) return CountryNotFound();
        CountryDetail d;
        d.country = *c;
        d.classification = *index.On(iso2, day);
        BSG_ASSIGN_OR_RETURN(d.history, store_.ClassPeriods(tx, iso2));
        return d;
      });
}

Result<Classification> RegistryService::Classify(const std::string& iso2, const std::string& day) {
  return db::InTransactionResult<Classification>(
      db_, kReadOnly, [&](db::Transaction& tx) -> Result<Classification> {
        BSG_ASSIGN_OR_RETURN(auto held_index, store_.LoadClassIndex(tx));
        const ClassIndex& index = *held_index;
        auto k = index.On(iso2, day);
        if (!k) return CountryNotFound();
        return *k;
      });
}

Result<std::vector<ClassPeriod>> RegistryService::ChangeClass(const AuditActor& actor,
                                                              const std::string& iso2,
                                                              const ClassChange& change) {
  using History = std::vector<ClassPeriod>;
  return db::InTransactionResult<History>(db_, {}, [&](db::Transaction& tx) -> Result<History> {
    BSG_ASSIGN_OR_RETURN(auto countries, store_.Countries(tx));
    bool known = false;
    for (const auto& c : countries) known = known || c.iso2 == iso2;
    if (!known) return CountryNotFound();
    BSG_ASSIGN_OR_RETURN(auto periods, store_.ClassPeriods(tx, iso2));
    BSG_ASSIGN_OR_RETURN(ClassChangePlan plan, PlanClassChange(iso2, periods, change));
    std::optional<json> before;
    json after;
    if (plan.close) {
      for (const auto& p : periods) {
        if (p.id == plan.close->id) before = ToJson(p);
      }
      BSG_RETURN_IF_ERROR(store_.CloseClassPeriod(tx, *plan.close));
      after = ToJson(*plan.close);
    }
    if (plan.open) {
      BSG_ASSIGN_OR_RETURN(plan.open->id, store_.InsertClassPeriod(tx, *plan.open));
      after = ToJson(*plan.open);
    }
    after["iso2"] = iso2;
    after["change"] = change.change;
    BSG_RETURN_IF_ERROR(
        RecordAudit(tx, actor, "country_class", iso2, "class_change", before, after));
    return store_.ClassPeriods(tx, iso2);
  });
}

// ---- organizations

Result<Page<Organization>> RegistryService::ListOrganizations(const OrganizationFilter& f) {
  return db::InTransactionResult<Page<Organization>>(
      db_, kReadOnly, [&](db::Transaction& tx) { return store_.ListOrganizations(tx, f); });
}

Result<Organization> RegistryService::GetOrganization(std::int64_t id) {
  return db::InTransactionResult<Organization>(
      db_, kReadOnly, [&](db::Transaction& tx) { return store_.GetOrganization(tx, id); });
}

Result<Organization> RegistryService::CreateOrganization(const AuditActor& actor,
                                                         OrganizationDraft d,
                                                         const std::string& now) {
  return db::InTransactionResult<Organization>(
      db_, {}, [&](db::Transaction& tx) -> Result<Organization> {
        BSG_ASSIGN_OR_RETURN(auto held_index, store_.LoadClassIndex(tx));
        const ClassIndex& index = *held_index;
        OrganizationDraft draft = d;
        BSG_RETURN_IF_ERROR(ValidateOrganization(draft, index));
        BSG_ASSIGN_OR_RETURN(std::int64_t id, store_.CreateOrganization(tx, draft, now));
        BSG_ASSIGN_OR_RETURN(Organization saved, store_.GetOrganization(tx, id));
        BSG_RETURN_IF_ERROR(RecordAudit(tx, actor, "organization", std::to_string(id), "create",
                                        std::nullopt, ToJson(saved)));
        return saved;
      });
}

Result<Organization> RegistryService::UpdateOrganization(const AuditActor& actor, std::int64_t id,
                                                         OrganizationDraft d,
                                                         const std::string& now) {
  return db::InTransactionResult<Organization>(
      db_, {}, [&](db::Transaction& tx) -> Result<Organization> {
        BSG_ASSIGN_OR_RETURN(auto held_index, store_.LoadClassIndex(tx));
        const ClassIndex& index = *held_index;
        BSG_ASSIGN_OR_RETURN(Organization old, store_.GetOrganization(tx, id));
        OrganizationDraft draft = d;
        BSG_RETURN_IF_ERROR(ValidateOrganization(draft, index));
        BSG_RETURN_IF_ERROR(store_.UpdateOrganization(tx, id, draft, now));
        BSG_ASSIGN_OR_RETURN(Organization saved, store_.GetOrganization(tx, id));
        BSG_RETURN_IF_ERROR(RecordAudit(tx, actor, "organization", std::to_string(id), "update",
                                        ToJson(old), ToJson(saved)));
        return saved;
      });
}

Status RegistryService::DeleteOrganization(const AuditActor& actor, std::int64_t id) {
  return db_.InTransaction([&](db::Transaction& tx) -> Status {
    BSG_ASSIGN_OR_RETURN(Organization old, store_.GetOrganization(tx, id));
    BSG_RETURN_IF_ERROR(store_.DeleteOrganization(tx, id));
    return RecordAudit(tx, actor, "organization", std::to_string(id), "delete", ToJson(old),
                       std::nullopt);
  });
}

// ---- people

Result<Page<Person>> RegistryService::ListPeople(const PersonFilter& f) {
  return db::InTransactionResult<Page<Person>>(
      db_, kReadOnly, [&](db::Transaction& tx) { return store_.ListPeople(tx, f); });
}

Result<Person> RegistryService::GetPerson(const PersonReader& reader, std::int64_t id) {
  return db::InTransactionResult<Person>(
      db_, kReadOnly, [&](db::Transaction& tx) { return Readable(tx, store_, reader, id); });
}

Result<std::optional<Person>> RegistryService::PersonOfUser(std::int64_t user_id) {
  return db::InTransactionResult<std::optional<Person>>(
      db_, kReadOnly, [&](db::Transaction& tx) { return store_.FindPersonByUser(tx, user_id); });
}

Result<PersonExport> RegistryService::ExportPerson(const PersonReader& reader, std::int64_t id) {
  return db::InTransactionResult<PersonExport>(
      db_, kReadOnly, [&](db::Transaction& tx) -> Result<PersonExport> {
        PersonExport out;
        BSG_ASSIGN_OR_RETURN(out.person, Readable(tx, store_, reader, id));
        if (out.person.organization_id) {
          BSG_ASSIGN_OR_RETURN(out.organization,
                               store_.GetOrganization(tx, *out.person.organization_id));
        }
        for (const auto& [name, fn] : PersonExportHooks()) {
          BSG_ASSIGN_OR_RETURN(out.related[name], fn(tx, id));
        }
        return out;
      });
}

Result<Person> RegistryService::CreatePerson(const AuditActor& actor, PersonDraft d,
                                             const std::string& now) {
  return db::InTransactionResult<Person>(db_, {}, [&](db::Transaction& tx) -> Result<Person> {
    BSG_ASSIGN_OR_RETURN(auto held_index, store_.LoadClassIndex(tx));
    const ClassIndex& index = *held_index;
    PersonDraft draft = d;
    BSG_RETURN_IF_ERROR(ValidatePerson(draft, index));
    BSG_ASSIGN_OR_RETURN(std::int64_t id, store_.CreatePerson(tx, draft, now));
    BSG_ASSIGN_OR_RETURN(Person saved, store_.GetPerson(tx, id));
    BSG_RETURN_IF_ERROR(RecordAudit(tx, actor, "person", std::to_string(id), "create", std::nullopt,
                                    ToJson(saved)));
    return saved;
  });
}

Result<Person> RegistryService::UpdatePerson(const AuditActor& actor, std::int64_t id,
                                             PersonDraft d, const std::string& now) {
  return db::InTransactionResult<Person>(db_, {}, [&](db::Transaction& tx) -> Result<Person> {
    BSG_ASSIGN_OR_RETURN(auto held_index, store_.LoadClassIndex(tx));
    const ClassIndex& index = *held_index;
    BSG_ASSIGN_OR_RETURN(Person old, store_.GetPerson(tx, id));
    if (old.erased_at || old.merged_into) {
      return Status::Conflict("person.read_only",
                              "an erased or merged-away person cannot be edited");
    }
    PersonDraft draft = d;
    BSG_RETURN_IF_ERROR(ValidatePerson(draft, index));
    BSG_RETURN_IF_ERROR(store_.UpdatePerson(tx, id, draft, now));
    BSG_ASSIGN_OR_RETURN(Person saved, store_.GetPerson(tx, id));
    BSG_RETURN_IF_ERROR(
        RecordAudit(tx, actor, "person", std::to_string(id), "update", ToJson(old), ToJson(saved)));
    return saved;
  });
}

Status RegistryService::DeletePerson(const AuditActor& actor, std::int64_t id) {
  return db_.InTransaction([&](db::Transaction& tx) -> Status {
    BSG_ASSIGN_OR_RETURN(Person old, store_.GetPerson(tx, id));
    BSG_RETURN_IF_ERROR(store_.DeletePerson(tx, id));
    return RecordAudit(tx, actor, "person", std::to_string(id), "delete", ToJson(old),
                       std::nullopt);
  });
}

Result<Person> RegistryService::MergePerson(const AuditActor& actor, std::int64_t from,
                                            std::int64_t into, const std::string& now) {
  return db::InTransactionResult<Person>(db_, {}, [&](db::Transaction& tx) -> Result<Person> {
    BSG_RETURN_IF_ERROR(MergeIn(tx, store_, actor, from, into, now));
    return store_.GetPerson(tx, into);
  });
}

Result<Person> RegistryService::ErasePerson(const AuditActor& actor, std::int64_t id,
                                            const std::string& now) {
  return db::InTransactionResult<Person>(db_, {}, [&](db::Transaction& tx) -> Result<Person> {
    BSG_ASSIGN_OR_RETURN(Person old, store_.GetPerson(tx, id));
    if (old.erased_at) return Status::Conflict("person.already_erased", "already erased");
    BSG_RETURN_IF_ERROR(store_.ErasePerson(tx, id, now));
    BSG_ASSIGN_OR_RETURN(Person erased, store_.GetPerson(tx, id));
    // The event names what was kept, never what was removed.
    BSG_RETURN_IF_ERROR(RecordAudit(tx, actor, "person", std::to_string(id), "erase", std::nullopt,
                                    ToJson(erased)));
    return erased;
  });
}

}  // namespace bsg::registry
