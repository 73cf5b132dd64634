// Training outcomes of BSG trainings for a date window (by default the last twelve months):
// delegates trained, distinct countries and organizations, the shares from developing countries
// and LDCs (as of each training's date) and of women, each beside its not-stated count, and the
// figures per year; then in-person against remote participation in all events, per month and per
// event. Shares are over the people whose value is known; unknown is never counted as zero.

import { formatDate, formatNumber, formatShare, todayIso } from '../../../platform/format';
import { Loaded } from '../../../platform/forms';
import { useI18n } from '../../../platform/i18n';
import { usePageTitle } from '../../../platform/page';
import { Link, navigate, useSearchParams } from '../../../platform/router';
import { useLoad } from '../../../platform/useLoad';
import { getParticipation, getTrainingOutcomes, participationSvgHref, trainingSvgHref } from '../api';
import { EventsTabs } from '../components/EventsTabs';
import { WindowPicker } from '../components/WindowPicker';
import { formatMonth, queryString, readWindow, shareOf, type DateWindow } from '../rules';
import { NOT_STATED, type Breakdown, type Participation, type TrainingFigures, type TrainingOutcomes } from '../types';

export default function TrainingPage() {
  const { t } = useI18n();
  usePageTitle(t('events.training.title'));
  const search = useSearchParams();
  const w = readWindow(search, todayIso());
  // Every year with a training, for the year selector.
  const allTime = useLoad((signal) => getTrainingOutcomes({ since: null, until: null }, signal), []);
  const years = (allTime.data?.by_year ?? []).map((y) => y.year).sort((a, b) => b - a);
  const go = (next: DateWindow) => navigate(`/events/training${queryString({ since: next.since, until: next.until })}`);
  const outcomes = useLoad((signal) => getTrainingOutcomes(w, signal), [w.since, w.until]);
  const participation = useLoad((signal) => getParticipation(w, signal), [w.since, w.until]);

  return (
    <section class="page page--wide">
      <h1>{t('events.training.title')}</h1>
      <EventsTabs current="training" />
      <form class="filters" onSubmit={(e) => e.preventDefault()}>
        <WindowPicker id="training" value={w} years={years} onChange={go} />
      </form>
      <Loaded load={outcomes}>{(data) => <Outcomes data={data} window={w} />}</Loaded>
      <Loaded load={participation}>{(data) => <ParticipationView data={data} window={w} />}</Loaded>
    </section>
  );
}

// "40.9%" with what it is a share of, and the not-stated count beside it.
function Share({ b, bucket, basis }: { b: Breakdown; bucket: string; basis: (known: string) => string }) {
  const { t, lang } = useI18n();
  const share = shareOf(b, bucket);
  const missing = b.counts[NOT_STATED] ?? 0;
  return (
    <>
      <span class="stat__value">{share === null ? t('common.notAvailable') : formatShare(share, lang)}</span>
      <span class="stat__basis">
        {share === null ? t('events.training.nothingKnown') : basis(formatNumber(b.known, lang))}
      </span>
      <span class="stat__missing" data-testid="not-stated">
        {t('events.training.notStated', { count: formatNumber(missing, lang) })}
      </span>
    </>
  );
}

// A share for a table cell: the percentage and the not-stated count.
function ShareCell({ b, bucket }: { b: Breakdown; bucket: string }) {
  const { t, lang } = useI18n();
  const share = shareOf(b, bucket);
  const missing = b.counts[NOT_STATED] ?? 0;
  return (
    <td class="num">
      {share === null ? t('common.notAvailable') : formatShare(share, lang)}
      {missing > 0 && <span class="stat__missing">{t('events.training.notStated', { count: formatNumber(missing, lang) })}</span>}
    </td>
  );
}

