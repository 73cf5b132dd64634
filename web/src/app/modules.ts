// The one list of front-end modules, in navigation order.
// A module appears here once it has at least one working page.

import { courseModule } from '../modules/course';
import { eventsModule } from '../modules/events';
import { groupsModule } from '../modules/groups';
import { homeModule } from '../modules/home';
import { identityModule } from '../modules/identity';
import { mandatesModule } from '../modules/mandates';
import { registryModule } from '../modules/registry';
import { reportsModule } from '../modules/reports';
import type { AppModule } from '../platform/module';

export const modules: readonly AppModule[] = [
  homeModule,
  reportsModule,
  registryModule,
  groupsModule,
  mandatesModule,
  eventsModule,
  courseModule,
  identityModule,
];
