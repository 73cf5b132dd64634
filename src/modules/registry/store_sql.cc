// The registry's SQL. Values are always bound; the only text assembled at run time is a choice
// among the fixed fragments below (filters, sort orders).
#include <algorithm>
#include <string>
#include <string_view>
#include <utility>

#include "modules/registry/rules.h"
#include "modules/registry/store.h"
#include "platform/db/versioned_cache.h"
#include "platform/text.h"

namespace bsg::registry {
namespace {

constexpr std::string_view kSelectCountries =
    "SELECT iso2, iso3, name, name_fr, itu_region FROM country ORDER BY name";
constexpr std::string_view kSelectClassPeriods =
    "SELECT id, iso2, class, since, until, since_effective, until_effective, source "
    "FROM country_class";
constexpr std::string_view kClassPeriodsOfCountry = " WHERE iso2 = ?";
constexpr std::string_view kClassPeriodsOrder = " ORDER BY iso2, class, since_effective, id";
constexpr std::string_view kInsertClassPeriod =
    "INSERT INTO country_class (iso2, class, since, until, since_effective, until_effective, "
    "source) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id";
constexpr std::string_view kCloseClassPeriod =
    "UPDATE country_class SET until = ?, until_effective = ?, source = ? WHERE id = ?";

constexpr std::string_view kSelectOrganization =
    "SELECT id, kind, name, country, member_since, member_until, sme_size, created_at, "
    "updated_at FROM organization";
constexpr std::string_view kCountOrganizations = "SELECT COUNT(*) FROM organization";
constexpr std::string_view kInsertOrganization =
    "INSERT INTO organization (kind, name, name_key, country, member_since, member_until, "
    "sme_size, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id";
constexpr std::string_view kUpdateOrganization =
    "UPDATE organization SET kind = ?, name = ?, name_key = ?, country = ?, member_since = ?, "
    "member_until = ?, sme_size = ?, updated_at = ? WHERE id = ?";
constexpr std::string_view kDeleteOrganization = "DELETE FROM organization WHERE id = ?";
constexpr std::string_view kOrganizationInUse =
    "SELECT COUNT(*) FROM person WHERE organization_id = ?";

constexpr std::string_view kSelectPerson =
    "SELECT p.id, p.given_name, p.family_name, p.full_name, p.transliteration, p.email, "
    "p.country, p.organization_id, o.name, COALESCE(o.kind, p.organization_kind), p.gender, "
    "p.languages, p.user_id, p.merged_into, p.erased_at, p.created_at, p.updated_at "
    "FROM person p LEFT JOIN organization o ON o.id = p.organization_id";
constexpr std::string_view kCountPeople = "SELECT COUNT(*) FROM person p";
constexpr std::string_view kInsertPerson =
    "INSERT INTO person (given_name, family_name, full_name, transliteration, search_key, "
    "sort_key, email, country, organization_id, gender, languages, user_id, created_at, "
    "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id";
constexpr std::string_view kUpdatePerson =
    "UPDATE person SET given_name = ?, family_name = ?, full_name = ?, transliteration = ?, "
    "search_key = ?, sort_key = ?, email = ?, country = ?, organization_id = ?, gender = ?, "
    "languages = ?, user_id = ?, updated_at = ? WHERE id = ?";
constexpr std::string_view kDeletePerson = "DELETE FROM person WHERE id = ?";
constexpr std::string_view kPersonMergedInto = "SELECT COUNT(*) FROM person WHERE merged_into = ?";
constexpr std::string_view kSelectPersonLinks = "SELECT email, user_id FROM person WHERE id = ?";
constexpr std::string_view kMarkMerged =
    "UPDATE person SET merged_into = ?, email = CASE WHEN ? = 1 THEN NULL ELSE email END, "
    "user_id = CASE WHEN ? = 1 THEN NULL ELSE user_id END, updated_at = ? WHERE id = ?";
constexpr std::string_view kSetPersonLinks =
    "UPDATE person SET email = COALESCE(email, ?), user_id = COALESCE(user_id, ?), "
    "updated_at = ? WHERE id = ?";
constexpr std::string_view kRepointMerged =
    "UPDATE person SET merged_into = ? WHERE merged_into = ?";
constexpr std::string_view kErasePerson =
    "UPDATE person SET given_name = NULL, family_name = NULL, full_name = NULL, "
    "transliteration = NULL, search_key = NULL, sort_key = '', email = NULL, languages = '', "
    "user_id = NULL, organization_kind = (SELECT kind FROM organization o WHERE o.id = "
    "person.organization_id), organization_id = NULL, erased_at = ?, updated_at = ? "
    "WHERE id = ?";
constexpr std::string_view kSelectEmails = "SELECT email, id FROM person WHERE email IS NOT NULL";
constexpr std::string_view kSelectBrief =
    "SELECT id, full_name, erased_at, country, gender, merged_into FROM person WHERE id IN (";
constexpr std::string_view kActivePeople =
    " WHERE p.merged_into IS NULL AND p.erased_at IS NULL ORDER BY p.id";

const std::vector<std::string> kPersonColumns = {
    "given_name", "family_name", "full_name",  "transliteration", "search_key",
    "sort_key",   "email",       "country",    "organization_id", "gender",
    "languages",  "user_id",     "created_at", "updated_at"};
const std::vector<std::string> kOrganizationColumns = {"kind",     "name",         "name_key",
                                                       "country",  "member_since", "member_until",
                                                       "sme_size", "created_at",   "updated_at"};

// Sort orders: the client's key -> a fixed ORDER BY fragment.
struct SortOption {
  std::string_view key;
  std::string_view order_by;
};
constexpr SortOption kOrganizationSorts[] = {{"name", " ORDER BY name_key, id"},
                                             {"-name", " ORDER BY name_key DESC, id DESC"},
                                             {"kind", " ORDER BY kind, name_key, id"},
                                             {"-kind", " ORDER BY kind DESC, name_key, id"},
                                             {"country", " ORDER BY country, name_key, id"},
                                             {"-country", " ORDER BY country DESC, name_key, id"},
                                             {"id", " ORDER BY id"},
                                             {"-id", " ORDER BY id DESC"}};
constexpr SortOption kPersonSorts[] = {{"name", " ORDER BY p.sort_key, p.id"},
                                       {"-name", " ORDER BY p.sort_key DESC, p.id DESC"},
                                       {"country", " ORDER BY p.country, p.sort_key, p.id"},
                                       {"-country", " ORDER BY p.country DESC, p.sort_key, p.id"},
                                       {"id", " ORDER BY p.id"},
                                       {"-id", " ORDER BY p.id DESC"},
                                       {"created_at", " ORDER BY p.created_at, p.id"},
                                       {"-created_at", " ORDER BY p.created_at DESC, p.id DESC"}};

template <std::size_t N>
Result<std::string_view> OrderBy(const SortOption (&options)[N], std::string_view key) {
  for (const auto& o : options) {
    if (o.key == key) return o.order_by;
  }
  std::string allowed;
  for (const auto& o : options) {
    if (!allowed.empty()) allowed += ", ";
    allowed += o.key;
  }
  return Status::InvalidArgument("request.bad_sort", "unknown sort order",
                                 {{"sort", "must be one of " + allowed}});
}

std::string JoinLanguages(const std::vector<std::string>& languages) {
  std::string out;
  for (const auto& l : languages) {
    if (!out.empty()) out += ',';
    out += l;
  }
  return out;
}

std::vector<std::string> SplitLanguages(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find(',', start);
    if (end == std::string::npos) end = text.size();
    if (end > start) out.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

ClassPeriod ToClassPeriod(const db::Row& r) {
  ClassPeriod p;
  p.id = r.Int(0);
  p.iso2 = r.Text(1);
  p.cls = r.Text(2);
  p.since = r.OptText(3);
  p.until = r.OptText(4);
  p.since_effective = r.OptText(5);
  p.until_effective = r.OptText(6);
  p.source = r.Text(7);
  return p;
}

Organization ToOrganization(const db::Row& r) {
  Organization o;
  o.id = r.Int(0);
  o.kind = r.Text(1);
  o.name = r.Text(2);
  o.country = r.OptText(3);
  o.member_since = r.OptText(4);
  o.member_until = r.OptText(5);
  o.sme_size = r.OptText(6);
  o.created_at = r.Text(7);
  o.updated_at = r.Text(8);
  return o;
}

Person ToPerson(const db::Row& r) {
  Person p;
  p.id = r.Int(0);
  p.given_name = r.OptText(1);
  p.family_name = r.OptText(2);
  p.full_name = r.OptText(3);
  p.transliteration = r.OptText(4);
  p.email = r.OptText(5);
  p.country = r.OptText(6);
  p.organization_id = r.OptInt(7);
  p.organization_name = r.OptText(8);
  p.organization_kind = r.OptText(9);
  p.gender = r.Text(10);
  p.languages = SplitLanguages(r.Text(11));
  p.user_id = r.OptInt(12);
  p.merged_into = r.OptInt(13);
  p.erased_at = r.OptText(14);
  p.created_at = r.Text(15);
  p.updated_at = r.Text(16);
  return p;
}

db::Params OrganizationParams(const OrganizationDraft& d, const std::string& now) {
  return {d.kind,         d.name,     d.name_key, d.country, d.member_since,
          d.member_until, d.sme_size, now,        now};
}

db::Params PersonParams(const PersonDraft& d, const std::string& now) {
  return {d.given_name,
          d.family_name,
          d.full_name,
          d.transliteration,
          d.search_key,
          d.sort_key,
          d.email,
          d.country,
          d.organization_id,
          d.gender,
          JoinLanguages(d.languages),
          d.user_id,
          now,
          now};
}

// Maps unique violations of the organization table to a clear conflict.
Status OrganizationConflict(const Status& s) {
  if (s.reason() == db::kUniqueViolation) {
    return Status::Conflict("organization.duplicate",
                            "an organization with this name already exists in this country",
                            {{"name", "already exists in this country"}});
  }
  if (s.reason() == db::kForeignKeyViolation) {
    return Status::Unprocessable("organization.invalid", "the organization is not valid",
                                 {{"country", "is not a known country"}});
  }
  return s;
}

Status PersonConflict(const Status& s) {
  if (s.reason() == db::kUniqueViolation) {
    if (s.message().find("user") != std::string::npos) {
      return Status::Conflict("person.duplicate_user",
                              "another person is already linked to this user account",
                              {{"user_id", "is linked to another person"}});
    }
    return Status::Conflict("person.duplicate_email", "another person has this email address",
                            {{"email", "is used by another person"}});
  }
  if (s.reason() == db::kForeignKeyViolation) {
    return Status::Unprocessable(
        "person.invalid", "the person refers to a record that does not exist",
        {{"organization_id", "must be an existing organization (and user_id an existing user)"}});
  }
  return s;
}

}  // namespace

Result<std::vector<Country>> Store::Countries(db::Session& s) const {
  BSG_ASSIGN_OR_RETURN(db::Rows rows, s.Query(kSelectCountries));
  std::vector<Country> out;
  out.reserve(rows.size());
  for (const auto& r : rows) out.push_back({r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4)});
  return out;
}

Result<std::vector<ClassPeriod>> Store::ClassPeriods(db::Session& s,
                                                     const std::optional<std::string>& iso2) const {
  std::string sql(kSelectClassPeriods);
  db::Params params;
  if (iso2) {
    sql += kClassPeriodsOfCountry;
    params.emplace_back(*iso2);
  }
  sql += kClassPeriodsOrder;
  BSG_ASSIGN_OR_RETURN(db::Rows rows, s.Query(sql, params));
  std::vector<ClassPeriod> out;
  out.reserve(rows.size());
  for (const auto& r : rows) out.push_back(ToClassPeriod(r));
  return out;
}

Result<std::shared_ptr<const ClassIndex>> Store::LoadClassIndex(db::Session& s) const {
  static db::VersionedCache<ClassIndex> cache("registry");
  return cache.Get(s, [this](db::Session& session) -> Result<ClassIndex> {
    BSG_ASSIGN_OR_RETURN(auto countries, Countries(session));
    BSG_ASSIGN_OR_RETURN(auto periods, ClassPeriods(session, std::nullopt));
    return ClassIndex(std::move(countries), std::move(periods));
  });
}

Result<std::int64_t> Store::InsertClassPeriod(db::Session& s, const ClassPeriod& p) const {
  BSG_ASSIGN_OR_RETURN(db::Row row, s.QueryOne(kInsertClassPeriod,
                                               {p.iso2, p.cls, p.since, p.until, p.since_effective,
                                                p.until_effective, p.source}));
  return row.Int(0);
}

Status Store::CloseClassPeriod(db::Session& s, const ClassPeriod& p) const {
  BSG_ASSIGN_OR_RETURN(std::int64_t n,
                       s.Exec(kCloseClassPeriod, {p.until, p.until_effective, p.source, p.id}));
  if (n == 0) return Status::NotFound("country.class_period_not_found", "no such class period");
  return Status::Ok();
}

Result<Page<Organization>> Store::ListOrganizations(db::Session& s,
                                                    const OrganizationFilter& f) const {
  BSG_ASSIGN_OR_RETURN(std::string_view order, OrderBy(kOrganizationSorts, f.sort));
  std::string where = " WHERE 1 = 1";
  db::Params params;
  if (f.q) {
    where += " AND name_key LIKE ? ESCAPE '\\'";
    params.emplace_back(LikePattern(Fold(*f.q)));
  }
  if (f.kind) {
    where += " AND kind = ?";
    params.emplace_back(*f.kind);
  }
  if (f.country) {
    where += " AND country = ?";
    params.emplace_back(*f.country);
  }
  Page<Organization> page;
  BSG_ASSIGN_OR_RETURN(db::Row count, s.QueryOne(std::string(kCountOrganizations) + where, params));
  page.total = count.Int(0);
  params.emplace_back(f.limit);
  params.emplace_back(f.offset);
  BSG_ASSIGN_OR_RETURN(db::Rows rows, s.Query(std::string(kSelectOrganization) + where +
                                                  std::string(order) + " LIMIT ? OFFSET ?",
                                              params));
  for (const auto& r : rows) page.items.push_back(ToOrganization(r));
  return page;
}

Result<Organization> Store::GetOrganization(db::Session& s, std::int64_t id) const {
  auto row = s.QueryOne(std::string(kSelectOrganization) + " WHERE id = ?", {id},
                        "organization.not_found");
  if (!row.ok()) {
    if (row.status().code() == ErrorCode::kNotFound) {
      return Status::NotFound("organization.not_found", "no organization with this id");
    }
    return row.status();
  }
  return ToOrganization(*row);
}

Result<std::vector<Organization>> Store::AllOrganizations(db::Session& s) const {
  BSG_ASSIGN_OR_RETURN(db::Rows rows, s.Query(std::string(kSelectOrganization) + " ORDER BY id"));
  std::vector<Organization> out;
  out.reserve(rows.size());
  for (const auto& r : rows) out.push_back(ToOrganization(r));
  return out;
}

Result<std::int64_t> Store::CreateOrganization(db::Session& s, const OrganizationDraft& d,
                                               const std::string& now) const {
  auto row = s.QueryOne(kInsertOrganization, OrganizationParams(d, now));
  if (!row.ok()) return OrganizationConflict(row.status());
  return row->Int(0);
}

Status Store::UpdateOrganization(db::Session& s, std::int64_t id, const OrganizationDraft& d,
                                 const std::string& now) const {
  auto n = s.Exec(kUpdateOrganization, {d.kind, d.name, d.name_key, d.country, d.member_since,
                                        d.member_until, d.sme_size, now, id});
  if (!n.ok()) return OrganizationConflict(n.status());
  if (*n == 0) return Status::NotFound("organization.not_found", "no organization with this id");
  return Status::Ok();
}

Status Store::DeleteOrganization(db::Session& s, std::int64_t id) const {
  BSG_ASSIGN_OR_RETURN(db::Row used, s.QueryOne(kOrganizationInUse, {id}));
  if (used.Int(0) > 0) {
    return Status::Conflict("organization.in_use",
                            "people belong to this organization; move them first");
  }
  auto n = s.Exec(kDeleteOrganization, {id});
  if (!n.ok()) {
    if (n.status().reason() == db::kForeignKeyViolation) {
      return Status::Conflict("organization.in_use", "other records refer to this organization");
    }
    return n.status();
  }
  if (*n == 0) return Status::NotFound("organization.not_found", "no organization with this id");
  return Status::Ok();
}

Status Store::BulkInsertOrganizations(db::Session& s, const std::vector<OrganizationDraft>& drafts,
                                      const std::string& now) const {
  std::vector<db::Params> rows;
  rows.reserve(drafts.size());
  for (const auto& d : drafts) rows.push_back(OrganizationParams(d, now));
  Status st = s.BulkInsert("organization", kOrganizationColumns, rows);
  return st.ok() ? st : OrganizationConflict(st);
}

Result<Page<Person>> Store::ListPeople(db::Session& s, const PersonFilter& f) const {
  BSG_ASSIGN_OR_RETURN(std::string_view order, OrderBy(kPersonSorts, f.sort));
  std::string where = " WHERE 1 = 1";
  db::Params params;
  if (!f.include_merged) where += " AND p.merged_into IS NULL";
  if (f.q) {
    where += " AND p.search_key LIKE ? ESCAPE '\\'";
    params.emplace_back(LikePattern(Fold(*f.q)));
  }
  if (f.country) {
    where += " AND p.country = ?";
    params.emplace_back(*f.country);
  }
  if (f.organization_id) {
    where += " AND p.organization_id = ?";
    params.emplace_back(*f.organization_id);
  }
  if (f.gender) {
    where += " AND p.gender = ?";
    params.emplace_back(*f.gender);
  }
  Page<Person> page;
  BSG_ASSIGN_OR_RETURN(db::Row count, s.QueryOne(std::string(kCountPeople) + where, params));
  page.total = count.Int(0);
  params.emplace_back(f.limit);
  params.emplace_back(f.offset);
  BSG_ASSIGN_OR_RETURN(db::Rows rows, s.Query(std::string(kSelectPerson) + where +
                                                  std::string(order) + " LIMIT ? OFFSET ?",
                                              params));
  for (const auto& r : rows) page.items.push_back(ToPerson(r));
  return page;
}

Result<Person> Store::GetPerson(db::Session& s, std::int64_t id) const {
  auto row = s.QueryOne(std::string(kSelectPerson) + " WHERE p.id = ?", {id});
  if (!row.ok()) {
    if (row.status().code() == ErrorCode::kNotFound) {
      return Status::NotFound("person.not_found", "no person with this id");
    }
    return row.status();
  }
  return ToPerson(*row);
}

Result<std::optional<Person>> Store::FindPersonByUser(db::Session& s, std::int64_t user_id) const {
  BSG_ASSIGN_OR_RETURN(db::Rows rows,
                       s.Query(std::string(kSelectPerson) + " WHERE p.user_id = ?", {user_id}));
  if (rows.empty()) return std::optional<Person>();
  return std::optional<Person>(ToPerson(rows.front()));
}

Result<std::vector<Person>> Store::ActivePeople(db::Session& s) const {
  BSG_ASSIGN_OR_RETURN(db::Rows rows,
                       s.Query(std::string(kSelectPerson) + std::string(kActivePeople)));
  std::vector<Person> out;
  out.reserve(rows.size());
  for (const auto& r : rows) out.push_back(ToPerson(r));
  return out;
}

Result<std::unordered_map<std::string, std::int64_t>> Store::PeopleByEmail(db::Session& s) const {
  BSG_ASSIGN_OR_RETURN(db::Rows rows, s.Query(kSelectEmails));
  std::unordered_map<std::string, std::int64_t> out;
  out.reserve(rows.size());
  for (const auto& r : rows) out.emplace(r.Text(0), r.Int(1));
  return out;
}

Result<std::map<std::int64_t, PersonBrief>> Store::PeopleBrief(
    db::Session& s, const std::vector<std::int64_t>& ids) const {
  std::map<std::int64_t, PersonBrief> out;
  constexpr std::size_t kChunk = 500;
  for (std::size_t start = 0; start < ids.size(); start += kChunk) {
    const std::size_t end = std::min(ids.size(), start + kChunk);
    std::string sql(kSelectBrief);
    db::Params params;
    for (std::size_t i = start; i < end; ++i) {
      sql += i == start ? "?" : ", ?";
      params.emplace_back(ids[i]);
    }
    sql += ")";
    BSG_ASSIGN_OR_RETURN(db::Rows rows, s.Query(sql, params));
    for (const auto& r : rows) {
      PersonBrief b;
      b.id = r.Int(0);
      b.display_name = r.IsNull(2) ? r.OptText(1).value_or("") : "(erased)";
      b.country = r.OptText(3);
      b.gender = r.Text(4);
      b.merged_into = r.OptInt(5);
      out[b.id] = std::move(b);
    }
  }
  return out;
}

Result<std::int64_t> Store::CreatePerson(db::Session& s, const PersonDraft& d,
                                         const std::string& now) const {
  auto row = s.QueryOne(kInsertPerson, PersonParams(d, now));
  if (!row.ok()) return PersonConflict(row.status());
  return row->Int(0);
}

Status Store::UpdatePerson(db::Session& s, std::int64_t id, const PersonDraft& d,
                           const std::string& now) const {
  auto n = s.Exec(kUpdatePerson, {d.given_name, d.family_name, d.full_name, d.transliteration,
                                  d.search_key, d.sort_key, d.email, d.country, d.organization_id,
                                  d.gender, JoinLanguages(d.languages), d.user_id, now, id});
  if (!n.ok()) return PersonConflict(n.status());
  if (*n == 0) return Status::NotFound("person.not_found", "no person with this id");
  return Status::Ok();
}

Status Store::DeletePerson(db::Session& s, std::int64_t id) const {
  BSG_ASSIGN_OR_RETURN(db::Row merged, s.QueryOne(kPersonMergedInto, {id}));
  if (merged.Int(0) > 0) {
    return Status::Conflict("person.in_use", "other person records were merged into this one");
  }
  auto n = s.Exec(kDeletePerson, {id});
  if (!n.ok()) {
    if (n.status().reason() == db::kForeignKeyViolation) {
      return Status::Conflict("person.in_use",
                              "other records (positions, registrations, ...) refer to this "
                              "person; merge or erase instead");
    }
    return n.status();
  }
  if (*n == 0) return Status::NotFound("person.not_found", "no person with this id");
  return Status::Ok();
}

Status Store::MarkMerged(db::Session& s, std::int64_t from, std::int64_t into,
                         const std::string& now) const {
  BSG_ASSIGN_OR_RETURN(db::Row a, s.QueryOne(kSelectPersonLinks, {from}, "person.not_found"));
  BSG_ASSIGN_OR_RETURN(db::Row b, s.QueryOne(kSelectPersonLinks, {into}, "person.not_found"));
  // The email and the user link move to the survivor only when it has none of its own;
  // otherwise the merged-away record keeps them (both histories stay readable).
  const bool move_email = !a.IsNull(0) && b.IsNull(0);
  const bool move_user = !a.IsNull(1) && b.IsNull(1);
  BSG_RETURN_IF_ERROR(
      s.Exec(kMarkMerged, {into, move_email ? 1 : 0, move_user ? 1 : 0, now, from}).status());
  BSG_RETURN_IF_ERROR(s.Exec(kSetPersonLinks, {move_email ? a.OptText(0) : std::nullopt,
                                               move_user ? a.OptInt(1) : std::nullopt, now, into})
                          .status());
  // Records merged into `from` earlier now point at the survivor too.
  return s.Exec(kRepointMerged, {into, from}).status();
}

Status Store::ErasePerson(db::Session& s, std::int64_t id, const std::string& now) const {
  BSG_ASSIGN_OR_RETURN(std::int64_t n, s.Exec(kErasePerson, {now, now, id}));
  if (n == 0) return Status::NotFound("person.not_found", "no person with this id");
  return Status::Ok();
}

Status Store::BulkInsertPeople(
    db::Session& s, const std::vector<PersonDraft>& drafts, const std::string& now,
    const std::function<void(std::size_t, std::size_t)>& progress) const {
  constexpr std::size_t kBatch = 10000;
  std::vector<db::Params> rows;
  for (std::size_t start = 0; start < drafts.size(); start += kBatch) {
    const std::size_t end = std::min(drafts.size(), start + kBatch);
    rows.clear();
    rows.reserve(end - start);
    for (std::size_t i = start; i < end; ++i) rows.push_back(PersonParams(drafts[i], now));
    Status st = s.BulkInsert("person", kPersonColumns, rows);
    if (!st.ok()) return PersonConflict(st);
    if (progress) progress(end, drafts.size());
  }
  return Status::Ok();
}

// ---- bulk loading for generated data

namespace {

constexpr std::string_view kMaxOrganizationId = "SELECT COALESCE(MAX(id), 0) FROM organization";
constexpr std::string_view kMaxPersonId = "SELECT COALESCE(MAX(id), 0) FROM person";
constexpr std::string_view kCountPeopleWithEmailLike =
    "SELECT COUNT(*) FROM person WHERE email LIKE ?";
// PostgreSQL: the next id handed out is the largest one plus one.
constexpr std::string_view kAdvanceOrganizationSequence =
    "SELECT setval(pg_get_serial_sequence('organization', 'id'), "
    "COALESCE((SELECT MAX(id) FROM organization), 0) + 1, false)";
constexpr std::string_view kAdvancePersonSequence =
    "SELECT setval(pg_get_serial_sequence('person', 'id'), "
    "COALESCE((SELECT MAX(id) FROM person), 0) + 1, false)";

// The import's columns, with the id first.
std::vector<std::string> WithId(const std::vector<std::string>& columns) {
  std::vector<std::string> out{"id"};
  out.insert(out.end(), columns.begin(), columns.end());
  return out;
}

db::Params WithId(std::int64_t id, db::Params values) {
  values.insert(values.begin(), db::Value(id));
  return values;
}

}  // namespace

Result<std::int64_t> Store::MaxOrganizationId(db::Session& s) const {
  BSG_ASSIGN_OR_RETURN(db::Row row, s.QueryOne(kMaxOrganizationId, {}));
  return row.Int(0);
}

Result<std::int64_t> Store::MaxPersonId(db::Session& s) const {
  BSG_ASSIGN_OR_RETURN(db::Row row, s.QueryOne(kMaxPersonId, {}));
  return row.Int(0);
}

Result<std::int64_t> Store::CountPeopleWithEmailLike(db::Session& s,
                                                     const std::string& pattern) const {
  BSG_ASSIGN_OR_RETURN(db::Row row, s.QueryOne(kCountPeopleWithEmailLike, {pattern}));
  return row.Int(0);
}

Status Store::BulkLoadOrganizations(db::Session& s, const std::vector<OrganizationLoadRow>& rows,
                                    const std::string& now) const {
  static const std::vector<std::string> columns = WithId(kOrganizationColumns);
  std::vector<db::Params> values;
  values.reserve(rows.size());
  for (const auto& r : rows) values.push_back(WithId(r.id, OrganizationParams(r.draft, now)));
  Status st = s.BulkInsert("organization", columns, values);
  return st.ok() ? st : OrganizationConflict(st);
}

Status Store::BulkLoadPeople(db::Session& s, const std::vector<PersonLoadRow>& rows,
                             const std::string& now) const {
  static const std::vector<std::string> columns = WithId(kPersonColumns);
  std::vector<db::Params> values;
  values.reserve(rows.size());
  for (const auto& r : rows) values.push_back(WithId(r.id, PersonParams(r.draft, now)));
  Status st = s.BulkInsert("person", columns, values);
  return st.ok() ? st : PersonConflict(st);
}

Status Store::AdvanceIdSequences(db::Session& s) const {
  if (s.kind() != db::Kind::kPostgres) return Status::Ok();
  BSG_RETURN_IF_ERROR(s.Query(kAdvanceOrganizationSequence).status());
  return s.Query(kAdvancePersonSequence).status();
}

}  // namespace bsg::registry
