import { defineMessages } from '../../shared/i18n/i18n.types';

/** Messages of the public portal's maps and figures. */
export const portalMessages = defineMessages({
  en: { 'map.members': 'Map of the member institutions', 'map.note': 'Outlines: Natural Earth.' },
  fr: { 'map.members': 'Carte des institutions membres', 'map.note': 'Contours\u00a0: Natural Earth.' },
  es: { 'map.members': 'Mapa de las instituciones miembros', 'map.note': 'Contornos: Natural Earth.' },
  ru: { 'map.members': 'Карта учреждений-участников', 'map.note': 'Контуры: Natural Earth.' },
  zh: { 'map.members': '成员机构地图', 'map.note': '轮廓数据：Natural Earth。' },
  ar: { 'map.members': 'خريطة المؤسسات الأعضاء', 'map.note': 'الحدود: Natural Earth.' },
});
