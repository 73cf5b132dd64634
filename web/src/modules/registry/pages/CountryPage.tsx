// One country: codes, region, today's classes, the class timeline and, for
// officers, a form to record a dated change.

import { formatDate } from '../../../platform/format';
import { Loaded } from '../../../platform/forms';
import { useI18n } from '../../../platform/i18n';
import { usePageTitle } from '../../../platform/page';
import { Link, type RouteProps } from '../../../platform/router';
import { useSession } from '../../../platform/session';
import { useLoad } from '../../../platform/useLoad';
import { getCountry } from '../api';
import { ClassBadges } from '../components/ClassBadges';
import { ClassChangeForm } from '../components/ClassChangeForm';
import { ClassTimeline } from '../components/ClassTimeline';
import { countryName } from '../rules';

export default function CountryPage({ params }: RouteProps) {
  const { t, tDynamic, lang } = useI18n();
  const session = useSession();
  const iso2 = (params.iso2 ?? '').toUpperCase();
  const load = useLoad((signal) => getCountry(iso2, signal), [iso2]);
  usePageTitle(load.data ? countryName(load.data, lang) : t('registry.countries.title'));

  return (
    <section class="page page--wide">
      <p class="breadcrumb">
        <Link href="/countries">{t('registry.countries.title')}</Link>
      </p>
      <Loaded load={load}>
        {(country) => (
          <>
            <h1 data-testid="country-name">{countryName(country, lang)}</h1>
            <dl class="facts">
              <dt>{t('registry.field.codes')}</dt>
              <dd>
                <bdi>
                  {country.iso2} / {country.iso3}
                </bdi>
              </dd>
              {lang !== 'en' && (
                <>
                  <dt>{t('registry.countries.englishName')}</dt>
                  <dd lang="en">
                    <bdi>{country.name}</bdi>
                  </dd>
                </>
              )}
              <dt>{t('registry.field.region')}</dt>
              <dd>{tDynamic(`registry.region.${country.region}`)}</dd>
              <dt>{t('registry.countries.classesOnDate', { date: formatDate(country.classification.on, lang) })}</dt>
              <dd>
                <ClassBadges classification={country.classification} />
              </dd>
            </dl>
            <h2>{t('registry.timeline.title')}</h2>
            <ClassTimeline history={country.history} />
            <details class="sources">
              <summary>{t('registry.timeline.sources')}</summary>
              <ul>
                {country.history.map((p) => (
                  <li key={p.id}>
                    <strong>{tDynamic(`registry.class.${p.class}`)}</strong>: <span lang="en">{p.source}</span>
                  </li>
                ))}
              </ul>
            </details>
            {session.hasRole('admin', 'officer') && (
              <ClassChangeForm iso2={country.iso2} onSaved={() => load.reload()} />
            )}
          </>
        )}
      </Loaded>
    </section>
  );
}
