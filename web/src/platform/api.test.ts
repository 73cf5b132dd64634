import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  ApiError,
  BAD_RESPONSE_REASON,
  createApiClient,
  CSRF_HEADER,
  errorFromResponse,
  isErrorBody,
  NETWORK_REASON,
  parseRetryAfter,
  readCookie,
  withQuery,
} from './api';

interface Call {
  input: string;
  init: RequestInit;
}

function stubClient(respond: (call: Call) => Response | Promise<Response>, cookies = '') {
  const calls: Call[] = [];
  const client = createApiClient({
    fetch: async (input, init) => {
      const call = { input, init };
      calls.push(call);
      return respond(call);
    },
    cookies: () => cookies,
  });
  return { client, calls };
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

function headersOf(call: Call): Record<string, string> {
  return call.init.headers as Record<string, string>;
}

describe('readCookie', () => {
  it('finds a cookie among others and decodes it', () => {
    assert.equal(readCookie('a=1; bsg_csrf=x%2By; b=2', 'bsg_csrf'), 'x+y');
  });
  it('does not match a cookie whose name only ends the same', () => {
    assert.equal(readCookie('not_bsg_csrf=1', 'bsg_csrf'), undefined);
  });
  it('keeps a malformed escape as written', () => {
    assert.equal(readCookie('bsg_csrf=%E0%A4%A', 'bsg_csrf'), '%E0%A4%A');
  });
});

describe('isErrorBody', () => {
  it('accepts the documented shape, with or without fields', () => {
    assert.ok(isErrorBody({ code: 404, reason: 'http.not_found', message: 'Not found', fields: {} }));
    assert.ok(isErrorBody({ code: 404, reason: 'http.not_found', message: 'Not found' }));
  });
  it('rejects other shapes', () => {
    assert.ok(!isErrorBody(null));
    assert.ok(!isErrorBody({ code: '404', reason: 'x', message: 'y' }));
    assert.ok(!isErrorBody({ code: 400, reason: 'x', message: 'y', fields: { a: 1 } }));
  });
});

describe('errorFromResponse', () => {
  it('keeps code, reason, message and fields of an error body', () => {
    const error = errorFromResponse(422, {
      code: 3,
      reason: 'person.invalid',
      message: 'Check the form',
      fields: { email: 'is not an address' },
    });
    assert.ok(error instanceof ApiError);
    assert.equal(error.status, 422);
    assert.equal(error.code, 3);
    assert.equal(error.reason, 'person.invalid');
    assert.equal(error.message, 'Check the form');
    assert.deepEqual(error.fields, { email: 'is not an address' });
  });
  it('turns any other body into a bad-response error', () => {
    const error = errorFromResponse(502, '<html>Bad gateway</html>');
    assert.equal(error.reason, BAD_RESPONSE_REASON);
    assert.equal(error.status, 502);
    assert.deepEqual(error.fields, {});
  });
});

describe('createApiClient', () => {
  it('sends same-origin credentials and no CSRF header on GET', async () => {
    const { client, calls } = stubClient(() => json(200, { status: 'ok' }), 'bsg_csrf=tok');
    const body = await client.get<{ status: string }>('/api/health');
    assert.deepEqual(body, { status: 'ok' });
    assert.equal(calls[0]!.init.credentials, 'same-origin');
    assert.equal(calls[0]!.init.method, 'GET');
    assert.equal(headersOf(calls[0]!)[CSRF_HEADER], undefined);
  });

  for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
    it(`sends the CSRF token from the bsg_csrf cookie on ${method}`, async () => {
      const { client, calls } = stubClient(() => new Response(null, { status: 204 }), 'x=1; bsg_csrf=tok123');
      const result = await client.request('/api/things', { method, body: method === 'DELETE' ? undefined : { a: 1 } });
      assert.equal(result, undefined);
      assert.equal(headersOf(calls[0]!)[CSRF_HEADER], 'tok123');
    });
  }

  it('sends plain values as JSON', async () => {
    const { client, calls } = stubClient(() => json(201, { id: 7 }));
    assert.deepEqual(await client.post('/api/things', { name: 'Ana' }), { id: 7 });
    assert.equal(calls[0]!.init.body, '{"name":"Ana"}');
    assert.equal(headersOf(calls[0]!)['Content-Type'], 'application/json');
  });

  it('rejects with a typed ApiError carrying the server body', async () => {
    const { client } = stubClient(() =>
      json(409, { code: 9, reason: 'fellowship.already_awarded', message: 'Already awarded', fields: {} }),
    );
    await assert.rejects(client.post('/api/awards', {}), (error: unknown) => {
      assert.ok(error instanceof ApiError);
      assert.equal(error.status, 409);
      assert.equal(error.reason, 'fellowship.already_awarded');
      return true;
    });
  });

  it('reports a failed connection as a network error', async () => {
    const { client } = stubClient(() => Promise.reject(new TypeError('Failed to fetch')));
    await assert.rejects(client.get('/api/health'), (error: unknown) => {
      assert.ok(error instanceof ApiError);
      assert.equal(error.status, 0);
      assert.equal(error.reason, NETWORK_REASON);
      assert.ok(error.isNetworkError);
      return true;
    });
  });

  it('lets an abort through unchanged', async () => {
    const abort = Object.assign(new Error('aborted'), { name: 'AbortError' });
    const { client } = stubClient(() => Promise.reject(abort));
    await assert.rejects(client.get('/api/health'), (error: unknown) => error === abort);
  });

  it('reports a non-JSON error page as a bad response', async () => {
    const { client } = stubClient(
      () => new Response('<h1>502</h1>', { status: 502, headers: { 'Content-Type': 'text/html' } }),
    );
    await assert.rejects(client.get('/api/health'), (error: unknown) => {
      assert.ok(error instanceof ApiError);
      assert.equal(error.reason, BAD_RESPONSE_REASON);
      assert.equal(error.body, '<h1>502</h1>');
      return true;
    });
  });
});

describe('Retry-After and query strings', () => {
  it('keeps the Retry-After seconds of a 429', async () => {
    const { client } = stubClient(
      () =>
        new Response(JSON.stringify({ code: 429, reason: 'session.rate_limited', message: 'Wait', fields: {} }), {
          status: 429,
          headers: { 'Content-Type': 'application/json', 'Retry-After': '120' },
        }),
    );
    await assert.rejects(client.post('/api/session', {}), (error: unknown) => {
      assert.ok(error instanceof ApiError);
      assert.equal(error.retryAfter, 120);
      return true;
    });
  });
  it('ignores a Retry-After that is not a number of seconds', () => {
    assert.equal(parseRetryAfter('Wed, 21 Oct 2015 07:28:00 GMT'), undefined);
    assert.equal(parseRetryAfter(null), undefined);
    assert.equal(parseRetryAfter(' 5 '), 5);
  });
  it('builds query strings from the parameters that have a value', () => {
    assert.equal(withQuery('/api/people', { q: 'Núñez', offset: 0, country: '', gender: undefined }), '/api/people?q=N%C3%BA%C3%B1ez&offset=0');
    assert.equal(withQuery('/api/x', {}), '/api/x');
    assert.equal(withQuery('/api/x?a=1', { b: true }), '/api/x?a=1&b=true');
  });
});
