// IdentityStore on SQLite and PostgreSQL: the same cases on both.
#include "modules/identity/store.h"

#include <gtest/gtest.h>

#include "modules/identity/audit.h"
#include "platform/audit.h"
#include "platform/time/clock.h"
#include "platform/time/timestamp.h"
#include "support/test_db.h"

namespace bsg::identity {
namespace {

class IdentityStoreTest : public bsg::testing::DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    RegisterAuditRecorder();
  }

  const IdentityStore& store() { return SqlIdentityStore(); }

  std::int64_t AddUser(const std::string& email, std::set<std::string> roles,
                       std::optional<std::string> country = std::nullopt,
                       const std::string& name = "Someone") {
    std::int64_t id = 0;
    Status s = db().InTransaction([&](db::Transaction& tx) -> Status {
      NewUser u;
      u.email = email;
      u.display_name = name;
      u.roles = std::move(roles);
      u.country = std::move(country);
      BSG_ASSIGN_OR_RETURN(id, store().InsertUser(tx, u, "2024-05-01T09:00:00.000Z"));
      return Status::Ok();
    });
    EXPECT_TRUE(s.ok()) << s.ToString();
    return id;
  }

  Status Audit(std::int64_t by, const std::string& type, const std::string& id,
               const std::string& at) {
    time::ScopedTestClock clock(*time::ParseTimestamp(at));
    return db().InTransaction([&](db::Transaction& tx) -> Status {
      AuditActor actor{by, "user" + std::to_string(by), "127.0.0.1", "req-1"};
      return RecordAudit(tx, actor, type, id, "update", nlohmann::json{{"n", 1}},
                         nlohmann::json{{"n", 2}});
    });
  }
};

TEST_P(IdentityStoreTest, InsertsAndFindsUsersWithRoles) {
  const auto id = AddUser("fp@example.org", {"focal_point", "delegate"}, "KE", "Wanjiru");
  auto tx = db().Begin();
  ASSERT_TRUE(tx.ok());
  auto found = store().FindUser(**tx, id);
  ASSERT_TRUE(found.ok()) << found.status().ToString();
  EXPECT_EQ(found->user.email, "fp@example.org");
  EXPECT_EQ(found->user.roles, (std::set<std::string>{"delegate", "focal_point"}));
  EXPECT_EQ(found->user.country, "KE");
  EXPECT_FALSE(found->user.has_password);
  auto by_email = store().FindUserByEmail(**tx, "fp@example.org");
  ASSERT_TRUE(by_email.ok());
  ASSERT_TRUE(by_email->has_value());
  EXPECT_EQ((*by_email)->user.user_id, id);
  EXPECT_EQ(store().FindUser(**tx, id + 100).status().reason(), "user.not_found");
}

TEST_P(IdentityStoreTest, EmailIsUnique) {
  AddUser("a@example.org", {"viewer"});
  Status s = db().InTransaction([&](db::Transaction& tx) -> Status {
    NewUser u;
    u.email = "a@example.org";
    u.display_name = "Again";
    return store().InsertUser(tx, u, "2024-05-01T09:00:00.000Z").status();
  });
  EXPECT_EQ(s.reason(), db::kUniqueViolation);
}

