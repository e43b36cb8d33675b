import type { InstitutionInput } from '../src/modules/institutions/institution.schema';

/** Fixed word lists of the benchmark data generator (bench/generate.ts). */

/** The real head of the description vocabulary, most frequent first (function words, then heritage words). */
export const HEAD_WORDS = [
  'the', 'of', 'and', 'with', 'in', 'a', 'on', 'from', 'by', 'is', 'was', 'to',
  'bronze', 'manuscript', 'painting', 'vessel', 'inscription', 'silk', 'ink', 'paper', 'script', 'temple',
  'dynasty', 'ritual', 'period', 'decorated', 'carved', 'figure', 'seal', 'scroll', 'leaf', 'gold',
  'text', 'portrait', 'landscape', 'pottery', 'glazed', 'fragment', 'copy', 'letter', 'map', 'coin',
  'statue', 'textile', 'illuminated', 'binding', 'folio', 'stone', 'wood', 'ivory', 'mosaic', 'relief',
  'album', 'calligraphy', 'sutra', 'gospel', 'chronicle', 'tile', 'lacquer', 'jade', 'porcelain', 'icon',
  'charter', 'monastery', 'palace', 'merchant', 'pilgrim', 'caravan', 'court', 'emperor', 'scribe', 'workshop',
  'pigment', 'gilded', 'painted', 'incised', 'engraved', 'woven', 'embroidered', 'damaged', 'restored', 'repaired',
  'border', 'motif', 'dragon', 'lotus', 'flower', 'bird', 'horse', 'river', 'mountain', 'garden',
  'prayer', 'hymn', 'poem', 'treatise', 'commentary', 'grammar', 'astronomy', 'medicine', 'law', 'history',
  'excavated', 'found', 'donated', 'purchased', 'bequeathed', 'acquired', 'catalogued', 'photographed', 'digitised', 'conserved',
  'upper', 'lower', 'left', 'right', 'front', 'back', 'margin', 'colophon', 'preface', 'title',
  'red', 'blue', 'green', 'black', 'white', 'yellow', 'brown', 'faded', 'bright', 'dark',
  'small', 'large', 'fine', 'rare', 'early', 'late', 'complete', 'incomplete', 'original', 'later',
] as const;

export const PROVENANCE = 'Acquired from the collection of';

/** Shares of title languages (about 10% Chinese). */
export const LANG_SHARES = [['en', 43], ['fr', 13], ['ru', 11], ['ar', 10], ['es', 13], ['zh', 10]] as const;

export const TITLE_PARTS = {
  en: {
    nouns: ['bowl', 'vessel', 'scroll', 'manuscript', 'portrait', 'map', 'letter', 'coin', 'statue', 'tile', 'textile', 'album', 'gospel book', 'seal', 'mirror', 'jar', 'icon', 'photograph', 'charter', 'sutra'],
    quals: ['in bronze', 'gilded', 'illuminated', 'carved', 'painted', 'glazed', 'inscribed', 'lacquered', 'in silver', 'in ivory'],
    tails: ['with dragon motif', 'from the temple treasury', 'of the Silk Road', 'with marginal notes', 'in a wooden case', 'showing a river landscape', 'with floral decoration', 'depicting a procession'],
  },
  fr: {
    nouns: ['Bol', 'Vase', 'Rouleau', 'Manuscrit', 'Portrait', 'Carte', 'Lettre', 'Monnaie', 'Statue', 'Carreau', 'Album', 'Évangéliaire', 'Sceau', 'Miroir', 'Icône', 'Charte'],
    quals: ['en bronze', 'doré', 'enluminé', 'sculpté', 'peint', 'émaillé', 'gravé', 'laqué', 'en argent', 'en ivoire'],
    tails: ['à décor de dragon', 'du trésor du temple', 'de la route de la soie', 'avec notes marginales', 'dans un étui en bois', 'à décor floral'],
  },
  ru: {
    nouns: ['Чаша', 'Сосуд', 'Свиток', 'Рукопись', 'Портрет', 'Карта', 'Письмо', 'Монета', 'Статуя', 'Изразец', 'Альбом', 'Евангелие', 'Печать', 'Зеркало', 'Икона', 'Грамота'],
    quals: ['бронзовая', 'позолоченная', 'иллюминированная', 'резная', 'расписная', 'глазурованная', 'гравированная', 'серебряная'],
    tails: ['с изображением дракона', 'из храмовой сокровищницы', 'Шёлкового пути', 'с маргиналиями', 'в деревянном футляре', 'с растительным орнаментом'],
  },
  ar: {
    nouns: ['إناء', 'لفافة', 'مخطوط', 'صورة', 'خريطة', 'رسالة', 'عملة', 'تمثال', 'بلاطة', 'مصحف', 'ختم', 'مرآة', 'أيقونة', 'وثيقة'],
    quals: ['برونزي', 'مذهب', 'مزخرف', 'منقوش', 'مطلي', 'خزفي', 'فضي', 'عاجي'],
    tails: ['بزخارف نباتية', 'من خزانة المعبد', 'من طريق الحرير', 'مع حواش', 'في علبة خشبية', 'بزخرفة تنين'],
  },
  es: {
    nouns: ['Cuenco', 'Vasija', 'Rollo', 'Manuscrito', 'Retrato', 'Mapa', 'Carta', 'Moneda', 'Estatua', 'Azulejo', 'Álbum', 'Evangeliario', 'Sello', 'Espejo', 'Icono'],
    quals: ['de bronce', 'dorado', 'iluminado', 'tallado', 'pintado', 'vidriado', 'grabado', 'de plata', 'de marfil'],
    tails: ['con motivo de dragón', 'del tesoro del templo', 'de la Ruta de la Seda', 'con notas marginales', 'en estuche de madera', 'con decoración floral'],
  },
} as const;

