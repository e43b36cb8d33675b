import { firstText, type LangMap } from '../../shared/lang-map';
import { eventOfAgentRole, eventOfPlaceRole, LIDO_EVENT_TYPES, type LidoEventType } from '../imports/formats/lido.events';
import type { RecordDoc } from '../records/record.normalize';
import type { LidoExtras } from './oai-lido.extras';
import { appellation, concept, conceptEl, each, lang, LIDO_TERMS as T, lidoYear, place, text, vitalDates, wrap } from './oai-lido.parts';

/** The lido format as ListMetadataFormats announces it. */
export const LIDO_FORMAT = {
  metadataPrefix: 'lido',
  schema: 'http://www.lido-schema.org/schema/v1.1/lido-v1.1.xsd',
  metadataNamespace: 'http://www.lido-schema.org',
};

/**
 * Kinds of record offered as LIDO, a schema for unique objects: museum objects, buildings and sites,
 * archival units, audiovisual items and manuscripts (each a physical object). Rare books, editions
 * with many copies, are described bibliographically: they go out as marcxml (and oai_dc).
 */
export const LIDO_KINDS = ['object', 'manuscript', 'archival-unit', 'site', 'audiovisual'] as const;

/** The object/work type of a kind, for records without one, and its classification (read back by the LIDO import). */
const KIND_TERMS: Record<string, string> = {
  object: 'object',
  manuscript: 'manuscript',
  'archival-unit': 'archival unit',
  site: 'building or archaeological site',
  audiovisual: 'audiovisual item',
};

const RELATION_URIS: Record<string, string> = { partOf: 'http://purl.org/dc/terms/isPartOf', hasPart: 'http://purl.org/dc/terms/hasPart', relatedTo: 'http://purl.org/dc/terms/relation' };
const PUBLISHED_ID_TYPES: Record<string, string> = { isbn: 'isbn', issn: 'issn', doi: 'doi', uri: T.uri };

/** What a record's LIDO needs besides its document. */
export interface LidoContext {
  id: string;
  oaiIdentifier: string;
  /** The repository identifier (host), as the source of lidoRecID. */
  repository: string;
  kind: string;
  institutionId: string;
  publisher: LangMap | null;
  recordUrl: (id: string) => string;
  updatedAt: string;
  extras: LidoExtras;
}

/**
 * A record as LIDO 1.1 (one `lido:lido`), elements in the schema's order: lidoRecID, published
 * identifiers, category, descriptive metadata (classification, identification, events, subjects and
 * related works) and administrative metadata (rights, record, public images). Multilingual values
 * are repeated elements with xml:lang.
 */
export function toLido(doc: RecordDoc, ctx: LidoContext): string {
  const metaLang = Object.keys(doc.title).map(lang).find(Boolean) ?? 'und';
  const published = (doc.identifiers ?? [])
    .filter((i) => PUBLISHED_ID_TYPES[i.type])
    .map((i) => text('objectPublishedID', i.value, { 'lido:type': PUBLISHED_ID_TYPES[i.type] }))
    .join('');
  // Joined, not concatenated: the result is one flat string, and the many small pieces die young
  // (a page of deep concatenation trees kept alive costs more in garbage collection than writing them).
  return [
    '<lido:lido xmlns:lido="http://www.lido-schema.org" xmlns:gml="http://www.opengis.net/gml" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ',
    'xsi:schemaLocation="http://www.lido-schema.org http://www.lido-schema.org/schema/v1.1/lido-v1.1.xsd">',
    text('lidoRecID', ctx.oaiIdentifier, { 'lido:source': ctx.repository, 'lido:type': T.local }),
    published,
    wrap('category', concept({ label: { en: ['Human-made object'] }, uri: T.humanMade })),
    `<lido:descriptiveMetadata xml:lang="${metaLang}">`,
    classification(doc, ctx),
    identification(doc, ctx),
    events(doc),
    relations(doc, ctx),
    `</lido:descriptiveMetadata><lido:administrativeMetadata xml:lang="${metaLang}">`,
    administrative(doc, ctx),
    '</lido:administrativeMetadata></lido:lido>',
  ].join('');
}

