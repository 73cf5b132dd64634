// Tests of metric recording and the Prometheus text format.
#include "platform/http/metrics.h"

#include <gtest/gtest.h>

#include <sstream>
#include <thread>

namespace bsg::http {
namespace {

bool Contains(const std::string& text, const std::string& needle) {
  return text.find(needle) != std::string::npos;
}

TEST(MetricsTest, CountsRequestsByRouteMethodAndStatus) {
  Metrics m;
  Metrics::Series* s = m.GetSeries("GET", "/api/events/{id:int}");
  EXPECT_EQ(s, m.GetSeries("GET", "/api/events/{id:int}"));
  m.Observe(s, 200, 0.002);
  m.Observe(s, 200, 0.002);
  m.Observe(s, 404, 0.0005);
  m.Observe("POST", "/api/events", 201, 0.3);
  std::string text = m.Render();
  EXPECT_TRUE(Contains(text, "# TYPE bsg_http_requests_total counter\n"));
  EXPECT_TRUE(Contains(
      text,
      "bsg_http_requests_total{method=\"GET\",route=\"/api/events/{id:int}\",status=\"200\"} 2\n"));
  EXPECT_TRUE(Contains(
      text,
      "bsg_http_requests_total{method=\"GET\",route=\"/api/events/{id:int}\",status=\"404\"} 1\n"));
  EXPECT_TRUE(Contains(
      text, "bsg_http_requests_total{method=\"POST\",route=\"/api/events\",status=\"201\"} 1\n"));
  // Statuses never seen are not rendered.
  EXPECT_FALSE(Contains(text, "status=\"500\""));
}

TEST(MetricsTest, HistogramIsCumulativeWithInfSumAndCount) {
  Metrics m;
  Metrics::Series* s = m.GetSeries("GET", "/api/x");
  m.Observe(s, 200, 0.0005);  // <= .001
  m.Observe(s, 200, 0.003);   // <= .005
  m.Observe(s, 200, 0.7);     // <= 1
  m.Observe(s, 200, 9.0);     // +Inf only
  std::string text = m.Render();
  const std::string l = "method=\"GET\",route=\"/api/x\"";
  EXPECT_TRUE(Contains(text, "# TYPE bsg_http_request_duration_seconds histogram\n"));
  EXPECT_TRUE(
      Contains(text, "bsg_http_request_duration_seconds_bucket{" + l + ",le=\"0.001\"} 1\n"));
  EXPECT_TRUE(
      Contains(text, "bsg_http_request_duration_seconds_bucket{" + l + ",le=\"0.005\"} 2\n"));
  EXPECT_TRUE(Contains(text, "bsg_http_request_duration_seconds_bucket{" + l + ",le=\"0.5\"} 2\n"));
  EXPECT_TRUE(Contains(text, "bsg_http_request_duration_seconds_bucket{" + l + ",le=\"1\"} 3\n"));
  EXPECT_TRUE(Contains(text, "bsg_http_request_duration_seconds_bucket{" + l + ",le=\"5\"} 3\n"));
  EXPECT_TRUE(
      Contains(text, "bsg_http_request_duration_seconds_bucket{" + l + ",le=\"+Inf\"} 4\n"));
  EXPECT_TRUE(Contains(text, "bsg_http_request_duration_seconds_count{" + l + "} 4\n"));
  EXPECT_TRUE(Contains(text, "bsg_http_request_duration_seconds_sum{" + l + "} 9.7035\n"));
}

TEST(MetricsTest, EscapesLabelValues) {
  EXPECT_EQ(EscapeLabelValue("a\"b\\c\nd"), "a\\\"b\\\\c\\nd");
  Metrics m;
  m.Observe("GET", "/api/\"odd\"", 200, 0.1);
  EXPECT_TRUE(Contains(m.Render(), "route=\"/api/\\\"odd\\\"\""));
}

TEST(MetricsTest, GaugesAndProviders) {
  Metrics m;
  m.ConnectionOpened();
  m.ConnectionOpened();
  m.ConnectionClosed();
  m.RequestStarted();
  m.AddProvider([] { return std::string("# TYPE bsg_custom gauge\nbsg_custom 3"); });
  std::string text = m.Render();
  EXPECT_TRUE(
      Contains(text, "# TYPE bsg_http_open_connections gauge\nbsg_http_open_connections 1\n"));
  EXPECT_TRUE(Contains(text, "bsg_http_connections_total 2\n"));
  EXPECT_TRUE(Contains(text, "bsg_http_requests_in_flight 1\n"));
  EXPECT_TRUE(Contains(text, "bsg_custom 3\n"));
  EXPECT_FALSE(Contains(text, "bsg_db_pool"));
}

// Every line is a comment or `name{labels} value`, every sample's metric has a TYPE line before
// it, and the text ends with a newline.
TEST(MetricsTest, ExpositionIsWellFormed) {
  Metrics m;
  m.Observe("GET", "/api/a", 200, 0.01);
  m.Observe("DELETE", "/api/b/{id}", 403, 0.2);
  std::string text = m.Render();
  ASSERT_FALSE(text.empty());
  EXPECT_EQ(text.back(), '\n');
  std::istringstream in(text);
  std::string line;
  std::set<std::string> typed;
  while (std::getline(in, line)) {
    ASSERT_FALSE(line.empty());
    if (line.starts_with("# TYPE ")) {
      std::string rest = line.substr(7);
      typed.insert(rest.substr(0, rest.find(' ')));
      continue;
    }
    if (line.starts_with("# HELP ")) continue;
    std::string name = line.substr(0, line.find_first_of("{ "));
    std::string base = name;
    for (const char* suffix : {"_bucket", "_sum", "_count"}) {
      if (base.ends_with(suffix) && typed.count(base.substr(0, base.size() - strlen(suffix)))) {
        base = base.substr(0, base.size() - strlen(suffix));
      }
    }
    EXPECT_TRUE(typed.count(base)) << line;
    std::string value = line.substr(line.rfind(' ') + 1);
    EXPECT_NO_THROW((void)std::stod(value)) << line;
  }
}

TEST(MetricsTest, ConcurrentObservationsAreAllCounted) {
  Metrics m;
  Metrics::Series* s = m.GetSeries("GET", "/api/x");
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 10000; ++i) m.Observe(s, 200, 0.002);
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_TRUE(
      Contains(m.Render(),
               "bsg_http_requests_total{method=\"GET\",route=\"/api/x\",status=\"200\"} 40000\n"));
}

}  // namespace
}  // namespace bsg::http
