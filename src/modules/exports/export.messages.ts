import { defineMessages } from '../../shared/i18n/i18n.types';

/** UI messages of this module, in the six UI languages. */
export const exportMessages = defineMessages({
  en: {
    'export.searchResults': 'Download every result:',
    'export.institutionRecords': 'Download these records:',
    'export.csv': 'CSV (spreadsheet)',
    'export.jsonl': 'JSON Lines',
    'export.geojson': 'GeoJSON (map)',
  },
  fr: {
    'export.searchResults': 'Télécharger tous les résultats :',
    'export.institutionRecords': 'Télécharger ces notices :',
    'export.csv': 'CSV (tableur)',
    'export.jsonl': 'JSON Lines',
    'export.geojson': 'GeoJSON (carte)',
  },
  es: {
    'export.searchResults': 'Descargar todos los resultados:',
    'export.institutionRecords': 'Descargar estos registros:',
    'export.csv': 'CSV (hoja de cálculo)',
    'export.jsonl': 'JSON Lines',
    'export.geojson': 'GeoJSON (mapa)',
  },
  ru: {
    'export.searchResults': 'Скачать все результаты:',
    'export.institutionRecords': 'Скачать эти записи:',
    'export.csv': 'CSV (таблица)',
    'export.jsonl': 'JSON Lines',
    'export.geojson': 'GeoJSON (карта)',
  },
  zh: {
    'export.searchResults': '下载全部结果：',
    'export.institutionRecords': '下载这些条目：',
    'export.csv': 'CSV（电子表格）',
    'export.jsonl': 'JSON Lines',
    'export.geojson': 'GeoJSON（地图）',
  },
  ar: {
    'export.searchResults': 'تنزيل جميع النتائج:',
    'export.institutionRecords': 'تنزيل هذه السجلات:',
    'export.csv': 'CSV (جدول بيانات)',
    'export.jsonl': 'JSON Lines',
    'export.geojson': 'GeoJSON (خريطة)',
  },
});
