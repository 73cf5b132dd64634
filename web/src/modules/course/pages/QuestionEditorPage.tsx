// The secretariat edits a question of the bank (/courses/questions/:id): its name, category,
// text, general feedback, default mark and the answers of its type (multiple choice with each
// answer's share of the mark, true/false, short answer, numerical with a tolerance, matching
// pairs). Saving makes a new version (attempts keep the version they were given). Beside the
// form, a preview shows the question as a learner sees it in a quiz, with the attempt page's own
// rendering; answering it there saves nothing.

import { useState } from 'preact/hooks';
import { formatDateTime, formatNumber } from '../../../platform/format';
import { describedBy, Field, Loaded, Notice } from '../../../platform/forms';
import { useI18n } from '../../../platform/i18n';
import { usePageTitle } from '../../../platform/page';
import { Link, type RouteProps } from '../../../platform/router';
import { useLoad } from '../../../platform/useLoad';
import { getQuestion, listCategories, saveQuestion } from '../api';
import {
  hasProblems,
  learnerView,
  newAnswer,
  newPair,
  questionFormOf,
  questionInput,
  type AnswerForm,
  type PairForm,
  type Problems,
  type QuestionForm,
} from '../authoring';
import '../course.css';
import { FormErrors, problemMessages, type FieldRef } from '../components/FormErrors';
import { QuestionField } from '../components/QuestionField';
import { typedResponse } from '../rules';
import { TEXT_FORMATS, type AnswerResponse, type BankQuestion, type QuestionCategory, type TextFormat } from '../types';

export default function QuestionEditorPage({ params }: RouteProps) {
  const { t } = useI18n();
  const id = params.id ?? '';
  const load = useLoad(async (signal) => {
    const [question, categories] = await Promise.all([getQuestion(id, signal), listCategories(signal)]);
    return { question, categories: categories.items };
  }, [id]);
  usePageTitle(load.data ? `${load.data.question.question.name} · ${t('course.question.title')}` : t('course.question.title'));
  return (
    <section class="page page--wide">
      <p class="breadcrumb">
        <Link href="/courses">{t('course.catalogue.title')}</Link>
        {' › '}
        <Link href="/courses/questions" data-testid="question-bank-back">
          {t('course.bank.title')}
        </Link>
      </p>
      <h1>{load.data ? <bdi>{load.data.question.question.name || t('course.question.title')}</bdi> : t('course.question.title')}</h1>
      <Loaded load={load}>
        {({ question, categories }) => <QuestionEditor key={question.question_id} initial={question} categories={categories} />}
      </Loaded>
    </section>
  );
}

const ANSWER_FIELD = /^answers\[(\d+)\]\.(text|fraction|feedback|value|tolerance)$/;
const PAIR_FIELD = /^pairs\[(\d+)\]\.(question|answer)$/;

