// Pure helpers of the events pages: filters kept in the URL, calendar arithmetic, date windows,
// what a person may do with a registration, and the event form's body.

import { formatDate } from '../../platform/format';
import type { Breakdown, EventInput, EventRecord, EventSummary, ParticipationMode, Registration } from './types';

// ---- filters of the list and the calendar, kept in the query string

export const LIST_FILTERS = ['kind', 'group', 'region', 'year', 'mode', 'status', 'q'] as const;
export type FilterName = (typeof LIST_FILTERS)[number];
export type Filters = Record<FilterName, string>;

const YEAR = /^\d{4}$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH = /^(\d{4})-(\d{2})$/;

// The filters named in `search`; a malformed year or group is left out.
export function readFilters(search: URLSearchParams): Filters {
  const get = (name: FilterName) => (search.get(name) ?? '').trim();
  const year = get('year');
  const group = get('group');
  return {
    kind: get('kind'),
    group: /^\d+$/.test(group) ? group : '',
    region: get('region'),
    year: YEAR.test(year) ? year : '',
    mode: get('mode'),
    status: get('status'),
    q: search.get('q') ?? '',
  };
}

// "?a=1&b=x" from the parameters that have a value, in the given order; "" when none has.
export function queryString(params: Record<string, string | number | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined || value === null) continue;
    const text = String(value).trim();
    if (text !== '') search.append(name, text);
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

// The filters as API query parameters (the list, the calendar and the feed take the same ones).
export function filterQuery(f: Filters): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of LIST_FILTERS) {
    const value = f[name].trim();
    if (value) out[name] = value;
  }
  return out;
}

// ---- calendar dates

export function isDate(text: string | null | undefined): text is string {
  const m = text ? DATE.exec(text) : null;
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

export function isMonth(text: string | null | undefined): text is string {
  const m = text ? MONTH.exec(text) : null;
  return !!m && Number(m[2]) >= 1 && Number(m[2]) <= 12;
}

function toDate(iso: string): Date {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(Date.UTC(y!, (m ?? 1) - 1, d ?? 1));
}

function fromDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  const d = toDate(date);
  d.setUTCDate(d.getUTCDate() + days);
  return fromDate(d);
}

