// The secretariat: a quiz's settings. /quizzes/new?course_id=&module_id= makes one (no module:
// the course's final assessment), /quizzes/:id/edit changes one: title, time limit, attempts,
// grading method, pass mark, shuffling, showing the right answers, the grader of the course's
// policy it counts in, and its questions: each slot a question found in the bank by its text or
// name, or a random question from a category, with a mark; added, removed and reordered.

import { useState } from 'preact/hooks';
import { describedBy, Field, Loaded, Notice } from '../../../platform/forms';
import { useI18n } from '../../../platform/i18n';
import { usePageTitle } from '../../../platform/page';
import { Link, navigate, useSearchParams, type RouteProps } from '../../../platform/router';
import { useLoad } from '../../../platform/useLoad';
import { createQuiz, getCourse, getQuiz, listCategories, listQuestions, updateQuiz } from '../api';
import {
  hasProblems,
  moved,
  newSlot,
  policyTypes,
  quizFormOf,
  quizInput,
  type Problems,
  type QuizForm,
  type SlotForm,
} from '../authoring';
import '../course.css';
import { FormErrors, problemMessages, type FieldRef } from '../components/FormErrors';
import { QuestionPicker } from '../components/QuestionPicker';
import { formatPercentE2 } from '../rules';
import { GRADING_METHODS, type BankQuestion, type Course, type QuestionCategory, type Quiz } from '../types';

interface View {
  course: Course;
  quiz: Quiz | undefined; // undefined: a new quiz
  moduleId: number | null;
  categories: QuestionCategory[];
  questions: BankQuestion[];
}

// The quiz made a moment ago, to say so on its settings page.
let created: number | undefined;

export default function QuizEditorPage({ params }: RouteProps) {
  const { t, lang } = useI18n();
  const search = useSearchParams();
  const id = params.id;
  const courseParam = search.get('course_id') ?? '';
  const moduleParam = search.get('module_id') ?? '';
  const load = useLoad(
    async (signal): Promise<View> => {
      const quiz = id ? await getQuiz(id, signal) : undefined;
      const courseId = quiz ? String(quiz.course_id) : courseParam;
      const [course, categories, questions] = await Promise.all([
        getCourse(courseId, lang, signal),
        listCategories(signal),
        listQuestions('', signal),
      ]);
      const moduleId = quiz ? quiz.module_id : /^\d+$/.test(moduleParam) ? Number(moduleParam) : null;
      return { course, quiz, moduleId, categories: categories.items, questions: questions.items };
    },
    [id, courseParam, moduleParam, lang],
  );
  const view = load.data;
  const title = id ? t('course.quiz.editTitle') : t('course.quiz.newTitle');
  usePageTitle(view?.quiz ? `${view.quiz.title} · ${title}` : title);
  return (
    <section class="page quiz-editor">
      <p class="breadcrumb">
        <Link href="/courses">{t('course.catalogue.title')}</Link>
        {view && (
          <>
            {' › '}
            <Link href={`/courses/${view.course.course_id}/edit`} data-testid="quiz-course-link">
              <bdi>{view.course.title}</bdi>
            </Link>
          </>
        )}
      </p>
      <h1>{title}</h1>
      <Loaded load={load}>{(v) => <QuizFormView key={v.quiz?.quiz_id ?? 'new'} view={v} onSaved={load.set} />}</Loaded>
    </section>
  );
}

const SLOT_FIELD = /^slots\[(\d+)\]\.(question_id|category_id|mark)$/;