function Outcomes({ data, window: w }: { data: TrainingOutcomes; window: DateWindow }) {
  const { t, lang } = useI18n();
  const total: TrainingFigures = data.total;
  const n = (value: number) => formatNumber(value, lang);
  return (
    <section aria-labelledby="outcomes-title">
      <h2 id="outcomes-title">{t('events.training.outcomes')}</h2>
      <dl class="stats" data-testid="training-figures">
        <div class="stat">
          <dt>{t('events.training.delegates')}</dt>
          <dd>
            <span class="stat__value" data-testid="delegates-trained">
              {n(total.delegates_trained)}
            </span>
            <span class="stat__basis">{t('events.training.inTrainings', { count: n(total.trainings) })}</span>
          </dd>
        </div>
        <div class="stat">
          <dt>{t('events.training.countries')}</dt>
          <dd>
            <span class="stat__value" data-testid="training-countries">
              {n(total.countries)}
            </span>
            <span class="stat__missing">
              {t('events.training.noCountry', { count: n(total.development.counts[NOT_STATED] ?? 0) })}
            </span>
          </dd>
        </div>
        <div class="stat">
          <dt>{t('events.training.organizations')}</dt>
          <dd>
            <span class="stat__value" data-testid="training-organizations">
              {n(total.organizations)}
            </span>
            <span class="stat__missing">
              {t('events.training.noOrganization', { count: n(total.organization.counts[NOT_STATED] ?? 0) })}
            </span>
          </dd>
        </div>
        <div class="stat" data-testid="share-developing">
          <dt>{t('events.training.developing')}</dt>
          <dd>
            <Share b={total.development} bucket="developing" basis={(known) => t('events.training.ofKnownCountry', { known })} />
          </dd>
        </div>
        <div class="stat" data-testid="share-ldc">
          <dt>{t('events.training.ldc')}</dt>
          <dd>
            <Share b={total.ldc} bucket="ldc" basis={(known) => t('events.training.ofKnownCountry', { known })} />
          </dd>
        </div>
        <div class="stat" data-testid="share-women">
          <dt>{t('events.training.women')}</dt>
          <dd>
            <Share b={total.gender} bucket="female" basis={(known) => t('events.training.ofKnownGender', { known })} />
          </dd>
        </div>
      </dl>
      <p class="muted">{t('events.training.classNote')}</p>
      {data.by_year.length > 0 && (
        <>
          <div class="table-wrap">
            <table class="table table--mixed" data-testid="training-years">
              <caption>{t('events.training.perYear')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('events.field.year')}</th>
                  <th scope="col" class="num">
                    {t('events.training.trainings')}
                  </th>
                  <th scope="col" class="num">
                    {t('events.training.delegates')}
                  </th>
                  <th scope="col" class="num">
                    {t('events.training.countries')}
                  </th>
                  <th scope="col" class="num">
                    {t('events.training.organizations')}
                  </th>
                  <th scope="col" class="num">
                    {t('events.training.developing')}
                  </th>
                  <th scope="col" class="num">
                    {t('events.training.ldc')}
                  </th>
                  <th scope="col" class="num">
                    {t('events.training.women')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.by_year.map((y) => (
                  <tr key={y.year} data-year={y.year}>
                    <th scope="row">{y.year}</th>
                    <td class="num">{n(y.trainings)}</td>
                    <td class="num">{n(y.delegates_trained)}</td>
                    <td class="num">{n(y.countries)}</td>
                    <td class="num">{n(y.organizations)}</td>
                    <ShareCell b={y.development} bucket="developing" />
                    <ShareCell b={y.ldc} bucket="ldc" />
                    <ShareCell b={y.gender} bucket="female" />
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <figure class="chart chart--narrow" data-testid="training-chart">
            <img src={trainingSvgHref(w, lang)} alt={t('events.training.chartAlt')} width={560} height={280} />
            <figcaption>{t('events.training.chartCaption')}</figcaption>
          </figure>
        </>
      )}
      <details class="sources">
        <summary>{t('events.definition')}</summary>
        <p lang="en">{data.provenance.definition}</p>
      </details>
    </section>
  );
}

function ParticipationView({ data, window: w }: { data: Participation; window: DateWindow }) {
  const { t, tDynamic, lang } = useI18n();
  const n = (value: number) => formatNumber(value, lang);
  const both = data.attended_in_person + data.attended_remote;
  return (
    <section aria-labelledby="participation-title">
      <h2 id="participation-title">{t('events.participation.title')}</h2>
      <p>{t('events.participation.intro')}</p>
      <dl class="stats" data-testid="participation-split">
        <div class="stat">
          <dt>{t('events.participation.in_person')}</dt>
          <dd>
            <span class="stat__value" data-testid="attended-in-person">
              {n(data.attended_in_person)}
            </span>
          </dd>
        </div>
        <div class="stat">
          <dt>{t('events.participation.remote')}</dt>
          <dd>
            <span class="stat__value" data-testid="attended-remote">
              {n(data.attended_remote)}
            </span>
          </dd>
        </div>
        <div class="stat">
          <dt>{t('events.participation.remoteShare')}</dt>
          <dd>
            <span class="stat__value">{both === 0 ? t('common.notAvailable') : formatShare(data.attended_remote / both, lang)}</span>
            <span class="stat__basis">{t('events.participation.shareBasis', { count: n(both) })}</span>
          </dd>
        </div>
      </dl>
      {data.months.length > 0 && (
        <div class="figure-grid">
          <div class="table-wrap">
            <table class="table table--mixed" data-testid="participation-months">
              <caption>{t('events.participation.perMonth')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('events.participation.month')}</th>
                  <th scope="col" class="num">
                    {t('events.participation.in_person')}
                  </th>
                  <th scope="col" class="num">
                    {t('events.participation.remote')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.months.map((m) => (
                  <tr key={m.month} data-month={m.month}>
                    <th scope="row">{formatMonth(m.month, lang)}</th>
                    <td class="num">{n(m.in_person)}</td>
                    <td class="num">{n(m.remote)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <figure class="chart" data-testid="participation-chart">
            <img src={participationSvgHref(w, lang)} alt={t('events.participation.chartAlt')} width={560} height={280} />
            <figcaption>{t('events.participation.chartCaption')}</figcaption>
          </figure>
        </div>
      )}
      {data.events.length === 0 ? (
        <p>{t('events.participation.none')}</p>
      ) : (
        <div class="table-wrap">
          <table class="table table--mixed" data-testid="participation-events">
            <caption>{t('events.participation.perEvent')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('events.field.title')}</th>
                <th scope="col">{t('events.field.start')}</th>
                <th scope="col">{t('events.field.mode')}</th>
                <th scope="col" class="num">
                    {t('events.participation.registeredInPerson')}
                  </th>
                <th scope="col" class="num">
                    {t('events.participation.registeredRemote')}
                  </th>
                <th scope="col" class="num">
                    {t('events.participation.attendedInPerson')}
                  </th>
                <th scope="col" class="num">
                    {t('events.participation.attendedRemote')}
                  </th>
              </tr>
            </thead>
            <tbody>
              {data.events.map((e) => (
                <tr key={e.event_id} data-event-id={e.event_id}>
                  <th scope="row">
                    <Link href={`/events/${e.event_id}`}>
                      <bdi>{e.title}</bdi>
                    </Link>{' '}
                    <span class="muted">· {tDynamic(`events.kind.${e.kind}`)}</span>
                  </th>
                  <td>
                    <time dateTime={e.start_date}>{formatDate(e.start_date, lang)}</time>
                  </td>
                  <td>{tDynamic(`events.mode.${e.mode}`)}</td>
                  <td class="num">{n(e.registered_in_person)}</td>
                  <td class="num">{n(e.registered_remote)}</td>
                  <td class="num">{n(e.attended_in_person)}</td>
                  <td class="num">{n(e.attended_remote)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <details class="sources">
        <summary>{t('events.definition')}</summary>
        <p lang="en">{data.provenance.definition}</p>
      </details>
    </section>
  );
}
