#include "modules/identity/rules.h"

#include <gtest/gtest.h>

#include "modules/identity/crypto.h"
#include "modules/identity/password.h"

namespace bsg::identity {
namespace {

TEST(RulesTest, NormalizeEmailTrimsAndLowercases) {
  EXPECT_EQ(NormalizeEmail("  Ada.Lovelace@Example.ORG \t"), "ada.lovelace@example.org");
  EXPECT_EQ(NormalizeEmail(""), "");
}

TEST(RulesTest, CheckEmail) {
  auto bad = [](const std::string& e) {
    FieldErrors f;
    CheckEmail(e, f);
    return f.count("email") > 0;
  };
  EXPECT_FALSE(bad("a@example.org"));
  EXPECT_FALSE(bad("first.last+tag@sub.example.co.ke"));
  EXPECT_TRUE(bad(""));
  EXPECT_TRUE(bad("no-at-sign"));
  EXPECT_TRUE(bad("@example.org"));
  EXPECT_TRUE(bad("a@b@example.org"));
  EXPECT_TRUE(bad("a@localhost"));
  EXPECT_TRUE(bad("a b@example.org"));
  EXPECT_TRUE(bad("a@example.org."));
  EXPECT_TRUE(bad(std::string(250, 'a') + "@example.org"));
}

TEST(RulesTest, RolesAndCountry) {
  auto fields = [](std::set<std::string> roles, std::optional<std::string> country) {
    FieldErrors f;
    CheckRolesAndCountry(roles, country, f);
    return f;
  };
  EXPECT_TRUE(fields({"admin", "officer"}, std::nullopt).empty());
  EXPECT_TRUE(fields({"focal_point"}, "KE").empty());
  EXPECT_EQ(fields({"focal_point"}, std::nullopt).at("country"), "is required for a focal point");
  EXPECT_EQ(fields({"delegate"}, "KE").at("country"), "is only set for a focal point");
  EXPECT_TRUE(fields({"focal_point"}, "ke").count("country"));
  EXPECT_TRUE(fields({"focal_point"}, "KEN").count("country"));
  EXPECT_TRUE(fields({"superuser"}, std::nullopt).count("roles"));
}

TEST(RulesTest, Scopes) {
  EXPECT_EQ(*NormalizeScopes({"read"}), (std::set<std::string>{"read"}));
  EXPECT_EQ(*NormalizeScopes({"write"}), (std::set<std::string>{"read", "write"}));
  EXPECT_FALSE(NormalizeScopes({}).ok());
  EXPECT_FALSE(NormalizeScopes({"admin"}).ok());
  EXPECT_EQ(ScopesToText({"read", "write"}), "read write");
  EXPECT_EQ(ScopesFromText("read"), (std::set<std::string>{"read"}));
  // metrics stands alone.
  EXPECT_EQ(*NormalizeScopes({"metrics"}), (std::set<std::string>{"metrics"}));
  EXPECT_FALSE(NormalizeScopes({"metrics", "read"}).ok());
  EXPECT_EQ(ScopesToText({"metrics"}), "metrics");
  EXPECT_EQ(ScopesFromText("metrics"), (std::set<std::string>{"metrics"}));
}

TEST(PasswordRulesTest, AcceptsALongUncommonPassword) {
  EXPECT_TRUE(CheckPasswordRules("violet-harbour-41-kettle", "ada@example.org").ok());
  // Length counts characters, not bytes: 12 Cyrillic letters are enough.
  EXPECT_TRUE(CheckPasswordRules("щзхъфывапрол", "ada@example.org").ok());
}

TEST(PasswordRulesTest, RefusesWeakPasswords) {
  auto why = [](std::string_view pw) {
    Status s = CheckPasswordRules(pw, "ada.lovelace@example.org", "new_password");
    EXPECT_EQ(s.code(), ErrorCode::kUnprocessable) << pw;
    EXPECT_EQ(s.reason(), "user.weak_password");
    return s.fields().count("new_password") ? s.fields().at("new_password") : std::string();
  };
  EXPECT_EQ(why("short-pw"), "must be at least 12 characters");
  EXPECT_EQ(why("Password1234"), "is a commonly used password");  // compared in lowercase
  EXPECT_EQ(why("QWERTYUIOPASDFGHJKL"), "is a commonly used password");
  EXPECT_EQ(why("aaaaaaaaaaaaaaaa"), "repeats a short or common sequence");
  EXPECT_EQ(why("abcabcabcabcabc"), "repeats a short or common sequence");
  EXPECT_EQ(why("passwordpasswordpassword"), "repeats a short or common sequence");
  EXPECT_EQ(why("dragondragondragon"), "repeats a short or common sequence");
  EXPECT_EQ(why("ada.lovelaceada.lovelace"), "is too close to the email address");
  EXPECT_EQ(why("ada.lovelace2024"), "is too close to the email address");
  EXPECT_EQ(why("ada.lovelace@example.org"), "is too close to the email address");
  EXPECT_EQ(why("Ada.Lovelacepassword"), "is too close to the email address");
  EXPECT_EQ(why(std::string(1025, 'x') + "yz"), "must be at most 1024 bytes");
}

TEST(CryptoTest, TokensAreRandomAndHashedHex) {
  const std::string a = RandomToken(32), b = RandomToken(32);
  EXPECT_EQ(a.size(), 43u);  // 32 bytes in base64url without padding
  EXPECT_NE(a, b);
  EXPECT_EQ(a.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
            std::string::npos);
  EXPECT_EQ(HashToken(a).size(), 64u);
  EXPECT_EQ(HashToken(a), HashToken(a));
  EXPECT_NE(HashToken(a), HashToken(b));
  EXPECT_TRUE(ConstantTimeEquals(a, a));
  EXPECT_FALSE(ConstantTimeEquals(a, b));
  EXPECT_FALSE(ConstantTimeEquals(a, a.substr(1)));
}

}  // namespace
}  // namespace bsg::identity
