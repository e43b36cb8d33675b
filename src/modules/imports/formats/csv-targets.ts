import { canonicalTag } from '../../../shared/lang-map';

/** One record field a CSV column can fill, with its label for the mapping editor. */
export interface CsvTarget {
  /** The target as written in a mapping; `title` also takes a language (`title.zh`), `agent` a role (`agent.author`). */
  id: string;
  label: string;
  /** Takes a BCP 47 suffix: `title.zh`, `materials.fr`. */
  languageTagged?: boolean;
  /** Cells may hold several values separated by `;` or `|`. */
  multiValued?: boolean;
}

/** Every target a column may map to, in the order the mapping editor lists them. */
export const CSV_TARGETS: readonly CsvTarget[] = [
  { id: 'title', label: 'Title', languageTagged: true },
  { id: 'description', label: 'Description', languageTagged: true },
  { id: 'inscriptions', label: 'Inscriptions and marks', languageTagged: true },
  { id: 'notes', label: 'Notes', languageTagged: true },
  { id: 'creditLine', label: 'Credit line', languageTagged: true },
  { id: 'source.identifier', label: 'Identifier in the source system (for re-imports)' },
  { id: 'source.url', label: 'Web page of the record in its source' },
  { id: 'identifier.inventory', label: 'Inventory / accession / object number' },
  { id: 'identifier.shelfmark', label: 'Shelfmark' },
  { id: 'identifier.call-number', label: 'Call number' },
  { id: 'identifier.isbn', label: 'ISBN' },
  { id: 'identifier.issn', label: 'ISSN' },
  { id: 'identifier.doi', label: 'DOI' },
  { id: 'identifier.uri', label: 'URI identifier' },
  { id: 'identifier.other', label: 'Other identifier' },
  { id: 'agent', label: 'Agent (role from the role column, else "creator")', multiValued: true },
  { id: 'agent.artist', label: 'Artist', multiValued: true },
  { id: 'agent.author', label: 'Author', multiValued: true },
  { id: 'agent.creator', label: 'Creator', multiValued: true },
  { id: 'agent.maker', label: 'Maker', multiValued: true },
  { id: 'agent.publisher', label: 'Publisher', multiValued: true },
  { id: 'agent.photographer', label: 'Photographer', multiValued: true },
  { id: 'agentRole', label: 'Role of the agents (artist, author, after…)', multiValued: true },
  { id: 'agentDates', label: 'Life dates of the agents', multiValued: true },
  { id: 'date', label: 'Date (as displayed)' },
  { id: 'date.edtf', label: 'Date (EDTF)' },
  { id: 'medium', label: 'Medium (split into materials and techniques)' },
  { id: 'materials', label: 'Materials', languageTagged: true, multiValued: true },
  { id: 'techniques', label: 'Techniques', languageTagged: true, multiValued: true },
  { id: 'objectTypes', label: 'Object type / classification', languageTagged: true, multiValued: true },
  { id: 'subjects', label: 'Subjects / keywords', languageTagged: true, multiValued: true },
  { id: 'dimensions', label: 'Dimensions (as text)' },
  { id: 'place', label: 'Place', multiValued: true },
  { id: 'place.country', label: 'Country (ISO 3166-1 alpha-2)' },
  { id: 'place.lat', label: 'Latitude' },
  { id: 'place.lon', label: 'Longitude' },
  { id: 'languages', label: 'Languages of the item (BCP 47)', multiValued: true },
  { id: 'rights', label: 'Rights (rightsstatements.org or Creative Commons URI)' },
  { id: 'kind', label: 'Kind of record (object, manuscript, rare-book, archival-unit, site, audiovisual)' },
  { id: 'visibility', label: 'Visibility (public, members, private)' },
  { id: 'ignore', label: 'Ignore this column' },
];

