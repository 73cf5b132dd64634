// Dates and numbers in the reader's language, through Intl only.

const FULL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

// "2020-12-04" -> "4 December 2020" (in `lang`). Partial dates ("1985",
// "1994-12") and anything unparsable are returned as written.
export function formatDate(value: string | null | undefined, lang: string): string {
  if (!value) return '';
  const m = FULL_DATE.exec(value);
  if (!m) return value;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeZone: 'UTC' }).format(date);
}

// An ISO 8601 time ("2024-05-01T09:30:00Z") as a short date and time in the
// reader's time zone; anything unparsable is returned as written.
export function formatDateTime(value: string | null | undefined, lang: string): string {
  if (!value) return '';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

// 0.4567 -> "45.7%" (in `lang`).
export function formatShare(share: number, lang: string): string {
  return new Intl.NumberFormat(lang, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(
    share,
  );
}

export function formatNumber(value: number, lang: string): string {
  return new Intl.NumberFormat(lang).format(value);
}

// Percentage points with a sign: 3.25 -> "+3.3", -1 -> "−1.0".
export function formatPoints(points: number, lang: string): string {
  return new Intl.NumberFormat(lang, {
    signDisplay: 'exceptZero',
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  }).format(points);
}

// Today's date in UTC, "YYYY-MM-DD" (the server's "today").
export function todayIso(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

// Lowercase without accents, for matching names typed without them.
export function foldText(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}
