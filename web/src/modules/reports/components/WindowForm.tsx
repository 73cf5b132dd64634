// The reporting window: two date inputs checked before anything is asked of the server.

import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { describedBy, Field } from '../../../platform/forms';
import { useI18n, type MessageKey } from '../../../platform/i18n';
import { checkWindow, hasWindowErrors, type WindowErrors, type WindowProblem } from '../rules';
import type { ReportWindow } from '../types';

const PROBLEM: Record<WindowProblem, MessageKey> = {
  required: 'reports.window.required',
  invalid: 'reports.window.invalid',
  beforeSince: 'reports.window.beforeSince',
};

export interface WindowFormProps {
  idPrefix: string;
  // The window shown now (the inputs start with it and follow it when it changes).
  window: ReportWindow | undefined;
  onSubmit: (window: ReportWindow) => void;
  children?: ComponentChildren;
}

export function WindowForm({ idPrefix, window, onSubmit, children }: WindowFormProps) {
  const { t } = useI18n();
  const [since, setSince] = useState(window?.since ?? '');
  const [until, setUntil] = useState(window?.until ?? '');
  const [errors, setErrors] = useState<WindowErrors>({});

  useEffect(() => {
    if (!window) return;
    setSince(window.since);
    setUntil(window.until);
    setErrors({});
  }, [window?.since, window?.until]);

  const submit = (event: Event) => {
    event.preventDefault();
    const found = checkWindow(since, until);
    setErrors(found);
    if (!hasWindowErrors(found)) onSubmit({ since, until });
  };

  const input = (name: 'since' | 'until', value: string, set: (v: string) => void) => {
    const id = `${idPrefix}-${name}`;
    const error = errors[name] ? t(PROBLEM[errors[name]!]) : undefined;
    return (
      <Field id={id} label={t(name === 'since' ? 'reports.window.since' : 'reports.window.until')} error={error}>
        <input
          id={id}
          type="date"
          value={value}
          required
          onInput={(e) => set(e.currentTarget.value)}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={describedBy(id, undefined, error)}
        />
      </Field>
    );
  };

  return (
    <form class="filters report-window" onSubmit={submit} noValidate data-testid={`${idPrefix}-form`}>
      {input('since', since, setSince)}
      {input('until', until, setUntil)}
      {children}
      <div class="report-window__submit">
        <button type="submit" class="button button--primary" data-testid={`${idPrefix}-show`}>
          {t('reports.window.show')}
        </button>
      </div>
    </form>
  );
}
