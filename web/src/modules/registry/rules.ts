// Pure helpers of the registry pages: country names in the reader's language,
// the classification timeline's geometry, and form value conversions.

import { foldText } from '../../platform/format';
import type { ClassPeriod, Country, CountryClass } from './types';
import { CLASSES } from './types';

const displayNames = new Map<string, Intl.DisplayNames | null>();

function regionNames(lang: string): Intl.DisplayNames | null {
  if (!displayNames.has(lang)) {
    let names: Intl.DisplayNames | null = null;
    try {
      names = new Intl.DisplayNames([lang], { type: 'region', fallback: 'none' });
    } catch {
      names = null;
    }
    displayNames.set(lang, names);
  }
  return displayNames.get(lang) ?? null;
}

// The country's name in `lang`: the server's English and French names, the
// browser's own names (CLDR) for the other languages, English as a fallback.
export function countryName(country: Pick<Country, 'iso2' | 'name' | 'name_fr'>, lang: string): string {
  if (lang === 'en') return country.name;
  if (lang === 'fr') return country.name_fr || country.name;
  const local = regionNames(lang)?.of(country.iso2);
  return local && local !== country.iso2 ? local : country.name;
}

// True when `text` (accents and case ignored) is part of any of the country's
// names or is one of its codes.
export function countryMatches(country: Country, text: string, lang: string): boolean {
  const key = foldText(text.trim());
  if (!key) return true;
  return (
    [country.name, country.name_fr, countryName(country, lang)].some((n) => foldText(n).includes(key)) ||
    foldText(country.iso2) === key ||
    foldText(country.iso3) === key
  );
}

// ---- timeline

export interface TimelineRange {
  start: number; // ms, 1 January of the first year shown
  end: number; // ms, 1 January after the last year shown
  ticks: number[]; // years with a tick
}

export interface TimelineBar {
  period: ClassPeriod;
  from: number; // percent of the range
  width: number; // percent of the range
  openStart: boolean; // start not recorded
  ongoing: boolean; // still holds
}

function ms(date: string): number {
  return Date.parse(`${date}T00:00:00Z`);
}

function yearOf(date: string): number {
  return Number(date.slice(0, 4));
}

// From 1971 (when the LDC category was created) or the first recorded date if
// earlier, to the end of next year.
export function timelineRange(history: readonly ClassPeriod[], today: string): TimelineRange {
  let first = 1971;
  for (const p of history) {
    for (const d of [p.since_effective, p.until_effective]) if (d) first = Math.min(first, yearOf(d));
  }
  first = Math.floor(first / 10) * 10;
  const last = Math.max(yearOf(today), ...history.map((p) => (p.until_effective ? yearOf(p.until_effective) : 0))) + 1;
  const ticks: number[] = [];
  for (let y = first; y <= last; y += 10) ticks.push(y);
  return { start: Date.UTC(first, 0, 1), end: Date.UTC(last + 1, 0, 1), ticks };
}

export function percentOf(range: TimelineRange, time: number): number {
  const p = ((time - range.start) / (range.end - range.start)) * 100;
  return Math.min(100, Math.max(0, p));
}

export function timelineBars(history: readonly ClassPeriod[], range: TimelineRange, today: string): TimelineBar[] {
  return history.map((period) => {
    const from = period.since_effective ? percentOf(range, ms(period.since_effective)) : 0;
    const to = period.until_effective ? percentOf(range, ms(period.until_effective)) : percentOf(range, ms(today));
    return {
      period,
      from,
      width: Math.max(0.5, to - from),
      openStart: !period.since_effective,
      ongoing: !period.until_effective,
    };
  });
}

// The classes a country has a history for, in the standard order.
export function classesIn(history: readonly ClassPeriod[]): CountryClass[] {
  return CLASSES.filter((c) => history.some((p) => p.class === c));
}

export interface ClassEvent {
  date: string; // as written
  effective: string; // full date, for sorting and <time datetime>
  class: CountryClass;
  change: 'enter' | 'leave';
}

// Every dated change (entering or leaving a class), oldest first.
export function classEvents(history: readonly ClassPeriod[]): ClassEvent[] {
  const events: ClassEvent[] = [];
  for (const p of history) {
    if (p.since && p.since_effective) events.push({ date: p.since, effective: p.since_effective, class: p.class, change: 'enter' });
    if (p.until && p.until_effective) events.push({ date: p.until, effective: p.until_effective, class: p.class, change: 'leave' });
  }
  return events.sort((a, b) => a.effective.localeCompare(b.effective) || a.class.localeCompare(b.class));
}

// ---- forms

// '' -> null, else the trimmed text.
export function orNull(text: string): string | null {
  const t = text.trim();
  return t ? t : null;
}

// "en, fr; ar" -> ['en', 'fr', 'ar']
export function splitLanguages(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
}

// True for "YYYY", "YYYY-MM" or "YYYY-MM-DD" (the shapes a class change date may take).
export function isPartialDate(text: string): boolean {
  return /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/.test(text.trim());
}
