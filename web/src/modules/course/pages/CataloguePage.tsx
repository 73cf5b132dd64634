// The online courses: each with its modules and estimated time. A signed-in learner enrols here
// (in one of the course's languages) or continues, sees how far they are, and finds their
// certificates with the verification page and the credential to download. Visitors are offered
// the sign-in page; the secretariat finds the question bank and makes new courses.

import { formatDate, formatNumber } from '../../../platform/format';
import { Loaded } from '../../../platform/forms';
import { useI18n } from '../../../platform/i18n';
import { usePageTitle } from '../../../platform/page';
import { Link, navigate } from '../../../platform/router';
import { signInHref, useSession } from '../../../platform/session';
import { useLoad } from '../../../platform/useLoad';
import { listCourses, myCertificates, myCourses } from '../api';
import '../course.css';
import { CertificateLinks } from '../components/CertificateLinks';
import { EnrolForm, languageLabel } from '../components/EnrolForm';
import { formatPercentE2, totalMinutes, visitedCount } from '../rules';
import type { Certificate, Course, Progress } from '../types';

export default function CataloguePage() {
  const { t, lang } = useI18n();
  const session = useSession();
  usePageTitle(t('course.catalogue.title'));
  const signedIn = session.user !== null;
  const load = useLoad(
    async (signal) => {
      const [courses, mine] = await Promise.all([
        listCourses(lang, signal),
        signedIn ? myCourses(signal) : Promise.resolve({ items: [] as Progress[] }),
      ]);
      return { courses: courses.items, mine: new Map(mine.items.map((p) => [p.course.course_id, p])) };
    },
    [lang, signedIn],
  );

  return (
    <section class="page page--wide">
      <div class="page-head">
        <h1>{t('course.catalogue.title')}</h1>
        {session.hasRole('admin', 'officer') && (
          <span class="actions">
            <Link href="/courses/new" class="button" data-testid="new-course-link">
              {t('course.editor.newTitle')}
            </Link>
            <Link href="/courses/questions" class="button" data-testid="question-bank-link">
              {t('course.bank.title')}
            </Link>
          </span>
        )}
      </div>
      <p>{t('course.catalogue.intro')}</p>
      <Loaded load={load}>
        {({ courses, mine }) =>
          courses.length === 0 ? (
            <p data-testid="courses-empty">{t('course.catalogue.empty')}</p>
          ) : (
            <ul class="course-list" data-testid="course-list">
              {courses.map((c) => (
                <CourseCard key={c.course_id} course={c} progress={mine.get(c.course_id)} signedIn={signedIn} />
              ))}
            </ul>
          )
        }
      </Loaded>
      {signedIn && <MyCertificates />}
    </section>
  );
}

function CourseCard({ course, progress, signedIn }: { course: Course; progress: Progress | undefined; signedIn: boolean }) {
  const { t, lang } = useI18n();
  const href = `/courses/${course.course_id}`;
  const enrolled = progress?.enrolled === true;
  return (
    <li class="course-card" data-testid="course-card" data-course-id={course.course_id}>
      <h2 class="course-card__title">
        <Link href={href}>
          <bdi>{course.title}</bdi>
        </Link>
      </h2>
      {course.description && <p class="plain-text">{course.description}</p>}
      <p class="muted">
        {t('course.modulesCount', { count: formatNumber(course.modules.length, lang) })}
        {' · '}
        {t('course.minutes', { minutes: formatNumber(totalMinutes(course), lang) })}
        {' · '}
        {course.languages.map(languageLabel).join(', ')}
        {course.closes_on && (
          <>
            {' · '}
            {t('course.closesOn', { date: formatDate(course.closes_on, lang) })}
          </>
        )}
      </p>
      {enrolled && progress ? (
        <div class="course-card__progress" data-testid="course-progress">
          <p>
            {t('course.progress.modules', {
              visited: formatNumber(visitedCount(progress), lang),
              total: formatNumber(progress.modules.length, lang),
            })}
            {progress.assessment && (
              <>
                {' · '}
                {t('course.progress.score', { score: formatPercentE2(progress.assessment.score_e2, lang) })}
              </>
            )}
            {progress.completed_at && (
              <>
                {' '}
                <span class="badge badge--ok">{t('course.progress.completed')}</span>
              </>
            )}
          </p>
          <Link href={href} class="button button--primary" data-testid="continue-course">
            {t('course.continue')}
          </Link>
        </div>
      ) : signedIn ? (
        <EnrolForm course={course} onEnrolled={() => navigate(href)} />
      ) : (
        <p>
          <Link href={signInHref('/courses')} data-testid="sign-in-to-enrol">
            {t('course.enrol.signIn')}
          </Link>
        </p>
      )}
    </li>
  );
}

function MyCertificates() {
  const { t } = useI18n();
  const load = useLoad((signal) => myCertificates(signal), []);
  return (
    <section aria-labelledby="my-certificates-title" data-testid="my-certificates">
      <h2 id="my-certificates-title">{t('course.myCertificates.title')}</h2>
      <Loaded load={load}>
        {({ items }) =>
          items.length === 0 ? <p>{t('course.myCertificates.none')}</p> : <CertificateTable certificates={items} />
        }
      </Loaded>
    </section>
  );
}

function CertificateTable({ certificates }: { certificates: Certificate[] }) {
  const { t, tDynamic, lang } = useI18n();
  return (
    <div class="table-wrap">
      <table class="table">
        <thead>
          <tr>
            <th scope="col">{t('course.certificate.course')}</th>
            <th scope="col">{t('course.certificate.issuedOn')}</th>
            <th scope="col">{t('course.certificate.score')}</th>
            <th scope="col">{t('course.certificate.status')}</th>
            <th scope="col">{t('common.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {certificates.map((c) => (
            <tr key={c.code} data-code={c.code}>
              <td>
                <bdi>{c.course}</bdi>
              </td>
              <td>{formatDate(c.issued_on, lang)}</td>
              <td>
                <bdi>{c.score}</bdi>
              </td>
              <td>
                <span class={`badge ${c.status === 'valid' ? 'badge--ok' : 'badge--warn'}`}>
                  {tDynamic(`course.certificate.${c.status}`)}
                </span>
              </td>
              <td>
                <CertificateLinks certificate={c} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
