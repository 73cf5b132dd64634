import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dirOf, format, LANGUAGES, loadCatalogue, matchLang, negotiateLang, translate } from './i18n';

describe('language choice', () => {
  it('offers the six UN languages', () => {
    assert.deepEqual(
      LANGUAGES.map((l) => l.code),
      ['ar', 'zh', 'en', 'fr', 'ru', 'es'],
    );
  });
  it('writes Arabic right to left and the others left to right', () => {
    for (const l of LANGUAGES) assert.equal(dirOf(l.code), l.code === 'ar' ? 'rtl' : 'ltr');
  });
  it('maps regional tags to their language', () => {
    assert.equal(matchLang('fr-CA'), 'fr');
    assert.equal(matchLang('zh-Hans-CN'), 'zh');
    assert.equal(matchLang('pt-BR'), undefined);
  });
  it('prefers the stored choice, then the browser languages, then English', () => {
    assert.equal(negotiateLang('ru', ['fr-FR']), 'ru');
    assert.equal(negotiateLang('xx', ['pt-BR', 'es-419']), 'es');
    assert.equal(negotiateLang(null, ['de-DE']), 'en');
  });
});

describe('messages', () => {
  it('fills named placeholders and leaves unknown ones', () => {
    assert.equal(format('HTTP {status} {other}', { status: 502 }), 'HTTP 502 {other}');
  });
  it('falls back to English, then to the key', () => {
    assert.equal(translate({ 'nav.home': 'Accueil' }, 'nav.home'), 'Accueil');
    assert.equal(translate({}, 'nav.home'), 'Home');
    assert.equal(translate({}, 'no.such.key'), 'no.such.key');
  });
});

describe('catalogues', async () => {
  const english = await loadCatalogue('en');
  const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

  for (const { code } of LANGUAGES) {
    if (code === 'en') continue;
    it(`${code}: every key exists in English, with the same placeholders`, async () => {
      const catalogue = await loadCatalogue(code);
      for (const [key, text] of Object.entries(catalogue)) {
        assert.ok(key in english, `${code}.json has ${key}, which en.json lacks`);
        assert.deepEqual(placeholders(text!), placeholders(english[key]!), `${code}.json ${key}`);
        assert.notEqual(text!.trim(), '', `${code}.json ${key} is empty`);
      }
    });
    it(`${code}: translates every string English has`, async () => {
      const catalogue = await loadCatalogue(code);
      const missing = Object.keys(english).filter((k) => catalogue[k] === undefined);
      assert.deepEqual(missing, [], `${code}.json lacks strings`);
    });
  }
});
