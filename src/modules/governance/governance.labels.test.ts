import { describe, expect, it } from 'vitest';
import { CATALOGUES } from '../../shared/i18n/i18n';
import { PROJECT_KINDS } from '../projects/project.table';
import { AGREEMENT_KINDS, LINK_KINDS } from './agreement.service';
import { APPLICATION_ACTIONS, APPLICATION_STATUSES, DECIDING_BODIES } from './application.flow';
import { CONTINENTS } from './continent';
import { MEETING_KINDS } from './meeting.rules';
import { MEMBERSHIP_EVENTS } from './membership.history';
import { RESOLUTION_KINDS } from './resolution.service';

describe('labels of the closed lists', () => {
  it('has a message for every value the alliance pages label', () => {
    const lists: Record<string, readonly string[]> = {
      status: APPLICATION_STATUSES,
      action: APPLICATION_ACTIONS,
      body: DECIDING_BODIES,
      continent: CONTINENTS,
      meetingKind: MEETING_KINDS,
      participantKind: ['institution', 'state', 'person'],
      partyKind: ['institution', 'state', 'organisation'],
      agreementKind: AGREEMENT_KINDS,
      linkKind: LINK_KINDS,
      resolutionKind: RESOLUTION_KINDS,
      result: ['adopted', 'rejected'],
      projectKind: PROJECT_KINDS,
      appliesTo: ['state', 'institution'],
      event: MEMBERSHIP_EVENTS,
    };
    const missing = Object.entries(lists).flatMap(([list, values]) => values.map((v) => `gov.${list}.${v}`)).filter((key) => !(key in CATALOGUES.en));
    expect(missing).toEqual([]);
  });
});
