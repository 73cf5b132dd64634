// Taking a quiz: every question on one page with native inputs (radio buttons, checkboxes, text
// fields and one list per matching item), each change saved at once, the time left counted
// down from the server's deadline, and a confirmed submission. After submission, or once the
// time is up, the page shows the graded attempt: the score, each question right or wrong, and
// the right answers when the quiz shows them. A reload or another device resumes the same
// attempt with the saved answers.

import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { ConfirmDialog } from '../../../platform/ConfirmDialog';
import { ErrorBox } from '../../../platform/ErrorBox';
import { formatDateTime, formatNumber } from '../../../platform/format';
import { Loaded } from '../../../platform/forms';
import { useI18n } from '../../../platform/i18n';
import { usePageTitle } from '../../../platform/page';
import { Link, type RouteProps } from '../../../platform/router';
import { useLoad } from '../../../platform/useLoad';
import { getAttempt, getQuiz, saveAnswer, submitAttempt } from '../api';
import '../course.css';
import { plainText } from '../components/PlainText';
import { QuestionField, QuestionHead, type SaveLineStatus } from '../components/QuestionField';
import {
  AnswerSaver,
  chosen,
  chosenMany,
  formatCountdown,
  formatPercentE2,
  isAnswerable,
  isAnswered,
  matches,
  remainingMs,
  truth,
  typed,
  typedResponse,
} from '../rules';
import type { AnswerResponse, Attempt, AttemptQuestion } from '../types';

export default function AttemptPage({ params }: RouteProps) {
  const { t } = useI18n();
  const id = params.id ?? '';
  const load = useLoad((signal) => getAttempt(id, signal), [id]);
  const quizId = load.data?.quiz_id;
  // The quiz says which course to go back to.
  const quiz = useLoad((signal) => (quizId === undefined ? Promise.resolve(undefined) : getQuiz(quizId, signal)), [quizId]);
  usePageTitle(load.data?.quiz_title ?? t('course.attempt.title'));
  const courseHref = quiz.data ? `/courses/${quiz.data.course_id}` : undefined;
  return (
    <section class="page attempt-page">
      <p class="breadcrumb">
        <Link href={courseHref ?? '/courses'} data-testid="attempt-course-link">
          {courseHref ? t('course.modules.backToCourse') : t('course.catalogue.title')}
        </Link>
      </p>
      <Loaded load={load}>
        {(attempt) =>
          attempt.state === 'open' ? (
            <AttemptForm key={attempt.attempt_id} attempt={attempt} onOver={load.reload} onSubmitted={load.set} />
          ) : (
            <Review attempt={attempt} courseHref={courseHref} />
          )
        }
      </Loaded>
    </section>
  );
}


function initialResponses(attempt: Attempt): Record<number, AnswerResponse | null> {
  return Object.fromEntries(attempt.questions.map((q) => [q.position, q.response]));
}

function initialTexts(attempt: Attempt): Record<number, string> {
  return Object.fromEntries(attempt.questions.map((q) => [q.position, typed(q.response)]));
}

const TYPING_PAUSE_MS = 700;
const SETTLE_LIMIT_MS = 10_000;

