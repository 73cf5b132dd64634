import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { canAccess, hasRole } from './access';
import { collectNav, collectRoutes, visibleNav, type AppModule } from './module';
import { safeNext } from './router';

const delegate = { roles: ['delegate'] };
const admin = { roles: ['admin', 'officer'] };

describe('access rules', () => {
  it('lets anyone use what declares no roles', () => {
    assert.ok(canAccess(undefined, null));
    assert.ok(canAccess(undefined, delegate));
  });
  it('asks only for a signed-in user when roles is empty', () => {
    assert.ok(!canAccess([], null));
    assert.ok(canAccess([], delegate));
  });
  it('asks for one of the roles otherwise', () => {
    assert.ok(!canAccess(['admin'], delegate));
    assert.ok(canAccess(['admin'], admin));
    assert.ok(canAccess(['viewer', 'officer'], admin));
    assert.ok(hasRole(admin, 'officer') && !hasRole(null, 'officer'));
  });
});

describe('navigation and routes', () => {
  const Page = () => null;
  const modules: AppModule[] = [
    {
      id: 'a',
      nav: [{ href: '/a', label: 'nav.home' }],
      routes: [{ path: '/a', component: Page }],
    },
    {
      id: 'b',
      roles: ['officer'],
      nav: [
        { href: '/b', label: 'nav.home' },
        { href: '/b/admin', label: 'nav.home', roles: ['admin'] },
      ],
      routes: [
        { path: '/b', component: Page },
        { path: '/b/public', component: Page, roles: undefined },
      ],
    },
  ];
  it('gives entries without roles the module roles', () => {
    const nav = collectNav(modules);
    assert.deepEqual(
      nav.map((e) => [e.href, e.roles]),
      [
        ['/a', undefined],
        ['/b', ['officer']],
        ['/b/admin', ['admin']],
      ],
    );
    assert.deepEqual(collectRoutes(modules)[1]!.roles, ['officer']);
  });
  it('shows only the entries the user may use', () => {
    const nav = collectNav(modules);
    assert.deepEqual(
      visibleNav(nav, (r) => canAccess(r, delegate)).map((e) => e.href),
      ['/a'],
    );
    assert.deepEqual(
      visibleNav(nav, (r) => canAccess(r, { roles: ['officer'] })).map((e) => e.href),
      ['/a', '/b'],
    );
  });
});

describe('safeNext', () => {
  it('accepts same-origin paths only', () => {
    assert.equal(safeNext('/people/3?x=1'), '/people/3?x=1');
    assert.equal(safeNext('//evil.example/'), undefined);
    assert.equal(safeNext('https://evil.example/'), undefined);
    assert.equal(safeNext('/\\evil.example'), undefined);
    assert.equal(safeNext(null), undefined);
  });
});
