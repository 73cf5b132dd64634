#include "modules/events/module.h"

#include "modules/events/api.h"
#include "modules/events/cli.h"
#include "modules/events/seed.h"
#include "modules/events/store.h"
#include "modules/registry/model.h"
#include "platform/log.h"

namespace bsg::events {
namespace {

class EventsModule final : public Module {
 public:
  EventsModule() {
    // When two people are merged, registrations move to the survivor (unless the survivor is
    // registered for the same event; then the merged-away one stays, and statistics resolve it
    // to the survivor).
    registry::RegisterPersonMergeHook(
        "events", [](db::Session& tx, std::int64_t from, std::int64_t into) -> Status {
          return SqlEventStore().MovePersonRegistrations(tx, from, into);
        });
  }

  std::string_view name() const override { return "events"; }

  void RegisterRoutes(http::Router& router, ModuleContext& ctx) override {
    auto db = ctx.database();
    if (!db.ok()) {
      log::App()->error("events: no database: {}", db.status().message());
      return;
    }
    ApiOptions options;
    if (auto config = ctx.config(); config.ok()) {
      if (std::string host = (*config)->PublicHost(); !host.empty()) options.uid_domain = host;
    }
    RegisterEventsRoutes(router, **db, options);
  }

  void RegisterCommands(CLI::App& app, ModuleContext& ctx) override {
    RegisterEventsCommands(app, ctx);
  }

  Status SeedDemo(db::Database& db) override { return SeedDemoEvents(db).status(); }
};

}  // namespace

std::unique_ptr<bsg::Module> NewEventsModule() { return std::make_unique<EventsModule>(); }

}  // namespace bsg::events
