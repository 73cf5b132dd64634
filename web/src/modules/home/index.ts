// The home module: the platform status page at "/".

import type { AppModule } from '../../platform/module';
import { HomePage } from './pages/HomePage';

export const homeModule: AppModule = {
  id: 'home',
  nav: [{ href: '/', label: 'nav.home' }],
  routes: [{ path: '/', component: HomePage }],
};
