import { firstText, type LangMap } from '../../shared/lang-map';
import type { Institution } from '../institutions/institution.schema';
import type { Media } from '../media/media.schema';
import type { HeritageRecord } from '../records/record.schema';
import { rightsLabel } from '../pages/rights';
import { iiifRights, manifestUrl } from './iiif-manifest';
import { PRESENTATION_LD_JSON } from './iiif-presentation.routes';
import { IDENTIFIER_TYPES, KIND_TYPES, STATEMENTS, TYPE_OF_WORK, VOCAB, dimensionType, languageRef, measurementUnit, type TypeRef } from './linked-art-vocab';

/** The Linked Art JSON-LD context (named, never fetched). */
export const LINKED_ART_CONTEXT = 'https://linked.art/ns/v1/linked-art.json';
/** The media type of Linked Art documents. */
export const LINKED_ART_MEDIA_TYPE = `application/ld+json;profile="${LINKED_ART_CONTEXT}"`;

/** A JSON-LD node as Linked Art writes it. */
export type LaNode = { [key: string]: unknown };

/** What one Linked Art document of a record is made from, all of it as the public sees it. */
export interface LinkedArtInput {
  record: HeritageRecord;
  institution: Institution | null;
  /** Records this one is part of (only those the public may see). */
  parents: HeritageRecord[];
  /** The record's ready images the public may see, in order (a Manifest exists when there is one). */
  images: Media[];
  publicUrl: string;
}

// Kinds whose object carries a text (manuscripts and books): the text is its own LinguisticObject.
const TEXT_KINDS = ['manuscript', 'rare-book'];
// Agents of these roles are groups (workshops, firms); every other agent is a person.
const GROUP_ROLE = /workshop|studio|atelier|company|firm|factory|manufactur|organi[sz]ation|school|society/i;
// Places where a thing was made; places without a role count as such too.
const PRODUCTION_PLACE = /^(origin|production|made|creat|manufactur|place of (creation|production|publication)|publi|print|writ|cop(y|ied))/i;
const CURRENT_PLACE = /^(location|current|site|address)/i;

/** True when an agent of this role is a group (a workshop, a firm) rather than a person. */
export function isGroupRole(role: string | undefined): boolean {
  return GROUP_ROLE.test(role ?? '');
}

/** The stable URL of a record's Linked Art document. */
export function linkedArtUrl(publicUrl: string, recordId: string): string {
  return `${publicUrl}/linked-art/object/${encodeURIComponent(recordId)}`;
}

/** The URL of a record's public page. */
export function recordPageUrl(publicUrl: string, recordId: string): string {
  return `${publicUrl}/records/${encodeURIComponent(recordId)}`;
}

/** A record as a Linked Art HumanMadeObject (https://linked.art/api/1.0/endpoint/physical_object/). */
export function buildLinkedArt(input: LinkedArtInput): LaNode {
  const { record, institution, parents, images, publicUrl } = input;
  const label = labelOf(record.title, record.id);
  const kindType = KIND_TYPES[record.kind];
  const production = productionOf(record);
  const current = (record.places ?? []).find((p) => p.role && CURRENT_PLACE.test(p.role));
  const textKind = TEXT_KINDS.includes(record.kind);
  const subjects = (record.subjects ?? []).map((s) => termRef(s, 'Type'));
  const doc: LaNode = {
    '@context': LINKED_ART_CONTEXT,
    id: linkedArtUrl(publicUrl, record.id),
    type: 'HumanMadeObject',
    _label: label,
    ...nonEmpty('classified_as', [
      ...(kindType ? [kindType] : []),
      ...(record.objectTypes ?? []).map((t) => ({ ...termRef(t, 'Type'), classified_as: [TYPE_OF_WORK] })),
      ...(record.kind === 'site' ? [] : [VOCAB.collectionItem]),
    ]),
    identified_by: [...namesOf(record.title), ...identifiersOf(record)],
    ...nonEmpty('referred_to_by', statementsOf(record)),
    ...(production ? { produced_by: production } : {}),
    ...nonEmpty('made_of', (record.materials ?? []).map((m) => termRef(m, 'Material'))),
    ...nonEmpty('dimension', (record.dimensions ?? []).map(dimensionOf)),
    ...(current ? { current_location: placeOf(current) } : {}),
    ...(institution ? { current_owner: [groupOf(institution, publicUrl)] } : {}),
    ...(record.rights ? { subject_to: [rightOf(record.rights)] } : {}),
    ...nonEmpty('part_of', parents.map((p) => ({ id: linkedArtUrl(publicUrl, p.id), type: 'HumanMadeObject', _label: labelOf(p.title, p.id) }))),
    ...(textKind ? { carries: [textOf(record, label, subjects)] } : subjects.length ? { shows: [{ type: 'VisualItem', _label: `Visual content of ${label}`, about: subjects }] } : {}),
    ...(images.length ? { representation: [imageOf(images[0])] } : {}),
    subject_of: [pageOf(record, label, publicUrl), ...(images.length ? [manifestOf(record, label, publicUrl)] : [])],
  };
  return doc;
}

