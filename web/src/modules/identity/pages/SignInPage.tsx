// Sign in with email and password; afterwards go to ?next= (same origin) or home.

import { useState } from 'preact/hooks';
import { ErrorBox } from '../../../platform/ErrorBox';
import { describedBy, Field, fieldError } from '../../../platform/forms';
import { isLang, useI18n } from '../../../platform/i18n';
import { usePageTitle } from '../../../platform/page';
import { Link, navigate, safeNext, useSearchParams } from '../../../platform/router';
import { useSession } from '../../../platform/session';
import { signIn } from '../api';
import { formatMinutes, retryMinutes } from '../rules';

export default function SignInPage() {
  const { t, lang, setLang } = useI18n();
  const session = useSession();
  usePageTitle(t('identity.signIn.title'));
  const next = safeNext(useSearchParams().get('next')) ?? '/';
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const { user } = await signIn(email, password);
      if (isLang(user.language) && user.language !== lang) await setLang(user.language).catch(() => undefined);
      session.setUser(user);
      navigate(next, { replace: true });
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };

  if (session.user) {
    return (
      <section class="page page--narrow">
        <h1>{t('identity.signIn.title')}</h1>
        <p data-testid="signed-in-as">{t('identity.signIn.already', { name: session.user.display_name })}</p>
        <p>
          <Link href={next}>{t('identity.signIn.continue')}</Link>
        </p>
      </section>
    );
  }

  const minutes = retryMinutes(error);
  const emailError = fieldError(error, 'email');
  const passwordError = fieldError(error, 'password');
  return (
    <section class="page page--narrow">
      <h1>{t('identity.signIn.title')}</h1>
      <form class="form" onSubmit={submit} noValidate data-testid="sign-in-form">
        <Field id="sign-in-email" label={t('identity.field.email')} error={emailError}>
          <input
            id="sign-in-email"
            name="email"
            type="email"
            autoComplete="username"
            required
            value={email}
            onInput={(e) => setEmail(e.currentTarget.value)}
            aria-invalid={emailError ? 'true' : undefined}
            aria-describedby={describedBy('sign-in-email', undefined, emailError)}
          />
        </Field>
        <Field id="sign-in-password" label={t('identity.field.password')} error={passwordError}>
          <input
            id="sign-in-password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onInput={(e) => setPassword(e.currentTarget.value)}
            aria-invalid={passwordError ? 'true' : undefined}
            aria-describedby={describedBy('sign-in-password', undefined, passwordError)}
          />
        </Field>
        {minutes !== undefined ? (
          <div class="error-box" role="alert" data-testid="error-box">
            <p class="error-box__title">{t('identity.signIn.tooMany')}</p>
            <p class="error-box__message">
              {t('identity.signIn.tryAgainIn', { duration: formatMinutes(minutes, lang) })}
            </p>
          </div>
        ) : (
          error !== undefined && !emailError && !passwordError && <ErrorBox error={error} />
        )}
        <div class="actions">
          <button type="submit" class="button button--primary" disabled={busy} data-testid="sign-in-submit">
            {t('identity.signIn.submit')}
          </button>
          <Link href="/password-reset">{t('identity.signIn.forgot')}</Link>
        </div>
      </form>
    </section>
  );
}
