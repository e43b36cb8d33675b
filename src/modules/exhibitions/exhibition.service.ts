import { AppError, validationError, type FieldProblem } from '../../shared/errors';
import { ID_REGEX, newId, nowIso } from '../../shared/ids';
import { UI_LANGUAGES, type LangMap, type UiLanguage } from '../../shared/lang-map';
import { canonicalLangMap } from '../../shared/lang-map-validate';
import { isUiLanguage } from '../../shared/i18n/i18n';
import type { Actor } from '../accounts/actor';
import { can } from '../accounts/policy';
import { audit } from '../audit/audit.service';
import { getInstitution } from '../institutions/institution.service';
import { inTransaction, type Store } from '../records/record.store';
import { curates, exhibitionNotFound, isOnView, mayView, requireCurator } from './exhibition.access';
import { toApproval, toChapter, toEvent, toExhibition } from './exhibition.mapper';
import { exhibitionRepository as repo } from './exhibition.repository';
import type { Exhibition, ExhibitionDraft, ExhibitionStatus } from './exhibition.types';

export interface ExhibitionInput {
  title?: LangMap;
  summary?: LangMap;
  credits?: LangMap;
  slug?: string;
  coverRecordId?: string | null;
}

/** Slugs are short lowercase words joined by hyphens; a few words are paths of the module itself. */
export const SLUG_PATTERN = '^[a-z0-9](?:[a-z0-9-]{0,78}[a-z0-9])?$';
const SLUG_REGEX = new RegExp(SLUG_PATTERN);
const RESERVED_SLUGS = new Set(['approvals', 'new', 'calendar']);
const MAX_TEXT = 20_000;

/** Starts an exhibition for an institution the actor curates; its title's UI languages become draft language versions. */
export async function createExhibition(store: Store, actor: Actor, input: ExhibitionInput & { institutionId: string }): Promise<Exhibition> {
  if (actor.kind !== 'user') throw new AppError('UNAUTHENTICATED', 'Sign in to start an exhibition');
  if (!can(actor, 'edit', { institutionId: input.institutionId })) throw new AppError('FORBIDDEN', `Only curators of ${input.institutionId} may start an exhibition for it`);
  await getInstitution(store.db, input.institutionId);
  const problems: FieldProblem[] = [];
  const fields = cleanFields(input, problems);
  if (!fields.title || !Object.keys(fields.title).length) problems.push({ field: 'title', message: 'is required in at least one language' });
  if (problems.length) throw validationError(problems, 'exhibition');
  const id = newId('x');
  const slug = fields.slug ?? (await freeSlug(store, slugify(firstTitle(fields.title!)) || id));
  await assertSlugFree(store, slug, null);
  const now = nowIso();
  return inTransaction(store, async (trx) => {
    await repo.insert(
      trx.db,
      {
        id,
        slug,
        lead_institution_id: input.institutionId,
        status: 'draft',
        title: JSON.stringify(fields.title),
        summary: JSON.stringify(fields.summary ?? {}),
        credits: JSON.stringify(fields.credits ?? {}),
        cover_record_id: fields.coverRecordId ?? null,
        created_by: actor.userId === 'system' ? null : actor.userId,
        created_at: now,
        updated_at: now,
        published_at: null,
      },
      [input.institutionId],
    );
    for (const lang of languagesOf(fields.title!)) await repo.setLanguage(trx.db, id, lang, false, now);
    await audit(trx.db, actor, [{ action: 'exhibition.create', targetType: 'exhibition', targetId: id, institutionId: input.institutionId, detail: { slug } }]);
    return loadExhibition(trx, id);
  });
}

/** Exhibitions the actor may see: those on view, and those its institutions co-curate (all for alliance admins). */
export async function listExhibitions(store: Store, actor: Actor): Promise<Exhibition[]> {
  const admin = actor.kind === 'user' && actor.isAdmin;
  const curatedBy = actor.kind === 'user' ? actor.memberships.filter((m) => m.role !== 'member').map((m) => m.institutionId) : [];
  const rows = await repo.list(store.db, { curatedBy: admin ? 'all' : curatedBy, limit: 500 });
  const all = await hydrate(store, rows);
  return all.filter((x) => mayView(actor, x)).map((x) => forViewer(actor, x));
}

