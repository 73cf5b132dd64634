#!/usr/bin/env python3
"""Helper of bench/sections/routes.sh: the read routes of a running `bsg serve`, from its
/api/openapi.json, with the values of their parameters; an API token; the aims.

  route_list.py token BASE EMAIL PASSWORD
      Signs in through the API (POST /api/session) and prints a new read-only API token
      (POST /api/tokens, with the session cookie and its CSRF token).
  route_list.py plan BASE TOKEN
      One tab-separated line per GET route of the OpenAPI document:
        action  template  path  auth  kind  rows  reason
      action is "measure", "skip" (with the reason) or "exclude" (heavy, not JSON, /metrics,
      the OpenAPI document); auth is "anon" or "token"; kind is list, detail or other; rows is
      the number of rows of a list; "-" stands for an empty field.
  route_list.py aims RESULTS_TSV...
      The Markdown "Aims" list from the files routes.sh writes (one per backend).

Only the standard library: jq is not always installed.
"""
import http.cookiejar
import json
import sys
import urllib.error
import urllib.request

LIMIT = 50  # list routes that take `limit` are asked for one page of 50 rows
# Values for required query parameters: the list route to read and how to take the value from
# its first row. A required query parameter without a rule here gets its value from the list
# route named after it (`period` -> /api/periods, its first row's code or id), else the route is
# skipped with the reason.
QUERY_HINTS = {
    "month": ("/api/events", lambda row: (row.get("start_date") or "")[:7] or None),
}
PAGING_KEYS = {"count", "total", "limit", "offset", "next_cursor", "cursor"}


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def fetch(base, path, token=None):
    """GET base+path -> (status, parsed JSON or None, content type). No Accept-Encoding."""
    req = urllib.request.Request(base + path)
    req.add_header("Accept-Encoding", "identity")
    if token:
        req.add_header("Authorization", "Bearer " + token)
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(req, timeout=60) as resp:
            status, body, ctype = resp.status, resp.read(), resp.headers.get("Content-Type", "")
    except urllib.error.HTTPError as err:
        status, body, ctype = err.code, err.read(), err.headers.get("Content-Type", "")
    try:
        parsed = json.loads(body) if "json" in ctype else None
    except ValueError:
        parsed = None
    return status, parsed, ctype


def token_command(base, email, password):
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))

    def post(path, payload, headers):
        req = urllib.request.Request(base + path, data=json.dumps(payload).encode(),
                                     headers={"Content-Type": "application/json", **headers})
        try:
            with opener.open(req, timeout=60) as resp:
                return json.loads(resp.read())
        except urllib.error.HTTPError as err:
            sys.exit(f"route_list: POST {path} answered {err.code}: {err.read()[:300]!r}")

    session = post("/api/session", {"email": email, "password": password}, {})
    created = post("/api/tokens", {"name": "bench routes", "scopes": ["read"]},
                   {"X-CSRF-Token": session["csrf_token"]})
    print(created["token"])


def rows_of(body):
    """The rows of a list answer ({items: [...]}, a JSON array, or an object with one array
    beside paging figures such as count, total, next_cursor), else None."""
    if isinstance(body, list):
        return body
    if not isinstance(body, dict):
        return None
    if isinstance(body.get("items"), list):
        return body["items"]
    arrays = [k for k, v in body.items() if isinstance(v, list)]
    others = [k for k in body if k not in arrays]
    if len(arrays) == 1 and all(k in PAGING_KEYS for k in others):
        return body[arrays[0]]
    return None


def singular(segment):
    if segment.endswith("ies"):
        return segment[:-3] + "y"
    return segment[:-1] if segment.endswith("s") else segment


def policy_auth(op):
    """'anon' for public routes, 'token' for signed-in ones, or (None, reason)."""
    policy = str(op.get("x-bsg-policy", "")).strip()
    if policy == "public" or (not policy and not op.get("security")):
        return "anon", None
    if policy.startswith("roles:"):
        roles = [r.strip() for r in policy[len("roles:"):].split(",")]
        if "admin" not in roles:
            return None, f"needs role {'/'.join(roles)}; the bench's token is the demo admin's"
    return "token", None