function QuestionEditor({ initial, categories }: { initial: BankQuestion; categories: QuestionCategory[] }) {
  const { t, tDynamic, lang } = useI18n();
  const [bank, setBank] = useState(initial);
  const [form, setForm] = useState<QuestionForm>(() => questionFormOf(initial.question));
  const [problems, setProblems] = useState<Problems>({});
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const messages = problemMessages(problems, error, tDynamic);
  const err = (name: string) => messages[name];
  const { input } = questionInput(form, bank.question);

  const set = <K extends keyof QuestionForm>(key: K, value: QuestionForm[K]) => {
    setSaved(false);
    setForm((f) => ({ ...f, [key]: value }));
  };
  const setAnswer = (key: string, change: Partial<AnswerForm>) =>
    set(
      'answers',
      form.answers.map((a) => (a.key === key ? { ...a, ...change } : a)),
    );
  const setPair = (key: string, change: Partial<PairForm>) =>
    set(
      'pairs',
      form.pairs.map((p) => (p.key === key ? { ...p, ...change } : p)),
    );
  const focusLater = (elementId: string) => setTimeout(() => document.getElementById(elementId)?.focus());

  const fieldOf = (name: string): FieldRef | undefined => {
    const answer = ANSWER_FIELD.exec(name);
    if (answer && form.type === 'truefalse') {
      return answer[1] === '0'
        ? { id: 'q-true-feedback', label: t('course.question.trueFeedback') }
        : { id: 'q-false-feedback', label: t('course.question.falseFeedback') };
    }
    if (answer) {
      const i = Number(answer[1]);
      const a = form.answers[i];
      if (!a) return undefined;
      const part = answer[2]!;
      const labels: Record<string, string> = {
        text: t('course.question.answerText'),
        fraction: t('course.question.fraction'),
        feedback: t('course.question.answerFeedback'),
        value: t('course.question.value'),
        tolerance: t('course.question.tolerance'),
      };
      return { id: `q-answer-${a.key}-${part}`, label: `${t('course.question.answer', { number: i + 1 })}: ${labels[part]}` };
    }
    const pair = PAIR_FIELD.exec(name);
    if (pair) {
      const i = Number(pair[1]);
      const p = form.pairs[i];
      if (!p) return undefined;
      const part = pair[2]!;
      return {
        id: `q-pair-${p.key}-${part}`,
        label: `${t('course.question.pair', { number: i + 1 })}: ${part === 'question' ? t('course.question.pairItem') : t('course.question.pairAnswer')}`,
      };
    }
    const simple: Record<string, FieldRef> = {
      name: { id: 'q-name', label: t('course.bank.name') },
      category: { id: 'q-category', label: t('course.bank.category') },
      text: { id: 'q-text', label: t('course.bank.text') },
      general_feedback: { id: 'q-feedback', label: t('course.question.feedback') },
      default_mark: { id: 'q-mark', label: t('course.question.defaultMark') },
      answers: { id: 'q-add-answer', label: t('course.question.answers') },
      pairs: { id: 'q-add-pair', label: t('course.question.pairs') },
      question: { id: 'q-text', label: t('course.question.title') },
    };
    if (name === 'answers' && form.type === 'truefalse') return { id: 'q-truth-true', label: t('course.question.truth') };
    return simple[name];
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    setAttempt((n) => n + 1);
    const { input: body, problems: found } = questionInput(form, bank.question);
    setProblems(found);
    setError(undefined);
    setSaved(false);
    if (hasProblems(found)) return;
    setBusy(true);
    try {
      const stored = await saveQuestion(bank.question_id, body);
      setBank(stored);
      setSaved(true);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  const formatSelect = (id: string, value: TextFormat, onChange: (f: TextFormat) => void) => (
    <Field id={id} label={t('course.question.format')}>
      <select id={id} value={value} onChange={(e) => onChange(e.currentTarget.value as TextFormat)}>
        {TEXT_FORMATS.map((f) => (
          <option key={f} value={f}>
            {tDynamic(`course.question.formatName.${f}`)}
          </option>
        ))}
      </select>
    </Field>
  );
  const textArea = (id: string, name: string, label: string, value: string, onInput: (v: string) => void, rows = 2, hint?: string) => (
    <Field id={id} label={label} hint={hint} error={err(name)}>
      <textarea
        id={id}
        rows={rows}
        dir="auto"
        value={value}
        onInput={(e) => onInput(e.currentTarget.value)}
        aria-invalid={err(name) ? 'true' : undefined}
        aria-describedby={describedBy(id, hint, err(name))}
      />
    </Field>
  );
  const line = (id: string, name: string, label: string, value: string, onInput: (v: string) => void, short = false, ltr = false) => (
    <Field id={id} label={label} error={err(name)}>
      <input
        id={id}
        type="text"
        inputMode={short ? 'decimal' : undefined}
        dir={ltr ? 'ltr' : 'auto'}
        class={short ? 'input--short' : undefined}
        value={value}
        onInput={(e) => onInput(e.currentTarget.value)}
        aria-invalid={err(name) ? 'true' : undefined}
        aria-describedby={describedBy(id, undefined, err(name))}
      />
    </Field>
  );
  const check = (id: string, label: string, checked: boolean, onChange: (v: boolean) => void) => (
    <label class="check" for={id}>
      <input id={id} type="checkbox" checked={checked} onChange={(e) => onChange(e.currentTarget.checked)} />
      {label}
    </label>
  );

  const answersEditable = form.type === 'multichoice' || form.type === 'shortanswer' || form.type === 'numerical';

  return (
    <div class="question-editor">
      <form class="form question-editor__form" onSubmit={submit} noValidate data-testid="question-form">
        <dl class="facts">
          <dt>{t('course.bank.type')}</dt>
          <dd>{tDynamic(`course.questionType.${form.type}`)}</dd>
          <dt>{t('course.bank.version')}</dt>
          <dd data-testid="question-version">{formatNumber(bank.version, lang)}</dd>
          <dt>{t('common.updatedAt')}</dt>
          <dd>{formatDateTime(bank.updated_at, lang)}</dd>
        </dl>
        <p class="field__hint">{t('course.question.versionHint')}</p>
        {line('q-name', 'name', t('course.bank.name'), form.name, (v) => set('name', v))}
        <Field id="q-category" label={t('course.bank.category')} hint={t('course.question.categoryHint')} error={err('category')}>
          <input
            id="q-category"
            type="text"
            dir="auto"
            list="q-categories"
            value={form.category}
            onInput={(e) => set('category', e.currentTarget.value)}
            aria-describedby={describedBy('q-category', t('course.question.categoryHint'), err('category'))}
          />
        </Field>
        <datalist id="q-categories">
          {categories.map((c) => (
            <option key={c.category_id} value={c.path} />
          ))}
        </datalist>
        {textArea('q-text', 'text', t('course.bank.text'), form.text, (v) => set('text', v), 4)}
        {formatSelect('q-text-format', form.textFormat, (f) => set('textFormat', f))}
        {textArea('q-feedback', 'general_feedback', t('course.question.feedback'), form.feedback, (v) => set('feedback', v), 2, t('course.question.feedbackHint'))}
        <Field id="q-mark" label={t('course.question.defaultMark')} hint={t('course.question.defaultMarkHint')} error={err('default_mark')}>
          <input
            id="q-mark"
            type="text"
            inputMode="numeric"
            dir="ltr"
            class="input--short"
            value={form.default_mark}
            onInput={(e) => set('default_mark', e.currentTarget.value)}
            aria-invalid={err('default_mark') ? 'true' : undefined}
            aria-describedby={describedBy('q-mark', t('course.question.defaultMarkHint'), err('default_mark'))}
          />
        </Field>

        {form.type === 'multichoice' && (
          <div class="field">
            {check('q-single', t('course.question.single'), form.single, (v) => set('single', v))}
            {check('q-shuffle', t('course.question.shuffle'), form.shuffle, (v) => set('shuffle', v))}
          </div>
        )}
        {form.type === 'matching' && (
          <div class="field">{check('q-shuffle', t('course.question.shuffle'), form.shuffle, (v) => set('shuffle', v))}</div>
        )}
        {form.type === 'shortanswer' && (
          <div class="field">
            {check('q-case', t('course.question.caseSensitive'), form.case_sensitive, (v) => set('case_sensitive', v))}
          </div>
        )}

        {form.type === 'truefalse' && (
          <fieldset class={`field${err('answers') ? ' field--invalid' : ''}`}>
            <legend>{t('course.question.truth')}</legend>
            <div class="checks">
              <label class="check" for="q-truth-true">
                <input id="q-truth-true" type="radio" name="q-truth" checked={form.truth} onChange={() => set('truth', true)} />
                {t('course.attempt.true')}
              </label>
              <label class="check" for="q-truth-false">
                <input id="q-truth-false" type="radio" name="q-truth" checked={!form.truth} onChange={() => set('truth', false)} />
                {t('course.attempt.false')}
              </label>
            </div>
            {textArea('q-true-feedback', 'answers[0].feedback', t('course.question.trueFeedback'), form.trueFeedback, (v) => set('trueFeedback', v))}
            {textArea('q-false-feedback', 'answers[1].feedback', t('course.question.falseFeedback'), form.falseFeedback, (v) => set('falseFeedback', v))}
          </fieldset>
        )}

        {answersEditable && (
          <fieldset class={`field${err('answers') ? ' field--invalid' : ''}`} data-testid="question-answers">
            <legend>{t('course.question.answers')}</legend>
            <p class="field__hint">
              {form.type === 'multichoice'
                ? t('course.question.fractionHintChoice')
                : form.type === 'numerical'
                  ? t('course.question.fractionHintNumber')
                  : t('course.question.fractionHintText')}
            </p>
            <ol class="answer-list">
              {form.answers.map((a, i) => {
                const p = `q-answer-${a.key}`;
                const anyNumber = form.type === 'numerical' && a.text.trim() === '*';
                return (
                  <li key={a.key} class="answer-row" data-testid="question-answer">
                    <fieldset class="field answer-row__box">
                      <legend>{t('course.question.answer', { number: i + 1 })}</legend>
                      {form.type === 'numerical' ? (
                        <>
                          {check(`${p}-any`, t('course.question.anyNumber'), anyNumber, (v) => setAnswer(a.key, { text: v ? '*' : '' }))}
                          {!anyNumber && (
                            <div class="form__row">
                              {line(`${p}-value`, `answers[${i}].value`, t('course.question.value'), a.value, (v) => setAnswer(a.key, { value: v }), true, true)}
                              {line(
                                `${p}-tolerance`,
                                `answers[${i}].tolerance`,
                                t('course.question.tolerance'),
                                a.tolerance,
                                (v) => setAnswer(a.key, { tolerance: v }),
                                true,
                                true,
                              )}
                            </div>
                          )}
                        </>
                      ) : (
                        textArea(`${p}-text`, `answers[${i}].text`, t('course.question.answerText'), a.text, (v) => setAnswer(a.key, { text: v }), 1)
                      )}
                      {line(`${p}-fraction`, `answers[${i}].fraction`, t('course.question.fraction'), a.fraction, (v) => setAnswer(a.key, { fraction: v }), true, true)}
                      {textArea(`${p}-feedback`, `answers[${i}].feedback`, t('course.question.answerFeedback'), a.feedback, (v) => setAnswer(a.key, { feedback: v }), 1)}
                      <div class="actions">
                        <button
                          type="button"
                          class="button button--danger"
                          onClick={() => {
                            set(
                              'answers',
                              form.answers.filter((x) => x.key !== a.key),
                            );
                            focusLater('q-add-answer');
                          }}
                          aria-label={t('course.question.removeAnswer', { number: i + 1 })}
                        >
                          {t('course.editor.remove')}
                        </button>
                      </div>
                    </fieldset>
                  </li>
                );
              })}
            </ol>
            <div class="actions">
              <button
                type="button"
                id="q-add-answer"
                class="button"
                onClick={() => {
                  const added = newAnswer(form.type, form.textFormat);
                  set('answers', [...form.answers, added]);
                  focusLater(form.type === 'numerical' ? `q-answer-${added.key}-value` : `q-answer-${added.key}-text`);
                }}
              >
                {t('course.question.addAnswer')}
              </button>
            </div>
            {err('answers') && <p class="field__error">{err('answers')}</p>}
          </fieldset>
        )}

        {form.type === 'matching' && (
          <fieldset class={`field${err('pairs') ? ' field--invalid' : ''}`} data-testid="question-pairs">
            <legend>{t('course.question.pairs')}</legend>
            <p class="field__hint">{t('course.question.pairsHint')}</p>
            <ol class="answer-list">
              {form.pairs.map((pair, i) => {
                const p = `q-pair-${pair.key}`;
                return (
                  <li key={pair.key} class="answer-row">
                    <fieldset class="field answer-row__box">
                      <legend>{t('course.question.pair', { number: i + 1 })}</legend>
                      {textArea(`${p}-question`, `pairs[${i}].question`, t('course.question.pairItem'), pair.question, (v) => setPair(pair.key, { question: v }), 1)}
                      {line(`${p}-answer`, `pairs[${i}].answer`, t('course.question.pairAnswer'), pair.answer, (v) => setPair(pair.key, { answer: v }))}
                      <div class="actions">
                        <button
                          type="button"
                          class="button button--danger"
                          onClick={() => {
                            set(
                              'pairs',
                              form.pairs.filter((x) => x.key !== pair.key),
                            );
                            focusLater('q-add-pair');
                          }}
                          aria-label={t('course.question.removePair', { number: i + 1 })}
                        >
                          {t('course.editor.remove')}
                        </button>
                      </div>
                    </fieldset>
                  </li>
                );
              })}
            </ol>
            <div class="actions">
              <button
                type="button"
                id="q-add-pair"
                class="button"
                onClick={() => {
                  const added = newPair(form.textFormat);
                  set('pairs', [...form.pairs, added]);
                  focusLater(`q-pair-${added.key}-question`);
                }}
              >
                {t('course.question.addPair')}
              </button>
            </div>
            {err('pairs') && <p class="field__error">{err('pairs')}</p>}
          </fieldset>
        )}

        {(form.type === 'essay' || form.type === 'description') && <p class="muted">{t('course.question.noAnswers')}</p>}

        <FormErrors messages={messages} error={error} fieldOf={fieldOf} attempt={attempt} testId="question-errors" />
        {saved && (
          <Notice testId="question-saved">{t('course.question.saved', { version: formatNumber(bank.version, lang) })}</Notice>
        )}
        <div class="actions">
          <button type="submit" class="button button--primary" disabled={busy} data-testid="save-question">
            {t('course.question.save')}
          </button>
          <Link href="/courses/questions">{t('course.question.backToBank')}</Link>
        </div>
      </form>
      <Preview question={input} shuffle={form.shuffle && (form.type === 'multichoice' || form.type === 'matching')} />
    </div>
  );
}

// The question as the learner sees it in a quiz, answerable here without saving anything.
function Preview({ question, shuffle }: { question: ReturnType<typeof questionInput>['input']; shuffle: boolean }) {
  const { t } = useI18n();
  const [response, setResponse] = useState<AnswerResponse | null>(null);
  const [text, setText] = useState('');
  const learner = learnerView(question);
  return (
    <aside class="question-preview" aria-labelledby="question-preview-title" data-testid="question-preview">
      <h2 id="question-preview-title">{t('course.question.preview')}</h2>
      <p class="muted">{t('course.question.previewHint')}</p>
      {shuffle && <p class="muted">{t('course.question.previewShuffled')}</p>}
      <div class="attempt-form__all">
        <QuestionField
          q={{ position: 1, mark: question.default_mark, answer_id: null, response, question: learner }}
          response={response}
          text={text}
          status={undefined}
          error={undefined}
          onResponse={setResponse}
          onText={setText}
          onCommit={(value) => setResponse(typedResponse(learner, value))}
          idPrefix="preview-q"
          showStatus={false}
        />
      </div>
    </aside>
  );
}
