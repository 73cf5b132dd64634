// A question of a quiz as the learner answers it: its number, mark and text, the native inputs
// of its type (radio buttons, checkboxes, a text field, one list per matching item) and the line
// saying whether the answer is saved. The attempt page and the question editor's preview show
// questions through it, so that the preview is what the learner sees.

import { describeError } from '../../../platform/errors';
import { formatNumber } from '../../../platform/format';
import { useI18n } from '../../../platform/i18n';
import { chosen, chosenMany, isAnswerable, matched, matches, toggled, truth, type SaveStatus } from '../rules';
import type { AnswerResponse, AttemptQuestion } from '../types';
import { PlainText } from './PlainText';

// A save's state, or a typed number the server would not read.
export type SaveLineStatus = SaveStatus | 'invalid';

export function QuestionHead({ q }: { q: AttemptQuestion }) {
  const { t, lang } = useI18n();
  return (
    <>
      <span class="question__number">
        {t('course.attempt.question', { number: formatNumber(q.position, lang) })}
        {q.mark > 0 && <span class="muted"> · {t('course.attempt.mark', { mark: formatNumber(q.mark, lang) })}</span>}
      </span>
      <PlainText text={q.question.text} class="question__text" />
    </>
  );
}

export function QuestionField({
  q,
  response,
  text,
  status,
  error,
  onResponse,
  onText,
  onCommit,
  idPrefix = 'q',
  showStatus = true,
}: {
  q: AttemptQuestion;
  response: AnswerResponse | null;
  text: string;
  status: SaveLineStatus | undefined;
  error: unknown;
  onResponse: (r: AnswerResponse) => void;
  onText: (text: string) => void;
  onCommit: (text: string) => void;
  // Ids and radio group names start with it: another page (the preview) uses its own.
  idPrefix?: string;
  // The line saying whether the answer is saved (not in the preview, which saves nothing).
  showStatus?: boolean;
}) {
  const { t } = useI18n();
  const question = q.question;
  const name = `${idPrefix}${q.position}`;
  const statusId = `${name}-status`;
  let input;
  switch (question.type) {
    case 'multichoice': {
      const single = question.single !== false;
      const many = chosenMany(response);
      input = (
        <div class="choices">
          {(question.choices ?? []).map((c) => (
            <label key={c.index} class="choice" for={`${name}-${c.index}`}>
              <input
                id={`${name}-${c.index}`}
                type={single ? 'radio' : 'checkbox'}
                name={name}
                value={String(c.index)}
                checked={single ? chosen(response) === c.index : many.includes(c.index)}
                onChange={(e) =>
                  onResponse(single ? { choice: c.index } : { choices: toggled(many, c.index, e.currentTarget.checked) })
                }
                aria-describedby={showStatus ? statusId : undefined}
              />
              <PlainText text={c.text} />
            </label>
          ))}
        </div>
      );
      break;
    }
    case 'truefalse':
      input = (
        <div class="choices">
          {[true, false].map((value) => (
            <label key={String(value)} class="choice" for={`${name}-${value}`}>
              <input
                id={`${name}-${value}`}
                type="radio"
                name={name}
                value={String(value)}
                checked={truth(response) === value}
                onChange={() => onResponse({ value })}
                aria-describedby={showStatus ? statusId : undefined}
              />
              <span>{value ? t('course.attempt.true') : t('course.attempt.false')}</span>
            </label>
          ))}
        </div>
      );
      break;
    case 'shortanswer':
    case 'numerical': {
      const numerical = question.type === 'numerical';
      input = (
        <div class="field">
          <label for={`${name}-text`}>{t('course.attempt.yourAnswer')}</label>
          <input
            id={`${name}-text`}
            type="text"
            inputMode={numerical ? 'decimal' : undefined}
            autoComplete="off"
            spellcheck={false}
            dir="auto"
            value={text}
            onInput={(e) => onText(e.currentTarget.value)}
            onChange={(e) => onCommit(e.currentTarget.value)}
            aria-invalid={status === 'invalid' ? 'true' : undefined}
            aria-describedby={showStatus ? statusId : undefined}
          />
        </div>
      );
      break;
    }
    case 'matching': {
      const current = matches(response);
      input = (
        <div class="matching">
          {(question.items ?? []).map((item) => (
            <div key={item.index} class="field matching__item">
              <label for={`${name}-${item.index}`}>
                <PlainText text={item.text} />
              </label>
              <select
                id={`${name}-${item.index}`}
                value={current[String(item.index)] ?? ''}
                onChange={(e) => onResponse({ matches: matched(current, item.index, e.currentTarget.value) })}
                aria-describedby={showStatus ? statusId : undefined}
              >
                <option value="">{t('course.attempt.choose')}</option>
                {(question.answers ?? []).map((a) => (
                  <option key={a} value={a}>
                    {a}
                  </option>
                ))}
              </select>
            </div>
          ))}
        </div>
      );
      break;
    }
    case 'description':
      input = null;
      break;
    default:
      input = <p class="muted">{t('course.attempt.notAnswerable')}</p>;
  }
  return (
    <fieldset class="question" data-testid="question" data-position={q.position} data-type={question.type}>
      <legend class="question__legend">
        <QuestionHead q={q} />
      </legend>
      {input}
      {isAnswerable(question) && showStatus && <SaveLine id={statusId} status={status} error={error} />}
    </fieldset>
  );
}

function SaveLine({ id, status, error }: { id: string; status: SaveLineStatus | undefined; error: unknown }) {
  const i18n = useI18n();
  const { t } = i18n;
  let text = '';
  switch (status) {
    case 'saving':
      text = t('course.save.saving');
      break;
    case 'saved':
      text = t('course.save.saved');
      break;
    case 'retrying':
      text = t('course.save.retrying');
      break;
    case 'closed':
      text = t('course.save.closed');
      break;
    case 'failed':
      text = `${t('course.save.failed')} ${describeError(error, i18n).message}`;
      break;
    case 'invalid':
      text = t('course.save.invalidNumber');
      break;
  }
  const bad = status === 'retrying' || status === 'closed' || status === 'failed' || status === 'invalid';
  return (
    <p
      id={id}
      class={`save-status${bad ? ' save-status--bad' : ''}`}
      aria-live="polite"
      data-testid="save-status"
      data-status={status ?? ''}
    >
      {text}
    </p>
  );
}