/** One Name per title: the first of each language is its Primary Name, with the AAT language where known. */
export function namesOf(map: LangMap | undefined): LaNode[] {
  const primaryFor = new Set<string>();
  const names: LaNode[] = [];
  for (const [tag, values] of Object.entries(map ?? {})) {
    const language = tag === 'none' ? null : languageRef(tag);
    for (const content of values ?? []) {
      if (!content?.trim()) continue;
      // Linked Art allows one primary name per language (and one without a language).
      const key = language?.id ?? '';
      const primary = !primaryFor.has(key);
      primaryFor.add(key);
      names.push({ type: 'Name', classified_as: [primary ? VOCAB.primaryName : VOCAB.alternateName], content, ...(language ? { language: [language] } : {}) });
    }
  }
  return names;
}

function identifiersOf(record: HeritageRecord): LaNode[] {
  const own = (record.identifiers ?? []).map((i) => {
    const type = IDENTIFIER_TYPES[i.type];
    return { type: 'Identifier', _label: i.label ?? i.type, content: i.value, ...(type ? { classified_as: [type] } : {}) };
  });
  return [...own, { type: 'Identifier', _label: 'Heritage Commons record id', content: record.id, classified_as: [VOCAB.systemNumber] }];
}

function statementsOf(record: HeritageRecord): LaNode[] {
  const out: LaNode[] = [];
  const add = (type: TypeRef, map: LangMap | undefined) => {
    for (const [tag, values] of Object.entries(map ?? {})) {
      const language = tag === 'none' ? null : languageRef(tag);
      for (const content of values ?? []) {
        if (content?.trim()) out.push({ type: 'LinguisticObject', classified_as: [type], content, ...(language ? { language: [language] } : {}) });
      }
    }
  };
  add(STATEMENTS.description, record.description);
  add(STATEMENTS.inscription, record.inscriptions);
  add(STATEMENTS.note, record.notes);
  add(STATEMENTS.creditLine, record.creditLine);
  if (record.dimensionsText?.trim()) add(STATEMENTS.dimensions, { none: [record.dimensionsText] });
  return out;
}

function productionOf(record: HeritageRecord): LaNode | null {
  const agents = record.agents ?? [];
  const places = (record.places ?? []).filter((p) => !p.role || PRODUCTION_PLACE.test(p.role));
  const techniques = (record.techniques ?? []).map((t) => termRef(t, 'Type'));
  const timespan = timespanOf(record.date);
  if (!agents.length && !places.length && !techniques.length && !timespan) return null;
  const withRoles = agents.filter((a) => a.role?.trim());
  return {
    type: 'Production',
    _label: `Production of ${labelOf(record.title, record.id)}`,
    ...(timespan ? { timespan } : {}),
    ...nonEmpty('carried_out_by', agents.map(agentOf)),
    ...nonEmpty('took_place_at', places.map(placeOf)),
    ...nonEmpty('technique', techniques),
    // Each agent's role, as a part of the production carried out by that agent.
    ...nonEmpty(
      'part',
      withRoles.map((a) => ({ type: 'Production', classified_as: [{ type: 'Type', _label: a.role }], carried_out_by: [agentOf(a)] })),
    ),
  };
}

/** A TimeSpan from the catalogued date: the display text and the EDTF years as instants (ISO 8601, astronomical years). */
export function timespanOf(date: HeritageRecord['date']): LaNode | null {
  if (!date?.display?.trim() && date?.yearFrom === undefined) return null;
  const { yearFrom, yearTo } = date;
  return {
    type: 'TimeSpan',
    ...(date.display?.trim() ? { identified_by: [{ type: 'Name', classified_as: [VOCAB.displayName], content: date.display }] } : {}),
    ...(yearFrom !== undefined ? { begin_of_the_begin: `${isoYear(yearFrom)}-01-01T00:00:00Z` } : {}),
    ...(yearTo !== undefined ? { end_of_the_end: `${isoYear(yearTo)}-12-31T23:59:59Z` } : {}),
  };
}

/** An ISO 8601 year: four digits, a minus sign before BCE years (0 = 1 BCE), expanded with a sign past 9999. */
export function isoYear(y: number): string {
  if (y < 0) return `-${String(-y).padStart(4, '0')}`;
  return y > 9999 ? `+${y}` : String(y).padStart(4, '0');
}

