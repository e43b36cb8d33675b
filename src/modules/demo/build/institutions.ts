import type { DemoDataset } from '../demo.dataset';

/**
 * The demo's institutions. Tate is real and holds its own published records; the others are
 * fictional, say so in their names, and sit at the centre of their city. Descriptions state
 * only where the records come from: no facts are claimed about any real institution.
 */
export const DEMO_INSTITUTIONS = {
  tate: {
    id: 'tate',
    name: { en: ['Tate'] },
    country: 'GB',
    kind: 'museum',
    city: 'London',
    // Tate Britain, Millbank.
    lat: 51.4911,
    lon: -0.1275,
    website: 'https://www.tate.org.uk',
    description: {
      en: [
        "The demo shows a sample of Tate's collection metadata, released by Tate under CC0 in its collection dataset (snapshot of 2014). Images are not included.",
      ],
    },
  },
  classics: {
    id: 'demo-silk-road-classics-library',
    name: { en: ['Silk Road Classics Library (demo)'], 'zh-Hans': ['丝路典籍图书馆（演示）'] },
    country: 'CN',
    kind: 'library',
    city: "Xi'an",
    lat: 34.2658,
    lon: 108.9541,
    website: null,
    description: {
      en: ['A fictional library of the Heritage Commons demo. Its records are classical Chinese texts from the chinese-poetry open dataset (MIT licence).'],
      'zh-Hans': ['Heritage Commons 演示中的虚构图书馆。其记录为 chinese-poetry 开放数据集（MIT 许可）中的中国古典文献。'],
    },
  },
  japan: {
    id: 'demo-kyoto-university-library',
    name: { en: ['Kyoto Demo University Library (demo)'], ja: ['京都デモ大学図書館（デモ）'] },
    country: 'JP',
    kind: 'library',
    city: 'Kyoto',
    lat: 35.0116,
    lon: 135.7681,
    website: null,
    description: {
      en: [
        'A fictional library of the Heritage Commons demo. Its records are MARC records of translations (Chinese, Japanese, Korean, Russian, Polish, Finnish and other languages), most of them of novels by Jane Austen, from the marc4j test resources (LGPL 2.1), with their Chinese and Japanese script fields.',
      ],
      ja: ['Heritage Commons デモ用の架空の図書館です。記録は marc4j のテスト資料（LGPL 2.1）に含まれる翻訳書（主にジェイン・オースティンの小説）の MARC レコードです。'],
    },
  },
  samarkand: {
    id: 'demo-samarkand-library',
    name: { en: ['Samarkand Demo Library (demo)'], ru: ['Демонстрационная библиотека Самарканда (демо)'] },
    country: 'UZ',
    kind: 'library',
    city: 'Samarkand',
    lat: 39.6542,
    lon: 66.9597,
    website: null,
    description: {
      en: [
        'A fictional library of the Heritage Commons demo. Its records are MARC records of editions in English (and a few whose language the record does not state), most of them of novels by Jane Austen, from the marc4j test resources (LGPL 2.1).',
      ],
    },
  },
} satisfies Record<string, DemoDataset['institutions'][number]>;
