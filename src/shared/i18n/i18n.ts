import { UI_LANGUAGES, type UiLanguage } from '../lang-map';
import type { Message, PluralMessage } from './i18n.types';
import { en, type CoreMessageKey } from './en';
import { fr } from './fr';
import { es } from './es';
import { ru } from './ru';
import { zh } from './zh';
import { ar } from './ar';
import { MESSAGE_PARTS, type PartMessageKey } from './parts';

export type { Message, PluralMessage } from './i18n.types';

/** A key of the UI catalogues: the core one and every module's. */
export type MessageKey = CoreMessageKey | PartMessageKey;

const CORE: Record<UiLanguage, Record<CoreMessageKey, Message>> = { en, fr, es, ru, zh, ar };

/** The catalogue of every UI language, same keys in each: the core messages plus every module's. */
export const CATALOGUES = Object.fromEntries(
  UI_LANGUAGES.map((lang) => [lang, Object.assign({}, CORE[lang], ...MESSAGE_PARTS.map((part) => part[lang]))]),
) as Record<UiLanguage, Record<MessageKey, Message>>;

/** Messages whose plural forms follow ordinal rules ("1st", "2nd") rather than cardinal ones. */
export const ORDINAL_KEYS: ReadonlySet<MessageKey> = new Set<MessageKey>(['century.ce', 'century.bce']);

/** Values put into a message's `{placeholders}`; numbers are formatted for the language. */
export type MessageParams = Record<string, string | number>;

/** True for a language the UI speaks. */
export function isUiLanguage(lang: unknown): lang is UiLanguage {
  return typeof lang === 'string' && (UI_LANGUAGES as readonly string[]).includes(lang);
}

/** Writing direction of a language (`rtl` for Arabic, Hebrew, Persian, Urdu and the like). */
export function textDirection(lang: string): 'ltr' | 'rtl' {
  return /^(ar|he|fa|ur|ps|sd|ug|yi|dv|ckb|syr)(-|$)/i.test(lang) ? 'rtl' : 'ltr';
}

/**
 * The UI text of `key` in `lang` with its placeholders filled. A plural message picks its form
 * by `params.count` (cardinal rules, or ordinal rules for ORDINAL_KEYS). Falls back to English.
 */
export function t(lang: string, key: MessageKey, params: MessageParams = {}): string {
  const catalogue = isUiLanguage(lang) ? CATALOGUES[lang] : CATALOGUES.en;
  const message: Message = catalogue[key] ?? CATALOGUES.en[key];
  const text = typeof message === 'string' ? message : pluralForm(lang, key, message, params.count);
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return typeof value === 'number' ? formatNumber(lang, value) : value;
  });
}

/** A number written the way the language writes it (grouping, digits). */
export function formatNumber(lang: string, n: number, options?: Intl.NumberFormatOptions): string {
  return numberFormat(lang, options).format(n);
}

/** A translator bound to one language, for pages. */
export type Translate = (key: MessageKey, params?: MessageParams) => string;

/** Binds `t` to a language. */
export function translator(lang: string): Translate {
  return (key, params) => t(lang, key, params);
}

function pluralForm(lang: string, key: MessageKey, message: PluralMessage, count: string | number | undefined): string {
  const n = typeof count === 'number' ? count : Number(count);
  if (!Number.isFinite(n)) return message.other;
  const category = pluralRules(lang, ORDINAL_KEYS.has(key) ? 'ordinal' : 'cardinal').select(n);
  return message[category] ?? message.other;
}

const rulesCache = new Map<string, Intl.PluralRules>();
function pluralRules(lang: string, type: Intl.PluralRuleType): Intl.PluralRules {
  const k = `${lang}:${type}`;
  let r = rulesCache.get(k);
  if (!r) {
    r = new Intl.PluralRules(isUiLanguage(lang) ? lang : 'en', { type });
    rulesCache.set(k, r);
  }
  return r;
}

const numberCache = new Map<string, Intl.NumberFormat>();
function numberFormat(lang: string, options?: Intl.NumberFormatOptions): Intl.NumberFormat {
  const k = `${lang}:${options ? JSON.stringify(options) : ''}`;
  let f = numberCache.get(k);
  if (!f) {
    f = new Intl.NumberFormat(isUiLanguage(lang) ? lang : 'en', options);
    numberCache.set(k, f);
  }
  return f;
}
