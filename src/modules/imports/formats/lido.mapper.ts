import type { RecordInput, RecordKind } from '../../records/record.schema';
import type { ImportWarning } from '../import.types';
import type { MapOutcome } from './dc.mapper';
import { add, all, appellations, conceptOf, eventDateOf, isIiifManifest, isPreferred, labelOf, measurementsOf, placeOf, type LangMap } from './lido.parts';
import { eventActorRole, eventTypeOf, type LidoEventType } from './lido.events';
import { attrOf, childElement, childElements, langKey, textOf, type XmlElement } from './xml-records';

export { LIDO_NS } from './lido.parts';

type Term = NonNullable<RecordInput['subjects']>[number];
type Agent = NonNullable<RecordInput['agents']>[number];
type Place = NonNullable<RecordInput['places']>[number];

/** workID types (lido:type) naming a kind of identifier other than an inventory number. */
const ID_TYPES: [RegExp, 'shelfmark' | 'call-number' | 'inventory'][] = [
  [/^(shelfmark|signatur)$/i, 'shelfmark'],
  [/^call[- ]number$/i, 'call-number'],
  [/lido00113$/, 'inventory'],
];

/** Words in an object type that choose a kind other than `object`. */
const KINDS: [RegExp, RecordKind][] = [
  [/manuscript|handschrift|codex/i, 'manuscript'],
  [/\b(book|buch|druckschrift|incunab|inkunabel)/i, 'rare-book'],
  [/archiv|akte|urkunde|\bfonds\b|\bdocument\b/i, 'archival-unit'],
  [/\b(building|gebäude|bauwerk|archaeological site|fundstelle|monument)\b/i, 'site'],
  [/\b(film|video|audio|sound recording|tonträger|tonaufnahme)/i, 'audiovisual'],
];

/**
 * Maps one `lido:lido` record (LIDO 1.0 or 1.1) to a record: lidoRecID as the source identifier,
 * titles by language, the production/creation event's actors, date (EDTF from earliest/latest),
 * places with coordinates and materials, measurements, inscriptions, subjects with concept URIs,
 * the work's rights URI, the inventory number (workID), the record's link; IIIF manifests among the
 * resources become `iiifManifests`, other image links a note.
 */
