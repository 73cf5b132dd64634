// Tests of the Status-to-HTTP mapping, the error body, Request accessors and the text helpers.
#include "platform/http/response.h"

#include <gtest/gtest.h>

#include <cstdint>

#include "platform/http/api_util.h"
#include "platform/http/http_internal.h"
#include "platform/http/request.h"

namespace bsg::http {
namespace {

TEST(HttpStatusForTest, MapsEveryCode) {
  EXPECT_EQ(HttpStatusFor(ErrorCode::kInvalidArgument), 400);
  EXPECT_EQ(HttpStatusFor(ErrorCode::kUnauthenticated), 401);
  EXPECT_EQ(HttpStatusFor(ErrorCode::kPermissionDenied), 403);
  EXPECT_EQ(HttpStatusFor(ErrorCode::kNotFound), 404);
  EXPECT_EQ(HttpStatusFor(ErrorCode::kMethodNotAllowed), 405);
  EXPECT_EQ(HttpStatusFor(ErrorCode::kConflict), 409);
  EXPECT_EQ(HttpStatusFor(ErrorCode::kPayloadTooLarge), 413);
  EXPECT_EQ(HttpStatusFor(ErrorCode::kUnsupportedMedia), 415);
  EXPECT_EQ(HttpStatusFor(ErrorCode::kUnprocessable), 422);
  EXPECT_EQ(HttpStatusFor(ErrorCode::kTooManyRequests), 429);
  EXPECT_EQ(HttpStatusFor(ErrorCode::kInternal), 500);
  EXPECT_EQ(HttpStatusFor(ErrorCode::kUnavailable), 503);
  EXPECT_EQ(HttpStatusFor(ErrorCode::kRetryable), 503);
}

TEST(AttachmentDispositionTest, AsciiFallbackAndTheExactNameEncoded) {
  EXPECT_EQ(AttachmentDisposition("slides.pdf"),
            "attachment; filename=\"slides.pdf\"; filename*=UTF-8''slides.pdf");
  // One "_" per character outside printable ASCII, and for quotes and backslashes; the exact
  // name percent-encoded (RFC 8187).
  EXPECT_EQ(AttachmentDisposition("R\xC3\xA9sum\xC3\xA9 \"one\"\\.pdf"),
            "attachment; filename=\"R_sum_ _one__.pdf\"; "
            "filename*=UTF-8''R%C3%A9sum%C3%A9%20%22one%22%5C.pdf");
  EXPECT_EQ(AttachmentDisposition("\xE6\x96\x87.txt"),
            "attachment; filename=\"_.txt\"; filename*=UTF-8''%E6%96%87.txt");
}

TEST(ErrorResponseTest, BodyShape) {
  Response r = ErrorResponse(
      Status::InvalidArgument("person.bad_email", "Check the form.", {{"email", "is not valid"}}),
      "abc");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.content_type, "application/json");
  EXPECT_EQ(r.body, R"({"code":400,"reason":"person.bad_email","message":"Check the form.",)"
                    R"("fields":{"email":"is not valid"}})");
  auto j = nlohmann::json::parse(r.body);
  EXPECT_EQ(j.size(), 4u);
}

TEST(ErrorResponseTest, EmptyFieldsIsAnObject) {
  Response r = ErrorResponse(Status::NotFound("x.not_found", "No such x."));
  auto j = nlohmann::json::parse(r.body);
  EXPECT_TRUE(j["fields"].is_object());
  EXPECT_TRUE(j["fields"].empty());
  EXPECT_EQ(j["code"], 404);
}

TEST(ErrorResponseTest, InternalIsGenericAndCarriesTheRequestId) {
  Response r = ErrorResponse(
      Status(ErrorCode::kInternal, "db.error", "syntax error near SELEKT", {{"sql", "SELEKT"}}),
      "req-42");
  EXPECT_EQ(r.status, 500);
  auto j = nlohmann::json::parse(r.body);
  EXPECT_EQ(j["message"], "An internal error occurred. Reference: req-42.");
  EXPECT_TRUE(j["fields"].empty());
  EXPECT_EQ(r.body.find("SELEKT"), std::string::npos);
}

TEST(ErrorResponseTest, RetryAfterFromField) {
  Response r = ErrorResponse(Status(ErrorCode::kTooManyRequests, "auth.rate_limited",
                                    "Too many attempts.", {{"retry_after_seconds", "120"}}));
  EXPECT_EQ(r.status, 429);
  ASSERT_NE(r.FindHeader("Retry-After"), nullptr);
  EXPECT_EQ(*r.FindHeader("retry-after"), "120");
  EXPECT_EQ(nlohmann::json::parse(r.body)["fields"]["retry_after_seconds"], "120");
  // A malformed value is not sent as a header.
  r = ErrorResponse(Status(ErrorCode::kTooManyRequests, "x", "y", {{"retry_after_seconds", "x"}}));
  EXPECT_EQ(r.FindHeader("Retry-After"), nullptr);
}

TEST(ErrorResponseTest, RetryableGetsRetryAfterOne) {
  Response r = ErrorResponse(Status::Retryable("db.busy", "Busy."));
  EXPECT_EQ(r.status, 503);
  ASSERT_NE(r.FindHeader("Retry-After"), nullptr);
  EXPECT_EQ(*r.FindHeader("Retry-After"), "1");
}

TEST(ErrorResponseTest, AllowHeaderFromField) {
  Response r = ErrorResponse(
      Status(ErrorCode::kMethodNotAllowed, "route.method_not_allowed", "No.", {{"allow", "GET"}}));
  EXPECT_EQ(r.status, 405);
  ASSERT_NE(r.FindHeader("Allow"), nullptr);
  EXPECT_EQ(*r.FindHeader("Allow"), "GET");
}

TEST(ErrorResponseTest, OkStatusIsABug) { EXPECT_EQ(ErrorResponse(Status::Ok()).status, 500); }

TEST(ResponseTest, Constructors) {
  Response j = Response::Json({{"a", 1}}, 201);
  EXPECT_EQ(j.status, 201);
  EXPECT_EQ(j.body, R"({"a":1})");
  Response t = Response::Text("hi", "text/plain");
  EXPECT_EQ(t.content_type, "text/plain");
  Response n = Response::NoContent();
  EXPECT_EQ(n.status, 204);
  EXPECT_TRUE(n.body.empty());
}

TEST(ResponseTest, JsonWithInvalidUtf8DoesNotThrow) {
  Response r = Response::Json({{"a", std::string("\xff\xfe")}});
  EXPECT_EQ(r.status, 200);
}

TEST(ResponseTest, SetHeaderReplacesExceptSetCookie) {
  Response r;
  r.SetHeader("X-A", "1").SetHeader("x-a", "2");
  r.SetHeader("Set-Cookie", "a=1").SetHeader("Set-Cookie", "b=2");
  ASSERT_EQ(r.headers.size(), 3u);
  EXPECT_EQ(*r.FindHeader("X-A"), "2");
}

// ---- Request

TEST(RequestTest, HeaderIsCaseInsensitive) {
  Request req;
  req.headers["content-type"] = "application/json";
  EXPECT_EQ(req.Header("Content-Type").value_or(""), "application/json");
  EXPECT_FALSE(req.Header("X-Nope").has_value());
}

TEST(RequestTest, Cookies) {
  Request req;
  req.headers["cookie"] = "a=1; bsg_session=abc.def ;  theme=\"dark\"; empty=";
  EXPECT_EQ(req.Cookie("bsg_session").value_or(""), "abc.def");
  EXPECT_EQ(req.Cookie("theme").value_or(""), "dark");
  EXPECT_EQ(req.Cookie("empty").value_or("x"), "");
  EXPECT_FALSE(req.Cookie("bsg").has_value());
  Request none;
  EXPECT_FALSE(none.Cookie("a").has_value());
}

TEST(RequestTest, QueryInt) {
  Request req;
  req.query.emplace("page", "3");
  req.query.emplace("size", "ten");
  auto page = req.QueryInt("page");
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->value_or(0), 3);
  auto missing = req.QueryInt("nope");
  ASSERT_TRUE(missing.ok());
  EXPECT_FALSE(missing->has_value());
  auto bad = req.QueryInt("size");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(bad.status().reason(), "request.bad_query");
  EXPECT_EQ(bad.status().fields().count("size"), 1u);
}

