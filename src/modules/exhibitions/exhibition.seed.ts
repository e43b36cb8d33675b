import { SYSTEM_ACTOR } from '../accounts/actor';
import type { DemoSeed } from '../demo/demo.seeds';
import type { DemoDataset } from '../demo/demo.dataset';
import { recordRepository } from '../records/record.repository';
import type { Store } from '../records/record.store';
import { addChapter, addEvent, addItem } from './exhibition.content';
import { exhibitionRepository } from './exhibition.repository';
import { addCurator, changeStatus, createExhibition, setLanguagePublished } from './exhibition.service';
import { createReunited, listReunited } from './reunited.service';

const SLUG = 'pride-and-prejudice-around-the-world';
const WORK_TITLE = 'The Analects in twenty books (demo)';
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/**
 * The demo's exhibition — a novel's journey through translations, co-curated by three demo
 * libraries, published in English and Chinese with its French version still a draft, with a live
 * opening — and one reunited work with the history of its text. Idempotent: skipped when present.
 */
export const exhibitionDemoSeed: DemoSeed = {
  name: 'exhibitions',
  async run(store: Store, dataset: DemoDataset) {
    const institutions = new Set(dataset.institutions.map((i) => i.id));
    const lead = 'demo-samarkand-library';
    const partners = ['demo-kyoto-university-library', 'demo-silk-road-classics-library'].filter((i) => institutions.has(i));
    if (!institutions.has(lead)) return;
    const present = new Set((await recordRepository.findByIds(store.db, [...AUSTEN, ...ASIA, ...ANALECTS])).filter((r) => !r.deleted_at).map((r) => r.id));
    if (!(await exhibitionRepository.findBySlug(store.db, SLUG))) await seedExhibition(store, lead, partners, present);
    const fragments = ANALECTS.filter((id) => present.has(id));
    if (fragments.length >= 2 && institutions.has('demo-silk-road-classics-library') && !(await listReunited(store, SYSTEM_ACTOR)).some((w) => w.title.en?.[0] === WORK_TITLE)) {
      await createReunited(store, SYSTEM_ACTOR, {
        institutionId: 'demo-silk-road-classics-library',
        title: { en: [WORK_TITLE], zh: ['二十篇《论语》（演示）'], fr: ['Les Entretiens en vingt livres (démo)'] },
        summary: {
          en: ['The sayings of Confucius and his disciples, in twenty books. Catalogued here book by book, they are brought together again as one work, with the places where the text was compiled, carved in stone and found again.'],
          zh: ['孔子及其弟子的言行，共二十篇。本馆逐篇著录，在此重新汇为一部作品，并标出此书编纂、刻石与重见天日之处。'],
        },
        history: [
          { date: '-0478/-0221', place: 'Qufu (Lu)', lat: 35.6, lon: 116.99, note: { en: ['The disciples of Confucius and their students compile his sayings.'], zh: ['孔子弟子及再传弟子编纂其言行。'] } },
          { date: '0175/0183', place: 'Luoyang', lat: 34.62, lon: 112.45, note: { en: ['The Analects are carved in the Xiping Stone Classics at the imperial academy.'], zh: ['《论语》刻入太学熹平石经。'] } },
          { date: '1900', place: 'Dunhuang', lat: 40.04, lon: 94.81, note: { en: ['Manuscript copies of the Analects are found in the library cave.'], zh: ['藏经洞中发现《论语》写本。'] } },
        ],
        fragments: fragments.map((recordId) => ({ recordId })),
      });
    }
  },
};

