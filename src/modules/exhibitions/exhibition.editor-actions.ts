import type { LangMap } from '../../shared/lang-map';
import type { Actor } from '../accounts/actor';
import type { Store } from '../records/record.store';
import { addChapter, addEvent, addItem, deleteChapter, moveChapter, removeEvent, removeItem, updateChapter } from './exhibition.content';
import { addCurator, changeStatus, getDraft, removeCurator, setLanguagePublished, updateExhibition } from './exhibition.service';

type Params = { id: string; sub?: string };
type Values = Record<string, string>;
/** What an editor form does: its path under /exhibitions/:id/edit, the name of its form (for errors), and the work; returns the anchor to come back to. */
export type EditorAction = [path: string, form: string | ((params: Params, values: Values) => string), run: (actor: Actor, params: Params, values: Values, lang: string) => Promise<string | null>];

/** The editor's forms, each a thin call of one service function with the edited language's texts. */
export function editorActions(store: Store): EditorAction[] {
  const one = (lang: string, text: string | undefined): LangMap => ({ [lang]: text?.trim() ? [text.trim()] : [] });
  return [
    [
      '/details',
      'details',
      async (actor, { id }, v, lang) => {
        const ex = await getDraft(store, actor, id);
        const set = (map: LangMap, values: string[]) => {
          const out = { ...map };
          if (values.length) out[lang] = values;
          else delete out[lang];
          return out;
        };
        const paragraphs = (s: string | undefined) => (s ?? '').split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
        await updateExhibition(store, actor, id, {
          title: set(ex.title, v.title?.trim() ? [v.title.trim()] : []),
          summary: set(ex.summary, v.summary?.trim() ? [v.summary.trim()] : []),
          credits: set(ex.credits, paragraphs(v.credits)),
          slug: v.slug ?? ex.slug,
          coverRecordId: v.coverRecordId ?? null,
        });
        return 'details';
      },
    ],
    ['/status', 'status', async (actor, { id }, v) => (await changeStatus(store, actor, id, v.action as 'submit'), 'ed-workflow')],
    ['/language', 'language', async (actor, { id }, v) => (await setLanguagePublished(store, actor, id, v.lang ?? '', v.published === '1'), 'ed-workflow')],
    ['/curators', 'curators', async (actor, { id }, v) => (await addCurator(store, actor, id, v.institutionId ?? ''), 'curators')],
    ['/curators/remove', 'curators', async (actor, { id }, v) => (await removeCurator(store, actor, id, v.institutionId ?? ''), 'curators')],
    ['/chapters', 'chapter-new', async (actor, { id }, v, lang) => (await addChapter(store, actor, id, { title: one(lang, v.title), layout: v.layout, body: one(lang, v.body) }), 'chapters')],
    ['/chapters/:sub', (p) => `chapter-${p.sub}`, async (actor, { id, sub }, v, lang) => (await updateChapter(store, actor, id, sub!, { title: one(lang, v.title), layout: v.layout, body: one(lang, v.body) }), `chapter-${sub}`)],
    ['/chapters/:sub/move', (p) => `chapter-${p.sub}`, async (actor, { id, sub }, v) => (await moveChapter(store, actor, id, sub!, v.direction === 'up' ? 'up' : 'down'), `chapter-${sub}`)],
    ['/chapters/:sub/delete', (p) => `chapter-${p.sub}`, async (actor, { id, sub }) => (await deleteChapter(store, actor, id, sub!), 'chapters')],
    [
      '/items',
      (_p, v) => `item-${v.chapterId}`,
      async (actor, { id }, v, lang) => {
        await addItem(store, actor, id, { chapterId: v.chapterId ?? '', recordId: v.recordId ?? '', mediaId: v.mediaId || null, region: v.region || null, caption: v.caption?.trim() ? { [lang]: [v.caption.trim()] } : {} });
        return `chapter-${v.chapterId}`;
      },
    ],
    ['/items/:sub/delete', 'items', async (actor, { id, sub }) => (await removeItem(store, actor, id, sub!), 'chapters')],
    [
      '/events',
      'event',
      async (actor, { id }, v, lang) => {
        const utc = (s: string | undefined) => (s?.trim() ? (/[zZ]|[+-]\d{2}:?\d{2}$/.test(s.trim()) ? s.trim() : `${s.trim()}Z`) : null);
        await addEvent(store, actor, id, { kind: v.kind ?? '', title: v.title?.trim() ? { [lang]: [v.title.trim()] } : {}, startsAt: utc(v.startsAt) ?? '', endsAt: utc(v.endsAt), url: v.url || null });
        return 'events';
      },
    ],
    ['/events/:sub/delete', 'event', async (actor, { id, sub }) => (await removeEvent(store, actor, id, sub!), 'events')],
  ];
}
