// One event: what, when (in the venue's time zone), where or online, who hosts it, its groups,
// topics, programme and pillar, interpretation, collocated events, the remote link and dial-in
// when the server shows them to the caller, and the .ics file. Signed-in people register
// themselves; officers and focal points see the registrations; officers edit the event, record
// attendance and import participant lists.

import { formatDate, formatNumber } from '../../../platform/format';
import { Loaded } from '../../../platform/forms';
import { useI18n } from '../../../platform/i18n';
import { usePageTitle } from '../../../platform/page';
import { Link, type RouteProps } from '../../../platform/router';
import { signInHref, useSession } from '../../../platform/session';
import { useLoad } from '../../../platform/useLoad';
import { getMandates } from '../../mandates/api';
import type { Mandates } from '../../mandates/types';
import { eventIcsHref, getEvent } from '../api';
import '../events.css';
import { ImportPanel } from '../components/ImportPanel';
import { Place } from '../components/Place';
import { RegistrationBox } from '../components/RegistrationBox';
import { RegistrationsPanel } from '../components/RegistrationsPanel';
import { formatEventDates, isOpenForRegistration } from '../rules';
import type { EventDetail, EventSummary } from '../types';

export default function EventPage({ params }: RouteProps) {
  const { t } = useI18n();
  const id = params.id ?? '';
  const load = useLoad((signal) => getEvent(id, signal), [id]);
  usePageTitle(load.data?.title ?? t('events.list.title'));
  return (
    <section class="page page--wide">
      <p class="breadcrumb">
        <Link href="/events">{t('events.list.title')}</Link>
      </p>
      <Loaded load={load}>{(event) => <EventView event={event} reload={load.reload} />}</Loaded>
    </section>
  );
}

