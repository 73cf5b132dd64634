// The secretariat: every attempt at a quiz, with the learner, their country, when they started
// and submitted, the score and whether it passes; the same as a CSV or XLSX file to download.

import { formatDateTime, formatNumber } from '../../../platform/format';
import { Loaded } from '../../../platform/forms';
import { useI18n } from '../../../platform/i18n';
import { usePageTitle } from '../../../platform/page';
import { Link, type RouteProps } from '../../../platform/router';
import { useLoad } from '../../../platform/useLoad';
import { getResults, resultsHref } from '../api';
import '../course.css';
import { formatPercentE2 } from '../rules';

export default function ResultsPage({ params }: RouteProps) {
  const { t, lang } = useI18n();
  const id = params.id ?? '';
  const load = useLoad((signal) => getResults(id, signal), [id]);
  usePageTitle(load.data ? t('course.results.titleOf', { quiz: load.data.quiz.title }) : t('course.results.title'));
  return (
    <section class="page page--wide">
      <p class="breadcrumb">
        {load.data ? (
          <Link href={`/courses/${load.data.quiz.course_id}`}>{t('course.modules.backToCourse')}</Link>
        ) : (
          <Link href="/courses">{t('course.catalogue.title')}</Link>
        )}
      </p>
      <h1>{load.data ? <bdi>{load.data.quiz.title}</bdi> : t('course.results.title')}</h1>
      <Loaded load={load}>
        {({ quiz, items }) => (
          <>
            <p class="muted">
              {t('course.results.summary', {
                attempts: formatNumber(items.length, lang),
                passMark: formatPercentE2(quiz.pass_mark_e2, lang),
              })}
            </p>
            <p class="actions" data-testid="results-downloads">
              <a href={resultsHref(quiz.quiz_id, 'csv')} download class="button" data-testid="results-csv">
                {t('course.results.downloadCsv')}
              </a>
              <a href={resultsHref(quiz.quiz_id, 'xlsx')} download class="button" data-testid="results-xlsx">
                {t('course.results.downloadXlsx')}
              </a>
              <Link href={`/quizzes/${quiz.quiz_id}/edit`} data-testid="results-settings-link">
                {t('course.quizzes.settings')}
              </Link>
            </p>
            {items.length === 0 ? (
              <p data-testid="results-empty">{t('course.results.none')}</p>
            ) : (
              <div class="table-wrap">
                <table class="table" data-testid="results-table">
                  <caption class="visually-hidden">{t('course.results.title')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('course.results.learner')}</th>
                      <th scope="col">{t('field.country')}</th>
                      <th scope="col">{t('course.attempt.numberLabel')}</th>
                      <th scope="col">{t('course.results.started')}</th>
                      <th scope="col">{t('course.attempt.submittedAt')}</th>
                      <th scope="col">{t('course.attempt.score')}</th>
                      <th scope="col">{t('course.results.passed')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {items.map((r) => (
                      <tr key={r.attempt_id} data-attempt-id={r.attempt_id}>
                        <td>
                          <bdi>{r.learner_name}</bdi>
                        </td>
                        <td>{r.country ? <code dir="ltr">{r.country}</code> : ''}</td>
                        <td>{formatNumber(r.number, lang)}</td>
                        <td>{formatDateTime(r.started_at, lang)}</td>
                        <td>{r.submitted_at ? formatDateTime(r.submitted_at, lang) : t('course.results.inProgress')}</td>
                        <td>
                          {typeof r.score_e2 === 'number' ? (
                            formatPercentE2(r.score_e2, lang)
                          ) : r.score ? (
                            <bdi>{r.score}</bdi>
                          ) : (
                            ''
                          )}
                        </td>
                        <td>
                          {r.passed === null ? '' : r.passed ? t('common.yes') : t('common.no')}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </>
        )}
      </Loaded>
    </section>
  );
}