def json_content(op):
    content = op.get("responses", {}).get("200", {}).get("content", {})
    return any("json" in ctype for ctype in content), ", ".join(content) or "no content"


def plan_command(base, token):
    status, doc, _ = fetch(base, "/api/openapi.json")
    if status != 200 or not isinstance(doc, dict):
        sys.exit(f"route_list: /api/openapi.json answered {status}")
    gets = {path: ops["get"] for path, ops in doc.get("paths", {}).items() if "get" in ops}
    cache = {}

    def auth_of(template):
        mode, _ = policy_auth(gets[template])
        return token if mode == "token" else None

    def query_of(template, extra=None):
        names = {p["name"] for p in gets[template].get("parameters", []) if p.get("in") == "query"}
        pairs = list((extra or {}).items())
        if "limit" in names:
            pairs.append(("limit", str(LIMIT)))
        return "?" + "&".join(f"{k}={urllib.request.quote(v, safe='')}" for k, v in pairs) if pairs else ""

    def list_rows(template, path):
        """(rows, None) for the list route `template` at `path`, or (None, reason)."""
        if template not in gets:
            return None, f"no list route {template} in the OpenAPI document"
        url = path + query_of(template)
        if url not in cache:
            cache[url] = fetch(base, url, auth_of(template))
        status, body, _ = cache[url]
        if not 200 <= status < 300:
            return None, f"{url} answered {status}"
        rows = rows_of(body)
        if rows is None:
            return None, f"{url} is not a list"
        if not rows or not isinstance(rows[0], dict):
            return None, f"{url} has no rows"
        return rows, None

    detail_schemas = {json.dumps(op.get("responses", {}).get("200", {}), sort_keys=True)
                      for path, op in gets.items() if path.endswith("}")}
    for template in sorted(gets):
        op = gets[template]

        def out(action, path="-", auth="-", kind="-", rows="-", reason="-"):
            print("\t".join([action, template, path, auth, kind, str(rows), reason]))

        is_json, ctype = json_content(op)
        if op.get("x-bsg-cost") == "heavy":
            out("exclude", reason="heavy (x-bsg-cost: heavy; measured by report_load.sh)")
            continue
        if template in ("/metrics", "/api/openapi.json"):
            out("exclude", reason="metrics or the OpenAPI document itself")
            continue
        if not is_json:
            out("exclude", reason=f"not JSON ({ctype})")
            continue
        auth, why = policy_auth(op)
        if auth is None:
            out("skip", reason=why)
            continue
        # Path parameters, left to right: the first row of the list route above each one.
        segments = template.split("/")
        path_segments, reason = [], None
        for segment in segments:
            if "{" not in segment:
                path_segments.append(segment)
                continue
            name = segment[segment.index("{") + 1:segment.index("}")].split(":")[0]
            parent_template = "/".join(
                s for s in segments[:len(path_segments)])  # the template up to this segment
            parent_path = "/".join(path_segments)
            rows, reason = list_rows(parent_template, parent_path)
            if rows is None:
                reason = f"no value for {{{name}}}: {reason}"
                break
            row = rows[0]
            value = None
            for key in (name, singular(segments[len(path_segments) - 1]) + "_id", "id"):
                if row.get(key) is not None:
                    value = row[key]
                    break
            if value is None:
                reason = f"no value for {{{name}}}: the first row of {parent_path} has no {name} or id"
                break
            path_segments.append(segment.replace(segment[segment.index("{"):segment.index("}") + 1],
                                                 urllib.request.quote(str(value), safe="")))
        if reason:
            out("skip", reason=reason)
            continue
        # Required query parameters.
        extra = {}
        for param in op.get("parameters", []):
            if param.get("in") != "query" or not param.get("required"):
                continue
            name = param["name"]
            source, pick = QUERY_HINTS.get(
                name, (f"/api/{name}s", lambda row: row.get("code") or row.get("id")))
            rows, why = list_rows(source, source)
            value = pick(rows[0]) if rows else None
            if value is None:
                reason = f"no value for the required query parameter {name}: {why or 'none in ' + source}"
                break
            extra[name] = str(value)
        if reason:
            out("skip", reason=reason)
            continue
        path = "/".join(path_segments) + query_of(template, extra)
        status, body, ctype = fetch(base, path, token if auth == "token" else None)
        if not 200 <= status < 300:
            code = body.get("reason") if isinstance(body, dict) else None
            out("skip", path, auth, reason=f"answered {status}" + (f" ({code})" if code else ""))
            continue
        if "json" not in ctype:
            out("exclude", path, auth, reason=f"answered {ctype}, not JSON")
            continue
        rows = rows_of(body)
        schema = json.dumps(op.get("responses", {}).get("200", {}), sort_keys=True)
        if rows is not None:
            out("measure", path, auth, "list", len(rows))
        elif template.endswith("}") or schema in detail_schemas:
            out("measure", path, auth, "detail")
        else:
            out("measure", path, auth, "other")


