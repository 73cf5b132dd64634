// Admin: one user. Change their name, language, roles and country, and
// disable or enable the account.

import { useEffect, useState } from 'preact/hooks';
import { ErrorBox } from '../../../platform/ErrorBox';
import { formatDateTime } from '../../../platform/format';
import { Field, fieldError, Loaded, Notice } from '../../../platform/forms';
import { LANGUAGES, useI18n } from '../../../platform/i18n';
import { usePageTitle } from '../../../platform/page';
import { Link, useSearchParams, type RouteProps } from '../../../platform/router';
import { useSession } from '../../../platform/session';
import { useLoad } from '../../../platform/useLoad';
import { getUser, updateUser } from '../api';
import { RolesField } from '../components/RolesField';
import type { User } from '../types';

export default function UserPage({ params }: RouteProps) {
  const { t } = useI18n();
  const load = useLoad((signal) => getUser(params.id ?? '', signal), [params.id]);
  usePageTitle(load.data ? load.data.display_name || load.data.email : t('identity.users.title'));
  return (
    <section class="page">
      <p class="breadcrumb">
        <Link href="/admin/users">{t('identity.users.title')}</Link>
      </p>
      <Loaded load={load}>{(user) => <UserEditor user={user} onSaved={load.set} />}</Loaded>
    </section>
  );
}

function UserEditor({ user, onSaved }: { user: User; onSaved: (user: User) => void }) {
  const { t, lang } = useI18n();
  const session = useSession();
  const created = useSearchParams().get('created') === '1';
  const [name, setName] = useState(user.display_name);
  const [language, setLanguage] = useState(user.language);
  const [roles, setRoles] = useState<string[]>(user.roles);
  const [country, setCountry] = useState(user.country ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const [saved, setSaved] = useState<'saved' | 'disabled' | 'enabled' | undefined>(undefined);

  useEffect(() => {
    setName(user.display_name);
    setLanguage(user.language);
    setRoles(user.roles);
    setCountry(user.country ?? '');
  }, [user]);

  const run = async (change: Parameters<typeof updateUser>[1], what: 'saved' | 'disabled' | 'enabled') => {
    setBusy(true);
    setError(undefined);
    setSaved(undefined);
    try {
      const updated = await updateUser(user.user_id, change);
      onSaved(updated);
      if (session.user?.user_id === updated.user_id) session.setUser(updated);
      setSaved(what);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const save = (event: Event) => {
    event.preventDefault();
    void run(
      {
        display_name: name.trim(),
        language,
        roles,
        country: roles.includes('focal_point') && country.trim() ? country.trim() : null,
      },
      'saved',
    );
  };

  const err = (field: string) => fieldError(error, field);
  const self = session.user?.user_id === user.user_id;
  return (
    <>
      <h1>
        <bdi>{user.display_name || user.email}</bdi>
      </h1>
      {created && !saved && <Notice testId="user-created">{t('identity.users.created')}</Notice>}
      {saved && (
        <Notice testId="user-saved">
          {saved === 'saved'
            ? t('common.saved')
            : saved === 'disabled'
              ? t('identity.users.nowDisabled')
              : t('identity.users.nowEnabled')}
        </Notice>
      )}
      <dl class="facts">
        <dt>{t('identity.field.email')}</dt>
        <dd>
          <bdi data-testid="user-email">{user.email}</bdi>
        </dd>
        <dt>{t('identity.field.status')}</dt>
        <dd data-testid="user-status">
          {user.disabled
            ? `${t('identity.users.disabled')} (${formatDateTime(user.disabled_at, lang)})`
            : t('identity.users.enabled')}
        </dd>
        <dt>{t('identity.field.password')}</dt>
        <dd>{user.has_password ? t('identity.users.passwordSet') : t('identity.users.passwordNotSet')}</dd>
        <dt>{t('common.createdAt')}</dt>
        <dd>{formatDateTime(user.created_at, lang)}</dd>
      </dl>
      <h2>{t('identity.users.edit')}</h2>
      <form class="form" onSubmit={save} noValidate>
        <Field id="user-name" label={t('identity.field.displayName')} error={err('display_name')}>
          <input id="user-name" value={name} onInput={(e) => setName(e.currentTarget.value)} />
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
        {error !== undefined && <ErrorBox error={error} />}
        <div class="actions">
          <button type="submit" class="button button--primary" disabled={busy} data-testid="save-user">
            {t('common.save')}
          </button>
          {!self &&
            (user.disabled ? (
              <button type="button" class="button" disabled={busy} onClick={() => run({ disabled: false }, 'enabled')}>
                {t('identity.users.enable')}
              </button>
            ) : (
              <button
                type="button"
                class="button button--danger"
                disabled={busy}
                onClick={() => run({ disabled: true }, 'disabled')}
                data-testid="disable-user"
              >
                {t('identity.users.disable')}
              </button>
            ))}
          <Link href={`/audit?record=${encodeURIComponent(`user:${user.user_id}`)}`}>{t('identity.users.history')}</Link>
        </div>
      </form>
    </>
  );
}
