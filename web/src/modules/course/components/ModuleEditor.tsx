// The secretariat's form of one module: its position, estimated minutes and, per language, a
// title and a Markdown body (every language the module is written in is loaded first, as the
// API gives one language at a time). Saving replaces all of them; a link then opens the module
// as learners see it. An existing module also has its attachments here.

import { useState } from 'preact/hooks';
import { describedBy, Field, Loaded, Notice } from '../../../platform/forms';
import { useI18n } from '../../../platform/i18n';
import { Link } from '../../../platform/router';
import { useLoad } from '../../../platform/useLoad';
import { addModule, getModule, updateModule } from '../api';
import {
  emptyModuleForm,
  hasProblems,
  moduleInput,
  moduleLanguages,
  withAttachments,
  type ModuleForm,
  type Problems,
} from '../authoring';
import type { Course, CourseModuleSummary } from '../types';
import { AttachmentsPanel } from './AttachmentsPanel';
import { languageLabel } from './EnrolForm';
import { FormErrors, problemMessages, type FieldRef } from './FormErrors';

export function ModuleEditor({
  course,
  module,
  onCourse,
  onCreated,
  onClose,
  justCreated = false,
}: {
  course: Course;
  module: CourseModuleSummary | undefined; // undefined: a new module
  onCourse: (course: Course) => void; // the course as the server has it after a change
  onCreated: (moduleId: number) => void;
  onClose: () => void;
  justCreated?: boolean;
}) {
  const moduleId = module?.module_id;
  const languages = module?.languages.join(',') ?? '';
  // Every language the module is written in, each with its title and Markdown.
  const load = useLoad(async (signal): Promise<ModuleForm> => {
    if (!module) return emptyModuleForm(course);
    const pages = await Promise.all(
      module.languages.map((l) => getModule(course.course_id, module.module_id, l, signal)),
    );
    const texts: ModuleForm['texts'] = {};
    for (const l of moduleLanguages(course.languages, module.languages)) texts[l] = { title: '', body: '' };
    for (const page of pages) texts[page.language] = { title: page.title, body: page.body_markdown };
    return { position: String(module.position), minutes: String(module.estimated_minutes), texts };
  }, [course.course_id, moduleId, languages]);
  return (
    <div class="module-editor" data-testid="module-editor" data-module-id={moduleId ?? 'new'}>
      <Loaded load={load}>
        {(initial) => (
          <ModuleFormView
            key={moduleId ?? 'new'}
            course={course}
            module={module}
            initial={initial}
            onCourse={onCourse}
            onCreated={onCreated}
            onClose={onClose}
            justCreated={justCreated}
          />
        )}
      </Loaded>
    </div>
  );
}

const TEXT_FIELD = /^texts\.([a-z]+)\.(title|body_markdown)$/;

