// The secretariat: every quiz of a course (module quizzes and the final assessment) with its
// grader type and number of questions, linked to its settings and results; and a new final
// assessment when the course has none.

import { formatNumber } from '../../../platform/format';
import { Loaded } from '../../../platform/forms';
import { useI18n } from '../../../platform/i18n';
import { Link } from '../../../platform/router';
import { useLoad } from '../../../platform/useLoad';
import { listCourseQuizzes } from '../api';
import type { Course } from '../types';
import { newQuizHref } from './ModulesPanel';

export function QuizzesPanel({ course }: { course: Course }) {
  const { t, lang } = useI18n();
  const load = useLoad((signal) => listCourseQuizzes(course.course_id, signal), [course.course_id]);
  const moduleOf = (id: number | null) => course.modules.find((m) => m.module_id === id);
  return (
    <section aria-labelledby="editor-quizzes-title" class="panel course-panel" data-testid="quizzes-panel">
      <h2 id="editor-quizzes-title">{t('course.quizzes.title')}</h2>
      <Loaded load={load}>
        {({ items }) =>
          items.length === 0 ? (
            <p data-testid="quizzes-none">{t('course.quizzes.none')}</p>
          ) : (
            <div class="table-wrap">
              <table class="table" data-testid="quizzes-table">
                <caption class="visually-hidden">{t('course.quizzes.title')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('course.quiz.titleField')}</th>
                    <th scope="col">{t('course.quizzes.for')}</th>
                    <th scope="col">{t('course.quiz.graderType')}</th>
                    <th scope="col">{t('course.assessment.questions')}</th>
                    <th scope="col">{t('common.actions')}</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((q) => {
                    const m = moduleOf(q.module_id);
                    return (
                      <tr key={q.quiz_id} data-quiz-id={q.quiz_id}>
                        <td>
                          <bdi>{q.title}</bdi>
                        </td>
                        <td>
                          {q.module_id === null ? (
                            t('course.assessment.title')
                          ) : (
                            <>
                              {t('course.modules.number', { number: formatNumber(m?.position ?? 0, lang) })}
                              {m?.title && (
                                <>
                                  {': '}
                                  <bdi lang={m.language}>{m.title}</bdi>
                                </>
                              )}
                            </>
                          )}
                        </td>
                        <td>{q.grader_type ? <bdi>{q.grader_type}</bdi> : <span class="muted">{t('common.none')}</span>}</td>
                        <td>{formatNumber(q.slots.length, lang)}</td>
                        <td>
                          <span class="actions actions--tight">
                            <Link href={`/quizzes/${q.quiz_id}/edit`} data-testid="quiz-settings-link">
                              {t('course.quizzes.settings')}
                            </Link>
                            <Link href={`/quizzes/${q.quiz_id}/results`}>{t('course.results.link')}</Link>
                          </span>
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )
        }
      </Loaded>
      {course.assessment_quiz_id === null && (
        <p class="actions">
          <Link href={newQuizHref(course.course_id, null)} class="button" data-testid="new-assessment">
            {t('course.quizzes.newAssessment')}
          </Link>
        </p>
      )}
    </section>
  );
}