export const ZH_TITLE_PARTS = {
  dynasties: ['汉代', '北魏', '唐代', '宋代', '元代', '明代', '清代'],
  subjects: ['山水', '花鸟', '人物', '佛像', '龙纹', '莲花', '观音', '仕女'],
  objects: ['画卷', '瓷瓶', '铜镜', '玉璧', '经卷', '册页', '碑拓', '青铜鼎', '漆盒', '织锦'],
} as const;

/** People who made, wrote or owned things, most frequent first. */
export const AGENTS: readonly Record<string, string[]>[] = [
  { en: ['Aurel Stein'] }, { en: ['Paul Pelliot'], fr: ['Paul Pelliot'] }, { en: ['Wang Xizhi'], zh: ['王羲之'] }, { en: ['Zhao Mengfu'], zh: ['赵孟頫'] },
  { en: ['Andrei Rublev'], ru: ['Андрей Рублёв'] }, { en: ['Ibn Muqla'], ar: ['ابن مقلة'] }, { en: ['Francisco de Goya'] }, { en: ['Jean Fouquet'] },
  { en: ['Theophanes the Greek'], ru: ['Феофан Грек'] }, { en: ['Yaqut al-Musta\'simi'], ar: ['ياقوت المستعصمي'] }, { en: ['Dong Qichang'], zh: ['董其昌'] },
  { en: ['Kamal ud-Din Behzad'] }, { en: ['Simon Ushakov'], ru: ['Симон Ушаков'] }, { en: ['Evliya Çelebi'] }, { en: ['Bernardino de Sahagún'] },
  { en: ['Xuanzang'], zh: ['玄奘'] }, { en: ['Ibn Battuta'], ar: ['ابن بطوطة'] }, { en: ['Marco Polo'] }, { en: ['Hildegard of Bingen'] },
  { en: ['Mir Ali Tabrizi'] }, { en: ['Giuseppe Castiglione'], zh: ['郎世宁'] }, { en: ['Nikolai Roerich'], ru: ['Николай Рерих'] },
  { en: ['Sergei Prokudin-Gorsky'], ru: ['Сергей Прокудин-Горский'] }, { en: ['Félix Bonfils'] }, { en: ['Gertrude Bell'] }, { en: ['Anonymous workshop'] },
];

