// Helpers private to src/platform/http: text handling for paths, queries and headers, request
// ids, content types and gzip. Not part of the platform's API; modules must not include this.
//
// Thread-safety: every function is safe to call from any thread.
#ifndef BSG_PLATFORM_HTTP_HTTP_INTERNAL_H_
#define BSG_PLATFORM_HTTP_HTTP_INTERNAL_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "platform/http/request.h"
#include "platform/http/response.h"

namespace bsg::http::internal {

// `s` without leading and trailing optional white space (RFC 9110 OWS: spaces and tabs).
std::string_view TrimOws(std::string_view s);

// ASCII lower-casing and comparison (header names, tokens).
std::string ToLower(std::string_view s);
bool EqualsIgnoreCase(std::string_view a, std::string_view b);

// Decodes %XX escapes; with `plus_as_space` also '+' (query strings). nullopt when an escape is
// malformed or the result holds a NUL byte.
std::optional<std::string> PercentDecode(std::string_view s, bool plus_as_space);

// Parses "a=1&b=x%20y&c" into decoded pairs ("c" -> ""). Malformed escapes are kept verbatim.
std::multimap<std::string, std::string> ParseQuery(std::string_view query);

// A signed 64-bit decimal integer with nothing around it ("-12"); nullopt otherwise.
std::optional<std::int64_t> ParseInt64(std::string_view s);

// True for an incoming X-Request-Id we are willing to echo: 1 to 64 characters of
// [A-Za-z0-9._-].
bool IsValidRequestId(std::string_view id);
// 16 random lowercase hex digits, from a fast per-thread generator (not for secrets).
std::string NewRequestId();

// Appends `s` to `out` as the inside of a JSON string (quotes not included).
void AppendJsonEscaped(std::string& out, std::string_view s);

// The Content-Type for a file name by its extension; application/octet-stream when unknown.
std::string_view ContentTypeForPath(std::string_view path);
// True when a response of this Content-Type is worth compressing (text, JSON, SVG, ...).
bool IsCompressible(std::string_view content_type);
// True when a response's body is worth gzipping: at least `min_bytes` long (0: never), of a
// compressible type, and not already encoded.
bool WorthGzipping(const Response& response, std::size_t min_bytes);
// True when an Accept-Encoding header value accepts gzip (a q=0 refusal counts as no).
bool AcceptsGzip(std::string_view accept_encoding);

// The reason phrase for an HTTP status code ("Not Found"); "Unknown" for others.
std::string_view ReasonPhrase(int status);

}  // namespace bsg::http::internal

#endif  // BSG_PLATFORM_HTTP_HTTP_INTERNAL_H_
