// One course: its modules in order (ticked once read), enrolment in one of the course's
// languages, the final assessment (pass mark, the learner's result, start or resume), and the
// certificate once issued, with its verification page and the credential to download. When the
// course has a weighted grading policy, the learner's grade per grader type and overall. The
// secretariat also finds the quizzes' results and the course's editor here.

import { formatDate, formatNumber } from '../../../platform/format';
import { Loaded } from '../../../platform/forms';
import { useI18n } from '../../../platform/i18n';
import { usePageTitle } from '../../../platform/page';
import { Link, type RouteProps } from '../../../platform/router';
import { signInHref, useSession } from '../../../platform/session';
import { useLoad } from '../../../platform/useLoad';
import { getCourse, getProgress, getQuiz } from '../api';
import '../course.css';
import { CertificateLinks } from '../components/CertificateLinks';
import { EnrolForm, languageLabel } from '../components/EnrolForm';
import { GradeSummary } from '../components/GradeSummary';
import { StartQuizButton } from '../components/StartQuizButton';
import { contentLanguage, formatPercentE2, sortedModules, totalMinutes } from '../rules';
import type { Course, Progress } from '../types';

interface View {
  course: Course;
  progress: Progress | undefined;
}

export default function CoursePage({ params }: RouteProps) {
  const { t, lang } = useI18n();
  const session = useSession();
  const id = params.id ?? '';
  const signedIn = session.user !== null;
  const load = useLoad(
    async (signal): Promise<View> => {
      if (!signedIn) return { course: await getCourse(id, lang, signal), progress: undefined };
      const progress = await getProgress(id, signal);
      // An enrolled learner reads the course in the enrolment's language.
      if (progress.enrolled) return { course: progress.course, progress };
      const course = await getCourse(id, contentLanguage(progress.course.languages, lang), signal);
      return { course, progress };
    },
    [id, lang, signedIn],
  );
  usePageTitle(load.data?.course.title ?? t('course.catalogue.title'));
  return (
    <section class="page">
      <p class="breadcrumb">
        <Link href="/courses">{t('course.catalogue.title')}</Link>
      </p>
      <Loaded load={load}>
        {(view) => <CourseView view={view} onProgress={(p) => load.set({ course: p.course, progress: p })} />}
      </Loaded>
    </section>
  );
}

function CourseView({ view, onProgress }: { view: View; onProgress: (p: Progress) => void }) {
  const { t, lang } = useI18n();
  const session = useSession();
  const { course, progress } = view;
  const enrolled = progress?.enrolled === true;
  const staff = session.hasRole('admin', 'officer');
  const modules = sortedModules(course);
  const state = (moduleId: number) => progress?.modules.find((m) => m.module_id === moduleId);

  return (
    <>
      <div class="page-head">
        <h1 data-testid="course-title">
          <bdi>{course.title}</bdi>
        </h1>
        {staff && (
          <Link href={`/courses/${course.course_id}/edit`} class="button" data-testid="edit-course-link">
            {t('common.edit')}
          </Link>
        )}
      </div>
      {course.description && <p class="plain-text">{course.description}</p>}
      <dl class="facts">
        <dt>{t('course.field.code')}</dt>
        <dd>
          <bdi>{course.code}</bdi>
        </dd>
        <dt>{t('course.field.modules')}</dt>
        <dd>
          {formatNumber(modules.length, lang)} ({t('course.minutes', { minutes: formatNumber(totalMinutes(course), lang) })})
        </dd>
        <dt>{t('course.field.languages')}</dt>
        <dd>{course.languages.map(languageLabel).join(', ')}</dd>
        <dt>{t('course.field.passMark')}</dt>
        <dd data-testid="course-pass-mark">{formatPercentE2(course.pass_mark_e2, lang)}</dd>
        {(course.opens_on || course.closes_on) && (
          <>
            <dt>{t('course.field.dates')}</dt>
            <dd>
              {course.opens_on && t('course.opensOn', { date: formatDate(course.opens_on, lang) })}
              {course.opens_on && course.closes_on && ' · '}
              {course.closes_on && t('course.closesOn', { date: formatDate(course.closes_on, lang) })}
            </dd>
          </>
        )}
        {enrolled && progress?.enrolled_on && (
          <>
            <dt>{t('course.field.enrolled')}</dt>
            <dd data-testid="course-enrolled">
              {formatDate(progress.enrolled_on, lang)}
              {progress.language && ` (${languageLabel(progress.language)})`}
            </dd>
          </>
        )}
      </dl>

      {!session.user && (
        <p class="panel course-panel">
          <Link href={signInHref(`/courses/${course.course_id}`)} data-testid="sign-in-to-enrol">
            {t('course.enrol.signIn')}
          </Link>
        </p>
      )}
      {session.user && !enrolled && (
        <section aria-labelledby="enrol-title" class="panel course-panel">
          <h2 id="enrol-title">{t('course.enrol.title')}</h2>
          <p>{t('course.enrol.intro')}</p>
          <EnrolForm course={course} onEnrolled={onProgress} />
        </section>
      )}

      {progress?.completed_at && (
        <p class="notice" role="status" data-testid="course-completed">
          {t('course.completedOn', { date: formatDate(progress.completed_at.slice(0, 10), lang) })}
        </p>
      )}

      {enrolled && progress?.grade && <GradeSummary grade={progress.grade} />}

      {progress?.certificate && (
        <section aria-labelledby="certificate-title" class="panel course-panel" data-testid="course-certificate">
          <h2 id="certificate-title">{t('course.certificate.title')}</h2>
          <dl class="facts">
            <dt>{t('course.certificate.code')}</dt>
            <dd>
              <code dir="ltr" data-testid="certificate-code">
                {progress.certificate.code}
              </code>
            </dd>
            <dt>{t('course.certificate.issuedOn')}</dt>
            <dd>{formatDate(progress.certificate.issued_on, lang)}</dd>
            <dt>{t('course.certificate.score')}</dt>
            <dd>
              <bdi>{progress.certificate.score}</bdi>
            </dd>
            <dt>{t('course.certificate.status')}</dt>
            <dd>
              <span class={`badge ${progress.certificate.status === 'valid' ? 'badge--ok' : 'badge--warn'}`}>
                {progress.certificate.status === 'valid' ? t('course.certificate.valid') : t('course.certificate.revoked')}
              </span>
            </dd>
          </dl>
          <p>
            <CertificateLinks certificate={progress.certificate} />
          </p>
        </section>
      )}

      <section aria-labelledby="modules-title">
        <h2 id="modules-title">{t('course.modules.title')}</h2>
        {modules.length === 0 ? (
          <p>{t('course.modules.none')}</p>
        ) : (
          <ol class="module-list" data-testid="module-list">
            {modules.map((m) => {
              const s = state(m.module_id);
              const visited = s?.visited === true;
              return (
                <li key={m.module_id} class="module-list__item" data-testid="module-item" data-visited={String(visited)}>
                  {enrolled && (
                    <span class={`tick${visited ? ' tick--done' : ''}`} aria-hidden="true">
                      {visited ? '✓' : '○'}
                    </span>
                  )}
                  <span class="module-list__body">
                    <Link href={`/courses/${course.course_id}/modules/${m.module_id}`} data-testid="module-link">
                      <bdi>{m.title ?? t('course.modules.number', { number: m.position })}</bdi>
                    </Link>
                    {enrolled && (
                      <span class="visually-hidden">
                        {' '}
                        ({visited ? t('course.modules.read') : t('course.modules.unread')})
                      </span>
                    )}
                    <span class="muted">
                      {' · '}
                      {t('course.minutes', { minutes: formatNumber(m.estimated_minutes, lang) })}
                    </span>
                    {m.quiz_id !== null && (
                      <span class="module-list__quiz">
                        {enrolled && s?.quiz_passed === true ? (
                          <span class="badge badge--ok">{t('course.modules.quizPassed')}</span>
                        ) : enrolled ? (
                          <StartQuizButton quizId={m.quiz_id} label={t('course.modules.takeQuiz')} />
                        ) : (
                          <span class="muted">{t('course.modules.hasQuiz')}</span>
                        )}
                        {staff && (
                          <Link href={`/quizzes/${m.quiz_id}/results`}>{t('course.results.link')}</Link>
                        )}
                      </span>
                    )}
                  </span>
                </li>
              );
            })}
          </ol>
        )}
      </section>

      {course.assessment_quiz_id !== null && (
        <Assessment course={course} quizId={course.assessment_quiz_id} progress={progress} staff={staff} />
      )}
    </>
  );
}