TEST(RequestTest, PathParameters) {
  Request req;
  req.path_params["id"] = "-12";
  req.path_params["code"] = "VU";
  EXPECT_EQ(req.PathInt("id"), -12);
  EXPECT_EQ(req.PathText("code"), "VU");
  EXPECT_THROW(req.PathText("nope"), std::logic_error);
  EXPECT_THROW(req.PathInt("code"), std::logic_error);
}

TEST(RequestTest, JsonBody) {
  Request req;
  req.body = R"({"a": [1, 2]})";
  auto no_type = req.JsonBody();
  ASSERT_FALSE(no_type.ok());
  EXPECT_EQ(no_type.status().code(), ErrorCode::kUnsupportedMedia);
  EXPECT_EQ(no_type.status().reason(), "request.unsupported_media_type");

  req.headers["content-type"] = "Application/JSON; charset=utf-8";
  auto ok = req.JsonBody();
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ((*ok)["a"][1], 2);

  req.headers["content-type"] = "application/merge-patch+json";
  EXPECT_TRUE(req.JsonBody().ok());

  req.body = R"({"a": )";
  auto bad = req.JsonBody();
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(bad.status().reason(), "request.bad_json");
  EXPECT_NE(bad.status().message().find("byte"), std::string::npos);

  req.body.clear();
  EXPECT_EQ(req.JsonBody().status().reason(), "request.bad_json");
}