export function lidoToRecord(lido: XmlElement, opts: { institutionId: string; source: Omit<NonNullable<RecordInput['source']>, 'identifier'> }): MapOutcome {
  const warnings: ImportWarning[] = [];
  const recId = childElements(lido, 'lidoRecID').find((e) => textOf(e));
  if (!recId) return { problems: [{ field: 'lido:lidoRecID', message: 'no lidoRecID: a LIDO record needs its identifier' }] };
  const descriptive = childElements(lido, 'descriptiveMetadata');
  const admin = childElements(lido, 'administrativeMetadata');
  const identification = all(descriptive, 'objectIdentificationWrap');

  const title: LangMap = {};
  const sets = all(identification, 'titleWrap', 'titleSet');
  for (const set of [...sets.filter(isPreferred), ...sets.filter((s) => !isPreferred(s))]) {
    for (const [lang, values] of Object.entries(appellations(set, { inherit: true }))) values.forEach((v) => add(title, lang, v));
  }
  if (!Object.keys(title).length) return { problems: [{ field: 'lido:titleWrap', message: 'no titleSet/appellationValue: a record needs a title' }] };

  const objectTypes = uniqueTerms(all(descriptive, 'objectClassificationWrap', 'objectWorkTypeWrap', 'objectWorkType').map((e) => conceptOf(e)));
  // The object/work type names the kind; failing that, a classification does (as the OAI-PMH LIDO writer puts it).
  const classes = all(descriptive, 'objectClassificationWrap', 'classificationWrap', 'classification').map((e) => conceptOf(e));
  const kindIn = (terms: (Term | null)[]) => KINDS.find(([re]) => re.test(terms.flatMap((t) => Object.values(t?.label ?? {}).flat()).join(' ')))?.[1];
  const kind = kindIn(objectTypes) ?? kindIn(classes) ?? 'object';

  const identifiers: NonNullable<RecordInput['identifiers']> = [];
  for (const id of all(identification, 'repositoryWrap', 'repositorySet', 'workID')) {
    const type = attrOf(id, 'type');
    const known = type && ID_TYPES.find(([re]) => re.test(type))?.[1];
    identifiers.push({ type: known || 'inventory', value: textOf(id).slice(0, 500), ...(type && !known && !/^https?:/.test(type) ? { label: type.slice(0, 200) } : {}) });
  }
  const source = attrOf(recId, 'source');
  identifiers.push({ type: 'other', value: textOf(recId).slice(0, 500), label: `lidoRecID${source ? ` (${source})` : ''}`.slice(0, 200) });
  for (const id of childElements(lido, 'objectPublishedID')) {
    const type = /^(isbn|issn|doi)$/i.exec(attrOf(id, 'type') ?? '')?.[1].toLowerCase() as 'isbn' | 'issn' | 'doi' | undefined;
    if (type || /^https?:\/\//.test(textOf(id))) identifiers.push({ type: type ?? 'uri', value: textOf(id).slice(0, 500) });
  }

  const events = all(descriptive, 'eventWrap', 'eventSet', 'event').map((el) => ({ el, ...eventKind(conceptOf(childElement(el, 'eventType'))) }));
  const making = events.filter((e) => e.type?.making);
  const agents: Agent[] = [];
  const places: Place[] = [];
  const materials: Term[] = [];
  const techniques: Term[] = [];
  let date: RecordInput['date'];
  const seen = new Set<string>();
  // Makers first, then the actors and places of every other event (acquisition, finding, use...).
  for (const event of [...making, ...events.filter((e) => !e.type?.making && e.label)]) {
    for (const role of all([event.el], 'eventActor', 'actorInRole')) {
      const agent = agentOf(role, (label) => roleIn(event, label));
      // One agent per actor and event: descriptiveMetadata in several languages repeat the same actors.
      const keys = agent ? [agent.uri, JSON.stringify(agent.name)].filter(Boolean).map((k) => `${event.type?.making ? 'making' : event.label}|${k}`) : [];
      if (agent && !keys.some((k) => seen.has(k))) agents.push(agent);
      keys.forEach((k) => seen.add(k));
    }
    for (const p of childElements(event.el, 'eventPlace')) {
      const place = placeOf(childElement(p, 'place'), textOf(childElement(p, 'displayPlace')), event.type?.placeRole ?? event.label!.slice(0, 100));
      if (place && !places.some((x) => x.role === place.role && JSON.stringify(x.name) === JSON.stringify(place.name))) places.push(place);
    }
    if (!event.type?.making) continue;
    const d = eventDateOf(childElement(event.el, 'eventDate'));
    if (d.problem) warnings.push({ field: 'lido:eventDate', message: d.problem });
    date ??= d.value;
    materialsTech(all([event.el], 'eventMaterialsTech', 'materialsTech'), materials, techniques);
  }
  materialsTech(all(identification, 'objectMaterialsTechWrap', 'objectMaterialsTechSet', 'materialsTech'), materials, techniques);
  if (!making.length && events.length) warnings.push({ field: 'lido:eventType', message: 'no production or creation event: no makers, date or place of making taken' });

  const { dimensions, texts } = measurementsOf(all(identification, 'objectMeasurementsWrap', 'objectMeasurementsSet'));
  const inscriptions: LangMap = {};
  for (const i of all(identification, 'inscriptionsWrap', 'inscriptions')) {
    for (const t of [...childElements(i, 'inscriptionTranscription'), ...all([i], 'inscriptionDescription', 'descriptiveNoteValue')]) add(inscriptions, langKey(t), textOf(t));
  }
  const description: LangMap = {};
  const notes: LangMap = {};
  for (const set of all(identification, 'objectDescriptionWrap', 'objectDescriptionSet')) {
    const target = /^notes?$/i.test(attrOf(set, 'type') ?? '') ? notes : description;
    for (const d of childElements(set, 'descriptiveNoteValue')) add(target, langKey(d), textOf(d));
  }

  const subjects: Term[] = [];
  for (const s of all(descriptive, 'objectRelationWrap', 'subjectWrap', 'subjectSet')) {
    const subject = childElement(s, 'subject');
    const found = uniqueTerms([
      ...childElements(subject, 'subjectConcept').map((c) => conceptOf(c)),
      ...all([subject], 'subjectPlace', 'place').map((p) => nameTerm(appellations(childElement(p, 'namePlaceSet'), { inherit: false }))),
      ...all([subject], 'subjectActor', 'actor').map((a) => nameTerm(appellations(childElement(a, 'nameActorSet'), { inherit: false }))),
    ]);
    if (!found.length && textOf(childElement(s, 'displaySubject'))) found.push({ label: { [langKey(childElement(s, 'displaySubject')!)]: [textOf(childElement(s, 'displaySubject'))] } });
    for (const t of found) if (!subjects.some((x) => JSON.stringify(x) === JSON.stringify(t))) subjects.push(t);
  }

  const rightsSets = all(admin, 'rightsWorkWrap', 'rightsWorkSet');
  const rights = rightsSets.map((r) => conceptOf(childElement(r, 'rightsType'))?.uri).find((u) => u && /^https?:\/\/(rightsstatements\.org|creativecommons\.org)\//.test(u));
  if (!rights) warnings.push({ field: 'lido:rightsWorkWrap', message: 'no rightsstatements.org or Creative Commons URI in rightsWorkSet/rightsType: the record has no rights' });
  const creditLine: LangMap = {};
  for (const c of all(rightsSets, 'creditLine')) add(creditLine, langKey(c), textOf(c));

  const iiifManifests: string[] = [];
  for (const set of all(admin, 'resourceWrap', 'resourceSet')) {
    const reps = all([set], 'resourceRepresentation')
      .map((rep) => ({ type: attrOf(rep, 'type') ?? '', link: childElement(rep, 'linkResource') }))
      .filter((r) => r.link && /^https?:\/\//.test(textOf(r.link)));
    for (const r of reps) if (isIiifManifest(textOf(r.link), attrOf(r.link, 'formatResource')) && iiifManifests.length < 20) iiifManifests.push(textOf(r.link).slice(0, 2000));
    // The largest representation LIDO offers: the master (lido00464 in 1.1) or, failing that, the last listed.
    const image = (reps.find((r) => /master|lido00464/.test(r.type)) ?? reps.at(-1))?.link;
    if (image && !isIiifManifest(textOf(image), attrOf(image, 'formatResource'))) add(notes, 'none', `Image: ${textOf(image)}`);
  }
  const url = all(admin, 'recordWrap', 'recordInfoSet', 'recordInfoLink').map(textOf).find((t) => /^https?:\/\//.test(t) && t.length <= 2000);

  return {
    record: {
      institutionId: opts.institutionId,
      kind,
      title,
      ...(Object.keys(description).length ? { description } : {}),
      ...(Object.keys(inscriptions).length ? { inscriptions } : {}),
      ...(Object.keys(notes).length ? { notes } : {}),
      identifiers: identifiers.slice(0, 100),
      ...(agents.length ? { agents: agents.slice(0, 200) } : {}),
      ...(date ? { date } : {}),
      ...(places.length ? { places: places.slice(0, 100) } : {}),
      ...(materials.length ? { materials: materials.slice(0, 100) } : {}),
      ...(techniques.length ? { techniques: techniques.slice(0, 100) } : {}),
      ...(objectTypes.length ? { objectTypes: objectTypes.slice(0, 50) } : {}),
      ...(dimensions.length ? { dimensions } : {}),
      ...(texts.length ? { dimensionsText: texts.join('; ').slice(0, 1000) } : {}),
      ...(subjects.length ? { subjects: subjects.slice(0, 500) } : {}),
      ...(iiifManifests.length ? { iiifManifests } : {}),
      ...(rights ? { rights } : {}),
      ...(Object.keys(creditLine).length ? { creditLine } : {}),
      source: { ...opts.source, identifier: textOf(recId).slice(0, 500), ...(url ? { url } : {}) },
    },
    warnings,
  };
}

/** The event type of an eventType concept, and a lower-case label for types outside the vocabulary ("event (non-specified)" has none). */
function eventKind(term: Term | null): { type: LidoEventType | null; label?: string } {
  const type = eventTypeOf(term);
  if (type) return { type, label: type.label.toLowerCase() };
  const label = labelOf(term)?.toLowerCase();
  return { type: null, ...(label && !/non-specified|nicht spezifiziert|^https?:/.test(label) ? { label } : {}) };
}

/** An actor's role in an event: a maker's own role (creator when none), else a role that names the event. */
function roleIn(event: { type: LidoEventType | null; label?: string }, roleActor: string | undefined): string {
  if (event.type?.making) return roleActor ?? 'creator';
  if (event.type) return eventActorRole(event.type, roleActor);
  return roleActor ? `${roleActor} (${event.label})` : event.label!;
}

/** An actor in a role: preferred names first, the role (from roleActor's label, English when given), a URI actorID, life dates. */
function agentOf(actorInRole: XmlElement, roleOf: (roleActor: string | undefined) => string): Agent | null {
  const actor = childElement(actorInRole, 'actor');
  const name = appellations(childElement(actor, 'nameActorSet'), { inherit: false });
  if (!Object.keys(name).length) return null;
  const ids = childElements(actor, 'actorID').filter((i) => /^https?:\/\//.test(textOf(i)));
  const uri = textOf(ids.find(isPreferred) ?? ids[0]) || undefined;
  const role = roleOf(labelOf(conceptOf(childElement(actorInRole, 'roleActor'))));
  const vital = childElement(actor, 'vitalDatesActor');
  const dates = [textOf(childElement(vital, 'earliestDate')), textOf(childElement(vital, 'latestDate'))].filter(Boolean).join('–');
  return { name, role: role.slice(0, 100), ...(uri ? { uri: uri.slice(0, 2000) } : {}), ...(dates ? { dates: dates.slice(0, 100) } : {}) };
}

/** Sorts termMaterialsTech concepts into materials and techniques by their lido:type. */
function materialsTech(list: XmlElement[], materials: Term[], techniques: Term[]): void {
  for (const mt of list) {
    for (const t of childElements(mt, 'termMaterialsTech')) {
      const term = conceptOf(t);
      if (!term) continue;
      const target = /techni|technik|lido00131/i.test(attrOf(t, 'type') ?? '') ? techniques : materials;
      if (!target.some((x) => JSON.stringify(x) === JSON.stringify(term))) target.push(term);
    }
  }
}

function nameTerm(label: LangMap): Term | null {
  return Object.keys(label).length ? { label } : null;
}

function uniqueTerms(terms: (Term | null)[]): Term[] {
  const out: Term[] = [];
  for (const t of terms) if (t && !out.some((x) => JSON.stringify(x) === JSON.stringify(t))) out.push(t);
  return out;
}