/** An exhibition by its id or slug as the actor may see it; drafts are 404 to all but its curators. */
export async function getExhibition(store: Store, actor: Actor, ref: string): Promise<Exhibition> {
  const row = (await repo.findBySlug(store.db, ref)) ?? (ID_REGEX.test(ref) ? await repo.find(store.db, ref) : undefined);
  if (!row) throw exhibitionNotFound(ref);
  const [ex] = await hydrate(store, [row]);
  if (!mayView(actor, ex)) throw exhibitionNotFound(ref);
  return forViewer(actor, ex);
}

/** What a viewer may read of an exhibition: curators everything; others only the texts of published language versions. */
export function forViewer(actor: Actor, ex: Exhibition): Exhibition {
  if (curates(actor, ex)) return ex;
  const published = new Set<string>(ex.languages.filter((l) => l.published).map((l) => l.lang));
  const keep = (map: LangMap): LangMap => Object.fromEntries(Object.entries(map).filter(([lang]) => published.has(lang.split('-')[0].toLowerCase())));
  return { ...ex, title: keep(ex.title), summary: keep(ex.summary), credits: keep(ex.credits), languages: ex.languages.filter((l) => l.published) };
}

/** Exhibitions on view that show a record (for the record's page), as the actor may read them. */
export async function exhibitionsShowing(store: Store, actor: Actor, recordId: string): Promise<Exhibition[]> {
  const all = await hydrate(store, await repo.publishedShowing(store.db, recordId, 20));
  return all.filter(isOnView).map((x) => forViewer(actor, x));
}

/** Everything the curators edit: chapters and items, approvals, events. Curators only. */
export async function getDraft(store: Store, actor: Actor, ref: string): Promise<ExhibitionDraft> {
  const ex = await getExhibition(store, actor, ref);
  requireCurator(actor, ex);
  return withContent(store, ex);
}

/** The exhibition with its content, for one who may see it (view assembly applies visibility to items). */
export async function withContent(store: Store, ex: Exhibition): Promise<ExhibitionDraft> {
  const [chapters, items, approvals, events] = await Promise.all([repo.chapters(store.db, ex.id), repo.items(store.db, ex.id), repo.approvals(store.db, ex.id), repo.events(store.db, [ex.id])]);
  return { ...ex, chapters: chapters.map((c) => toChapter(c, items)), approvals: approvals.map(toApproval), events: events.map(toEvent) };
}

/** Changes an exhibition's title, summary, credits, slug or cover (its curators). New title languages become draft versions. */
export async function updateExhibition(store: Store, actor: Actor, ref: string, input: ExhibitionInput): Promise<Exhibition> {
  const ex = await getExhibition(store, actor, ref);
  requireCurator(actor, ex);
  const problems: FieldProblem[] = [];
  const fields = cleanFields(input, problems);
  if (fields.title && !Object.keys(fields.title).length) problems.push({ field: 'title', message: 'is required in at least one language' });
  if (problems.length) throw validationError(problems, 'exhibition');
  if (fields.slug && fields.slug !== ex.slug) await assertSlugFree(store, fields.slug, ex.id);
  const now = nowIso();
  return inTransaction(store, async (trx) => {
    await repo.update(trx.db, ex.id, {
      ...(fields.title ? { title: JSON.stringify(fields.title) } : {}),
      ...(fields.summary ? { summary: JSON.stringify(fields.summary) } : {}),
      ...(fields.credits ? { credits: JSON.stringify(fields.credits) } : {}),
      ...(fields.slug ? { slug: fields.slug } : {}),
      ...(fields.coverRecordId !== undefined ? { cover_record_id: fields.coverRecordId } : {}),
      updated_at: now,
    });
    const known = new Set(ex.languages.map((l) => l.lang));
    for (const lang of languagesOf(fields.title ?? {})) if (!known.has(lang)) await repo.setLanguage(trx.db, ex.id, lang, false, now);
    return loadExhibition(trx, ex.id);
  });
}

