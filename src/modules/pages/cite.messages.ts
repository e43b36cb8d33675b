import { defineMessages } from '../../shared/i18n/i18n.types';

/** The "cite this" section of record pages. */
export const citeMessages = defineMessages({
  en: {
    'cite.heading': 'Cite this record',
    'cite.intro': 'Copy a citation in the style you need, or download it for your reference manager.',
    'cite.downloadRis': 'Download as RIS (Zotero, EndNote, Mendeley)',
    'cite.downloadBib': 'Download as BibTeX',
  },
  fr: {
    'cite.heading': 'Citer cette notice',
    'cite.intro': 'Copiez une citation dans le style voulu, ou téléchargez-la pour votre gestionnaire de références.',
    'cite.downloadRis': 'Télécharger au format RIS (Zotero, EndNote, Mendeley)',
    'cite.downloadBib': 'Télécharger au format BibTeX',
  },
  es: {
    'cite.heading': 'Citar este registro',
    'cite.intro': 'Copie una cita en el estilo que necesite o descárguela para su gestor de referencias.',
    'cite.downloadRis': 'Descargar en formato RIS (Zotero, EndNote, Mendeley)',
    'cite.downloadBib': 'Descargar en formato BibTeX',
  },
  ru: {
    'cite.heading': 'Как цитировать эту запись',
    'cite.intro': 'Скопируйте ссылку в нужном стиле или скачайте её для менеджера библиографии.',
    'cite.downloadRis': 'Скачать в формате RIS (Zotero, EndNote, Mendeley)',
    'cite.downloadBib': 'Скачать в формате BibTeX',
  },
  zh: {
    'cite.heading': '引用本条目',
    'cite.intro': '复制所需格式的引文，或下载后导入文献管理软件。',
    'cite.downloadRis': '下载 RIS 格式（Zotero、EndNote、Mendeley）',
    'cite.downloadBib': '下载 BibTeX 格式',
  },
  ar: {
    'cite.heading': 'استشهد بهذا السجل',
    'cite.intro': 'انسخ الاستشهاد بالأسلوب الذي تحتاجه، أو نزّله لبرنامج إدارة المراجع.',
    'cite.downloadRis': 'تنزيل بصيغة RIS (‏Zotero وEndNote وMendeley)',
    'cite.downloadBib': 'تنزيل بصيغة BibTeX',
  },
});
