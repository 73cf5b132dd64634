// Pure helpers of the reports pages: the window, download addresses and names, the wording
// editor's changes, and how a live value is shown.

import { withQuery } from '../../platform/api';
import type {
  DownloadFormat,
  LiveValue,
  PartRef,
  ReportWindow,
  Template,
  TemplateChange,
  Values,
} from './types';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

// True for a real calendar day written "YYYY-MM-DD".
export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

export type WindowProblem = 'required' | 'invalid' | 'beforeSince';
export interface WindowErrors {
  since?: WindowProblem;
  until?: WindowProblem;
}

// What is wrong with a window typed in a form (as the server's reports.bad_window checks).
export function checkWindow(since: string, until: string): WindowErrors {
  const errors: WindowErrors = {};
  if (!since) errors.since = 'required';
  else if (!isIsoDate(since)) errors.since = 'invalid';
  if (!until) errors.until = 'required';
  else if (!isIsoDate(until)) errors.until = 'invalid';
  if (!errors.since && !errors.until && until < since) errors.until = 'beforeSince';
  return errors;
}

export function hasWindowErrors(errors: WindowErrors): boolean {
  return errors.since !== undefined || errors.until !== undefined;
}

// The window a page's address names (?since=&until=), when both are there.
export function windowFromQuery(params: URLSearchParams): ReportWindow | undefined {
  const since = params.get('since') ?? '';
  const until = params.get('until') ?? '';
  return since && until ? { since, until } : undefined;
}

// The address of a report download, or of the report model (format 'json').
export function reportUrl(
  format: DownloadFormat | 'json',
  window: ReportWindow,
  language: string,
  part: { table?: number; figure?: number } = {},
): string {
  const path = format === 'json' ? '/api/reports/progress' : `/api/reports/progress.${format}`;
  return withQuery(path, { since: window.since, until: window.until, language, ...part });
}

// The server's file name stem of a report's downloads.
export function fileStem(window: ReportWindow): string {
  return `bsg-progress-report_${window.since}_${window.until}`;
}

export interface Download {
  format: DownloadFormat;
  href: string;
  // The file name the server gives it (Content-Disposition).
  name: string;
}

export interface DownloadGroup {
  kind: 'report' | 'table' | 'figure';
  number: number; // 0 for the whole report
  caption: string;
  files: Download[];
}

// Every download of a report: the PDF and HTML, each table as CSV, each figure's data as CSV and
// its drawing as SVG and PNG.
export function downloads(
  parts: { tables: readonly PartRef[]; figures: readonly PartRef[] },
  window: ReportWindow,
  language: string,
): DownloadGroup[] {
  const stem = fileStem(window);
  const whole = (format: DownloadFormat): Download => ({
    format,
    href: reportUrl(format, window, language),
    name: `${stem}.${format}`,
  });
  const groups: DownloadGroup[] = [{ kind: 'report', number: 0, caption: '', files: [whole('pdf'), whole('html')] }];
  for (const t of parts.tables) {
    groups.push({
      kind: 'table',
      number: t.number,
      caption: t.caption,
      files: [{ format: 'csv', href: reportUrl('csv', window, language, { table: t.number }), name: `${stem}_table-${t.number}.csv` }],
    });
  }
  for (const f of parts.figures) {
    groups.push({
      kind: 'figure',
      number: f.number,
      caption: f.caption,
      files: (['csv', 'svg', 'png'] as const).map((format) => ({
        format,
        href: reportUrl(format, window, language, { figure: f.number }),
        name: `${stem}_figure-${f.number}.${format}`,
      })),
    });
  }
  return groups;
}

// `text` with `insert` replacing the selection [start, end), and where the caret goes after it.
export function insertAt(text: string, start: number, end: number, insert: string): { text: string; caret: number } {
  const from = Math.max(0, Math.min(start, text.length));
  const to = Math.max(from, Math.min(end, text.length));
  return { text: text.slice(0, from) + insert + text.slice(to), caret: from + insert.length };
}

// The placeholder a template writes for a value.
export function placeholderToken(key: string): string {
  return `{${key}}`;
}

// Unsaved edits of the wording, by template key: a string is new wording, null restores the default.
export type Drafts = Readonly<Record<string, string | null>>;

// The wording shown in a template's editor.
export function draftText(template: Template, drafts: Drafts): string {
  const draft = drafts[template.key];
  if (draft === null) return template.default;
  return draft ?? template.text;
}

// The changes to send: edited wording that differs from the wording in force, and restorations
// of templates that have officers' wording.
export function templateChanges(templates: readonly Template[], drafts: Drafts): TemplateChange[] {
  const changes: TemplateChange[] = [];
  for (const t of templates) {
    if (!Object.prototype.hasOwnProperty.call(drafts, t.key)) continue;
    const draft = drafts[t.key];
    if (draft === null) {
      if (t.overridden) changes.push({ key: t.key, text: null });
    } else if (draft !== undefined && draft !== t.text) {
      changes.push({ key: t.key, text: draft });
    }
  }
  return changes;
}

export interface TemplateGroup {
  section: string;
  templates: Template[];
}

// Templates by section, in the catalogue's order.
export function groupTemplates(templates: readonly Template[]): TemplateGroup[] {
  const groups: TemplateGroup[] = [];
  for (const t of templates) {
    let group = groups.find((g) => g.section === t.section);
    if (!group) {
      group = { section: t.section, templates: [] };
      groups.push(group);
    }
    group.templates.push(t);
  }
  return groups;
}

// The value that says whether any event was held in the window (all kinds, status held).
export const EVENTS_HELD = 'events.remote.events_held';

// False when the report counted no held event in its window, true when it did, undefined when
// the count is not known.
export function windowHasEvents(values: Values): boolean | undefined {
  const held = values[EVENTS_HELD];
  if (!held || held.missing || held.value === null) return undefined;
  return held.value > 0;
}

export type StatState = { kind: 'missing' } | { kind: 'none' } | { kind: 'count'; value: number } | { kind: 'share'; value: number };

// How a key number is shown: "not known" when missing, "none" for a count of zero (a variant of
// the wording, never a measured 0), else the number or share.
export function statState(value: LiveValue | undefined): StatState {
  if (!value || value.missing || value.value === null) return { kind: 'missing' };
  if (value.kind === 'share') return { kind: 'share', value: value.value };
  if (value.value === 0) return { kind: 'none' };
  return { kind: 'count', value: value.value };
}