/** Moves an exhibition through its workflow: submit (draft → review), return (review → draft), publish, unpublish. */
export async function changeStatus(store: Store, actor: Actor, ref: string, action: 'submit' | 'return' | 'publish' | 'unpublish'): Promise<Exhibition> {
  const ex = await getExhibition(store, actor, ref);
  requireCurator(actor, ex);
  const from: Record<typeof action, ExhibitionStatus[]> = { submit: ['draft', 'unpublished'], return: ['review'], publish: ['review', 'unpublished'], unpublish: ['published'] };
  const to: Record<typeof action, ExhibitionStatus> = { submit: 'review', return: 'draft', publish: 'published', unpublish: 'unpublished' };
  if (!from[action].includes(ex.status)) throw new AppError('CONFLICT', `An exhibition in ${ex.status} cannot be ${action === 'submit' ? 'submitted for review' : `${action}ed`}`, { problems: [{ field: 'status', message: `is ${ex.status}` }] });
  // Publishing is the lead institution's call (or the secretariat's): co-curators submit, the lead publishes.
  if (action === 'publish' && !can(actor, 'edit', { institutionId: ex.leadInstitutionId })) throw new AppError('FORBIDDEN', `Only curators of the lead institution ${ex.leadInstitutionId} may publish this exhibition`);
  if (action === 'publish' && !ex.languages.some((l) => l.published)) {
    throw new AppError('CONFLICT', 'Publish at least one language version before publishing the exhibition', { problems: [{ field: 'languages', message: 'none is published' }] });
  }
  const now = nowIso();
  await repo.update(store.db, ex.id, { status: to[action], updated_at: now, ...(action === 'publish' ? { published_at: now } : {}) });
  await audit(store.db, actor, [{ action: `exhibition.${action}`, targetType: 'exhibition', targetId: ex.id, institutionId: ex.leadInstitutionId, detail: { from: ex.status, to: to[action] } }]);
  return loadExhibition(store, ex.id);
}

/** Publishes or withdraws one language version; a version needs a title in its language to be published. */
export async function setLanguagePublished(store: Store, actor: Actor, ref: string, lang: string, published: boolean): Promise<Exhibition> {
  const ex = await getExhibition(store, actor, ref);
  requireCurator(actor, ex);
  if (!isUiLanguage(lang)) throw validationError([{ field: 'lang', message: `must be one of ${UI_LANGUAGES.join(', ')}` }], 'language version');
  if (published && !ex.title[lang]?.length) throw validationError([{ field: `title/${lang}`, message: 'is needed before this language version is published' }], 'language version');
  await repo.setLanguage(store.db, ex.id, lang, published, nowIso());
  await repo.update(store.db, ex.id, { updated_at: nowIso() });
  await audit(store.db, actor, [{ action: published ? 'exhibition.language.publish' : 'exhibition.language.withdraw', targetType: 'exhibition', targetId: ex.id, institutionId: ex.leadInstitutionId, detail: { lang } }]);
  return loadExhibition(store, ex.id);
}

/** Invites another institution to co-curate (curators of the exhibition). */
export async function addCurator(store: Store, actor: Actor, ref: string, institutionId: string): Promise<Exhibition> {
  const ex = await getExhibition(store, actor, ref);
  requireCurator(actor, ex);
  await getInstitution(store.db, institutionId).catch(() => {
    throw validationError([{ field: 'institutionId', message: `"${institutionId}" is not a member institution` }], 'curator');
  });
  if (ex.curators.includes(institutionId)) throw new AppError('ALREADY_EXISTS', `${institutionId} co-curates this exhibition already`, { problems: [{ field: 'institutionId', message: 'co-curates already' }] });
  await repo.addCurator(store.db, ex.id, institutionId, nowIso());
  return loadExhibition(store, ex.id);
}

/** Removes a co-curating institution (never the lead). */
export async function removeCurator(store: Store, actor: Actor, ref: string, institutionId: string): Promise<Exhibition> {
  const ex = await getExhibition(store, actor, ref);
  requireCurator(actor, ex);
  if (institutionId === ex.leadInstitutionId) throw new AppError('CONFLICT', 'The lead institution stays a curator', { problems: [{ field: 'institutionId', message: 'is the lead institution' }] });
  await repo.removeCurator(store.db, ex.id, institutionId);
  return loadExhibition(store, ex.id);
}

