import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ApiError, BAD_RESPONSE_REASON, NETWORK_REASON } from './api';
import { describeError } from './errors';
import { translate, type Catalogue } from './i18n';

function translator(catalogue: Catalogue) {
  return {
    t: (key: string, params?: Record<string, string | number>) => translate(catalogue, key, params),
    tDynamic: (key: string, params?: Record<string, string | number>) => translate(catalogue, key, params),
    has: (key: string) => catalogue[key] !== undefined,
  };
}

describe('describeError', () => {
  it('uses the catalogue for a network failure', () => {
    const error = new ApiError({ status: 0, code: 0, reason: NETWORK_REASON, message: 'x' });
    assert.match(describeError(error, translator({})).message, /could not be reached/);
  });
  it('names the HTTP status of an unexpected response', () => {
    const error = new ApiError({ status: 502, code: 502, reason: BAD_RESPONSE_REASON, message: 'x' });
    assert.match(describeError(error, translator({})).message, /HTTP 502/);
  });
  it('prefers a translation of the reason over the server message', () => {
    const error = new ApiError({ status: 409, code: 1, reason: 'fund.overspent', message: 'Budget exceeded' });
    assert.equal(describeError(error, translator({})).message, 'Budget exceeded');
    assert.equal(
      describeError(error, translator({ 'reason.fund.overspent': 'Budget dépassé' })).message,
      'Budget dépassé',
    );
  });
  it('lists field messages, with translated field names when known', () => {
    const error = new ApiError({
      status: 400,
      code: 2,
      reason: 'person.invalid',
      message: 'Invalid',
      fields: { email: 'not an address', country: 'unknown' },
    });
    assert.deepEqual(describeError(error, translator({ 'field.email': 'Courriel' })).fields, [
      ['Courriel', 'not an address'],
      ['country', 'unknown'],
    ]);
  });
});
