import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { foldText, formatDate, formatPoints, formatShare, todayIso } from './format';

describe('format', () => {
  it('formats full dates in the language and keeps partial ones', () => {
    assert.equal(formatDate('2020-12-04', 'en'), 'Dec 4, 2020');
    assert.equal(formatDate('1985', 'en'), '1985');
    assert.equal(formatDate('1994-12', 'fr'), '1994-12');
    assert.equal(formatDate(null, 'en'), '');
  });
  it('formats shares and signed points', () => {
    assert.equal(formatShare(0.55, 'en'), '55.0%');
    assert.equal(formatPoints(20, 'en'), '+20.0');
    assert.equal(formatPoints(0, 'en'), '0.0');
  });
  it('folds accents and case', () => {
    assert.equal(foldText('Núñez Côte'), 'nunez cote');
  });
  it('gives today in UTC', () => {
    assert.equal(todayIso(new Date('2024-05-01T23:30:00Z')), '2024-05-01');
  });
});
