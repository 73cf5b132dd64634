// Shown instead of a page the current user may not use: a signed-out visitor
// is offered the sign-in page (coming back here afterwards), a signed-in one
// is told the page needs another role. The server refuses the requests anyway.

import { useI18n } from './i18n';
import { usePageTitle } from './page';
import { Link } from './router';
import { signInHref, useSession } from './session';

export function NotAllowedPage({ path }: { path: string }) {
  const { t } = useI18n();
  const { user } = useSession();
  const title = user ? t('notAllowed.title') : t('notAllowed.signInTitle');
  usePageTitle(title);
  return (
    <section class="page" data-testid={user ? 'not-allowed' : 'sign-in-required'}>
      <h1>{title}</h1>
      <p>{user ? t('notAllowed.body') : t('notAllowed.signInBody')}</p>
      <p>
        {user ? (
          <Link href="/">{t('notFound.home')}</Link>
        ) : (
          <Link href={signInHref(path + window.location.search)}>{t('notAllowed.signIn')}</Link>
        )}
      </p>
    </section>
  );
}
