// Message catalogues and the current language.
//
// English (src/i18n/en.json) is the reference catalogue: it is bundled with the
// entry script and defines every key. The other five UN languages are loaded on
// demand as small separate chunks; a key missing from them falls back to English.
// Messages may hold named placeholders, "{name}", filled from a params object.

import { createContext, h, type ComponentChildren } from 'preact';
import { useCallback, useContext, useMemo, useState } from 'preact/hooks';
import en from '../i18n/en.json';

export type MessageKey = keyof typeof en;
export type Catalogue = Partial<Record<string, string>>;
export type Params = Record<string, string | number>;

export const LANGUAGES = [
  { code: 'ar', name: 'العربية', dir: 'rtl' },
  { code: 'zh', name: '中文', dir: 'ltr' },
  { code: 'en', name: 'English', dir: 'ltr' },
  { code: 'fr', name: 'Français', dir: 'ltr' },
  { code: 'ru', name: 'Русский', dir: 'ltr' },
  { code: 'es', name: 'Español', dir: 'ltr' },
] as const;

export type Lang = (typeof LANGUAGES)[number]['code'];
export type Dir = 'ltr' | 'rtl';

export const DEFAULT_LANG: Lang = 'en';
export const STORAGE_KEY = 'bsg.lang';

export const ENGLISH: Readonly<Record<MessageKey, string>> = en;

// Each non-English catalogue is its own chunk, fetched only when chosen.
const loaders: Record<Exclude<Lang, 'en'>, () => Promise<Catalogue>> = {
  ar: () => import('../i18n/ar.json').then((m) => m.default),
  zh: () => import('../i18n/zh.json').then((m) => m.default),
  fr: () => import('../i18n/fr.json').then((m) => m.default),
  ru: () => import('../i18n/ru.json').then((m) => m.default),
  es: () => import('../i18n/es.json').then((m) => m.default),
};

export function isLang(value: unknown): value is Lang {
  return LANGUAGES.some((l) => l.code === value);
}

export function dirOf(lang: Lang): Dir {
  return lang === 'ar' ? 'rtl' : 'ltr';
}

// Maps a BCP 47 tag ("fr-CA", "zh-Hans-CN") to one of our languages, or undefined.
export function matchLang(tag: string | null | undefined): Lang | undefined {
  if (!tag) return undefined;
  const primary = tag.toLowerCase().split(/[-_]/)[0];
  return isLang(primary) ? primary : undefined;
}

// Picks the first language of `preferred` we support, else English.
export function negotiateLang(stored: string | null | undefined, preferred: readonly string[]): Lang {
  const fromStore = matchLang(stored);
  if (fromStore) return fromStore;
  for (const tag of preferred) {
    const lang = matchLang(tag);
    if (lang) return lang;
  }
  return DEFAULT_LANG;
}

// Replaces "{name}" placeholders; unknown placeholders are left as written.
export function format(template: string, params?: Params): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole,
  );
}

// Looks `key` up in `catalogue`, then in English, then returns the key itself.
export function translate(catalogue: Catalogue, key: string, params?: Params): string {
  const message = catalogue[key] ?? (ENGLISH as Catalogue)[key] ?? key;
  return format(message, params);
}

export async function loadCatalogue(lang: Lang): Promise<Catalogue> {
  return lang === 'en' ? ENGLISH : loaders[lang]();
}

function readStoredLang(): string | null {
  try {
    return window.localStorage.getItem(STORAGE_KEY);
  } catch {
    return null; // storage disabled: fall back to the browser's languages
  }
}

function storeLang(lang: Lang): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // storage disabled: the choice lasts for this page only
  }
}

export function applyDocumentLang(lang: Lang): void {
  const root = document.documentElement;
  root.lang = lang;
  root.dir = dirOf(lang);
}

export interface I18nState {
  lang: Lang;
  catalogue: Catalogue;
}

// Chooses the language for the first render and loads its catalogue. If that
// catalogue cannot be fetched (a dropped connection), English is used.
export async function initI18n(): Promise<I18nState> {
  const lang = negotiateLang(readStoredLang(), navigator.languages ?? [navigator.language]);
  try {
    const catalogue = await loadCatalogue(lang);
    applyDocumentLang(lang);
    return { lang, catalogue };
  } catch {
    applyDocumentLang(DEFAULT_LANG);
    return { lang: DEFAULT_LANG, catalogue: ENGLISH };
  }
}

export interface I18n {
  lang: Lang;
  dir: Dir;
  t: (key: MessageKey, params?: Params) => string;
  // True when the current catalogue or English defines the key.
  has: (key: string) => boolean;
  // Translates a key built at run time (such as "reason.<reason>").
  tDynamic: (key: string, params?: Params) => string;
  setLang: (lang: Lang) => Promise<void>;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider(props: { initial: I18nState; children: ComponentChildren }) {
  const [state, setState] = useState<I18nState>(props.initial);

  const setLang = useCallback(async (lang: Lang) => {
    const catalogue = await loadCatalogue(lang);
    applyDocumentLang(lang);
    storeLang(lang);
    setState({ lang, catalogue });
  }, []);

  const value = useMemo<I18n>(() => {
    const { lang, catalogue } = state;
    return {
      lang,
      dir: dirOf(lang),
      t: (key, params) => translate(catalogue, key, params),
      tDynamic: (key, params) => translate(catalogue, key, params),
      has: (key) => catalogue[key] !== undefined || (ENGLISH as Catalogue)[key] !== undefined,
      setLang,
    };
  }, [state, setLang]);

  return h(I18nContext.Provider, { value }, props.children);
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n() used outside <I18nProvider>');
  return value;
}
