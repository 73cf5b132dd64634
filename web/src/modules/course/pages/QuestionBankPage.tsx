// The secretariat's question bank: the questions by category (each opening its editor), exports
// as GIFT or Moodle XML, and imports of either format. An import is checked first (a dry run listing every problem
// with where it is); a clean file is then imported, all questions or none.

import { useState } from 'preact/hooks';
import { ErrorBox } from '../../../platform/ErrorBox';
import { formatDateTime, formatNumber } from '../../../platform/format';
import { Loaded, Notice } from '../../../platform/forms';
import { useI18n } from '../../../platform/i18n';
import { usePageTitle } from '../../../platform/page';
import { Link } from '../../../platform/router';
import { useLoad } from '../../../platform/useLoad';
import { exportHref, importQuestions, listCategories, listQuestions } from '../api';
import '../course.css';
import { plainText } from '../components/PlainText';
import { QUESTION_FORMATS, type BankQuestion, type QuestionFormat, type QuestionImportReport } from '../types';

type Step =
  | { kind: 'idle' }
  | { kind: 'busy'; what: 'check' | 'import' }
  | { kind: 'checked'; report: QuestionImportReport }
  | { kind: 'imported'; report: QuestionImportReport }
  | { kind: 'failed'; error: unknown };

export default function QuestionBankPage() {
  const { t, tDynamic } = useI18n();
  usePageTitle(t('course.bank.title'));
  const [category, setCategory] = useState('');
  const [version, setVersion] = useState(0);
  const categories = useLoad((signal) => listCategories(signal), [version]);
  const questions = useLoad((signal) => listQuestions(category, signal), [category, version]);

  return (
    <section class="page page--wide">
      <p class="breadcrumb">
        <Link href="/courses">{t('course.catalogue.title')}</Link>
      </p>
      <h1>{t('course.bank.title')}</h1>
      <div class="filters">
        <div class="field">
          <label for="bank-category">{t('course.bank.category')}</label>
          <select id="bank-category" value={category} onChange={(e) => setCategory(e.currentTarget.value)}>
            <option value="">{t('common.all')}</option>
            {(categories.data?.items ?? []).map((c) => (
              <option key={c.category_id} value={String(c.category_id)}>
                {c.path}
              </option>
            ))}
          </select>
        </div>
        <p class="actions">
          {t('course.bank.export')}{' '}
          {QUESTION_FORMATS.map((f) => (
            <a key={f} href={exportHref(f, category)} download data-testid={`export-${f}`}>
              {tDynamic(`course.bank.format.${f}`)}
            </a>
          ))}
        </p>
      </div>
      {categories.state.kind === 'failed' && <ErrorBox error={categories.state.error} onRetry={categories.reload} />}
      <Loaded load={questions}>
        {({ items }) =>
          items.length === 0 ? (
            <p data-testid="bank-empty">{t('course.bank.empty')}</p>
          ) : (
            <div class="table-wrap">
              <table class="table" data-testid="bank-table">
                <caption class="visually-hidden">{t('course.bank.title')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('course.bank.name')}</th>
                    <th scope="col">{t('course.bank.type')}</th>
                    <th scope="col">{t('course.bank.category')}</th>
                    <th scope="col">{t('course.bank.text')}</th>
                    <th scope="col">{t('course.bank.version')}</th>
                    <th scope="col">{t('common.updatedAt')}</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((q) => (
                    <QuestionRow key={q.question_id} q={q} />
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </Loaded>
      <ImportPanel onImported={() => setVersion((n) => n + 1)} />
    </section>
  );
}

function QuestionRow({ q }: { q: BankQuestion }) {
  const { t, tDynamic, lang } = useI18n();
  return (
    <tr data-question-id={q.question_id}>
      <td>
        <Link href={`/courses/questions/${q.question_id}`} data-testid="question-edit-link">
          <bdi>{q.question.name || t('course.question.untitled')}</bdi>
        </Link>
      </td>
      <td>{tDynamic(`course.questionType.${q.question.type}`)}</td>
      <td>
        <bdi>{q.category}</bdi>
      </td>
      <td class="bank-text">{plainText(q.question.text)}</td>
      <td>{formatNumber(q.version, lang)}</td>
      <td>{formatDateTime(q.updated_at, lang)}</td>
    </tr>
  );
}

function formatFor(fileName: string): QuestionFormat | undefined {
  const name = fileName.toLowerCase();
  if (name.endsWith('.xml')) return 'xml';
  if (name.endsWith('.txt') || name.endsWith('.gift')) return 'gift';
  return undefined;
}

function ImportPanel({ onImported }: { onImported: () => void }) {
  const { t, tDynamic, lang } = useI18n();
  const [format, setFormat] = useState<QuestionFormat>('gift');
  const [file, setFile] = useState<File | undefined>(undefined);
  const [step, setStep] = useState<Step>({ kind: 'idle' });
  const n = (value: number) => formatNumber(value, lang);

  const run = async (dryRun: boolean) => {
    if (!file) return;
    setStep({ kind: 'busy', what: dryRun ? 'check' : 'import' });
    try {
      const report = await importQuestions(file, format, file.name, dryRun);
      if (!dryRun && report.problems.length === 0) {
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

  return (
    <section class="panel course-panel" aria-labelledby="bank-import-title" data-testid="bank-import">
      <h2 id="bank-import-title">{t('course.bank.import.title')}</h2>
      <p>{t('course.bank.import.intro')}</p>
      <form
        class="form"
        onSubmit={(e) => {
          e.preventDefault();
          void run(true);
        }}
      >
        <div class="field">
          <label for="bank-format">{t('course.bank.import.format')}</label>
          <select
            id="bank-format"
            value={format}
            onChange={(e) => {
              setFormat(e.currentTarget.value as QuestionFormat);
              reset();
            }}
          >
            {QUESTION_FORMATS.map((f) => (
              <option key={f} value={f}>
                {tDynamic(`course.bank.format.${f}`)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="bank-file">{t('course.bank.import.file')}</label>
          <input
            id="bank-file"
            type="file"
            accept=".txt,.gift,.xml,text/plain,application/xml,text/xml"
            onChange={(e) => {
              const chosen = e.currentTarget.files?.[0];
              setFile(chosen);
              const guessed = chosen ? formatFor(chosen.name) : undefined;
              if (guessed) setFormat(guessed);
              reset();
            }}
          />
        </div>
        <div class="actions">
          <button type="submit" class="button" disabled={!file || step.kind === 'busy'} data-testid="bank-check">
            {t('course.bank.import.check')}
          </button>
        </div>
      </form>
      {step.kind === 'busy' && (
        <p class="loading" role="status">
          {step.what === 'check' ? t('course.bank.import.checking') : t('course.bank.import.importing')}
        </p>
      )}
      {step.kind === 'failed' && <ErrorBox error={step.error} />}
      {step.kind === 'imported' && (
        <Notice testId="bank-imported">
          {t('course.bank.import.done', { questions: n(step.report.question_ids.length) })}
        </Notice>
      )}
      {step.kind === 'checked' && step.report.problems.length === 0 && (
        <>
          <Notice testId="bank-clean">
            {t('course.bank.import.clean', {
              questions: n(step.report.questions),
              categories: n(step.report.categories.length),
            })}
          </Notice>
          <div class="actions">
            <button type="button" class="button button--primary" onClick={() => run(false)} data-testid="bank-run">
              {t('course.bank.import.run', { questions: n(step.report.questions) })}
            </button>
          </div>
        </>
      )}
      {step.kind === 'checked' && step.report.problems.length > 0 && (
        <div class="error-box" role="alert" data-testid="bank-report">
          <p class="error-box__title">
            {step.report.dry_run ? t('course.bank.import.problems') : t('course.bank.import.refused')}
          </p>
          <p class="error-box__message">
            {t('course.bank.import.problemCount', { problems: n(step.report.problems.length) })}
          </p>
          <ul class="error-box__fields" data-testid="bank-problems">
            {step.report.problems.map((p, i) => (
              <li key={i}>
                <code dir="ltr" class="error-box__field">
                  {p.where}
                </code>
                : <span lang="en">{p.message}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
