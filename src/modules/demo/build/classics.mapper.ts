import type { RecordInput } from '../../records/record.schema';
import { DEMO_SOURCE_SYSTEM } from '../demo.dataset';

/** A chapter of a text as the chinese-poetry dataset publishes it. */
export interface ClassicsChapter {
  chapter: string;
  paragraphs: string[];
}

/** A poem of the Book of Songs as the chinese-poetry dataset publishes it. */
export interface ShijingPoem {
  title: string;
  chapter: string;
  section: string;
  content: string[];
}

export interface ClassicsSources {
  lunyu: ClassicsChapter[];
  shijing: ShijingPoem[];
  mengzi: ClassicsChapter[];
  daxue: ClassicsChapter;
  zhongyong: ClassicsChapter;
}

const PUBLIC_DOMAIN = 'https://creativecommons.org/publicdomain/mark/1.0/';
const DESCRIPTION_CHARS = 600;

// Periods of composition as commonly dated; the Book of Songs' range is the dataset's own note.
const WARRING_STATES = { display: '战国（前475年—前221年）', edtf: '-0474/-0220' };
const SHIJING_DATE = { display: '西周初年至春秋中叶（前11世纪至前6世纪）', edtf: '-1099/-0500' };

const NOTE = {
  en: ['Demo record: the text is transcribed in the chinese-poetry open dataset (MIT licence); no physical copy is described.'],
  'zh-Hans': ['演示记录：文本取自 chinese-poetry 开放数据集（MIT 许可），不描述任何实体藏本。'],
};
const CONFUCIAN_CLASSICS = { label: { 'zh-Hans': ['儒家经典'], en: ['Confucian classics'] } };
const FOUR_BOOKS = { label: { 'zh-Hans': ['四书'], en: ['Four Books'] } };
const FIVE_CLASSICS = { label: { 'zh-Hans': ['五经'], en: ['Five Classics'] } };

/**
 * The classical Chinese texts as records of one institution: a record for each work and one for
 * each of its books (the Analects' 20 books, the Mengzi's 14 chapters, the 305 poems of the Book
 * of Songs), each book `partOf` its work. Titles keep the dataset's script (simplified for the
 * Analects and the Book of Songs, traditional for the others); descriptions are opening passages.
 */
export function classicsToRecords(src: ClassicsSources, institutionId: string): RecordInput[] {
  const base = (id: string, extra: Omit<RecordInput, 'id' | 'institutionId' | 'kind'>): RecordInput => ({
    id: `demo-classics-${id}`,
    institutionId,
    kind: 'rare-book',
    ...extra,
    languages: ['lzh'],
    notes: NOTE,
    rights: PUBLIC_DOMAIN,
    visibility: 'public',
    source: { kind: 'demo', system: DEMO_SOURCE_SYSTEM, identifier: `chinese-classics:${id}` },
  });
  const partOf = (id: string) => [{ type: 'partOf' as const, target: `demo-classics-${id}` }];
  const out: RecordInput[] = [];

  out.push(
    base('lunyu', {
      title: { 'zh-Hans': ['论语'], en: ['The Analects'] },
      description: { 'zh-Hans': [opening(src.lunyu[0].paragraphs)] },
      agents: [{ name: { 'zh-Hans': ['孔子弟子及再传弟子'], en: ["Confucius' disciples and their students"] }, role: 'compiler' }],
      date: WARRING_STATES,
      subjects: [CONFUCIAN_CLASSICS, FOUR_BOOKS],
    }),
  );
  src.lunyu.forEach((c, i) =>
    out.push(
      base(`lunyu-${pad(i + 1, 2)}`, {
        title: { 'zh-Hans': [`论语·${c.chapter}`], en: [`The Analects, Book ${i + 1}`] },
        description: { 'zh-Hans': [opening(c.paragraphs)] },
        date: WARRING_STATES,
        subjects: [CONFUCIAN_CLASSICS, FOUR_BOOKS],
        relations: partOf('lunyu'),
      }),
    ),
  );

  out.push(
    base('shijing', {
      title: { 'zh-Hans': ['诗经'], en: ['The Book of Songs (Shijing)'] },
      description: { 'zh-Hans': [opening(src.shijing[0].content)] },
      date: SHIJING_DATE,
      subjects: [CONFUCIAN_CLASSICS, FIVE_CLASSICS, { label: { 'zh-Hans': ['诗歌'], en: ['poetry'] } }],
    }),
  );
  src.shijing.forEach((p, i) =>
    out.push(
      base(`shijing-${pad(i + 1, 3)}`, {
        title: { 'zh-Hans': [`诗经·${p.chapter === '国风' ? p.section : p.chapter}·${p.title}`] },
        description: { 'zh-Hans': [opening(p.content)] },
        date: SHIJING_DATE,
        subjects: [{ label: { 'zh-Hans': [p.chapter] } }, { label: { 'zh-Hans': [p.section] } }, { label: { 'zh-Hans': ['诗歌'], en: ['poetry'] } }],
        relations: partOf('shijing'),
      }),
    ),
  );

  const mencius = [{ name: { 'zh-Hant': ['孟子'], en: ['Mencius'] }, role: 'attributed to' }];
  out.push(
    base('mengzi', {
      title: { 'zh-Hant': ['孟子'], en: ['Mencius (Mengzi)'] },
      description: { 'zh-Hant': [opening(src.mengzi[0].paragraphs)] },
      agents: mencius,
      date: WARRING_STATES,
      subjects: [CONFUCIAN_CLASSICS, FOUR_BOOKS],
    }),
  );
  src.mengzi.forEach((c, i) =>
    out.push(
      base(`mengzi-${pad(i + 1, 2)}`, {
        title: { 'zh-Hant': [`孟子·${c.chapter}`], en: [`Mencius, Part ${i + 1}`] },
        description: { 'zh-Hant': [opening(c.paragraphs)] },
        agents: mencius,
        date: WARRING_STATES,
        subjects: [CONFUCIAN_CLASSICS, FOUR_BOOKS],
        relations: partOf('mengzi'),
      }),
    ),
  );

  out.push(
    base('daxue', {
      title: { 'zh-Hant': [src.daxue.chapter], en: ['The Great Learning (Daxue)'] },
      description: { 'zh-Hant': [opening(src.daxue.paragraphs)] },
      subjects: [CONFUCIAN_CLASSICS, FOUR_BOOKS],
    }),
  );
  out.push(
    base('zhongyong', {
      title: { 'zh-Hant': [src.zhongyong.chapter], en: ['The Doctrine of the Mean (Zhongyong)'] },
      description: { 'zh-Hant': [opening(src.zhongyong.paragraphs)] },
      subjects: [CONFUCIAN_CLASSICS, FOUR_BOOKS],
    }),
  );
  return out;
}

/** The opening paragraphs of a text, whole paragraphs up to about 600 characters (at least the first, cut if longer). */
export function opening(paragraphs: string[]): string {
  const kept: string[] = [];
  let length = 0;
  for (const p of paragraphs.map((x) => x.trim()).filter(Boolean)) {
    if (kept.length && length + p.length > DESCRIPTION_CHARS) break;
    kept.push(p);
    length += p.length;
  }
  const text = kept.join('\n');
  return text.length > DESCRIPTION_CHARS * 1.5 ? `${text.slice(0, DESCRIPTION_CHARS)}……` : text;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}
