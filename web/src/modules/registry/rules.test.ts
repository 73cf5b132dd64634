import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  classEvents,
  classesIn,
  countryMatches,
  countryName,
  isPartialDate,
  percentOf,
  splitLanguages,
  timelineBars,
  timelineRange,
} from './rules';
import type { ClassPeriod } from './types';

const vanuatu = { iso2: 'VU', iso3: 'VUT', name: 'Vanuatu', name_fr: 'Vanuatu', region: 'ASP' };
const cote = { iso2: 'CI', iso3: 'CIV', name: "Côte d'Ivoire", name_fr: "Côte d'Ivoire", region: 'AFR' };

const history: ClassPeriod[] = [
  {
    id: 1,
    class: 'ldc',
    since: '1985',
    until: '2020-12-04',
    since_effective: '1985-01-01',
    until_effective: '2020-12-04',
    source: 'UN',
  },
  { id: 2, class: 'sids', since: null, until: null, since_effective: null, until_effective: null, source: 'UN' },
];

describe('countryName', () => {
  it('uses the server names in English and French and the browser names otherwise', () => {
    assert.equal(countryName(cote, 'en'), "Côte d'Ivoire");
    assert.equal(countryName({ iso2: 'DE', name: 'Germany', name_fr: 'Allemagne' }, 'fr'), 'Allemagne');
    assert.equal(countryName({ iso2: 'DE', name: 'Germany', name_fr: 'Allemagne' }, 'es'), 'Alemania');
  });
});

describe('countryMatches', () => {
  it('ignores accents and case, and matches codes exactly', () => {
    assert.ok(countryMatches(cote, 'cote', 'en'));
    assert.ok(countryMatches(cote, 'CIV', 'en'));
    assert.ok(!countryMatches(cote, 'CI V', 'en'));
    assert.ok(countryMatches(vanuatu, '', 'en'));
  });
});

describe('timeline', () => {
  const range = timelineRange(history, '2026-11-28');
  it('runs from the 1970s to after the current year', () => {
    assert.equal(new Date(range.start).getUTCFullYear(), 1970);
    assert.equal(new Date(range.end).getUTCFullYear(), 2028);
    assert.deepEqual(range.ticks, [1970, 1980, 1990, 2000, 2010, 2020]);
  });
  it('places bars by their effective dates; an open start begins at the axis', () => {
    const [ldc, sids] = timelineBars(history, range, '2026-11-28');
    assert.ok(ldc!.from > 0 && ldc!.from < 50);
    assert.ok(Math.abs(ldc!.from + ldc!.width - percentOf(range, Date.parse('2020-12-04T00:00:00Z'))) < 1e-9);
    assert.equal(ldc!.ongoing, false);
    assert.equal(sids!.from, 0);
    assert.ok(sids!.openStart && sids!.ongoing);
  });
  it('lists the dated changes oldest first', () => {
    assert.deepEqual(
      classEvents(history).map((e) => [e.change, e.class, e.date]),
      [
        ['enter', 'ldc', '1985'],
        ['leave', 'ldc', '2020-12-04'],
      ],
    );
    assert.deepEqual(classesIn(history), ['ldc', 'sids']);
  });
});

describe('form values', () => {
  it('splits language lists and checks partial dates', () => {
    assert.deepEqual(splitLanguages('en, FR;ar  es'), ['en', 'fr', 'ar', 'es']);
    assert.ok(isPartialDate('1985') && isPartialDate('1994-12') && isPartialDate('2020-12-04'));
    assert.ok(!isPartialDate('2020-13') && !isPartialDate('85'));
  });
});