function QuizFormView({ view, onSaved }: { view: View; onSaved: (view: View) => void }) {
  const { t, tDynamic, lang } = useI18n();
  const { course, quiz, moduleId, categories, questions } = view;
  const module = course.modules.find((m) => m.module_id === moduleId);
  const [form, setForm] = useState<QuizForm>(() => {
    const initial = quizFormOf(quiz, { passMarkE2: course.pass_mark_e2 });
    if (quiz) return initial;
    return {
      ...initial,
      title: module ? (module.title ?? '') : t('course.assessment.title'),
      slots: [newSlot('question')],
    };
  });
  const [problems, setProblems] = useState<Problems>({});
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  // What the notice says: the quiz was just made (on the page that made it), or saved here.
  const [saved, setSaved] = useState<false | 'created' | 'saved'>(() => {
    if (!quiz || created !== quiz.quiz_id) return false;
    created = undefined;
    return 'created';
  });
  const [attempt, setAttempt] = useState(0);
  const messages = problemMessages(problems, error, tDynamic);
  const err = (name: string) => messages[name];
  const types = policyTypes(course);
  const graderHint = types.length
    ? t('course.quiz.graderTypeHint', { types: types.join(', ') })
    : t('course.quiz.graderTypeNoPolicy');

  const set = <K extends keyof QuizForm>(key: K, value: QuizForm[K]) => {
    setSaved(false);
    setForm((f) => ({ ...f, [key]: value }));
  };
  const setSlot = (key: string, change: Partial<SlotForm>) =>
    set(
      'slots',
      form.slots.map((s) => (s.key === key ? { ...s, ...change } : s)),
    );
  const focusLater = (elementId: string) => setTimeout(() => document.getElementById(elementId)?.focus());
  const move = (index: number, by: -1 | 1) => {
    const slot = form.slots[index]!;
    const to = index + by;
    set('slots', moved(form.slots, index, to));
    // The focus follows the slot; at an end the other button takes it.
    const atEnd = by === -1 ? to === 0 : to === form.slots.length - 1;
    focusLater(`slot-${slot.key}-${atEnd ? (by === -1 ? 'down' : 'up') : by === -1 ? 'up' : 'down'}`);
  };
  const remove = (index: number) => {
    set(
      'slots',
      form.slots.filter((_, i) => i !== index),
    );
    focusLater('quiz-add-question');
  };
  const add = (kind: SlotForm['kind']) => {
    const slot = newSlot(kind);
    set('slots', [...form.slots, slot]);
    focusLater(kind === 'question' ? `slot-${slot.key}-search` : `slot-${slot.key}-category`);
  };

  const fieldOf = (name: string): FieldRef | undefined => {
    const slot = SLOT_FIELD.exec(name);
    if (slot) {
      const i = Number(slot[1]);
      const s = form.slots[i];
      if (!s) return undefined;
      const part = slot[2];
      const label = t('course.quiz.slot', { number: i + 1 });
      if (part === 'mark') return { id: `slot-${s.key}-mark`, label: `${label}: ${t('course.quiz.mark')}` };
      if (part === 'category_id') return { id: `slot-${s.key}-category`, label: `${label}: ${t('course.bank.category')}` };
      return { id: `slot-${s.key}-search`, label: `${label}: ${t('course.quiz.question')}` };
    }
    const simple: Record<string, FieldRef> = {
      title: { id: 'quiz-title', label: t('course.quiz.titleField') },
      time_limit_seconds: { id: 'quiz-minutes', label: t('course.quiz.minutes') },
      attempts_allowed: { id: 'quiz-attempts', label: t('course.quiz.attempts') },
      grading_method: { id: 'quiz-method', label: t('course.quiz.method') },
      pass_mark_e2: { id: 'quiz-pass-mark', label: t('course.editor.passMark') },
      grader_type: { id: 'quiz-grader-type', label: t('course.quiz.graderType') },
      slots: { id: 'quiz-add-question', label: t('course.quiz.slots') },
      module_id: { id: 'quiz-title', label: t('course.quizzes.for') },
    };
    return simple[name];
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    setAttempt((n) => n + 1);
    const { input, problems: found } = quizInput(form, quiz ? undefined : { course_id: course.course_id, module_id: moduleId });
    setProblems(found);
    setError(undefined);
    setSaved(false);
    if (hasProblems(found)) return;
    setBusy(true);
    try {
      if (quiz) {
        const stored = await updateQuiz(quiz.quiz_id, input);
        onSaved({ ...view, quiz: stored });
        setSaved('saved');
      } else {
        const stored = await createQuiz(input);
        created = stored.quiz_id;
        navigate(`/quizzes/${stored.quiz_id}/edit`, { replace: true });
      }
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  const number = (
    id: string,
    name: string,
    label: string,
    key: 'minutes' | 'attempts' | 'pass_mark',
    hint: string,
    mode: 'numeric' | 'decimal',
  ) => (
    <Field id={id} label={label} hint={hint} error={err(name)}>
      <input
        id={id}
        type="text"
        inputMode={mode}
        dir="ltr"
        class="input--short"
        value={form[key]}
        onInput={(e) => set(key, e.currentTarget.value)}
        aria-invalid={err(name) ? 'true' : undefined}
        aria-describedby={describedBy(id, hint, err(name))}
      />
    </Field>
  );

  return (
    <form class="form" onSubmit={submit} noValidate data-testid="quiz-form">
      <p class="muted" data-testid="quiz-for">
        {t('course.quizzes.for')}:{' '}
        {moduleId === null ? (
          t('course.assessment.title')
        ) : (
          <>
            {t('course.modules.number', { number: module?.position ?? moduleId })}
            {module?.title && (
              <>
                {': '}
                <bdi lang={module.language}>{module.title}</bdi>
              </>
            )}
          </>
        )}
        {quiz && (
          <>
            {' · '}
            <Link href={`/quizzes/${quiz.quiz_id}/results`} data-testid="quiz-results-link">
              {t('course.results.link')}
            </Link>
          </>
        )}
      </p>
      <Field id="quiz-title" label={t('course.quiz.titleField')} error={err('title')}>
        <input
          id="quiz-title"
          type="text"
          value={form.title}
          onInput={(e) => set('title', e.currentTarget.value)}
          aria-invalid={err('title') ? 'true' : undefined}
          aria-describedby={describedBy('quiz-title', undefined, err('title'))}
        />
      </Field>
      <div class="form__row">
        {number('quiz-minutes', 'time_limit_seconds', t('course.quiz.minutes'), 'minutes', t('course.quiz.minutesHint'), 'decimal')}
        {number('quiz-attempts', 'attempts_allowed', t('course.quiz.attempts'), 'attempts', t('course.quiz.attemptsHint'), 'numeric')}
      </div>
      <div class="form__row">
        <Field id="quiz-method" label={t('course.quiz.method')} hint={t('course.quiz.methodHint')} error={err('grading_method')}>
          <select
            id="quiz-method"
            value={form.grading_method}
            onChange={(e) => set('grading_method', e.currentTarget.value as QuizForm['grading_method'])}
            aria-describedby={describedBy('quiz-method', t('course.quiz.methodHint'), err('grading_method'))}
          >
            {GRADING_METHODS.map((m) => (
              <option key={m} value={m}>
                {tDynamic(`course.quiz.method.${m}`)}
              </option>
            ))}
          </select>
        </Field>
        {number(
          'quiz-pass-mark',
          'pass_mark_e2',
          t('course.editor.passMark'),
          'pass_mark',
          t('course.quiz.passMarkHint', { courseMark: formatPercentE2(course.pass_mark_e2, lang) }),
          'decimal',
        )}
      </div>
      <div class="field">
        <label class="check" for="quiz-shuffle">
          <input id="quiz-shuffle" type="checkbox" checked={form.shuffle} onChange={(e) => set('shuffle', e.currentTarget.checked)} />
          {t('course.quiz.shuffle')}
        </label>
        <label class="check" for="quiz-review">
          <input id="quiz-review" type="checkbox" checked={form.review} onChange={(e) => set('review', e.currentTarget.checked)} />
          {t('course.quiz.review')}
        </label>
      </div>
      <Field id="quiz-grader-type" label={t('course.quiz.graderType')} hint={graderHint} error={err('grader_type')}>
        <input
          id="quiz-grader-type"
          type="text"
          list={types.length ? 'quiz-grader-types' : undefined}
          value={form.grader_type}
          onInput={(e) => set('grader_type', e.currentTarget.value)}
          aria-describedby={describedBy('quiz-grader-type', graderHint, err('grader_type'))}
          data-testid="quiz-grader-type"
        />
      </Field>
      {types.length > 0 && (
        <datalist id="quiz-grader-types">
          {types.map((type) => (
            <option key={type} value={type} />
          ))}
        </datalist>
      )}

      <fieldset class="field quiz-slots" data-testid="quiz-slots">
        <legend>{t('course.quiz.slots')}</legend>
        <p class="field__hint">{t('course.quiz.slotsHint')}</p>
        {form.slots.length === 0 && <p class="muted">{t('course.quiz.noSlots')}</p>}
        <ol class="slot-list">
          {form.slots.map((slot, i) => (
            <li key={slot.key} class="slot" data-testid="quiz-slot" data-kind={slot.kind}>
              <fieldset class="field slot__box">
                <legend>{t('course.quiz.slot', { number: i + 1 })}</legend>
                <div class="checks" role="radiogroup" aria-label={t('course.quiz.slotKind')}>
                  <label class="check" for={`slot-${slot.key}-kind-question`}>
                    <input
                      id={`slot-${slot.key}-kind-question`}
                      type="radio"
                      name={`slot-${slot.key}-kind`}
                      checked={slot.kind === 'question'}
                      onChange={() => setSlot(slot.key, { kind: 'question' })}
                    />
                    {t('course.quiz.kind.question')}
                  </label>
                  <label class="check" for={`slot-${slot.key}-kind-category`}>
                    <input
                      id={`slot-${slot.key}-kind-category`}
                      type="radio"
                      name={`slot-${slot.key}-kind`}
                      checked={slot.kind === 'category'}
                      onChange={() => setSlot(slot.key, { kind: 'category' })}
                      data-testid="slot-kind-category"
                    />
                    {t('course.quiz.kind.category')}
                  </label>
                </div>
                {slot.kind === 'question' ? (
                  <QuestionPicker
                    idPrefix={`slot-${slot.key}`}
                    questions={questions}
                    chosen={slot.question_id}
                    error={err(`slots[${i}].question_id`)}
                    onChoose={(q) => setSlot(slot.key, { question_id: q.question_id })}
                  />
                ) : (
                  <Field id={`slot-${slot.key}-category`} label={t('course.bank.category')} error={err(`slots[${i}].category_id`)}>
                    <select
                      id={`slot-${slot.key}-category`}
                      value={slot.category_id === null ? '' : String(slot.category_id)}
                      onChange={(e) => {
                        const value = e.currentTarget.value;
                        setSlot(slot.key, { category_id: value === '' ? null : Number(value) });
                      }}
                      aria-invalid={err(`slots[${i}].category_id`) ? 'true' : undefined}
                      aria-describedby={describedBy(`slot-${slot.key}-category`, undefined, err(`slots[${i}].category_id`))}
                      data-testid="slot-category"
                    >
                      <option value="">{t('course.quiz.chooseCategory')}</option>
                      {categories.map((c) => (
                        <option key={c.category_id} value={String(c.category_id)}>
                          {c.path}
                        </option>
                      ))}
                    </select>
                  </Field>
                )}
                <Field id={`slot-${slot.key}-mark`} label={t('course.quiz.mark')} error={err(`slots[${i}].mark`)}>
                  <input
                    id={`slot-${slot.key}-mark`}
                    type="text"
                    inputMode="numeric"
                    dir="ltr"
                    class="input--short"
                    value={slot.mark}
                    onInput={(e) => setSlot(slot.key, { mark: e.currentTarget.value })}
                    aria-invalid={err(`slots[${i}].mark`) ? 'true' : undefined}
                    aria-describedby={describedBy(`slot-${slot.key}-mark`, undefined, err(`slots[${i}].mark`))}
                    data-testid="slot-mark"
                  />
                </Field>
                <div class="actions">
                  <button
                    type="button"
                    id={`slot-${slot.key}-up`}
                    class="button"
                    disabled={i === 0}
                    onClick={() => move(i, -1)}
                    aria-label={t('course.quiz.moveUpNamed', { number: i + 1 })}
                    data-testid="slot-up"
                  >
                    {t('course.quiz.moveUp')}
                  </button>
                  <button
                    type="button"
                    id={`slot-${slot.key}-down`}
                    class="button"
                    disabled={i === form.slots.length - 1}
                    onClick={() => move(i, 1)}
                    aria-label={t('course.quiz.moveDownNamed', { number: i + 1 })}
                    data-testid="slot-down"
                  >
                    {t('course.quiz.moveDown')}
                  </button>
                  <button
                    type="button"
                    class="button button--danger"
                    onClick={() => remove(i)}
                    aria-label={t('course.quiz.removeNamed', { number: i + 1 })}
                    data-testid="slot-remove"
                  >
                    {t('course.editor.remove')}
                  </button>
                </div>
              </fieldset>
            </li>
          ))}
        </ol>
        <div class="actions">
          <button type="button" id="quiz-add-question" class="button" onClick={() => add('question')} data-testid="slot-add-question">
            {t('course.quiz.addQuestion')}
          </button>
          <button type="button" class="button" onClick={() => add('category')} data-testid="slot-add-random">
            {t('course.quiz.addRandom')}
          </button>
        </div>
        {err('slots') && <p class="field__error">{err('slots')}</p>}
      </fieldset>

      <FormErrors messages={messages} error={error} fieldOf={fieldOf} attempt={attempt} testId="quiz-errors" />
      {saved && <Notice testId="quiz-saved">{saved === 'created' ? t('course.quiz.created') : t('common.saved')}</Notice>}
      <div class="actions">
        <button type="submit" class="button button--primary" disabled={busy} data-testid="save-quiz">
          {quiz ? t('common.save') : t('common.create')}
        </button>
        <Link href={`/courses/${course.course_id}/edit`}>{t('course.quiz.backToCourse')}</Link>
      </div>
    </form>
  );
}