async function seedExhibition(store: Store, lead: string, partners: string[], present: Set<string>): Promise<void> {
  const ex = await createExhibition(store, SYSTEM_ACTOR, {
    institutionId: lead,
    slug: SLUG,
    title: { en: ['Pride and Prejudice around the world (demo)'], zh: ['《傲慢与偏见》环游世界（演示）'], fr: ['Orgueil et préjugés autour du monde (démo)'] },
    summary: {
      en: ['How one English novel of 1813 travelled: editions, translations and readings held by three libraries of the alliance.'],
      zh: ['一部1813年的英国小说如何远行：联盟三家图书馆收藏的版本、译本与解读。'],
      fr: ['Comment un roman anglais de 1813 a voyagé\u00a0: éditions, traductions et lectures conservées par trois bibliothèques de l’alliance.'],
    },
    credits: { en: ['Curated by the Samarkand, Kyoto and Silk Road Classics demo libraries.'], zh: ['由撒马尔罕、京都与丝路典籍三家演示图书馆共同策展。'] },
  });
  for (const p of partners) await addCurator(store, SYSTEM_ACTOR, ex.id, p);
  const chapters: { title: Record<string, string[]>; body: Record<string, string[]>; layout: string; records: string[] }[] = [
    {
      title: { en: ['In English'], zh: ['英文原著'] },
      body: {
        en: ['*Pride and Prejudice* appeared in London in **1813**. Its many English editions — single volumes, collected novels, student texts — show how a book stays in print for two centuries.'],
        zh: ['《傲慢与偏见》于**1813年**在伦敦出版。众多英文版本——单行本、全集与学生读本——见证了一部书两百年来不断重印。'],
      },
      layout: 'text-image',
      records: AUSTEN,
    },
    {
      title: { en: ['Translations across Asia'], zh: ['亚洲各地的译本'] },
      body: { en: ['Chinese, Korean and Japanese readers met Elizabeth Bennet in their own languages, sometimes twice, in rival translations.'], zh: ['中文、韩文与日文读者以各自的语言结识伊丽莎白·班内特，有时还有相互竞争的两种译本。'] },
      layout: 'timeline',
      records: ASIA,
    },
    {
      title: { en: ['Older travellers'], zh: ['更早的远行者'] },
      body: { en: ['Long before novels, classics crossed the same roads. The Analects, catalogued here book by book, are also gathered as one reunited work.'], zh: ['早在小说之前，经典已沿同样的道路流传。'] },
      layout: 'grid',
      records: ANALECTS.slice(0, 3),
    },
  ];
  for (const c of chapters) {
    const draft = await addChapter(store, SYSTEM_ACTOR, ex.id, { title: c.title, body: c.body, layout: c.layout });
    const chapterId = draft.chapters.at(-1)!.id;
    for (const recordId of c.records.filter((r) => present.has(r))) await addItem(store, SYSTEM_ACTOR, ex.id, { chapterId, recordId });
  }
  await addEvent(store, SYSTEM_ACTOR, ex.id, { kind: 'live-stream', title: { en: ['Online opening with the curators'], zh: ['与策展人一起的线上开幕'] }, startsAt: `${day(21)}T10:00:00Z`, endsAt: `${day(21)}T11:00:00Z`, url: 'https://example.org/live/pride-and-prejudice' });
  await addEvent(store, SYSTEM_ACTOR, ex.id, { kind: 'guided-tour', title: { en: ['Guided tour in Chinese'], zh: ['中文导览'] }, startsAt: `${day(28)}T08:00:00Z` });
  await setLanguagePublished(store, SYSTEM_ACTOR, ex.id, 'en', true);
  await setLanguagePublished(store, SYSTEM_ACTOR, ex.id, 'zh', true);
  await changeStatus(store, SYSTEM_ACTOR, ex.id, 'submit');
  await changeStatus(store, SYSTEM_ACTOR, ex.id, 'publish');
}

const AUSTEN = ['demo-marc-002', 'demo-marc-001', 'demo-marc-003', 'demo-marc-007'];
const ASIA = ['demo-marc-313', 'demo-marc-318', 'demo-marc-338', 'demo-marc-364', 'demo-marc-378'];
const ANALECTS = ['demo-classics-lunyu-01', 'demo-classics-lunyu-02', 'demo-classics-lunyu-03', 'demo-classics-lunyu-04'];
