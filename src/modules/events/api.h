// The events HTTP API: events (list, calendar, detail, create, change), registrations (self and
// by officers, approval, cancellation, waiting list), attendance, participant imports,
// statistics (training outcomes, geography, participation) with their figures drawn by the chart
// kit (SVG), and iCalendar feeds. Every route declares its policy and documentation (tag
// "events").
#ifndef BSG_MODULES_EVENTS_API_H_
#define BSG_MODULES_EVENTS_API_H_

#include <string>

#include "modules/events/service.h"
#include "platform/http/router.h"

namespace bsg::events {

struct ApiOptions {
  // The domain in iCalendar UIDs ("event-12@<domain>"): the host of server.base_url, else
  // bsg.invalid.
  std::string uid_domain = "bsg.invalid";
  // The folder holding world/countries-110m.json (the map's data); empty: the chart kit's
  // default (render::DefaultDataDir(): $BSG_DATA_DIR, ./data or data/ near the binary). Without
  // the files the map is drawn as bars by country.
  std::string data_dir;
};

// Adds the events routes. `db` must outlive the router's use.
void RegisterEventsRoutes(http::Router& router, db::Database& db, const ApiOptions& options);

}  // namespace bsg::events

#endif  // BSG_MODULES_EVENTS_API_H_
