// Meetings, trainings and forums: filtered by kind, group, region, year, mode, status and text,
// with the filters in the URL; the same selection as an iCalendar feed to subscribe to, and each
// event as an .ics file. Officers create events here.

import { formatNumber } from '../../../platform/format';
import { Loaded } from '../../../platform/forms';
import { useI18n } from '../../../platform/i18n';
import { usePageTitle } from '../../../platform/page';
import { Link } from '../../../platform/router';
import { useSession } from '../../../platform/session';
import { useLoad } from '../../../platform/useLoad';
import { eventIcsHref, feedHref, listEvents } from '../api';
import { EventFilters } from '../components/EventFilters';
import { EventsTabs } from '../components/EventsTabs';
import { Place } from '../components/Place';
import { useUrlFilters } from '../components/useUrlFilters';
import { filterQuery, formatEventDates } from '../rules';

const PAGE = 50;

export default function EventsPage() {
  const { t, tDynamic, lang } = useI18n();
  const session = useSession();
  usePageTitle(t('events.list.title'));
  const url = useUrlFilters('/events');
  const { filters, query } = url;
  const offset = Math.max(0, Math.floor(Number(url.search.get('offset')) || 0));
  const load = useLoad((signal) => listEvents({ ...filterQuery(filters), limit: PAGE, offset }, signal), [query, offset]);

  return (
    <section class="page page--wide">
      <div class="page-head">
        <h1>{t('events.list.title')}</h1>
        {session.hasRole('admin', 'officer') && (
          <Link href="/events/new" class="button button--primary" data-testid="new-event">
            {t('events.new')}
          </Link>
        )}
      </div>
      <EventsTabs current="list" query={query} />
      <EventFilters id="events" filters={filters} onChange={(name, value) => url.set(name, value)} />
      <p class="actions">
        <a href={feedHref(filterQuery(filters))} data-testid="events-feed">
          {t('events.subscribe')}
        </a>
        <span class="muted">{t('events.subscribeHint')}</span>
      </p>
      <Loaded load={load}>
        {(page) =>
          page.events.length === 0 ? (
            <p data-testid="events-empty">{t('common.noResults')}</p>
          ) : (
            <>
              <div class="table-wrap">
                <table class="table" data-testid="events-table">
                  <caption class="visually-hidden">{t('events.list.caption')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('events.field.dates')}</th>
                      <th scope="col">{t('events.field.title')}</th>
                      <th scope="col">{t('events.field.kind')}</th>
                      <th scope="col">{t('events.field.place')}</th>
                      <th scope="col">{t('events.field.mode')}</th>
                      <th scope="col">{t('events.field.status')}</th>
                      <th scope="col">{t('events.ics')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {page.events.map((e) => (
                      <tr key={e.id} data-kind={e.kind} data-event-id={e.id}>
                        <td>
                          <time dateTime={e.start_date}>{formatEventDates(e, lang)}</time>
                        </td>
                        <td>
                          <Link href={`/events/${e.id}`}>
                            <bdi>{e.title}</bdi>
                          </Link>
                          {e.group_names.length > 0 && <span class="muted"> · {e.group_names.join(', ')}</span>}
                        </td>
                        <td>{tDynamic(`events.kind.${e.kind}`)}</td>
                        <td>
                          <Place event={e} countryName={e.country_name} />
                        </td>
                        <td>{tDynamic(`events.mode.${e.mode}`)}</td>
                        <td>{tDynamic(`events.status.${e.status}`)}</td>
                        <td>
                          <a href={eventIcsHref(e.id)} download={`event-${e.id}.ics`} aria-label={t('events.icsOf', { title: e.title })}>
                            .ics
                          </a>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <nav class="pager" aria-label={t('common.pages')}>
                <button
                  type="button"
                  class="button"
                  disabled={offset === 0}
                  onClick={() => url.setExtra({ offset: Math.max(0, offset - PAGE) || undefined })}
                >
                  {t('common.previous')}
                </button>
                <span class="pager__range">
                  {t('events.list.range', {
                    from: formatNumber(offset + 1, lang),
                    to: formatNumber(offset + page.count, lang),
                  })}
                </span>
                <button
                  type="button"
                  class="button"
                  disabled={page.count < PAGE}
                  onClick={() => url.setExtra({ offset: offset + PAGE })}
                >
                  {t('common.next')}
                </button>
              </nav>
            </>
          )
        }
      </Loaded>
    </section>
  );
}
