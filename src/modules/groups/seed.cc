// Demo management teams; see service.h. Names come from a small deterministic generator and are
// visibly made up (family names such as "Sampleton"); emails are @example.org.
#include <array>
#include <set>
#include <string>
#include <tuple>

#include "modules/groups/service.h"
#include "modules/groups/store.h"
#include "modules/registry/rules.h"
#include "modules/registry/store.h"
#include "platform/text.h"
#include "platform/time/clock.h"

namespace bsg::groups {
namespace {

constexpr std::array<const char*, 20> kGiven = {
    "Ama",  "Bilal", "Chen",  "Dalia", "Emeka", "Farida", "Goran", "Hana", "Ivo",  "Jamila",
    "Kofi", "Lina",  "Marek", "Nadia", "Omar",  "Priya",  "Quang", "Rosa", "Sami", "Tala"};
constexpr std::array<const char*, 13> kFamily = {
    "Sampleton", "Examplar", "Demoulin", "Testova", "Placeholder", "Mockridge", "Fictivo",
    "Madeupson", "Specimen", "Dummett",  "Notreal", "Pretendo",    "Fakhouri"};
// Developing countries (including LDCs and Vanuatu, an LDC until 2020-12-04) and developed ones.
constexpr std::array<const char*, 16> kDeveloping = {
    "CN", "IN", "BR", "EG", "NG", "KE", "SN", "AR", "SA", "VU", "BD", "ET", "RW", "TN", "ZA", "BT"};
constexpr std::array<const char*, 12> kDeveloped = {"US", "FR", "DE", "JP", "GB", "IT",
                                                    "CA", "CH", "SE", "FI", "NL", "AU"};

struct PeriodPlan {
  const char* period;
  int developing_per_20;  // share of seats held from developing countries, in twentieths
  int person_offset;
};
constexpr PeriodPlan kPlans[] = {{"2013-2016", 7, 0}, {"2017-2020", 11, 200}};
constexpr std::array<const char*, 3> kSeatRoles = {"chair", "vice_chair", "vice_chair"};

}  // namespace

Status SeedDemoTeams(db::Database& db) {
  const Store store;
  const registry::Store people;
  return db.InTransaction([&](db::Transaction& tx) -> Status {
    const std::string now = time::CurrentTimestamp();
    BSG_ASSIGN_OR_RETURN(auto held_index, people.LoadClassIndex(tx));
    const registry::ClassIndex& index = *held_index;
    BSG_ASSIGN_OR_RETURN(auto emails, people.PeopleByEmail(tx));
    BSG_ASSIGN_OR_RETURN(auto existing, store.AllPositions(tx));
    std::set<std::tuple<std::int64_t, std::int64_t, std::string, std::string>> taken;
    for (const auto& p : existing) taken.insert({p.group_id, p.person_id, p.role, p.start_date});
    int added = 0;
    for (const auto& plan : kPlans) {
      BSG_ASSIGN_OR_RETURN(StudyPeriod period, store.PeriodByCode(tx, plan.period));
      BSG_ASSIGN_OR_RETURN(auto groups,
                           store.ListGroups(tx, std::string(plan.period), std::nullopt));
      int seat = 0;
      for (const auto& group : groups) {
        if (group.kind == "regional_group") continue;
        for (const char* role : kSeatRoles) {
          const int n = plan.person_offset + seat;
          registry::PersonDraft d;
          d.given_name = kGiven[static_cast<std::size_t>(n) % kGiven.size()];
          d.family_name = kFamily[static_cast<std::size_t>(n / 3) % kFamily.size()];
          d.email =
              Fold(*d.given_name + "." + *d.family_name) + "." + std::to_string(n) + "@example.org";
          if (seat % 17 != 5) {  // a few seats with no country
            const bool developing = seat % 20 < plan.developing_per_20;
            d.country = developing
                            ? kDeveloping[static_cast<std::size_t>(seat) % kDeveloping.size()]
                            : kDeveloped[static_cast<std::size_t>(seat) % kDeveloped.size()];
          }
          d.gender = seat % 7 == 3 ? "not_stated" : (seat % 5 < 2 ? "female" : "male");
          d.languages = {"en"};
          std::int64_t person_id = 0;
          if (auto it = emails.find(*d.email); it != emails.end()) {
            person_id = it->second;
          } else {
            BSG_RETURN_IF_ERROR(registry::ValidatePerson(d, index));
            BSG_ASSIGN_OR_RETURN(person_id, people.CreatePerson(tx, d, now));
            emails[*d.email] = person_id;
          }
          PositionDraft pos;
          pos.group_id = group.id;
          pos.person_id = person_id;
          pos.role = role;
          pos.start_date = period.start_date;
          pos.end_date = period.end_date;
          pos.note = "demo";
          if (taken.insert({pos.group_id, pos.person_id, pos.role, pos.start_date}).second) {
            BSG_RETURN_IF_ERROR(store.CreatePosition(tx, pos, now).status());
            ++added;
          }
          ++seat;
        }
      }
    }
    if (added == 0) return Status::Ok();
    return RecordAudit(tx, CliActor("bsg seed --demo"), "import", "positions", "seed_demo",
                       std::nullopt, nlohmann::json{{"positions", added}});
  });
}

}  // namespace bsg::groups
