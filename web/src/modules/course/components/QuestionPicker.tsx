// Choosing a fixed question for a quiz slot: the question chosen so far, and a search of the bank
// by text or name whose results are buttons. Only questions graded by the computer are offered
// (essays and descriptions cannot be in a quiz).

import { useState } from 'preact/hooks';
import { describedBy } from '../../../platform/forms';
import { useI18n } from '../../../platform/i18n';
import { Link } from '../../../platform/router';
import { searchQuestions, textOnly } from '../authoring';
import type { BankQuestion } from '../types';

const SHOWN = 8;

function excerpt(text: string, max = 90): string {
  const plain = textOnly(text);
  return plain.length > max ? `${plain.slice(0, max - 1)}…` : plain;
}

export function QuestionPicker({
  idPrefix,
  questions,
  chosen,
  error,
  onChoose,
}: {
  idPrefix: string;
  questions: readonly BankQuestion[];
  chosen: number | null;
  error: string | undefined;
  onChoose: (question: BankQuestion) => void;
}) {
  const { t, tDynamic } = useI18n();
  const [query, setQuery] = useState('');
  const found = searchQuestions(questions, query, SHOWN + 1);
  const current = chosen === null ? undefined : questions.find((q) => q.question_id === chosen);
  const searchId = `${idPrefix}-search`;
  const chosenId = `${idPrefix}-chosen`;
  const hint = t('course.quiz.searchHint');
  return (
    <div class={`question-picker${error ? ' field--invalid' : ''}`}>
      <p id={chosenId} class="question-picker__chosen" data-testid="slot-chosen" data-question-id={chosen ?? ''}>
        {current ? (
          <>
            <strong>{t('course.quiz.chosen')}</strong>{' '}
            <Link href={`/courses/questions/${current.question_id}`}>
              <bdi>{current.question.name || excerpt(current.question.text.text, 40)}</bdi>
            </Link>
            <span class="muted">
              {' · '}
              {tDynamic(`course.questionType.${current.question.type}`)}
              {' · '}
              <bdi>{excerpt(current.question.text.text)}</bdi>
            </span>
          </>
        ) : chosen !== null ? (
          <>
            <strong>{t('course.quiz.chosen')}</strong> <span dir="ltr">#{chosen}</span>
          </>
        ) : (
          <span class="muted">{t('course.quiz.noneChosen')}</span>
        )}
      </p>
      <div class="field">
        <label for={searchId}>{current || chosen !== null ? t('course.quiz.searchOther') : t('course.quiz.search')}</label>
        <input
          id={searchId}
          type="search"
          autoComplete="off"
          value={query}
          onInput={(e) => setQuery(e.currentTarget.value)}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={`${chosenId} ${describedBy(searchId, hint, error) ?? ''}`.trim()}
          aria-controls={`${idPrefix}-results`}
          data-testid="slot-search"
        />
        <p class="field__hint" id={`${searchId}-hint`}>
          {hint}
        </p>
        {error && (
          <p class="field__error" id={`${searchId}-error`}>
            {error}
          </p>
        )}
      </div>
      <div id={`${idPrefix}-results`} aria-live="polite">
        {query.trim() !== '' &&
          (found.length === 0 ? (
            <p class="muted" data-testid="slot-no-results">
              {t('course.quiz.noMatch')}
            </p>
          ) : (
            <>
              <ul class="question-picker__results" data-testid="slot-results">
                {found.slice(0, SHOWN).map((q) => (
                  <li key={q.question_id}>
                    <button
                      type="button"
                      class="button question-picker__result"
                      onClick={() => {
                        onChoose(q);
                        setQuery('');
                        document.getElementById(searchId)?.focus();
                      }}
                      data-testid="slot-result"
                      data-question-id={q.question_id}
                    >
                      <span class="question-picker__name">
                        {t('course.quiz.choose')}: <bdi>{q.question.name || excerpt(q.question.text.text, 40)}</bdi>
                      </span>
                      <span class="muted question-picker__text">
                        <bdi>{excerpt(q.question.text.text)}</bdi>
                        {' · '}
                        <bdi>{q.category}</bdi>
                      </span>
                    </button>
                  </li>
                ))}
              </ul>
              {found.length > SHOWN && <p class="muted">{t('course.quiz.moreMatches')}</p>}
            </>
          ))}
      </div>
    </div>
  );
}
