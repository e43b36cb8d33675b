import type { FastifyReply, FastifyRequest } from 'fastify';
import { UI_LANGUAGES, type UiLanguage } from '../../shared/lang-map';
import { isUiLanguage } from '../../shared/i18n/i18n';

/** The cookie that remembers the visitor's UI language. */
export const LANG_COOKIE = 'hc_lang';

/** Each UI language named in itself, for the language switch. */
export const AUTONYMS: Record<UiLanguage, string> = {
  en: 'English',
  fr: 'Français',
  es: 'Español',
  ru: 'Русский',
  zh: '中文',
  ar: 'العربية',
};

/**
 * The UI language of a request: `?lang=xx`, else the `hc_lang` cookie, else the best match in
 * Accept-Language, else English. `fromQuery` says the visitor just chose it (remember it).
 */
export function negotiateLanguage(input: { query?: unknown; cookie?: string; acceptLanguage?: string }): { lang: UiLanguage; fromQuery: boolean } {
  const q = queryLang(input.query);
  if (q) return { lang: q, fromQuery: true };
  const c = readCookie(input.cookie, LANG_COOKIE);
  if (isUiLanguage(c)) return { lang: c, fromQuery: false };
  return { lang: fromAcceptLanguage(input.acceptLanguage) ?? 'en', fromQuery: false };
}

/** The UI language of a request; remembers a language chosen with `?lang=` in a cookie when a reply is given. */
export function requestLanguage(request: FastifyRequest, reply?: FastifyReply): UiLanguage {
  const { lang, fromQuery } = negotiateLanguage({
    query: request.query,
    cookie: request.headers.cookie,
    acceptLanguage: request.headers['accept-language'],
  });
  if (fromQuery && reply) {
    const secure = request.protocol === 'https' ? '; Secure' : '';
    reply.header('set-cookie', `${LANG_COOKIE}=${lang}; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly${secure}`);
  }
  return lang;
}

/** The best UI language in an Accept-Language header, by quality then order; null when none fits. */
export function fromAcceptLanguage(header: string | undefined): UiLanguage | null {
  if (!header) return null;
  const ranked = header
    .split(',')
    .slice(0, 30)
    .map((part, i) => {
      const [tag, ...params] = part.trim().split(';');
      const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const q = qParam ? Number(qParam.slice(2)) : 1;
      return { base: tag.trim().split('-')[0].toLowerCase(), q: Number.isFinite(q) ? q : 0, i };
    })
    .filter((x) => x.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  return ranked.map((x) => x.base).find(isUiLanguage) ?? null;
}

/** One cookie's value from a Cookie header (no dependency needed for one name). */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/** The current URL with `lang` set to each UI language, keeping the path and the rest of the query. */
export function languageLinks(url: string): { lang: UiLanguage; name: string; href: string }[] {
  const [path, query = ''] = splitUrl(url);
  return UI_LANGUAGES.map((lang) => {
    const params = new URLSearchParams(query);
    params.set('lang', lang);
    return { lang, name: AUTONYMS[lang], href: `${path}?${params.toString()}` };
  });
}

function queryLang(query: unknown): UiLanguage | null {
  if (!query || typeof query !== 'object') return null;
  const raw = (query as Record<string, unknown>).lang;
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (typeof value !== 'string') return null;
  const base = value.trim().split('-')[0].toLowerCase();
  return isUiLanguage(base) ? base : null;
}

function splitUrl(url: string): [string, string] {
  const i = url.indexOf('?');
  const path = i < 0 ? url : url.slice(0, i);
  // Only our own absolute paths: a path like //evil.example would leave the site.
  const safe = path.startsWith('/') && !path.startsWith('//') ? path : '/';
  return [safe, i < 0 ? '' : url.slice(i + 1)];
}
