// The events module's view of the registry, groups and mandates modules, through their store
// interfaces.
#include "modules/events/directory.h"

#include <algorithm>

#include "modules/groups/store.h"
#include "modules/mandates/store.h"
#include "modules/registry/rules.h"
#include "modules/registry/store.h"
#include "platform/text.h"

namespace bsg::events::directory {
namespace {

const registry::Store& Registry() {
  static const registry::Store store;
  return store;
}

PersonInfo FromPerson(const registry::Person& p) {
  PersonInfo info;
  info.id = p.id;
  info.full_name = p.full_name ? *p.full_name : p.DisplayName();
  info.email = p.email;
  info.country = p.country;
  info.organization_id = p.organization_id;
  info.gender = p.gender;
  info.user_id = p.user_id;
  return info;
}

}  // namespace

Result<std::optional<PersonInfo>> PersonById(db::Session& s, std::int64_t id) {
  auto p = Registry().GetPerson(s, id);
  if (!p.ok()) {
    if (p.status().code() == ErrorCode::kNotFound) return std::optional<PersonInfo>();
    return p.status();
  }
  // A merged-away person stands for the survivor.
  if (p->merged_into) return PersonById(s, *p->merged_into);
  return std::optional<PersonInfo>(FromPerson(*p));
}

Result<std::string> OrganizationName(db::Session& s, std::int64_t id) {
  BSG_ASSIGN_OR_RETURN(registry::Organization o, Registry().GetOrganization(s, id));
  return o.name;
}

Result<std::optional<PersonInfo>> PersonByUserId(db::Session& s, std::int64_t user_id) {
  BSG_ASSIGN_OR_RETURN(auto p, Registry().FindPersonByUser(s, user_id));
  if (!p) return std::optional<PersonInfo>();
  return std::optional<PersonInfo>(FromPerson(*p));
}

Result<std::optional<PersonInfo>> PersonByEmail(db::Session& s, const std::string& email) {
  registry::PersonFilter f;
  f.q = email;
  f.limit = 20;
  BSG_ASSIGN_OR_RETURN(auto page, Registry().ListPeople(s, f));
  std::string wanted = email;
  std::transform(wanted.begin(), wanted.end(), wanted.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  for (const auto& p : page.items) {
    if (p.email && *p.email == wanted) return std::optional<PersonInfo>(FromPerson(p));
  }
  return std::optional<PersonInfo>();
}

Result<std::unordered_map<std::string, std::int64_t>> PeopleByEmail(db::Session& s) {
  return Registry().PeopleByEmail(s);
}

Result<std::vector<PersonInfo>> PeopleByNameAndCountry(db::Session& s, const std::string& name,
                                                       const std::string& country) {
  registry::PersonFilter f;
  f.q = name;
  f.country = country;
  f.limit = 50;
  BSG_ASSIGN_OR_RETURN(auto page, Registry().ListPeople(s, f));
  const std::string key = Fold(name);
  std::vector<PersonInfo> out;
  for (const auto& p : page.items) {
    if (p.merged_into || !p.full_name) continue;
    if (Fold(*p.full_name) == key || (p.transliteration && Fold(*p.transliteration) == key)) {
      out.push_back(FromPerson(p));
    }
  }
  return out;
}

Result<std::int64_t> CreatePerson(db::Session& s, const registry::ClassIndex& countries,
                                  const NewPersonInfo& p, const std::string& now) {
  registry::PersonDraft d;
  if (!p.given_name.empty()) d.given_name = p.given_name;
  if (!p.family_name.empty()) d.family_name = p.family_name;
  d.email = p.email;
  d.country = p.country;
  d.organization_id = p.organization_id;
  d.gender = p.gender;
  BSG_RETURN_IF_ERROR(registry::ValidatePerson(d, countries));
  return Registry().CreatePerson(s, d, now);
}

Result<std::optional<std::int64_t>> OrganizationByName(db::Session& s,
                                                       const registry::ClassIndex& countries,
                                                       const std::string& name,
                                                       const std::optional<std::string>& country,
                                                       bool create, const std::string& now) {
  registry::OrganizationFilter f;
  f.q = name;
  f.country = country;
  f.limit = 50;
  BSG_ASSIGN_OR_RETURN(auto page, Registry().ListOrganizations(s, f));
  const std::string key = MatchKey(name);
  for (const auto& o : page.items) {
    if (MatchKey(o.name) == key && o.country == country) {
      return std::optional<std::int64_t>(o.id);
    }
  }
  if (!create) return std::optional<std::int64_t>();
  registry::OrganizationDraft d;
  d.kind = "other";
  d.name = name;
  d.country = country;
  BSG_RETURN_IF_ERROR(registry::ValidateOrganization(d, countries));
  BSG_ASSIGN_OR_RETURN(std::int64_t id, Registry().CreateOrganization(s, d, now));
  return std::optional<std::int64_t>(id);
}

Result<std::shared_ptr<const registry::ClassIndex>> Countries(db::Session& s) {
  return Registry().LoadClassIndex(s);
}

// ---- groups and mandates

Result<std::vector<std::string>> GroupNames(db::Session& s, const std::vector<std::int64_t>& ids) {
  BSG_ASSIGN_OR_RETURN(auto groups, groups::Store().GroupsById(s));
  std::vector<std::string> out;
  for (std::int64_t id : ids) {
    if (auto it = groups->find(id); it != groups->end()) out.push_back(it->second.code);
  }
  return out;
}

Result<std::vector<std::int64_t>> MissingGroups(db::Session& s,
                                                const std::vector<std::int64_t>& ids) {
  BSG_ASSIGN_OR_RETURN(auto groups, groups::Store().GroupsById(s));
  std::vector<std::int64_t> out;
  for (std::int64_t id : ids) {
    if (!groups->contains(id)) out.push_back(id);
  }
  return out;
}

Result<std::optional<std::int64_t>> GroupByCode(db::Session& s, const std::string& code,
                                                const std::string& date) {
  const groups::Store store;
  BSG_ASSIGN_OR_RETURN(std::vector<groups::StudyPeriod> periods, store.Periods(s));
  for (const auto& p : periods) {
    if (p.start_date <= date && date <= p.end_date) {
      BSG_ASSIGN_OR_RETURN(auto g, store.FindGroup(s, p.code, code));
      if (g) return std::optional<std::int64_t>(g->id);
    }
  }
  return std::optional<std::int64_t>();
}

Result<bool> ProgrammeExists(db::Session& s, std::int64_t number) {
  BSG_ASSIGN_OR_RETURN(auto programmes, mandates::Store().Programmes(s));
  for (const auto& p : programmes) {
    if (p.number == number) return true;
  }
  return false;
}

Result<bool> PillarExists(db::Session& s, const std::string& code) {
  BSG_ASSIGN_OR_RETURN(auto pillars, mandates::Store().Pillars(s));
  for (const auto& p : pillars) {
    if (p.code == code) return true;
  }
  return false;
}

}  // namespace bsg::events::directory
