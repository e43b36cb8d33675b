import { defineMessages } from '../../shared/i18n/i18n.types';

/** Messages of the public portal's maps and figures. */
export const portalMessages = defineMessages({
  en: {
    'map.members': 'Map of the member institutions',
    'map.note': 'Outlines: Natural Earth.',
    'search.loosen': 'These looser searches find something:',
    'search.timeline': 'Results by century',
    'search.mapOfPage': { one: 'Map of the {count} result on this page with a place', other: 'Map of the {count} results on this page with a place' },
    'search.without': { one: 'without “{what}”: {count} record', other: 'without “{what}”: {count} records' },
  },
  fr: {
    'map.members': 'Carte des institutions membres',
    'map.note': 'Contours\u00a0: Natural Earth.',
    'search.loosen': 'Ces recherches moins strictes trouvent des résultats\u00a0:',
    'search.timeline': 'Résultats par siècle',
    'search.mapOfPage': { one: 'Carte du résultat de cette page qui a un lieu', many: 'Carte des {count} de résultats de cette page qui ont un lieu', other: 'Carte des {count} résultats de cette page qui ont un lieu' },
    'search.without': { one: 'sans «\u00a0{what}\u00a0»\u00a0: {count} notice', many: 'sans «\u00a0{what}\u00a0»\u00a0: {count} de notices', other: 'sans «\u00a0{what}\u00a0»\u00a0: {count} notices' },
  },
  es: {
    'map.members': 'Mapa de las instituciones miembros',
    'map.note': 'Contornos: Natural Earth.',
    'search.loosen': 'Estas búsquedas menos estrictas encuentran resultados:',
    'search.timeline': 'Resultados por siglo',
    'search.mapOfPage': { one: 'Mapa del resultado de esta página con un lugar', many: 'Mapa de los {count} de resultados de esta página con un lugar', other: 'Mapa de los {count} resultados de esta página con un lugar' },
    'search.without': { one: 'sin «{what}»: {count} registro', many: 'sin «{what}»: {count} de registros', other: 'sin «{what}»: {count} registros' },
  },
  ru: {
    'map.members': 'Карта учреждений-участников',
    'map.note': 'Контуры: Natural Earth.',
    'search.loosen': 'Эти менее строгие запросы что-то находят:',
    'search.timeline': 'Результаты по векам',
    'search.mapOfPage': { one: 'Карта: {count} результат на этой странице с местом', few: 'Карта: {count} результата на этой странице с местом', many: 'Карта: {count} результатов на этой странице с местом', other: 'Карта: {count} результата на этой странице с местом' },
    'search.without': { one: 'без «{what}»: {count} запись', few: 'без «{what}»: {count} записи', many: 'без «{what}»: {count} записей', other: 'без «{what}»: {count} записи' },
  },
  zh: {
    'map.members': '成员机构地图',
    'map.note': '轮廓数据：Natural Earth。',
    'search.loosen': '放宽条件后可找到结果：',
    'search.timeline': '按世纪分布的结果',
    'search.mapOfPage': { other: '本页 {count} 条有地点的结果的地图' },
    'search.without': { other: '去掉“{what}”：{count} 条记录' },
  },
  ar: {
    'map.members': 'خريطة المؤسسات الأعضاء',
    'map.note': 'الحدود: Natural Earth.',
    'search.loosen': 'عمليات البحث الأقل تقييدًا هذه تجد نتائج:',
    'search.timeline': 'النتائج حسب القرن',
    'search.mapOfPage': { zero: 'خريطة نتائج هذه الصفحة ذات المكان', one: 'خريطة النتيجة الوحيدة في هذه الصفحة ذات مكان', two: 'خريطة النتيجتين في هذه الصفحة ذواتي المكان', few: 'خريطة {count} نتائج في هذه الصفحة ذات مكان', many: 'خريطة {count} نتيجة في هذه الصفحة ذات مكان', other: 'خريطة {count} نتيجة في هذه الصفحة ذات مكان' },
    'search.without': { zero: 'دون «{what}»: لا سجلات', one: 'دون «{what}»: سجل واحد', two: 'دون «{what}»: سجلان', few: 'دون «{what}»: {count} سجلات', many: 'دون «{what}»: {count} سجلًا', other: 'دون «{what}»: {count} سجل' },
  },
});
