// The secretariat: enrol a list of people in a course from a CSV or XLSX file (columns email and,
// optionally, language). A dry run first says how many rows there are, how many enrolments the
// file would make and how many people are already enrolled, and lists every bad cell (row,
// column, reason, value); a clean file is then enrolled, all rows or none, and the counts show
// what was stored.

import { useState } from 'preact/hooks';
import { CellErrorsTable } from '../../../platform/CellErrors';
import { ErrorBox } from '../../../platform/ErrorBox';
import { formatNumber } from '../../../platform/format';
import { Notice } from '../../../platform/forms';
import { useI18n } from '../../../platform/i18n';
import { contentTypeFor } from '../../registry/api';
import { importEnrolments } from '../api';
import type { EnrolmentImportReport } from '../types';

type Step =
  | { kind: 'idle' }
  | { kind: 'busy'; what: 'check' | 'import' }
  | { kind: 'checked'; report: EnrolmentImportReport }
  | { kind: 'imported'; report: EnrolmentImportReport }
  | { kind: 'failed'; error: unknown };

export function EnrolImportPanel({
  courseId,
  enrolmentCount,
  onImported,
}: {
  courseId: number;
  enrolmentCount: number;
  // Called after a stored import, so that the page reads the course (and its count) again.
  onImported: () => void;
}) {
  const { t, lang } = useI18n();
  const [file, setFile] = useState<File | undefined>(undefined);
  const [badType, setBadType] = useState(false);
  const [step, setStep] = useState<Step>({ kind: 'idle' });
  // What the imports made on this page so far (the counts of the latest one are in `step`).
  const [total, setTotal] = useState(0);
  const n = (value: number) => formatNumber(value, lang);

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
      const report = await importEnrolments(courseId, file, type, dryRun);
      if (!dryRun && report.ok) {
        setStep({ kind: 'imported', report });
        setTotal((x) => x + report.enrolled);
        onImported();
      } else {
        setStep({ kind: 'checked', report });
      }
    } catch (error) {
      setStep({ kind: 'failed', error });
    }
  };
  const reset = () => setStep({ kind: 'idle' });
  const report = step.kind === 'checked' || step.kind === 'imported' ? step.report : undefined;
  const errorsTotal = report ? (report.errors_total ?? report.errors.length) : 0;

  return (
    <section class="panel course-panel" aria-labelledby="enrol-import-title" data-testid="enrol-import">
      <h2 id="enrol-import-title">{t('course.enrolList.title')}</h2>
      <p>{t('course.enrolList.intro')}</p>
      <p data-testid="enrol-course-total">{t('course.enrolList.courseTotal', { count: n(enrolmentCount) })}</p>
      <form
        class="form"
        onSubmit={(e) => {
          e.preventDefault();
          void run(true);
        }}
      >
        <div class={`field${badType ? ' field--invalid' : ''}`}>
          <label for="enrol-file">{t('course.enrolList.file')}</label>
          <input
            id="enrol-file"
            type="file"
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            aria-describedby={`enrol-file-hint${badType ? ' enrol-file-error' : ''}`}
            aria-invalid={badType ? 'true' : undefined}
            onChange={(e) => {
              setFile(e.currentTarget.files?.[0]);
              setBadType(false);
              reset();
            }}
          />
          <p class="field__hint" id="enrol-file-hint">
            {t('course.enrolList.columns')} <code dir="ltr">email, language</code>
          </p>
          {badType && (
            <p class="field__error" id="enrol-file-error">
              {t('course.enrolList.badType')}
            </p>
          )}
        </div>
        <div class="actions">
          <button type="submit" class="button" disabled={!file || step.kind === 'busy'} data-testid="enrol-check">
            {t('course.enrolList.check')}
          </button>
        </div>
      </form>
      {step.kind === 'busy' && (
        <p class="loading" role="status">
          {step.what === 'check' ? t('course.enrolList.checking') : t('course.enrolList.enrolling')}
        </p>
      )}
      {step.kind === 'failed' && <ErrorBox error={step.error} />}
      {report && (
        <dl class="facts enrol-counts" data-testid="enrol-counts" data-dry-run={String(report.dry_run)}>
          <dt>{t('course.enrolList.rows')}</dt>
          <dd data-testid="enrol-rows">{n(report.rows)}</dd>
          <dt>{report.dry_run ? t('course.enrolList.newEnrolments') : t('course.enrolList.enrolled')}</dt>
          <dd data-testid="enrol-new">{n(report.enrolled)}</dd>
          <dt>{t('course.enrolList.already')}</dt>
          <dd data-testid="enrol-already">{n(report.already_enrolled)}</dd>
          <dt>{t('course.enrolList.badCells')}</dt>
          <dd data-testid="enrol-bad">{n(errorsTotal)}</dd>
        </dl>
      )}
      {step.kind === 'imported' && (
        <Notice testId="enrol-imported">
          {t('course.enrolList.done', { enrolled: n(step.report.enrolled), already: n(step.report.already_enrolled) })}
        </Notice>
      )}
      {total > 0 && (
        <p class="muted" data-testid="enrol-total">
          {t('course.enrolList.sessionTotal', { enrolled: n(total) })}
        </p>
      )}
      {step.kind === 'checked' && step.report.ok && step.report.enrolled === 0 && (
        <Notice testId="enrol-nothing-new">{t('course.enrolList.nothingNew')}</Notice>
      )}
      {step.kind === 'checked' && step.report.ok && step.report.enrolled > 0 && (
        <div class="actions">
          <button type="button" class="button button--primary" onClick={() => run(false)} data-testid="enrol-run">
            {t('course.enrolList.run', { count: n(step.report.enrolled) })}
          </button>
        </div>
      )}
      {step.kind === 'checked' && !step.report.ok && (
        <div data-testid="enrol-report">
          <div class="error-box" role="alert">
            <p class="error-box__title">
              {step.report.dry_run ? t('course.enrolList.badRows') : t('course.enrolList.refused')}
            </p>
            <p class="error-box__message">
              {t('course.enrolList.summary', { rows: n(step.report.rows), errors: n(errorsTotal) })}
            </p>
          </div>
          <CellErrorsTable errors={step.report.errors} testId="enrol-errors" />
          {(step.report.errors_summary ?? []).length > 0 && (
            <>
              <p>{t('course.enrolList.more')}</p>
              <ul class="plain-list" data-testid="enrol-errors-summary">
                {(step.report.errors_summary ?? []).map((s, i) => (
                  <li key={i}>
                    <code dir="ltr">{s.column}</code>: <span lang="en">{s.reason}</span> ({n(s.count)})
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
    </section>
  );
}
