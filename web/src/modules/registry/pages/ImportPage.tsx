// Officers: import organizations, people or management positions from a CSV
// or XLSX file. A dry run first lists every bad row (row, column, reason,
// value); only a clean file can then be imported, all rows or none.

import { useState } from 'preact/hooks';
import { ErrorBox } from '../../../platform/ErrorBox';
import { Notice } from '../../../platform/forms';
import { useI18n } from '../../../platform/i18n';
import { usePageTitle } from '../../../platform/page';
import { contentTypeFor, exportHref, importFile } from '../api';
import { IMPORT_KINDS, type ImportKind, type ImportReport } from '../types';
import { CellErrorsTable } from '../../../platform/CellErrors';

// The columns each kind reads (src/modules/registry/transfer.h, groups/service.cc); * required.
const COLUMNS: Record<ImportKind, string> = {
  organizations: 'name*, kind*, country, member_since, member_until, sme_size',
  people:
    'full_name, given_name, family_name, transliteration, email, country, organization, organization_country, gender, languages',
  positions: 'period*, group*, role*, start_date*, end_date, person_email, person_id, person_name, country, note',
};

type Step =
  | { kind: 'idle' }
  | { kind: 'busy'; what: 'check' | 'import' }
  | { kind: 'checked'; report: ImportReport }
  | { kind: 'imported'; report: ImportReport }
  | { kind: 'failed'; error: unknown };

export default function ImportPage() {
  const { t, tDynamic } = useI18n();
  usePageTitle(t('registry.import.title'));
  const [kind, setKind] = useState<ImportKind>('people');
  const [file, setFile] = useState<File | undefined>(undefined);
  const [step, setStep] = useState<Step>({ kind: 'idle' });
  const [badType, setBadType] = useState(false);

  const run = async (dryRun: boolean) => {
    if (!file) return;
    const type = contentTypeFor(file.name);
    if (!type) {
      setBadType(true);
      return;
    }
    setBadType(false);
    setStep({ kind: 'busy', what: dryRun ? 'check' : 'import' });
    try {
      const report = await importFile(kind, file, type, dryRun);
      setStep(dryRun || !report.ok ? { kind: 'checked', report } : { kind: 'imported', report });
    } catch (error) {
      setStep({ kind: 'failed', error });
    }
  };

  const reset = () => setStep({ kind: 'idle' });
  const busy = step.kind === 'busy';
  const report = step.kind === 'checked' || step.kind === 'imported' ? step.report : undefined;
  return (
    <section class="page page--wide">
      <h1>{t('registry.import.title')}</h1>
      <p>{t('registry.import.intro')}</p>
      <form
        class="form"
        onSubmit={(e) => {
          e.preventDefault();
          void run(true);
        }}
        data-testid="import-form"
      >
        <div class="field">
          <label for="import-kind">{t('registry.import.kind')}</label>
          <select
            id="import-kind"
            value={kind}
            onChange={(e) => {
              setKind(e.currentTarget.value as ImportKind);
              reset();
            }}
          >
            {IMPORT_KINDS.map((k) => (
              <option key={k} value={k}>
                {tDynamic(`registry.import.kind.${k}`)}
              </option>
            ))}
          </select>
          <p class="field__hint">
            {t('registry.import.columns')} <code dir="ltr">{COLUMNS[kind]}</code>
          </p>
        </div>
        <div class={`field${badType ? ' field--invalid' : ''}`}>
          <label for="import-file">{t('registry.import.file')}</label>
          <input
            id="import-file"
            type="file"
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            onChange={(e) => {
              setFile(e.currentTarget.files?.[0]);
              setBadType(false);
              reset();
            }}
          />
          {badType && <p class="field__error">{t('registry.import.badType')}</p>}
        </div>
        <div class="actions">
          <button type="submit" class="button button--primary" disabled={!file || busy} data-testid="import-check">
            {t('registry.import.check')}
          </button>
          <span class="muted">
            {t('registry.import.export')} <a href={exportHref(kind, 'csv')}>CSV</a> · <a href={exportHref(kind, 'xlsx')}>XLSX</a>
          </span>
        </div>
      </form>
      {busy && (
        <p class="loading" role="status">
          {step.what === 'check' ? t('registry.import.checking') : t('registry.import.importing')}
        </p>
      )}
      {step.kind === 'failed' && <ErrorBox error={step.error} />}
      {report && <Report report={report} imported={step.kind === 'imported'} />}
      {step.kind === 'checked' && step.report.ok && (
        <div class="actions">
          <button type="button" class="button button--primary" disabled={busy} onClick={() => run(false)} data-testid="import-run">
            {t('registry.import.run', { rows: step.report.rows })}
          </button>
        </div>
      )}
    </section>
  );
}

function Report({ report, imported }: { report: ImportReport; imported: boolean }) {
  const { t } = useI18n();
  if (imported) {
    return <Notice testId="import-done">{t('registry.import.done', { rows: report.imported })}</Notice>;
  }
  if (report.ok) {
    return <Notice testId="import-clean">{t('registry.import.clean', { rows: report.rows })}</Notice>;
  }
  return (
    <div class="report" data-testid="import-report">
      <div class="error-box" role="alert">
        <p class="error-box__title">
          {report.dry_run ? t('registry.import.badRows') : t('registry.import.refused')}
        </p>
        <p class="error-box__message">
          {t('registry.import.summary', { rows: report.rows, errors: report.errors.length })}
        </p>
      </div>
      <CellErrorsTable errors={report.errors} testId="import-errors" />
    </div>
  );
}
