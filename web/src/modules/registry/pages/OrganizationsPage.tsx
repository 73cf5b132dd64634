// Organizations: search by name, filter by kind and country; officers create them.

import { useState } from 'preact/hooks';
import { Loaded, PagedTable } from '../../../platform/forms';
import { useI18n } from '../../../platform/i18n';
import { usePageTitle } from '../../../platform/page';
import { Link } from '../../../platform/router';
import { useSession } from '../../../platform/session';
import { useDebounced, useLoad } from '../../../platform/useLoad';
import { listOrganizations } from '../api';
import { CountrySelect } from '../components/CountrySelect';
import { ORGANIZATION_KINDS } from '../types';

const PAGE = 50;

export default function OrganizationsPage() {
  const { t, tDynamic } = useI18n();
  const session = useSession();
  usePageTitle(t('registry.organizations.title'));
  const [q, setQ] = useState('');
  const [kind, setKind] = useState('');
  const [country, setCountry] = useState('');
  const [offset, setOffset] = useState(0);
  const query = useDebounced(q.trim());
  const load = useLoad(
    (signal) => listOrganizations({ q: query, kind, country, limit: PAGE, offset }, signal),
    [query, kind, country, offset],
  );
  const filter = (apply: () => void) => {
    apply();
    setOffset(0);
  };

  return (
    <section class="page page--wide">
      <div class="page-head">
        <h1>{t('registry.organizations.title')}</h1>
        {session.hasRole('admin', 'officer') && (
          <Link href="/organizations/new" class="button button--primary">
            {t('registry.organizations.new')}
          </Link>
        )}
      </div>
      <form class="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <div class="field">
          <label for="org-q">{t('registry.organizations.search')}</label>
          <input id="org-q" type="search" value={q} onInput={(e) => filter(() => setQ(e.currentTarget.value))} />
        </div>
        <div class="field">
          <label for="org-kind">{t('registry.field.kind')}</label>
          <select id="org-kind" value={kind} onChange={(e) => filter(() => setKind(e.currentTarget.value))}>
            <option value="">{t('common.all')}</option>
            {ORGANIZATION_KINDS.map((k) => (
              <option key={k} value={k}>
                {tDynamic(`registry.kind.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="org-country">{t('registry.field.country')}</label>
          <CountrySelect
            id="org-country"
            value={country}
            emptyLabel={t('common.all')}
            onChange={(v) => filter(() => setCountry(v))}
          />
        </div>
      </form>
      <Loaded load={load}>
        {(page) => (
          <PagedTable
            items={page.items}
            offset={page.offset}
            limit={page.limit}
            total={page.total}
            onPage={setOffset}
            testId="organizations-table"
            headers={[t('registry.field.name'), t('registry.field.kind'), t('registry.field.country')]}
            row={(o) => (
              <tr key={o.id}>
                <td>
                  <Link href={`/organizations/${o.id}`}>
                    <bdi>{o.name}</bdi>
                  </Link>
                </td>
                <td>{tDynamic(`registry.kind.${o.kind}`)}</td>
                <td>{o.country ? <bdi>{o.country}</bdi> : ''}</td>
              </tr>
            )}
          />
        )}
      </Loaded>
    </section>
  );
}
