import { defineMessages } from '../../shared/i18n/i18n.types';
import { harvestMessages } from './harvest/harvest.messages';
import { mappingTargetMessages } from './mapping-targets.messages';
import { mappingMessages } from './mapping.messages';

/** UI messages of the import and harvest pages added after the core catalogue, in the six UI languages. */
export const importMessages = defineMessages({
  en: { 'imports.nav': 'Imports and harvesting', ...mappingMessages.en, ...mappingTargetMessages.en, ...harvestMessages.en },
  fr: { 'imports.nav': 'Imports et moissonnage', ...mappingMessages.fr, ...mappingTargetMessages.fr, ...harvestMessages.fr },
  es: { 'imports.nav': 'Importaciones y recolección', ...mappingMessages.es, ...mappingTargetMessages.es, ...harvestMessages.es },
  ru: { 'imports.nav': 'Импорт и сбор метаданных', ...mappingMessages.ru, ...mappingTargetMessages.ru, ...harvestMessages.ru },
  zh: { 'imports.nav': '导入与收割', ...mappingMessages.zh, ...mappingTargetMessages.zh, ...harvestMessages.zh },
  ar: { 'imports.nav': 'الاستيراد والحصاد', ...mappingMessages.ar, ...mappingTargetMessages.ar, ...harvestMessages.ar },
});