function agentOf(agent: NonNullable<HeritageRecord['agents']>[number]): LaNode {
  return {
    ...(agent.uri ? { id: agent.uri } : {}),
    type: isGroupRole(agent.role) ? 'Group' : 'Person',
    _label: labelOf(agent.name, agent.role ?? ''),
    identified_by: namesOf(agent.name),
  };
}

function placeOf(place: NonNullable<HeritageRecord['places']>[number]): LaNode {
  const point = place.lat !== undefined && place.lon !== undefined ? `POINT(${place.lon} ${place.lat})` : null;
  return {
    ...(place.uri ? { id: place.uri } : {}),
    type: 'Place',
    _label: labelOf(place.name, place.country ?? ''),
    identified_by: namesOf(place.name),
    ...(point ? { defined_by: point } : {}),
  };
}

function dimensionOf(d: NonNullable<HeritageRecord['dimensions']>[number]): LaNode {
  return {
    type: 'Dimension',
    classified_as: [dimensionType(d.type)],
    value: d.value,
    unit: measurementUnit(d.unit),
    ...(d.display ? { identified_by: [{ type: 'Name', classified_as: [VOCAB.displayName], content: d.display }] } : {}),
  };
}

function groupOf(institution: Institution, publicUrl: string): LaNode {
  return {
    id: `${publicUrl}/institutions/${encodeURIComponent(institution.id)}`,
    type: 'Group',
    _label: labelOf(institution.name, institution.id),
    classified_as: [institution.kind === 'museum' ? VOCAB.museum : VOCAB.organization],
    identified_by: namesOf(institution.name),
  };
}

function rightOf(uri: string): LaNode {
  const canonical = iiifRights(uri) ?? uri;
  const label = rightsLabel('en', uri)?.label ?? uri;
  return { type: 'Right', _label: label, classified_as: [{ id: canonical, type: 'Type', _label: label }], identified_by: [{ type: 'Name', content: label }] };
}

function textOf(record: HeritageRecord, label: string, subjects: LaNode[]): LaNode {
  const languages = (record.languages ?? []).map(languageRef).filter((l): l is TypeRef => l !== null);
  return {
    type: 'LinguisticObject',
    _label: `Text of ${label}`,
    ...nonEmpty('language', languages),
    ...nonEmpty('about', subjects),
  };
}

function imageOf(image: Media): LaNode {
  return {
    type: 'VisualItem',
    digitally_shown_by: [
      {
        type: 'DigitalObject',
        classified_as: [VOCAB.digitalImage],
        format: 'image/jpeg',
        access_point: [{ id: image.links.thumbnail, type: 'DigitalObject' }],
        digitally_available_via: [
          {
            type: 'DigitalService',
            conforms_to: [{ id: 'http://iiif.io/api/image', type: 'InformationObject' }],
            format: 'application/ld+json;profile="http://iiif.io/api/image/3/context.json"',
            access_point: [{ id: image.links.iiif, type: 'DigitalObject' }],
          },
        ],
      },
    ],
  };
}

function pageOf(record: HeritageRecord, label: string, publicUrl: string): LaNode {
  return {
    type: 'LinguisticObject',
    _label: `Web page about ${label}`,
    digitally_carried_by: [
      { type: 'DigitalObject', classified_as: [VOCAB.webPage], format: 'text/html', access_point: [{ id: recordPageUrl(publicUrl, record.id), type: 'DigitalObject' }] },
    ],
  };
}

function manifestOf(record: HeritageRecord, label: string, publicUrl: string): LaNode {
  return {
    type: 'LinguisticObject',
    _label: `IIIF Manifest of ${label}`,
    digitally_carried_by: [
      {
        type: 'DigitalObject',
        format: PRESENTATION_LD_JSON,
        conforms_to: [{ id: 'http://iiif.io/api/presentation/3/context.json', type: 'InformationObject' }],
        access_point: [{ id: manifestUrl(publicUrl, record.id), type: 'DigitalObject' }],
      },
    ],
  };
}

/** A vocabulary term as a reference: its URI when it has one, its labels as names either way. */
function termRef(t: { label: LangMap; uri?: string }, type: string): LaNode {
  return { ...(t.uri ? { id: t.uri } : {}), type, _label: labelOf(t.label, ''), ...(t.uri ? {} : nonEmpty('identified_by', namesOf(t.label))) };
}

// `_label` is for developers: English where there is some, else the best other text.
function labelOf(map: LangMap | undefined, fallback: string): string {
  return firstText(map, 'en', fallback);
}

function nonEmpty<K extends string>(key: K, values: unknown[]): Partial<Record<K, unknown[]>> {
  return values.length ? ({ [key]: values } as Record<K, unknown[]>) : {};
}
