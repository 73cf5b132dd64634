// The reviewed table of who may call each HTTP route (tests/http/route_roles.tsv), and the checks
// that hold the registered routes to it. The table is written by hand so that a route whose own
// policy is wrong (public by mistake, a role too many) fails the test instead of defining what
// the test expects.
//
//   RouteTable table = ParseRouteTable(text, {"admin", "officer", ...});
//   std::vector<std::string> missing = CompareRoutes(registered, table.rows);  // both ways
//   std::vector<std::string> wrong = CheckRouteAnswers(table.rows, callers, call);
//
// Each function returns one message per problem; an empty list means the routes agree with the
// table. `call` sends one request (route_policy_test.cc sends it to the real server; the unit
// tests in route_table_test.cc answer from a fake route list).
//
// Header-only: tests/ builds only *_test.cc files into bsg_tests.
#ifndef BSG_TESTS_HTTP_ROUTE_TABLE_H_
#define BSG_TESTS_HTTP_ROUTE_TABLE_H_

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace bsg::testing {

// Who may call a route, as the table's third column says.
struct Access {
  bool is_public = false;  // "public": anyone, signed in or not
  bool signed_in = false;  // "signed_in": any signed-in user
  // The roles listed ("admin,officer"), each mapped to the parameter that must name the caller's
  // own country ("focal_point(country)"), or to "" when the role is not narrowed.
  std::map<std::string, std::string> roles;
};

struct RouteRow {
  std::string method;   // "GET"
  std::string pattern;  // as registered: "/api/events/{id:int}"
  Access access;
  std::string who;  // the third column as written
  int line = 0;     // in the table file
};

struct RouteTable {
  std::vector<RouteRow> rows;
  std::vector<std::string> errors;  // malformed lines; the rows hold the well-formed ones
};

// A route as the router holds it. `policy` is its declared policy, only to help whoever adds
// the missing table line: the table is never compared with it.
struct RegisteredRoute {
  std::string method;
  std::string pattern;
  std::string policy;
};

// Someone calling the routes: anonymous (no roles), or a signed-in user.
struct Caller {
  std::string name;  // "anonymous" or the role it holds
  bool signed_in = false;
  std::set<std::string> roles;
  std::string country;  // the focal point's; "" for others
};

struct Answer {
  int status = 0;      // HTTP status; <= 0 when no answer came
  std::string reason;  // the error body's `reason`, "" for success
};

// Calls `row`'s route as `caller`. `params` gives values for some of the route's parameters
// (the country of a country-scoped role); a parameter not in the pattern goes in the query
// string. Others get placeholders.
using RouteCall = std::function<Answer(const RouteRow& row, const Caller& caller,
                                       const std::map<std::string, std::string>& params)>;

namespace route_table_internal {

inline std::string Trim(std::string_view s) {
  const auto begin = s.find_first_not_of(" \t\r");
  if (begin == std::string_view::npos) return "";
  const auto end = s.find_last_not_of(" \t\r");
  return std::string(s.substr(begin, end - begin + 1));
}

inline std::vector<std::string> Split(std::string_view s, char sep, bool skip_empty) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (true) {
    const std::size_t at = s.find(sep, start);
    std::string part = Trim(s.substr(start, at == std::string_view::npos ? at : at - start));
    if (!(skip_empty && part.empty())) out.push_back(std::move(part));
    if (at == std::string_view::npos) return out;
    start = at + 1;
  }
}

inline std::string Key(const std::string& method, const std::string& pattern) {
  return method + " " + pattern;
}

// The third column, or an error message.
inline std::optional<std::string> ParseWho(const std::string& who,
                                           const std::set<std::string>& known_roles,
                                           Access& access) {
  if (who == "public") {
    access.is_public = true;
    return std::nullopt;
  }
  if (who == "signed_in") {
    access.signed_in = true;
    return std::nullopt;
  }
  for (const std::string& item : Split(who, ',', /*skip_empty=*/false)) {
    std::string role = item;
    std::string param;
    if (const auto open = item.find('('); open != std::string::npos) {
      if (item.back() != ')' || open + 2 >= item.size()) {
        return "'" + item + "' is not role or role(parameter)";
      }
      role = item.substr(0, open);
      param = item.substr(open + 1, item.size() - open - 2);
    }
    if (known_roles.count(role) == 0) {
      return "'" + role + "' is not public, signed_in or a role";
    }
    if (!access.roles.emplace(role, param).second) return "role '" + role + "' listed twice";
  }
  return std::nullopt;
}

inline std::string Describe(const RouteRow& row, const Caller& caller) {
  return row.method + " " + row.pattern + " as " + caller.name;
}

}  // namespace route_table_internal

