// Groups rules; see rules.h.
#include "modules/groups/rules.h"

#include <cmath>
#include <utility>

#include "modules/registry/rules.h"
#include "platform/text.h"
#include "platform/time/date.h"

namespace bsg::groups {
namespace {

constexpr std::string_view kNotStated = "not_stated";

Breakdown Empty(std::vector<std::string> buckets) {
  Breakdown b;
  for (auto& name : buckets) b.buckets.emplace_back(std::move(name), 0);
  b.buckets.emplace_back(std::string(kNotStated), 0);
  return b;
}

void Add(Breakdown& b, std::string_view bucket, std::int64_t n) {
  for (auto& [name, count] : b.buckets) {
    if (name == bucket) {
      count += n;
      return;
    }
  }
  b.buckets.emplace_back(std::string(bucket), n);
}

double Share(std::int64_t count, std::int64_t total) {
  if (total == 0) return 0;
  return std::round(10000.0 * static_cast<double>(count) / static_cast<double>(total)) / 10000.0;
}

nlohmann::json BreakdownJson(const Breakdown& b, std::int64_t total) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& [name, count] : b.buckets) {
    out.push_back({{"bucket", name}, {"count", count}, {"share", Share(count, total)}});
  }
  return out;
}

}  // namespace

Status ValidatePosition(PositionDraft& d, const registry::ClassIndex& countries) {
  Status::Fields fields;
  d.role = Trimmed(d.role);
  d.start_date = Trimmed(d.start_date);
  if (d.end_date) {
    *d.end_date = Trimmed(*d.end_date);
    if (d.end_date->empty()) d.end_date.reset();
  }
  if (d.country) {
    *d.country = Trimmed(*d.country);
    for (char& c : *d.country) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (d.country->empty()) {
      d.country.reset();
    } else if (countries.Find(*d.country) == nullptr) {
      fields["country"] = "is not a known country";
    }
  }
  if (!OneOf(kRoles, d.role)) {
    fields["role"] = "must be one of chair, vice_chair, wp_chair, rapporteur, associate_rapporteur";
  }
  if (!time::IsIsoDate(d.start_date)) fields["start_date"] = "must be a date YYYY-MM-DD";
  if (d.end_date && !time::IsIsoDate(*d.end_date)) {
    fields["end_date"] = "must be a date YYYY-MM-DD";
  } else if (d.end_date && time::IsIsoDate(d.start_date) && *d.end_date < d.start_date) {
    fields["end_date"] = "is before start_date";
  }
  if (d.group_id <= 0) fields["group_id"] = "is required";
  if (d.person_id <= 0) fields["person_id"] = "is required";
  if (d.note.size() > 2000) fields["note"] = "is longer than 2000 characters";
  if (!fields.empty()) {
    return Status::Unprocessable("position.invalid", "the position is not valid",
                                 std::move(fields));
  }
  return Status::Ok();
}

Status ValidateGroup(GroupDraft& d) {
  Status::Fields fields;
  d.code = Trimmed(d.code);
  d.title = Trimmed(d.title);
  d.kind = Trimmed(d.kind);
  if (d.code.empty() || d.code.size() > 40) fields["code"] = "is required (at most 40 characters)";
  if (d.title.empty()) fields["title"] = "is required";
  if (!OneOf(kGroupKinds, d.kind)) {
    fields["kind"] = "must be one of study_group, tsag, regional_group";
  }
  if (d.kind == "regional_group" && (!d.parent || d.parent->empty())) {
    fields["parent"] = "is required for a regional group: the code of its Study Group";
  }
  if (d.period.empty()) fields["period"] = "is required";
  if (!fields.empty()) {
    return Status::Unprocessable("group.invalid", "the group is not valid", std::move(fields));
  }
  return Status::Ok();
}

PeriodRepresentation Represent(const StudyPeriod& period,
                               const std::vector<SeatClassCount>& seats) {
  PeriodRepresentation r;
  r.period = period;
  r.breakdowns["development"] = Empty({"developing", "developed"});
  r.breakdowns["ldc"] = Empty({"ldc", "non_ldc"});
  std::vector<std::string> regions;
  for (auto region : registry::kRegions) regions.emplace_back(region);
  r.breakdowns["region"] = Empty(regions);
  r.breakdowns["gender"] = Empty({"female", "male", "other"});
  for (auto role : kRoles) r.by_role[std::string(role)] = Empty({"developing", "developed"});
  for (const auto& seat : seats) {
    r.seats += seat.count;
    Add(r.breakdowns["development"], seat.development, seat.count);
    Add(r.breakdowns["ldc"], seat.ldc, seat.count);
    Add(r.breakdowns["region"], seat.region, seat.count);
    Add(r.breakdowns["gender"], seat.gender, seat.count);
    Add(r.by_role[seat.role], seat.development, seat.count);
  }
  return r;
}

nlohmann::json ToJson(const PeriodRepresentation& r) {
  nlohmann::json breakdowns = nlohmann::json::object();
  for (const auto& [name, b] : r.breakdowns) breakdowns[name] = BreakdownJson(b, r.seats);
  nlohmann::json by_role = nlohmann::json::object();
  for (const auto& [role, b] : r.by_role) {
    std::int64_t total = 0;
    for (const auto& [bucket, count] : b.buckets) total += count;
    by_role[role] = {{"seats", total}, {"development", BreakdownJson(b, total)}};
  }
  return {{"period",
           {{"code", r.period.code},
            {"start_date", r.period.start_date},
            {"end_date", r.period.end_date}}},
          {"seats", r.seats},
          {"breakdowns", breakdowns},
          {"by_role", by_role}};
}

nlohmann::json Compare(const PeriodRepresentation& current, const PeriodRepresentation& previous) {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& [name, b] : current.breakdowns) {
    nlohmann::json list = nlohmann::json::array();
    const Breakdown& before = previous.breakdowns.at(name);
    for (const auto& [bucket, count] : b.buckets) {
      std::int64_t old = 0;
      for (const auto& [n, c] : before.buckets) {
        if (n == bucket) old = c;
      }
      const double points =
          std::round(100.0 * 100.0 * (Share(count, current.seats) - Share(old, previous.seats))) /
          100.0;
      list.push_back(
          {{"bucket", bucket}, {"count_change", count - old}, {"share_change_points", points}});
    }
    out[name] = list;
  }
  return out;
}

}  // namespace bsg::groups
