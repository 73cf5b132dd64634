// Change your own password (PUT /api/me/password); the server signs out your other sessions.

import { useState } from 'preact/hooks';
import { ErrorBox } from '../../../platform/ErrorBox';
import { describedBy, Field, fieldError, Notice } from '../../../platform/forms';
import { useI18n } from '../../../platform/i18n';
import { usePageTitle } from '../../../platform/page';
import { changePassword } from '../api';
import { formatMinutes, retryMinutes } from '../rules';

export default function ChangePasswordPage() {
  const { t, lang } = useI18n();
  usePageTitle(t('identity.password.title'));
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const [mismatch, setMismatch] = useState(false);
  const [done, setDone] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    setDone(false);
    setError(undefined);
    if (next !== repeat) {
      setMismatch(true);
      return;
    }
    setMismatch(false);
    setBusy(true);
    try {
      await changePassword(current, next);
      setCurrent('');
      setNext('');
      setRepeat('');
      setDone(true);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const currentError = fieldError(error, 'current_password');
  const nextError = fieldError(error, 'new_password');
  const repeatError = mismatch ? t('identity.password.mismatch') : undefined;
  const minutes = retryMinutes(error);
  return (
    <section class="page page--narrow">
      <h1>{t('identity.password.title')}</h1>
      {done && <Notice testId="password-changed">{t('identity.password.changed')}</Notice>}
      <form class="form" onSubmit={submit} noValidate>
        <Field id="pw-current" label={t('identity.field.currentPassword')} error={currentError}>
          <input
            id="pw-current"
            type="password"
            autoComplete="current-password"
            required
            value={current}
            onInput={(e) => setCurrent(e.currentTarget.value)}
            aria-invalid={currentError ? 'true' : undefined}
            aria-describedby={describedBy('pw-current', undefined, currentError)}
          />
        </Field>
        <Field id="pw-new" label={t('identity.field.newPassword')} hint={t('identity.password.rules')} error={nextError}>
          <input
            id="pw-new"
            type="password"
            autoComplete="new-password"
            required
            minLength={12}
            value={next}
            onInput={(e) => setNext(e.currentTarget.value)}
            aria-invalid={nextError ? 'true' : undefined}
            aria-describedby={describedBy('pw-new', t('identity.password.rules'), nextError)}
          />
        </Field>
        <Field id="pw-repeat" label={t('identity.field.repeatPassword')} error={repeatError}>
          <input
            id="pw-repeat"
            type="password"
            autoComplete="new-password"
            required
            value={repeat}
            onInput={(e) => setRepeat(e.currentTarget.value)}
            aria-invalid={repeatError ? 'true' : undefined}
            aria-describedby={describedBy('pw-repeat', undefined, repeatError)}
          />
        </Field>
        {minutes !== undefined ? (
          <div class="error-box" role="alert">
            <p class="error-box__title">{t('identity.signIn.tooMany')}</p>
            <p class="error-box__message">
              {t('identity.signIn.tryAgainIn', { duration: formatMinutes(minutes, lang) })}
            </p>
          </div>
        ) : (
          error !== undefined && !currentError && !nextError && <ErrorBox error={error} />
        )}
        <div class="actions">
          <button type="submit" class="button button--primary" disabled={busy}>
            {t('identity.password.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