export const PLACES = [
  { name: 'Dunhuang', country: 'CN', lat: 40.142, lon: 94.662 }, { name: 'Xi\'an', country: 'CN', lat: 34.341, lon: 108.94 },
  { name: 'Beijing', country: 'CN', lat: 39.904, lon: 116.407 }, { name: 'Hangzhou', country: 'CN', lat: 30.274, lon: 120.155 },
  { name: 'Paris', country: 'FR', lat: 48.857, lon: 2.352 }, { name: 'Avignon', country: 'FR', lat: 43.949, lon: 4.806 },
  { name: 'Moscow', country: 'RU', lat: 55.756, lon: 37.617 }, { name: 'Novgorod', country: 'RU', lat: 58.522, lon: 31.27 },
  { name: 'Kazan', country: 'RU', lat: 55.796, lon: 49.106 }, { name: 'Cairo', country: 'EG', lat: 30.044, lon: 31.236 },
  { name: 'Alexandria', country: 'EG', lat: 31.2, lon: 29.919 }, { name: 'Luxor', country: 'EG', lat: 25.687, lon: 32.639 },
  { name: 'Toledo', country: 'ES', lat: 39.863, lon: -4.027 }, { name: 'Córdoba', country: 'ES', lat: 37.888, lon: -4.779 },
  { name: 'Granada', country: 'ES', lat: 37.177, lon: -3.599 }, { name: 'Samarkand', country: 'UZ', lat: 39.654, lon: 66.976 },
  { name: 'Bukhara', country: 'UZ', lat: 39.768, lon: 64.455 }, { name: 'Istanbul', country: 'TR', lat: 41.008, lon: 28.978 },
  { name: 'Konya', country: 'TR', lat: 37.874, lon: 32.493 }, { name: 'Damascus', country: 'SY', lat: 33.513, lon: 36.292 },
  { name: 'Baghdad', country: 'IQ', lat: 33.315, lon: 44.366 }, { name: 'Isfahan', country: 'IR', lat: 32.652, lon: 51.668 },
  { name: 'Rome', country: 'IT', lat: 41.903, lon: 12.496 }, { name: 'Venice', country: 'IT', lat: 45.441, lon: 12.316 },
  { name: 'London', country: 'GB', lat: 51.507, lon: -0.128 }, { name: 'Athens', country: 'GR', lat: 37.984, lon: 23.728 },
  { name: 'Mexico City', country: 'MX', lat: 19.433, lon: -99.133 }, { name: 'Delhi', country: 'IN', lat: 28.704, lon: 77.102 },
  { name: 'Kyoto', country: 'JP', lat: 35.012, lon: 135.768 }, { name: 'Trebizond', country: 'TR', lat: 41.003, lon: 39.717 },
] as const;

export const MATERIALS = [
  'paper', 'silk', 'bronze', 'ink', 'parchment', 'wood', 'stone', 'ceramic', 'porcelain', 'gold',
  'silver', 'ivory', 'jade', 'lacquer', 'glass', 'textile', 'cotton', 'linen', 'leather', 'oil paint',
  'tempera', 'watercolour', 'copper', 'iron', 'marble', 'limestone', 'sandstone', 'terracotta', 'bone', 'shell',
  'pearl', 'enamel', 'gesso', 'wool', 'papyrus', 'palm leaf', 'birch bark', 'clay', 'gilt', 'mineral pigment',
] as const;

const INSTITUTION_SPECS: [string, string, InstitutionInput['kind'], string][] = [
  ['cn-1', 'CN', 'museum', 'Beijing'], ['cn-2', 'CN', 'library', 'Beijing'], ['cn-3', 'CN', 'research-institute', 'Dunhuang'], ['cn-4', 'CN', 'museum', 'Hangzhou'],
  ['fr-1', 'FR', 'library', 'Paris'], ['fr-2', 'FR', 'museum', 'Paris'], ['fr-3', 'FR', 'archive', 'Lyon'],
  ['ru-1', 'RU', 'museum', 'Saint Petersburg'], ['ru-2', 'RU', 'library', 'Moscow'],
  ['eg-1', 'EG', 'museum', 'Cairo'], ['eg-2', 'EG', 'library', 'Alexandria'],
  ['es-1', 'ES', 'archive', 'Seville'], ['es-2', 'ES', 'library', 'Madrid'],
  ['gb-1', 'GB', 'museum', 'London'], ['it-1', 'IT', 'library', 'Rome'], ['de-1', 'DE', 'library', 'Berlin'],
  ['tr-1', 'TR', 'museum', 'Istanbul'], ['in-1', 'IN', 'museum', 'Delhi'], ['mx-1', 'MX', 'archive', 'Mexico City'], ['gr-1', 'GR', 'heritage-agency', 'Athens'],
];

/** Twenty institutions in twelve countries; records are spread over them unevenly. */
export const BENCH_INSTITUTIONS: InstitutionInput[] = INSTITUTION_SPECS.map(([code, country, kind, city]) => ({
  id: `bench-${code}`,
  name: { en: [`Benchmark ${kind.replace('-', ' ')} ${code.toUpperCase()} (${city})`] },
  country,
  kind,
  city,
}));
