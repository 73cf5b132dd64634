// Officers: record a dated class change of a country (enter or leave a class,
// e.g. an LDC graduation), with its source.

import { useState } from 'preact/hooks';
import { ErrorBox } from '../../../platform/ErrorBox';
import { describedBy, Field, fieldError, Notice } from '../../../platform/forms';
import { useI18n } from '../../../platform/i18n';
import { addClassChange } from '../api';
import { isPartialDate } from '../rules';
import { CLASSES, type ClassPeriod, type CountryClass } from '../types';

export function ClassChangeForm({ iso2, onSaved }: { iso2: string; onSaved: (history: ClassPeriod[]) => void }) {
  const { t, tDynamic } = useI18n();
  const [cls, setCls] = useState<CountryClass>('ldc');
  const [change, setChange] = useState<'enter' | 'leave'>('leave');
  const [date, setDate] = useState('');
  const [source, setSource] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const [badDate, setBadDate] = useState(false);
  const [saved, setSaved] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    setSaved(false);
    setError(undefined);
    if (!isPartialDate(date)) {
      setBadDate(true);
      return;
    }
    setBadDate(false);
    setBusy(true);
    try {
      const result = await addClassChange(iso2, { class: cls, change, date: date.trim(), source: source.trim() });
      onSaved(result.history);
      setDate('');
      setSource('');
      setSaved(true);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const dateError = badDate ? t('registry.change.badDate') : fieldError(error, 'date');
  const sourceError = fieldError(error, 'source');
  return (
    <form class="form" onSubmit={submit} noValidate data-testid="class-change-form">
      <h2>{t('registry.change.title')}</h2>
      {saved && <Notice>{t('registry.change.saved')}</Notice>}
      <div class="form__row">
        <Field id="change-class" label={t('registry.field.class')} error={fieldError(error, 'class')}>
          <select id="change-class" value={cls} onChange={(e) => setCls(e.currentTarget.value as CountryClass)}>
            {CLASSES.map((c) => (
              <option key={c} value={c}>
                {tDynamic(`registry.class.${c}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field id="change-kind" label={t('registry.change.change')} error={fieldError(error, 'change')}>
          <select id="change-kind" value={change} onChange={(e) => setChange(e.currentTarget.value as 'enter' | 'leave')}>
            <option value="enter">{t('registry.change.enter')}</option>
            <option value="leave">{t('registry.change.leave')}</option>
          </select>
        </Field>
        <Field id="change-date" label={t('registry.change.date')} hint={t('registry.change.dateHint')} error={dateError}>
          <input
            id="change-date"
            class="input--short"
            dir="ltr"
            placeholder="2020-12-04"
            value={date}
            onInput={(e) => setDate(e.currentTarget.value)}
            aria-invalid={dateError ? 'true' : undefined}
            aria-describedby={describedBy('change-date', t('registry.change.dateHint'), dateError)}
          />
        </Field>
      </div>
      <Field id="change-source" label={t('registry.change.source')} error={sourceError}>
        <input id="change-source" required value={source} onInput={(e) => setSource(e.currentTarget.value)} />
      </Field>
      {error !== undefined && <ErrorBox error={error} />}
      <div class="actions">
        <button type="submit" class="button button--primary" disabled={busy}>
          {t('registry.change.submit')}
        </button>
      </div>
    </form>
  );
}
