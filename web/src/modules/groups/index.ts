// The groups module: Study Groups, TSAG and regional groups per study period,
// their management teams, and the representation table.

import type { AppModule } from '../../platform/module';
import { lazyPage } from '../../platform/router';

export const groupsModule: AppModule = {
  id: 'groups',
  nav: [
    { href: '/groups', label: 'nav.groups' },
    { href: '/teams', label: 'nav.teams' },
  ],
  routes: [
    { path: '/groups', component: lazyPage(() => import('./pages/GroupsPage')) },
    { path: '/groups/:id', component: lazyPage(() => import('./pages/GroupPage')) },
    { path: '/teams', component: lazyPage(() => import('./pages/TeamsPage')) },
  ],
};
