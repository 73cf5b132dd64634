// ActorFrom: the audit actor of a request.
#include "platform/http/audit_actor.h"

#include <gtest/gtest.h>

namespace bsg::http {
namespace {

TEST(AuditActorTest, SignedInCaller) {
  Request req;
  req.remote_address = "192.0.2.7";
  req.request_id = "abc123";
  Principal p;
  p.user_id = 12;
  p.email = "ada@example.org";
  req.principal = p;
  AuditActor a = ActorFrom(req);
  EXPECT_EQ(a.user_id, 12);
  EXPECT_EQ(a.label, "ada@example.org");
  EXPECT_EQ(a.remote_address, "192.0.2.7");
  EXPECT_EQ(a.request_id, "abc123");

  req.principal->via_api_token = true;
  EXPECT_EQ(ActorFrom(req).label, "ada@example.org (API token)");
}

TEST(AuditActorTest, AnonymousCaller) {
  Request req;
  req.remote_address = "198.51.100.1";
  req.request_id = "r";
  AuditActor a = ActorFrom(req);
  EXPECT_FALSE(a.user_id);
  EXPECT_EQ(a.label, "anonymous");
  EXPECT_EQ(a.remote_address, "198.51.100.1");
  EXPECT_EQ(a.request_id, "r");
}

}  // namespace
}  // namespace bsg::http
