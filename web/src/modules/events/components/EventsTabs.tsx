// The views of the events: list, calendar, map and training figures. The list and the calendar
// share their filters, so switching between them keeps the selection.

import '../events.css';
import { useI18n, type MessageKey } from '../../../platform/i18n';
import { Link } from '../../../platform/router';

export type EventsView = 'list' | 'calendar' | 'map' | 'training';

const VIEWS: ReadonlyArray<{ view: EventsView; href: string; label: MessageKey }> = [
  { view: 'list', href: '/events', label: 'events.view.list' },
  { view: 'calendar', href: '/events/calendar', label: 'events.view.calendar' },
  { view: 'map', href: '/events/map', label: 'events.view.map' },
  { view: 'training', href: '/events/training', label: 'events.view.training' },
];

// `query` ("?kind=…") is carried between the list and the calendar.
export function EventsTabs({ current, query = '' }: { current: EventsView; query?: string }) {
  const { t } = useI18n();
  return (
    <nav aria-label={t('events.views')}>
      <ul class="events-tabs" data-testid="events-tabs">
        {VIEWS.map(({ view, href, label }) => (
          <li key={view}>
            <Link
              href={view === 'list' || view === 'calendar' ? `${href}${query}` : href}
              aria-current={view === current ? 'page' : undefined}
            >
              {t(label)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
