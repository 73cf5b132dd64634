import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ApiError } from '../../platform/api';
import { normalizeRoles, resetTokenFrom, retryMinutes } from './rules';

describe('retryMinutes', () => {
  const limited = (init: { retryAfter?: number; fields?: Record<string, string> }) =>
    new ApiError({ status: 429, code: 429, reason: 'session.rate_limited', message: 'x', ...init });
  it('rounds the Retry-After seconds up to whole minutes', () => {
    assert.equal(retryMinutes(limited({ retryAfter: 61 })), 2);
    assert.equal(retryMinutes(limited({ retryAfter: 5 })), 1);
    assert.equal(retryMinutes(limited({ retryAfter: 900 })), 15);
  });
  it('falls back to the retry_after_seconds field', () => {
    assert.equal(retryMinutes(limited({ fields: { retry_after_seconds: '300' } })), 5);
  });
  it('says nothing for other errors', () => {
    assert.equal(retryMinutes(new ApiError({ status: 401, code: 401, reason: 'x', message: 'y' })), undefined);
    assert.equal(retryMinutes(new Error('x')), undefined);
    assert.equal(retryMinutes(limited({})), undefined);
  });
});

describe('resetTokenFrom', () => {
  it('reads the token from the fragment the server links to, or the query', () => {
    assert.equal(resetTokenFrom('', '#token=abc'), 'abc');
    assert.equal(resetTokenFrom('?token=def', ''), 'def');
    assert.equal(resetTokenFrom('?x=1', '#y=2'), undefined);
  });
});

describe('normalizeRoles', () => {
  it('keeps known roles in the server order', () => {
    assert.deepEqual(normalizeRoles(['viewer', 'admin', 'nope'], ['admin', 'officer', 'viewer']), ['admin', 'viewer']);
  });
});