function classification(doc: RecordDoc, ctx: LidoContext): string {
  const kindTerm = KIND_TERMS[ctx.kind] ?? ctx.kind;
  const types = (doc.objectTypes ?? []).map((t) => conceptEl('objectWorkType', t)).join('');
  // Without object types the kind is the object/work type; with them, a classification keeps it.
  if (!types) return wrap('objectClassificationWrap', wrap('objectWorkTypeWrap', conceptEl('objectWorkType', { label: { en: [kindTerm] } })));
  return wrap('objectClassificationWrap', wrap('objectWorkTypeWrap', types) + wrap('classificationWrap', wrap('classification', text('term', kindTerm, { 'xml:lang': 'en' }))));
}

function identification(doc: RecordDoc, ctx: LidoContext): string {
  const titleSets: string[] = [];
  const depth = Math.max(...Object.values(doc.title).map((v) => v.length));
  for (let i = 0; i < depth; i++) {
    const values = Object.entries(doc.title)
      .filter(([, vs]) => vs[i] !== undefined)
      .map(([key, vs]) => text('appellationValue', vs[i], { 'lido:pref': i === 0 ? undefined : T.alternative, 'xml:lang': lang(key) }))
      .join('');
    titleSets.push(wrap('titleSet', values));
  }
  const inscriptions = Object.entries(doc.inscriptions ?? {}).flatMap(([key, vs]) => vs.map((v) => wrap('inscriptions', text('inscriptionTranscription', v, { 'xml:lang': lang(key) }))));
  const workIds = (doc.identifiers ?? [])
    .filter((i) => !PUBLISHED_ID_TYPES[i.type])
    .map((i) => text('workID', i.value, { 'lido:type': i.type === 'inventory' ? T.inventoryNumber : i.type === 'other' ? (i.label ?? 'other') : i.type }));
  const repository = wrap(
    'repositorySet',
    wrap('repositoryName', text('legalBodyID', ctx.institutionId, { 'lido:type': T.local }) + wrap('legalBodyName', appellation(ctx.publisher))) + workIds.join(''),
    { 'lido:type': T.currentRepository },
  );
  const description =
    wrap('objectDescriptionSet', each('descriptiveNoteValue', doc.description)) + wrap('objectDescriptionSet', each('descriptiveNoteValue', doc.notes), { 'lido:type': 'notes' });
  const measurements = (doc.dimensions ?? []).filter((d) => d.type.trim() && d.unit.trim()).map((d) =>
    wrap('measurementsSet', wrap('measurementType', text('term', d.type)) + wrap('measurementUnit', text('term', d.unit)) + text('measurementValue', d.value)),
  );
  const display = doc.dimensionsText ?? [...new Set((doc.dimensions ?? []).map((d) => d.display).filter(Boolean))].join('; ');
  return wrap(
    'objectIdentificationWrap',
    wrap('titleWrap', titleSets.join('')) +
      wrap('inscriptionsWrap', inscriptions.join('')) +
      wrap('repositoryWrap', repository) +
      wrap('objectDescriptionWrap', description) +
      wrap('objectMeasurementsWrap', wrap('objectMeasurementsSet', text('displayObjectMeasurements', display) + wrap('objectMeasurements', measurements.join('')))),
  );
}

/** The events: production (makers, date, places, materials and techniques), then every other event an agent's or a place's role names. */
function events(doc: RecordDoc): string {
  const actors = new Map<LidoEventType, string[]>();
  const places = new Map<LidoEventType, string[]>();
  const push = (m: Map<LidoEventType, string[]>, t: LidoEventType, v: string) => m.set(t, [...(m.get(t) ?? []), v]);
  for (const a of doc.agents ?? []) {
    // An actor needs a name (nameActorSet is required).
    if (!appellation(a.name)) continue;
    const { type, roleActor } = eventOfAgentRole(a.role);
    const actor = wrap(
      'actor',
      (a.uri ? text('actorID', a.uri, { 'lido:type': T.uri }) : '') + wrap('nameActorSet', appellation(a.name)) + vitalDates(a.dates),
    );
    const display = `${firstText(a.name)}${roleActor ? ` (${roleActor})` : ''}`;
    push(actors, type, wrap('eventActor', text('displayActorInRole', display) + wrap('actorInRole', actor + wrap('roleActor', text('term', roleActor)))));
  }
  for (const p of doc.places ?? []) push(places, eventOfPlaceRole(p.role), wrap('eventPlace', wrap('place', place(p))));
  const materials = [
    ...(doc.materials ?? []).map((m) => wrap('materialsTech', conceptEl('termMaterialsTech', m, { 'lido:type': T.material }))),
    ...(doc.techniques ?? []).map((m) => wrap('materialsTech', conceptEl('termMaterialsTech', m, { 'lido:type': T.technique }))),
  ].join('');

  const sets: string[] = [];
  for (const type of LIDO_EVENT_TYPES) {
    const production = type.key === 'production';
    const date = production && doc.date ? eventDate(doc.date) : '';
    const mt = production ? wrap('eventMaterialsTech', materials) : '';
    const inner = (actors.get(type) ?? []).join('') + date + (places.get(type) ?? []).join('') + mt;
    if (!inner) continue;
    const eventType = wrap('eventType', concept({ label: { en: [type.label] }, uri: type.uri }));
    // The schema's order: eventType, eventActor, eventDate, eventPlace, eventMaterialsTech.
    sets.push(wrap('eventSet', text('displayEvent', type.label, { 'xml:lang': 'en' }) + wrap('event', eventType + inner)));
  }
  return wrap('eventWrap', sets.join(''));
}

