// The secretariat's form of a course: code, title, description, languages, dates, pass mark and
// the grading policy, either the default rule or a weighted policy in Open edX's form (rows of
// grader type, weight and drop count, with the sum of the weights shown as it is typed, and a
// cut-off). Problems are shown beside the fields and in a summary.

import { useState } from 'preact/hooks';
import { describedBy, Field, Notice } from '../../../platform/forms';
import { LANGUAGES, useI18n } from '../../../platform/i18n';
import { createCourse, updateCourse } from '../api';
import {
  courseFormOf,
  courseInput,
  firstGraderRows,
  hasProblems,
  newKey,
  parsePercentE2,
  weightTotalE2,
  type CourseForm as Form,
  type GraderRow,
  type Problems,
} from '../authoring';
import { formatPercentE2 } from '../rules';
import type { Course } from '../types';
import { FormErrors, problemMessages, type FieldRef } from './FormErrors';

const GRADER_FIELD = /^grading_policy\.graders\[(\d+)\]\.(type|weight_e2|drop_count)$/;

export function CourseForm({ course, onSaved }: { course: Course | undefined; onSaved: (course: Course) => void }) {
  const { t, tDynamic, lang } = useI18n();
  const [form, setForm] = useState<Form>(() => courseFormOf(course));
  const [problems, setProblems] = useState<Problems>({});
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const [attempt, setAttempt] = useState(0);

  const messages = problemMessages(problems, error, tDynamic);
  const err = (name: string) => messages[name];
  const set = <K extends keyof Form>(key: K, value: Form[K]) => {
    setSaved(false);
    setForm((f) => ({ ...f, [key]: value }));
  };
  const setRow = (index: number, change: Partial<GraderRow>) =>
    set(
      'graders',
      form.graders.map((r, i) => (i === index ? { ...r, ...change } : r)),
    );

  const fieldOf = (name: string): FieldRef | undefined => {
    const grader = GRADER_FIELD.exec(name);
    if (grader) {
      const i = Number(grader[1]);
      const part = grader[2] === 'type' ? 'type' : grader[2] === 'weight_e2' ? 'weight' : 'drop';
      const label =
        part === 'type' ? t('course.policy.type') : part === 'weight' ? t('course.policy.weight') : t('course.policy.drop');
      return { id: `grader-${i}-${part}`, label: `${t('course.policy.grader', { number: i + 1 })}: ${label}` };
    }
    const simple: Record<string, FieldRef> = {
      code: { id: 'course-code', label: t('course.field.code') },
      title: { id: 'course-title', label: t('course.editor.titleField') },
      description: { id: 'course-description', label: t('course.editor.description') },
      languages: { id: `course-language-${LANGUAGES[0].code}`, label: t('course.field.languages') },
      opens_on: { id: 'course-opens', label: t('course.editor.opensOn') },
      closes_on: { id: 'course-closes', label: t('course.editor.closesOn') },
      dates: { id: 'course-opens', label: t('course.field.dates') },
      pass_mark_e2: { id: 'course-pass-mark', label: t('course.editor.passMark') },
      grading_policy: { id: 'course-policy-none', label: t('course.policy.title') },
      'grading_policy.graders': { id: 'grader-add', label: t('course.policy.graders') },
      'grading_policy.cutoff_e2': { id: 'course-cutoff', label: t('course.policy.cutoff') },
    };
    return simple[name];
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    setAttempt((n) => n + 1);
    const { input, problems: found } = courseInput(form);
    setProblems(found);
    setError(undefined);
    setSaved(false);
    if (hasProblems(found)) return;
    setBusy(true);
    try {
      const stored = course ? await updateCourse(course.course_id, input) : await createCourse(input);
      setSaved(true);
      onSaved(stored);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  const text = (id: string, name: string, label: string, key: 'code' | 'title', hint?: string) => (
    <Field id={id} label={label} hint={hint} error={err(name)}>
      <input
        id={id}
        type="text"
        value={form[key]}
        dir={key === 'code' ? 'ltr' : undefined}
        onInput={(e) => set(key, e.currentTarget.value)}
        aria-invalid={err(name) ? 'true' : undefined}
        aria-describedby={describedBy(id, hint, err(name))}
        data-testid={id}
      />
    </Field>
  );
  const percent = (id: string, name: string, label: string, key: 'pass_mark' | 'cutoff', hint: string) => (
    <Field id={id} label={label} hint={hint} error={err(name)}>
      <input
        id={id}
        type="text"
        inputMode="decimal"
        dir="ltr"
        class="input--short"
        value={form[key]}
        onInput={(e) => set(key, e.currentTarget.value)}
        aria-invalid={err(name) ? 'true' : undefined}
        aria-describedby={describedBy(id, hint, err(name))}
        data-testid={id}
      />
    </Field>
  );

  const total = weightTotalE2(form.graders);
  const totalOk = total === 10000;

  return (
    <form class="form" onSubmit={submit} noValidate data-testid="course-form">
      {text('course-code', 'code', t('course.field.code'), 'code', t('course.editor.codeHint'))}
      {text('course-title', 'title', t('course.editor.titleField'), 'title')}
      <Field id="course-description" label={t('course.editor.description')} error={err('description')}>
        <textarea
          id="course-description"
          rows={3}
          value={form.description}
          onInput={(e) => set('description', e.currentTarget.value)}
          aria-describedby={describedBy('course-description', undefined, err('description'))}
        />
      </Field>
      <fieldset class={`field${err('languages') ? ' field--invalid' : ''}`} aria-describedby={err('languages') ? 'course-languages-error' : undefined}>
        <legend>{t('course.field.languages')}</legend>
        <div class="checks">
          {LANGUAGES.map((l) => (
            <label key={l.code} class="check" for={`course-language-${l.code}`}>
              <input
                id={`course-language-${l.code}`}
                type="checkbox"
                checked={form.languages.includes(l.code)}
                onChange={(e) => {
                  const on = e.currentTarget.checked;
                  set(
                    'languages',
                    LANGUAGES.map((x) => x.code).filter((c) => (c === l.code ? on : form.languages.includes(c))),
                  );
                }}
              />
              <span lang={l.code}>{l.name}</span>
            </label>
          ))}
        </div>
        {err('languages') && (
          <p class="field__error" id="course-languages-error">
            {err('languages')}
          </p>
        )}
      </fieldset>
      <div class="form__row">
        <Field id="course-opens" label={t('course.editor.opensOn')} hint={t('course.editor.dateHint')} error={err('opens_on') ?? err('dates')}>
          <input
            id="course-opens"
            type="date"
            value={form.opens_on}
            onInput={(e) => set('opens_on', e.currentTarget.value)}
            aria-describedby={describedBy('course-opens', t('course.editor.dateHint'), err('opens_on') ?? err('dates'))}
          />
        </Field>
        <Field id="course-closes" label={t('course.editor.closesOn')} hint={t('course.editor.dateHint')} error={err('closes_on')}>
          <input
            id="course-closes"
            type="date"
            value={form.closes_on}
            onInput={(e) => set('closes_on', e.currentTarget.value)}
            aria-describedby={describedBy('course-closes', t('course.editor.dateHint'), err('closes_on'))}
          />
        </Field>
      </div>
      {percent('course-pass-mark', 'pass_mark_e2', t('course.editor.passMark'), 'pass_mark', t('course.editor.passMarkHint'))}

      <fieldset class="field policy" data-testid="grading-policy">
        <legend>{t('course.policy.title')}</legend>
        <div class="checks">
          <label class="check" for="course-policy-none">
            <input
              id="course-policy-none"
              type="radio"
              name="course-policy"
              checked={!form.weighted}
              onChange={() => set('weighted', false)}
            />
            {t('course.policy.none')}
          </label>
          <label class="check" for="course-policy-weighted">
            <input
              id="course-policy-weighted"
              type="radio"
              name="course-policy"
              checked={form.weighted}
              onChange={() => {
                setSaved(false);
                setForm((f) => ({ ...f, weighted: true, graders: f.graders.length ? f.graders : firstGraderRows() }));
              }}
              data-testid="course-policy-weighted"
            />
            {t('course.policy.weighted')}
          </label>
        </div>
        <p class="field__hint">{form.weighted ? t('course.policy.weightedHint') : t('course.policy.noneHint')}</p>
        {form.weighted && (
          <>
            <ol class="grader-rows" data-testid="grader-rows">
              {form.graders.map((row, i) => (
                <li key={row.key} class="grader-row">
                  <fieldset class="field">
                    <legend>{t('course.policy.grader', { number: i + 1 })}</legend>
                    <div class="form__row">
                      <Field id={`grader-${i}-type`} label={t('course.policy.type')} error={err(`grading_policy.graders[${i}].type`)}>
                        <input
                          id={`grader-${i}-type`}
                          type="text"
                          value={row.type}
                          onInput={(e) => setRow(i, { type: e.currentTarget.value })}
                          aria-invalid={err(`grading_policy.graders[${i}].type`) ? 'true' : undefined}
                          aria-describedby={describedBy(`grader-${i}-type`, undefined, err(`grading_policy.graders[${i}].type`))}
                        />
                      </Field>
                      <Field
                        id={`grader-${i}-weight`}
                        label={t('course.policy.weight')}
                        error={err(`grading_policy.graders[${i}].weight_e2`)}
                      >
                        <input
                          id={`grader-${i}-weight`}
                          type="text"
                          inputMode="decimal"
                          dir="ltr"
                          class="input--short"
                          value={row.weight}
                          onInput={(e) => setRow(i, { weight: e.currentTarget.value })}
                          aria-invalid={err(`grading_policy.graders[${i}].weight_e2`) ? 'true' : undefined}
                          aria-describedby={describedBy(
                            `grader-${i}-weight`,
                            undefined,
                            err(`grading_policy.graders[${i}].weight_e2`),
                          )}
                        />
                      </Field>
                      <Field
                        id={`grader-${i}-drop`}
                        label={t('course.policy.drop')}
                        error={err(`grading_policy.graders[${i}].drop_count`)}
                      >
                        <input
                          id={`grader-${i}-drop`}
                          type="text"
                          inputMode="numeric"
                          dir="ltr"
                          class="input--short"
                          value={row.drop}
                          onInput={(e) => setRow(i, { drop: e.currentTarget.value })}
                          aria-invalid={err(`grading_policy.graders[${i}].drop_count`) ? 'true' : undefined}
                          aria-describedby={describedBy(
                            `grader-${i}-drop`,
                            undefined,
                            err(`grading_policy.graders[${i}].drop_count`),
                          )}
                        />
                      </Field>
                    </div>
                    <div class="actions">
                      <button
                        type="button"
                        class="button button--danger"
                        onClick={() => {
                          set(
                            'graders',
                            form.graders.filter((_, k) => k !== i),
                          );
                          setTimeout(() => document.getElementById('grader-add')?.focus());
                        }}
                        aria-label={t('course.policy.removeGrader', { number: i + 1 })}
                      >
                        {t('course.editor.remove')}
                      </button>
                    </div>
                  </fieldset>
                </li>
              ))}
            </ol>
            <div class="actions">
              <button
                type="button"
                id="grader-add"
                class="button"
                onClick={() => set('graders', [...form.graders, { key: newKey(), type: '', weight: '0', drop: '0' }])}
                data-testid="grader-add"
              >
                {t('course.policy.addGrader')}
              </button>
            </div>
            <p
              class={`policy__total${totalOk ? '' : ' policy__total--bad'}`}
              aria-live="polite"
              data-testid="policy-total"
              data-ok={String(totalOk)}
            >
              {t('course.policy.total', { total: total === null ? '–' : formatPercentE2(total, lang) })}{' '}
              {totalOk ? '' : t('course.policy.totalMust')}
            </p>
            {err('grading_policy.graders') && <p class="field__error">{err('grading_policy.graders')}</p>}
            {percent('course-cutoff', 'grading_policy.cutoff_e2', t('course.policy.cutoff'), 'cutoff', t('course.policy.cutoffHint'))}
            {parsePercentE2(form.cutoff) !== null && parsePercentE2(form.pass_mark) !== parsePercentE2(form.cutoff) && (
              <p class="field__hint">{t('course.policy.cutoffDiffers')}</p>
            )}
          </>
        )}
      </fieldset>

      <FormErrors messages={messages} error={error} fieldOf={fieldOf} attempt={attempt} testId="course-errors" />
      {saved && course && <Notice testId="course-saved">{t('common.saved')}</Notice>}
      <div class="actions">
        <button type="submit" class="button button--primary" disabled={busy} data-testid="save-course">
          {course ? t('common.save') : t('common.create')}
        </button>
      </div>
    </form>
  );
}
