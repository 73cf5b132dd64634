// Officers: import an event's participant list (CSV or XLSX). A dry run lists every bad row
// (row, column, reason, value) and imports nothing; a clean file can then be imported, all rows
// or none.

import { useState } from 'preact/hooks';
import { ErrorBox } from '../../../platform/ErrorBox';
import { formatNumber } from '../../../platform/format';
import { Notice } from '../../../platform/forms';
import { useI18n } from '../../../platform/i18n';
import { contentTypeFor } from '../../registry/api';
import { importParticipants, participantsHref } from '../api';
import type { ImportReport } from '../types';
import { CellErrorsTable } from '../../../platform/CellErrors';

const COLUMNS = 'email, given_name, family_name, full_name, country, organization, gender, mode, role, attended, days';

type Step =
  | { kind: 'idle' }
  | { kind: 'busy' }
  | { kind: 'checked'; report: ImportReport }
  | { kind: 'imported'; report: ImportReport }
  | { kind: 'failed'; error: unknown };

export function ImportPanel({ eventId, onImported }: { eventId: number; onImported: () => void }) {
  const { t, lang } = useI18n();
  const [file, setFile] = useState<File | undefined>(undefined);
  const [createMissing, setCreateMissing] = useState(false);
  const [badType, setBadType] = useState(false);
  const [step, setStep] = useState<Step>({ kind: 'idle' });

  const run = async (dryRun: boolean) => {
    if (!file) return;
    const type = contentTypeFor(file.name);
    if (!type) {
      setBadType(true);
      return;
    }
    setBadType(false);
    setStep({ kind: 'busy' });
    try {
      const report = await importParticipants(eventId, file, type, { dryRun, createMissing });
      if (!dryRun && report.ok) {
        setStep({ kind: 'imported', report });
        onImported();
      } else {
        setStep({ kind: 'checked', report });
      }
    } catch (error) {
      setStep({ kind: 'failed', error });
    }
  };
  const reset = () => setStep({ kind: 'idle' });
  const n = (value: number) => formatNumber(value, lang);

  return (
    <>
      <section class="panel" aria-labelledby="export-title" data-testid="participants-export">
        <h2 id="export-title">{t('events.export.title')}</h2>
        <p>
          {t('events.export.intro')}{' '}
          <a href={participantsHref(eventId, 'csv')} download data-testid="participants-export-csv">
            CSV
          </a>
          {' · '}
          <a href={participantsHref(eventId, 'xlsx')} download data-testid="participants-export-xlsx">
            XLSX
          </a>
        </p>
      </section>
      <section class="panel" aria-labelledby="import-title" data-testid="participants-import">
        <h2 id="import-title">{t('events.import.title')}</h2>
        <p>{t('events.import.intro')}</p>
        <form
          class="form"
          onSubmit={(e) => {
            e.preventDefault();
            void run(true);
          }}
        >
          <div class={`field${badType ? ' field--invalid' : ''}`}>
            <label for="participants-file">{t('events.import.file')}</label>
            <input
              id="participants-file"
              type="file"
              accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              aria-describedby="participants-file-hint"
              onChange={(e) => {
                setFile(e.currentTarget.files?.[0]);
                setBadType(false);
                reset();
              }}
            />
            <p class="field__hint" id="participants-file-hint">
              {t('events.import.columns')} <code dir="ltr">{COLUMNS}</code>
            </p>
            {badType && <p class="field__error">{t('events.import.badType')}</p>}
          </div>
          <label class="check">
            <input
              type="checkbox"
              checked={createMissing}
              onChange={(e) => {
                setCreateMissing(e.currentTarget.checked);
                reset();
              }}
            />
            {t('events.import.createMissing')}
          </label>
          <div class="actions">
            <button type="submit" class="button" disabled={!file || step.kind === 'busy'} data-testid="participants-check">
              {t('events.import.check')}
            </button>
          </div>
        </form>
        {step.kind === 'busy' && (
          <p class="loading" role="status">
            {t('common.loading')}
          </p>
        )}
        {step.kind === 'failed' && <ErrorBox error={step.error} />}
        {step.kind === 'imported' && (
          <Notice testId="participants-imported">
            {t('events.import.done', {
              rows: n(step.report.rows),
              registrations: n(step.report.registrations_created),
              people: n(step.report.people_created),
              days: n(step.report.attendance_days),
            })}
          </Notice>
        )}
        {step.kind === 'checked' && step.report.ok && (
          <>
            <Notice testId="participants-clean">
              {t('events.import.clean', {
                rows: n(step.report.rows),
                matched: n(step.report.people_matched),
                people: n(step.report.people_created),
                registrations: n(step.report.registrations_created),
                days: n(step.report.attendance_days),
              })}
            </Notice>
            <div class="actions">
              <button type="button" class="button button--primary" onClick={() => run(false)} data-testid="participants-run">
                {t('events.import.run', { rows: n(step.report.rows) })}
              </button>
            </div>
          </>
        )}
        {step.kind === 'checked' && !step.report.ok && (
          <div data-testid="participants-report">
            <div class="error-box" role="alert">
              <p class="error-box__title">{step.report.dry_run ? t('events.import.badRows') : t('events.import.refused')}</p>
              <p class="error-box__message">
                {t('events.import.summary', { rows: n(step.report.rows), errors: n(step.report.errors.length) })}
              </p>
            </div>
            <CellErrorsTable errors={step.report.errors} testId="participants-errors" />
          </div>
        )}
      </section>
    </>
  );
}
