// <ErrorBox error={…}/>: the one way pages show a failed request or action.
// It announces itself to assistive technology (role="alert"), shows the
// message and any per-field messages, and optionally offers a retry button.

import { describeError } from './errors';
import { useI18n } from './i18n';

export interface ErrorBoxProps {
  error: unknown;
  onRetry?: () => void;
}

export function ErrorBox({ error, onRetry }: ErrorBoxProps) {
  const i18n = useI18n();
  const { message, fields } = describeError(error, i18n);
  return (
    <div class="error-box" role="alert" data-testid="error-box">
      <p class="error-box__title">{i18n.t('error.title')}</p>
      <p class="error-box__message">{message}</p>
      {fields.length > 0 && (
        <>
          <p>{i18n.t('error.fields')}</p>
          <ul class="error-box__fields">
            {fields.map(([name, text]) => (
              <li key={name}>
                <span class="error-box__field">{name}</span>: {text}
              </li>
            ))}
          </ul>
        </>
      )}
      {onRetry && (
        <button type="button" class="button" onClick={onRetry}>
          {i18n.t('common.retry')}
        </button>
      )}
    </div>
  );
}
