// A small client-side router on the History API.
//
// Patterns are paths whose segments are literals, ":name" parameters or a
// final "*" that matches the rest of the path (as params["*"]). Routes are
// tried in order; the first match wins. <Link> turns same-origin left clicks
// into navigate() calls, and every other click keeps the browser's behaviour.

import type { ComponentType, JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ErrorBox } from './ErrorBox';

export type RouteParams = Record<string, string>;

export interface RouteProps {
  params: RouteParams;
}

export interface Route {
  path: string;
  component: ComponentType<RouteProps>;
  // Who may open the page (see access.ts); undefined: anyone.
  roles?: readonly string[];
}

export interface RouteMatch {
  route: Route;
  params: RouteParams;
}

function segments(path: string): string[] {
  return path.split('/').filter((s) => s !== '');
}

function decode(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null; // malformed escape: treat as no match
  }
}

// Returns the parameters when `pathname` matches `pattern`, else null.
// A trailing slash is ignored: "/events/" matches "/events".
export function matchPath(pattern: string, pathname: string): RouteParams | null {
  const want = segments(pattern);
  const have = segments(pathname);
  const params: RouteParams = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i]!;
    if (w === '*' && i === want.length - 1) {
      const rest = have.slice(i).map(decode);
      if (rest.some((s) => s === null)) return null;
      params['*'] = rest.join('/');
      return params;
    }
    const h = have[i];
    if (h === undefined) return null;
    const value = decode(h);
    if (value === null) return null;
    if (w.startsWith(':')) {
      params[w.slice(1)] = value;
    } else if (w !== value) {
      return null;
    }
  }
  return have.length === want.length ? params : null;
}

export function resolveRoute(routes: readonly Route[], pathname: string): RouteMatch | null {
  for (const route of routes) {
    const params = matchPath(route.path, pathname);
    if (params) return { route, params };
  }
  return null;
}

// True when a nav entry for `href` should be marked as the current page.
export function isActive(href: string, pathname: string): boolean {
  if (href === '/') return segments(pathname).length === 0;
  return matchPath(href, pathname) !== null || matchPath(`${href}/*`, pathname) !== null;
}

const listeners = new Set<() => void>();

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (options.replace) {
    window.history.replaceState(null, '', to);
  } else {
    window.history.pushState(null, '', to);
  }
  listeners.forEach((listener) => listener());
}

// The current pathname; re-renders the caller on navigate() and back/forward.
export function useLocation(): string {
  const [path, setPath] = useState(() => window.location.pathname);
  useEffect(() => {
    const update = () => setPath(window.location.pathname);
    listeners.add(update);
    window.addEventListener('popstate', update);
    update(); // a navigation may have happened between render and effect
    return () => {
      listeners.delete(update);
      window.removeEventListener('popstate', update);
    };
  }, []);
  return path;
}

// The current query string as URLSearchParams; re-renders the caller when it
// changes through navigate() or back/forward.
export function useSearchParams(): URLSearchParams {
  const [search, setSearch] = useState(() => window.location.search);
  useEffect(() => {
    const update = () => setSearch(window.location.search);
    listeners.add(update);
    window.addEventListener('popstate', update);
    update();
    return () => {
      listeners.delete(update);
      window.removeEventListener('popstate', update);
    };
  }, []);
  return new URLSearchParams(search);
}

// A same-origin path to go back to after signing in, or undefined: refuses
// other origins ("//evil.example", "https://…") and non-paths.
export function safeNext(value: string | null | undefined): string | undefined {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return undefined;
  return value;
}

export type LinkProps = JSX.HTMLAttributes<HTMLAnchorElement> & { href: string };

export function Link(props: LinkProps) {
  const { onClick, ...rest } = props;
  const handleClick = (event: JSX.TargetedMouseEvent<HTMLAnchorElement>) => {
    if (onClick) (onClick as (e: typeof event) => void)(event);
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const anchor = event.currentTarget;
    if (anchor.target && anchor.target !== '_self') return;
    if (anchor.hasAttribute('download')) return;
    const url = new URL(anchor.href, window.location.href);
    if (url.origin !== window.location.origin) return;
    event.preventDefault();
    navigate(url.pathname + url.search + url.hash);
  };
  return <a {...rest} onClick={handleClick} />;
}

// Wraps a dynamically imported page so that a module's pages load as their
// own chunk on first visit: lazyPage(() => import('./pages/ListPage')).
// If the chunk cannot be fetched (a dropped connection), an ErrorBox with a
// retry button is shown instead of the page.
export function lazyPage(
  load: () => Promise<{ default: ComponentType<RouteProps> }>,
  Loading: ComponentType = () => null,
): ComponentType<RouteProps> {
  let loaded: ComponentType<RouteProps> | undefined;
  let pending: Promise<unknown> | undefined;
  return function LazyPage(props: RouteProps) {
    const [attempt, setAttempt] = useState(0);
    const [state, setState] = useState<{ ready: boolean; error?: unknown }>({ ready: loaded !== undefined });
    useEffect(() => {
      if (loaded) {
        if (!state.ready) setState({ ready: true });
        return;
      }
      let live = true;
      pending ??= load().then((m) => {
        loaded = m.default;
      });
      pending.then(
        () => live && setState({ ready: true }),
        (error: unknown) => {
          pending = undefined; // let the retry fetch the chunk again
          if (live) setState({ ready: false, error });
        },
      );
      return () => {
        live = false;
      };
    }, [attempt]);
    if (state.error !== undefined) {
      const retry = () => {
        setState({ ready: false });
        setAttempt((n) => n + 1);
      };
      return <ErrorBox error={state.error} onRetry={retry} />;
    }
    const Page = state.ready ? loaded : undefined;
    return Page ? <Page {...props} /> : <Loading />;
  };
}
