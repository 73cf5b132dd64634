// Management teams: who holds the chair and vice-chair seats of a study
// period's groups, counted by developing/developed, LDC, region and gender,
// with the shares, compared with another period. Seats whose holder has no
// recorded country or gender are counted as "not stated", never guessed.

import { useEffect, useState } from 'preact/hooks';
import { todayIso, formatNumber, formatPoints, formatShare } from '../../../platform/format';
import { Loaded } from '../../../platform/forms';
import { useI18n } from '../../../platform/i18n';
import { usePageTitle } from '../../../platform/page';
import { useLoad } from '../../../platform/useLoad';
import { getRepresentation, listPeriods } from '../api';
import { PeriodSelect } from '../components/PeriodSelect';
import { currentPeriod, previousPeriod, representationRows } from '../rules';
import { BREAKDOWNS, NOT_STATED, type Representation } from '../types';

export default function TeamsPage() {
  const { t } = useI18n();
  usePageTitle(t('groups.teams.title'));
  const periods = useLoad((signal) => listPeriods(signal), []);
  const [period, setPeriod] = useState('');
  const [compare, setCompare] = useState('');

  useEffect(() => {
    if (period || !periods.data) return;
    const current = currentPeriod(periods.data, todayIso());
    if (!current) return;
    setPeriod(current.code);
    setCompare(previousPeriod(periods.data, current.code)?.code ?? '');
  }, [periods.data, period]);

  return (
    <section class="page page--wide">
      <h1>{t('groups.teams.title')}</h1>
      <p>{t('groups.teams.intro')}</p>
      <Loaded load={periods}>
        {(list) => (
          <>
            <form class="filters" onSubmit={(e) => e.preventDefault()}>
              <div class="field">
                <label for="teams-period">{t('groups.field.period')}</label>
                <PeriodSelect id="teams-period" periods={list} value={period} onChange={setPeriod} />
              </div>
              <div class="field">
                <label for="teams-compare">{t('groups.teams.compare')}</label>
                <PeriodSelect
                  id="teams-compare"
                  periods={list}
                  value={compare}
                  onChange={setCompare}
                  emptyLabel={t('groups.teams.noCompare')}
                />
              </div>
            </form>
            {period && <RepresentationView period={period} compare={compare === period ? '' : compare} />}
          </>
        )}
      </Loaded>
    </section>
  );
}

function RepresentationView({ period, compare }: { period: string; compare: string }) {
  const load = useLoad((signal) => getRepresentation(period, compare, signal), [period, compare]);
  return <Loaded load={load}>{(data) => <RepresentationTable data={data} />}</Loaded>;
}

function RepresentationTable({ data }: { data: Representation }) {
  const { t, tDynamic, lang } = useI18n();
  const cur = data.period;
  const cmp = data.compare;
  const bucketLabel = (name: string, bucket: string) =>
    name === 'region' && bucket !== NOT_STATED ? tDynamic(`registry.region.${bucket}`) : tDynamic(`groups.bucket.${bucket}`);
  const cells = (b: { count: number; share: number } | undefined) => (
    <>
      <td class="num">{formatNumber(b?.count ?? 0, lang)}</td>
      <td class="num">{formatShare(b?.share ?? 0, lang)}</td>
    </>
  );
  return (
    <div class="table-wrap">
      <table class="table table--numbers" data-testid="representation-table">
        <caption>{t('groups.teams.caption')}</caption>
        <thead>
          <tr>
            <td rowSpan={2} />
            <th scope="colgroup" colSpan={2}>
              {cur.period.code}
            </th>
            {cmp && (
              <>
                <th scope="colgroup" colSpan={2}>
                  {cmp.period.code}
                </th>
                <th scope="col" rowSpan={2}>
                  {t('groups.teams.change')}
                </th>
              </>
            )}
          </tr>
          <tr>
            <th scope="col">{t('groups.teams.seats')}</th>
            <th scope="col">{t('groups.teams.share')}</th>
            {cmp && (
              <>
                <th scope="col">{t('groups.teams.seats')}</th>
                <th scope="col">{t('groups.teams.share')}</th>
              </>
            )}
          </tr>
        </thead>
        <tbody>
          <tr class="table__total" data-testid="seats-total">
            <th scope="row">{t('groups.teams.allSeats')}</th>
            <td class="num">{formatNumber(cur.seats, lang)}</td>
            <td class="num">{formatShare(cur.seats ? 1 : 0, lang)}</td>
            {cmp && (
              <>
                <td class="num">{formatNumber(cmp.seats, lang)}</td>
                <td class="num">{formatShare(cmp.seats ? 1 : 0, lang)}</td>
                <td />
              </>
            )}
          </tr>
        </tbody>
        {BREAKDOWNS.filter((name) => cur.breakdowns[name]).map((name) => (
          <tbody key={name} data-breakdown={name}>
            <tr class="table__section">
              <th scope="rowgroup" colSpan={cmp ? 6 : 3}>
                {tDynamic(`groups.breakdown.${name}`)}
              </th>
            </tr>
            {representationRows(cur.breakdowns[name] ?? [], cmp?.breakdowns[name], data.changes?.[name]).map((row) => (
              <tr
                key={row.bucket}
                data-bucket={row.bucket}
                data-testid={row.bucket === NOT_STATED ? `not-stated-${name}` : undefined}
                class={row.bucket === NOT_STATED ? 'table__not-stated' : undefined}
              >
                <th scope="row">{bucketLabel(name, row.bucket)}</th>
                {cells(row.current)}
                {cmp && (
                  <>
                    {cells(row.compare)}
                    <td class="num">
                      {row.change ? t('groups.teams.points', { points: formatPoints(row.change.share_change_points, lang) }) : ''}
                    </td>
                  </>
                )}
              </tr>
            ))}
          </tbody>
        ))}
      </table>
      <p class="muted">{t('groups.teams.basis')}</p>
    </div>
  );
}
