// The events routes through the router, on the demo programme: one event's iCalendar file by the
// typed-suffix route /api/events/{id:int}.ics, and the statistics' figures drawn as SVG by the
// chart kit (the world map of events by country, its bar-chart fallback without the map's data,
// training outcomes per year and participation per month).
#include "modules/events/api.h"

#include <gtest/gtest.h>

#include "modules/events/seed.h"
#include "modules/events/service.h"
#include "modules/identity/audit.h"
#include "support/test_db.h"

namespace bsg::events {
namespace {

class EventsApiTest : public bsg::testing::DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    identity::RegisterAuditRecorder();
    auto seeded = SeedDemoEvents(db());
    ASSERT_TRUE(seeded.ok()) << seeded.status().ToString();
  }

  http::Router Routes(std::string data_dir = std::string(BSG_SOURCE_DIR) + "/data") {
    http::Router router;
    ApiOptions options;
    options.data_dir = std::move(data_dir);
    RegisterEventsRoutes(router, db(), options);
    return router;
  }

  // GETs `path` with `query` as an anonymous caller; the status of a failure is its HTTP status.
  static http::Response Get(const http::Router& router, const std::string& path,
                            std::multimap<std::string, std::string> query = {}) {
    auto match = router.Find(http::Method::kGet, path);
    if (!match.ok()) return http::ErrorResponse(match.status());
    http::Request req;
    req.method = http::Method::kGet;
    req.path = path;
    req.path_params = match->path_params;
    req.query = std::move(query);
    auto r = match->route->handler(req);
    if (!r.ok()) return http::ErrorResponse(r.status());
    return *r;
  }

  std::int64_t EventId(const std::string& code) {
    EventService service(db());
    EventFilter f;
    f.limit = 1000;
    auto events = service.ListEvents(f);
    EXPECT_TRUE(events.ok());
    for (const Event& e : *events) {
      if (e.code == code) return e.id;
    }
    ADD_FAILURE() << "no event " << code;
    return 0;
  }
};

TEST_P(EventsApiTest, OneEventsCalendarFileComesFromTheTypedSuffixRoute) {
  const http::Router router = Routes();
  ASSERT_TRUE(router.Validate().ok());
  const std::int64_t id = EventId("demo-2016-01-training-sg13");
  const std::string path = "/api/events/" + std::to_string(id) + ".ics";
  auto match = router.Find(http::Method::kGet, path);
  ASSERT_TRUE(match.ok());
  EXPECT_EQ(match->route->pattern, "/api/events/{id:int}.ics");
  EXPECT_EQ(match->path_params.at("id"), std::to_string(id));

  http::Response r = Get(router, path);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.content_type, "text/calendar; charset=utf-8");
  EXPECT_EQ(r.body.rfind("BEGIN:VCALENDAR\r\n", 0), 0u);
  EXPECT_NE(r.body.find("UID:event-" + std::to_string(id) + "@bsg.invalid"), std::string::npos);
  ASSERT_NE(r.FindHeader("Content-Disposition"), nullptr);
  EXPECT_NE(r.FindHeader("Content-Disposition")->find("event-" + std::to_string(id) + ".ics"),
            std::string::npos);

  // The plain id is the JSON detail; anything else before ".ics" is no route; an unknown id is
  // no event.
  EXPECT_EQ(router.Find(http::Method::kGet, "/api/events/" + std::to_string(id))->route->pattern,
            "/api/events/{id:int}");
  EXPECT_EQ(Get(router, "/api/events/x.ics").status, 404);
  EXPECT_EQ(Get(router, "/api/events/.ics").status, 404);
  EXPECT_EQ(Get(router, "/api/events/12.ics.ics").status, 404);
  http::Response missing = Get(router, "/api/events/999999.ics");
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(nlohmann::json::parse(missing.body)["reason"], "events.not_found") << missing.body;
}

TEST_P(EventsApiTest, MapOfEventsByCountryIsAnSvgFromTheChartKit) {
  const http::Router router = Routes();
  http::Response r =
      Get(router, "/api/events/map.svg", {{"since", "2019-08-01"}, {"until", "2020-07-31"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.content_type, "image/svg+xml");
  EXPECT_NE(r.body.find("<svg"), std::string::npos);
  EXPECT_NE(r.body.find("</svg>"), std::string::npos);
  // A map draws every country: far larger than a bar chart of a dozen countries.
  EXPECT_GT(r.body.size(), 100000u);

  // Another kind and language, and an empty window, are drawn too.
  http::Response trainings =
      Get(router, "/api/events/map.svg", {{"kind", "bsg_training"}, {"language", "ar"}});
  EXPECT_EQ(trainings.status, 200) << trainings.body;
  http::Response empty =
      Get(router, "/api/events/map.svg", {{"since", "2030-01-01"}, {"until", "2030-12-31"}});
  EXPECT_EQ(empty.status, 200) << empty.body;

  EXPECT_EQ(Get(router, "/api/events/map.svg", {{"kind", "picnic"}}).status, 400);
  EXPECT_EQ(Get(router, "/api/events/map.svg", {{"language", "de"}}).status, 400);
  EXPECT_EQ(
      Get(router, "/api/events/map.svg", {{"since", "2020-01-01"}, {"until", "2019-01-01"}}).status,
      422);
}

TEST_P(EventsApiTest, MapIsDrawnAsBarsWithoutTheMapsData) {
  const http::Router router = Routes(::testing::TempDir() + "no-such-map-data");
  http::Response r =
      Get(router, "/api/events/map.svg", {{"since", "2019-08-01"}, {"until", "2020-07-31"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.content_type, "image/svg+xml");
  EXPECT_NE(r.body.find("<svg"), std::string::npos);
}

TEST_P(EventsApiTest, TrainingAndParticipationFiguresAreSvgBarCharts) {
  const http::Router router = Routes();
  for (const char* path : {"/api/events/training-outcomes.svg", "/api/events/participation.svg"}) {
    http::Response r = Get(router, path, {{"since", "2019-01-01"}, {"until", "2019-12-31"}});
    ASSERT_EQ(r.status, 200) << path << ": " << r.body;
    EXPECT_EQ(r.content_type, "image/svg+xml");
    EXPECT_NE(r.body.find("<svg"), std::string::npos) << path;
    // Nothing in the window still draws (empty axes), in any of the six languages.
    http::Response empty =
        Get(router, path, {{"since", "2030-01-01"}, {"until", "2030-12-31"}, {"language", "zh"}});
    EXPECT_EQ(empty.status, 200) << path << ": " << empty.body;
    EXPECT_EQ(Get(router, path, {{"since", "2019-13-01"}}).status, 400) << path;
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, EventsApiTest, bsg::testing::AllBackends(),
                         bsg::testing::BackendName);

}  // namespace
}  // namespace bsg::events
