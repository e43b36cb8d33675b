import { defineMessages } from '../../shared/i18n/i18n.types';

/** UI messages of the import and harvest pages added after the core catalogue, in the six UI languages. */
export const importMessages = defineMessages({
  en: {},
  fr: {},
  es: {},
  ru: {},
  zh: {},
  ar: {},
});