function eventDate(date: NonNullable<RecordDoc['date']>): string {
  const from = lidoYear(date.yearFrom);
  const to = lidoYear(date.yearTo);
  return wrap('eventDate', text('displayDate', date.display) + wrap('date', text('earliestDate', from) + text('latestDate', to)));
}

function relations(doc: RecordDoc, ctx: LidoContext): string {
  const subjects = (doc.subjects ?? []).map((s) => wrap('subjectSet', wrap('subject', conceptEl('subjectConcept', s))));
  // Only relations to records the public may see: a hidden record is as if it did not exist.
  const related = (doc.relations ?? [])
    .filter((r) => ctx.extras.titles.has(r.target))
    .map((r) =>
      wrap(
        'relatedWorkSet',
        text('displayRelatedWork', firstText(ctx.extras.titles.get(r.target), 'en', r.target)) +
          wrap('relatedWork', wrap('object', text('objectWebResource', ctx.recordUrl(r.target)) + text('objectID', r.target, { 'lido:type': T.local }))) +
          wrap('relatedWorkRelType', concept({ label: { en: [r.type] }, uri: RELATION_URIS[r.type] })),
      ),
    );
  return wrap('objectRelationWrap', wrap('subjectWrap', subjects.join('')) + wrap('relatedWorksWrap', related.join('')));
}

function administrative(doc: RecordDoc, ctx: LidoContext): string {
  const institution = text('legalBodyID', ctx.institutionId, { 'lido:type': T.local }) + wrap('legalBodyName', appellation(ctx.publisher));
  const rights = wrap('rightsWorkSet', (doc.rights ? wrap('rightsType', text('conceptID', doc.rights, { 'lido:type': T.uri })) : '') + each('creditLine', doc.creditLine));
  const record =
    text('recordID', ctx.id, { 'lido:type': T.local }) +
    wrap('recordType', concept({ label: { en: ['item'] }, uri: T.item })) +
    wrap('recordSource', institution) +
    wrap('recordRights', wrap('rightsHolder', institution)) +
    wrap('recordInfoSet', text('recordInfoLink', ctx.recordUrl(ctx.id), { 'lido:formatResource': 'text/html' }) + text('recordMetadataDate', ctx.updatedAt));
  const resources = (ctx.extras.images.get(ctx.id) ?? []).map((m) =>
    wrap(
      'resourceSet',
      text('resourceID', m.id, { 'lido:type': T.local }) +
        wrap('resourceRepresentation', text('linkResource', m.thumbnail, { 'lido:formatResource': 'image/jpeg' }), { 'lido:type': T.thumbnail }) +
        wrap('resourceRepresentation', text('linkResource', m.full, { 'lido:formatResource': 'image/jpeg' }), { 'lido:type': T.master }) +
        wrap('resourceRepresentation', text('linkResource', m.info, { 'lido:formatResource': 'application/ld+json;profile="http://iiif.io/api/image/3/context.json"' }), { 'lido:type': 'http://iiif.io/api/image/3#ImageService3' }) +
        wrap('resourceType', concept({ label: { en: ['digital images'] }, uri: 'http://vocab.getty.edu/aat/300215302' })) +
        each('resourceDescription', m.label) +
        wrap('rightsResource', m.rights ? wrap('rightsType', text('conceptID', m.rights, { 'lido:type': T.uri })) : ''),
    ),
  );
  return wrap('rightsWorkWrap', rights) + wrap('recordWrap', record) + wrap('resourceWrap', resources.join(''));
}
