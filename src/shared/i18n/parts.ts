import { exportMessages } from '../../modules/exports/export.messages';
import { publishingMessages } from '../../modules/interop/publishing.messages';
import { federationMessages } from '../../modules/federation/federation.messages';
import { importMessages } from '../../modules/imports/import.messages';
import { citeMessages } from '../../modules/pages/cite.messages';
import { portalMessages } from '../../modules/pages/portal.messages';
import { searchViewMessages } from '../../modules/pages/search.messages';
import { recordMessages } from '../../modules/records/record.messages';
import { recordEditorMessages } from '../../modules/records/record.editor.messages';
import { mediaMessages } from '../../modules/media/media.messages';
import { workspaceMessages } from '../../modules/workspace/workspace.messages';
import { exhibitionMessages } from '../../modules/exhibitions/exhibition.messages';
import { riskMessages } from '../../modules/risk/risk.messages';
import { riskFactorMessages } from '../../modules/risk/risk-factors.messages';
import { incidentMessages } from '../../modules/risk/incident.messages';
import { helpMessages } from '../../modules/risk/help.messages';
import { reportMessages } from '../../modules/risk/public-report.messages';
import { peopleMessages } from '../../modules/people/people.messages';
import { projectsMessages } from '../../modules/projects/projects.messages';
import { allianceMessages } from '../../modules/governance/alliance.messages';
import { governanceMessages } from '../../modules/governance/governance.messages';
import { meetingFormMessages } from '../../modules/governance/meeting.form.messages';
import { notificationMessages } from '../../modules/notifications/notification.messages';

/**
 * Modules' own message catalogues, merged into the UI catalogues. A module keeps its strings
 * beside its pages (`*.messages.ts`, made with `defineMessages`) and is listed here once.
 */
export const MESSAGE_PARTS = [exportMessages, publishingMessages, federationMessages, importMessages, citeMessages, portalMessages, searchViewMessages, recordMessages, recordEditorMessages, mediaMessages, workspaceMessages, riskMessages, riskFactorMessages, incidentMessages, helpMessages, reportMessages, peopleMessages, exhibitionMessages, allianceMessages, governanceMessages, meetingFormMessages, notificationMessages, projectsMessages] as const;

/** A key of some module's messages. */
export type PartMessageKey = (typeof MESSAGE_PARTS)[number] extends infer P ? (P extends { en: infer E } ? keyof E & string : never) : never;
