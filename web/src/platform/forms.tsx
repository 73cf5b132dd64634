// Small pieces every form and list uses: labelled fields with their error,
// a status line, a pager and the loading/failure states of a page.

import type { ComponentChildren } from 'preact';
import { isApiError } from './api';
import { ErrorBox } from './ErrorBox';
import { useI18n } from './i18n';
import type { Load } from './useLoad';

// The server's message for one field of a failed request, if any.
export function fieldError(error: unknown, name: string): string | undefined {
  return isApiError(error) ? error.fields[name] : undefined;
}

export interface FieldProps {
  id: string;
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  children: ComponentChildren;
}

// A label, the control (give it id={props.id}) and its hint and error. The
// control should set aria-describedby={describedBy(id, hint, error)}.
export function Field({ id, label, hint, error, children }: FieldProps) {
  return (
    <div class={`field${error ? ' field--invalid' : ''}`}>
      <label for={id}>{label}</label>
      {children}
      {hint && (
        <p class="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p class="field__error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

export function describedBy(id: string, hint?: string, error?: string): string | undefined {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

// A polite announcement of a completed action.
export function Notice({ children, testId }: { children: ComponentChildren; testId?: string }) {
  return (
    <p class="notice" role="status" data-testid={testId}>
      {children}
    </p>
  );
}

export function Loading() {
  const { t } = useI18n();
  return (
    <p class="loading" role="status">
      {t('common.loading')}
    </p>
  );
}

// Shows the loading line or the error of `load`, else `children(data)`.
// While reloading, the previous data stays on screen.
export function Loaded<T>({ load, children }: { load: Load<T>; children: (data: T) => ComponentChildren }) {
  const { state, data } = load;
  if (state.kind === 'failed') return <ErrorBox error={state.error} onRetry={load.reload} />;
  if (data === undefined) return <Loading />;
  return <>{children(data)}</>;
}

export interface PagerProps {
  offset: number;
  limit: number;
  total: number;
  onChange: (offset: number) => void;
}

// "1–50 of 120" with previous and next buttons, for offset/limit lists.
export function Pager({ offset, limit, total, onChange }: PagerProps) {
  const { t } = useI18n();
  if (total === 0) return null;
  const from = offset + 1;
  const to = Math.min(offset + limit, total);
  return (
    <nav class="pager" aria-label={t('common.pages')}>
      <button type="button" class="button" disabled={offset === 0} onClick={() => onChange(Math.max(0, offset - limit))}>
        {t('common.previous')}
      </button>
      <span class="pager__range">{t('common.range', { from, to, total })}</span>
      <button type="button" class="button" disabled={to >= total} onClick={() => onChange(offset + limit)}>
        {t('common.next')}
      </button>
    </nav>
  );
}

export interface PagedTableProps<T> {
  items: readonly T[];
  offset: number;
  limit: number;
  total: number;
  onPage: (offset: number) => void;
  headers: readonly string[];
  row: (item: T) => ComponentChildren; // one <tr> per item
  testId?: string;
}

// One page of an offset/limit list as a table with its pager, or "no results".
export function PagedTable<T>({ items, offset, limit, total, onPage, headers, row, testId }: PagedTableProps<T>) {
  const { t } = useI18n();
  if (items.length === 0) return <p>{t('common.noResults')}</p>;
  return (
    <>
      <div class="table-wrap">
        <table class="table" data-testid={testId}>
          <thead>
            <tr>
              {headers.map((h) => (
                <th key={h} scope="col">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>{items.map(row)}</tbody>
        </table>
      </div>
      <Pager offset={offset} limit={limit} total={total} onChange={onPage} />
    </>
  );
}
