import { AppError } from '../../shared/errors';
import { allTexts, type LangMap } from '../../shared/lang-map';
import { ID_REGEX, newId, nowIso } from '../../shared/ids';
import type { Actor } from '../accounts/actor';
import { audit } from '../audit/audit.service';
import { getInstitution } from '../institutions/institution.service';
import { visibleProject } from '../projects/project.service';
import { getRecord } from '../records/record.service';
import { inTransaction, type Store } from '../records/record.store';
import { tokenize } from '../search/text-analysis';
import type { CaseStudyLinkTable, CaseStudyRow } from './people.table';
import { byOf, Checks, isStaffOf, notFound, readableLevels, requireUser, searchTextOf, staffInstitutions, VISIBILITIES, type Visibility } from './people.rules';
import { practiceRepository as repo } from './practice.repository';

export const SECTIONS = ['problem', 'method', 'materials', 'outcome', 'lessons'] as const;
export type Section = (typeof SECTIONS)[number];
export const LINK_KINDS = ['record', 'site', 'project'] as const;

export type CaseStudyDoc = { title: LangMap } & Record<Section, LangMap>;

/** A case study as its reader may see it; links only to what the reader may see. */
export interface CaseStudy extends CaseStudyDoc {
  id: string;
  institutionId: string;
  visibility: Visibility;
  updatedAt: string;
  manageable: boolean;
}

export interface CaseStudyLink {
  kind: (typeof LINK_KINDS)[number];
  id: string;
  /** The linked thing's title when known (records, sites). */
  title: LangMap | null;
  href: string;
}

/** Case studies the actor may read, matching `q` in any language (every word, as a prefix). */
export async function searchPractices(store: Store, actor: Actor, filter: { q?: string; institutionId?: string } = {}): Promise<CaseStudy[]> {
  const tokens = tokenize(filter.q ?? '').slice(0, 10);
  const rows = await repo.search(store.db, { levels: readableLevels(actor), staffOf: staffInstitutions(actor), tokens, institutionId: filter.institutionId || undefined, limit: 200 });
  return rows.map((r) => toCaseStudy(r, actor));
}

/** One case study with the links the actor may follow; NOT_FOUND when hidden. */
export async function getPractice(store: Store, actor: Actor, id: string): Promise<{ caseStudy: CaseStudy; links: CaseStudyLink[] }> {
  const row = await visibleRow(store, actor, id);
  const links: CaseStudyLink[] = [];
  for (const l of await repo.links(store.db, id)) {
    const shown = await visibleLink(store, actor, l);
    if (shown) links.push(shown);
  }
  return { caseStudy: toCaseStudy(row, actor), links };
}

/** Publishes a case study for an institution (its curators and admins, or the secretariat). */
export async function createPractice(store: Store, actor: Actor, input: Record<string, unknown>): Promise<CaseStudy> {
  const user = requireUser(actor, 'publish a case study');
  const c = new Checks();
  const institutionId = c.text(input.institutionId, 'institutionId', { required: true, max: 128 });
  const { doc, visibility, links } = checkDoc(c, input, {});
  c.throwIfAny('case study');
  if (!isStaffOf(user, institutionId)) throw new AppError('FORBIDDEN', `You may not publish case studies for institution "${institutionId}"`);
  await getInstitution(store.db, institutionId!);
  const now = nowIso();
  const row: CaseStudyRow = { id: newId('cs'), institution_id: institutionId!, doc: JSON.stringify(doc), search_text: searchTextOf(docTexts(doc)), visibility, created_by: byOf(user), created_at: now, updated_at: now };
  await inTransaction(store, async (trx) => {
    await repo.insert(trx.db, row);
    await repo.replaceLinks(trx.db, row.id, (links ?? []).map((l) => ({ case_study_id: row.id, target_kind: l.kind, target_id: l.id })));
    await audit(trx.db, actor, [{ action: 'practice.create', targetType: 'case_study', targetId: row.id, institutionId: row.institution_id }]);
  });
  return toCaseStudy(row, actor);
}

/**
 * Changes a case study: the sections given replace theirs language by language (so a translation
 * is added by sending only that language), `links` replaces the links.
 */