TEST_P(IdentityStoreTest, ListsUsersWithFiltersAndTotal) {
  AddUser("ada@example.org", {"admin"}, std::nullopt, "Ada Lovelace");
  AddUser("grace@example.org", {"officer", "viewer"}, std::nullopt, "Grace 100% Hopper");
  AddUser("alan@example.org", {"viewer"}, std::nullopt, "Alan_Turing");
  auto tx = db().Begin();
  ASSERT_TRUE(tx.ok());
  auto list = [&](UserFilter f) {
    auto page = store().ListUsers(**tx, f);
    EXPECT_TRUE(page.ok()) << page.status().ToString();
    std::vector<std::string> emails;
    for (const auto& u : page->users) emails.push_back(u.email);
    return std::make_pair(emails, page->total);
  };
  EXPECT_EQ(list({}).second, 3);
  EXPECT_EQ(list({.q = "LOVE"}).first, std::vector<std::string>{"ada@example.org"});
  // LIKE wildcards in q are literal.
  EXPECT_EQ(list({.q = "100%"}).first, std::vector<std::string>{"grace@example.org"});
  EXPECT_EQ(list({.q = "0%H"}).first, std::vector<std::string>{});  // % as a wildcard would match
  EXPECT_EQ(list({.q = "a_a"}).first, std::vector<std::string>{});  // _ as a wildcard: "ada"
  EXPECT_EQ(list({.q = "n_Tu"}).first, std::vector<std::string>{"alan@example.org"});
  EXPECT_EQ(list({.q = "' OR '1'='1"}).second, 0);
  EXPECT_EQ(list({.role = "viewer"}).second, 2);
  auto page = list({.role = "viewer", .limit = 1, .offset = 1});
  EXPECT_EQ(page.first, std::vector<std::string>{"alan@example.org"});
  EXPECT_EQ(page.second, 2);
  EXPECT_EQ(list({.disabled = true}).second, 0);
  EXPECT_EQ(list({.disabled = false}).second, 3);
  auto roles = store().ListUsers(**tx, {.role = "officer"});
  ASSERT_TRUE(roles.ok());
  ASSERT_EQ(roles->users.size(), 1u);
  EXPECT_EQ(roles->users[0].roles, (std::set<std::string>{"officer", "viewer"}));
}

TEST_P(IdentityStoreTest, AuditEventsCannotBeUpdatedOrDeleted) {
  const auto id = AddUser("ada@example.org", {"admin"});
  ASSERT_TRUE(Audit(id, "user", "1", "2024-05-01T10:00:00Z").ok());
  auto update = db().Exec("UPDATE audit_event SET action = 'forged'");
  EXPECT_FALSE(update.ok());
  auto remove = db().Exec("DELETE FROM audit_event");
  EXPECT_FALSE(remove.ok());
  auto rows = db().Query("SELECT action FROM audit_event");
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ((*rows)[0].Text(0), "update");
}

TEST_P(IdentityStoreTest, ListsAuditNewestFirstWithFiltersAndCursor) {
  const auto ada = AddUser("ada@example.org", {"admin"});
  const auto grace = AddUser("grace@example.org", {"officer"});
  ASSERT_TRUE(Audit(ada, "user", "1", "2024-05-01T10:00:00Z").ok());
  ASSERT_TRUE(Audit(grace, "user", "2", "2024-05-02T10:00:00Z").ok());
  ASSERT_TRUE(Audit(ada, "event", "7", "2024-05-03T10:00:00Z").ok());
  ASSERT_TRUE(Audit(ada, "user", "2", "2024-05-04T10:00:00Z").ok());
  auto tx = db().Begin();
  ASSERT_TRUE(tx.ok());
  auto ids = [&](AuditFilter f) {
    auto events = store().ListAudit(**tx, f);
    EXPECT_TRUE(events.ok()) << events.status().ToString();
    std::vector<std::string> out;
    for (const auto& e : *events)
      out.push_back(e.record_type + ":" + e.record_id + "@" + e.at.substr(0, 10));
    return out;
  };
  EXPECT_EQ(ids({}), (std::vector<std::string>{"user:2@2024-05-04", "event:7@2024-05-03",
                                               "user:2@2024-05-02", "user:1@2024-05-01"}));
  EXPECT_EQ(ids({.record_type = "user", .record_id = "2"}),
            (std::vector<std::string>{"user:2@2024-05-04", "user:2@2024-05-02"}));
  EXPECT_EQ(ids({.actor_user_id = grace}), (std::vector<std::string>{"user:2@2024-05-02"}));
  EXPECT_EQ(ids({.since = "2024-05-02T00:00:00.000Z", .until = "2024-05-04T00:00:00.000Z"}),
            (std::vector<std::string>{"event:7@2024-05-03", "user:2@2024-05-02"}));
  auto first = store().ListAudit(**tx, {.limit = 2});
  ASSERT_TRUE(first.ok());
  ASSERT_EQ(first->size(), 2u);
  EXPECT_EQ(ids({.limit = 2, .before_id = first->back().event_id}),
            (std::vector<std::string>{"user:2@2024-05-02", "user:1@2024-05-01"}));
  auto one = store().ListAudit(**tx, {.record_type = "event"});
  ASSERT_TRUE(one.ok());
  ASSERT_EQ(one->size(), 1u);
  EXPECT_EQ((*one)[0].before, (nlohmann::json{{"n", 1}}));
  EXPECT_EQ((*one)[0].after, (nlohmann::json{{"n", 2}}));
  EXPECT_EQ((*one)[0].actor_user_id, ada);
  EXPECT_EQ((*one)[0].request_id, "req-1");
}

