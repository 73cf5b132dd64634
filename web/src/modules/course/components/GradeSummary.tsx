// The learner's weighted grade in a course with a grading policy: for each grader type its
// weight, the learner's average over the quizzes that count (with how many were dropped), and
// the course grade against the cut-off.

import { formatNumber } from '../../../platform/format';
import { useI18n } from '../../../platform/i18n';
import { formatPercentE2 } from '../rules';
import type { CourseGrade } from '../types';

export function GradeSummary({ grade }: { grade: CourseGrade }) {
  const { t, lang } = useI18n();
  const pct = (e2: number) => formatPercentE2(e2, lang);
  return (
    <section aria-labelledby="grade-title" class="panel course-panel" data-testid="course-grade">
      <h2 id="grade-title">{t('course.grade.title')}</h2>
      <p>
        <strong data-testid="grade-percent">{pct(grade.percent_e2)}</strong>{' '}
        <span
          class={`badge ${grade.passed ? 'badge--ok' : 'badge--warn'}`}
          data-testid="grade-passed"
          data-passed={String(grade.passed)}
        >
          {grade.passed ? t('course.attempt.passed') : t('course.attempt.notPassed')}
        </span>{' '}
        <span class="muted">{t('course.grade.cutoff', { cutoff: pct(grade.cutoff_e2) })}</span>
      </p>
      <div class="table-wrap">
        <table class="table" data-testid="grade-table">
          <caption class="visually-hidden">{t('course.grade.byType')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('course.policy.type')}</th>
              <th scope="col">{t('course.policy.weight')}</th>
              <th scope="col">{t('course.grade.score')}</th>
              <th scope="col">{t('course.grade.quizzes')}</th>
            </tr>
          </thead>
          <tbody>
            {grade.graders.map((g) => (
              <tr key={g.type} data-type={g.type}>
                <th scope="row">
                  <bdi>{g.type}</bdi>
                </th>
                <td>{pct(g.weight_e2)}</td>
                <td data-testid="grader-percent">{pct(g.percent_e2)}</td>
                <td>
                  {t('course.grade.counted', { count: formatNumber(g.counted.length, lang) })}
                  {g.dropped.length > 0 && (
                    <span class="muted">
                      {' · '}
                      {t('course.grade.dropped', { count: formatNumber(g.dropped.length, lang) })}
                    </span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
