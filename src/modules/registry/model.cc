// Registry model helpers: the class index, display names and merge hooks.
#include "modules/registry/model.h"

#include <mutex>

namespace bsg::registry {
namespace {

std::mutex& HooksMutex() {
  static std::mutex m;
  return m;
}

std::vector<std::pair<std::string, PersonMergeHook>>& Hooks() {
  static auto* hooks = new std::vector<std::pair<std::string, PersonMergeHook>>();
  return *hooks;
}

}  // namespace

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
      if (p.cls == "developed") c.developed = true;
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
