// ResponseCache (single flight, ETag, bounded bytes, the render allowance) and RateLimiter.
#include "platform/http/response_cache.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#include "platform/http/rate_limit.h"

namespace bsg::http {
namespace {

using namespace std::chrono_literals;

Result<Response> Document(std::string body) {
  return Response::Text(std::move(body), "text/plain");
}

TEST(ResponseCacheTest, BuildsOnceAndServesFromTheCacheWithAnEtag) {
  ResponseCache cache(1 << 20);
  Request req;
  int builds = 0;
  auto build = [&] {
    ++builds;
    return Document("report");
  };
  Result<Response> first = cache.Get(req, "k|v=1", build);
  Result<Response> second = cache.Get(req, "k|v=1", build);
  ASSERT_TRUE(first.ok() && second.ok());
  EXPECT_EQ(builds, 1);
  EXPECT_EQ(second->body, "report");
  ASSERT_NE(second->FindHeader("ETag"), nullptr);
  EXPECT_EQ(*second->FindHeader("ETag"), ResponseCache::EtagFor("k|v=1"));
  EXPECT_EQ(*second->FindHeader("Cache-Control"), "no-cache");
  // Another data version is another key: built anew.
  ASSERT_TRUE(cache.Get(req, "k|v=2", build).ok());
  EXPECT_EQ(builds, 2);
  EXPECT_NE(ResponseCache::EtagFor("k|v=1"), ResponseCache::EtagFor("k|v=2"));
  EXPECT_EQ(cache.stats().hits, 1u);
  EXPECT_EQ(cache.stats().builds, 2u);
}

TEST(ResponseCacheTest, IfNoneMatchGets304WithoutABuild) {
  ResponseCache cache(1 << 20);
  Request req;
  req.headers["if-none-match"] = ResponseCache::EtagFor("k|v=7");
  int builds = 0;
  Result<Response> r = cache.Get(req, "k|v=7", [&] {
    ++builds;
    return Document("x");
  });
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->status, 304);
  EXPECT_TRUE(r->body.empty());
  EXPECT_EQ(builds, 0);
}

TEST(ResponseCacheTest, ConcurrentRequestsForOneKeyWaitForOneBuild) {
  ResponseCache cache(1 << 20);
  std::atomic<int> builds{0};
  std::atomic<bool> release{false};
  auto build = [&]() -> Result<Response> {
    ++builds;
    while (!release) std::this_thread::sleep_for(1ms);
    return Document("slow");
  };
  std::vector<std::thread> threads;
  std::atomic<int> ok{0};
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&] {
      Request req;
      Result<Response> r = cache.Get(req, "same", build);
      if (r.ok() && r->body == "slow") ++ok;
    });
  }
  // Every thread but the builder ends up waiting on the flight.
  while (cache.stats().waits < 7) std::this_thread::sleep_for(1ms);
  release = true;
  for (auto& t : threads) t.join();
  EXPECT_EQ(builds, 1);
  EXPECT_EQ(ok, 8);
}

TEST(ResponseCacheTest, ErrorsAreNotKept) {
  ResponseCache cache(1 << 20);
  Request req;
  int builds = 0;
  auto failing = [&]() -> Result<Response> {
    ++builds;
    return Status::InvalidArgument("bad.window", "no");
  };
  EXPECT_EQ(cache.Get(req, "k", failing).status().reason(), "bad.window");
  EXPECT_EQ(cache.Get(req, "k", failing).status().reason(), "bad.window");
  EXPECT_EQ(builds, 2);
  EXPECT_EQ(cache.stats().entries, 0u);
}

