#include "modules/identity/password.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

namespace bsg::identity {
namespace {

TEST(PasswordHasherTest, HashesWithArgon2idAndVerifies) {
  PasswordHasher hasher(PasswordLimits::Min());
  auto hash = hasher.Hash("violet-harbour-41-kettle");
  ASSERT_TRUE(hash.ok()) << hash.status().ToString();
  EXPECT_TRUE(hash->starts_with("$argon2id$")) << *hash;
  EXPECT_TRUE(hasher.Verify("violet-harbour-41-kettle", *hash).match);
  EXPECT_FALSE(hasher.Verify("violet-harbour-41-kettlE", *hash).match);
  EXPECT_FALSE(hasher.Verify("violet-harbour-41-kettle", *hash).needs_rehash);
  auto again = hasher.Hash("violet-harbour-41-kettle");
  ASSERT_TRUE(again.ok());
  EXPECT_NE(*hash, *again) << "each hash has its own salt";
}

TEST(PasswordHasherTest, NoHashNeverMatches) {
  PasswordHasher hasher(PasswordLimits::Min());
  EXPECT_FALSE(hasher.Verify("anything-at-all-here", std::nullopt).match);
  EXPECT_FALSE(hasher.Verify("", std::string()).match);
  EXPECT_FALSE(hasher.Verify("anything", std::string("not a hash")).match);
}

TEST(PasswordHasherTest, AsksForRehashWhenLimitsChange) {
  PasswordHasher old_limits(PasswordLimits::Min());
  auto hash = old_limits.Hash("violet-harbour-41-kettle");
  ASSERT_TRUE(hash.ok());
  PasswordLimits stronger = PasswordLimits::Min();
  stronger.opslimit += 1;
  PasswordHasher new_limits(stronger);
  const auto verdict = new_limits.Verify("violet-harbour-41-kettle", *hash);
  EXPECT_TRUE(verdict.match);
  EXPECT_TRUE(verdict.needs_rehash);
  // A wrong password never asks for a rehash.
  EXPECT_FALSE(new_limits.Verify("wrong-password-here", *hash).needs_rehash);
}

TEST(PasswordHasherTest, DefaultLimitsAreInteractiveAndSettable) {
  const PasswordLimits before = DefaultPasswordLimits();
  EXPECT_EQ(PasswordLimits::Interactive().memlimit, 64u * 1024 * 1024);
  SetDefaultPasswordLimits(PasswordLimits::Min());
  EXPECT_EQ(PasswordHasher().limits(), PasswordLimits::Min());
  SetDefaultPasswordLimits(before);
}

TEST(PasswordHasherTest, ConcurrentHashesAreBoundedButAllComplete) {
  PasswordHasher hasher(PasswordLimits::Min(), /*max_concurrent=*/2);
  std::atomic<int> ok{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 6; ++i) {
    threads.emplace_back([&] {
      auto h = hasher.Hash("violet-harbour-41-kettle");
      if (h.ok() && hasher.Verify("violet-harbour-41-kettle", *h).match) ++ok;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok.load(), 6);
}

TEST(PasswordHasherTest, GeneratedPasswordsPassTheRules) {
  for (int i = 0; i < 20; ++i) {
    const std::string pw = GeneratePassword();
    EXPECT_GE(pw.size(), 24u);
    EXPECT_TRUE(CheckPasswordRules(pw, "admin@example.org").ok()) << pw;
  }
}

}  // namespace
}  // namespace bsg::identity
