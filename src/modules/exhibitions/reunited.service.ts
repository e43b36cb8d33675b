import { AppError, validationError, type FieldProblem } from '../../shared/errors';
import { ID_REGEX, newId, nowIso } from '../../shared/ids';
import { canonicalLangMap } from '../../shared/lang-map-validate';
import type { Actor } from '../accounts/actor';
import { can } from '../accounts/policy';
import { audit } from '../audit/audit.service';
import { recordRepository } from '../records/record.repository';
import { isEdtf } from '../records/record.dates';
import { inTransaction, type Store } from '../records/record.store';
import { isVisibleUnder, visibilityRule } from '../records/record.visibility';
import { langMapOf } from './exhibition.mapper';
import type { FragmentRow, ReunitedWorkRow } from './exhibition.table';
import { reunitedRepository as repo } from './reunited.repository';
import type { DispersalEvent, Fragment, ReunitedInput, ReunitedWork } from './reunited.types';

const MAX_FRAGMENTS = 100;
const MAX_HISTORY = 50;

/** Gathers records as the fragments of one work (curators of the institution that records it). */
export async function createReunited(store: Store, actor: Actor, input: ReunitedInput): Promise<ReunitedWork> {
  const institutionId = input.institutionId ?? '';
  requireEditor(actor, institutionId);
  const clean = await cleanInput(store, actor, input, true);
  const id = newId('rw');
  const now = nowIso();
  await inTransaction(store, async (trx) => {
    await repo.insert(trx.db, {
      id,
      institution_id: institutionId,
      title: JSON.stringify(clean.title),
      summary: JSON.stringify(clean.summary ?? {}),
      history: JSON.stringify(clean.history ?? []),
      created_by: actor.kind === 'user' && actor.userId !== 'system' ? actor.userId : null,
      created_at: now,
      updated_at: now,
    });
    await repo.replaceFragments(trx.db, id, fragmentRows(id, clean.fragments!));
    await audit(trx.db, actor, [{ action: 'reunited.create', targetType: 'reunited_work', targetId: id, institutionId, detail: { fragments: clean.fragments!.length } }]);
  });
  return getReunited(store, actor, id);
}

/** Changes a reunited work; fragments given replace the list of those the actor sees (curators of its institution). */
export async function updateReunited(store: Store, actor: Actor, id: string, input: ReunitedInput): Promise<ReunitedWork> {
  const row = await repo.find(store.db, id);
  if (!row) throw notFound(id);
  requireEditor(actor, row.institution_id);
  const clean = await cleanInput(store, actor, input, false);
  await inTransaction(store, async (trx) => {
    await repo.update(trx.db, id, {
      ...(clean.title ? { title: JSON.stringify(clean.title) } : {}),
      ...(clean.summary ? { summary: JSON.stringify(clean.summary) } : {}),
      ...(clean.history ? { history: JSON.stringify(clean.history) } : {}),
      updated_at: nowIso(),
    });
    if (clean.fragments) {
      // Fragments the editor may not see are not theirs to drop: they stay, after the ones given.
      const seen = new Set((await getReunited(trx, actor, id)).fragments.map((f) => f.recordId));
      const given = new Set(clean.fragments.map((f) => f.recordId));
      const hidden = (await repo.fragments(trx.db, [id])).filter((f) => !seen.has(f.record_id) && !given.has(f.record_id)).map((f) => ({ recordId: f.record_id, imageService: f.image_service, width: f.width, height: f.height }));
      await repo.replaceFragments(trx.db, id, fragmentRows(id, [...clean.fragments, ...hidden]));
    }
  });
  return getReunited(store, actor, id);
}

/** Deletes a reunited work (the records stay as they are). */
export async function deleteReunited(store: Store, actor: Actor, id: string): Promise<void> {
  const row = await repo.find(store.db, id);
  if (!row) throw notFound(id);
  requireEditor(actor, row.institution_id);
  await repo.delete(store.db, id);
  await audit(store.db, actor, [{ action: 'reunited.delete', targetType: 'reunited_work', targetId: id, institutionId: row.institution_id }]);
}

/** A reunited work with the fragments the actor may see (the work itself is public; hidden fragments are absent). */
export async function getReunited(store: Store, actor: Actor, id: string): Promise<ReunitedWork> {
  const row = ID_REGEX.test(id) ? await repo.find(store.db, id) : undefined;
  if (!row) throw notFound(id);
  const [work] = await hydrate(store, actor, [row]);
  return work;
}

/** Every reunited work, with the fragments the actor may see. */
export async function listReunited(store: Store, actor: Actor): Promise<ReunitedWork[]> {
  return hydrate(store, actor, await repo.list(store.db, 500));
}

/** The reunited works a record is a fragment of (for its page), as the actor sees them. */
export async function reunitedContaining(store: Store, actor: Actor, recordId: string): Promise<ReunitedWork[]> {
  return hydrate(store, actor, await repo.containing(store.db, recordId, 20));
}

/** True when the actor may change the work. */
export function mayEditReunited(actor: Actor, work: Pick<ReunitedWork, 'institutionId'>): boolean {
  return can(actor, 'edit', { institutionId: work.institutionId });
}

