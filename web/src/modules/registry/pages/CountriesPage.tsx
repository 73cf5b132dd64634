// ITU Member States with their classes on a chosen date, filtered by region,
// class and name.

import { useState } from 'preact/hooks';
import { todayIso } from '../../../platform/format';
import { Loaded } from '../../../platform/forms';
import { useI18n } from '../../../platform/i18n';
import { usePageTitle } from '../../../platform/page';
import { Link } from '../../../platform/router';
import { useLoad } from '../../../platform/useLoad';
import { listCountries } from '../api';
import { ClassBadges } from '../components/ClassBadges';
import { countryMatches, countryName } from '../rules';
import { CLASSES, REGIONS } from '../types';

export default function CountriesPage() {
  const { t, tDynamic, lang } = useI18n();
  usePageTitle(t('registry.countries.title'));
  const [region, setRegion] = useState('');
  const [cls, setCls] = useState('');
  const [on, setOn] = useState(todayIso());
  const [q, setQ] = useState('');
  const day = /^\d{4}-\d{2}-\d{2}$/.test(on) ? on : todayIso();
  const load = useLoad((signal) => listCountries({ region, class: cls, on: day }, signal), [region, cls, day]);

  return (
    <section class="page page--wide">
      <h1>{t('registry.countries.title')}</h1>
      <p>{t('registry.countries.intro')}</p>
      <form class="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <div class="field">
          <label for="countries-q">{t('registry.countries.search')}</label>
          <input id="countries-q" type="search" value={q} onInput={(e) => setQ(e.currentTarget.value)} />
        </div>
        <div class="field">
          <label for="countries-region">{t('registry.field.region')}</label>
          <select id="countries-region" value={region} onChange={(e) => setRegion(e.currentTarget.value)}>
            <option value="">{t('common.all')}</option>
            {REGIONS.map((r) => (
              <option key={r} value={r}>
                {tDynamic(`registry.region.${r}`)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="countries-class">{t('registry.field.class')}</label>
          <select id="countries-class" value={cls} onChange={(e) => setCls(e.currentTarget.value)}>
            <option value="">{t('common.all')}</option>
            {CLASSES.map((c) => (
              <option key={c} value={c}>
                {tDynamic(`registry.class.${c}`)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="countries-on">{t('registry.countries.on')}</label>
          <input id="countries-on" type="date" value={on} onInput={(e) => setOn(e.currentTarget.value)} />
        </div>
      </form>
      <Loaded load={load}>
        {(page) => {
          const rows = page.items
            .filter((c) => countryMatches(c, q, lang))
            .map((c) => ({ c, name: countryName(c, lang) }))
            .sort((a, b) => a.name.localeCompare(b.name, lang));
          return (
            <>
              <p class="muted" role="status">
                {t('registry.countries.count', { count: rows.length })}
              </p>
              <div class="table-wrap">
                <table class="table" data-testid="countries-table">
                  <thead>
                    <tr>
                      <th scope="col">{t('registry.field.country')}</th>
                      <th scope="col">{t('registry.field.codes')}</th>
                      <th scope="col">{t('registry.field.region')}</th>
                      <th scope="col">{t('registry.countries.classesOn')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map(({ c, name }) => (
                      <tr key={c.iso2} data-iso2={c.iso2}>
                        <td>
                          <Link href={`/countries/${c.iso2}`}>{name}</Link>
                        </td>
                        <td>
                          <bdi>
                            {c.iso2} / {c.iso3}
                          </bdi>
                        </td>
                        <td>{tDynamic(`registry.region.${c.region}`)}</td>
                        <td>
                          <ClassBadges classification={c.classification} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          );
        }}
      </Loaded>
    </section>
  );
}
