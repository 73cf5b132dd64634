// Participant lists in CSV and XLSX: imports (all or nothing, in one transaction) and exports that
// import back unchanged.
#include <algorithm>
#include <cstdlib>
#include <map>
#include <set>
#include <unordered_map>

#include "modules/events/rules.h"
#include "modules/events/service.h"
#include "modules/registry/rules.h"
#include "platform/text.h"
#include "platform/time/clock.h"
#include "platform/time/date.h"

namespace bsg::events {
namespace {

using nlohmann::json;

constexpr std::string_view kDryRunRollback = "events.dry_run_rollback";

const std::vector<tabular::ColumnSpec>& ParticipantColumns() {
  static const auto* specs = new std::vector<tabular::ColumnSpec>{
      {"email", false},   {"given_name", false},   {"family_name", false}, {"full_name", false},
      {"country", false}, {"organization", false}, {"gender", false},      {"mode", false},
      {"role", false},    {"attended", false},     {"days", false}};
  return *specs;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  return out;
}

std::string Token(std::string_view s) {  // "In person" -> "in_person"
  std::string out = Lower(tabular::Trim(s));
  for (char& c : out) {
    if (c == ' ' || c == '-') c = '_';
  }
  return out;
}

std::optional<bool> ParseYesNo(std::string_view s) {
  const std::string t = Token(s);
  if (t.empty() || t == "no" || t == "false" || t == "0" || t == "n") return false;
  if (t == "yes" || t == "true" || t == "1" || t == "y" || t == "x") return true;
  return std::nullopt;
}

// One parsed, checked row.
struct Row {
  int number = 0;
  std::optional<std::string> email;
  std::string given_name;
  std::string family_name;
  std::string full_name;
  std::optional<std::string> country;
  std::string organization;
  std::string gender = "not_stated";
  ParticipationMode mode = ParticipationMode::kInPerson;
  RegistrationRole role = RegistrationRole::kDelegate;
  std::vector<std::string> days;          // attendance days
  std::optional<std::int64_t> person_id;  // matched
};

}  // namespace

json ImportReportToJson(const ImportReport& r) {
  json body = {{"ok", r.errors.empty()},
               {"dry_run", r.dry_run},
               {"rows", r.rows},
               {"people_matched", r.people_matched},
               {"people_created", r.people_created},
               {"organizations_created", r.organizations_created},
               {"registrations_created", r.registrations_created},
               {"registrations_existing", r.registrations_existing},
               {"attendance_days", r.attendance_days}};
  tabular::AddErrorReport(body, r.errors);  // errors (the first 1,000), errors_total, summary
  return body;
}

Result<ImportReport> EventService::ImportParticipants(const Caller& caller, std::int64_t event_id,
                                                      std::string_view bytes,
                                                      tabular::Format format, bool dry_run,
                                                      bool create_missing) {
  if (!caller.IsOfficer()) {
    return Status::PermissionDenied("events.officers_only", "only officers import participants");
  }
  ImportReport report;
  report.dry_run = dry_run;
  Result<tabular::Table> read = tabular::ReadTable(bytes, format, tabular::ImportLimits("events"));
  if (!read.ok()) {
    // A file that cannot be read at all: one error naming the row when known.
    std::optional<tabular::CellError> failure = tabular::ReadFailure(read.status());
    if (!failure) return read.status();
    report.errors.push_back(std::move(*failure));
    return report;
  }
  const tabular::Table& table = *read;
  report.rows = static_cast<int>(table.rows.size());
  tabular::Columns columns(ParticipantColumns());
  report.errors = columns.Bind(table);
  if (!report.errors.empty()) return report;

  ImportReport result;
  Status s = db_.InTransaction(
      [&](db::Transaction& tx) -> Status {
        ImportReport r = report;
        auto error = [&](int row, std::string_view column, std::string reason,
                         std::string_view value) {
          r.errors.push_back(
              {row, columns.HeaderName(column), std::move(reason), std::string(value)});
        };
        BSG_ASSIGN_OR_RETURN(Event e, store_.FindEvent(tx, event_id));
        const std::string today = time::Today().ToString();
        BSG_ASSIGN_OR_RETURN(auto held_countries, directory::Countries(tx));
        const registry::ClassIndex& countries = *held_countries;
        const registry::CountryMatcher matcher(countries.countries());
        BSG_ASSIGN_OR_RETURN(auto by_email, directory::PeopleByEmail(tx));
        BSG_ASSIGN_OR_RETURN(std::vector<Registration> existing_regs,
                             store_.ListRegistrations(tx, event_id, std::nullopt));
        std::map<std::int64_t, Registration> reg_of_person;
        for (const auto& reg : existing_regs) reg_of_person[reg.person_id] = reg;

        // ---- pass 1: parse, check and match every row
        std::vector<Row> rows;
        std::map<std::string, int> email_row;  // duplicates within the file
        std::map<std::int64_t, int> person_row;
        std::map<std::string, int> name_row;
        for (const tabular::Row& cells : table.rows) {
          Row row;
          row.number = cells.number;
          const std::size_t errors_before = r.errors.size();
          if (auto width = columns.CheckWidth(cells)) r.errors.push_back(*width);
          const std::string_view email = columns.Get(cells, "email");
          if (!email.empty()) {
            const std::string lower = Lower(email);
            const std::size_t at = lower.find('@');
            if (at == std::string::npos || at == 0 || lower.find('.', at) == std::string::npos ||
                lower.find(' ') != std::string::npos) {
              error(row.number, "email", "is not a valid address", email);
            } else {
              row.email = lower;
            }
          }
          row.given_name = std::string(columns.Get(cells, "given_name"));
          row.family_name = std::string(columns.Get(cells, "family_name"));
          row.full_name = std::string(columns.Get(cells, "full_name"));
          if (row.full_name.empty() && (!row.given_name.empty() || !row.family_name.empty())) {
            row.full_name = row.given_name.empty()    ? row.family_name
                            : row.family_name.empty() ? row.given_name
                                                      : row.given_name + " " + row.family_name;
          }
          const std::string_view country = columns.Get(cells, "country");
          if (!country.empty()) {
            row.country = matcher.Match(country);
            if (!row.country) error(row.number, "country", "is not a known country", country);
          }
          row.organization = std::string(columns.Get(cells, "organization"));
          const std::string_view gender = columns.Get(cells, "gender");
          if (!gender.empty()) {
            const std::string g = Token(gender);
            if (g == "female" || g == "male" || g == "other" || g == "not_stated") {
              row.gender = g;
            } else {
              error(row.number, "gender", "must be female, male, other or not_stated", gender);
            }
          }
          const std::string_view mode = columns.Get(cells, "mode");
          if (mode.empty()) {
            row.mode = e.mode == EventMode::kVirtual ? ParticipationMode::kRemote
                                                     : ParticipationMode::kInPerson;
          } else if (auto m = ParseParticipationMode(Token(mode))) {
            row.mode = *m;
          } else {
            error(row.number, "mode", "must be in_person or remote", mode);
          }
          if (Status ok = CheckCanRegister(e, row.mode, true); !ok.ok() && !mode.empty()) {
            error(row.number, "mode", ok.message(), mode);
          } else if (!ok.ok()) {
            error(row.number, "mode", ok.message(), Name(row.mode));
          }
          const std::string_view role = columns.Get(cells, "role");
          if (!role.empty()) {
            if (auto parsed = ParseRegistrationRole(Token(role))) {
              row.role = *parsed;
            } else {
              error(row.number, "role", "must be delegate, speaker, trainer or chair", role);
            }
          }
          const std::string_view attended = columns.Get(cells, "attended");
          const auto yes = ParseYesNo(attended);
          if (!yes) error(row.number, "attended", "must be yes or no", attended);
          const std::string_view days = columns.Get(cells, "days");
          if (!days.empty()) {
            std::string list(days);
            std::replace(list.begin(), list.end(), ',', ';');
            std::size_t start = 0;
            while (start <= list.size()) {
              const std::size_t semi = list.find(';', start);
              const std::string_view part = tabular::Trim(std::string_view(list).substr(
                  start, semi == std::string::npos ? std::string::npos : semi - start));
              if (!part.empty()) {
                if (!time::IsIsoDate(part) || std::string(part) < e.start_date ||
                    std::string(part) > e.end_date || std::string(part) > today) {
                  error(
                      row.number, "days",
                      "must be dates within the event (" + e.start_date + " to " + e.end_date + ")",
                      part);
                } else if (std::find(row.days.begin(), row.days.end(), part) == row.days.end()) {
                  row.days.emplace_back(part);
                }
              }
              if (semi == std::string::npos) break;
              start = semi + 1;
            }
          } else if (yes && *yes) {
            if (e.start_date > today) {
              error(row.number, "attended", "the event has not started yet", attended);
            } else {
              row.days.push_back(e.start_date);
            }
          }
          if (yes && !*yes && !row.days.empty() && !attended.empty()) {
            error(row.number, "attended", "is no, but attendance days are given", attended);
          }
          if (r.errors.size() != errors_before) continue;

          // Match the person: by email, else by name and country.
          if (row.email) {
            if (auto it = email_row.find(*row.email); it != email_row.end()) {
              error(row.number, "email", "the same person is on row " + std::to_string(it->second),
                    *row.email);
              continue;
            }
            email_row[*row.email] = row.number;
            if (auto it = by_email.find(*row.email); it != by_email.end()) {
              row.person_id = it->second;
            }
          }
          if (!row.person_id) {
            if (row.full_name.empty()) {
              error(row.number, row.email ? "full_name" : "email",
                    "each row needs an email, or a name and a country", "");
              continue;
            }
            if (row.country) {
              BSG_ASSIGN_OR_RETURN(
                  auto found, directory::PeopleByNameAndCountry(tx, row.full_name, *row.country));
              if (found.size() > 1) {
                error(row.number, "full_name",
                      "matches " + std::to_string(found.size()) +
                          " people in this country; give the email",
                      row.full_name);
                continue;
              }
              if (found.size() == 1) row.person_id = found.front().id;
            }
            if (!row.person_id) {
              if (!create_missing) {
                error(row.number, row.email ? "email" : "full_name",
                      "no such person (import with create_missing to create them)",
                      row.email ? *row.email : row.full_name);
                continue;
              }
              const std::string key = Fold(row.full_name) + "|" + row.country.value_or("") + "|" +
                                      row.email.value_or("");
              if (auto it = name_row.find(key); it != name_row.end()) {
                error(row.number, "full_name",
                      "the same person is on row " + std::to_string(it->second), row.full_name);
                continue;
              }
              name_row[key] = row.number;
            }
          }
          if (row.person_id) {
            if (auto it = person_row.find(*row.person_id); it != person_row.end()) {
              error(row.number, row.email ? "email" : "full_name",
                    "the same person is on row " + std::to_string(it->second),
                    row.email ? *row.email : row.full_name);
              continue;
            }
            person_row[*row.person_id] = row.number;
          }
          rows.push_back(std::move(row));
        }

        // Capacity: new registrations need free places.
        std::int64_t need_in_person = 0, need_remote = 0;
        for (const Row& row : rows) {
          const bool active = row.person_id && reg_of_person.count(*row.person_id) &&
                              HoldsPlace(reg_of_person[*row.person_id].status);
          if (active) continue;
          std::int64_t& need =
              row.mode == ParticipationMode::kInPerson ? need_in_person : need_remote;
          ++need;
          const auto& cap =
              row.mode == ParticipationMode::kInPerson ? e.capacity_in_person : e.capacity_remote;
          const std::int64_t taken =
              row.mode == ParticipationMode::kInPerson ? e.taken_in_person : e.taken_remote;
          if (cap && taken + need > *cap) {
            error(row.number, "mode",
                  "the event is full: " + std::to_string(*cap) + " " + std::string(Name(row.mode)) +
                      " places",
                  Name(row.mode));
          }
        }
        if (!r.errors.empty()) {
          std::sort(r.errors.begin(), r.errors.end(),
                    [](const auto& a, const auto& b) { return a.row < b.row; });
          result = r;
          return Status(ErrorCode::kConflict, std::string(kDryRunRollback), "");
        }

        // ---- pass 2: write
        const std::string now = time::CurrentTimestamp();
        std::map<std::string, std::optional<std::int64_t>> orgs;  // name|country -> id
        for (Row& row : rows) {
          if (row.person_id) {
            ++r.people_matched;
            continue;
          }
          NewPersonInfo p;
          p.given_name = row.given_name;
          p.family_name = row.family_name;
          if (p.given_name.empty() && p.family_name.empty()) p.given_name = row.full_name;
          p.email = row.email;
          p.country = row.country;
          p.gender = row.gender;
          if (!row.organization.empty()) {
            const std::string key = MatchKey(row.organization) + "|" + row.country.value_or("");
            auto it = orgs.find(key);
            if (it == orgs.end()) {
              BSG_ASSIGN_OR_RETURN(auto found,
                                   directory::OrganizationByName(tx, countries, row.organization,
                                                                 row.country, false, now));
              if (!found) {
                BSG_ASSIGN_OR_RETURN(found,
                                     directory::OrganizationByName(tx, countries, row.organization,
                                                                   row.country, true, now));
                ++r.organizations_created;
                BSG_RETURN_IF_ERROR(
                    RecordAudit(tx, caller.actor, "organization", std::to_string(*found), "create",
                                std::nullopt,
                                json{{"name", row.organization},
                                     {"country", row.country ? json(*row.country) : json(nullptr)},
                                     {"via", "events participant import"}}));
              }
              it = orgs.emplace(key, found).first;
            }
            p.organization_id = it->second;
          }
          auto id = directory::CreatePerson(tx, countries, p, now);
          if (!id.ok()) {
            if (id.status().code() != ErrorCode::kUnprocessable &&
                id.status().code() != ErrorCode::kConflict) {
              return id.status();
            }
            std::string why = id.status().message();
            std::string column = "full_name";
            if (!id.status().fields().empty()) {
              column = id.status().fields().begin()->first;
              why = id.status().fields().begin()->second;
            }
            if (!columns.Has(column)) column = "full_name";
            error(row.number, column, why, row.full_name);
            continue;
          }
          row.person_id = *id;
          ++r.people_created;
          BSG_RETURN_IF_ERROR(
              RecordAudit(tx, caller.actor, "person", std::to_string(*id), "create", std::nullopt,
                          json{{"full_name", row.full_name},
                               {"email", row.email ? json(*row.email) : json(nullptr)},
                               {"country", row.country ? json(*row.country) : json(nullptr)},
                               {"gender", row.gender},
                               {"via", "events participant import"}}));
        }
        if (!r.errors.empty()) {
          result = r;
          return Status(ErrorCode::kConflict, std::string(kDryRunRollback), "");
        }

        std::vector<Registration> fresh;
        std::vector<std::int64_t> person_ids;
        for (const Row& row : rows) {
          person_ids.push_back(*row.person_id);
          auto it = reg_of_person.find(*row.person_id);
          const RegistrationStatus status =
              row.days.empty() ? RegistrationStatus::kRegistered : RegistrationStatus::kAttended;
          if (it == reg_of_person.end()) {
            Registration reg;
            reg.event_id = event_id;
            reg.person_id = *row.person_id;
            reg.mode = row.mode;
            reg.role = row.role;
            reg.status = status;
            fresh.push_back(reg);
            ++r.registrations_created;
          } else if (!HoldsPlace(it->second.status)) {  // cancelled or waitlisted: reactivate
            Registration reg = it->second;
            reg.mode = row.mode;
            reg.role = row.role;
            reg.status = status;
            reg.waitlist_position.reset();
            BSG_RETURN_IF_ERROR(store_.UpdateRegistration(tx, reg, now));
            ++r.registrations_created;
          } else {
            ++r.registrations_existing;
            if (!row.days.empty() && it->second.status != RegistrationStatus::kAttended) {
              Registration reg = it->second;
              reg.status = RegistrationStatus::kAttended;
              BSG_RETURN_IF_ERROR(store_.UpdateRegistration(tx, reg, now));
            }
          }
        }
        BSG_RETURN_IF_ERROR(store_.BulkInsertRegistrations(tx, fresh, caller.user_id, now));
        BSG_ASSIGN_OR_RETURN(std::vector<Registration> all,
                             store_.ListRegistrations(tx, event_id, std::nullopt));
        std::map<std::int64_t, std::int64_t> rid_of_person;
        for (const auto& reg : all) rid_of_person[reg.person_id] = reg.id;
        std::vector<Attendance> days;
        for (const Row& row : rows) {
          if (row.days.empty()) continue;
          const std::int64_t rid = rid_of_person.at(*row.person_id);
          std::set<std::string> have;
          if (reg_of_person.count(*row.person_id)) {
            BSG_ASSIGN_OR_RETURN(auto recorded, store_.ListAttendance(tx, rid));
            for (const auto& a : recorded) have.insert(a.day);
          }
          for (const std::string& day : row.days) {
            if (have.count(day)) continue;
            Attendance a;
            a.registration_id = rid;
            a.day = day;
            a.mode = row.mode;
            a.source = AttendanceSource::kCheckin;
            a.recorded_by = caller.user_id;
            a.recorded_at = now;
            days.push_back(a);
          }
        }
        r.attendance_days = static_cast<int>(days.size());
        BSG_RETURN_IF_ERROR(store_.BulkInsertAttendance(tx, days));
        BSG_RETURN_IF_ERROR(store_.RecountPlaces(tx, event_id));
        BSG_RETURN_IF_ERROR(RecordAudit(
            tx, caller.actor, "event", std::to_string(event_id), "import_participants",
            std::nullopt, json{{"report", ImportReportToJson(r)}, {"person_ids", person_ids}}));
        result = r;
        if (dry_run) return Status(ErrorCode::kConflict, std::string(kDryRunRollback), "");
        return Status::Ok();
      },
      {.read_only = false, .max_attempts = 5});
  if (!s.ok() && s.reason() != kDryRunRollback) return s;
  if (!result.errors.empty()) {
    result.people_created = result.people_matched = result.organizations_created = 0;
    result.registrations_created = result.registrations_existing = result.attendance_days = 0;
  }
  return result;
}

Result<std::string> EventService::ExportParticipants(const Caller& caller, std::int64_t event_id,
                                                     tabular::Format format) {
  if (!caller.IsOfficer()) {
    return Status::PermissionDenied("events.officers_only", "only officers export participants");
  }
  const std::vector<std::string> header = {"email",        "full_name", "country",
                                           "organization", "gender",    "mode",
                                           "role",         "attended",  "days"};
  std::vector<std::vector<std::string>> rows;
  Status s = db_.InTransaction(
      [&](db::Transaction& tx) -> Status {
        rows.clear();
        BSG_ASSIGN_OR_RETURN(Event e, store_.FindEvent(tx, event_id));
        (void)e;
        BSG_ASSIGN_OR_RETURN(std::vector<Registration> regs,
                             store_.ListRegistrations(tx, event_id, std::nullopt));
        BSG_ASSIGN_OR_RETURN(std::vector<Attendance> attendance,
                             store_.ListEventAttendance(tx, event_id));
        std::map<std::int64_t, std::string> days;  // by registration: "day;day"
        for (const Attendance& a : attendance) {
          std::string& list = days[a.registration_id];
          list += (list.empty() ? "" : ";") + a.day;
        }
        std::map<std::int64_t, std::string> organizations;
        for (const Registration& r : regs) {
          if (r.status == RegistrationStatus::kCancelled ||
              r.status == RegistrationStatus::kWaitlisted) {
            continue;
          }
          BSG_ASSIGN_OR_RETURN(auto person, directory::PersonById(tx, r.person_id));
          if (!person) continue;  // an erased person is not listed
          std::string organization;
          if (person->organization_id) {
            auto it = organizations.find(*person->organization_id);
            if (it == organizations.end()) {
              BSG_ASSIGN_OR_RETURN(std::string name,
                                   directory::OrganizationName(tx, *person->organization_id));
              it = organizations.emplace(*person->organization_id, std::move(name)).first;
            }
            organization = it->second;
          }
          const std::string& attended = days[r.id];
          rows.push_back({person->email.value_or(""), person->full_name,
                          person->country.value_or(""), organization, person->gender,
                          std::string(Name(r.mode)), std::string(Name(r.role)),
                          attended.empty() ? "no" : "yes", attended});
        }
        return Status::Ok();
      },
      {.read_only = true, .max_attempts = 5});
  if (!s.ok()) return s;
  return tabular::WriteTable(header, rows, format);
}

}  // namespace bsg::events