// Reads the table: lines of method, pattern and who, separated by tabs (several tabs count as
// one); '#' starts a comment line; blank lines are ignored. `known_roles` are the roles a line
// may name.
inline RouteTable ParseRouteTable(std::string_view text, const std::set<std::string>& known_roles) {
  namespace in = route_table_internal;
  static const std::set<std::string> kMethods = {"GET",   "HEAD",   "POST",   "PUT",
                                                 "PATCH", "DELETE", "OPTIONS"};
  RouteTable table;
  std::set<std::string> seen;
  int number = 0;
  for (const std::string& raw : in::Split(text, '\n', /*skip_empty=*/false)) {
    ++number;
    const std::string line = in::Trim(raw);
    if (line.empty() || line.front() == '#') continue;
    const std::string where = "route table line " + std::to_string(number) + ": ";
    const std::vector<std::string> columns = in::Split(line, '\t', /*skip_empty=*/true);
    if (columns.size() != 3) {
      table.errors.push_back(where + "expected method, pattern and who separated by tabs");
      continue;
    }
    RouteRow row;
    row.method = columns[0];
    row.pattern = columns[1];
    row.who = columns[2];
    row.line = number;
    if (kMethods.count(row.method) == 0) {
      table.errors.push_back(where + "unknown method '" + row.method + "'");
      continue;
    }
    if (!row.pattern.starts_with("/")) {
      table.errors.push_back(where + "the pattern must start with '/'");
      continue;
    }
    if (auto error = in::ParseWho(row.who, known_roles, row.access)) {
      table.errors.push_back(where + *error);
      continue;
    }
    if (!seen.insert(in::Key(row.method, row.pattern)).second) {
      table.errors.push_back(where + row.method + " " + row.pattern + " is listed twice");
      continue;
    }
    table.rows.push_back(std::move(row));
  }
  return table;
}

// The registered routes missing from the table, and the table's rows with no registered route.
inline std::vector<std::string> CompareRoutes(const std::vector<RegisteredRoute>& registered,
                                              const std::vector<RouteRow>& rows) {
  namespace in = route_table_internal;
  std::set<std::string> in_table;
  for (const RouteRow& row : rows) in_table.insert(in::Key(row.method, row.pattern));
  std::set<std::string> in_router;
  std::vector<std::string> problems;
  for (const RegisteredRoute& route : registered) {
    const std::string key = in::Key(route.method, route.pattern);
    in_router.insert(key);
    if (in_table.count(key) == 0) {
      problems.push_back(key +
                         " is registered but not in the route table; add a line saying who may "
                         "call it (its own policy says: " +
                         route.policy + ")");
    }
  }
  for (const RouteRow& row : rows) {
    const std::string key = in::Key(row.method, row.pattern);
    if (in_router.count(key) == 0) {
      problems.push_back("route table line " + std::to_string(row.line) + ": " + key +
                         " is not a registered route");
    }
  }
  return problems;
}

// Calls every row's route as every caller and compares the answer with the table:
//  - anonymous: public routes must not answer 401 or 403; all others 401 auth.required;
//  - a signed-in caller whose role the row lists (or public, signed_in) must not get 401 or 403;
//    one whose role it does not list gets 403 auth.forbidden;
//  - a caller let in only by a country-scoped role ("focal_point(country)") gets 403
//    auth.out_of_scope when the parameter names another country, and neither 401 nor 403 when it
//    names the caller's own.
inline std::vector<std::string> CheckRouteAnswers(const std::vector<RouteRow>& rows,
                                                  const std::vector<Caller>& callers,
                                                  const RouteCall& call) {
  namespace in = route_table_internal;
  // A country that is nobody's: the other country for scoped calls.
  constexpr const char* kOtherCountry = "XX";
  std::vector<std::string> problems;
  auto check = [&](const RouteRow& row, const Caller& caller,
                   const std::map<std::string, std::string>& params, int status,
                   const std::string& reason, const std::string& expected) {
    const Answer answer = call(row, caller, params);
    bool ok = false;
    if (status == 0) {
      ok = answer.status > 0 && answer.status != 401 && answer.status != 403;
    } else {
      ok = answer.status == status && answer.reason == reason;
    }
    if (!ok) {
      std::ostringstream what;
      what << in::Describe(row, caller);
      for (const auto& [name, value] : params) what << " (" << name << "=" << value << ")";
      what << ": the table says '" << row.who << "', so expected " << expected << ", got "
           << answer.status << (answer.reason.empty() ? "" : " " + answer.reason);
      problems.push_back(what.str());
    }
  };
  const std::string let_in = "neither 401 nor 403";
  for (const RouteRow& row : rows) {
    for (const Caller& caller : callers) {
      if (row.access.is_public) {
        check(row, caller, {}, 0, "", let_in);
      } else if (!caller.signed_in) {
        check(row, caller, {}, 401, "auth.required", "401 auth.required");
      } else if (row.access.signed_in) {
        check(row, caller, {}, 0, "", let_in);
      } else {
        bool unscoped = false;
        std::set<std::string> scope_params;
        for (const auto& [role, param] : row.access.roles) {
          if (caller.roles.count(role) == 0) continue;
          if (param.empty()) {
            unscoped = true;
          } else {
            scope_params.insert(param);
          }
        }
        if (unscoped) {
          check(row, caller, {}, 0, "", let_in);
        } else if (scope_params.empty()) {
          check(row, caller, {}, 403, "auth.forbidden", "403 auth.forbidden");
        } else {
          for (const std::string& param : scope_params) {
            check(row, caller, {{param, kOtherCountry}}, 403, "auth.out_of_scope",
                  "403 auth.out_of_scope");
            check(row, caller, {{param, caller.country}}, 0, "", let_in);
          }
        }
      }
    }
  }
  return problems;
}

}  // namespace bsg::testing

#endif  // BSG_TESTS_HTTP_ROUTE_TABLE_H_
