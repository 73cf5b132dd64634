import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { currentPeriod, groupTree, previousPeriod, representationRows } from './rules';
import type { Group, StudyPeriod } from './types';

const periods: StudyPeriod[] = [
  { id: 2, code: '2017-2020', start_date: '2017-01-01', end_date: '2022-03-09', note: '' },
  { id: 1, code: '2013-2016', start_date: '2013-01-01', end_date: '2016-12-31', note: '' },
  { id: 3, code: '2022-2024', start_date: '2022-03-10', end_date: '2024-12-31', note: '' },
];

describe('study periods', () => {
  it('finds the period of a date, else the latest started one', () => {
    assert.equal(currentPeriod(periods, '2018-05-01')?.code, '2017-2020');
    assert.equal(currentPeriod(periods, '2026-01-01')?.code, '2022-2024');
    assert.equal(currentPeriod(periods, '2000-01-01')?.code, '2013-2016');
  });
  it('finds the period before another', () => {
    assert.equal(previousPeriod(periods, '2017-2020')?.code, '2013-2016');
    assert.equal(previousPeriod(periods, '2013-2016'), undefined);
  });
});

describe('groupTree', () => {
  const g = (id: number, kind: string, code: string, sg: number | null, parent: number | null = null): Group => ({
    id,
    period: '2017-2020',
    kind,
    code,
    sg_number: sg,
    parent_id: parent,
    region: null,
    title: code,
    source: '',
  });
  it('puts TSAG first, Study Groups by number, regional groups under their Study Group', () => {
    const tree = groupTree([g(1, 'study_group', 'SG13', 13), g(2, 'study_group', 'SG2', 2), g(3, 'tsag', 'TSAG', null), g(4, 'regional_group', 'SG13RG-AFR', null, 1)]);
    assert.deepEqual(
      tree.map((t) => [t.group.code, t.regional.map((r) => r.code)]),
      [
        ['TSAG', []],
        ['SG2', []],
        ['SG13', ['SG13RG-AFR']],
      ],
    );
  });
});

describe('representationRows', () => {
  it('joins the two periods and the changes bucket by bucket', () => {
    const rows = representationRows(
      [
        { bucket: 'developing', count: 11, share: 0.55 },
        { bucket: 'not_stated', count: 1, share: 0.05 },
      ],
      [
        { bucket: 'developing', count: 7, share: 0.35 },
        { bucket: 'not_stated', count: 2, share: 0.1 },
      ],
      [{ bucket: 'developing', count_change: 4, share_change_points: 20 }],
    );
    assert.deepEqual(
      rows.map((r) => [r.bucket, r.current?.count, r.compare?.count, r.change?.share_change_points]),
      [
        ['developing', 11, 7, 20],
        ['not_stated', 1, 2, undefined],
      ],
    );
  });
});