function languageName(code: string, lang: string): string {
  try {
    return new Intl.DisplayNames([lang], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

function EventView({ event: e, reload }: { event: EventDetail; reload: () => void }) {
  const { t, tDynamic, lang } = useI18n();
  const session = useSession();
  const mandates = useLoad((signal) => getMandates(signal), []);
  const officer = session.hasRole('admin', 'officer');
  const reviewer = officer || session.hasRole('focal_point');
  const groupLinks = e.group_ids.length === e.group_names.length;
  const times = e.start_time ? `${e.start_time}${e.end_time ? `–${e.end_time}` : ''}` : '';
  const places = (capacity: number | null, taken: number) =>
    capacity === null
      ? t('events.places.unlimited', { taken: formatNumber(taken, lang) })
      : t('events.places.of', { taken: formatNumber(taken, lang), capacity: formatNumber(capacity, lang) });

  return (
    <>
      <div class="page-head">
        <h1 data-testid="event-title">
          <bdi>{e.title}</bdi>
        </h1>
        <div class="actions">
          <a href={eventIcsHref(e.id)} download={`event-${e.id}.ics`} class="button" data-testid="event-ics">
            {t('events.icsDownload')}
          </a>
          {officer && (
            <Link href={`/events/${e.id}/edit`} class="button" data-testid="edit-event">
              {t('common.edit')}
            </Link>
          )}
        </div>
      </div>
      <p class="badges">
        <span class="badge badge--info">{tDynamic(`events.kind.${e.kind}`)}</span>
        <span class={`badge ${e.status === 'cancelled' ? 'badge--warn' : 'badge--plain'}`} data-testid="event-status">
          {tDynamic(`events.status.${e.status}`)}
        </span>
      </p>
      {e.description && <p class="event-description">{e.description}</p>}
      <dl class="facts" data-testid="event-facts">
        <dt>{t('events.field.dates')}</dt>
        <dd>
          <time dateTime={e.start_date}>{formatEventDates(e, lang)}</time>
          {times && (
            <>
              {', '}
              <span dir="ltr">{times}</span>
            </>
          )}
        </dd>
        <dt>{t('events.field.timeZone')}</dt>
        <dd>
          <span dir="ltr">{e.time_zone}</span> <span class="muted">({t('events.timeZoneHint')})</span>
        </dd>
        <dt>{t('events.field.place')}</dt>
        <dd>
          <Place event={e} countryName={e.country_name} />
          {e.country && (
            <>
              {' · '}
              <Link href={`/countries/${e.country}`}>{t('events.countryPage')}</Link>
            </>
          )}
        </dd>
        <dt>{t('events.field.mode')}</dt>
        <dd>{tDynamic(`events.mode.${e.mode}`)}</dd>
        {e.host && (
          <>
            <dt>{t('events.field.host')}</dt>
            <dd>
              <bdi>{e.host}</bdi>
            </dd>
          </>
        )}
        {e.group_names.length > 0 && (
          <>
            <dt>{t('events.field.groups')}</dt>
            <dd>
              {e.group_names.map((name, i) => (
                <span key={name}>
                  {i > 0 && ', '}
                  {groupLinks ? <Link href={`/groups/${e.group_ids[i]}`}>{name}</Link> : name}
                </span>
              ))}
            </dd>
          </>
        )}
        {e.topics.length > 0 && (
          <>
            <dt>{t('events.field.topics')}</dt>
            <dd>
              <ul class="plain-list">
                {e.topics.map((topic) => (
                  <li key={topic}>
                    <bdi>{topic}</bdi>
                  </li>
                ))}
              </ul>
            </dd>
          </>
        )}
        {e.programme !== null && (
          <>
            <dt>{t('events.field.programme')}</dt>
            <dd>
              <Link href="/mandates">{programmeLabel(e.programme, mandates.data, t('events.programmeNumber', { number: e.programme }))}</Link>
            </dd>
          </>
        )}
        {e.pillar && (
          <>
            <dt>{t('events.field.pillar')}</dt>
            <dd>
              <Link href="/mandates">{mandates.data?.pillars.find((p) => p.code === e.pillar)?.name ?? e.pillar}</Link>
            </dd>
          </>
        )}
        {e.remote.interpretation_languages.length > 0 && (
          <>
            <dt>{t('events.field.interpretation')}</dt>
            <dd>{e.remote.interpretation_languages.map((code) => languageName(code, lang)).join(', ')}</dd>
          </>
        )}
        {e.mode !== 'virtual' && (
          <>
            <dt>{t('events.field.placesInPerson')}</dt>
            <dd>{places(e.capacity_in_person, e.taken_in_person)}</dd>
          </>
        )}
        {e.mode !== 'in_person' && (
          <>
            <dt>{t('events.field.placesRemote')}</dt>
            <dd>{places(e.capacity_remote, e.taken_remote)}</dd>
          </>
        )}
        {e.requires_endorsement && (
          <>
            <dt>{t('events.field.endorsement')}</dt>
            <dd>{t('events.endorsementRequired')}</dd>
          </>
        )}
      </dl>

      {e.mode !== 'in_person' && (
        <section aria-labelledby="remote-title">
          <h2 id="remote-title">{t('events.remote.title')}</h2>
          {e.remote.link || e.remote.dial_in ? (
            <dl class="facts" data-testid="remote-details">
              {e.remote.link && (
                <>
                  <dt>{t('events.remote.link')}</dt>
                  <dd>
                    <a href={e.remote.link} target="_blank" rel="noopener noreferrer" dir="ltr" data-testid="remote-link">
                      {e.remote.link}
                    </a>
                  </dd>
                </>
              )}
              {e.remote.dial_in && (
                <>
                  <dt>{t('events.remote.dialIn')}</dt>
                  <dd class="event-description">{e.remote.dial_in}</dd>
                </>
              )}
            </dl>
          ) : (
            <p class="muted" data-testid="remote-hidden">
              {e.remote.has_link ? t('events.remote.hidden') : t('events.remote.none')}
            </p>
          )}
        </section>
      )}

      {(e.parent || e.collocated.length > 0) && (
        <section aria-labelledby="collocated-title" data-testid="collocated">
          <h2 id="collocated-title">{t('events.collocated.title')}</h2>
          {e.parent && (
            <p>
              {t('events.collocated.with')} <SummaryLink event={e.parent} />
            </p>
          )}
          {e.collocated.length > 0 && (
            <>
              <p>{t('events.collocated.children')}</p>
              <ul class="plain-list">
                {e.collocated.map((c) => (
                  <li key={c.id}>
                    <SummaryLink event={c} />
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
      )}

      {session.user ? (
        <RegistrationBox event={e} onChange={reload} />
      ) : (
        isOpenForRegistration(e) && (
          <p class="registration-box">
            <Link href={signInHref(`/events/${e.id}`)} data-testid="sign-in-to-register">
              {t('events.my.signIn')}
            </Link>
          </p>
        )
      )}
      {reviewer && <RegistrationsPanel event={e} officer={officer} onChange={reload} />}
      {officer && <ImportPanel eventId={e.id} onImported={reload} />}
      <p class="muted">
        {t('events.changed', { date: formatDate(e.updated_at.slice(0, 10), lang), sequence: formatNumber(e.sequence, lang) })}
      </p>
    </>
  );
}

function programmeLabel(number: number, mandates: Mandates | undefined, fallback: string): string {
  const p = mandates?.programmes.find((x) => x.number === number);
  return p ? `${fallback}: ${p.title}` : fallback;
}

function SummaryLink({ event }: { event: EventSummary }) {
  const { tDynamic, lang } = useI18n();
  return (
    <>
      <Link href={`/events/${event.id}`}>
        <bdi>{event.title}</bdi>
      </Link>{' '}
      <span class="muted">
        · {formatEventDates(event, lang)} · {tDynamic(`events.kind.${event.kind}`)}
      </span>
    </>
  );
}
