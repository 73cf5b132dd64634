// A month of events as a calendar grid (Monday first), with the list's filters; events known
// only to the month are listed apart. The month and the filters are in the URL.

import { formatNumber, todayIso } from '../../../platform/format';
import { Loaded } from '../../../platform/forms';
import { useI18n } from '../../../platform/i18n';
import { usePageTitle } from '../../../platform/page';
import { Link } from '../../../platform/router';
import { useLoad } from '../../../platform/useLoad';
import { feedHref, getCalendar } from '../api';
import { EventFilters } from '../components/EventFilters';
import { EventsTabs } from '../components/EventsTabs';
import { Place } from '../components/Place';
import { useUrlFilters } from '../components/useUrlFilters';
import { filterQuery, formatMonth, isMonth, monthGrid, shiftMonth } from '../rules';
import type { CalendarMonth, EventSummary } from '../types';

// A Monday, to name the days of the week.
const MONDAY = Date.UTC(2024, 0, 1);

export default function CalendarPage() {
  const { t, lang } = useI18n();
  usePageTitle(t('events.calendar.title'));
  const url = useUrlFilters('/events/calendar');
  const { filters, query } = url;
  const today = todayIso();
  const asked = url.search.get('month');
  // Without a month: this month, or January of the year the list was filtered by.
  const fromYear = filters.year && filters.year !== today.slice(0, 4) ? `${filters.year}-01` : today.slice(0, 7);
  const month = isMonth(asked) ? asked : fromYear;
  const load = useLoad((signal) => getCalendar({ ...filterQuery(filters), month }, signal), [query, month]);
  const goTo = (m: string) => url.setExtra({ month: m });

  return (
    <section class="page page--wide">
      <h1>{t('events.calendar.title')}</h1>
      <EventsTabs current="calendar" query={query} />
      <EventFilters id="calendar" filters={filters} withYear={false} onChange={(name, value) => url.set(name, value, { month })} />
      <div class="calendar-nav">
        <button type="button" class="button" onClick={() => goTo(shiftMonth(month, -1))} data-testid="calendar-previous">
          {t('events.calendar.previous')}
        </button>
        <h2 data-testid="calendar-month">{formatMonth(month, lang)}</h2>
        <button type="button" class="button" onClick={() => goTo(shiftMonth(month, 1))} data-testid="calendar-next">
          {t('events.calendar.next')}
        </button>
        {month !== today.slice(0, 7) && (
          <button type="button" class="button" onClick={() => goTo(today.slice(0, 7))}>
            {t('events.calendar.thisMonth')}
          </button>
        )}
        <a href={feedHref(filterQuery(filters))}>{t('events.subscribe')}</a>
      </div>
      <Loaded load={load}>{(data) => <MonthView data={data} today={today} />}</Loaded>
    </section>
  );
}

function MonthView({ data, today }: { data: CalendarMonth; today: string }) {
  const { t, lang } = useI18n();
  const byId = new Map(data.events.map((e) => [e.id, e]));
  const byDay = new Map(data.days.map((d) => [d.date, d.event_ids.map((id) => byId.get(id)).filter((e): e is EventSummary => !!e)]));
  const undated = data.month_precision_event_ids.map((id) => byId.get(id)).filter((e): e is EventSummary => !!e);
  const long = new Intl.DateTimeFormat(lang, { weekday: 'long', timeZone: 'UTC' });
  const short = new Intl.DateTimeFormat(lang, { weekday: 'short', timeZone: 'UTC' });
  const dayLabel = new Intl.DateTimeFormat(lang, { day: 'numeric', month: 'long', timeZone: 'UTC' });
  const weekdays = Array.from({ length: 7 }, (_, i) => new Date(MONDAY + i * 86_400_000));
  return (
    <>
      <div class="table-wrap">
        <table class="table calendar" data-testid="calendar" data-month={data.month}>
          <caption class="visually-hidden">{formatMonth(data.month, lang)}</caption>
          <thead>
            <tr>
              {weekdays.map((d) => (
                <th key={d.getTime()} scope="col">
                  <abbr title={long.format(d)}>{short.format(d)}</abbr>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {monthGrid(data.month).map((week, w) => (
              <tr key={w}>
                {week.map((day, i) => {
                  if (!day) return <td key={i} class="calendar__blank" />;
                  const events = byDay.get(day) ?? [];
                  const label = dayLabel.format(new Date(`${day}T00:00:00Z`));
                  return (
                    <td key={day} data-date={day} class={day === today ? 'calendar__today' : undefined}>
                      <time class="calendar__date" dateTime={day} aria-label={label}>
                        {formatNumber(Number(day.slice(8)), lang)}
                      </time>
                      {events.length > 0 && (
                        <ul class="calendar__events">
                          {events.map((e) => (
                            <li key={e.id} data-status={e.status} data-event-id={e.id}>
                              <Link href={`/events/${e.id}`}>
                                <bdi>{e.title}</bdi>
                              </Link>
                            </li>
                          ))}
                        </ul>
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {data.events.length === 0 && <p data-testid="calendar-empty">{t('events.calendar.empty')}</p>}
      {undated.length > 0 && (
        <section data-testid="calendar-month-precision">
          <h2>{t('events.calendar.monthOnly')}</h2>
          <p class="muted">{t('events.calendar.monthOnlyHint')}</p>
          <ul class="plain-list">
            {undated.map((e) => (
              <li key={e.id} data-event-id={e.id}>
                <Link href={`/events/${e.id}`}>
                  <bdi>{e.title}</bdi>
                </Link>{' '}
                · <Place event={e} />
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
