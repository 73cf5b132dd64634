// The identity module: signing in and out, the user's own account (password,
// language, API tokens), password reset, and for staff the users, the audit
// history and the outbox.

import type { AppModule } from '../../platform/module';
import { lazyPage } from '../../platform/router';
import { UserMenu } from './components/UserMenu';

const ADMIN = ['admin'];
const STAFF = ['admin', 'officer'];
const SIGNED_IN: string[] = [];

export const identityModule: AppModule = {
  id: 'identity',
  nav: [
    { href: '/admin/users', label: 'nav.users', roles: ADMIN },
    { href: '/audit', label: 'nav.audit', roles: STAFF },
    { href: '/outbox', label: 'nav.outbox', roles: ADMIN },
  ],
  routes: [
    { path: '/sign-in', component: lazyPage(() => import('./pages/SignInPage')) },
    { path: '/password-reset', component: lazyPage(() => import('./pages/PasswordResetRequestPage')) },
    { path: '/password-reset/confirm', component: lazyPage(() => import('./pages/PasswordResetConfirmPage')) },
    { path: '/account/password', roles: SIGNED_IN, component: lazyPage(() => import('./pages/ChangePasswordPage')) },
    { path: '/account/tokens', roles: SIGNED_IN, component: lazyPage(() => import('./pages/TokensPage')) },
    { path: '/admin/users', roles: ADMIN, component: lazyPage(() => import('./pages/UsersPage')) },
    { path: '/admin/users/new', roles: ADMIN, component: lazyPage(() => import('./pages/UserNewPage')) },
    { path: '/admin/users/:id', roles: ADMIN, component: lazyPage(() => import('./pages/UserPage')) },
    { path: '/audit', roles: STAFF, component: lazyPage(() => import('./pages/AuditPage')) },
    { path: '/outbox', roles: ADMIN, component: lazyPage(() => import('./pages/OutboxPage')) },
  ],
  header: UserMenu,
};
