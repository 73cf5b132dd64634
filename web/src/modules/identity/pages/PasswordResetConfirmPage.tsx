// Choose a new password with the token of a reset link (#token=… or ?token=…).
// The token is taken out of the address bar as soon as it is read.

import { useEffect, useState } from 'preact/hooks';
import { ErrorBox } from '../../../platform/ErrorBox';
import { describedBy, Field, fieldError, Notice } from '../../../platform/forms';
import { useI18n } from '../../../platform/i18n';
import { usePageTitle } from '../../../platform/page';
import { Link } from '../../../platform/router';
import { confirmPasswordReset } from '../api';
import { resetTokenFrom } from '../rules';

export default function PasswordResetConfirmPage() {
  const { t } = useI18n();
  usePageTitle(t('identity.reset.confirmTitle'));
  const [token] = useState(() => resetTokenFrom(window.location.search, window.location.hash));
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const [done, setDone] = useState(false);

  useEffect(() => {
    // Keep the secret out of the history and of any later Referer.
    if (token) window.history.replaceState(null, '', '/password-reset/confirm');
  }, [token]);

  const submit = async (event: Event) => {
    event.preventDefault();
    setError(undefined);
    if (next !== repeat) {
      setMismatch(true);
      return;
    }
    setMismatch(false);
    setBusy(true);
    try {
      await confirmPasswordReset(token ?? '', next);
      setDone(true);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  if (!token) {
    return (
      <section class="page page--narrow">
        <h1>{t('identity.reset.confirmTitle')}</h1>
        <p>{t('identity.reset.noToken')}</p>
        <p>
          <Link href="/password-reset">{t('identity.reset.askAgain')}</Link>
        </p>
      </section>
    );
  }

  const nextError = fieldError(error, 'new_password');
  const repeatError = mismatch ? t('identity.password.mismatch') : undefined;
  return (
    <section class="page page--narrow">
      <h1>{t('identity.reset.confirmTitle')}</h1>
      {done ? (
        <>
          <Notice testId="reset-done">{t('identity.reset.done')}</Notice>
          <p>
            <Link href="/sign-in">{t('identity.signIn.title')}</Link>
          </p>
        </>
      ) : (
        <form class="form" onSubmit={submit} noValidate>
          <Field id="reset-new" label={t('identity.field.newPassword')} hint={t('identity.password.rules')} error={nextError}>
            <input
              id="reset-new"
              type="password"
              autoComplete="new-password"
              required
              minLength={12}
              value={next}
              onInput={(e) => setNext(e.currentTarget.value)}
              aria-invalid={nextError ? 'true' : undefined}
              aria-describedby={describedBy('reset-new', t('identity.password.rules'), nextError)}
            />
          </Field>
          <Field id="reset-repeat" label={t('identity.field.repeatPassword')} error={repeatError}>
            <input
              id="reset-repeat"
              type="password"
              autoComplete="new-password"
              required
              value={repeat}
              onInput={(e) => setRepeat(e.currentTarget.value)}
              aria-invalid={repeatError ? 'true' : undefined}
              aria-describedby={describedBy('reset-repeat', undefined, repeatError)}
            />
          </Field>
          {error !== undefined && !nextError && (
            <>
              <ErrorBox error={error} />
              <p>
                <Link href="/password-reset">{t('identity.reset.askAgain')}</Link>
              </p>
            </>
          )}
          <div class="actions">
            <button type="submit" class="button button--primary" disabled={busy}>
              {t('identity.reset.confirmSubmit')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