TEST_P(IdentityStoreTest, AuditRedactsSecrets) {
  const auto id = AddUser("ada@example.org", {"admin"});
  Status s = db().InTransaction([&](db::Transaction& tx) -> Status {
    return RecordAudit(tx, CliActor("test"), "user", std::to_string(id), "update",
                       nlohmann::json{{"password_hash", "$argon2id$secret"}},
                       nlohmann::json{{"nested", {{"Token", "bsg_abc"}, {"name", "kept"}}}});
  });
  ASSERT_TRUE(s.ok()) << s.ToString();
  auto rows =
      db().Query("SELECT before_json, after_json, actor_user_id, actor_label FROM audit_event");
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ((*rows)[0].Text(0).find("argon2"), std::string::npos);
  EXPECT_EQ((*rows)[0].Text(1).find("bsg_abc"), std::string::npos);
  EXPECT_NE((*rows)[0].Text(1).find("kept"), std::string::npos);
  EXPECT_TRUE((*rows)[0].IsNull(2));
  EXPECT_EQ((*rows)[0].Text(3), "cli: test");
}

TEST_P(IdentityStoreTest, CountsSignInFailuresInTheWindow) {
  Status s = db().InTransaction([&](db::Transaction& tx) -> Status {
    for (const char* at :
         {"2024-05-01T09:00:00.000Z", "2024-05-01T09:10:00.000Z", "2024-05-01T09:20:00.000Z"}) {
      BSG_RETURN_IF_ERROR(
          store().InsertSignInFailure(tx, at, "a@example.org", "10.0.0.1").status());
    }
    BSG_RETURN_IF_ERROR(
        store()
            .InsertSignInFailure(tx, "2024-05-01T09:20:00.000Z", "b@example.org", "10.0.0.1")
            .status());
    return Status::Ok();
  });
  ASSERT_TRUE(s.ok()) << s.ToString();
  auto tx = db().Begin();
  ASSERT_TRUE(tx.ok());
  auto c =
      store().CountSignInFailures(**tx, "a@example.org", "10.0.0.1", "2024-05-01T09:05:00.000Z");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->account, 2);
  EXPECT_EQ(c->account_oldest, "2024-05-01T09:10:00.000Z");
  EXPECT_EQ(c->address, 3);
  ASSERT_TRUE(store().PruneSignInFailures(**tx, "2024-05-01T09:15:00.000Z").ok());
  c = store().CountSignInFailures(**tx, "nobody", "10.0.0.2", "2000-01-01T00:00:00.000Z");
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->account, 0);
  EXPECT_FALSE(c->account_oldest);
  EXPECT_EQ(c->address, 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, IdentityStoreTest, bsg::testing::AllBackends(),
                         bsg::testing::BackendName);

}  // namespace
}  // namespace bsg::identity