export async function updatePractice(store: Store, actor: Actor, id: string, input: Record<string, unknown>): Promise<CaseStudy> {
  const row = await visibleRow(store, actor, id);
  if (!isStaffOf(actor, row.institution_id)) throw new AppError('FORBIDDEN', 'Only the case study’s institution staff or the secretariat may change it');
  const c = new Checks();
  const current = JSON.parse(row.doc) as CaseStudyDoc;
  const { doc, visibility, links } = checkDoc(c, { visibility: row.visibility, ...input }, current);
  c.throwIfAny('case study');
  const patch = { doc: JSON.stringify(doc), search_text: searchTextOf(docTexts(doc)), visibility, updated_at: nowIso() };
  await inTransaction(store, async (trx) => {
    await repo.update(trx.db, id, patch);
    if (links) await repo.replaceLinks(trx.db, id, links.map((l) => ({ case_study_id: id, target_kind: l.kind, target_id: l.id })));
    await audit(trx.db, actor, [{ action: 'practice.update', targetType: 'case_study', targetId: id, institutionId: row.institution_id }]);
  });
  return toCaseStudy({ ...row, ...patch }, actor);
}

function checkDoc(c: Checks, input: Record<string, unknown>, current: Partial<CaseStudyDoc>) {
  const merge = (field: 'title' | Section, required: boolean) => {
    const given = input[field] === undefined ? {} : c.langMap(input[field], field, { max: field === 'title' ? 300 : 20000 });
    const out = { ...(current[field] ?? {}), ...given };
    if (required && !Object.keys(out).length) c.fail(field, 'is required');
    return out;
  };
  const doc = { title: merge('title', true) } as CaseStudyDoc;
  for (const s of SECTIONS) doc[s] = merge(s, false);
  const visibility = c.oneOf(input.visibility, VISIBILITIES, 'visibility', 'public');
  let links: { kind: CaseStudyLinkTable['target_kind']; id: string }[] | null = null;
  if (input.links !== undefined) {
    links = [];
    const list = Array.isArray(input.links) ? input.links : [];
    if (!Array.isArray(input.links) || list.length > 50) c.fail('links', 'must be a list of at most 50 links');
    list.forEach((l, i) => {
      const kind = c.oneOf((l as { kind?: unknown })?.kind, LINK_KINDS, `links/${i}/kind`);
      const target = (l as { id?: unknown })?.id;
      if (typeof target !== 'string' || !ID_REGEX.test(target)) c.fail(`links/${i}/id`, 'is not an identifier');
      else if (!links!.some((x) => x.kind === kind && x.id === target)) links!.push({ kind, id: target });
    });
  }
  return { doc, visibility, links };
}

async function visibleLink(store: Store, actor: Actor, l: CaseStudyLinkTable): Promise<CaseStudyLink | null> {
  if (l.target_kind === 'project') {
    // The projects module decides who sees a project (partners' staff included); hidden ones are left out.
    try {
      const { row } = await visibleProject(store.db, actor, l.target_id);
      return { kind: 'project', id: l.target_id, title: JSON.parse(row.title) as LangMap, href: `/projects/${encodeURIComponent(l.target_id)}` };
    } catch (err) {
      if (err instanceof AppError && err.status === 404) return null;
      throw err;
    }
  }
  try {
    const record = await getRecord(store, actor, l.target_id);
    return { kind: l.target_kind, id: l.target_id, title: record.title ?? null, href: `/records/${encodeURIComponent(l.target_id)}` };
  } catch (err) {
    if (err instanceof AppError && err.status === 404) return null;
    throw err;
  }
}

async function visibleRow(store: Store, actor: Actor, id: string): Promise<CaseStudyRow> {
  const row = ID_REGEX.test(id) ? await repo.find(store.db, id) : undefined;
  if (!row || !(readableLevels(actor).includes(row.visibility) || isStaffOf(actor, row.institution_id))) throw notFound('case study', id);
  return row;
}

function docTexts(doc: CaseStudyDoc): string[] {
  return [doc.title, ...SECTIONS.map((s) => doc[s])].flatMap(allTexts);
}

function toCaseStudy(r: CaseStudyRow, actor: Actor): CaseStudy {
  const doc = JSON.parse(r.doc) as CaseStudyDoc;
  return { id: r.id, institutionId: r.institution_id, ...doc, visibility: r.visibility, updatedAt: r.updated_at, manageable: isStaffOf(actor, r.institution_id) };
}