def aims_command(files):
    """RESULTS lines: backend kind template path rows bytes bsg_rps nginx_rps ratio p99 (tab)."""
    results = {}
    for name in files:
        with open(name, encoding="utf-8") as f:
            for line in f:
                r = line.rstrip("\n").split("\t")
                results.setdefault(r[0], []).append(r)

    def num(x):
        try:
            return float(x)
        except ValueError:
            return None

    def shown(value, unit):
        return f"{value}{unit}" if num(value) is not None else value

    def verdict(rows, ratio_aim, p99_aim=None):
        if not rows:
            return "no route of this kind was measured"
        bad_ratio = [r for r in rows if num(r[8]) is None or num(r[8]) < ratio_aim]
        worst = min(rows, key=lambda r: num(r[8]) if num(r[8]) is not None else -1)
        text = f"worst ratio {shown(worst[8], 'x')} `{worst[3]}`"
        bad_p99 = []
        if p99_aim is not None:
            bad_p99 = [r for r in rows if num(r[9]) is None or num(r[9]) > p99_aim]
            slow = max(rows, key=lambda r: num(r[9]) if num(r[9]) is not None else 1e9)
            text += f", worst p99 {shown(slow[9], ' ms')} `{slow[3]}`"
        failing = len({id(r) for r in bad_ratio + bad_p99})
        state = "**holds**" if not failing else f"**does not hold** ({failing} of {len(rows)} routes)"
        return f"{state}: {text}"

    aims = [
        ("Detail GETs and `/api/health` at 0.5x nginx or better, p99 5 ms or less",
         lambda r: r[1] == "detail" or r[2] == "/api/health", 0.5, 5.0),
        (f"{LIMIT}-row list pages (list routes taking `limit`, asked with `?limit={LIMIT}`) at "
         "0.25x nginx or better", lambda r: r[1] == "list" and f"limit={LIMIT}" in r[3], 0.25, None),
        ("A 304 (revalidation with the ETag bsg sent) at 1.0x nginx's 304 or better",
         lambda r: r[1] == "304", 1.0, None),
    ]
    print("### Aims")
    print()
    for label, keep, ratio_aim, p99_aim in aims:
        parts = []
        for backend, rows in results.items():
            chosen = [r for r in rows if keep(r)]
            if chosen and all(r[8] == "no ETag" for r in chosen) and ratio_aim == 1.0:
                parts.append(f"{backend}: **does not hold**, bsg sends no ETag")
                continue
            parts.append(f"{backend}: {verdict(chosen, ratio_aim, p99_aim)}")
        print(f"- {label}: " + "; ".join(parts) + ".")


def main(argv):
    if len(argv) == 5 and argv[1] == "token":
        token_command(argv[2].rstrip("/"), argv[3], argv[4])
    elif len(argv) == 4 and argv[1] == "plan":
        plan_command(argv[2].rstrip("/"), argv[3])
    elif len(argv) >= 3 and argv[1] == "aims":
        aims_command(argv[2:])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
