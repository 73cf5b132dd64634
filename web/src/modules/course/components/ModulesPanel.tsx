// The secretariat: a course's modules in order, each with its languages, attachments and quiz
// (its settings and results, or a link to make one), opened one at a time in the module form;
// and a new module at the end.

import { useState } from 'preact/hooks';
import { formatNumber } from '../../../platform/format';
import { useI18n } from '../../../platform/i18n';
import { Link } from '../../../platform/router';
import { sortedModules } from '../rules';
import type { Course } from '../types';
import { languageLabel } from './EnrolForm';
import { ModuleEditor } from './ModuleEditor';

export function newQuizHref(courseId: number, moduleId: number | null): string {
  return `/quizzes/new?course_id=${courseId}${moduleId === null ? '' : `&module_id=${moduleId}`}`;
}

export function ModulesPanel({
  course,
  onCourse,
}: {
  course: Course;
  onCourse: (course: Course) => void;
}) {
  const { t, lang } = useI18n();
  // The module open in the form: its id, 'new', or none.
  const [open, setOpen] = useState<number | 'new' | null>(null);
  const [created, setCreated] = useState<number | null>(null);
  const modules = sortedModules(course);
  const courseHref = `/courses/${course.course_id}`;

  const close = () => {
    const was = open;
    setOpen(null);
    setCreated(null);
    // Back to the button that opened the form.
    setTimeout(() => document.getElementById(was === 'new' || was === null ? 'module-add' : `module-edit-${was}`)?.focus());
  };

  return (
    <section aria-labelledby="editor-modules-title" class="panel course-panel" data-testid="modules-panel">
      <h2 id="editor-modules-title">{t('course.modules.title')}</h2>
      {modules.length === 0 && <p>{t('course.modules.none')}</p>}
      <ol class="editor-modules" data-testid="editor-modules">
        {modules.map((m) => (
          <li key={m.module_id} class="editor-modules__item" data-testid="editor-module" data-module-id={m.module_id}>
            <div class="editor-modules__head">
              <span class="editor-modules__title">
                {t('course.modules.number', { number: formatNumber(m.position, lang) })}
                {': '}
                <Link href={`${courseHref}/modules/${m.module_id}`}>
                  <bdi lang={m.language}>{m.title ?? ''}</bdi>
                </Link>
              </span>
              <span class="muted">
                {t('course.minutes', { minutes: formatNumber(m.estimated_minutes, lang) })}
                {' · '}
                {m.languages.map(languageLabel).join(', ')}
                {' · '}
                {t('course.attachments.count', { count: formatNumber(m.attachments?.length ?? 0, lang) })}
              </span>
              <span class="editor-modules__links">
                {m.quiz_id !== null ? (
                  <>
                    <Link href={`/quizzes/${m.quiz_id}/edit`} data-testid="module-quiz-settings">
                      {t('course.quizzes.settings')}
                    </Link>
                    <Link href={`/quizzes/${m.quiz_id}/results`}>{t('course.results.link')}</Link>
                  </>
                ) : (
                  <Link href={newQuizHref(course.course_id, m.module_id)} data-testid="module-new-quiz">
                    {t('course.quizzes.newForModule')}
                  </Link>
                )}
                <button
                  type="button"
                  id={`module-edit-${m.module_id}`}
                  class="button"
                  aria-expanded={open === m.module_id}
                  onClick={() => {
                    setCreated(null);
                    setOpen(open === m.module_id ? null : m.module_id);
                  }}
                  data-testid="module-edit"
                >
                  {t('common.edit')}
                  <span class="visually-hidden"> {t('course.modules.number', { number: m.position })}</span>
                </button>
              </span>
            </div>
            {open === m.module_id && (
              <ModuleEditor
                course={course}
                module={m}
                onCourse={onCourse}
                onCreated={() => undefined}
                onClose={close}
                justCreated={created === m.module_id}
              />
            )}
          </li>
        ))}
      </ol>
      {open === 'new' ? (
        <ModuleEditor
          course={course}
          module={undefined}
          onCourse={onCourse}
          onCreated={(id) => {
            setCreated(id);
            setOpen(id);
          }}
          onClose={close}
        />
      ) : (
        <div class="actions">
          <button type="button" id="module-add" class="button" onClick={() => setOpen('new')} data-testid="module-add">
            {t('course.module.add')}
          </button>
        </div>
      )}
    </section>
  );
}