function AttemptForm({
  attempt,
  onOver,
  onSubmitted,
}: {
  attempt: Attempt;
  onOver: () => void;
  onSubmitted: (graded: Attempt) => void;
}) {
  const { t, lang } = useI18n();
  const [responses, setResponses] = useState(() => initialResponses(attempt));
  const [texts, setTexts] = useState(() => initialTexts(attempt));
  // Answers that come with the attempt are the server's: saved.
  const [statuses, setStatuses] = useState<Record<number, SaveLineStatus>>(() =>
    Object.fromEntries(attempt.questions.filter((q) => q.answer_id !== null).map((q) => [q.position, 'saved'])),
  );
  const [errors, setErrors] = useState<Record<number, unknown>>({});
  const [over, setOver] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [submitError, setSubmitError] = useState<unknown>(undefined);
  const [announcement, setAnnouncement] = useState('');

  // The clock: the time left when the server last answered, and when that was on this device.
  const clock = useRef({ left: remainingMs(attempt.deadline_at, attempt.server_time, 0), at: performance.now() });
  const [, setTick] = useState(0);
  const left = clock.current.left === null ? null : Math.max(0, clock.current.left - (performance.now() - clock.current.at));

  const setClock = useCallback(
    (serverTime: string) => {
      clock.current = { left: remainingMs(attempt.deadline_at, serverTime, 0), at: performance.now() };
    },
    [attempt.deadline_at],
  );

  // The text last sent (or loaded) per question, so that a blur after a pause sends nothing new.
  const sent = useRef<Record<number, string>>(
    Object.fromEntries(attempt.questions.map((q) => [q.position, JSON.stringify(q.response ?? {})])),
  );
  const typingTimers = useRef<Record<number, ReturnType<typeof setTimeout>>>({});

  const saver = useMemo(
    () =>
      new AnswerSaver({
        send: (position, answerId, response) =>
          saveAnswer(attempt.attempt_id, position, answerId, response).then((saved) => setClock(saved.server_time)),
        onStatus: (position, status, error) => {
          setStatuses((s) => ({ ...s, [position]: status }));
          setErrors((e) => ({ ...e, [position]: error }));
          // The server refused an answer because the attempt is over: show what it graded.
          if (status === 'closed') setOver(true);
        },
      }),
    [attempt.attempt_id, setClock],
  );

  useEffect(() => {
    const online = () => saver.retryNow();
    window.addEventListener('online', online);
    return () => {
      window.removeEventListener('online', online);
      saver.stop();
      Object.values(typingTimers.current).forEach(clearTimeout);
    };
  }, [saver]);

  // A newer copy of the attempt (after the time ran out but the server still had it open).
  useEffect(() => {
    setClock(attempt.server_time);
    const leftNow = clock.current.left;
    if (leftNow !== null && leftNow > 0) setOver(false);
  }, [attempt]);

  // The countdown, and announcements for screen readers at five minutes and one minute left.
  useEffect(() => {
    if (clock.current.left === null) return;
    let announced = '';
    const timer = setInterval(() => {
      setTick((n) => n + 1);
      const c = clock.current;
      if (c.left === null) return;
      const ms = c.left - (performance.now() - c.at);
      const mark = ms <= 60_000 ? '1' : ms <= 300_000 ? '5' : '';
      if (mark && mark !== announced && ms > 0) {
        announced = mark;
        setAnnouncement(t('course.attempt.minutesLeft', { minutes: mark }));
      }
      if (ms <= 0) setOver(true);
    }, 500);
    return () => clearInterval(timer);
  }, [t]);

  // Time is up (or the server closed the attempt): no more answers; reading the attempt again
  // makes the server grade it on what was saved.
  useEffect(() => {
    if (!over) return;
    saver.stop();
    const timer = setTimeout(onOver, 1000);
    return () => clearTimeout(timer);
  }, [over, attempt]);

  // Leaving while an answer is on its way or waiting to be retried would lose it.
  const busySaving = Object.values(statuses).some((s) => s === 'saving' || s === 'retrying');
  useEffect(() => {
    if (!busySaving) return;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [busySaving]);

  const record = (position: number, response: AnswerResponse) => {
    if (over) return;
    setResponses((r) => ({ ...r, [position]: response }));
    const key = JSON.stringify(response);
    if (sent.current[position] === key) return;
    sent.current[position] = key;
    saver.save(position, response);
  };

  const commitText = (q: AttemptQuestion, text: string) => {
    clearTimeout(typingTimers.current[q.position]);
    delete typingTimers.current[q.position];
    const response = typedResponse(q.question, text);
    if (response === null) {
      setStatuses((s) => ({ ...s, [q.position]: 'invalid' }));
      return;
    }
    setStatuses((s) => {
      if (s[q.position] !== 'invalid') return s;
      const next = { ...s };
      const known = saver.status(q.position);
      if (known) next[q.position] = known;
      else delete next[q.position];
      return next;
    });
    record(q.position, response);
  };

  const onText = (q: AttemptQuestion, text: string) => {
    setTexts((x) => ({ ...x, [q.position]: text }));
    clearTimeout(typingTimers.current[q.position]);
    typingTimers.current[q.position] = setTimeout(() => commitText(q, text), TYPING_PAUSE_MS);
  };

  const answerable = attempt.questions.filter((q) => isAnswerable(q.question));
  const answered = answerable.filter((q) => isAnswered(q.question, responses[q.position] ?? null)).length;
  const unsaved = Object.values(statuses).filter((s) => s !== 'saved' && s !== 'saving').length;

  const submit = async () => {
    setConfirming(false);
    setSubmitting(true);
    setSubmitError(undefined);
    // Typed answers still waiting for a pause go out first.
    for (const q of attempt.questions) {
      if (typingTimers.current[q.position] !== undefined) commitText(q, texts[q.position] ?? '');
    }
    await Promise.race([saver.settled(), new Promise((resolve) => setTimeout(resolve, SETTLE_LIMIT_MS))]);
    try {
      const graded = await submitAttempt(attempt.attempt_id);
      saver.stop();
      onSubmitted(graded);
    } catch (error) {
      setSubmitError(error);
      setSubmitting(false);
    }
  };

  return (
    <>
      <h1>
        <bdi>{attempt.quiz_title}</bdi>
      </h1>
      <p class="muted">
        {t('course.attempt.number', { number: formatNumber(attempt.number, lang) })}
        {' · '}
        {t('course.attempt.answered', {
          answered: formatNumber(answered, lang),
          total: formatNumber(answerable.length, lang),
        })}
      </p>
      {left !== null && (
        <div class={`countdown${left <= 60_000 ? ' countdown--low' : ''}`} data-testid="countdown">
          <span>{t('course.attempt.timeLeft')}</span>{' '}
          <span role="timer" aria-live="off" dir="ltr" class="countdown__value" data-testid="countdown-value">
            {formatCountdown(left)}
          </span>
        </div>
      )}
      <p class="visually-hidden" role="status">
        {announcement}
      </p>
      {over && (
        <p class="notice" role="status" data-testid="attempt-over">
          {t('course.attempt.timeUp')}
        </p>
      )}
      <form
        class="attempt-form"
        onSubmit={(e) => {
          e.preventDefault();
          setConfirming(true);
        }}
        data-testid="attempt-form"
      >
        <fieldset class="attempt-form__all" disabled={over || submitting}>
          <legend class="visually-hidden">{t('course.attempt.questions')}</legend>
          {attempt.questions.map((q) => (
            <QuestionField
              key={q.position}
              q={q}
              response={responses[q.position] ?? null}
              text={texts[q.position] ?? ''}
              status={statuses[q.position]}
              error={errors[q.position]}
              onResponse={(r) => record(q.position, r)}
              onText={(text) => onText(q, text)}
              onCommit={(text) => commitText(q, text)}
            />
          ))}
          <div class="actions">
            <button type="submit" class="button button--primary" data-testid="submit-attempt">
              {t('course.attempt.submit')}
            </button>
            {submitting && (
              <span class="loading" role="status">
                {t('course.attempt.submitting')}
              </span>
            )}
          </div>
        </fieldset>
      </form>
      {submitError !== undefined && <ErrorBox error={submitError} />}
      <ConfirmDialog
        open={confirming}
        title={t('course.attempt.confirmTitle')}
        confirmLabel={t('course.attempt.submit')}
        onCancel={() => setConfirming(false)}
        onConfirm={() => void submit()}
      >
        <p>
          {t('course.attempt.answered', {
            answered: formatNumber(answered, lang),
            total: formatNumber(answerable.length, lang),
          })}
        </p>
        {answered < answerable.length && <p>{t('course.attempt.confirmUnanswered')}</p>}
        {unsaved > 0 && <p class="field__error">{t('course.attempt.confirmUnsaved')}</p>}
        <p>{t('course.attempt.confirmText')}</p>
      </ConfirmDialog>
    </>
  );
}

// ---- after submission

function Review({ attempt, courseHref }: { attempt: Attempt; courseHref: string | undefined }) {
  const { t, lang } = useI18n();
  return (
    <div data-testid="attempt-review">
      <h1>
        <bdi>{attempt.quiz_title}</bdi>
      </h1>
      <dl class="facts" data-testid="attempt-result">
        <dt>{t('course.attempt.score')}</dt>
        <dd>
          <strong data-testid="attempt-score">
            {attempt.score_e2 !== undefined ? formatPercentE2(attempt.score_e2, lang) : attempt.score}
          </strong>{' '}
          {attempt.passed !== undefined && (
            <span
              class={`badge ${attempt.passed ? 'badge--ok' : 'badge--warn'}`}
              data-testid="attempt-passed"
              data-passed={String(attempt.passed)}
            >
              {attempt.passed ? t('course.attempt.passed') : t('course.attempt.notPassed')}
            </span>
          )}
        </dd>
        <dt>{t('course.attempt.numberLabel')}</dt>
        <dd>{formatNumber(attempt.number, lang)}</dd>
        {attempt.submitted_at && (
          <>
            <dt>{t('course.attempt.submittedAt')}</dt>
            <dd>{formatDateTime(attempt.submitted_at, lang)}</dd>
          </>
        )}
      </dl>
      {courseHref && (
        <p class="actions">
          <Link href={courseHref} class="button button--primary" data-testid="review-back-to-course">
            {t('course.modules.backToCourse')}
          </Link>
        </p>
      )}
      <ol class="review-list">
        {attempt.questions.map((q) => (
          <ReviewItem key={q.position} q={q} />
        ))}
      </ol>
    </div>
  );
}

// The learner's answer in words.
function answerText(q: AttemptQuestion, t: (key: 'course.attempt.true' | 'course.attempt.false') => string): string {
  const r = q.response;
  const question = q.question;
  if (!r || !isAnswered(question, r)) return '';
  const choiceText = (i: number) => {
    const c = question.choices?.find((x) => x.index === i);
    return c ? plainText(c.text) : String(i);
  };
  switch (question.type) {
    case 'multichoice':
      return question.single !== false ? choiceText(chosen(r) ?? -1) : chosenMany(r).map(choiceText).join('; ');
    case 'truefalse':
      return truth(r) ? t('course.attempt.true') : t('course.attempt.false');
    case 'shortanswer':
    case 'numerical':
      return typed(r);
    case 'matching': {
      const m = matches(r);
      return (question.items ?? [])
        .filter((item) => m[String(item.index)] !== undefined)
        .map((item) => `${plainText(item.text)}: ${m[String(item.index)]}`)
        .join('; ');
    }
    default:
      return '';
  }
}

function ReviewItem({ q }: { q: AttemptQuestion }) {
  const { t } = useI18n();
  const mine = answerText(q, t);
  const review = q.review;
  const itemText = (index: number) => {
    const item = q.question.items?.find((x) => x.index === index);
    return item ? plainText(item.text) : String(index);
  };
  return (
    <li class="review" data-testid="review-question" data-position={q.position} data-right={String(q.right === true)}>
      <p class="question__legend">
        <QuestionHead q={q} />
      </p>
      {isAnswerable(q.question) && (
        <>
          <p>
            <span class={`badge ${q.right ? 'badge--ok' : 'badge--warn'}`}>
              {q.right ? t('course.attempt.right') : t('course.attempt.wrong')}
            </span>
            {q.points !== undefined && <span class="muted"> {t('course.attempt.points', { points: q.points })}</span>}
          </p>
          <p>
            <strong>{t('course.attempt.yourAnswer')}:</strong>{' '}
            {mine ? <span class="plain-text">{mine}</span> : <span class="muted">{t('course.attempt.noAnswer')}</span>}
          </p>
        </>
      )}
      {review && review.right_answers.length > 0 && !(q.question.type === 'matching') && (
        <div>
          <strong>{t('course.attempt.rightAnswers')}</strong>
          <ul class="plain-list" data-testid="right-answers">
            {review.right_answers.map((a) => (
              <li key={a.index}>
                {a.value !== undefined ? (
                  <bdi dir="ltr">
                    {a.value}
                    {a.tolerance && a.tolerance !== '0' ? ` ± ${a.tolerance}` : ''}
                  </bdi>
                ) : q.question.type === 'truefalse' ? (
                  a.text === 'true' ? (
                    t('course.attempt.true')
                  ) : (
                    t('course.attempt.false')
                  )
                ) : (
                  <span class="plain-text">{plainText({ text: a.text, format: 'moodle' })}</span>
                )}
                {a.share !== '100%' && <span class="muted"> ({a.share})</span>}
              </li>
            ))}
          </ul>
        </div>
      )}
      {review?.right_pairs && review.right_pairs.length > 0 && (
        <div>
          <strong>{t('course.attempt.rightAnswers')}</strong>
          <ul class="plain-list" data-testid="right-answers">
            {review.right_pairs.map((p) => (
              <li key={p.index}>
                <span class="plain-text">{itemText(p.index)}</span>: <bdi>{p.answer}</bdi>
              </li>
            ))}
          </ul>
        </div>
      )}
      {review?.general_feedback && (
        <p class="muted plain-text">{plainText({ text: review.general_feedback, format: 'moodle' })}</p>
      )}
    </li>
  );
}
