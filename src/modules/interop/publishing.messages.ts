import { defineMessages } from '../../shared/i18n/i18n.types';

/** UI messages of this module, in the six UI languages. */
export const publishingMessages = defineMessages({
  en: {
    'publishing.linkedArt': 'Linked Art data (JSON-LD)',
  },
  fr: {
    'publishing.linkedArt': 'Données Linked Art (JSON-LD)',
  },
  es: {
    'publishing.linkedArt': 'Datos Linked Art (JSON-LD)',
  },
  ru: {
    'publishing.linkedArt': 'Данные Linked Art (JSON-LD)',
  },
  zh: {
    'publishing.linkedArt': 'Linked Art 数据（JSON-LD）',
  },
  ar: {
    'publishing.linkedArt': 'بيانات Linked Art (JSON-LD)',
  },
});