// The one body decoder behaviour: what JSON allows but no request body may hold is refused
// while parsing, naming the field.
TEST(RequestTest, JsonBodyRefusesDuplicateKeysControlCharactersAndHugeIntegers) {
  Request req;
  req.headers["content-type"] = "application/json";
  auto parse = [&](std::string body) {
    req.body = std::move(body);
    return req.JsonBody();
  };

  auto dup = parse(R"({"name": "a", "name": "b"})");
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.status().code(), ErrorCode::kUnprocessable);
  EXPECT_EQ(dup.status().reason(), "request.duplicate_field");
  EXPECT_EQ(dup.status().fields().at("name"), "appears more than once");
  auto nested = parse(R"({"remote": {"link": "x", "link": "y"}, "list": [{"a": 1, "a": 2}]})");
  ASSERT_FALSE(nested.ok());
  EXPECT_EQ(nested.status().fields().count("remote.link"), 1u);
  EXPECT_EQ(nested.status().fields().count("list[0].a"), 1u);
  // The same key in two objects is no duplicate.
  EXPECT_TRUE(parse(R"({"a": {"x": 1}, "b": {"x": 1}, "c": [{"x": 1}, {"x": 2}]})").ok());

  auto nul = parse(R"({"full_name": "Ana\u0000Maria"})");
  ASSERT_FALSE(nul.ok());
  EXPECT_EQ(nul.status().code(), ErrorCode::kUnprocessable);
  EXPECT_EQ(nul.status().reason(), "request.bad_field");
  EXPECT_EQ(nul.status().fields().at("full_name"), "must not contain control characters");
  auto in_list = parse(R"({"topics": ["ok", "bell\u0007"]})");
  ASSERT_FALSE(in_list.ok());
  EXPECT_EQ(in_list.status().fields().count("topics[1]"), 1u);
  EXPECT_FALSE(parse(R"({"a\u0001": 1})").ok()) << "keys follow the rule too";
  // Tab and line breaks pass here; the decoders refuse line breaks in single-line fields.
  EXPECT_TRUE(parse(R"({"description": "one\ttwo\nthree\r\n"})").ok());

  auto big = parse(R"({"organization_id": 9223372036854775808})");
  ASSERT_FALSE(big.ok());
  EXPECT_EQ(big.status().code(), ErrorCode::kUnprocessable);
  EXPECT_EQ(big.status().fields().at("organization_id"),
            "is out of range (at most a 64-bit integer)");
  auto bigger = parse(R"({"ids": [1, 99999999999999999999999]})");
  ASSERT_FALSE(bigger.ok());
  EXPECT_EQ(bigger.status().fields().count("ids[1]"), 1u);
  auto ok = parse(R"({"a": 9223372036854775807, "b": -9223372036854775808, "c": 1.5})");
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_EQ((*ok)["a"].get<std::int64_t>(), INT64_MAX);
}

TEST(ApiUtilBodyTest, RefusesUnknownMembersAndLineBreaksInOneLineText) {
  using api_util::Body;
  Body unknown(nlohmann::json{{"name", "Ana"}, {"nmae", "typo"}}, {"name"});
  EXPECT_EQ(unknown.Text("name"), "Ana");
  EXPECT_EQ(unknown.status().code(), ErrorCode::kUnprocessable);
  EXPECT_EQ(unknown.status().reason(), "request.unknown_field");
  EXPECT_EQ(unknown.status().fields().at("nmae"), "is not a known field");

  Body lines(nlohmann::json{{"name", "Ana\nMaria"}, {"note", "one\ntwo"}}, {"name", "note"});
  EXPECT_EQ(lines.Text("name"), std::nullopt);
  EXPECT_EQ(lines.MultiLineText("note"), "one\ntwo");
  EXPECT_EQ(lines.status().reason(), "request.bad_field");
  EXPECT_EQ(lines.status().fields().at("name"), "must be a single line (no line breaks)");
  EXPECT_EQ(lines.status().fields().count("note"), 0u);

  Body fine(nlohmann::json{{"name", "Ana"}}, {"name", "note"});
  EXPECT_EQ(fine.Text("note"), std::nullopt);
  EXPECT_TRUE(fine.status().ok());
}

