// "Forgot your password?": ask for a reset link by email. The link the server
// sends opens /password-reset#token=…, which shows the form to choose a new
// password instead.

import { useState } from 'preact/hooks';
import { ErrorBox } from '../../../platform/ErrorBox';
import { describedBy, Field, fieldError, Notice } from '../../../platform/forms';
import { useI18n } from '../../../platform/i18n';
import { usePageTitle } from '../../../platform/page';
import { Link } from '../../../platform/router';
import { requestPasswordReset } from '../api';
import { resetTokenFrom } from '../rules';
import PasswordResetConfirmPage from './PasswordResetConfirmPage';

export default function PasswordResetRequestPage() {
  const [hasToken] = useState(() => resetTokenFrom(window.location.search, window.location.hash) !== undefined);
  return hasToken ? <PasswordResetConfirmPage /> : <RequestForm />;
}

function RequestForm() {
  const { t } = useI18n();
  usePageTitle(t('identity.reset.title'));
  const [email, setEmail] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const [sent, setSent] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await requestPasswordReset(email);
      setSent(true);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const emailError = fieldError(error, 'email');
  return (
    <section class="page page--narrow">
      <h1>{t('identity.reset.title')}</h1>
      {sent ? (
        <>
          <Notice testId="reset-sent">{t('identity.reset.sent')}</Notice>
          <p>
            <Link href="/sign-in">{t('identity.reset.backToSignIn')}</Link>
          </p>
        </>
      ) : (
        <form class="form" onSubmit={submit} noValidate>
          <p>{t('identity.reset.intro')}</p>
          <Field id="reset-email" label={t('identity.field.email')} error={emailError}>
            <input
              id="reset-email"
              type="email"
              autoComplete="username"
              required
              value={email}
              onInput={(e) => setEmail(e.currentTarget.value)}
              aria-invalid={emailError ? 'true' : undefined}
              aria-describedby={describedBy('reset-email', undefined, emailError)}
            />
          </Field>
          {error !== undefined && !emailError && <ErrorBox error={error} />}
          <div class="actions">
            <button type="submit" class="button button--primary" disabled={busy}>
              {t('identity.reset.submit')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
