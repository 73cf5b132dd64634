// Root component: language and session state, shell and the page for the current path.

import { I18nProvider, type I18nState } from '../platform/i18n';
import { Layout } from '../platform/Layout';
import { collectHeader, collectNav, collectRoutes, visibleNav } from '../platform/module';
import { NotAllowedPage } from '../platform/NotAllowedPage';
import { NotFoundPage } from '../platform/NotFoundPage';
import { resolveRoute, useLocation } from '../platform/router';
import { SessionProvider, useSession, type SessionUser } from '../platform/session';
import { modules } from './modules';

const routes = collectRoutes(modules);
const nav = collectNav(modules);
const header = collectHeader(modules);

export function App({ i18n, user }: { i18n: I18nState; user: SessionUser | null }) {
  return (
    <I18nProvider initial={i18n}>
      <SessionProvider initial={user}>
        <Pages />
      </SessionProvider>
    </I18nProvider>
  );
}

function Pages() {
  const path = useLocation();
  const session = useSession();
  const match = resolveRoute(routes, path);
  const allowed = match ? session.canAccess(match.route.roles) : true;
  let page;
  if (!match) {
    page = <NotFoundPage key="*" />;
  } else if (!allowed) {
    page = <NotAllowedPage key="!" path={path} />;
  } else {
    const Page = match.route.component;
    page = <Page key={match.route.path} params={match.params} />;
  }
  return (
    <Layout nav={visibleNav(nav, session.canAccess)} header={header} path={path}>
      {page}
    </Layout>
  );
}
