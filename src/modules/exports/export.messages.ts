import { defineMessages } from '../../shared/i18n/i18n.types';

/** UI messages of this module, in the six UI languages. */
export const exportMessages = defineMessages({
  en: {},
  fr: {},
  es: {},
  ru: {},
  zh: {},
  ar: {},
});
