// HTTP checks against the real server: error bodies, oversized requests,
// the metrics endpoint (admins only) and a clean shutdown.

import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { describe, it } from 'node:test';
import { parsePrometheus, samplesNamed } from './lib/prom.mjs';
import { useServer } from './lib/server.mjs';

function assertErrorBody(body, status) {
  assert.equal(typeof body, 'object', 'error body is a JSON object');
  assert.equal(typeof body.code, 'number', 'error body has a numeric code');
  assert.equal(typeof body.reason, 'string', 'error body has a string reason');
  assert.ok(body.reason.length > 0, 'reason is not empty');
  assert.equal(typeof body.message, 'string', 'error body has a string message');
  assert.equal(typeof body.fields, 'object', 'error body has a fields object');
  assert.ok(body.fields !== null && !Array.isArray(body.fields), 'fields is an object');
  for (const [name, message] of Object.entries(body.fields)) {
    assert.equal(typeof message, 'string', `fields.${name} is a string`);
  }
  if (status !== undefined) assert.ok(body.message.length > 0, `a ${status} error explains itself`);
}

async function getJson(url, init) {
  const response = await fetch(url, init);
  const type = response.headers.get('content-type') ?? '';
  const text = await response.text();
  assert.match(type, /^application\/(problem\+)?json\b/i, `${url} answers JSON, got "${type}": ${text.slice(0, 200)}`);
  return { response, body: JSON.parse(text) };
}

// Sends a large body with node:http so that an early answer (or a closed
// connection) is observed instead of hidden by the client.
function postLarge(url, bytes) {
  return new Promise((resolve) => {
    const target = new URL(url);
    const req = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        path: target.pathname,
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Content-Length': String(bytes) },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, text }));
        res.on('error', () => resolve({ status: res.statusCode, headers: res.headers, text }));
      },
    );
    req.on('error', (error) => resolve({ error }));
    req.setTimeout(30_000, () => req.destroy(new Error('timed out')));
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    let sent = 0;
    const pump = () => {
      while (sent < bytes) {
        const n = Math.min(chunk.length, bytes - sent);
        sent += n;
        if (!req.write(n === chunk.length ? chunk : chunk.subarray(0, n))) {
          req.once('drain', pump);
          return;
        }
      }
      req.end();
    };
    pump();
  });
}

describe('bsg HTTP API', () => {
  const server = useServer({ seed: true }); // the demo admin may read /metrics

  it('serves GET /api/health as JSON', async () => {
    const { response, body } = await getJson(`${server().url}/api/health`);
    assert.equal(response.status, 200);
    assert.equal(body.status, 'ok');
    assert.equal(typeof body.version, 'string');
    assert.equal(body.database.kind, 'sqlite');
    assert.equal(body.database.reachable, true);
    assert.equal(typeof body.database.schema_version, 'number');
  });

  it('answers an unknown API path with a JSON 404 error body', async () => {
    const { response, body } = await getJson(`${server().url}/api/nope`);
    assert.equal(response.status, 404);
    assertErrorBody(body, 404);
  });

  it('refuses a 20 MB body with 413 (or closes the connection) and keeps serving', async () => {
    const result = await postLarge(`${server().url}/api/health`, 20 * 1024 * 1024);
    if (result.error) {
      // Closing the connection is acceptable; the response must not be a success.
      assert.match(result.error.code ?? result.error.message, /ECONNRESET|EPIPE|socket hang up|closed/i);
    } else {
      assert.equal(result.status, 413, `expected 413, got ${result.status}: ${result.text.slice(0, 200)}`);
      assert.match(String(result.headers['content-type']), /json/i);
      assertErrorBody(JSON.parse(result.text), 413);
    }
    const { response, body } = await getJson(`${server().url}/api/health`);
    assert.equal(response.status, 200);
    assert.equal(body.status, 'ok');
  });

  it('refuses /metrics to anonymous callers with a JSON 401', async () => {
    const { response, body } = await getJson(`${server().url}/metrics`);
    assert.equal(response.status, 401);
    assertErrorBody(body, 401);
  });

  it('serves /metrics to an admin in the Prometheus text format', async () => {
    await fetch(`${server().url}/api/health`).then((r) => r.arrayBuffer());
    const { email, password } = server().admin;
    const signIn = await fetch(`${server().url}/api/session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    assert.equal(signIn.status, 200, await signIn.text());
    const cookies =
      typeof signIn.headers.getSetCookie === 'function'
        ? signIn.headers.getSetCookie()
        : (signIn.headers.get('set-cookie') ?? '').split(/,\s*(?=bsg_)/);
    const session = cookies
      .map((c) => c.split(';')[0])
      .find((c) => c.startsWith('bsg_session='));
    assert.ok(session, 'sign-in set the session cookie');
    const response = await fetch(`${server().url}/metrics`, { headers: { Cookie: session } });
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/plain/i);
    const text = await response.text();
    const families = parsePrometheus(text);
    const requests = samplesNamed(families, 'bsg_http_requests_total');
    assert.ok(requests.length > 0, `no bsg_http_requests_total samples in:\n${text.slice(0, 2000)}`);
    assert.ok(
      requests.some((s) => s.value >= 1),
      'bsg_http_requests_total counted the requests made so far',
    );
  });

  it('exits with status 0 on SIGTERM', async () => {
    const { code } = await server().stop();
    assert.equal(code, 0);
  });
});