// The month `delta` months after `month` ("2019-12", 1 -> "2020-01").
export function shiftMonth(month: string, delta: number): string {
  const [y, m] = month.split('-').map(Number);
  const index = y! * 12 + (m! - 1) + delta;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

// The weeks of `month` (Monday first), each of seven ISO dates or null outside the month.
export function monthGrid(month: string): Array<Array<string | null>> {
  const first = toDate(`${month}-01`);
  const lead = (first.getUTCDay() + 6) % 7; // days before the 1st in its week
  const next = toDate(`${shiftMonth(month, 1)}-01`);
  const length = Math.round((next.getTime() - first.getTime()) / 86_400_000);
  const cells: Array<string | null> = Array.from({ length: lead }, () => null);
  for (let day = 0; day < length; day++) cells.push(addDays(`${month}-01`, day));
  while (cells.length % 7 !== 0) cells.push(null);
  const weeks: Array<Array<string | null>> = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
}

// Every day from `start` to `end` inclusive (at most 400).
export function daysBetween(start: string, end: string): string[] {
  const days: string[] = [];
  for (let day = start; day <= end && days.length < 400; day = addDays(day, 1)) days.push(day);
  return days;
}

// ---- date windows of the statistics

export interface DateWindow {
  since: string;
  until: string;
}

// The last twelve months ending today (as the progress report's default).
export function defaultWindow(today: string): DateWindow {
  return { since: addDays(today, -364), until: today };
}

export function yearWindow(year: string | number): DateWindow {
  return { since: `${year}-01-01`, until: `${year}-12-31` };
}

// The window named in `search` (since, until), else the default.
export function readWindow(search: URLSearchParams, today: string): DateWindow {
  const since = search.get('since');
  const until = search.get('until');
  if (isDate(since) && isDate(until)) return { since, until };
  const fallback = defaultWindow(today);
  if (isDate(since)) return { since, until: since > fallback.until ? since : fallback.until };
  if (isDate(until)) return { since: addDays(until, -364), until };
  return fallback;
}

// The year a window spans exactly, else "".
export function windowYear(w: DateWindow): string {
  const year = w.since.slice(0, 4);
  return w.since === `${year}-01-01` && w.until === `${year}-12-31` ? year : '';
}

// ---- events and registrations

// True on the days of the event (the venue's dates, compared with the server's UTC today).
export function isRunning(e: Pick<EventSummary, 'start_date' | 'end_date' | 'status'>, today: string): boolean {
  return e.status !== 'cancelled' && e.start_date <= today && today <= e.end_date;
}

// People register themselves until the event is held or cancelled.
export function isOpenForRegistration(e: Pick<EventSummary, 'status'>): boolean {
  return e.status !== 'held' && e.status !== 'cancelled';
}

export function modesOffered(mode: EventRecord['mode']): ParticipationMode[] {
  if (mode === 'in_person') return ['in_person'];
  if (mode === 'virtual') return ['remote'];
  return ['in_person', 'remote'];
}

const HOLDS_PLACE = new Set(['registered', 'approved', 'attended', 'no_show']);

export function isActive(r: Pick<Registration, 'status'>): boolean {
  return r.status !== 'cancelled';
}

export function canCancel(r: Pick<Registration, 'status'>): boolean {
  return r.status === 'registered' || r.status === 'approved' || r.status === 'waitlisted';
}

export function canApprove(e: Pick<EventRecord, 'requires_endorsement'>, r: Pick<Registration, 'status'>): boolean {
  return e.requires_endorsement && r.status === 'registered';
}

export function canMarkNoShow(e: Pick<EventRecord, 'start_date'>, r: Pick<Registration, 'status'>, today: string): boolean {
  return (r.status === 'registered' || r.status === 'approved') && e.start_date <= today;
}

// Attendance can be recorded for a registration that holds a place.
export function canRecordAttendance(r: Pick<Registration, 'status'>): boolean {
  return HOLDS_PLACE.has(r.status);
}

// A remote registration records its own join on a day the event is running.
export function canJoinRemotely(
  e: Pick<EventSummary, 'start_date' | 'end_date' | 'status'>,
  r: Pick<Registration, 'mode' | 'status'>,
  today: string,
): boolean {
  return r.mode === 'remote' && (r.status === 'registered' || r.status === 'approved' || r.status === 'attended') && isRunning(e, today);
}

// The day offered first for check-in: today during the event, else its last day before today,
// else its first day.
export function defaultCheckinDay(days: readonly string[], today: string): string {
  if (days.includes(today)) return today;
  const past = days.filter((d) => d < today);
  return past[past.length - 1] ?? days[0] ?? today;
}

// ---- display

// The event's dates in the reader's language: one day, a range, or the month alone.
export function formatEventDates(e: Pick<EventSummary, 'start_date' | 'end_date' | 'date_precision'>, lang: string): string {
  if (e.date_precision === 'month') {
    const f = new Intl.DateTimeFormat(lang, { month: 'long', year: 'numeric', timeZone: 'UTC' });
    const start = f.format(toDate(e.start_date));
    const end = f.format(toDate(e.end_date));
    return start === end ? start : `${start} – ${end}`;
  }
  if (e.start_date === e.end_date) return formatDate(e.start_date, lang);
  return `${formatDate(e.start_date, lang)} – ${formatDate(e.end_date, lang)}`;
}

export function formatMonth(month: string, lang: string): string {
  return new Intl.DateTimeFormat(lang, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(toDate(`${month}-01`));
}

// The share of `bucket` among the known values, or null when nothing is known.
export function shareOf(b: Breakdown, bucket: string): number | null {
  const share = b.share_of_known[bucket];
  return typeof share === 'number' && b.known > 0 ? share : null;
}

// ---- the event form

export interface EventForm {
  kind: string;
  title: string;
  description: string;
  date_precision: string;
  start_date: string;
  end_date: string;
  start_time: string;
  end_time: string;
  time_zone: string;
  mode: string;
  status: string;
  city: string;
  country: string;
  host: string;
  group_ids: number[];
  topics: string; // one per line
  parent_id: string;
  programme: string;
  pillar: string;
  link: string;
  dial_in: string;
  interpretation_languages: string; // "ar, fr"
  link_public: boolean;
  requires_endorsement: boolean;
  capacity_in_person: string;
  capacity_remote: string;
}

export function emptyForm(timeZone: string): EventForm {
  return {
    kind: 'bsg_training',
    title: '',
    description: '',
    date_precision: 'day',
    start_date: '',
    end_date: '',
    start_time: '',
    end_time: '',
    time_zone: timeZone,
    mode: 'in_person',
    status: 'planned',
    city: '',
    country: '',
    host: '',
    group_ids: [],
    topics: '',
    parent_id: '',
    programme: '',
    pillar: '',
    link: '',
    dial_in: '',
    interpretation_languages: '',
    link_public: false,
    requires_endorsement: false,
    capacity_in_person: '',
    capacity_remote: '',
  };
}

export function formOf(e: EventRecord): EventForm {
  const month = e.date_precision === 'month';
  return {
    kind: e.kind,
    title: e.title,
    description: e.description,
    date_precision: e.date_precision,
    start_date: month ? e.start_date.slice(0, 7) : e.start_date,
    end_date: month ? e.end_date.slice(0, 7) : e.end_date,
    start_time: e.start_time ?? '',
    end_time: e.end_time ?? '',
    time_zone: e.time_zone,
    mode: e.mode,
    status: e.status,
    city: e.city ?? '',
    country: e.country ?? '',
    host: e.host,
    group_ids: [...e.group_ids],
    topics: e.topics.join('\n'),
    parent_id: e.parent_id === null ? '' : String(e.parent_id),
    programme: e.programme === null ? '' : String(e.programme),
    pillar: e.pillar ?? '',
    link: e.remote.link ?? '',
    dial_in: e.remote.dial_in ?? '',
    interpretation_languages: e.remote.interpretation_languages.join(', '),
    link_public: e.remote.link_public,
    requires_endorsement: e.requires_endorsement,
    capacity_in_person: e.capacity_in_person === null ? '' : String(e.capacity_in_person),
    capacity_remote: e.capacity_remote === null ? '' : String(e.capacity_remote),
  };
}

const orNull = (text: string): string | null => (text.trim() === '' ? null : text.trim());

// A whole number, null when empty, else the text as typed (the server names the field).
export function intOrText(text: string): number | string | null {
  const t = text.trim();
  if (t === '') return null;
  return /^-?\d{1,15}$/.test(t) ? Number(t) : t;
}

export function splitList(text: string, separator: RegExp): string[] {
  return text
    .split(separator)
    .map((s) => s.trim())
    .filter(Boolean);
}

export function eventInput(f: EventForm): EventInput {
  const virtual = f.mode === 'virtual';
  const remote = f.mode !== 'in_person';
  return {
    kind: f.kind,
    title: f.title.trim(),
    description: f.description,
    start_date: f.start_date.trim(),
    end_date: f.end_date.trim(),
    date_precision: f.date_precision,
    time_zone: f.time_zone.trim(),
    start_time: f.date_precision === 'month' ? null : orNull(f.start_time),
    end_time: f.date_precision === 'month' ? null : orNull(f.end_time),
    city: virtual ? null : orNull(f.city),
    country: virtual ? null : orNull(f.country),
    host: f.host.trim(),
    mode: f.mode,
    status: f.status,
    group_ids: [...f.group_ids],
    topics: splitList(f.topics, /\n/),
    parent_id: intOrText(f.parent_id),
    programme: f.programme ? Number(f.programme) : null,
    pillar: orNull(f.pillar),
    remote: {
      link: remote ? orNull(f.link) : null,
      dial_in: remote ? orNull(f.dial_in) : null,
      interpretation_languages: splitList(f.interpretation_languages, /[\s,;]+/),
      link_public: remote && f.link_public,
    },
    requires_endorsement: f.requires_endorsement,
    capacity_in_person: virtual ? null : intOrText(f.capacity_in_person),
    capacity_remote: remote ? intOrText(f.capacity_remote) : null,
  };
}
