// The registry module: countries and their dated classes, organizations,
// people, and imports of records from spreadsheets.

import type { AppModule } from '../../platform/module';
import { lazyPage } from '../../platform/router';

const OFFICERS = ['admin', 'officer'];
const PEOPLE_READERS = ['admin', 'officer', 'committee', 'viewer'];
const SIGNED_IN: string[] = [];

export const registryModule: AppModule = {
  id: 'registry',
  nav: [
    { href: '/countries', label: 'nav.countries' },
    { href: '/organizations', label: 'nav.organizations', roles: SIGNED_IN },
    { href: '/people', label: 'nav.people', roles: PEOPLE_READERS },
    { href: '/import', label: 'nav.import', roles: OFFICERS },
  ],
  routes: [
    { path: '/countries', component: lazyPage(() => import('./pages/CountriesPage')) },
    { path: '/countries/:iso2', component: lazyPage(() => import('./pages/CountryPage')) },
    { path: '/organizations', roles: SIGNED_IN, component: lazyPage(() => import('./pages/OrganizationsPage')) },
    { path: '/organizations/new', roles: OFFICERS, component: lazyPage(() => import('./pages/OrganizationPage')) },
    { path: '/organizations/:id', roles: SIGNED_IN, component: lazyPage(() => import('./pages/OrganizationPage')) },
    { path: '/people', roles: PEOPLE_READERS, component: lazyPage(() => import('./pages/PeoplePage')) },
    { path: '/people/new', roles: OFFICERS, component: lazyPage(() => import('./pages/PersonFormPage')) },
    // Delegates may read their own record; the server decides whose.
    { path: '/people/:id', roles: [...PEOPLE_READERS, 'delegate'], component: lazyPage(() => import('./pages/PersonPage')) },
    { path: '/people/:id/edit', roles: OFFICERS, component: lazyPage(() => import('./pages/PersonFormPage')) },
    { path: '/import', roles: OFFICERS, component: lazyPage(() => import('./pages/ImportPage')) },
  ],
};
