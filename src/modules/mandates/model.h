// The mandates module's records and the vocabulary other modules tag activities with.
#ifndef BSG_MODULES_MANDATES_MODEL_H_
#define BSG_MODULES_MANDATES_MODEL_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace bsg::mandates {

// The five BSG pillars (codes of table pillar).
inline constexpr std::array<std::string_view, 5> kPillars = {"awareness", "know_how", "community",
                                                             "engagement", "partnering"};
// The programmes of the Resolution 44 action plan are numbered 1 to 4 (table programme).
inline constexpr int kFirstProgramme = 1;
inline constexpr int kLastProgramme = 4;

inline bool IsPillar(std::string_view code) {
  for (auto p : kPillars) {
    if (p == code) return true;
  }
  return false;
}
inline bool IsProgramme(std::int64_t number) {
  return number >= kFirstProgramme && number <= kLastProgramme;
}

struct Resolution {
  std::string code;  // "PP-18 Res. 123"
  std::string conference;
  std::int64_t number = 0;
  std::string revision;
  std::string title;
};

struct Programme {
  std::int64_t number = 0;
  std::string title;
  std::string resolution_code;
};

struct Pillar {
  std::string code;
  std::string letter;
  std::string name;
  std::string description;
};

}  // namespace bsg::mandates

#endif  // BSG_MODULES_MANDATES_MODEL_H_
