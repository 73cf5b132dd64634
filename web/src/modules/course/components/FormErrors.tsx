// What is wrong with a form of the secretariat's pages, in one summary above the buttons: the
// server's message (or "correct the fields"), then each field's problem as a link that moves the
// focus to the field. The same problems are shown beside the fields (fieldProblem). Problems
// found before sending and those of a 422 answer are shown alike, by the server's field names.

import { useEffect, useRef } from 'preact/hooks';
import { isApiError } from '../../../platform/api';
import { describeError } from '../../../platform/errors';
import { useI18n } from '../../../platform/i18n';
import type { Problems } from '../authoring';

// Messages by field name: the server's for a refused request, the catalogue's for problems found
// before sending (which win, being the newer).
export function problemMessages(
  problems: Problems,
  error: unknown,
  tDynamic: (key: string) => string,
): Record<string, string> {
  const out: Record<string, string> = isApiError(error) ? { ...error.fields } : {};
  for (const [name, code] of Object.entries(problems)) out[name] = tDynamic(`course.problem.${code}`);
  return out;
}

export interface FieldRef {
  label: string;
  id: string; // of the control to focus
}

export function FormErrors({
  messages,
  error,
  fieldOf,
  attempt = 0,
  testId = 'form-errors',
}: {
  messages: Record<string, string>;
  error: unknown;
  fieldOf: (name: string) => FieldRef | undefined;
  // Counts the submissions, so that the same problems found again take the focus again.
  attempt?: number;
  testId?: string;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const box = useRef<HTMLDivElement>(null);
  const entries = Object.entries(messages);
  const shown = error !== undefined || entries.length > 0;
  // A new failure takes the focus, so that a keyboard or screen reader user hears it; typing in
  // the form changes nothing here.
  const key = JSON.stringify(entries);
  useEffect(() => {
    if (shown) box.current?.focus();
  }, [error, key, attempt]);
  if (!shown) return null;
  const message = error !== undefined ? describeError(error, i18n).message : t('course.form.fix');
  return (
    <div class="error-box" role="alert" tabIndex={-1} ref={box} data-testid={testId}>
      <p class="error-box__title">{t('error.title')}</p>
      <p class="error-box__message">{message}</p>
      {entries.length > 0 && (
        <ul class="error-box__fields">
          {entries.map(([name, text]) => {
            const field = fieldOf(name);
            return (
              <li key={name}>
                {field ? (
                  <a
                    href={`#${field.id}`}
                    onClick={(e) => {
                      e.preventDefault();
                      document.getElementById(field.id)?.focus();
                    }}
                  >
                    <span class="error-box__field">{field.label}</span>: {text}
                  </a>
                ) : (
                  <>
                    <code dir="ltr" class="error-box__field">
                      {name}
                    </code>
                    : {text}
                  </>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
