import type { FastifyReply, FastifyRequest } from 'fastify';
import type { UiLanguage } from '../../shared/lang-map';
import { textDirection, translator, type Translate } from '../../shared/i18n/i18n';
import { requestLanguage } from './lang';

/** What every page needs to render: the UI language, its direction, a translator, the current URL. */
export interface PageContext {
  lang: UiLanguage;
  dir: 'ltr' | 'rtl';
  t: Translate;
  /** The request URL (path and query), for the language switch. */
  url: string;
  /** The signed-in person, or null for the public. */
  user: PageUser | null;
  /** The CSRF token forms of a signed-in person must repeat (null for the public). */
  csrf: string | null;
}

/** What the page frame shows of the signed-in person. */
export interface PageUser {
  email: string;
  isAdmin: boolean;
  /** May open the user administration (alliance admin or an institution admin). */
  managesUsers: boolean;
  /** May import and harvest (a curator or admin of some institution, or an alliance admin). */
  catalogues: boolean;
}

/** The page context of a request (remembers a language chosen with `?lang=` when a reply is given). */
export function pageContext(request: FastifyRequest, reply?: FastifyReply): PageContext {
  const lang = requestLanguage(request, reply);
  const actor = request.actor;
  const user =
    actor?.kind === 'user' && request.session
      ? { email: actor.email, isAdmin: actor.isAdmin, managesUsers: actor.isAdmin || actor.memberships.some((m) => m.role === 'institution-admin'), catalogues: actor.isAdmin || actor.memberships.some((m) => m.role === 'curator' || m.role === 'institution-admin') }
      : null;
  return { lang, dir: textDirection(lang), t: translator(lang), url: request.url, user, csrf: request.session?.csrfToken ?? null };
}

/** A page context without a request, for tests and previews. */
export function contextFor(lang: UiLanguage, url = '/'): PageContext {
  return { lang, dir: textDirection(lang), t: translator(lang), url, user: null, csrf: null };
}

/** `lang` and `dir` attributes for text in `textLang` shown on a page in `ctx.lang`; empty when they agree. */
export function textAttrs(ctx: PageContext, textLang: string | null | undefined): { lang?: string; dir?: 'ltr' | 'rtl' } {
  if (!textLang || textLang === 'none') return {};
  const sameLang = textLang.split('-')[0].toLowerCase() === ctx.lang;
  const dir = textDirection(textLang);
  return { ...(sameLang ? {} : { lang: textLang }), ...(dir !== ctx.dir ? { dir } : {}) };
}
