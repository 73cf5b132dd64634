// Registry model helpers: dates, the class index, display names and merge hooks.
#include "modules/registry/model.h"

#include <cctype>
#include <mutex>

namespace bsg::registry {
namespace {

bool Digits(std::string_view s) {
  for (char c : s) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  return !s.empty();
}

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

std::mutex& HooksMutex() {
  static std::mutex m;
  return m;
}

std::vector<std::pair<std::string, PersonMergeHook>>& Hooks() {
  static auto* hooks = new std::vector<std::pair<std::string, PersonMergeHook>>();
  return *hooks;
}

}  // namespace

bool IsIsoDate(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  if (!Digits(s.substr(0, 4)) || !Digits(s.substr(5, 2)) || !Digits(s.substr(8, 2))) return false;
  const int year = std::stoi(std::string(s.substr(0, 4)));
  const int month = std::stoi(std::string(s.substr(5, 2)));
  const int day = std::stoi(std::string(s.substr(8, 2)));
  return year >= 1000 && month >= 1 && month <= 12 && day >= 1 && day <= DaysInMonth(year, month);
}

bool IsPartialDate(std::string_view s) {
  if (s.size() == 4) return Digits(s) && s[0] != '0';
  if (s.size() == 7) {
    if (s[4] != '-' || !Digits(s.substr(0, 4)) || !Digits(s.substr(5, 2)) || s[0] == '0') {
      return false;
    }
    const int month = std::stoi(std::string(s.substr(5, 2)));
    return month >= 1 && month <= 12;
  }
  return IsIsoDate(s);
}

std::string EffectiveDate(std::string_view s) {
  if (s.size() == 4) return std::string(s) + "-01-01";
  if (s.size() == 7) return std::string(s) + "-01";
  return std::string(s);
}

ClassIndex::ClassIndex(std::vector<Country> countries, std::vector<ClassPeriod> periods)
    : countries_(std::move(countries)) {
  for (std::size_t i = 0; i < countries_.size(); ++i) by_code_[countries_[i].iso2] = i;
  for (auto& p : periods) periods_[p.iso2].push_back(std::move(p));
}

const Country* ClassIndex::Find(std::string_view iso2) const {
  auto it = by_code_.find(iso2);
  return it == by_code_.end() ? nullptr : &countries_[it->second];
}

std::optional<Classification> ClassIndex::On(std::string_view iso2, std::string_view day) const {
  const Country* country = Find(iso2);
  if (country == nullptr) return std::nullopt;
  Classification c;
  c.iso2 = country->iso2;
  c.on = std::string(day);
  c.region = country->region;
  auto it = periods_.find(iso2);
  if (it != periods_.end()) {
    for (const auto& p : it->second) {
      if (!p.HoldsOn(day)) continue;
      if (p.cls == "ldc") c.ldc = true;
      if (p.cls == "lldc") c.lldc = true;
      if (p.cls == "sids") c.sids = true;
      if (p.cls == "developing") c.developing = true;
    }
  }
  return c;
}

std::string Person::DisplayName() const {
  if (erased_at) return "(erased)";
  if (full_name) return *full_name;
  return "";
}

void RegisterPersonMergeHook(std::string name, PersonMergeHook hook) {
  std::lock_guard<std::mutex> lock(HooksMutex());
  for (auto& [n, h] : Hooks()) {
    if (n == name) {
      h = std::move(hook);
      return;
    }
  }
  Hooks().emplace_back(std::move(name), std::move(hook));
}

std::vector<std::pair<std::string, PersonMergeHook>> PersonMergeHooks() {
  std::lock_guard<std::mutex> lock(HooksMutex());
  return Hooks();
}

namespace {
std::mutex& ExportHooksMutex() {
  static std::mutex m;
  return m;
}
std::vector<std::pair<std::string, PersonExportHook>>& ExportHooks() {
  static auto* hooks = new std::vector<std::pair<std::string, PersonExportHook>>();
  return *hooks;
}
}  // namespace

void RegisterPersonExportHook(std::string name, PersonExportHook hook) {
  std::lock_guard<std::mutex> lock(ExportHooksMutex());
  for (auto& [n, h] : ExportHooks()) {
    if (n == name) {
      h = std::move(hook);
      return;
    }
  }
  ExportHooks().emplace_back(std::move(name), std::move(hook));
}

std::vector<std::pair<std::string, PersonExportHook>> PersonExportHooks() {
  std::lock_guard<std::mutex> lock(ExportHooksMutex());
  return ExportHooks();
}

}  // namespace bsg::registry