TEST(ApiUtilTest, PagingIsSixtyFourBitAndQueryTextMustBeText) {
  Request req;
  req.query.emplace("offset", "2147483648");
  auto paging = api_util::ReadPaging(req);
  ASSERT_TRUE(paging.ok());
  EXPECT_EQ(paging->offset, 2147483648LL);
  req.query.clear();
  req.query.emplace("offset", "99999999999999999999");
  EXPECT_EQ(api_util::ReadPaging(req).status().reason(), "request.bad_query");

  req.query.clear();
  req.query.emplace("q", "\xff");
  auto q = api_util::QueryText(req, "q");
  ASSERT_FALSE(q.ok());
  EXPECT_EQ(q.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(q.status().reason(), "request.bad_query");
  EXPECT_EQ(q.status().fields().count("q"), 1u);
  req.query.clear();
  req.query.emplace("q", "Ñúñez");
  EXPECT_EQ(*api_util::QueryText(req, "q"), "Ñúñez");
  req.query.clear();
  EXPECT_EQ(*api_util::QueryText(req, "q"), std::nullopt);
}

TEST(RequestTest, MethodHelpers) {
  EXPECT_EQ(MethodName(Method::kPatch), "PATCH");
  EXPECT_TRUE(IsStateChanging(Method::kPost));
  EXPECT_TRUE(IsStateChanging(Method::kDelete));
  EXPECT_FALSE(IsStateChanging(Method::kGet));
  EXPECT_FALSE(IsStateChanging(Method::kHead));
  EXPECT_FALSE(IsStateChanging(Method::kOptions));
}

// ---- internal helpers

TEST(InternalTest, PercentDecode) {
  EXPECT_EQ(internal::PercentDecode("/a%20b/%C3%A9", false).value_or("?"), "/a b/\xC3\xA9");
  EXPECT_EQ(internal::PercentDecode("a+b", false).value_or("?"), "a+b");
  EXPECT_EQ(internal::PercentDecode("a+b", true).value_or("?"), "a b");
  EXPECT_FALSE(internal::PercentDecode("%2", false).has_value());
  EXPECT_FALSE(internal::PercentDecode("%zz", false).has_value());
  EXPECT_FALSE(internal::PercentDecode("a%00b", false).has_value());
}

TEST(InternalTest, ParseQuery) {
  auto q = internal::ParseQuery("a=1&b=x%20y&c&a=2&&d=");
  EXPECT_EQ(q.count("a"), 2u);
  EXPECT_EQ(q.find("b")->second, "x y");
  EXPECT_EQ(q.find("c")->second, "");
  EXPECT_EQ(q.find("d")->second, "");
}

TEST(InternalTest, RequestIds) {
  EXPECT_TRUE(internal::IsValidRequestId("abc-123_x.y"));
  EXPECT_FALSE(internal::IsValidRequestId(""));
  EXPECT_FALSE(internal::IsValidRequestId("has space"));
  EXPECT_FALSE(internal::IsValidRequestId(std::string(65, 'a')));
  std::string id = internal::NewRequestId();
  EXPECT_EQ(id.size(), 16u);
  EXPECT_TRUE(internal::IsValidRequestId(id));
  EXPECT_NE(id, internal::NewRequestId());
}

TEST(InternalTest, AcceptsGzip) {
  EXPECT_TRUE(internal::AcceptsGzip("gzip, deflate, br"));
  EXPECT_TRUE(internal::AcceptsGzip("br;q=1.0, GZIP;q=0.5"));
  EXPECT_TRUE(internal::AcceptsGzip("*"));
  EXPECT_FALSE(internal::AcceptsGzip("gzip;q=0"));
  EXPECT_FALSE(internal::AcceptsGzip("gzip;q=0.000"));
  EXPECT_FALSE(internal::AcceptsGzip("br, deflate"));
  EXPECT_FALSE(internal::AcceptsGzip(""));
}

TEST(InternalTest, ContentTypes) {
  EXPECT_EQ(internal::ContentTypeForPath("/assets/app.1a2b.js"), "text/javascript; charset=utf-8");
  EXPECT_EQ(internal::ContentTypeForPath("index.HTML"), "text/html; charset=utf-8");
  EXPECT_EQ(internal::ContentTypeForPath("x.woff2"), "font/woff2");
  EXPECT_EQ(internal::ContentTypeForPath("README"), "application/octet-stream");
  EXPECT_TRUE(internal::IsCompressible("application/json"));
  EXPECT_TRUE(internal::IsCompressible("text/csv; charset=utf-8"));
  EXPECT_FALSE(internal::IsCompressible("image/png"));
}

TEST(InternalTest, JsonEscape) {
  std::string out;
  internal::AppendJsonEscaped(out, "a\"b\\c\n\x01");
  EXPECT_EQ(out, "a\\\"b\\\\c\\n\\u0001");
}

}  // namespace
}  // namespace bsg::http
