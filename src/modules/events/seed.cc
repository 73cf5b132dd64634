// The demo events, participants, registrations and attendance.
#include "modules/events/seed.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "modules/events/directory.h"
#include "modules/events/service.h"
#include "modules/events/store.h"
#include "platform/audit.h"
#include "platform/time/clock.h"
#include "platform/time/date.h"

namespace bsg::events {
namespace {

using nlohmann::json;

constexpr char kActor[] = "bsg seed --demo (events)";

// ---- the participants' countries (74) and organizations (80)

// Countries the made-up trainees come from, by ITU region (20 AFR, 14 AMS, 14 ARB, 14 ASP,
// 5 CIS, 7 EUR).
constexpr const char* kTraineeCountries[] = {
    // AFR
    "NG", "KE", "GH", "SN", "UG", "TZ", "RW", "ZM", "ZW", "CM", "CI", "ET", "BJ", "BF", "ML", "NE",
    "MW", "MZ", "ZA", "BW",
    // AMS
    "SV", "GT", "HN", "NI", "CR", "PA", "CO", "EC", "PE", "BO", "PY", "BR", "MX", "DO",
    // ARB
    "AE", "QA", "SA", "EG", "TN", "MA", "JO", "LB", "OM", "KW", "BH", "SD", "DZ", "MR",
    // ASP
    "LK", "IN", "BD", "NP", "PK", "ID", "PH", "VN", "TH", "MY", "CN", "BT", "MN", "FJ",
    // CIS
    "KZ", "KG", "UZ", "AM", "AZ",
    // EUR
    "AL", "RS", "MK", "BA", "ME", "TR", "PT"};

// Six countries with a second organization (an operator or a university).
constexpr const char* kSecondOrganization[][3] = {
    {"NG", "Demo Mobile Operator", "sector_member"},
    {"KE", "Demo University of ICT", "academia"},
    {"IN", "Demo Telecom Operator", "sector_member"},
    {"BR", "Demo Network Operator", "sector_member"},
    {"EG", "Demo Institute of Telecommunications", "academia"},
    {"CN", "Demo Equipment Maker", "sector_member"}};

struct OrgSpec {
  std::string name;
  std::string kind;
  std::string iso2;
  std::string region;
  std::int64_t id = 0;
};

// ---- made-up names (a deterministic generator; the emails on example.org show they are demo)

constexpr const char* kGiven[] = {
    "Amara", "Kwame",  "Fatou",   "Chidi",  "Leila",   "Omar",    "Ana",    "Carlos",
    "Priya", "Rahul",  "Mei",     "Wei",    "Aigerim", "Timur",   "Nadia",  "Youssef",
    "Lucia", "Mateo",  "Grace",   "Samuel", "Aisha",   "Ibrahim", "Thi",    "Minh",
    "Sipho", "Naledi", "Hana",    "Tariq",  "Elena",   "Jorge",   "Zainab", "Kofi",
    "Aroha", "Sione",  "Dilnoza", "Arman",  "Mariam",  "Hassan",  "Sofia",  "Diego"};
constexpr const char* kFamily[] = {
    "Okafor",   "Mensah",    "Diallo",  "Kamau",   "Haddad",    "Rahman",  "Silva",   "Gonzalez",
    "Sharma",   "Perera",    "Chen",    "Nguyen",  "Bekova",    "Aliyev",  "Benali",  "Mansour",
    "Torres",   "Ramirez",   "Achieng", "Mwangi",  "Abubakar",  "Traore",  "Tran",    "Dlamini",
    "Ndlovu",   "Suzuki",    "Qureshi", "Petrova", "Fernandez", "Hussein", "Owusu",   "Tupou",
    "Karimova", "Sargsyan",  "Nasser",  "Castro",  "Banda",     "Phiri",   "Salazar", "Kone",
    "Sow",      "Ouedraogo", "Mutua",   "Adeyemi", "Farouk",    "Santos",  "Morales", "Joshi",
    "Lim",      "Wanjiru"};

struct PersonSpec {
  std::string given;
  std::string family;
  std::string email;
  std::string iso2;
  std::size_t org = 0;
  std::string gender;
  std::int64_t id = 0;
};

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

std::string Gender(std::size_t i) {
  if (i % 23 == 7) return "not_stated";
  if (i % 151 == 3) return "other";
  if (i % 5 == 0 || i % 5 == 2) return "female";
  return "male";
}

// ---- the events

enum Audience { kNone, kAll, kAfr, kAms, kArb, kAsp, kArbAfr };

struct Participants {
  int trainees = 0;  // new delegates trained (a training)
  Audience audience = kNone;
  int repeats = 0;    // earlier trainees attending again
  int no_shows = 0;   // registered delegates who did not come
  int in_person = 0;  // meeting participants attending in person
  int remote = 0;     // meeting participants attending remotely
  int trainers = 0;   // remote trainers (role trainer)
};

struct EventSpec {
  const char* code;
  EventKind kind;
  const char* title;
  const char* start;
  const char* end;
  DatePrecision precision;
  const char* time_zone;
  const char* city;
  const char* country;
  const char* host;
  EventMode mode;
  EventStatus status;
  std::vector<const char*> groups;
  const char* parent;
  int programme;
  const char* pillar;
  std::vector<const char*> topics;
  Participants people;
  std::optional<std::int64_t> capacity = std::nullopt;
};

using K = EventKind;
using M = EventMode;
using S = EventStatus;
constexpr DatePrecision kDay = DatePrecision::kDay;
constexpr DatePrecision kMonth = DatePrecision::kMonth;

// Parents come before the events collocated with them.
const std::vector<EventSpec>& Specs() {
  static const auto* specs = new std::vector<EventSpec>{
      // ---- BSG trainings before the reporting period (2016 - mid 2019)
      {"demo-2016-01-training-sg13",
       K::kBsgTraining,
       "BSG hands-on training on ITU-T working methods (SG13)",
       "2016-01-25",
       "2016-01-25",
       kDay,
       "Europe/Zurich",
       "Geneva",
       "CH",
       "ITU TSB",
       M::kInPerson,
       S::kHeld,
       {"SG13"},
       nullptr,
       3,
       "know_how",
       {"Recommendation ITU-T A.1", "Drafting contributions"},
       {.trainees = 45, .audience = kAll, .no_shows = 2},
       60},
      {"demo-2016-05-training-sg17",
       K::kBsgTraining,
       "BSG hands-on training on ITU-T working methods (SG17)",
       "2016-05-09",
       "2016-05-09",
       kDay,
       "Europe/Zurich",
       "Geneva",
       "CH",
       "ITU TSB",
       M::kInPerson,
       S::kHeld,
       {"SG17"},
       nullptr,
       3,
       "know_how",
       {"Recommendation ITU-T A.1"},
       {.trainees = 45, .audience = kAll, .repeats = 3, .no_shows = 2},
       60},
      {"demo-2016-10-training-sg5",
       K::kBsgTraining,
       "BSG hands-on training on ITU-T working methods (SG5)",
       "2016-10-17",
       "2016-10-17",
       kDay,
       "Europe/Zurich",
       "Geneva",
       "CH",
       "ITU TSB",
       M::kInPerson,
       S::kHeld,
       {"SG5"},
       nullptr,
       3,
       "know_how",
       {"Recommendation ITU-T A.1"},
       {.trainees = 45, .audience = kAll, .repeats = 3, .no_shows = 1},
       60},
      {"demo-2017-03-training-sg20",
       K::kBsgTraining,
       "BSG hands-on training (SG20)",
       "2017-03-13",
       "2017-03-13",
       kDay,
       "Europe/Zurich",
       "Geneva",
       "CH",
       "ITU TSB",
       M::kInPerson,
       S::kHeld,
       {"SG20"},
       nullptr,
       3,
       "know_how",
       {"Recommendation ITU-T A.1", "IoT standards"},
       {.trainees = 40, .audience = kAll, .repeats = 5, .no_shows = 2},
       60},
      {"demo-2017-07-training-kampala",
       K::kBsgTraining,
       "BSG training for the Africa region",
       "2017-07-10",
       "2017-07-11",
       kDay,
       "Africa/Kampala",
       "Kampala",
       "UG",
       "Uganda Communications Commission",
       M::kInPerson,
       S::kHeld,
       {"SG12RG-AFR"},
       nullptr,
       3,
       "know_how",
       {"Recommendation ITU-T A.1", "QoS"},
       {.trainees = 40, .audience = kAfr, .repeats = 5, .no_shows = 2},
       60},
      {"demo-2017-10-training-sg3",
       K::kBsgTraining,
       "BSG hands-on training (SG3)",
       "2017-10-30",
       "2017-10-30",
       kDay,
       "Europe/Zurich",
       "Geneva",
       "CH",
       "ITU TSB",
       M::kInPerson,
       S::kHeld,
       {"SG3"},
       nullptr,
       3,
       "know_how",
       {"Recommendation ITU-T A.1"},
       {.trainees = 40, .audience = kAll, .repeats = 5, .no_shows = 2},
       60},
      {"demo-2018-01-training-sg13",
       K::kBsgTraining,
       "BSG hands-on training (SG13)",
       "2018-01-22",
       "2018-01-22",
       kDay,
       "Europe/Zurich",
       "Geneva",
       "CH",
       "ITU TSB",
       M::kInPerson,
       S::kHeld,
       {"SG13"},
       nullptr,
       3,
       "know_how",
       {"Recommendation ITU-T A.1"},
       {.trainees = 45, .audience = kAll, .repeats = 5, .no_shows = 2},
       60},
      {"demo-2018-06-training-bangkok",
       K::kBsgTraining,
       "BSG training for Asia and the Pacific",
       "2018-06-04",
       "2018-06-05",
       kDay,
       "Asia/Bangkok",
       "Bangkok",
       "TH",
       "NBTC Thailand",
       M::kInPerson,
       S::kHeld,
       {"SG3RG-AO"},
       nullptr,
       3,
       "know_how",
       {"Recommendation ITU-T A.1"},
       {.trainees = 45, .audience = kAsp, .repeats = 5, .no_shows = 2},
       60},
      {"demo-2018-09-training-sg11",
       K::kBsgTraining,
       "BSG hands-on training (SG11)",
       "2018-09-17",
       "2018-09-17",
       kDay,
       "Europe/Zurich",
       "Geneva",
       "CH",
       "ITU TSB",
       M::kInPerson,
       S::kHeld,
       {"SG11"},
       nullptr,
       3,
       "know_how",
       {"Recommendation ITU-T A.1"},
       {.trainees = 45, .audience = kAll, .repeats = 5, .no_shows = 2},
       60},
      {"demo-2019-01-training-sg15",
       K::kBsgTraining,
       "BSG hands-on training (SG15)",
       "2019-01-28",
       "2019-01-28",
       kDay,
       "Europe/Zurich",
       "Geneva",
       "CH",
       "ITU TSB",
       M::kInPerson,
       S::kHeld,
       {"SG15"},
       nullptr,
       3,
       "know_how",
       {"Recommendation ITU-T A.1"},
       {.trainees = 40, .audience = kAll, .repeats = 5, .no_shows = 2},
       60},
      {"demo-2019-03-training-sg13",
       K::kBsgTraining,
       "BSG hands-on training (SG13)",
       "2019-03-18",
       "2019-03-18",
       kDay,
       "Europe/Zurich",
       "Geneva",
       "CH",
       "ITU TSB",
       M::kInPerson,
       S::kHeld,
       {"SG13"},
       nullptr,
       3,
       "know_how",
       {"Recommendation ITU-T A.1"},
       {.trainees = 40, .audience = kAll, .repeats = 5, .no_shows = 2},
       60},
      {"demo-2019-05-training-sg17",
       K::kBsgTraining,
       "BSG hands-on training (SG17)",
       "2019-05-06",
       "2019-05-06",
       kDay,
       "Europe/Zurich",
       "Geneva",
       "CH",
       "ITU TSB",
       M::kInPerson,
       S::kHeld,
       {"SG17"},
       nullptr,
       3,
       "know_how",
       {"Recommendation ITU-T A.1"},
       {.trainees = 40, .audience = kAll, .repeats = 5, .no_shows = 2},
       60},

      // ---- Study Group meetings and TSAG (hybrid, with remote participation)
      {"demo-2019-09-sg3",
       K::kStudyGroupMeeting,
       "ITU-T Study Group 3 meeting",
       "2019-09-04",
       "2019-09-12",
       kDay,
       "Europe/Zurich",
       "Geneva",
       "CH",
       "ITU",
       M::kHybrid,
       S::kHeld,
       {"SG3"},
       nullptr,
       1,
       "engagement",
       {},
       {.in_person = 40, .remote = 25}},
      {"demo-2019-09-sg5",
       K::kStudyGroupMeeting,
       "ITU-T Study Group 5 meeting",
       "2019-09-16",
       "2019-09-20",
       kDay,
       "Europe/Zurich",
       "Geneva",
       "CH",
       "ITU",
       M::kHybrid,
       S::kHeld,
       {"SG5"},
       nullptr,
       1,
       "engagement",
       {},
       {.in_person = 40, .remote = 30}},
      {"demo-2019-10-sg13",
       K::kStudyGroupMeeting,
       "ITU-T Study Group 13 meeting",
       "2019-10-14",
       "2019-10-25",
       kDay,
       "Europe/Zurich",
       "Geneva",
       "CH",
       "ITU",
       M::kHybrid,
       S::kHeld,
       {"SG13"},
       nullptr,
       1,
       "engagement",
       {},
       {.in_person = 60, .remote = 40}},
      {"demo-2019-10-sg11",
       K::kStudyGroupMeeting,
       "ITU-T Study Group 11 meeting",
       "2019-10-16",
       "2019-10-25",
       kDay,
       "Europe/Zurich",
       "Geneva",
       "CH",
       "ITU",
       M::kHybrid,
       S::kHeld,
       {"SG11"},
       nullptr,
       1,
       "engagement",
       {},
       {.in_person = 50, .remote = 35}},
      {"demo-2019-11-sg20",
       K::kStudyGroupMeeting,
       "ITU-T Study Group 20 meeting",
       "2019-11-26",
       "2019-12-05",
       kDay,
       "Europe/Zurich",
       "Geneva",
       "CH",
       "ITU",
       M::kHybrid,
       S::kHeld,
       {"SG20"},
       nullptr,
       1,
       "engagement",
       {},
       {.in_person = 45, .remote = 35}},
      {"demo-2020-02-tsag",
       K::kTsag,
       "TSAG meeting",
       "2020-02-10",
       "2020-02-14",
       kDay,
       "Europe/Zurich",
       "Geneva",
       "CH",
       "ITU",
       M::kHybrid,
       S::kHeld,
       {"TSAG"},
       nullptr,
       1,
       "engagement",
       {},
       {.in_person = 50, .remote = 40}},
      {"demo-2020-03-sg11",
       K::kStudyGroupMeeting,
       "ITU-T Study Group 11 meeting",
       "2020-03-04",
       "2020-03-13",
       kDay,
       "Europe/Zurich",
       "Geneva",
       "CH",
       "ITU",
       M::kHybrid,
       S::kPostponed,
       {"SG11"},
       nullptr,
       1,
       "engagement",
       {},
       {}},

      // ---- regional group meetings (nine held since August 2019) and forums
      {"demo-2019-09-sg20rg-latam",
       K::kRegionalGroupMeeting,
       "Meeting of the SG20 Regional Group for Latin America",
       "2019-09-10",
       "2019-09-11",
       kDay,
       "America/El_Salvador",
       "San Salvador",
       "SV",
       "SIGET El Salvador",
       M::kInPerson,
       S::kHeld,
       {"SG20RG-LATAM"},
       nullptr,
       1,
       "awareness",
       {"Smart cities"},
       {.in_person = 20}},
      {"demo-2019-10-rsf-colombo",
       K::kRegionalStandardizationForum,
       "ITU Regional Standardization Forum (RSF) on \"Addressing Competition Issues in ICT "
       "Economy\"",
       "2019-10-01",
       "2019-10-01",
       kDay,
       "Asia/Colombo",
       "Colombo",
       "LK",
       "Telecommunications Regulatory Commission of Sri Lanka",
       M::kInPerson,
       S::kHeld,
       {"SG3", "SG3RG-AO"},
       nullptr,
       1,
       "community",
       {"Competition in the ICT economy", "Tutorial: ITU-T working methods"},
       {.in_person = 30}},
      {"demo-2019-10-sg3rg-ao",
       K::kRegionalGroupMeeting,
       "Meeting of the SG3 Regional Group for Asia and Oceania",
       "2019-10-02",
       "2019-10-03",
       kDay,
       "Asia/Colombo",
       "Colombo",
       "LK",
       "Telecommunications Regulatory Commission of Sri Lanka",
       M::kInPerson,
       S::kHeld,
       {"SG3RG-AO"},
       "demo-2019-10-rsf-colombo",
       1,
       "awareness",
       {},
       {.in_person = 20}},
      {"demo-2019-10-atu-rpm",
       K::kOtherForum,
       "ATU Regional Preparatory Meeting",
       "2019-10-07",
       "2019-10-09",
       kDay,
       "Africa/Kampala",
       "Entebbe",
       "UG",
       "African Telecommunications Union",
       M::kInPerson,
       S::kHeld,
       {},
       nullptr,
       2,
       "community",
       {},
       {}},
      {"demo-2019-10-sg2rg-afr",
       K::kRegionalGroupMeeting,
       "Meeting of the SG2 Regional Group for Africa",
       "2019-10-21",
       "2019-10-23",
       kDay,
       "Asia/Dubai",
       "Dubai",
       "AE",
       "TDRA United Arab Emirates",
       M::kInPerson,
       S::kHeld,
       {"SG2RG-AFR"},
       nullptr,
       1,
       "awareness",
       {},
       {.in_person = 20}},
      {"demo-2019-10-sg2rg-arb",
       K::kRegionalGroupMeeting,
       "Meeting of the SG2 Regional Group for the Arab Region",
       "2019-10-21",
       "2019-10-23",
       kDay,
       "Asia/Dubai",
       "Dubai",
       "AE",
       "TDRA United Arab Emirates",
       M::kInPerson,
       S::kHeld,
       {"SG2RG-ARB"},
       "demo-2019-10-sg2rg-afr",
       1,
       "awareness",
       {},
       {.in_person = 20}},
      {"demo-2019-10-irsf-dubai",
       K::kRegionalStandardizationForum,
       "ITU Inter-Regional Standardization Forum on \"Operational issues on numbering, emergency "
       "service and OTTs\"",
       "2019-10-22",
       "2019-10-22",
       kDay,
       "Asia/Dubai",
       "Dubai",
       "AE",
       "TDRA United Arab Emirates",
       M::kHybrid,
       S::kHeld,
       {"SG2", "SG3"},
       "demo-2019-10-sg2rg-afr",
       1,
       "community",
       {"Numbering", "Emergency services", "OTTs"},
       {.in_person = 30, .remote = 15}},
      {"demo-2019-10-sg3rg-arb",
       K::kRegionalGroupMeeting,
       "Meeting of the SG3 Regional Group for the Arab Region",
       "2019-10-23",
       "2019-10-24",
       kDay,
       "Asia/Dubai",
       "Dubai",
       "AE",
       "TDRA United Arab Emirates",
       M::kInPerson,
       S::kHeld,
       {"SG3RG-ARB"},
       "demo-2019-10-sg2rg-afr",
       1,
       "awareness",
       {},
       {.in_person = 20}},
      {"demo-2019-11-sg12rg-afr",
       K::kRegionalGroupMeeting,
       "Meeting of the SG12 Regional Group for Africa",
       "2019-11-05",
       "2019-11-06",
       kDay,
       "Africa/Abidjan",
       "Abidjan",
       "CI",
       "ARTCI Côte d'Ivoire",
       M::kInPerson,
       S::kHeld,
       {"SG12RG-AFR"},
       nullptr,
       1,
       "awareness",
       {"QoS and QoE"},
       {.in_person = 20}},
      {"demo-2019-12-sg5rg-arb",
       K::kRegionalGroupMeeting,
       "Meeting of the SG5 Regional Group for the Arab Region",
       "2019-12-03",
       "2019-12-04",
       kDay,
       "Africa/Tunis",
       "Tunis",
       "TN",
       "Ministry of ICT Tunisia",
       M::kInPerson,
       S::kHeld,
       {"SG5RG-ARB"},
       nullptr,
       1,
       "awareness",
       {"EMF", "Circular economy"},
       {.in_person = 20}},
      {"demo-2020-01-sg20rg-afr",
       K::kRegionalGroupMeeting,
       "Meeting of the SG20 Regional Group for Africa",
       "2020-01-21",
       "2020-01-22",
       kDay,
       "Africa/Dakar",
       "Dakar",
       "SN",
       "ARTP Senegal",
       M::kInPerson,
       S::kHeld,
       {"SG20RG-AFR"},
       nullptr,
       1,
       "awareness",
       {"IoT", "Smart cities"},
       {.in_person = 20}},
      {"demo-2020-02-sg3rg-afr",
       K::kRegionalGroupMeeting,
       "Meeting of the SG3 Regional Group for Africa",
       "2020-02-17",
       "2020-02-18",
       kDay,
       "Africa/Douala",
       "Yaounde",
       "CM",
       "ART Cameroon",
       M::kInPerson,
       S::kHeld,
       {"SG3RG-AFR"},
       nullptr,
       1,
       "awareness",
       {},
       {.in_person = 20}},
      {"demo-2020-02-sg13rg-afr",
       K::kRegionalGroupMeeting,
       "Meeting of the SG13 Regional Group for Africa",
       "2020-02-01",
       "2020-02-29",
       kMonth,
       "Africa/Lagos",
       "Abuja",
       "NG",
       "Nigerian Communications Commission",
       M::kInPerson,
       S::kPlanned,
       {"SG13RG-AFR"},
       nullptr,
       1,
       "awareness",
       {},
       {}},
      {"demo-2020-03-asaf-doha",
       K::kOtherForum,
       "Arab Smart Agriculture Forum",
       "2020-03-16",
       "2020-03-17",
       kDay,
       "Asia/Qatar",
       "Doha",
       "QA",
       "Communications Regulatory Authority, Qatar",
       M::kInPerson,
       S::kHeld,
       {},
       nullptr,
       2,
       "community",
       {"Smart agriculture"},
       {}},

      // ---- BSG trainings of Table 2 (since September 2019; * planned)
      {"demo-2019-09-training-san-salvador",
       K::kBsgTraining,
       "BSG training for the SG20 Regional Group for Latin America",
       "2019-09-12",
       "2019-09-12",
       kDay,
       "America/El_Salvador",
       "San Salvador",
       "SV",
       "SIGET El Salvador",
       M::kInPerson,
       S::kHeld,
       {"SG20RG-LATAM"},
       "demo-2019-09-sg20rg-latam",
       3,
       "know_how",
       {"Recommendation ITU-T A.1", "Drafting contributions"},
       {.trainees = 35, .audience = kAms, .repeats = 3, .no_shows = 2},
       50},
      {"demo-2019-10-training-colombo",
       K::kBsgTraining,
       "BSG training at the Regional Standardization Forum and SG3 Regional Group for Asia and "
       "Oceania",
       "2019-10-01",
       "2019-10-01",
       kDay,
       "Asia/Colombo",
       "Colombo",
       "LK",
       "Telecommunications Regulatory Commission of Sri Lanka",
       M::kInPerson,
       S::kHeld,
       {"SG3RG-AO"},
       "demo-2019-10-rsf-colombo",
       3,
       "know_how",
       {"Recommendation ITU-T A.1"},
       {.trainees = 40, .audience = kAsp, .repeats = 3, .no_shows = 2},
       50},
      {"demo-2019-10-training-entebbe",
       K::kBsgTraining,
       "Training on TSB tools and services (Resolution 44), delivered from Geneva",
       "2019-10-08",
       "2019-10-08",
       kDay,
       "Africa/Kampala",
       "Entebbe",
       "UG",
       "African Telecommunications Union",
       M::kHybrid,
       S::kHeld,
       {},
       "demo-2019-10-atu-rpm",
       3,
       "know_how",
       {"TSB tools and services", "Remote participation", "Electronic working methods"},
       {.trainees = 30, .audience = kAfr, .repeats = 2, .trainers = 2},
       40},
      {"demo-2019-10-training-dubai",
       K::kBsgTraining,
       "BSG training for the SG2 and SG3 regional groups for Africa and the Arab Region",
       "2019-10-20",
       "2019-10-21",
       kDay,
       "Asia/Dubai",
       "Dubai",
       "AE",
       "TDRA United Arab Emirates",
       M::kInPerson,
       S::kHeld,
       {"SG2RG-AFR", "SG2RG-ARB", "SG3RG-ARB"},
       "demo-2019-10-sg2rg-afr",
       3,
       "know_how",
       {"Recommendation ITU-T A.1", "Numbering"},
       {.trainees = 45, .audience = kArbAfr, .repeats = 3, .no_shows = 2},
       60},
      {"demo-2019-10-training-geneva",
       K::kBsgTraining,
       "BSG hands-on training (SG13, SG11)",
       "2019-10-22",
       "2019-10-22",
       kDay,
       "Europe/Zurich",
       "Geneva",
       "CH",
       "ITU TSB",
       M::kInPerson,
       S::kHeld,
       {"SG13", "SG11"},
       "demo-2019-10-sg13",
       3,
       "know_how",
       {"Recommendation ITU-T A.1"},
       {.trainees = 30, .audience = kAll, .repeats = 3, .no_shows = 2},
       40},
      {"demo-2019-11-training-sg20",
       K::kBsgTraining,
       "BSG hands-on training (SG20)",
       "2019-11-25",
       "2019-11-25",
       kDay,
       "Europe/Zurich",
       "Geneva",
       "CH",
       "ITU TSB",
       M::kInPerson,
       S::kHeld,
       {"SG20"},
       "demo-2019-11-sg20",
       3,
       "know_how",
       {"Recommendation ITU-T A.1"},
       {.trainees = 20, .audience = kAll, .repeats = 3, .no_shows = 1},
       30},
      {"demo-2020-02-training-abuja",
       K::kBsgTraining,
       "BSG training for the SG13 Regional Group for Africa",
       "2020-02-01",
       "2020-02-29",
       kMonth,
       "Africa/Lagos",
       "Abuja",
       "NG",
       "Nigerian Communications Commission",
       M::kInPerson,
       S::kPlanned,
       {"SG13RG-AFR"},
       "demo-2020-02-sg13rg-afr",
       3,
       "know_how",
       {"Recommendation ITU-T A.1"},
       {},
       50},
      {"demo-2020-03-training-sg11",
       K::kBsgTraining,
       "BSG hands-on training (SG11)",
       "2020-03-04",
       "2020-03-04",
       kDay,
       "Europe/Zurich",
       "Geneva",
       "CH",
       "ITU TSB",
       M::kInPerson,
       S::kPlanned,
       {"SG11"},
       "demo-2020-03-sg11",
       3,
       "know_how",
       {"Recommendation ITU-T A.1"},
       {},
       40},
      {"demo-2020-03-training-doha",
       K::kBsgTraining,
       "BSG training at the Arab Smart Agriculture Forum",
       "2020-03-16",
       "2020-03-16",
       kDay,
       "Asia/Qatar",
       "Doha",
       "QA",
       "Communications Regulatory Authority, Qatar",
       M::kInPerson,
       S::kHeld,
       {},
       "demo-2020-03-asaf-doha",
       3,
       "know_how",
       {"Recommendation ITU-T A.1", "Smart agriculture standards"},
       {.trainees = 40, .audience = kArb, .repeats = 3, .no_shows = 2},
       50},
      {"demo-2020-07-training-sg11-sg13",
       K::kBsgTraining,
       "BSG hands-on training (SG11, SG13)",
       "2020-07-01",
       "2020-07-31",
       kMonth,
       "Europe/Zurich",
       "Geneva",
       "CH",
       "ITU TSB",
       M::kInPerson,
       S::kPlanned,
       {"SG11", "SG13"},
       nullptr,
       3,
       "know_how",
       {"Recommendation ITU-T A.1"},
       {},
       60},
  };
  return *specs;
}

bool InAudience(Audience a, const std::string& region) {
  switch (a) {
    case kAll:
      return true;
    case kAfr:
      return region == "AFR";
    case kAms:
      return region == "AMS";
    case kArb:
      return region == "ARB";
    case kAsp:
      return region == "ASP";
    case kArbAfr:
      return region == "ARB" || region == "AFR";
    case kNone:
      return false;
  }
  return false;
}

// The demo plan: organizations, people, and who goes where.
struct Plan {
  std::vector<OrgSpec> orgs;
  std::vector<PersonSpec> people;
  std::vector<PersonSpec> trainers;
  // Per event code: delegates (index into people) attending, no-shows, meeting participants.
  std::map<std::string, std::vector<std::size_t>> trained;
  std::map<std::string, std::vector<std::size_t>> no_shows;
};

Result<Plan> MakePlan(const registry::ClassIndex& countries) {
  Plan plan;
  for (const char* iso2 : kTraineeCountries) {
    const registry::Country* c = countries.Find(iso2);
    if (c == nullptr) {
      return Status::Internal("events.seed_country", std::string("demo country missing: ") + iso2);
    }
    plan.orgs.push_back({"Demo Telecommunication Authority of " + c->name,
                         "member_state_administration", iso2, c->region});
  }
  for (const auto& extra : kSecondOrganization) {
    const registry::Country* c = countries.Find(extra[0]);
    if (c == nullptr) {
      return Status::Internal("events.seed_country",
                              std::string("demo country missing: ") + extra[0]);
    }
    plan.orgs.push_back({std::string(extra[1]) + ", " + c->name, extra[2], extra[0], c->region});
  }
  // Trainees: each training draws new people from the organizations of its audience, in turn.
  std::map<Audience, std::size_t> next_org;
  for (const EventSpec& e : Specs()) {
    if (e.kind != EventKind::kBsgTraining || e.people.trainees == 0) continue;
    std::vector<std::size_t> eligible;
    for (std::size_t o = 0; o < plan.orgs.size(); ++o) {
      if (InAudience(e.people.audience, plan.orgs[o].region)) eligible.push_back(o);
    }
    std::vector<std::size_t>& list = plan.trained[e.code];
    // Earlier trainees coming back (spread over the pool so far).
    const std::size_t pool = plan.people.size();
    for (int r = 0; r < e.people.repeats && pool > 0; ++r) {
      list.push_back((static_cast<std::size_t>(r) * 37 + pool / 3) % pool);
    }
    for (int n = 0; n < e.people.no_shows && pool > 0; ++n) {
      const std::size_t who = (static_cast<std::size_t>(n) * 53 + pool / 2 + 11) % pool;
      if (std::find(list.begin(), list.end(), who) == list.end()) {
        plan.no_shows[e.code].push_back(who);
      }
    }
    for (int n = 0; n < e.people.trainees; ++n) {
      const std::size_t i = plan.people.size();
      const OrgSpec& org = plan.orgs[eligible[next_org[e.people.audience]++ % eligible.size()]];
      PersonSpec p;
      p.given = kGiven[i % std::size(kGiven)];
      p.family = kFamily[(i * 7 + i / std::size(kGiven)) % std::size(kFamily)];
      p.email = Lower(p.given + "." + p.family + "." + std::to_string(1000 + i) + "@example.org");
      p.iso2 = org.iso2;
      p.org = static_cast<std::size_t>(&org - plan.orgs.data());
      p.gender = Gender(i);
      list.push_back(i);
      plan.people.push_back(std::move(p));
    }
  }
  for (int t = 0; t < 2; ++t) {
    PersonSpec p;
    p.given = t == 0 ? "Demo" : "Sample";
    p.family = "Trainer";
    p.email = "trainer." + std::to_string(t + 1) + "@example.org";
    p.iso2 = "CH";
    p.gender = t == 0 ? "female" : "male";
    plan.trainers.push_back(p);
  }
  return plan;
}

// Every day of [start, end] (dates of a stored event).
std::vector<std::string> Days(const std::string& start, const std::string& end) {
  std::vector<std::string> out;
  const auto first = time::Date::Parse(start);
  const auto last = time::Date::Parse(end);
  if (!first || !last) return out;
  for (std::int64_t d = first->ToDays(); d <= last->ToDays(); ++d) {
    out.push_back(time::Date::FromDays(d).ToString());
  }
  return out;
}

}  // namespace

Result<SeedSummary> SeedDemoEvents(db::Database& db) {
  SeedSummary summary;
  const AuditActor actor = CliActor(kActor);
  const EventStore& store = SqlEventStore();

  // ---- organizations and people (one transaction)
  Plan plan;
  Status s = db.InTransaction([&](db::Transaction& tx) -> Status {
    summary.people_created = summary.organizations_created = 0;
    BSG_ASSIGN_OR_RETURN(auto held_countries, directory::Countries(tx));
    const registry::ClassIndex& countries = *held_countries;
    BSG_ASSIGN_OR_RETURN(plan, MakePlan(countries));
    const std::string now = time::CurrentTimestamp();
    for (OrgSpec& org : plan.orgs) {
      BSG_ASSIGN_OR_RETURN(
          auto id, directory::OrganizationByName(tx, countries, org.name, org.iso2, false, now));
      if (!id) {
        BSG_ASSIGN_OR_RETURN(
            id, directory::OrganizationByName(tx, countries, org.name, org.iso2, true, now));
        ++summary.organizations_created;
        BSG_RETURN_IF_ERROR(RecordAudit(tx, actor, "organization", std::to_string(*id), "create",
                                        std::nullopt,
                                        json{{"name", org.name}, {"country", org.iso2}}));
      }
      org.id = *id;
    }
    BSG_ASSIGN_OR_RETURN(auto by_email, directory::PeopleByEmail(tx));
    auto ensure = [&](PersonSpec& p, std::optional<std::int64_t> org) -> Status {
      if (auto it = by_email.find(p.email); it != by_email.end()) {
        p.id = it->second;
        return Status::Ok();
      }
      NewPersonInfo n;
      n.given_name = p.given;
      n.family_name = p.family;
      n.email = p.email;
      n.country = p.iso2;
      n.organization_id = org;
      n.gender = p.gender;
      BSG_ASSIGN_OR_RETURN(p.id, directory::CreatePerson(tx, countries, n, now));
      ++summary.people_created;
      return RecordAudit(tx, actor, "person", std::to_string(p.id), "create", std::nullopt,
                         json{{"full_name", p.given + " " + p.family},
                              {"email", p.email},
                              {"country", p.iso2},
                              {"gender", p.gender}});
    };
    for (PersonSpec& p : plan.people) BSG_RETURN_IF_ERROR(ensure(p, plan.orgs[p.org].id));
    for (PersonSpec& p : plan.trainers) BSG_RETURN_IF_ERROR(ensure(p, std::nullopt));
    return Status::Ok();
  });
  if (!s.ok()) return s.WithContext("demo participants");

  // ---- events, each with its participants
  EventService service(db);
  const Caller caller = SystemCaller(kActor);
  std::map<std::string, std::int64_t> ids;
  std::size_t meeting_offset = 0;
  for (const EventSpec& spec : Specs()) {
    std::int64_t event_id = 0;
    Event e;
    s = db.InTransaction([&](db::Transaction& tx) -> Status {
      BSG_ASSIGN_OR_RETURN(auto found, store.FindEventByCode(tx, spec.code));
      if (found) event_id = found->id;
      e.group_ids.clear();
      for (const char* code : spec.groups) {
        BSG_ASSIGN_OR_RETURN(auto g, directory::GroupByCode(tx, code, spec.start));
        if (!g) {
          return Status::Internal("events.seed_group", std::string("demo group missing: ") + code);
        }
        e.group_ids.push_back(*g);
      }
      return Status::Ok();
    });
    if (!s.ok()) return s.WithContext(spec.code);
    if (event_id == 0) {
      e.code = spec.code;
      e.kind = spec.kind;
      e.title = spec.title;
      e.start_date = spec.start;
      e.end_date = spec.end;
      e.date_precision = spec.precision;
      e.time_zone = spec.time_zone;
      if (spec.precision == DatePrecision::kDay && spec.kind != EventKind::kBsgTraining) {
        e.start_time = "09:30";
        e.end_time = "17:30";
      }
      e.city = spec.city;
      e.country = spec.country;
      e.host = spec.host;
      e.mode = spec.mode;
      e.status = spec.status;
      if (spec.parent) e.parent_id = ids.at(spec.parent);
      e.programme = spec.programme;
      e.pillar = spec.pillar;
      for (const char* t : spec.topics) e.topics.emplace_back(t);
      e.capacity_in_person = spec.capacity;
      if (spec.mode != EventMode::kInPerson) {
        std::string slug = spec.code;
        e.remote.link = "https://meet.example.org/bsg-demo/" + slug.substr(5);
        e.remote.dial_in = "+41 22 000 00 00, access code " + std::to_string(100000 + ids.size());
        e.remote.interpretation_languages =
            spec.kind == EventKind::kBsgTraining
                ? std::vector<std::string>{"fr"}
                : std::vector<std::string>{"ar", "zh", "fr", "ru", "es"};
      }
      e.description = "Demo record (made-up data for the BSG Platform demo).";
      BSG_ASSIGN_OR_RETURN(Event created, service.CreateEvent(caller, e));
      event_id = created.id;
      ++summary.events_created;
    }
    ids[spec.code] = event_id;

    // Participants, only when the event has none yet.
    const bool meeting = spec.people.in_person + spec.people.remote > 0;
    const std::size_t this_offset = meeting_offset;
    if (meeting) meeting_offset += 131;
    const bool training = plan.trained.count(spec.code) > 0;
    if (!meeting && !training && spec.people.trainers == 0) continue;
    s = db.InTransaction([&](db::Transaction& tx) -> Status {
      BSG_ASSIGN_OR_RETURN(Event ev, store.FindEvent(tx, event_id));
      BSG_ASSIGN_OR_RETURN(auto existing, store.ListRegistrations(tx, event_id, std::nullopt));
      if (!existing.empty()) return Status::Ok();
      const std::string now = time::CurrentTimestamp();
      const std::vector<std::string> days = Days(ev.start_date, ev.end_date);
      struct Who {
        std::int64_t person;
        ParticipationMode mode;
        RegistrationRole role;
        int days_attended;  // 0: no-show
        AttendanceSource source;
      };
      std::vector<Who> who;
      std::set<std::int64_t> taken;
      auto add = [&](std::int64_t person, ParticipationMode mode, RegistrationRole role,
                     int days_attended) {
        if (!taken.insert(person).second) return;
        who.push_back({person, mode, role, days_attended,
                       mode == ParticipationMode::kRemote ? AttendanceSource::kRemoteJoin
                                                          : AttendanceSource::kCheckin});
      };
      const int all_days = static_cast<int>(days.size());
      if (training) {
        for (std::size_t i : plan.trained[spec.code]) {
          add(plan.people[i].id, ParticipationMode::kInPerson, RegistrationRole::kDelegate,
              all_days);
        }
        for (std::size_t i : plan.no_shows[spec.code]) {
          add(plan.people[i].id, ParticipationMode::kInPerson, RegistrationRole::kDelegate, 0);
        }
      }
      for (int t = 0; t < spec.people.trainers; ++t) {
        add(plan.trainers[t].id, ParticipationMode::kRemote, RegistrationRole::kTrainer, all_days);
      }
      const std::size_t pool = plan.people.size();
      for (int n = 0; n < spec.people.in_person + spec.people.remote; ++n) {
        const bool remote = n >= spec.people.in_person;
        const std::size_t i = (this_offset + static_cast<std::size_t>(n) * 7) % pool;
        // In person: most of the meeting; remotely: the days of interest.
        const int attended = remote ? std::min(all_days, 2 + n % 3) : std::max(1, all_days - n % 3);
        add(plan.people[i].id, remote ? ParticipationMode::kRemote : ParticipationMode::kInPerson,
            n == 0 ? RegistrationRole::kChair : RegistrationRole::kDelegate, attended);
      }
      std::vector<Registration> regs;
      for (const Who& w : who) {
        Registration r;
        r.event_id = event_id;
        r.person_id = w.person;
        r.mode = w.mode;
        r.role = w.role;
        r.status = ev.status == EventStatus::kHeld
                       ? (w.days_attended > 0 ? RegistrationStatus::kAttended
                                              : RegistrationStatus::kNoShow)
                       : RegistrationStatus::kRegistered;
        regs.push_back(r);
      }
      BSG_RETURN_IF_ERROR(store.BulkInsertRegistrations(tx, regs, std::nullopt, now));
      BSG_ASSIGN_OR_RETURN(auto stored, store.ListRegistrations(tx, event_id, std::nullopt));
      std::map<std::int64_t, std::int64_t> rid;
      for (const auto& r : stored) rid[r.person_id] = r.id;
      std::vector<Attendance> att;
      if (ev.status == EventStatus::kHeld) {
        for (const Who& w : who) {
          for (int d = 0; d < w.days_attended && d < all_days; ++d) {
            Attendance a;
            a.registration_id = rid.at(w.person);
            a.day = days[static_cast<std::size_t>(d)];
            a.mode = w.mode;
            a.source = w.source;
            a.recorded_at = now;
            att.push_back(a);
          }
        }
      }
      BSG_RETURN_IF_ERROR(store.BulkInsertAttendance(tx, att));
      BSG_RETURN_IF_ERROR(store.RecountPlaces(tx, event_id));
      summary.registrations_created += static_cast<int>(regs.size());
      summary.attendance_days += static_cast<int>(att.size());
      return RecordAudit(tx, actor, "event", std::to_string(event_id), "seed_participants",
                         std::nullopt,
                         json{{"registrations", regs.size()}, {"attendance_days", att.size()}});
    });
    if (!s.ok()) return s.WithContext(spec.code);
  }
  return summary;
}

}  // namespace bsg::events
