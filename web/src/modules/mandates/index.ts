// The mandates module: the resolutions, programmes and pillars BSG activities
// are tagged with.

import type { AppModule } from '../../platform/module';
import { lazyPage } from '../../platform/router';

export const mandatesModule: AppModule = {
  id: 'mandates',
  nav: [{ href: '/mandates', label: 'nav.mandates' }],
  routes: [{ path: '/mandates', component: lazyPage(() => import('./pages/MandatesPage')) }],
};
