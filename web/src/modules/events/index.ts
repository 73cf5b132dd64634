// The events module: meetings, trainings and forums (list, calendar, map), one event with
// self-registration and, for officers, registrations, attendance and participant imports, and
// the training outcome and participation figures.

import type { AppModule } from '../../platform/module';
import { lazyPage } from '../../platform/router';

const OFFICERS = ['admin', 'officer'];

export const eventsModule: AppModule = {
  id: 'events',
  // One entry: the list, calendar, map and training pages link to each other.
  nav: [{ href: '/events', label: 'nav.events' }],
  routes: [
    { path: '/events', component: lazyPage(() => import('./pages/EventsPage')) },
    { path: '/events/calendar', component: lazyPage(() => import('./pages/CalendarPage')) },
    { path: '/events/map', component: lazyPage(() => import('./pages/MapPage')) },
    { path: '/events/training', component: lazyPage(() => import('./pages/TrainingPage')) },
    { path: '/events/new', roles: OFFICERS, component: lazyPage(() => import('./pages/EventFormPage')) },
    { path: '/events/:id', component: lazyPage(() => import('./pages/EventPage')) },
    { path: '/events/:id/edit', roles: OFFICERS, component: lazyPage(() => import('./pages/EventFormPage')) },
  ],
};