function ModuleFormView({
  course,
  module,
  initial,
  onCourse,
  onCreated,
  onClose,
  justCreated,
}: {
  course: Course;
  module: CourseModuleSummary | undefined;
  initial: ModuleForm;
  onCourse: (course: Course) => void;
  onCreated: (moduleId: number) => void;
  onClose: () => void;
  justCreated: boolean;
}) {
  const { t, tDynamic } = useI18n();
  const [form, setForm] = useState(initial);
  const [problems, setProblems] = useState<Problems>({});
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(justCreated);
  const [attempt, setAttempt] = useState(0);
  const p = `module-${module?.module_id ?? 'new'}`;
  const messages = problemMessages(problems, error, tDynamic);
  const err = (name: string) => messages[name];
  const languages = Object.keys(form.texts);

  const setText = (language: string, change: Partial<{ title: string; body: string }>) => {
    setSaved(false);
    setForm((f) => ({ ...f, texts: { ...f.texts, [language]: { ...f.texts[language]!, ...change } } }));
  };

  const fieldOf = (name: string): FieldRef | undefined => {
    const text = TEXT_FIELD.exec(name);
    if (text) {
      const [, language, part] = text;
      return part === 'title'
        ? { id: `${p}-title-${language}`, label: `${t('course.module.titleField')} (${languageLabel(language!)})` }
        : { id: `${p}-body-${language}`, label: `${t('course.module.body')} (${languageLabel(language!)})` };
    }
    if (name === 'position') return { id: `${p}-position`, label: t('course.module.position') };
    if (name === 'estimated_minutes') return { id: `${p}-minutes`, label: t('course.module.minutes') };
    if (name === 'texts') return { id: `${p}-title-${languages[0]}`, label: t('course.module.titleField') };
    return undefined;
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    setAttempt((n) => n + 1);
    const { input, problems: found } = moduleInput(form);
    setProblems(found);
    setError(undefined);
    setSaved(false);
    if (hasProblems(found)) return;
    setBusy(true);
    try {
      if (module) {
        onCourse(await updateModule(course.course_id, module.module_id, input));
        setSaved(true);
      } else {
        const after = await addModule(course.course_id, input);
        onCourse(after);
        const created = after.modules.find((m) => m.position === input.position);
        if (created) onCreated(created.module_id);
      }
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  const current = module ? course.modules.find((m) => m.module_id === module.module_id) : undefined;
  const moduleHref = module ? `/courses/${course.course_id}/modules/${module.module_id}` : undefined;

  return (
    <>
      <form class="form" onSubmit={submit} noValidate data-testid="module-form">
        <h3>{module ? t('course.module.editTitle', { number: module.position }) : t('course.module.newTitle')}</h3>
        <div class="form__row">
          <Field id={`${p}-position`} label={t('course.module.position')} hint={t('course.module.positionHint')} error={err('position')}>
            <input
              id={`${p}-position`}
              type="text"
              inputMode="numeric"
              dir="ltr"
              class="input--short"
              value={form.position}
              onInput={(e) => {
                setSaved(false);
                setForm({ ...form, position: e.currentTarget.value });
              }}
              aria-invalid={err('position') ? 'true' : undefined}
              aria-describedby={describedBy(`${p}-position`, t('course.module.positionHint'), err('position'))}
            />
          </Field>
          <Field id={`${p}-minutes`} label={t('course.module.minutes')} error={err('estimated_minutes')}>
            <input
              id={`${p}-minutes`}
              type="text"
              inputMode="numeric"
              dir="ltr"
              class="input--short"
              value={form.minutes}
              onInput={(e) => {
                setSaved(false);
                setForm({ ...form, minutes: e.currentTarget.value });
              }}
              aria-invalid={err('estimated_minutes') ? 'true' : undefined}
              aria-describedby={describedBy(`${p}-minutes`, undefined, err('estimated_minutes'))}
            />
          </Field>
        </div>
        <p class="field__hint">{t('course.module.languagesHint')}</p>
        {languages.map((language) => {
          const text = form.texts[language]!;
          const titleId = `${p}-title-${language}`;
          const bodyId = `${p}-body-${language}`;
          const titleError = err(`texts.${language}.title`) ?? (language === languages[0] ? err('texts') : undefined);
          const bodyError = err(`texts.${language}.body_markdown`);
          return (
            <fieldset key={language} class="field module-language" data-testid="module-language" data-language={language}>
              <legend lang={language}>{languageLabel(language)}</legend>
              <Field id={titleId} label={t('course.module.titleField')} error={titleError}>
                <input
                  id={titleId}
                  type="text"
                  lang={language}
                  dir="auto"
                  value={text.title}
                  onInput={(e) => setText(language, { title: e.currentTarget.value })}
                  aria-invalid={titleError ? 'true' : undefined}
                  aria-describedby={describedBy(titleId, undefined, titleError)}
                />
              </Field>
              <Field id={bodyId} label={t('course.module.body')} hint={t('course.module.bodyHint')} error={bodyError}>
                <textarea
                  id={bodyId}
                  rows={8}
                  lang={language}
                  dir="auto"
                  class="markdown-input"
                  value={text.body}
                  onInput={(e) => setText(language, { body: e.currentTarget.value })}
                  aria-describedby={describedBy(bodyId, t('course.module.bodyHint'), bodyError)}
                />
              </Field>
            </fieldset>
          );
        })}
        <FormErrors messages={messages} error={error} fieldOf={fieldOf} attempt={attempt} testId="module-errors" />
        {saved && moduleHref && (
          <Notice testId="module-saved">
            {t('course.module.saved')}{' '}
            <Link href={moduleHref} data-testid="module-view-link">
              {t('course.module.view')}
            </Link>
          </Notice>
        )}
        <div class="actions">
          <button type="submit" class="button button--primary" disabled={busy} data-testid="save-module">
            {module ? t('common.save') : t('course.module.add')}
          </button>
          <button type="button" class="button" onClick={onClose} data-testid="close-module-editor">
            {module ? t('course.module.close') : t('common.cancel')}
          </button>
          {moduleHref && !saved && (
            <Link href={moduleHref} data-testid="module-view-link">
              {t('course.module.view')}
            </Link>
          )}
        </div>
      </form>
      {module && (
        <AttachmentsPanel
          courseId={course.course_id}
          moduleId={module.module_id}
          attachments={current?.attachments ?? []}
          onChange={(list) => onCourse(withAttachments(course, module.module_id, list))}
        />
      )}
    </>
  );
}