async function hydrate(store: Store, actor: Actor, rows: ReunitedWorkRow[]): Promise<ReunitedWork[]> {
  const fragments = await repo.fragments(store.db, rows.map((r) => r.id));
  const records = await recordRepository.findByIds(store.db, [...new Set(fragments.map((f) => f.record_id))]);
  const rule = visibilityRule(actor);
  const visible = new Set(records.filter((r) => isVisibleUnder(rule, { deleted: r.deleted_at !== null, visibility: r.visibility, embargoUntil: r.embargo_until, institutionId: r.institution_id })).map((r) => r.id));
  return rows.map((r) => ({
    id: r.id,
    institutionId: r.institution_id,
    title: langMapOf(r.title),
    summary: langMapOf(r.summary),
    history: parseHistory(r.history),
    fragments: fragments.filter((f) => f.work_id === r.id && visible.has(f.record_id)).map(toFragment),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }));
}

async function cleanInput(store: Store, actor: Actor, input: ReunitedInput, creating: boolean): Promise<ReunitedInput> {
  const problems: FieldProblem[] = [];
  const out: ReunitedInput = {};
  if (input.title !== undefined || creating) {
    out.title = canonicalLangMap(input.title ?? {}, 'title', problems);
    if (!Object.keys(out.title).length) problems.push({ field: 'title', message: 'is required in at least one language' });
  }
  if (input.summary !== undefined) out.summary = canonicalLangMap(input.summary, 'summary', problems);
  if (input.history !== undefined) {
    if (input.history.length > MAX_HISTORY) problems.push({ field: 'history', message: `has more than ${MAX_HISTORY} events` });
    out.history = input.history.slice(0, MAX_HISTORY).map((h, i) => {
      const date = (h.date ?? '').trim();
      if (!isEdtf(date)) problems.push({ field: `history/${i}/date`, message: `"${date}" is not an EDTF date (e.g. 1907, 1900/1910, 0868-05-11)` });
      const place = (h.place ?? '').trim();
      if (!place || place.length > 200) problems.push({ field: `history/${i}/place`, message: 'is required (at most 200 characters)' });
      const lat = h.lat ?? null;
      const lon = h.lon ?? null;
      if ((lat === null) !== (lon === null)) problems.push({ field: `history/${i}/lat`, message: 'needs both latitude and longitude' });
      return { date, place, lat, lon, note: canonicalLangMap(h.note ?? {}, `history/${i}/note`, problems) };
    });
  }
  if (input.fragments !== undefined || creating) {
    const list = input.fragments ?? [];
    if (list.length < 2) problems.push({ field: 'fragments', message: 'a reunited work gathers at least two records' });
    if (list.length > MAX_FRAGMENTS) problems.push({ field: 'fragments', message: `at most ${MAX_FRAGMENTS}` });
    const seen = new Set<string>();
    for (const [i, f] of list.entries()) {
      const recordId = (f.recordId ?? '').trim();
      const row = ID_REGEX.test(recordId) ? await recordRepository.findVisible(store.db, actor, recordId) : undefined;
      if (!row) problems.push({ field: `fragments/${i}/recordId`, message: `"${recordId}" is not a record you can see` });
      if (seen.has(recordId)) problems.push({ field: `fragments/${i}/recordId`, message: 'is listed twice' });
      seen.add(recordId);
      const service = f.imageService?.trim().replace(/\/+$/, '') || null;
      if (service) {
        if (!/^https:\/\/[^\s?#]+$/i.test(service) || /\/info\.json$/i.test(service)) problems.push({ field: `fragments/${i}/imageService`, message: 'must be the https base URL of a IIIF Image API service (without /info.json)' });
        for (const k of ['width', 'height'] as const) {
          const v = f[k];
          if (!Number.isInteger(v) || (v as number) < 1 || (v as number) > 1_000_000) problems.push({ field: `fragments/${i}/${k}`, message: 'is required with an image service (pixels)' });
        }
      }
    }
    out.fragments = list.map((f) => {
      const service = f.imageService?.trim().replace(/\/+$/, '') || null;
      return { recordId: f.recordId.trim(), imageService: service, width: service ? (f.width ?? null) : null, height: service ? (f.height ?? null) : null };
    });
  }
  if (problems.length) throw validationError(problems, 'reunited work');
  return out;
}

function fragmentRows(workId: string, fragments: NonNullable<ReunitedInput['fragments']>) {
  return fragments.map((f, i) => ({ work_id: workId, record_id: f.recordId, position: i + 1, image_service: f.imageService ?? null, width: f.width ?? null, height: f.height ?? null }));
}

function toFragment(f: FragmentRow): Fragment {
  return { recordId: f.record_id, position: Number(f.position), imageService: f.image_service, width: f.width === null ? null : Number(f.width), height: f.height === null ? null : Number(f.height) };
}

function parseHistory(json: string): DispersalEvent[] {
  try {
    const v = JSON.parse(json);
    return Array.isArray(v) ? (v as DispersalEvent[]) : [];
  } catch {
    return [];
  }
}

function requireEditor(actor: Actor, institutionId: string): void {
  if (actor.kind !== 'user') throw new AppError('UNAUTHENTICATED', 'Sign in to gather a reunited work');
  if (!can(actor, 'edit', { institutionId })) throw new AppError('FORBIDDEN', `Only curators of ${institutionId || 'an institution'} may do this`, { problems: [{ field: 'institutionId', message: 'is not an institution whose records you edit' }] });
}

function notFound(id: string): AppError {
  return new AppError('NOT_FOUND', `No reunited work "${id}"`);
}
