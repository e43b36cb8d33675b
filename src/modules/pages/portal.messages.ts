import { defineMessages } from '../../shared/i18n/i18n.types';

/** Messages of the public portal's maps and figures. */
export const portalMessages = defineMessages({
  en: {
    'map.members': 'Map of the member institutions',
    'map.note': 'Outlines: Natural Earth.',
    'search.loosen': 'These looser searches find something:',
    'search.without': { one: 'without “{what}”: {count} record', other: 'without “{what}”: {count} records' },
  },
  fr: {
    'map.members': 'Carte des institutions membres',
    'map.note': 'Contours\u00a0: Natural Earth.',
    'search.loosen': 'Ces recherches moins strictes trouvent des résultats\u00a0:',
    'search.without': { one: 'sans «\u00a0{what}\u00a0»\u00a0: {count} notice', many: 'sans «\u00a0{what}\u00a0»\u00a0: {count} de notices', other: 'sans «\u00a0{what}\u00a0»\u00a0: {count} notices' },
  },
  es: {
    'map.members': 'Mapa de las instituciones miembros',
    'map.note': 'Contornos: Natural Earth.',
    'search.loosen': 'Estas búsquedas menos estrictas encuentran resultados:',
    'search.without': { one: 'sin «{what}»: {count} registro', many: 'sin «{what}»: {count} de registros', other: 'sin «{what}»: {count} registros' },
  },
  ru: {
    'map.members': 'Карта учреждений-участников',
    'map.note': 'Контуры: Natural Earth.',
    'search.loosen': 'Эти менее строгие запросы что-то находят:',
    'search.without': { one: 'без «{what}»: {count} запись', few: 'без «{what}»: {count} записи', many: 'без «{what}»: {count} записей', other: 'без «{what}»: {count} записи' },
  },
  zh: {
    'map.members': '成员机构地图',
    'map.note': '轮廓数据：Natural Earth。',
    'search.loosen': '放宽条件后可找到结果：',
    'search.without': { other: '去掉“{what}”：{count} 条记录' },
  },
  ar: {
    'map.members': 'خريطة المؤسسات الأعضاء',
    'map.note': 'الحدود: Natural Earth.',
    'search.loosen': 'عمليات البحث الأقل تقييدًا هذه تجد نتائج:',
    'search.without': { zero: 'دون «{what}»: لا سجلات', one: 'دون «{what}»: سجل واحد', two: 'دون «{what}»: سجلان', few: 'دون «{what}»: {count} سجلات', many: 'دون «{what}»: {count} سجلًا', other: 'دون «{what}»: {count} سجل' },
  },
});