function Assessment({
  course,
  quizId,
  progress,
  staff,
}: {
  course: Course;
  quizId: number;
  progress: Progress | undefined;
  staff: boolean;
}) {
  const { t, lang } = useI18n();
  const session = useSession();
  const enrolled = progress?.enrolled === true;
  // The quiz's settings are for signed-in people only.
  const quiz = useLoad(
    (signal) => (session.user ? getQuiz(quizId, signal) : Promise.resolve(undefined)),
    [quizId, session.user?.user_id],
  );
  const q = quiz.data;
  const result = progress?.assessment;
  return (
    <section aria-labelledby="assessment-title" class="panel course-panel" data-testid="assessment">
      <h2 id="assessment-title">{t('course.assessment.title')}</h2>
      <dl class="facts">
        <dt>{t('course.field.passMark')}</dt>
        <dd>{formatPercentE2(q?.pass_mark_e2 ?? course.pass_mark_e2, lang)}</dd>
        {q && (
          <>
            <dt>{t('course.assessment.questions')}</dt>
            <dd>{formatNumber(q.slots.length, lang)}</dd>
            <dt>{t('course.assessment.timeLimit')}</dt>
            <dd>
              {q.time_limit_seconds > 0
                ? t('course.assessment.limitMinutes', { minutes: formatNumber(Math.ceil(q.time_limit_seconds / 60), lang) })
                : t('course.assessment.noLimit')}
            </dd>
            <dt>{t('course.assessment.attempts')}</dt>
            <dd>{q.attempts_allowed > 0 ? formatNumber(q.attempts_allowed, lang) : t('course.assessment.noLimit')}</dd>
          </>
        )}
        {enrolled && (
          <>
            <dt>{t('course.assessment.result')}</dt>
            <dd data-testid="assessment-result">
              {result ? (
                <>
                  <span data-testid="assessment-score">{formatPercentE2(result.score_e2, lang)}</span>{' '}
                  <span class={`badge ${result.passed ? 'badge--ok' : 'badge--warn'}`}>
                    {result.passed ? t('course.attempt.passed') : t('course.attempt.notPassed')}
                  </span>
                </>
              ) : (
                t('course.assessment.notTaken')
              )}
            </dd>
          </>
        )}
      </dl>
      {enrolled ? (
        <div class="actions">
          <StartQuizButton quizId={quizId} label={t('course.assessment.start')} testId="start-assessment" />
          <span class="muted">{t('course.assessment.resumeHint')}</span>
        </div>
      ) : (
        session.user && <p class="muted">{t('course.assessment.enrolFirst')}</p>
      )}
      {staff && (
        <p>
          <Link href={`/quizzes/${quizId}/results`} data-testid="assessment-results-link">
            {t('course.results.link')}
          </Link>
        </p>
      )}
    </section>
  );
}