TEST(ResponseCacheTest, BoundedByBytesLeastRecentlyUsedFirst) {
  ResponseCache cache(4 * 1024);
  Request req;
  const std::string body(700, 'x');
  for (const char* key : {"a", "b", "c", "d"})
    ASSERT_TRUE(cache.Get(req, key, [&] { return Document(body); }).ok());
  ASSERT_TRUE(cache.Get(req, "a", [&] { return Document(body); }).ok());  // a is used again
  for (const char* key : {"e", "f"})
    ASSERT_TRUE(cache.Get(req, key, [&] { return Document(body); }).ok());
  EXPECT_LE(cache.stats().bytes, 4u * 1024);
  EXPECT_GT(cache.stats().evictions, 0u);
  int builds = 0;
  ASSERT_TRUE(cache
                  .Get(req, "a",
                       [&] {
                         ++builds;
                         return Document(body);
                       })
                  .ok());
  EXPECT_EQ(builds, 0) << "the most recently used entry stays";
  ASSERT_TRUE(cache
                  .Get(req, "b",
                       [&] {
                         ++builds;
                         return Document(body);
                       })
                  .ok());
  EXPECT_EQ(builds, 1) << "the least recently used entry went first";
  // Too large to keep (over a quarter of the bound): served, not kept.
  ASSERT_TRUE(cache.Get(req, "big", [&] { return Document(std::string(2000, 'y')); }).ok());
  ASSERT_TRUE(cache
                  .Get(req, "big",
                       [&] {
                         ++builds;
                         return Document("y");
                       })
                  .ok());
  EXPECT_EQ(builds, 2);
}

TEST(ResponseCacheTest, AnonymousBuildsAreLimitedPerAddressCachedAnswersAreNot) {
  ResponseCache cache(1 << 20);
  RateLimiter limiter(60, 2);
  Request anonymous;
  anonymous.remote_address = "203.0.113.5";
  anonymous.render_limiter = &limiter;
  auto build = [] { return Document("d"); };
  EXPECT_TRUE(cache.Get(anonymous, "w1", build).ok());
  EXPECT_TRUE(cache.Get(anonymous, "w2", build).ok());
  Result<Response> third = cache.Get(anonymous, "w3", build);
  ASSERT_FALSE(third.ok());
  EXPECT_EQ(third.status().code(), ErrorCode::kTooManyRequests);
  EXPECT_EQ(third.status().reason(), "request.rate_limited");
  EXPECT_EQ(third.status().fields().at(std::string(kRetryAfterField)), "1");
  EXPECT_EQ(HttpStatusFor(third.status().code()), 429);
  // What is cached is served to the same address; another address and a signed-in caller build.
  EXPECT_TRUE(cache.Get(anonymous, "w1", build).ok());
  Request other = anonymous;
  other.remote_address = "203.0.113.6";
  EXPECT_TRUE(cache.Get(other, "w3", build).ok());
  Request signed_in = anonymous;
  signed_in.principal = Principal{};
  EXPECT_TRUE(cache.Get(signed_in, "w4", build).ok());
}

TEST(RateLimiterTest, BurstThenRefillWithRetryAfter) {
  RateLimiter limiter(30, 3);  // one token every 2 s
  const auto t0 = RateLimiter::Clock::time_point() + std::chrono::hours(1);
  EXPECT_FALSE(limiter.Take("a", t0));
  EXPECT_FALSE(limiter.Take("a", t0));
  EXPECT_FALSE(limiter.Take("a", t0));
  std::optional<int> wait = limiter.Take("a", t0);
  ASSERT_TRUE(wait);
  EXPECT_EQ(*wait, 2);
  EXPECT_FALSE(limiter.Take("b", t0)) << "addresses are counted apart";
  EXPECT_TRUE(limiter.Take("a", t0 + 1s));
  EXPECT_FALSE(limiter.Take("a", t0 + 2100ms));
  // Full buckets are forgotten.
  EXPECT_FALSE(limiter.Take("c", t0 + 10min));
  EXPECT_LE(limiter.keys(), 1u);
}

TEST(RateLimiterTest, ZeroMeansNoLimit) {
  RateLimiter limiter(0, 1);
  for (int i = 0; i < 1000; ++i) ASSERT_FALSE(limiter.Take("a"));
  EXPECT_EQ(limiter.keys(), 0u);
}

}  // namespace
}  // namespace bsg::http
