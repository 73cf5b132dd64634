// The secretariat builds a course: /courses/new makes one, /courses/:id/edit changes it. The
// course's details and grading policy, its modules (texts in each language, attachments, quiz),
// its quizzes, and enrolling a list of people. Every change shows at once what the server
// stored, without reloading the page.

import { useCallback } from 'preact/hooks';
import { Loaded } from '../../../platform/forms';
import { useI18n } from '../../../platform/i18n';
import { usePageTitle } from '../../../platform/page';
import { Link, navigate, type RouteProps } from '../../../platform/router';
import { useLoad } from '../../../platform/useLoad';
import { getCourse } from '../api';
import '../course.css';
import { CourseForm } from '../components/CourseForm';
import { EnrolImportPanel } from '../components/EnrolImportPanel';
import { ModulesPanel } from '../components/ModulesPanel';
import { QuizzesPanel } from '../components/QuizzesPanel';
import type { Course } from '../types';

export default function CourseEditorPage({ params }: RouteProps) {
  const { t, lang } = useI18n();
  const id = params.id;
  const load = useLoad((signal) => (id ? getCourse(id, lang, signal) : Promise.resolve(undefined)), [id, lang]);
  const course = load.data;
  const title = id ? (course ? t('course.editor.editTitle', { title: course.title }) : t('course.editor.title')) : t('course.editor.newTitle');
  usePageTitle(title);
  const set = load.set;

  // The server answers writes with the course in English; the page shows titles in the reader's
  // language, so the course is read again in it (what was just stored shows in the meantime).
  const onCourse = useCallback(
    (next: Course) => {
      set(next);
      if (lang === 'en') return;
      getCourse(next.course_id, lang).then(
        (localized) => set(localized),
        () => undefined, // the English copy stays
      );
    },
    [set, lang],
  );

  return (
    <section class="page course-editor">
      <p class="breadcrumb">
        <Link href="/courses">{t('course.catalogue.title')}</Link>
        {course && (
          <>
            {' › '}
            <Link href={`/courses/${course.course_id}`} data-testid="editor-course-link">
              <bdi>{course.title}</bdi>
            </Link>
          </>
        )}
      </p>
      <h1>{id && course ? <bdi>{title}</bdi> : title}</h1>
      {id ? (
        <Loaded load={load}>
          {(c) =>
            c && (
              <>
                <section aria-labelledby="editor-details-title" class="panel course-panel">
                  <h2 id="editor-details-title">{t('course.editor.details')}</h2>
                  <CourseForm key={c.course_id} course={c} onSaved={onCourse} />
                </section>
                <ModulesPanel course={c} onCourse={onCourse} />
                <QuizzesPanel course={c} />
                <EnrolImportPanel
                  courseId={c.course_id}
                  enrolmentCount={c.enrolment_count ?? 0}
                  onImported={() => {
                    getCourse(c.course_id, lang).then(set, () => undefined);
                  }}
                />
              </>
            )
          }
        </Loaded>
      ) : (
        <>
          <p>{t('course.editor.newIntro')}</p>
          <CourseForm course={undefined} onSaved={(c) => navigate(`/courses/${c.course_id}/edit`, { replace: true })} />
        </>
      )}
    </section>
  );
}
