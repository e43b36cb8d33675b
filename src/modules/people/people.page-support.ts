import type { FastifyRequest } from 'fastify';
import { isUiLanguage } from '../../shared/i18n/i18n';
import { pickLang, type LangMap } from '../../shared/lang-map';
import type { Actor } from '../accounts/actor';
import { formString } from '../accounts/form-outcome';
import { getInstitution, listInstitutions } from '../institutions/institution.service';
import type { PageContext } from '../pages/context';
import type { Store } from '../records/record.store';
import { staffInstitutions } from './people.rules';

/** Names of every institution in the page's language, by id (for lists that name holders). */
export async function institutionNames(store: Store, ctx: PageContext): Promise<Map<string, string>> {
  const { items } = await listInstitutions(store.db, { limit: 500 });
  return new Map(items.map((i) => [i.id, pickLang(i.name, ctx.lang)?.values[0] ?? i.id]));
}

/** The institutions the actor publishes for, named in the page's language. */
export async function publishingInstitutions(store: Store, actor: Actor, ctx: PageContext): Promise<{ id: string; name: string }[]> {
  const ids = staffInstitutions(actor);
  if (ids === null) return [...(await institutionNames(store, ctx)).entries()].map(([id, name]) => ({ id, name }));
  const found = await Promise.all(ids.map((id) => getInstitution(store.db, id).catch(() => null)));
  return found.filter((i) => i !== null).map((i) => ({ id: i.id, name: pickLang(i.name, ctx.lang)?.values[0] ?? i.id }));
}

/** The institutions the signed-in person belongs to, in any role. */
export async function memberInstitutions(store: Store, actor: Actor, ctx: PageContext): Promise<{ id: string; name: string }[]> {
  if (actor.kind !== 'user') return [];
  const found = await Promise.all(actor.memberships.map((m) => getInstitution(store.db, m.institutionId).catch(() => null)));
  return found.filter((i) => i !== null).map((i) => ({ id: i.id, name: pickLang(i.name, ctx.lang)?.values[0] ?? i.id }));
}

/** The posted form's string fields (first values). */
export function formValues(request: FastifyRequest, names: string[]): Record<string, string> {
  return Object.fromEntries(names.map((n) => [n, formString(request.body, n)]));
}

/** A language map of one posted text in the language chosen on the form (the page's by default). */
export function langMapFrom(values: Record<string, string>, name: string, ctx: PageContext): LangMap | undefined {
  const text = values[name]?.trim();
  if (!text) return undefined;
  const lang = isUiLanguage(values.lang) ? values.lang : ctx.lang;
  return { [lang]: [text] };
}

/** A notice for `?done=` after a form, from the module's known outcomes. */
export function doneNotice<K extends string>(request: FastifyRequest, notices: Record<K, string>): string | null {
  const done = formString(request.query, 'done');
  return done in notices ? notices[done as K] : null;
}
