// The date window of the statistics pages: a year, or any since/until dates, or the last twelve
// months; kept in the URL by the page.

import { useEffect, useState } from 'preact/hooks';
import { todayIso } from '../../../platform/format';
import { useI18n } from '../../../platform/i18n';
import { defaultWindow, isDate, windowYear, yearWindow, type DateWindow } from '../rules';

export interface WindowPickerProps {
  id: string;
  value: DateWindow;
  years: readonly number[];
  onChange: (w: DateWindow) => void;
}

export function WindowPicker({ id, value, years, onChange }: WindowPickerProps) {
  const { t } = useI18n();
  const [since, setSince] = useState(value.since);
  const [until, setUntil] = useState(value.until);
  useEffect(() => {
    setSince(value.since);
    setUntil(value.until);
  }, [value.since, value.until]);
  const year = windowYear(value);
  const last12 = defaultWindow(todayIso());
  const apply = (s: string, u: string) => {
    if (isDate(s) && isDate(u) && s <= u && (s !== value.since || u !== value.until)) onChange({ since: s, until: u });
  };
  const invalid = isDate(since) && isDate(until) && since > until;
  const isLast12 = value.since === last12.since && value.until === last12.until;
  return (
    <>
      <div class="field">
        <label for={`${id}-year`}>{t('events.field.year')}</label>
        <select
          id={`${id}-year`}
          value={year}
          onChange={(e) => {
            const y = e.currentTarget.value;
            onChange(y ? yearWindow(y) : last12);
          }}
        >
          <option value="">{year || isLast12 ? t('events.window.last12') : t('events.window.custom')}</option>
          {years.map((y) => (
            <option key={y} value={String(y)}>
              {y}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for={`${id}-since`}>{t('events.window.since')}</label>
        <input
          id={`${id}-since`}
          type="date"
          value={since}
          onInput={(e) => setSince(e.currentTarget.value)}
          onChange={(e) => apply(e.currentTarget.value, until)}
        />
      </div>
      <div class={`field${invalid ? ' field--invalid' : ''}`}>
        <label for={`${id}-until`}>{t('events.window.until')}</label>
        <input
          id={`${id}-until`}
          type="date"
          value={until}
          aria-invalid={invalid ? 'true' : undefined}
          aria-describedby={invalid ? `${id}-until-error` : undefined}
          onInput={(e) => setUntil(e.currentTarget.value)}
          onChange={(e) => apply(since, e.currentTarget.value)}
        />
        {invalid && (
          <p class="field__error" id={`${id}-until-error`}>
            {t('events.window.inverted')}
          </p>
        )}
      </div>
      {!isLast12 && (
        <button type="button" class="button" onClick={() => onChange(last12)}>
          {t('events.window.last12')}
        </button>
      )}
    </>
  );
}
