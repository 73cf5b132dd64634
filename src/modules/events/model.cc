// Wire names of the events vocabularies.
#include "modules/events/model.h"

#include <array>

namespace bsg::events {
namespace {

template <typename E, std::size_t N>
struct Vocabulary {
  std::array<std::string_view, N> names;

  std::string_view NameOf(E v) const { return names.at(static_cast<std::size_t>(v)); }
  std::optional<E> Parse(std::string_view s) const {
    for (std::size_t i = 0; i < N; ++i) {
      if (names[i] == s) return static_cast<E>(i);
    }
    return std::nullopt;
  }
  std::vector<std::string> All() const { return {names.begin(), names.end()}; }
};

constexpr Vocabulary<EventKind, 8> kKinds{{
    "study_group_meeting",
    "working_party_meeting",
    "regional_group_meeting",
    "tsag",
    "regional_standardization_forum",
    "workshop",
    "bsg_training",
    "other_forum",
}};
constexpr Vocabulary<EventMode, 3> kModes{{"in_person", "virtual", "hybrid"}};
constexpr Vocabulary<EventStatus, 5> kStatuses{
    {"planned", "confirmed", "held", "postponed", "cancelled"}};
constexpr Vocabulary<DatePrecision, 2> kPrecisions{{"day", "month"}};
constexpr Vocabulary<ParticipationMode, 2> kParticipation{{"in_person", "remote"}};
constexpr Vocabulary<RegistrationRole, 4> kRoles{{"delegate", "speaker", "trainer", "chair"}};
constexpr Vocabulary<RegistrationStatus, 6> kRegStatuses{
    {"registered", "approved", "attended", "no_show", "cancelled", "waitlisted"}};
constexpr Vocabulary<AttendanceSource, 2> kSources{{"checkin", "remote_join"}};

}  // namespace

std::string_view Name(EventKind v) { return kKinds.NameOf(v); }
std::string_view Name(EventMode v) { return kModes.NameOf(v); }
std::string_view Name(EventStatus v) { return kStatuses.NameOf(v); }
std::string_view Name(DatePrecision v) { return kPrecisions.NameOf(v); }
std::string_view Name(ParticipationMode v) { return kParticipation.NameOf(v); }
std::string_view Name(RegistrationRole v) { return kRoles.NameOf(v); }
std::string_view Name(RegistrationStatus v) { return kRegStatuses.NameOf(v); }
std::string_view Name(AttendanceSource v) { return kSources.NameOf(v); }

std::optional<EventKind> ParseEventKind(std::string_view s) { return kKinds.Parse(s); }
std::optional<EventMode> ParseEventMode(std::string_view s) { return kModes.Parse(s); }
std::optional<EventStatus> ParseEventStatus(std::string_view s) { return kStatuses.Parse(s); }
std::optional<DatePrecision> ParseDatePrecision(std::string_view s) { return kPrecisions.Parse(s); }
std::optional<ParticipationMode> ParseParticipationMode(std::string_view s) {
  return kParticipation.Parse(s);
}
std::optional<RegistrationRole> ParseRegistrationRole(std::string_view s) {
  return kRoles.Parse(s);
}
std::optional<RegistrationStatus> ParseRegistrationStatus(std::string_view s) {
  return kRegStatuses.Parse(s);
}
std::optional<AttendanceSource> ParseAttendanceSource(std::string_view s) {
  return kSources.Parse(s);
}

const std::vector<std::string>& EventKindNames() {
  static const auto* v = new std::vector<std::string>(kKinds.All());
  return *v;
}
const std::vector<std::string>& EventModeNames() {
  static const auto* v = new std::vector<std::string>(kModes.All());
  return *v;
}
const std::vector<std::string>& EventStatusNames() {
  static const auto* v = new std::vector<std::string>(kStatuses.All());
  return *v;
}
const std::vector<std::string>& DatePrecisionNames() {
  static const auto* v = new std::vector<std::string>(kPrecisions.All());
  return *v;
}
const std::vector<std::string>& ParticipationModeNames() {
  static const auto* v = new std::vector<std::string>(kParticipation.All());
  return *v;
}
const std::vector<std::string>& RegistrationRoleNames() {
  static const auto* v = new std::vector<std::string>(kRoles.All());
  return *v;
}
const std::vector<std::string>& RegistrationStatusNames() {
  static const auto* v = new std::vector<std::string>(kRegStatuses.All());
  return *v;
}
const std::vector<std::string>& AttendanceSourceNames() {
  static const auto* v = new std::vector<std::string>(kSources.All());
  return *v;
}

bool HoldsPlace(RegistrationStatus s) {
  return s == RegistrationStatus::kRegistered || s == RegistrationStatus::kApproved ||
         s == RegistrationStatus::kAttended || s == RegistrationStatus::kNoShow;
}

}  // namespace bsg::events
