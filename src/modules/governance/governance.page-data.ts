import type { FastifyRequest } from 'fastify';
import type { Db } from '../../db/database';
import { AppError } from '../../shared/errors';
import { pickLang, type LangMap } from '../../shared/lang-map';
import { can } from '../accounts/policy';
import { getAlliance, listAlliances } from './alliance.service';
import type { AllianceView } from './alliance.pages';

/** The alliance a page is about (`?alliance=` or the one a thing belongs to, else the first hosted here), with the others. */
export async function allianceView(db: Db, wanted: unknown): Promise<AllianceView> {
  const all = await listAlliances(db);
  if (!all.length) throw new AppError('NOT_FOUND', 'No alliance is hosted here yet');
  const alliance = typeof wanted === 'string' && wanted ? (all.find((a) => a.id === wanted) ?? (await getAlliance(db, wanted))) : all[0];
  return { alliance, primaryId: all[0].id, others: all.filter((a) => a.id !== alliance.id) };
}

/** The `alliance` query parameter of a page request. */
export function allianceParam(request: FastifyRequest): string | undefined {
  const v = (request.query as Record<string, unknown> | undefined)?.alliance;
  return typeof v === 'string' ? v : undefined;
}

/** Whether the actor is the secretariat, for pages that offer its actions. */
export function isSecretariat(request: FastifyRequest): boolean {
  return can(request.actor, 'manage', 'alliance');
}

/** Institutions' names in the page's language. */
export function textNames(names: Map<string, LangMap>, lang: string): Map<string, string> {
  return new Map([...names].map(([id, map]) => [id, pickLang(map, lang)?.values[0] ?? id]));
}
