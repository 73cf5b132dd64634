import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  addDays,
  canApprove,
  canCancel,
  canJoinRemotely,
  canMarkNoShow,
  daysBetween,
  defaultCheckinDay,
  defaultWindow,
  emptyForm,
  eventInput,
  filterQuery,
  formatEventDates,
  intOrText,
  isDate,
  isMonth,
  isOpenForRegistration,
  modesOffered,
  monthGrid,
  queryString,
  readFilters,
  readWindow,
  shareOf,
  shiftMonth,
  windowYear,
  yearWindow,
} from './rules';

describe('filters in the query string', () => {
  it('reads the filters and drops malformed years and groups', () => {
    const f = readFilters(new URLSearchParams('kind=bsg_training&year=20x9&group=12&q=Geneva&region=AFR'));
    assert.deepEqual(f, { kind: 'bsg_training', group: '12', region: 'AFR', year: '', mode: '', status: '', q: 'Geneva' });
    assert.equal(readFilters(new URLSearchParams('group=SG13')).group, '');
    assert.equal(readFilters(new URLSearchParams('year=2019')).year, '2019');
  });
  it('writes only the filters that have a value', () => {
    const f = readFilters(new URLSearchParams('kind=tsag&q=%20'));
    assert.deepEqual(filterQuery(f), { kind: 'tsag' });
    assert.equal(queryString({ ...filterQuery(f), month: '2019-10', offset: 0, none: null }), '?kind=tsag&month=2019-10&offset=0');
    assert.equal(queryString({ a: '', b: undefined }), '');
  });
});

describe('calendar dates', () => {
  it('checks dates and months', () => {
    assert.ok(isDate('2020-02-29'));
    assert.ok(!isDate('2019-02-29'));
    assert.ok(!isDate('2019-2-01'));
    assert.ok(isMonth('2019-10'));
    assert.ok(!isMonth('2019-13'));
  });
  it('moves between months across years', () => {
    assert.equal(shiftMonth('2019-12', 1), '2020-01');
    assert.equal(shiftMonth('2020-01', -1), '2019-12');
    assert.equal(shiftMonth('2019-10', 14), '2020-12');
  });
  it('lays a month out in weeks starting on Monday', () => {
    // October 2019 starts on a Tuesday and has 31 days.
    const weeks = monthGrid('2019-10');
    assert.equal(weeks.length, 5);
    assert.deepEqual(weeks[0], [null, '2019-10-01', '2019-10-02', '2019-10-03', '2019-10-04', '2019-10-05', '2019-10-06']);
    assert.deepEqual(weeks[4], ['2019-10-28', '2019-10-29', '2019-10-30', '2019-10-31', null, null, null]);
    // February 2021 starts on a Monday and fills four weeks exactly.
    assert.equal(monthGrid('2021-02').length, 4);
    assert.equal(monthGrid('2021-02')[0]![0], '2021-02-01');
  });
  it('counts days, also over month ends and leap days', () => {
    assert.equal(addDays('2020-02-28', 1), '2020-02-29');
    assert.equal(addDays('2020-03-01', -1), '2020-02-29');
    assert.deepEqual(daysBetween('2019-10-30', '2019-11-02'), ['2019-10-30', '2019-10-31', '2019-11-01', '2019-11-02']);
    assert.deepEqual(daysBetween('2019-10-02', '2019-10-01'), []);
  });
});

describe('date windows', () => {
  it('defaults to the last twelve months ending today', () => {
    assert.deepEqual(defaultWindow('2024-05-01'), { since: '2023-05-03', until: '2024-05-01' });
  });
  it('reads since and until from the query string, else the default', () => {
    const today = '2024-05-01';
    assert.deepEqual(readWindow(new URLSearchParams('since=2019-01-01&until=2019-12-31'), today), yearWindow(2019));
    assert.deepEqual(readWindow(new URLSearchParams('since=nonsense'), today), defaultWindow(today));
    assert.deepEqual(readWindow(new URLSearchParams('until=2020-06-30'), today), { since: '2019-07-02', until: '2020-06-30' });
  });
  it('names the year a window spans exactly', () => {
    assert.equal(windowYear(yearWindow(2019)), '2019');
    assert.equal(windowYear({ since: '2019-01-01', until: '2019-12-30' }), '');
  });
});

