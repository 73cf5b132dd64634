// The one list of front-end modules, in navigation order.
// A module appears here once it has at least one working page.

import { groupsModule } from '../modules/groups';
import { homeModule } from '../modules/home';
import { identityModule } from '../modules/identity';
import { mandatesModule } from '../modules/mandates';
import { registryModule } from '../modules/registry';
import type { AppModule } from '../platform/module';

export const modules: readonly AppModule[] = [homeModule, registryModule, groupsModule, mandatesModule, identityModule];