const BY_ID = new Map(CSV_TARGETS.map((t) => [t.id, t]));
const AGENT_ROLE = /^[\p{L}][\p{L} '\-]{0,98}$/u;

/** A mapping target taken apart: its base field, language or agent role. */
export interface ParsedTarget {
  base: string;
  lang?: string;
  role?: string;
}

/** Parses a target (`title.zh-hant` → title in zh-Hant, `agent.engraver`); null with the reason when it is not one. */
export function parseTarget(target: string): ParsedTarget | { error: string } {
  if (BY_ID.has(target)) {
    if (target.startsWith('agent.')) return { base: 'agent', role: target.slice(6) };
    return { base: target };
  }
  const dot = target.indexOf('.');
  const base = dot > 0 ? target.slice(0, dot) : target;
  const rest = dot > 0 ? target.slice(dot + 1) : '';
  if (base === 'agent' && AGENT_ROLE.test(rest)) return { base, role: rest };
  const def = BY_ID.get(base);
  if (!def) return { error: `"${target}" is not a target (one of ${CSV_TARGETS.map((t) => t.id).join(', ')}, or a language-tagged one such as title.zh)` };
  if (!def.languageTagged) return { error: `"${base}" takes no language suffix` };
  const lang = canonicalTag(rest);
  if (!lang) return { error: `"${rest}" in "${target}" is not a BCP 47 language tag` };
  return { base, lang };
}

/** True when the tag names a language ICU knows (`xx` is well-formed but unknown). */
export function isKnownLanguage(tag: string): boolean {
  if (tag === 'none' || tag === 'und') return true;
  let known = knownLanguages.get(tag);
  if (known !== undefined) return known;
  try {
    known = LANGUAGE_NAMES.of(tag) !== undefined;
  } catch {
    known = false;
  }
  // A catalogue uses a handful of tags; the bound only guards against hostile input.
  if (knownLanguages.size > 10_000) knownLanguages.clear();
  knownLanguages.set(tag, known);
  return known;
}

const LANGUAGE_NAMES = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });
const knownLanguages = new Map<string, boolean>();

/**
 * Header words (lower case, without diacritics, words separated by one space) in English and
 * the other UN languages, and some common others, to the target they suggest.
 */
