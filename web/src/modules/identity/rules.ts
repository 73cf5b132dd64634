// Pure helpers of the identity pages.

import { isApiError } from '../../platform/api';

// Whole minutes to wait after a 429, from the Retry-After header or the
// error's retry_after_seconds field; undefined when neither says.
export function retryMinutes(error: unknown): number | undefined {
  if (!isApiError(error) || error.status !== 429) return undefined;
  let seconds = error.retryAfter;
  if (seconds === undefined) {
    const field = error.fields.retry_after_seconds;
    if (field !== undefined && /^\d+$/.test(field)) seconds = Number(field);
  }
  if (seconds === undefined) return undefined;
  return Math.max(1, Math.ceil(seconds / 60));
}

// The reset token of a password-reset link: the server sends
// /password-reset#token=…; ?token=… is accepted as well.
export function resetTokenFrom(search: string, hash: string): string | undefined {
  const fromHash = new URLSearchParams(hash.replace(/^#/, '')).get('token');
  const fromQuery = new URLSearchParams(search).get('token');
  const token = fromHash || fromQuery;
  return token ? token : undefined;
}

// The roles an edit form sends: known roles only, in the server's order.
export function normalizeRoles(selected: Iterable<string>, known: readonly string[]): string[] {
  const set = new Set(selected);
  return known.filter((role) => set.has(role));
}


// 5 -> "5 minutes" in `lang` (Intl unit formatting handles the plural forms).
export function formatMinutes(minutes: number, lang: string): string {
  return new Intl.NumberFormat(lang, { style: 'unit', unit: 'minute', unitDisplay: 'long' }).format(minutes);
}
