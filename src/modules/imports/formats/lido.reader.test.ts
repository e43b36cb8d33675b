import fs from 'node:fs';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { normalizeRecord } from '../../records/record.normalize';
import type { RecordInput } from '../../records/record.schema';
import type { ImportWarning, ReadItem } from '../import.types';
import { lidoReader } from './lido.reader';
import { sharedData } from '../../../../test/helpers/shared-data';

const opts = { institutionId: 'uffizi', sourceSystem: 'lido-test', sourceKind: 'import' as const };
async function read(input: Readable): Promise<ReadItem[]> {
  const items: ReadItem[] = [];
  for await (const item of lidoReader(input, opts)) items.push(item);
  return items;
}
const file = (...parts: string[]) => fs.createReadStream(sharedData('lido', ...parts));
async function one(...parts: string[]): Promise<{ record: RecordInput; warnings: ImportWarning[] }> {
  const [item] = await read(file(...parts));
  if (item.kind !== 'record') throw new Error(`expected a record, got ${JSON.stringify(item)}`);
  return { record: item.record, warnings: item.warnings };
}

describe('lidoReader', () => {
  it('maps every official example and every real DDB record to a record the API accepts', async () => {
    const files = [
      ...fs.readdirSync(sharedData('lido')).filter((f) => f.endsWith('.xml')),
      ...fs.readdirSync(sharedData('lido', 'ddb-real-records')).map((f) => `ddb-real-records/${f}`),
    ];
    expect(files).toHaveLength(28);
    let records = 0;
    for (const f of files) {
      for (const item of await read(fs.createReadStream(sharedData('lido', f)))) {
        expect(item.kind, `${f} #${item.position.record}`).toBe('record');
        if (item.kind !== 'record') continue;
        records++;
        expect(item.position.identifier, f).toBe(item.record.source?.identifier);
        const result = normalizeRecord(item.record);
        expect('problems' in result ? `${f}: ${JSON.stringify(result.problems)}` : 'ok').toBe('ok');
      }
    }
    // 5 example files (two of them lidoWraps of 3 records) and 23 real records.
    expect(records).toBe(3 + 3 + 1 + 1 + 1 + 23);
  });

  it("maps Botticelli's Primavera (LIDO 1.1): titles in four languages, the painter, the date range, materials, inventory number, rights", async () => {
    const { record, warnings } = await one('LIDO-v1.1-Example_FMobj00154983-LaPrimavera.xml');
    expect(record.title).toEqual({ it: ['La Primavera', 'allegoria della primavera'], en: ['Spring'], de: ['Der Frühling'], fr: ['Allégorie du Printemps'] });
    expect(record.agents).toEqual([
      {
        name: { none: ['Botticelli, Sandro', 'Sandro Botticelli', 'Filipepi, Alessandro', 'Filipepi, Sandro'] },
        role: 'painters (artists)',
        uri: 'http://vocab.getty.edu/ulan/500015254',
        dates: '1445–1510-05-17',
      },
      // The acquisition event (lido00001) names the Uffizi without a role: the event's own word.
      { name: { de: ['Uffizien'], it: ['Galleria degli Uffizi'], en: ['Uffizi Gallery'] }, role: 'acquisition', uri: 'http://vocab.getty.edu/ulan/500125191' },
    ]);
    expect(record.date).toEqual({ display: 'um 1480 oder 1482/1485', edtf: '1480/1485' });
    expect(record.materials).toEqual([
      { label: { en: ['poplar (wood)'] }, uri: 'http://vocab.getty.edu/aat/300012363', vocabulary: 'AAT' },
      { label: { en: ['oil tempera'] }, uri: 'http://vocab.getty.edu/aat/300015066', vocabulary: 'AAT' },
    ]);
    expect(record.techniques).toEqual([{ label: { en: ['panel painting (image-making)'] }, uri: 'http://vocab.getty.edu/aat/300178675', vocabulary: 'AAT' }]);
    expect(record.identifiers?.[0]).toEqual({ type: 'inventory', value: '8360 (Inv. 1890)' });
    expect(record.rights).toBe('http://rightsstatements.org/vocab/NoC-OKLR/1.0/');
    expect(record.objectTypes).toEqual([{ label: { en: ['painting (visual work)'], de: ['Gemälde'] }, uri: 'http://vocab.getty.edu/aat/300033618', vocabulary: 'AAT' }]);
    expect(record.dimensions).toEqual([
      { type: 'height', value: 203, unit: 'cm', display: '203 x 314 cm' },
      { type: 'width', value: 314, unit: 'cm', display: '203 x 314 cm' },
    ]);
    expect(record.subjects?.[0]).toMatchObject({ uri: 'http://iconclass.org/23D42', vocabulary: 'Iconclass', label: { en: ["spring, 'Ver'; 'Primavera' (Ripa)"] } });
    expect(record.source).toEqual({ kind: 'import', system: 'lido-test', identifier: 'DE-Mb112/lido-obj00154983', url: 'https://www.bildindex.de/document/obj00154983' });
    expect(record.notes?.none?.[0]).toBe('Image: http://www.bildindex.de/bilder/d/fmp_gkka1982_01929_2l');
    expect(warnings).toEqual([]);
  });

  it('maps the LIDO 1.0 Primavera: materials from eventMaterialsTech in the language of each descriptiveMetadata, a warning for missing rights', async () => {
    const { record, warnings } = await one('LIDO-Example_FMobj00154983-LaPrimavera.xml');
    // Two descriptiveMetadata, in English and German: terms without URIs cannot be merged, each keeps its language.
    expect(record.materials).toEqual([{ label: { en: ['tempera'] } }, { label: { en: ['poplar'] } }, { label: { de: ['Tempera'] } }, { label: { de: ['Pappelholz'] } }]);
    expect(record.title).toMatchObject({ en: expect.any(Array), de: expect.any(Array) });
    expect(record.identifiers?.[0]).toEqual({ type: 'inventory', value: '8360 (Inv. 1890)', label: 'inventory number' });
    expect(record.agents?.[0].name.none?.[0]).toBe('Botticelli, Sandro');
    expect(record.date).toEqual({ display: '1482', edtf: '1482' });
    expect(record.dimensionsText).toBe('203 x 314 cm');
    expect(record.rights).toBeUndefined();
    expect(warnings).toContainEqual({ field: 'lido:rightsWorkWrap', message: expect.stringMatching(/no rightsstatements\.org or Creative Commons URI/) });
  });

  it('takes the rights URI of a real record from rightsType (conceptID in 1.0, skos:Concept in 1.1)', async () => {
    expect((await one('ddb-real-records', 'KHB.xml')).record.rights).toBe('http://creativecommons.org/publicdomain/mark/1.0/');
    expect((await one('ddb-real-records', 'Münzkabinett.xml')).record.rights).toBe('https://creativecommons.org/licenses/by-sa/4.0/');
    const { record, warnings } = await one('ddb-real-records', 'museum-digital_Oderberg.xml');
    expect(record.rights).toBeUndefined();
    expect(record.identifiers?.[0]).toEqual({ type: 'inventory', value: 'V 1356 S', label: 'inventory number' });
    expect(record.source?.url).toBe('https://brandenburg.museum-digital.de/object/78541');
    expect(warnings.map((w) => w.field)).toEqual(['lido:eventType', 'lido:rightsWorkWrap']);
  });

  it('takes the actors and places of events other than production, with roles naming the event (official examples and real records)', async () => {
    const fontana = (await read(file('LIDO-v1.1-Example_FMobj20344012-Fontana_del_Moro.xml')))[2];
    expect(fontana.kind === 'record' && fontana.record.agents?.map((a) => [a.name.none?.[0], a.role])).toEqual([
      ['Bernini, Gian Lorenzo', 'designers'],
      ['Mari, Giovanni Antonio', 'sculptors'],
      // Commissioning (lido00226): the AAT role already names the event, so it stays as it is.
      ['Pamphili, Olimpia', 'commissioners (people who order works)'],
    ]);
    // LIDO 1.0 Primavera: provenance events by label, with places and no actors; the date stays the production date.
    const { record: primavera } = await one('LIDO-Example_FMobj00154983-LaPrimavera.xml');
    expect(primavera.places?.map((p) => p.role)).toEqual(['provenance', 'provenance', 'provenance', 'provenance']);
    expect(primavera.date).toEqual({ display: '1482', edtf: '1482' });
    // A publication event with a German role: the role keeps its word and names the event.
    const { record: kenom } = await one('ddb-real-records', 'KENOM_Landesbib_Schwerin.xml');
    expect(kenom.agents?.map((a) => a.role)).toEqual(['Grafiker', 'Herausgeber (publication)']);
    // museum-digital's own event type URIs ("Aufgenommen": photographic recording) by their labels.
    const { record: mullrose } = await one('ddb-real-records', 'museum-digital_Müllrose.xml');
    expect(mullrose.agents).toEqual([{ name: { none: ['Raschke, Ursula'], de: ['Ursula Raschke'] }, role: 'photographer', uri: 'https://d-nb.info/gnd/1232842486', dates: '1919–1996' }]);
    expect(mullrose.places?.map((p) => p.role)).toEqual(['photographed at']);
    // An event type outside the vocabulary ("Gezeichnet") names the role itself; commissioning by label.
    const { record: technik } = await one('ddb-real-records', 'Technik-Museum.xml');
    expect(technik.agents?.map((a) => a.role)).toEqual(['gezeichnet', 'commissioner']);
    expect(technik.places?.map((p) => p.role)).toEqual(['gezeichnet', 'commissioning place']);
  });

  it('maps finding, excavation, collecting, acquisition, use, restoration and exhibition events', async () => {
    const event = (type: string, label: string, actor: string, role: string | null, place?: string) =>
      `<eventSet><event><eventType><conceptID lido:type="http://terminology.lido-schema.org/lido00099">http://terminology.lido-schema.org/${type}</conceptID><term xml:lang="en">${label}</term></eventType>` +
      `<eventActor><actorInRole><actor><nameActorSet><appellationValue>${actor}</appellationValue></nameActorSet></actor>${role ? `<roleActor><term>${role}</term></roleActor>` : ''}</actorInRole></eventActor>` +
      `<eventDate><displayDate>${label} date</displayDate></eventDate>` +
      (place ? `<eventPlace><place><namePlaceSet><appellationValue xml:lang="en">${place}</appellationValue></namePlaceSet><gml><gml:Point><gml:pos>36.3 59.6</gml:pos></gml:Point></gml></place></eventPlace>` : '') +
      '</event></eventSet>';
    const xml = `<lido xmlns="http://www.lido-schema.org" xmlns:lido="http://www.lido-schema.org" xmlns:gml="http://www.opengis.net/gml"><lidoRecID lido:type="local">E-1</lidoRecID>
      <descriptiveMetadata xml:lang="en"><objectIdentificationWrap><titleWrap><titleSet><appellationValue>Bronze mirror</appellationValue></titleSet></titleWrap></objectIdentificationWrap>
      <eventWrap>${event('lido00002', 'Finding', 'A farmer', null, 'Merv')}${event('lido00033', 'Excavation', 'Joint expedition', 'field director', 'Merv, trench 4')}
      ${event('lido00010', 'Collecting', 'Stein, Aurel', null)}${event('lido00001', 'Acquisition', 'Spink &amp; Son', 'seller')}${event('lido00011', 'Use', 'Monastery', null)}
      ${event('lido00034', 'Restoration', 'Conservation lab', 'conservator')}${event('lido00225', 'Exhibition', 'Silk Road Museum', null, 'Xi’an')}
      ${event('lido00007', 'Production', 'Unknown bronze caster', 'caster', 'Chang’an')}</eventWrap></descriptiveMetadata></lido>`;
    const [item] = await read(Readable.from([xml]));
    if (item.kind !== 'record') throw new Error(JSON.stringify(item));
    expect(item.record.agents?.map((a) => [a.name.none?.[0], a.role])).toEqual([
      ['Unknown bronze caster', 'caster'],
      ['A farmer', 'finder'],
      ['Joint expedition', 'field director (excavation)'],
      ['Stein, Aurel', 'collector'],
      ['Spink & Son', 'seller'],
      ['Monastery', 'user'],
      ['Conservation lab', 'conservator'],
      ['Silk Road Museum', 'exhibitor'],
    ]);
    expect(item.record.places?.map((p) => [p.name.en?.[0], p.role])).toEqual([
      ['Chang’an', 'production'],
      ['Merv', 'find spot'],
      ['Merv, trench 4', 'excavation site'],
      ['Xi’an', 'exhibition venue'],
    ]);
    expect(item.record.places?.[1]).toMatchObject({ lat: 36.3, lon: 59.6 });
    // Only the production event dates the object.
    expect(item.record.date).toEqual({ display: 'Production date' });
    expect(item.warnings).not.toContainEqual(expect.objectContaining({ field: 'lido:eventType' }));
  });

  it('reads back shelfmarks, DOIs, notes and the kind from a classification, as the OAI-PMH LIDO writer gives them', async () => {
    const xml = `<lido:lido xmlns:lido="http://www.lido-schema.org"><lido:lidoRecID lido:type="local">S-1</lido:lidoRecID>
      <lido:objectPublishedID lido:type="doi">10.1234/abc</lido:objectPublishedID><lido:objectPublishedID lido:type="isbn">9780000000002</lido:objectPublishedID>
      <lido:descriptiveMetadata xml:lang="en"><lido:objectClassificationWrap><lido:objectWorkTypeWrap><lido:objectWorkType><lido:term>scroll</lido:term></lido:objectWorkType></lido:objectWorkTypeWrap>
      <lido:classificationWrap><lido:classification><lido:term xml:lang="en">manuscript</lido:term></lido:classification></lido:classificationWrap></lido:objectClassificationWrap>
      <lido:objectIdentificationWrap><lido:titleWrap><lido:titleSet><lido:appellationValue>Sutra</lido:appellationValue></lido:titleSet></lido:titleWrap>
      <lido:repositoryWrap><lido:repositorySet><lido:workID lido:type="shelfmark">Or.8210/P.2</lido:workID><lido:workID lido:type="call-number">QA 1</lido:workID></lido:repositorySet></lido:repositoryWrap>
      <lido:objectDescriptionWrap><lido:objectDescriptionSet><lido:descriptiveNoteValue>Printed.</lido:descriptiveNoteValue></lido:objectDescriptionSet>
      <lido:objectDescriptionSet lido:type="notes"><lido:descriptiveNoteValue xml:lang="fr">Restauré.</lido:descriptiveNoteValue></lido:objectDescriptionSet></lido:objectDescriptionWrap>
      </lido:objectIdentificationWrap></lido:descriptiveMetadata></lido:lido>`;
    const [item] = await read(Readable.from([xml]));
    if (item.kind !== 'record') throw new Error(JSON.stringify(item));
    expect(item.record.kind).toBe('manuscript');
    expect(item.record.identifiers).toEqual([
      { type: 'shelfmark', value: 'Or.8210/P.2' },
      { type: 'call-number', value: 'QA 1' },
      { type: 'other', value: 'S-1', label: 'lidoRecID' },
      { type: 'doi', value: '10.1234/abc' },
      { type: 'isbn', value: '9780000000002' },
    ]);
    expect(item.record.description).toEqual({ en: ['Printed.'] });
    expect(item.record.notes).toEqual({ fr: ['Restauré.'] });
  });

  it('reads each lido of a lidoWrap with its own position', async () => {
    const items = await read(file('LIDO-v1.1-Example_FMobj20344012-Fontana_del_Moro.xml'));
    expect(items.map((i) => [i.position.record, i.position.line, i.position.identifier])).toEqual([
      [1, 22, 'DE-Mb112/lido/obj20344012'],
      [2, 405, 'DE-Mb112/lido/obj20344012,T,001'],
      [3, 924, 'DE-Mb112/lido/obj20344012,T,002'],
    ]);
  });

  it('rejects a record without a title or lidoRecID, naming the field', async () => {
    const items = await read(
      Readable.from([
        `<lido:lidoWrap xmlns:lido="http://www.lido-schema.org"><lido:lido><lido:lidoRecID>X-1</lido:lidoRecID><lido:descriptiveMetadata xml:lang="en"/></lido:lido>
         <lido:lido><lido:descriptiveMetadata/></lido:lido></lido:lidoWrap>`,
      ]),
    );
    expect(items).toEqual([
      { kind: 'rejected', position: { record: 1, line: 1 }, problems: [{ field: 'lido:titleWrap', message: 'no titleSet/appellationValue: a record needs a title' }] },
      { kind: 'rejected', position: { record: 2, line: 2 }, problems: [{ field: 'lido:lidoRecID', message: 'no lidoRecID: a LIDO record needs its identifier' }] },
    ]);
  });

  it('keeps IIIF manifests among the resources as iiifManifests and takes gml coordinates of the place of production', async () => {
    const xml = `<lido xmlns="http://www.lido-schema.org" xmlns:gml="http://www.opengis.net/gml"><lidoRecID>M-7</lidoRecID>
      <descriptiveMetadata xml:lang="zh"><objectIdentificationWrap><titleWrap><titleSet><appellationValue>敦煌写本</appellationValue></titleSet></titleWrap></objectIdentificationWrap>
      <eventWrap><eventSet><event><eventType><term xml:lang="en">Production</term></eventType>
        <eventDate><displayDate>5th century BCE</displayDate><date><earliestDate>-0499</earliestDate><latestDate>-0400</latestDate></date></eventDate>
        <eventPlace><place><placeID>http://sws.geonames.org/1814991/</placeID><namePlaceSet><appellationValue xml:lang="en">Dunhuang</appellationValue></namePlaceSet>
        <gml><gml:Point><gml:pos>40.142 94.662</gml:pos></gml:Point></gml></place></eventPlace></event></eventSet></eventWrap></descriptiveMetadata>
      <administrativeMetadata xml:lang="en"><resourceWrap><resourceSet><resourceRepresentation><linkResource>https://example.org/iiif/M-7/manifest.json</linkResource></resourceRepresentation></resourceSet></resourceWrap></administrativeMetadata></lido>`;
    const [item] = await read(Readable.from([xml]));
    expect(item.kind === 'record' && item.record).toMatchObject({
      title: { zh: ['敦煌写本'] },
      date: { display: '5th century BCE', edtf: '-0499/-0400' },
      places: [{ name: { en: ['Dunhuang'] }, role: 'production', uri: 'http://sws.geonames.org/1814991/', lat: 40.142, lon: 94.662 }],
      iiifManifests: ['https://example.org/iiif/M-7/manifest.json'],
    });
    expect(item.kind === 'record' && item.record.notes).toBeUndefined();
  });
});
