// Root component: language state, shell and the page for the current path.

import { I18nProvider, type I18nState } from '../platform/i18n';
import { Layout } from '../platform/Layout';
import { collectNav, collectRoutes } from '../platform/module';
import { NotFoundPage } from '../platform/NotFoundPage';
import { resolveRoute, useLocation } from '../platform/router';
import { modules } from './modules';

const routes = collectRoutes(modules);
const nav = collectNav(modules);

export function App({ i18n }: { i18n: I18nState }) {
  return (
    <I18nProvider initial={i18n}>
      <Pages />
    </I18nProvider>
  );
}

function Pages() {
  const path = useLocation();
  const match = resolveRoute(routes, path);
  const Page = match ? match.route.component : NotFoundPage;
  return (
    <Layout nav={nav} path={path}>
      <Page key={match ? match.route.path : '*'} params={match ? match.params : {}} />
    </Layout>
  );
}
