// Admin: create a user. With a password the account can sign in at once;
// without one the server puts an invitation link in the outbox.

import { useState } from 'preact/hooks';
import { ErrorBox } from '../../../platform/ErrorBox';
import { describedBy, Field, fieldError } from '../../../platform/forms';
import { LANGUAGES, useI18n } from '../../../platform/i18n';
import { usePageTitle } from '../../../platform/page';
import { Link, navigate } from '../../../platform/router';
import { createUser } from '../api';
import { RolesField } from '../components/RolesField';

export default function UserNewPage() {
  const { t, lang } = useI18n();
  usePageTitle(t('identity.users.new'));
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [language, setLanguage] = useState<string>(lang);
  const [roles, setRoles] = useState<string[]>(['delegate']);
  const [country, setCountry] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const user = await createUser({
        email: email.trim(),
        display_name: name.trim(),
        language,
        roles,
        country: roles.includes('focal_point') && country.trim() ? country.trim() : null,
        ...(password ? { password } : {}),
      });
      navigate(`/admin/users/${user.user_id}?created=1`);
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };

  const err = (name: string) => fieldError(error, name);
  return (
    <section class="page">
      <p class="breadcrumb">
        <Link href="/admin/users">{t('identity.users.title')}</Link>
      </p>
      <h1>{t('identity.users.new')}</h1>
      <form class="form" onSubmit={submit} noValidate data-testid="user-form">
        <Field id="user-email" label={t('identity.field.email')} error={err('email')}>
          <input
            id="user-email"
            type="email"
            required
            autoComplete="off"
            value={email}
            onInput={(e) => setEmail(e.currentTarget.value)}
            aria-invalid={err('email') ? 'true' : undefined}
            aria-describedby={describedBy('user-email', undefined, err('email'))}
          />
        </Field>
        <Field id="user-name" label={t('identity.field.displayName')} error={err('display_name')}>
          <input id="user-name" autoComplete="off" value={name} onInput={(e) => setName(e.currentTarget.value)} />
        </Field>
        <Field id="user-language" label={t('identity.field.language')} error={err('language')}>
          <select id="user-language" value={language} onChange={(e) => setLanguage(e.currentTarget.value)}>
            {LANGUAGES.map((l) => (
              <option key={l.code} value={l.code} lang={l.code}>
                {l.name}
              </option>
            ))}
          </select>
        </Field>
        <RolesField
          roles={roles}
          country={country}
          onRoles={setRoles}
          onCountry={setCountry}
          rolesError={err('roles')}
          countryError={err('country')}
        />
        <Field
          id="user-password"
          label={t('identity.field.initialPassword')}
          hint={t('identity.users.passwordHint')}
          error={err('password')}
        >
          <input
            id="user-password"
            type="password"
            autoComplete="new-password"
            value={password}
            onInput={(e) => setPassword(e.currentTarget.value)}
            aria-invalid={err('password') ? 'true' : undefined}
            aria-describedby={describedBy('user-password', t('identity.users.passwordHint'), err('password'))}
          />
        </Field>
        {error !== undefined && <ErrorBox error={error} />}
        <div class="actions">
          <button type="submit" class="button button--primary" disabled={busy} data-testid="create-user">
            {t('identity.users.create')}
          </button>
          <Link href="/admin/users">{t('common.cancel')}</Link>
        </div>
      </form>
    </section>
  );
}