export const HEADER_SYNONYMS: Readonly<Record<string, string>> = synonyms({
  title: 'title|titles|titre|titulo|titel|titolo|name|nom|nombre|object title|main title|название|заглавие|наименование|标题|題名|题名|名称|名稱|标题名称|العنوان|عنوان|الاسم',
  description: 'description|descripcion|summary|abstract|beschreibung|описание|描述|简介|说明|الوصف|وصف',
  inscriptions: 'inscription|inscriptions|marks|marks and inscriptions|inscripcion|inscripciones|надпись|надписи|铭文|题款|نقش|النقوش',
  notes: 'note|notes|remarks|comments|remarques|notas|примечание|примечания|备注|附注|ملاحظات',
  creditLine: 'credit line|creditline|credit|ligne de credit|linea de credito|строка благодарности|鸣谢|سطر الاعتماد',
  'source.identifier': 'id|identifier|record id|object id|system number|system id|identifiant|identificador|идентификатор|标识符|المعرف',
  'source.url': 'url|link|web page|webpage|page|permalink|lien|enlace|ссылка|网址|链接|الرابط',
  'identifier.inventory':
    'inventory number|inventory no|inventory|inv no|inv nr|object number|accession number|accession no|acc no|acno|catalogue number|catalog number|numero d inventaire|no d inventaire|numero de inventario|inventarnummer|инвентарный номер|инв номер|藏品编号|编号|登录号|رقم الجرد|رقم التسجيل',
  'identifier.shelfmark': 'shelfmark|shelf mark|signature|signatur|cote|signatura|шифр хранения|排架号|رقم الرف',
  'identifier.call-number': 'call number|call no|callnumber|шифр|索书号|索取号|رقم الاستدعاء',
  'identifier.isbn': 'isbn',
  'identifier.issn': 'issn',
  'identifier.doi': 'doi',
  'identifier.uri': 'uri',
  'agent.artist': 'artist|artists|artist name|artiste|artista|kunstler|художник|艺术家|艺术家姓名|画家|الفنان',
  'agent.author': 'author|authors|auteur|autor|autora|автор|作者|著者|المؤلف',
  'agent.creator': 'creator|creators|createur|creador|создатель|创作者|المنشئ',
  'agent.maker': 'maker|makers|manufacturer|fabricant|fabricante|изготовитель|制作者|الصانع',
  'agent.publisher': 'publisher|editeur|editorial|издатель|出版者|出版社|الناشر',
  'agent.photographer': 'photographer|photographe|fotografo|фотограф|摄影师|المصور',
  agent: 'agent|agents|contributor|contributors|people|person|persons',
  agentRole: 'role|roles|artist role|creator role|author role|agent role|role of artist|роль|角色|الدور',
  agentDates: 'artist dates|life dates|creator dates|author dates|agent dates',
  date: 'date|dates|dated|year|date made|production date|creation date|date of creation|date created|fecha|annee|datum|дата|год|日期|年代|年份|时间|التاريخ|السنة',
  'date.edtf': 'edtf|date edtf|date (edtf)',
  medium: 'medium|medium description|materials and techniques|material and technique|material technique|support|материал и техника|材质技法',
  materials: 'material|materials|materiau|materiaux|materiales|материал|материалы|材质|材料|المادة|المواد',
  techniques: 'technique|techniques|tecnica|tecnicas|техника|技法|工艺|التقنية',
  objectTypes: 'type|object type|object name|classification|work type|type d objet|tipo|tipo de objeto|тип|类型|类别|النوع',
  subjects: 'subject|subjects|keyword|keywords|tags|sujet|sujets|mots cles|tema|temas|materia|palabras clave|тема|темы|ключевые слова|主题|关键词|الموضوع|الكلمات المفتاحية',
  dimensions: 'dimensions|dimension|size|measurements|taille|dimensiones|medidas|размеры|尺寸|规格|الأبعاد|المقاسات',
  place: 'place|places|location|place made|place of production|lieu|lugar|место|地点|产地|المكان',
  'place.country': 'country|country code|pays|pais|страна|国家|国别|البلد|الدولة',
  'place.lat': 'latitude|lat|широта|纬度|خط العرض',
  'place.lon': 'longitude|lon|lng|long|долгота|经度|خط الطول',
  languages: 'language|languages|langue|langues|idioma|lengua|язык|языки|语言|语种|اللغة',
  rights: 'rights|licence|license|copyright|rights statement|droits|licence d utilisation|derechos|licencia|права|лицензия|版权|许可|الحقوق|الترخيص',
  kind: 'kind|record kind|record type|type of record',
  visibility: 'visibility|visibilite|visibilidad',
});

/** Language names in headers ("Title (English)", "Titre (chinois)") to their tags. */
export const LANGUAGE_WORDS: Readonly<Record<string, string>> = {
  english: 'en', anglais: 'en', ingles: 'en', английский: 'en', 英文: 'en', 英语: 'en', الإنجليزية: 'en',
  french: 'fr', francais: 'fr', frances: 'fr', французский: 'fr', 法文: 'fr', 法语: 'fr', الفرنسية: 'fr',
  spanish: 'es', espagnol: 'es', espanol: 'es', испанский: 'es', 西班牙文: 'es', 西班牙语: 'es', الإسبانية: 'es',
  russian: 'ru', russe: 'ru', ruso: 'ru', русский: 'ru', 俄文: 'ru', 俄语: 'ru', الروسية: 'ru',
  chinese: 'zh', chinois: 'zh', chino: 'zh', китайский: 'zh', 中文: 'zh', 汉语: 'zh', الصينية: 'zh',
  arabic: 'ar', arabe: 'ar', арабский: 'ar', 阿拉伯文: 'ar', 阿拉伯语: 'ar', العربية: 'ar',
  german: 'de', japanese: 'ja', korean: 'ko', persian: 'fa', turkish: 'tr', uzbek: 'uz', italian: 'it',
};

function synonyms(table: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [target, words] of Object.entries(table)) for (const w of words.split('|')) out[w] ??= target;
  return out;
}
