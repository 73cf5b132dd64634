import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isActive, matchPath, resolveRoute, type Route } from './router';

const Page = () => null;

describe('matchPath', () => {
  it('matches literals, ignoring a trailing slash', () => {
    assert.deepEqual(matchPath('/', '/'), {});
    assert.deepEqual(matchPath('/events', '/events/'), {});
    assert.equal(matchPath('/events', '/events/1'), null);
    assert.equal(matchPath('/', '/events'), null);
  });
  it('captures and decodes parameters', () => {
    assert.deepEqual(matchPath('/people/:id/edit', '/people/a%20b/edit'), { id: 'a b' });
  });
  it('captures the rest of the path with a final *', () => {
    assert.deepEqual(matchPath('/docs/*', '/docs/a/b'), { '*': 'a/b' });
  });
  it('treats a malformed escape as no match', () => {
    assert.equal(matchPath('/people/:id', '/people/%E0%A4%A'), null);
  });
});

describe('resolveRoute', () => {
  const routes: Route[] = [
    { path: '/', component: Page },
    { path: '/events/new', component: Page },
    { path: '/events/:id', component: Page },
  ];
  it('returns the first matching route', () => {
    assert.equal(resolveRoute(routes, '/events/new')!.route, routes[1]);
    assert.deepEqual(resolveRoute(routes, '/events/12')!.params, { id: '12' });
  });
  it('returns null for an unknown path', () => {
    assert.equal(resolveRoute(routes, '/nope'), null);
  });
});

describe('isActive', () => {
  it('marks home only on the root path', () => {
    assert.ok(isActive('/', '/'));
    assert.ok(!isActive('/', '/events'));
  });
  it('marks a section on its own path and below', () => {
    assert.ok(isActive('/events', '/events'));
    assert.ok(isActive('/events', '/events/3'));
    assert.ok(!isActive('/events', '/eventsx'));
  });
});