describe('registrations', () => {
  const running = { start_date: '2024-05-01', end_date: '2024-05-03', status: 'confirmed' as const };
  it('lets a remote registration join on the days the event runs', () => {
    assert.ok(canJoinRemotely(running, { mode: 'remote', status: 'registered' }, '2024-05-02'));
    assert.ok(canJoinRemotely(running, { mode: 'remote', status: 'attended' }, '2024-05-03'));
    assert.ok(!canJoinRemotely(running, { mode: 'remote', status: 'registered' }, '2024-05-04'));
    assert.ok(!canJoinRemotely(running, { mode: 'in_person', status: 'registered' }, '2024-05-02'));
    assert.ok(!canJoinRemotely(running, { mode: 'remote', status: 'waitlisted' }, '2024-05-02'));
    assert.ok(!canJoinRemotely({ ...running, status: 'cancelled' }, { mode: 'remote', status: 'registered' }, '2024-05-02'));
  });
  it('offers the modes the event has', () => {
    assert.deepEqual(modesOffered('in_person'), ['in_person']);
    assert.deepEqual(modesOffered('virtual'), ['remote']);
    assert.deepEqual(modesOffered('hybrid'), ['in_person', 'remote']);
    assert.ok(isOpenForRegistration({ status: 'planned' }));
    assert.ok(!isOpenForRegistration({ status: 'held' }));
  });
  it('follows the server transitions', () => {
    assert.ok(canCancel({ status: 'waitlisted' }));
    assert.ok(!canCancel({ status: 'attended' }));
    assert.ok(canApprove({ requires_endorsement: true }, { status: 'registered' }));
    assert.ok(!canApprove({ requires_endorsement: false }, { status: 'registered' }));
    assert.ok(canMarkNoShow({ start_date: '2024-05-01' }, { status: 'approved' }, '2024-05-01'));
    assert.ok(!canMarkNoShow({ start_date: '2024-05-02' }, { status: 'approved' }, '2024-05-01'));
  });
  it('offers today, else the last past day, else the first, for check-in', () => {
    const days = ['2024-05-01', '2024-05-02', '2024-05-03'];
    assert.equal(defaultCheckinDay(days, '2024-05-02'), '2024-05-02');
    assert.equal(defaultCheckinDay(days, '2024-06-01'), '2024-05-03');
    assert.equal(defaultCheckinDay(days, '2024-04-01'), '2024-05-01');
  });
});

describe('display', () => {
  it('writes one day, a range, or the month alone', () => {
    assert.equal(formatEventDates({ start_date: '2019-10-22', end_date: '2019-10-22', date_precision: 'day' }, 'en'), 'Oct 22, 2019');
    assert.equal(
      formatEventDates({ start_date: '2019-10-21', end_date: '2019-10-23', date_precision: 'day' }, 'en'),
      'Oct 21, 2019 – Oct 23, 2019',
    );
    assert.equal(formatEventDates({ start_date: '2020-02-01', end_date: '2020-02-29', date_precision: 'month' }, 'en'), 'February 2020');
  });
  it('gives no share when nothing is known', () => {
    const none = { counts: { female: 0, not_stated: 3 }, known: 0, total: 3, share_of_known: { female: null } };
    assert.equal(shareOf(none, 'female'), null);
    const some = { counts: { female: 1, male: 3, not_stated: 2 }, known: 4, total: 6, share_of_known: { female: 0.25, male: 0.75 } };
    assert.equal(shareOf(some, 'female'), 0.25);
  });
});

describe('the event form', () => {
  it('sends numbers as numbers and bad numbers as typed', () => {
    assert.equal(intOrText(' 40 '), 40);
    assert.equal(intOrText(''), null);
    assert.equal(intOrText('forty'), 'forty');
  });
  it('builds the body: no venue for a virtual event, no remote details in person', () => {
    const form = {
      ...emptyForm('Africa/Kampala'),
      title: ' Training ',
      start_date: '2024-05-01',
      mode: 'virtual',
      city: 'Kampala',
      country: 'UG',
      link: 'https://meet.example.org/x',
      interpretation_languages: 'ar, fr;es',
      topics: 'A.1\n\n Drafting ',
      capacity_in_person: '30',
      capacity_remote: '100',
    };
    const body = eventInput(form);
    assert.equal(body.title, 'Training');
    assert.equal(body.city, null);
    assert.equal(body.country, null);
    assert.equal(body.remote.link, 'https://meet.example.org/x');
    assert.deepEqual(body.remote.interpretation_languages, ['ar', 'fr', 'es']);
    assert.deepEqual(body.topics, ['A.1', 'Drafting']);
    assert.equal(body.capacity_in_person, null);
    assert.equal(body.capacity_remote, 100);
    const inPerson = eventInput({ ...form, mode: 'in_person' });
    assert.equal(inPerson.remote.link, null);
    assert.equal(inPerson.country, 'UG');
    assert.equal(inPerson.capacity_remote, null);
  });
});
