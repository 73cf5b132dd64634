import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  checkWindow,
  downloads,
  draftText,
  groupTemplates,
  insertAt,
  isIsoDate,
  reportUrl,
  statState,
  templateChanges,
  windowFromQuery,
  windowHasEvents,
} from './rules';
import type { LiveValue, Template } from './types';

const window = { since: '2019-09-01', until: '2020-03-31' };

describe('the window', () => {
  it('accepts real days only', () => {
    assert.ok(isIsoDate('2020-02-29'));
    assert.ok(!isIsoDate('2019-02-29'));
    assert.ok(!isIsoDate('2019-13-01'));
    assert.ok(!isIsoDate('1 September 2019'));
  });
  it('names what is wrong with each end', () => {
    assert.deepEqual(checkWindow('2019-09-01', '2020-03-31'), {});
    assert.deepEqual(checkWindow('2020-03-31', '2020-03-31'), {});
    assert.deepEqual(checkWindow('', '2019-02-30'), { since: 'required', until: 'invalid' });
    assert.deepEqual(checkWindow('2020-03-31', '2019-09-01'), { until: 'beforeSince' });
  });
  it('is read from the address only when both ends are there', () => {
    assert.deepEqual(windowFromQuery(new URLSearchParams('since=2019-09-01&until=2020-03-31')), window);
    assert.equal(windowFromQuery(new URLSearchParams('since=2019-09-01')), undefined);
  });
});

describe('downloads', () => {
  it('addresses every format with the window and language', () => {
    assert.equal(reportUrl('json', window, 'en'), '/api/reports/progress?since=2019-09-01&until=2020-03-31&language=en');
    assert.equal(
      reportUrl('svg', window, 'fr', { figure: 1 }),
      '/api/reports/progress.svg?since=2019-09-01&until=2020-03-31&language=fr&figure=1',
    );
  });
  it('lists the report, each table as CSV and each figure as CSV, SVG and PNG, with the server file names', () => {
    const groups = downloads(
      {
        tables: [{ number: 2, id: 'trainings', caption: 'Trainings' }],
        figures: [{ number: 1, id: 'meetings-map', caption: 'Map' }],
      },
      window,
      'en',
    );
    assert.deepEqual(
      groups.map((g) => [g.kind, g.number, g.files.map((f) => f.name)]),
      [
        ['report', 0, ['bsg-progress-report_2019-09-01_2020-03-31.pdf', 'bsg-progress-report_2019-09-01_2020-03-31.html']],
        ['table', 2, ['bsg-progress-report_2019-09-01_2020-03-31_table-2.csv']],
        [
          'figure',
          1,
          [
            'bsg-progress-report_2019-09-01_2020-03-31_figure-1.csv',
            'bsg-progress-report_2019-09-01_2020-03-31_figure-1.svg',
            'bsg-progress-report_2019-09-01_2020-03-31_figure-1.png',
          ],
        ],
      ],
    );
    assert.equal(groups[1]!.files[0]!.href, '/api/reports/progress.csv?since=2019-09-01&until=2020-03-31&language=en&table=2');
  });
});

describe('the wording editor', () => {
  const template = (key: string, text: string, overridden = false, def = 'Default {since}'): Template => ({
    key,
    section: key.split('.')[0]!,
    description: '',
    default: def,
    text,
    overridden,
    updated_by: null,
    updated_at: null,
    placeholders: ['since'],
  });
  const templates = [
    template('a.one', 'Default {since}'),
    template('a.two', 'Officer wording', true),
    template('b.one', 'Default {since}'),
  ];

  it('inserts a placeholder at the caret, replacing the selection', () => {
    assert.deepEqual(insertAt('Since , ok', 6, 6, '{since}'), { text: 'Since {since}, ok', caret: 13 });
    assert.deepEqual(insertAt('Since XX.', 6, 8, '{until}'), { text: 'Since {until}.', caret: 13 });
    assert.deepEqual(insertAt('abc', 10, 12, '{x}'), { text: 'abc{x}', caret: 6 });
  });
  it('shows the draft, the default when restoring, else the wording in force', () => {
    assert.equal(draftText(templates[0]!, {}), 'Default {since}');
    assert.equal(draftText(templates[0]!, { 'a.one': 'New' }), 'New');
    assert.equal(draftText(templates[1]!, { 'a.two': null }), 'Default {since}');
  });
  it('sends edits that change the wording and restorations of officers’ wording only', () => {
    assert.deepEqual(templateChanges(templates, { 'a.one': 'New {since}', 'b.one': 'Default {since}' }), [
      { key: 'a.one', text: 'New {since}' },
    ]);
    assert.deepEqual(templateChanges(templates, { 'a.two': null, 'b.one': null }), [{ key: 'a.two', text: null }]);
    assert.deepEqual(templateChanges(templates, {}), []);
  });
  it('groups templates by section in catalogue order', () => {
    assert.deepEqual(
      groupTemplates(templates).map((g) => [g.section, g.templates.map((t) => t.key)]),
      [
        ['a', ['a.one', 'a.two']],
        ['b', ['b.one']],
      ],
    );
  });
});

describe('live values', () => {
  const value = (kind: LiveValue['kind'], v: number | null): LiveValue => ({
    kind,
    missing: v === null,
    display: '',
    provenance: 'p',
    value: v,
    text: null,
  });
  it('shows a missing value as not known and a zero count as none, never as 0', () => {
    assert.deepEqual(statState(undefined), { kind: 'missing' });
    assert.deepEqual(statState(value('share', null)), { kind: 'missing' });
    assert.deepEqual(statState(value('count', 0)), { kind: 'none' });
    assert.deepEqual(statState(value('count', 74)), { kind: 'count', value: 74 });
    assert.deepEqual(statState(value('share', 0)), { kind: 'share', value: 0 });
  });
  it('tells a window without held events', () => {
    assert.equal(windowHasEvents({ 'events.remote.events_held': value('count', 0) }), false);
    assert.equal(windowHasEvents({ 'events.remote.events_held': value('count', 26) }), true);
    assert.equal(windowHasEvents({}), undefined);
  });
});
