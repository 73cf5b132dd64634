// Admin: the list of users, searchable by name or email and filtered by role
// and status, with a link to create one.

import { useState } from 'preact/hooks';
import { ROLES } from '../../../platform/access';
import { Loaded, PagedTable } from '../../../platform/forms';
import { useI18n } from '../../../platform/i18n';
import { usePageTitle } from '../../../platform/page';
import { Link } from '../../../platform/router';
import { useDebounced, useLoad } from '../../../platform/useLoad';
import { listUsers } from '../api';
import { roleKey } from '../components/UserMenu';

const PAGE = 50;

export default function UsersPage() {
  const { t } = useI18n();
  usePageTitle(t('identity.users.title'));
  const [q, setQ] = useState('');
  const [role, setRole] = useState('');
  const [status, setStatus] = useState('');
  const [offset, setOffset] = useState(0);
  const query = useDebounced(q.trim());
  const load = useLoad(
    (signal) =>
      listUsers(
        {
          q: query,
          role,
          ...(status ? { disabled: status === 'disabled' } : {}),
          limit: PAGE,
          offset,
        },
        signal,
      ),
    [query, role, status, offset],
  );
  const filter = (apply: () => void) => {
    apply();
    setOffset(0);
  };

  return (
    <section class="page page--wide">
      <div class="page-head">
        <h1>{t('identity.users.title')}</h1>
        <Link href="/admin/users/new" class="button button--primary" data-testid="new-user">
          {t('identity.users.new')}
        </Link>
      </div>
      <form class="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <div class="field">
          <label for="users-q">{t('identity.users.search')}</label>
          <input id="users-q" type="search" value={q} onInput={(e) => filter(() => setQ(e.currentTarget.value))} />
        </div>
        <div class="field">
          <label for="users-role">{t('identity.field.role')}</label>
          <select id="users-role" value={role} onChange={(e) => filter(() => setRole(e.currentTarget.value))}>
            <option value="">{t('common.all')}</option>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(roleKey(r))}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="users-status">{t('identity.field.status')}</label>
          <select id="users-status" value={status} onChange={(e) => filter(() => setStatus(e.currentTarget.value))}>
            <option value="">{t('common.all')}</option>
            <option value="enabled">{t('identity.users.enabled')}</option>
            <option value="disabled">{t('identity.users.disabled')}</option>
          </select>
        </div>
      </form>
      <Loaded load={load}>
        {(page) => (
          <PagedTable
            items={page.users}
            offset={page.offset}
            limit={page.limit}
            total={page.total}
            onPage={setOffset}
            testId="users-table"
            headers={[t('identity.field.displayName'), t('identity.field.email'), t('identity.field.roles'), t('identity.field.status')]}
            row={(u) => (
              <tr key={u.user_id}>
                <td>
                  <Link href={`/admin/users/${u.user_id}`}>
                    <bdi>{u.display_name || u.email}</bdi>
                  </Link>
                </td>
                <td>
                  <bdi>{u.email}</bdi>
                </td>
                <td>
                  {u.roles.map((r) => t(roleKey(r))).join(', ')}
                  {u.country && (
                    <>
                      {' '}
                      (<bdi>{u.country}</bdi>)
                    </>
                  )}
                </td>
                <td>
                  {u.disabled ? (
                    <span class="badge badge--warn">{t('identity.users.disabled')}</span>
                  ) : (
                    t('identity.users.enabled')
                  )}
                </td>
              </tr>
            )}
          />
        )}
      </Loaded>
    </section>
  );
}
