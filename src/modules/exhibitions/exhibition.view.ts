import type { UiLanguage } from '../../shared/lang-map';
import type { Actor } from '../accounts/actor';
import { getInstitution } from '../institutions/institution.service';
import type { Institution } from '../institutions/institution.schema';
import { listRecordMedia } from '../media/media.service';
import type { Media } from '../media/media.schema';
import { toRecord } from '../records/record.mapper';
import { recordRepository } from '../records/record.repository';
import type { HeritageRecord } from '../records/record.schema';
import type { Store } from '../records/record.store';
import { isVisibleUnder, visibilityRule } from '../records/record.visibility';
import type { RecordRow } from '../records/record.table';
import { curates, isOnView } from './exhibition.access';
import { chooseLanguage, getExhibition, listExhibitions, withContent } from './exhibition.service';
import type { Chapter, Exhibition, ExhibitionDraft, ExhibitionItem } from './exhibition.types';

/** One item as a viewer sees it: `full` (the record is visible to them) or `entry` (its holder approved showing its catalogue entry). */
export interface ViewItem {
  item: ExhibitionItem;
  record: HeritageRecord;
  access: 'full' | 'entry';
  /** The image to show (visible to the viewer and ready), or null. */
  image: Media | null;
  lat: number | null;
  lon: number | null;
  yearFrom: number | null;
  yearTo: number | null;
}

export interface ViewChapter extends Omit<Chapter, 'items'> {
  items: ViewItem[];
}

/** An exhibition as one viewer sees it, in one language version. */
export interface ExhibitionView {
  exhibition: ExhibitionDraft;
  chapters: ViewChapter[];
  /** The language version shown, and whether it is the one asked for. */
  lang: UiLanguage;
  exact: boolean;
  /** A curator looking at an exhibition or language version not on view. */
  preview: boolean;
  institutions: Map<string, Institution>;
  cover: ViewItem | null;
}

/**
 * Assembles an exhibition for a viewer. Visibility is applied now, item by item: a record shows in
 * full when the viewer may see it; otherwise only when its holder granted its use (then as a
 * catalogue entry, without images); deleted records and everything else are left out, as if never
 * placed. Curators preview drafts and unpublished language versions.
 */
export async function viewExhibition(store: Store, actor: Actor, ref: string, wanted: string, publicUrl: string): Promise<ExhibitionView | null> {
  const ex = await withContent(store, await getExhibition(store, actor, ref));
  const curator = curates(actor, ex);
  const onView = ex.status === 'published';
  const chosen = chooseLanguage(ex, wanted, curator) ?? (curator ? { lang: 'en' as UiLanguage, exact: false } : null);
  if (!chosen) return null;
  const preview = curator && (!onView || !ex.languages.some((l) => l.lang === chosen.lang && l.published));
  const rows = await recordRepository.findByIds(store.db, [...new Set([...ex.chapters.flatMap((c) => c.items.map((i) => i.recordId)), ...(ex.coverRecordId ? [ex.coverRecordId] : [])])]);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const granted = new Set(ex.approvals.filter((a) => a.status === 'granted').map((a) => a.recordId));
  const rule = visibilityRule(actor);
  const mediaCache = new Map<string, Promise<Media[]>>();
  const resolve = async (item: ExhibitionItem): Promise<ViewItem | null> => {
    const row = byId.get(item.recordId);
    if (!row || row.deleted_at) return null;
    const visible = isVisibleUnder(rule, { deleted: false, visibility: row.visibility, embargoUntil: row.embargo_until, institutionId: row.institution_id });
    if (!visible && !granted.has(row.id)) return null;
    let image: Media | null = null;
    if (visible) {
      if (!mediaCache.has(row.id)) mediaCache.set(row.id, listRecordMedia(store, actor, row.id, publicUrl).catch(() => []));
      const ready = (await mediaCache.get(row.id)!).filter((m) => m.status === 'ready');
      image = (item.mediaId ? ready.find((m) => m.id === item.mediaId) : ready[0]) ?? null;
    }
    return { item, record: toRecord(row), access: visible ? 'full' : 'entry', image, ...placeOf(row) };
  };
  const chapters: ViewChapter[] = [];
  for (const c of ex.chapters) {
    const items = (await Promise.all(c.items.map(resolve))).filter((x): x is ViewItem => x !== null);
    chapters.push({ ...c, items });
  }
  const coverItem = ex.coverRecordId ? await resolve({ id: 'cover', chapterId: '', position: 0, recordId: ex.coverRecordId, mediaId: null, region: null, caption: {} }) : null;
  const cover = coverItem?.image ? coverItem : (chapters.flatMap((c) => c.items).find((i) => i.image) ?? null);
  const institutions = new Map<string, Institution>();
  const holderIds = new Set([...ex.curators, ...chapters.flatMap((c) => c.items.map((i) => i.record.institutionId))]);
  await Promise.all([...holderIds].map(async (id) => {
    const inst = await getInstitution(store.db, id).catch(() => null);
    if (inst) institutions.set(id, inst);
  }));
  return { exhibition: ex, chapters, lang: chosen.lang, exact: chosen.exact, preview, institutions, cover };
}

function placeOf(row: RecordRow) {
  return { lat: row.lat ?? null, lon: row.lon ?? null, yearFrom: row.year_from ?? null, yearTo: row.year_to ?? null };
}

/** An exhibition on view as a card shows it: the language version the visitor gets, and its cover. */
export interface ExhibitionCardData {
  exhibition: Exhibition;
  lang: string;
  cover: ViewItem | null;
}

/** The cards of exhibitions on view, in the visitor's language where published (the index and the home page). */
export async function exhibitionCards(store: Store, actor: Actor, onView: Exhibition[], lang: string, publicUrl: string): Promise<ExhibitionCardData[]> {
  const cards: ExhibitionCardData[] = [];
  for (const x of onView) {
    const view = await viewExhibition(store, actor, x.id, lang, publicUrl);
    if (view && !view.preview) cards.push({ exhibition: x, lang: view.lang, cover: view.cover });
  }
  return cards;
}

/** Up to `limit` exhibitions on view, the newest first, as cards (the home page's featured exhibitions). */
export async function featuredExhibitions(store: Store, actor: Actor, lang: string, publicUrl: string, limit = 3): Promise<ExhibitionCardData[]> {
  const onView = (await listExhibitions(store, actor)).filter(isOnView);
  return exhibitionCards(store, actor, onView.slice(0, limit), lang, publicUrl);
}
