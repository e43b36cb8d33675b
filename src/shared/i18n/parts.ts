import { exportMessages } from '../../modules/exports/export.messages';
import { publishingMessages } from '../../modules/interop/publishing.messages';
import { federationMessages } from '../../modules/federation/federation.messages';
import { importMessages } from '../../modules/imports/import.messages';
import { citeMessages } from '../../modules/pages/cite.messages';
import { portalMessages } from '../../modules/pages/portal.messages';
import { recordMessages } from '../../modules/records/record.messages';
import { mediaMessages } from '../../modules/media/media.messages';
import { workspaceMessages } from '../../modules/workspace/workspace.messages';

/**
 * Modules' own message catalogues, merged into the UI catalogues. A module keeps its strings
 * beside its pages (`*.messages.ts`, made with `defineMessages`) and is listed here once.
 */
export const MESSAGE_PARTS = [exportMessages, publishingMessages, federationMessages, importMessages, citeMessages, portalMessages, recordMessages, mediaMessages, workspaceMessages] as const;

/** A key of some module's messages. */
export type PartMessageKey = (typeof MESSAGE_PARTS)[number] extends infer P ? (P extends { en: infer E } ? keyof E & string : never) : never;
