import type { LangMap, UiLanguage } from '../../shared/lang-map';
import type { Approval, Chapter, Exhibition, ExhibitionEvent, ExhibitionItem, ExhibitionStatus, EventKind, Layout } from './exhibition.types';
import type { ApprovalRow, ChapterRow, EventRow, ExhibitionRow, ItemRow } from './exhibition.table';

/** A language map from its JSON column (an empty map when unreadable). */
export function langMapOf(json: string | null): LangMap {
  if (!json) return {};
  try {
    const v = JSON.parse(json);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as LangMap) : {};
  } catch {
    return {};
  }
}

export function toExhibition(row: ExhibitionRow, curators: string[], languages: { lang: string; published: boolean; published_at: string | null }[]): Exhibition {
  const lead = row.lead_institution_id;
  return {
    id: row.id,
    slug: row.slug,
    leadInstitutionId: lead,
    status: row.status as ExhibitionStatus,
    title: langMapOf(row.title),
    summary: langMapOf(row.summary),
    credits: langMapOf(row.credits),
    coverRecordId: row.cover_record_id,
    curators: [lead, ...curators.filter((c) => c !== lead)],
    languages: languages.map((l) => ({ lang: l.lang as UiLanguage, published: l.published, publishedAt: l.published_at })),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    publishedAt: row.published_at,
  };
}

export function toItem(row: ItemRow): ExhibitionItem {
  return { id: row.id, chapterId: row.chapter_id, position: Number(row.position), recordId: row.record_id, mediaId: row.media_id, region: row.region, caption: langMapOf(row.caption) };
}

export function toChapter(row: ChapterRow, items: ItemRow[]): Chapter {
  return {
    id: row.id,
    position: Number(row.position),
    layout: row.layout as Layout,
    title: langMapOf(row.title),
    body: langMapOf(row.body),
    items: items.filter((i) => i.chapter_id === row.id).map(toItem),
  };
}

export function toApproval(row: ApprovalRow): Approval {
  return {
    exhibitionId: row.exhibition_id,
    recordId: row.record_id,
    institutionId: row.institution_id,
    status: row.status,
    requestedBy: row.requested_by,
    requestedAt: row.requested_at,
    decidedBy: row.decided_by,
    decidedAt: row.decided_at,
    note: row.note,
  };
}

export function toEvent(row: EventRow): ExhibitionEvent {
  return { id: row.id, exhibitionId: row.exhibition_id, kind: row.kind as EventKind, title: langMapOf(row.title), startsAt: row.starts_at, endsAt: row.ends_at, url: row.url };
}
