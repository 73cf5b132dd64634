// What a front-end module contributes to the application shell.
//
// Each module under src/modules/<module>/ exports one AppModule from its
// index.ts; src/app/modules.ts lists them. The shell builds the navigation and
// the route table from that list and from nothing else.
//
// Access (see access.ts): `roles` on a nav entry or route says who may use it;
// an entry or route without its own `roles` takes the module's. The
// navigation shows only the entries the current user may use, and a route the
// user may not use shows the "not allowed" page instead of its component.

import type { ComponentType } from 'preact';
import type { Requirement } from './access';
import type { MessageKey } from './i18n';
import type { Route } from './router';

export interface NavEntry {
  // Path the entry links to; it is marked current on that path and below it.
  href: string;
  // Catalogue key of the entry's label.
  label: MessageKey;
  // undefined: public; []: any signed-in user; else one of these roles.
  roles?: readonly string[];
}

export interface AppModule {
  // Same name as the folder, and as the back-end module where there is one.
  id: string;
  nav: readonly NavEntry[];
  routes: readonly Route[];
  // Default requirement for the module's nav entries and routes.
  roles?: readonly string[];
  // Shown in the header, after the language switcher (e.g. the user's menu).
  // Loaded with the first page: keep it small.
  header?: ComponentType;
}

function effective<T extends { roles?: readonly string[] }>(item: T, fallback: Requirement): T {
  if (item.roles !== undefined || fallback === undefined) return item;
  return { ...item, roles: fallback };
}

export function collectNav(modules: readonly AppModule[]): NavEntry[] {
  return modules.flatMap((m) => m.nav.map((entry) => effective(entry, m.roles)));
}

// The entries `allowed` accepts, in order.
export function visibleNav(nav: readonly NavEntry[], allowed: (required: Requirement) => boolean): NavEntry[] {
  return nav.filter((entry) => allowed(entry.roles));
}

export function collectHeader(modules: readonly AppModule[]): ComponentType[] {
  return modules.flatMap((m) => (m.header ? [m.header] : []));
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
      routes.push(effective(route, m.roles));
    }
  }
  return routes;
}
