// The one list of front-end modules, in navigation order.
// A module appears here once it has at least one working page.

import { homeModule } from '../modules/home';
import type { AppModule } from '../platform/module';

export const modules: readonly AppModule[] = [homeModule];
