// People: search by name or email (accents and case ignored), filter by
// country, gender and organization; officers create records.

import { useState } from 'preact/hooks';
import { Loaded, PagedTable } from '../../../platform/forms';
import { useI18n } from '../../../platform/i18n';
import { usePageTitle } from '../../../platform/page';
import { Link } from '../../../platform/router';
import { useSession } from '../../../platform/session';
import { useDebounced, useLoad } from '../../../platform/useLoad';
import { listPeople } from '../api';
import { CountrySelect } from '../components/CountrySelect';
import { GENDERS } from '../types';

const PAGE = 50;

export default function PeoplePage() {
  const { t, tDynamic } = useI18n();
  const session = useSession();
  usePageTitle(t('registry.people.title'));
  const [organization] = useState(() => {
    const id = Number(new URLSearchParams(window.location.search).get('organization_id'));
    return Number.isInteger(id) && id > 0 ? id : undefined;
  });
  const [q, setQ] = useState('');
  const [country, setCountry] = useState('');
  const [gender, setGender] = useState('');
  const [merged, setMerged] = useState(false);
  const [offset, setOffset] = useState(0);
  const query = useDebounced(q.trim());
  const load = useLoad(
    (signal) =>
      listPeople(
        {
          q: query,
          country,
          gender,
          ...(organization ? { organization_id: organization } : {}),
          ...(merged ? { include_merged: true } : {}),
          limit: PAGE,
          offset,
        },
        signal,
      ),
    [query, country, gender, merged, offset],
  );
  const filter = (apply: () => void) => {
    apply();
    setOffset(0);
  };

  return (
    <section class="page page--wide">
      <div class="page-head">
        <h1>{t('registry.people.title')}</h1>
        {session.hasRole('admin', 'officer') && (
          <Link href="/people/new" class="button button--primary">
            {t('registry.people.new')}
          </Link>
        )}
      </div>
      {organization !== undefined && (
        <p>
          {t('registry.people.ofOrganization')} <Link href={`/organizations/${organization}`}>#{organization}</Link> ·{' '}
          <Link href="/people">{t('registry.people.allPeople')}</Link>
        </p>
      )}
      <form class="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <div class="field">
          <label for="people-q">{t('registry.people.search')}</label>
          <input
            id="people-q"
            type="search"
            value={q}
            aria-describedby="people-q-hint"
            onInput={(e) => filter(() => setQ(e.currentTarget.value))}
          />
          <p class="field__hint" id="people-q-hint">
            {t('registry.people.searchHint')}
          </p>
        </div>
        <div class="field">
          <label for="people-country">{t('registry.field.country')}</label>
          <CountrySelect
            id="people-country"
            value={country}
            emptyLabel={t('common.all')}
            onChange={(v) => filter(() => setCountry(v))}
          />
        </div>
        <div class="field">
          <label for="people-gender">{t('registry.field.gender')}</label>
          <select id="people-gender" value={gender} onChange={(e) => filter(() => setGender(e.currentTarget.value))}>
            <option value="">{t('common.all')}</option>
            {GENDERS.map((g) => (
              <option key={g} value={g}>
                {tDynamic(`registry.gender.${g}`)}
              </option>
            ))}
          </select>
        </div>
        <label class="check">
          <input type="checkbox" checked={merged} onChange={(e) => filter(() => setMerged(e.currentTarget.checked))} />
          {t('registry.people.includeMerged')}
        </label>
      </form>
      <Loaded load={load}>
        {(page) => (
          <PagedTable
            items={page.items}
            offset={page.offset}
            limit={page.limit}
            total={page.total}
            onPage={setOffset}
            testId="people-table"
            headers={[t('registry.field.name'), t('registry.field.email'), t('registry.field.country'), t('registry.field.organization'), t('registry.field.gender')]}
            row={(p) => (
              <tr key={p.id}>
                <td>
                  <Link href={`/people/${p.id}`}>
                    <bdi>{p.display_name}</bdi>
                  </Link>
                  {p.merged_into !== null && <span class="badge badge--plain">{t('registry.people.merged')}</span>}
                  {p.erased && <span class="badge badge--plain">{t('registry.people.erased')}</span>}
                </td>
                <td>{p.email ? <bdi>{p.email}</bdi> : ''}</td>
                <td>{p.country ? <bdi>{p.country}</bdi> : ''}</td>
                <td>{p.organization_name ? <bdi>{p.organization_name}</bdi> : ''}</td>
                <td>{tDynamic(`registry.gender.${p.gender}`)}</td>
              </tr>
            )}
          />
        )}
      </Loaded>
    </section>
  );
}
