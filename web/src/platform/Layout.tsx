// The application shell: skip link, header (product name, language switcher, module widgets),
// navigation built from the module registry, the page, and a footer.

import type { ComponentChildren, ComponentType } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { useI18n } from './i18n';
import { LanguageSwitcher } from './LanguageSwitcher';
import type { NavEntry } from './module';
import { PRODUCT_NAME } from './page';
import { isActive, Link } from './router';

export interface LayoutProps {
  nav: readonly NavEntry[];
  // Module widgets for the header (the user's menu), after the language switcher.
  header?: readonly ComponentType[];
  path: string;
  children: ComponentChildren;
}

export function Layout({ nav, header = [], path, children }: LayoutProps) {
  const { t } = useI18n();
  const main = useRef<HTMLElement>(null);
  const firstRender = useRef(true);

  // After an in-app navigation, move focus to the new page so that screen
  // readers announce it, as a full page load would.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    window.scrollTo(0, 0);
    main.current?.focus();
  }, [path]);

  return (
    <div class="shell">
      <a class="skip-link" href="#main">
        {t('shell.skipToContent')}
      </a>
      <header class="site-header">
        <div class="site-header__bar">
          <Link href="/" class="brand">
            <span class="brand__name" lang="en" dir="ltr">
              {PRODUCT_NAME}
            </span>
            <span class="brand__tagline">{t('app.tagline')}</span>
          </Link>
          <div class="site-header__tools">
            <LanguageSwitcher />
            {header.map((Widget, i) => (
              <Widget key={i} />
            ))}
          </div>
        </div>
        {nav.length > 0 && (
          <nav class="site-nav" aria-label={t('shell.mainNavigation')} data-testid="main-nav">
            <ul>
              {nav.map((entry) => (
                <li key={entry.href}>
                  <Link href={entry.href} aria-current={isActive(entry.href, path) ? 'page' : undefined}>
                    {t(entry.label)}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
        )}
      </header>
      <main id="main" class="site-main" tabIndex={-1} ref={main}>
        {children}
      </main>
      <footer class="site-footer">{t('shell.footer')}</footer>
    </div>
  );
}