/** The language version to show: the one asked for if published (or, for curators, any), else the best published one. */
export function chooseLanguage(ex: Exhibition, wanted: string, preview: boolean): { lang: UiLanguage; exact: boolean } | null {
  const usable = ex.languages.filter((l) => l.published || preview).map((l) => l.lang);
  if (!usable.length) return null;
  if ((usable as string[]).includes(wanted)) return { lang: wanted as UiLanguage, exact: true };
  return { lang: usable.includes('en') ? 'en' : usable[0], exact: false };
}

export { curates, isOnView };

async function loadExhibition(store: Store, id: string): Promise<Exhibition> {
  const row = await repo.find(store.db, id);
  if (!row) throw exhibitionNotFound(id);
  return (await hydrate(store, [row]))[0];
}

async function hydrate(store: Store, rows: Awaited<ReturnType<typeof repo.find>>[]): Promise<Exhibition[]> {
  const list = rows.filter((r): r is NonNullable<typeof r> => !!r);
  const ids = list.map((r) => r.id);
  const [curators, languages] = await Promise.all([repo.curators(store.db, ids), repo.languages(store.db, ids)]);
  return list.map((r) =>
    toExhibition(
      r,
      curators.filter((c) => c.exhibition_id === r.id).map((c) => c.institution_id),
      languages.filter((l) => l.exhibition_id === r.id),
    ),
  );
}

function cleanFields(input: ExhibitionInput, problems: FieldProblem[]): ExhibitionInput {
  const out: ExhibitionInput = {};
  for (const key of ['title', 'summary', 'credits'] as const) {
    const map = input[key];
    if (map === undefined) continue;
    const clean = canonicalLangMap(map, key, problems);
    for (const [lang, values] of Object.entries(clean)) {
      if (values.some((v) => v.length > MAX_TEXT)) problems.push({ field: `${key}/${lang}`, message: `is longer than ${MAX_TEXT} characters` });
    }
    out[key] = clean;
  }
  if (input.slug !== undefined && input.slug !== '') {
    const slug = input.slug.trim().toLowerCase();
    if (!SLUG_REGEX.test(slug) || RESERVED_SLUGS.has(slug)) problems.push({ field: 'slug', message: 'must be lowercase letters, digits and hyphens (not approvals, new or calendar)' });
    else out.slug = slug;
  }
  if (input.coverRecordId !== undefined) {
    const cover = input.coverRecordId?.trim() || null;
    if (cover && !ID_REGEX.test(cover)) problems.push({ field: 'coverRecordId', message: 'is not a record id' });
    out.coverRecordId = cover;
  }
  return out;
}

function languagesOf(title: LangMap): UiLanguage[] {
  return [...new Set(Object.keys(title).map((t) => t.split('-')[0].toLowerCase()))].filter(isUiLanguage);
}

function firstTitle(title: LangMap): string {
  return title.en?.[0] ?? Object.values(title)[0]?.[0] ?? '';
}

/** A slug from a title: Latin letters and digits, the rest folded or dropped. */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/g, '');
}

async function freeSlug(store: Store, base: string): Promise<string> {
  const root = RESERVED_SLUGS.has(base) ? `${base}-exhibition` : base;
  for (let n = 1; n < 50; n++) {
    const slug = n === 1 ? root : `${root}-${n}`;
    if (!(await repo.findBySlug(store.db, slug))) return slug;
  }
  return `${root}-${newId('s').slice(2, 8)}`;
}

async function assertSlugFree(store: Store, slug: string, exceptId: string | null): Promise<void> {
  const other = await repo.findBySlug(store.db, slug);
  if (other && other.id !== exceptId) throw new AppError('ALREADY_EXISTS', `The address /exhibitions/${slug} is taken`, { problems: [{ field: 'slug', message: 'is taken' }] });
}

/** For a curator's editor: whether the actor curates. */
export function isCuratorOf(actor: Actor, ex: Exhibition): boolean {
  return curates(actor, ex);
}
