// Events by venue country for a date window and a kind: the world map drawn by the server's chart
// kit (the same drawing as the progress report's map), with the same numbers in tables beside
// it, by ITU region and by country, held versus planned.

import { formatDate, formatNumber, todayIso } from '../../../platform/format';
import { Loaded } from '../../../platform/forms';
import { useI18n } from '../../../platform/i18n';
import { usePageTitle } from '../../../platform/page';
import { Link, navigate, useSearchParams } from '../../../platform/router';
import { useLoad } from '../../../platform/useLoad';
import { getGeography, mapSvgHref } from '../api';
import { EventsTabs } from '../components/EventsTabs';
import { useEventYears } from '../components/useEventYears';
import { WindowPicker } from '../components/WindowPicker';
import { queryString, readWindow, type DateWindow } from '../rules';
import { EVENT_KINDS, NOT_STATED, REGIONS, type GeoCount, type Geography } from '../types';

const REGION_ROWS = [...REGIONS, 'virtual', NOT_STATED];

export default function MapPage() {
  const { t, tDynamic, lang } = useI18n();
  usePageTitle(t('events.map.title'));
  const search = useSearchParams();
  const w = readWindow(search, todayIso());
  const asked = search.get('kind') ?? '';
  const kind = (EVENT_KINDS as readonly string[]).includes(asked) ? asked : '';
  const years = useEventYears();
  const go = (next: DateWindow, k: string) => navigate(`/events/map${queryString({ since: next.since, until: next.until, kind: k })}`);
  const load = useLoad((signal) => getGeography(w, kind, signal), [w.since, w.until, kind]);

  return (
    <section class="page page--wide">
      <h1>{t('events.map.title')}</h1>
      <EventsTabs current="map" />
      <form class="filters" onSubmit={(e) => e.preventDefault()}>
        <WindowPicker id="map" value={w} years={years} onChange={(next) => go(next, kind)} />
        <div class="field">
          <label for="map-kind">{t('events.field.kind')}</label>
          <select id="map-kind" value={kind} onChange={(e) => go(w, e.currentTarget.value)}>
            <option value="">{t('common.all')}</option>
            {EVENT_KINDS.map((k) => (
              <option key={k} value={k}>
                {tDynamic(`events.kind.${k}`)}
              </option>
            ))}
          </select>
        </div>
      </form>
      <p>
        {t('events.map.intro', { since: formatDate(w.since, lang), until: formatDate(w.until, lang) })}
      </p>
      <div class="figure-grid">
        <figure class="chart" data-testid="events-map">
          <img
            src={mapSvgHref(w, kind, lang)}
            alt={t('events.map.alt', { since: formatDate(w.since, lang), until: formatDate(w.until, lang) })}
            width={720}
            height={374}
          />
          <figcaption>{t('events.map.caption')}</figcaption>
        </figure>
        <Loaded load={load}>{(data) => <GeographyTables data={data} />}</Loaded>
      </div>
    </section>
  );
}

function GeographyTables({ data }: { data: Geography }) {
  const { t, tDynamic, lang } = useI18n();
  const n = (value: number) => formatNumber(value, lang);
  const cells = (c: GeoCount) => (
    <>
      <td class="num">{n(c.held)}</td>
      <td class="num">{n(c.planned)}</td>
      <td class="num">{n(c.cancelled)}</td>
    </>
  );
  const head = (first: string, second?: string) => (
    <thead>
      <tr>
        <th scope="col">{first}</th>
        {second && <th scope="col">{second}</th>}
        <th scope="col" class="num">
          {t('events.geo.held')}
        </th>
        <th scope="col" class="num">
          {t('events.geo.planned')}
        </th>
        <th scope="col" class="num">
          {t('events.geo.cancelled')}
        </th>
      </tr>
    </thead>
  );
  const regionName = (r: string) =>
    r === 'virtual' ? t('events.geo.virtual') : r === NOT_STATED ? t('events.geo.noRegion') : tDynamic(`registry.region.${r}`);
  return (
    <div>
      <div class="table-wrap">
        <table class="table table--mixed" data-testid="geo-regions">
          <caption>{t('events.geo.byRegion')}</caption>
          {head(t('events.field.region'))}
          <tbody>
            {REGION_ROWS.filter((r) => data.regions[r]).map((r) => (
              <tr key={r} data-region={r} class={r === NOT_STATED ? 'table__not-stated' : undefined}>
                <th scope="row">{regionName(r)}</th>
                {cells(data.regions[r]!)}
              </tr>
            ))}
            <tr class="table__total" data-testid="geo-total">
              <th scope="row">{t('events.geo.total')}</th>
              {cells(data.total)}
            </tr>
          </tbody>
        </table>
      </div>
      {data.countries.length === 0 ? (
        <p data-testid="geo-empty">{t('events.geo.none')}</p>
      ) : (
        <div class="table-wrap">
          <table class="table table--mixed" data-testid="geo-countries">
            <caption>{t('events.geo.byCountry')}</caption>
            {head(t('events.field.country'), t('events.field.region'))}
            <tbody>
              {data.countries.map((c) => (
                <tr key={c.iso2} data-iso2={c.iso2}>
                  <th scope="row">
                    <Link href={`/countries/${c.iso2}`}>
                      <bdi>{c.name}</bdi>
                    </Link>
                  </th>
                  <td>{regionName(c.region)}</td>
                  {cells(c)}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p class="muted">{t('events.geo.basis')}</p>
    </div>
  );
}
