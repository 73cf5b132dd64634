// The reports module: the live dashboard and the progress report (window, preview, downloads,
// and the officers' wording).

import type { AppModule } from '../../platform/module';
import { lazyPage } from '../../platform/router';

export const reportsModule: AppModule = {
  id: 'reports',
  nav: [
    { href: '/dashboard', label: 'nav.dashboard' },
    { href: '/reports/progress', label: 'nav.progressReport' },
  ],
  routes: [
    { path: '/dashboard', component: lazyPage(() => import('./pages/DashboardPage')) },
    { path: '/reports/progress', component: lazyPage(() => import('./pages/ProgressReportPage')) },
  ],
};
