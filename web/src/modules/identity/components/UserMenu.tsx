// The header's account menu: "Sign in" for visitors; for a signed-in user their
// name, opening a menu with their preferred language (saved to their account),
// links to their password and API tokens, and "Sign out".
// Part of the first load: keep it small.

import { useEffect, useRef, useState } from 'preact/hooks';
import { isLang, LANGUAGES, useI18n } from '../../../platform/i18n';
import { Link, navigate, useLocation } from '../../../platform/router';
import { signInHref, useSession } from '../../../platform/session';
import { signOut, updateMe } from '../api';

export function UserMenu() {
  const { t, lang, setLang } = useI18n();
  const session = useSession();
  const path = useLocation();
  const menu = useRef<HTMLDetailsElement>(null);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);

  // Close the menu after a navigation, a click elsewhere or Escape.
  useEffect(() => {
    if (menu.current) menu.current.open = false;
  }, [path]);
  useEffect(() => {
    const close = (event: Event) => {
      const details = menu.current;
      if (!details?.open) return;
      if (event instanceof KeyboardEvent) {
        if (event.key !== 'Escape') return;
        details.open = false;
        details.querySelector('summary')?.focus();
      } else if (!details.contains(event.target as Node)) {
        details.open = false;
      }
    };
    document.addEventListener('click', close);
    document.addEventListener('keydown', close);
    return () => {
      document.removeEventListener('click', close);
      document.removeEventListener('keydown', close);
    };
  }, []);

  const user = session.user;
  if (!user) {
    if (path === '/sign-in') return null;
    return (
      <Link href={signInHref(path === '/' ? undefined : path + window.location.search)} class="header-link" data-testid="sign-in-link">
        {t('identity.signIn.title')}
      </Link>
    );
  }

  const changeLanguage = async (event: Event) => {
    const next = (event.currentTarget as HTMLSelectElement).value;
    if (!isLang(next)) return;
    setBusy(true);
    setFailed(false);
    try {
      const updated = await updateMe({ language: next });
      session.setUser(updated);
      if (next !== lang) await setLang(next);
    } catch {
      setFailed(true);
    } finally {
      setBusy(false);
    }
  };

  const doSignOut = async () => {
    setBusy(true);
    setFailed(false);
    try {
      await signOut();
    } catch {
      // Signed out on this side anyway; the session ends when it expires.
    }
    setBusy(false);
    session.setUser(null);
    navigate('/');
  };

  return (
    <details class="user-menu" ref={menu} data-testid="user-menu">
      <summary>
        <span class="visually-hidden">{t('identity.menu.label')}: </span>
        <bdi data-testid="user-name">{user.display_name || user.email}</bdi>
      </summary>
      <div class="user-menu__panel">
        <p class="user-menu__who">
          <bdi>{user.email}</bdi>
          <br />
          <span class="muted">{user.roles.map((r) => t(roleKey(r))).join(', ')}</span>
        </p>
        <label for="menu-language">{t('identity.menu.language')}</label>
        <select id="menu-language" value={user.language} onChange={changeLanguage} disabled={busy}>
          {LANGUAGES.map((l) => (
            <option key={l.code} value={l.code} lang={l.code}>
              {l.name}
            </option>
          ))}
        </select>
        {failed && (
          <p class="field__error" role="alert">
            {t('error.network')}
          </p>
        )}
        <ul class="user-menu__links">
          <li>
            <Link href="/account/password">{t('identity.password.title')}</Link>
          </li>
          <li>
            <Link href="/account/tokens">{t('identity.tokens.title')}</Link>
          </li>
        </ul>
        <button type="button" class="button" onClick={doSignOut} disabled={busy} data-testid="sign-out">
          {t('identity.menu.signOut')}
        </button>
      </div>
    </details>
  );
}

type RoleKey =
  | 'identity.role.admin'
  | 'identity.role.officer'
  | 'identity.role.committee'
  | 'identity.role.focal_point'
  | 'identity.role.delegate'
  | 'identity.role.viewer';

export function roleKey(role: string): RoleKey {
  return `identity.role.${role}` as RoleKey;
}
