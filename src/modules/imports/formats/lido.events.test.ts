import { describe, expect, it } from 'vitest';
import { eventActorRole, eventOfAgentRole, eventOfPlaceRole, eventTypeOf, LIDO_EVENT_TYPES } from './lido.events';

const byKey = (key: string) => LIDO_EVENT_TYPES.find((t) => t.key === key)!;

describe('LIDO event types', () => {
  it('recognises an event type by terminology URI, by the older eventType/ URI and by label in English or German', () => {
    expect(eventTypeOf({ label: {}, uri: 'http://terminology.lido-schema.org/lido00033' })?.key).toBe('excavation');
    expect(eventTypeOf({ label: {}, uri: 'https://terminology.lido-schema.org/lido00002/' })?.key).toBe('finding');
    expect(eventTypeOf({ label: { en: ['Production'] }, uri: 'http://terminology.lido-schema.org/eventType/production' })?.key).toBe('production');
    expect(eventTypeOf({ label: { de: ['Erwerbung'] } })?.key).toBe('acquisition');
    expect(eventTypeOf({ label: { en: ['Event (non-specified)'] }, uri: 'http://terminology.lido-schema.org/lido00003' })).toBeNull();
  });

  it('names the event in the role of an actor of a non-making event, keeping roles that already belong to it', () => {
    expect(eventActorRole(byKey('collecting'), undefined)).toBe('collector');
    expect(eventActorRole(byKey('acquisition'), 'sellers')).toBe('sellers');
    expect(eventActorRole(byKey('excavation'), 'field director')).toBe('field director (excavation)');
    expect(eventActorRole(byKey('restoration'), 'Restoration')).toBe('restorer');
  });

  it('reads every role and place role it writes back to the same event (the OAI-PMH writer relies on it)', () => {
    for (const type of LIDO_EVENT_TYPES.filter((t) => !t.making)) {
      expect(eventOfAgentRole(eventActorRole(type, undefined)).type.key, type.key).toBe(type.key);
      expect(eventOfAgentRole(eventActorRole(type, 'Beteiligte')), type.key).toEqual({ type, roleActor: 'Beteiligte' });
      expect(eventOfPlaceRole(type.placeRole).key, type.key).toBe(type.key);
    }
  });

  it('puts makers, unknown roles and places without a role in production', () => {
    for (const role of ['painter', 'scribe', 'potter (workshop)', 'Maler']) expect(eventOfAgentRole(role)).toEqual({ type: byKey('production'), roleActor: role });
    expect(eventOfAgentRole('former owner').type.key).toBe('provenance');
    expect(eventOfPlaceRole(undefined).key).toBe('production');
    expect(eventOfPlaceRole('find spot').key).toBe('finding');
  });
});
