// What a front-end module contributes to the application shell.
//
// Each module under src/modules/<module>/ exports one AppModule from its
// index.ts; src/app/modules.ts lists them. The shell builds the navigation and
// the route table from that list and from nothing else.

import type { MessageKey } from './i18n';
import type { Route } from './router';

export interface NavEntry {
  // Path the entry links to; it is marked current on that path and below it.
  href: string;
  // Catalogue key of the entry's label.
  label: MessageKey;
}

export interface AppModule {
  // Same name as the folder, and as the back-end module where there is one.
  id: string;
  nav: readonly NavEntry[];
  routes: readonly Route[];
}

export function collectNav(modules: readonly AppModule[]): NavEntry[] {
  return modules.flatMap((m) => m.nav);
}

// Route table in module order. A path claimed twice is a programming error.
export function collectRoutes(modules: readonly AppModule[]): Route[] {
  const seen = new Map<string, string>();
  const routes: Route[] = [];
  for (const m of modules) {
    for (const route of m.routes) {
      const owner = seen.get(route.path);
      if (owner !== undefined) {
        throw new Error(`route ${route.path} is declared by both "${owner}" and "${m.id}"`);
      }
      seen.set(route.path, m.id);
      routes.push(route);
    }
  }
  return routes;
}
