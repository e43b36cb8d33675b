import type { RecordInput, RecordKind } from '../../records/record.schema';
import type { ImportWarning } from '../import.types';
import type { MapOutcome } from './dc.mapper';
import { add, all, appellations, conceptOf, eventDateOf, isIiifManifest, isPreferred, labelOf, measurementsOf, placeOf, type LangMap } from './lido.parts';
import { attrOf, childElement, childElements, langKey, textOf, type XmlElement } from './xml-records';

export { LIDO_NS } from './lido.parts';

type Term = NonNullable<RecordInput['subjects']>[number];
type Agent = NonNullable<RecordInput['agents']>[number];
type Place = NonNullable<RecordInput['places']>[number];

/** Event types whose actors made the object: LIDO's Production (lido00007) and Creation/Designing, by URI or label. */
const MAKING = /^(production|creation|design(ing)?|herstellung|entstehung|entwurf|fabrication|production event)$/i;
const MAKING_URIS = /\/(lido00007|lido00012|lido00224)$/;

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
  const typeText = objectTypes.flatMap((t) => Object.values(t.label).flat()).join(' ');
  const kind = KINDS.find(([re]) => re.test(typeText))?.[1] ?? 'object';

  const identifiers: NonNullable<RecordInput['identifiers']> = [];
  for (const id of all(identification, 'repositoryWrap', 'repositorySet', 'workID')) {
    const type = attrOf(id, 'type');
    identifiers.push({ type: 'inventory', value: textOf(id).slice(0, 500), ...(type && !/^https?:/.test(type) ? { label: type.slice(0, 200) } : {}) });
  }
  const source = attrOf(recId, 'source');
  identifiers.push({ type: 'other', value: textOf(recId).slice(0, 500), label: `lidoRecID${source ? ` (${source})` : ''}`.slice(0, 200) });
  for (const id of childElements(lido, 'objectPublishedID')) if (/^https?:\/\//.test(textOf(id))) identifiers.push({ type: 'uri', value: textOf(id).slice(0, 500) });

  const events = all(descriptive, 'eventWrap', 'eventSet', 'event');
  const making = events.filter((e) => {
    const type = conceptOf(childElement(e, 'eventType'));
    return !!type && (MAKING_URIS.test(type.uri ?? '') || Object.values(type.label).flat().some((l) => MAKING.test(l)));
  });
  const agents: Agent[] = [];
  const places: Place[] = [];
  const materials: Term[] = [];
  const techniques: Term[] = [];
  let date: RecordInput['date'];
  for (const event of making) {
    for (const role of all([event], 'eventActor', 'actorInRole')) {
      const agent = agentOf(role);
      if (agent && !agents.some((a) => (a.uri && a.uri === agent.uri) || JSON.stringify(a.name) === JSON.stringify(agent.name))) agents.push(agent);
    }
    const d = eventDateOf(childElement(event, 'eventDate'));
    if (d.problem) warnings.push({ field: 'lido:eventDate', message: d.problem });
    date ??= d.value;
    for (const p of childElements(event, 'eventPlace')) {
      const place = placeOf(childElement(p, 'place'), textOf(childElement(p, 'displayPlace')), 'production');
      if (place && !places.some((x) => JSON.stringify(x.name) === JSON.stringify(place.name))) places.push(place);
    }
    materialsTech(all([event], 'eventMaterialsTech', 'materialsTech'), materials, techniques);
  }
  materialsTech(all(identification, 'objectMaterialsTechWrap', 'objectMaterialsTechSet', 'materialsTech'), materials, techniques);
  if (!making.length && events.length) warnings.push({ field: 'lido:eventType', message: 'no production or creation event: no makers, date or place of making taken' });

  const { dimensions, texts } = measurementsOf(all(identification, 'objectMeasurementsWrap', 'objectMeasurementsSet'));
  const inscriptions: LangMap = {};
  for (const i of all(identification, 'inscriptionsWrap', 'inscriptions')) {
    for (const t of [...childElements(i, 'inscriptionTranscription'), ...all([i], 'inscriptionDescription', 'descriptiveNoteValue')]) add(inscriptions, langKey(t), textOf(t));
  }
  const description: LangMap = {};
  for (const d of all(identification, 'objectDescriptionWrap', 'objectDescriptionSet', 'descriptiveNoteValue')) add(description, langKey(d), textOf(d));

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

  const notes: LangMap = {};
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

/** An actor in a role: preferred names first, the role's label (English when given), a URI actorID, life dates. */
function agentOf(actorInRole: XmlElement): Agent | null {
  const actor = childElement(actorInRole, 'actor');
  const name = appellations(childElement(actor, 'nameActorSet'), { inherit: false });
  if (!Object.keys(name).length) return null;
  const ids = childElements(actor, 'actorID').filter((i) => /^https?:\/\//.test(textOf(i)));
  const uri = textOf(ids.find(isPreferred) ?? ids[0]) || undefined;
  const role = labelOf(conceptOf(childElement(actorInRole, 'roleActor'))) ?? 'creator';
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
