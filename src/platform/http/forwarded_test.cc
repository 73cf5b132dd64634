#include "platform/http/forwarded.h"

#include <gtest/gtest.h>

namespace bsg::http {
namespace {

TrustedProxies Trust(std::vector<std::string> entries) {
  auto t = TrustedProxies::Parse(entries);
  EXPECT_TRUE(t.ok()) << t.status().ToString();
  return t.ok() ? *t : TrustedProxies();
}

TEST(TrustedProxiesTest, AddressesAndNetworks) {
  TrustedProxies t = Trust({"127.0.0.1", "10.0.0.0/8", "fd00::/8", "::1"});
  EXPECT_TRUE(t.Contains("127.0.0.1"));
  EXPECT_FALSE(t.Contains("127.0.0.2"));
  EXPECT_TRUE(t.Contains("10.200.3.4"));
  EXPECT_FALSE(t.Contains("11.0.0.1"));
  EXPECT_TRUE(t.Contains("fd12:3456::1"));
  EXPECT_FALSE(t.Contains("fe80::1"));
  EXPECT_TRUE(t.Contains("::1"));
  EXPECT_TRUE(t.Contains("::ffff:10.1.2.3"));  // IPv4-mapped counts as IPv4
  EXPECT_FALSE(t.Contains("not an address"));
  EXPECT_FALSE(TrustedProxies().Contains("127.0.0.1"));

  TrustedProxies odd = Trust({"192.168.0.0/23"});
  EXPECT_TRUE(odd.Contains("192.168.1.255"));
  EXPECT_FALSE(odd.Contains("192.168.2.0"));
  EXPECT_TRUE(Trust({"0.0.0.0/0"}).Contains("203.0.113.7"));
}

TEST(TrustedProxiesTest, BadEntriesAreNamed) {
  for (const char* bad : {"10.0.0.0/33", "localhost", "10.0.0.0/x", "fd00::/129", ""}) {
    auto t = TrustedProxies::Parse({"127.0.0.1", bad});
    ASSERT_FALSE(t.ok()) << bad;
    EXPECT_EQ(t.status().reason(), "config.bad_value");
    EXPECT_NE(t.status().message().find(std::string("'") + bad + "'"), std::string::npos)
        << t.status().message();
  }
}

TEST(ClientAddressTest, OnlyTrustedPeersForward) {
  TrustedProxies t = Trust({"127.0.0.1", "10.0.0.0/8"});
  // No proxies configured, or an untrusted peer: the header is ignored.
  EXPECT_EQ(ClientAddress("127.0.0.1", "203.0.113.9", TrustedProxies()), "127.0.0.1");
  EXPECT_EQ(ClientAddress("198.51.100.4", "203.0.113.9", t), "198.51.100.4");
  // A trusted peer without the header.
  EXPECT_EQ(ClientAddress("127.0.0.1", "", t), "127.0.0.1");
  // The rightmost untrusted hop wins; what the client wrote to its left is not believed.
  EXPECT_EQ(ClientAddress("127.0.0.1", "203.0.113.9", t), "203.0.113.9");
  EXPECT_EQ(ClientAddress("127.0.0.1", "1.2.3.4, 203.0.113.9, 10.0.0.2", t), "203.0.113.9");
  EXPECT_EQ(ClientAddress("127.0.0.1", " 2001:db8::7 ,10.1.1.1", t), "2001:db8::7");
  // Only trusted hops: the leftmost of them.
  EXPECT_EQ(ClientAddress("127.0.0.1", "10.0.0.3, 10.0.0.2", t), "10.0.0.3");
  // Garbage stops the walk at the last address a trusted proxy vouched for.
  EXPECT_EQ(ClientAddress("127.0.0.1", "203.0.113.9, evil", t), "127.0.0.1");
  EXPECT_EQ(ClientAddress("127.0.0.1", "evil, 10.0.0.2", t), "10.0.0.2");
}

TEST(ForwardedHttpsTest, OnlyATrustedPeersHeaderCounts) {
  const TrustedProxies none;
  EXPECT_FALSE(ForwardedHttps("127.0.0.1", "https", none));  // no trusted proxy configured
  const TrustedProxies t = Trust({"10.0.0.0/8"});
  EXPECT_FALSE(ForwardedHttps("192.0.2.7", "https", t));  // an untrusted client forging it
  EXPECT_TRUE(ForwardedHttps("10.0.0.1", "https", t));
  EXPECT_TRUE(ForwardedHttps("10.0.0.1", " HTTPS ", t));
  EXPECT_FALSE(ForwardedHttps("10.0.0.1", "", t));
  EXPECT_FALSE(ForwardedHttps("10.0.0.1", "http", t));
  // A list: the value the trusted proxy appended is the last one.
  EXPECT_TRUE(ForwardedHttps("10.0.0.1", "http, https", t));
  EXPECT_FALSE(ForwardedHttps("10.0.0.1", "https, http", t));
}

}  // namespace
}  // namespace bsg::http
