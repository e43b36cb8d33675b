import { Readable } from 'node:stream';
import type { Db } from '../../db/database';
import { AppError, validationError, type FieldProblem } from '../../shared/errors';
import { newId, nowIso } from '../../shared/ids';
import type { Actor } from '../accounts/actor';
import type { MediaStore } from '../media/media.storage';
import { newStorageKey } from '../media/media.storage';
import { agreementRepository } from './agreement.repository';
import { requireSecretariat } from './alliance.service';
import type { GovernanceDocumentTable } from './governance.table';
import { meetingRepository } from './meeting.repository';
import { GOV_VISIBILITIES, readableVisibilities, type GovVisibility } from './meeting.rules';

/** The largest document accepted (a scanned signed agreement fits comfortably). */
export const MAX_DOCUMENT_BYTES = 20 * 1024 * 1024;

export type DocumentOwner = { kind: 'meeting' | 'agreement'; id: string };

export interface GovDocument {
  id: string;
  title: string;
  visibility: GovVisibility;
  mediaType: string;
  bytes: number;
  sha256: string;
  createdAt: string;
}

/** True when the bytes begin as a PDF file does (the type is read from the file, never from its name or header). */
export function isPdf(bytes: Buffer): boolean {
  return bytes.length >= 5 && bytes.subarray(0, 5).toString('latin1') === '%PDF-';
}

/** Documents of a meeting or agreement the actor may see (the owner itself must be visible to it). */
export async function listDocuments(db: Db, actor: Actor, owner: DocumentOwner): Promise<GovDocument[]> {
  const levels = readableVisibilities(actor);
  const rows = await db.selectFrom('governance_document').selectAll().where('owner_kind', '=', owner.kind).where('owner_id', '=', owner.id).where('visibility', 'in', levels).orderBy('created_at').orderBy('id').execute();
  return rows.map(toDocument);
}

/** Stores a PDF for a meeting or agreement (the secretariat): bounded in size, checked to be a PDF. */
export async function addDocument(db: Db, files: MediaStore, actor: Actor, owner: DocumentOwner, input: { title: string; visibility: GovVisibility; body: Buffer }): Promise<GovDocument> {
  requireSecretariat(actor);
  await ownerRow(db, owner);
  const problems: FieldProblem[] = [];
  const title = input.title.trim();
  if (!title || title.length > 300) problems.push({ field: 'title', message: 'between 1 and 300 characters' });
  if (!GOV_VISIBILITIES.includes(input.visibility)) problems.push({ field: 'visibility', message: 'public or members' });
  if (problems.length) throw validationError(problems, 'document');
  if (input.body.length > MAX_DOCUMENT_BYTES) throw new AppError('PAYLOAD_TOO_LARGE', `Documents are limited to ${MAX_DOCUMENT_BYTES} bytes`);
  if (!isPdf(input.body)) throw validationError([{ field: 'body', message: 'is not a PDF file' }], 'document');
  const key = newStorageKey();
  const stored = await files.put(key, Readable.from(input.body));
  const row: GovernanceDocumentTable = { id: newId('doc'), owner_kind: owner.kind, owner_id: owner.id, title, visibility: input.visibility, media_type: 'application/pdf', bytes: stored.bytes, sha256: stored.sha256, storage_key: key, created_by: actor.kind === 'user' ? actor.email : null, created_at: nowIso() };
  try {
    await db.insertInto('governance_document').values(row).execute();
  } catch (err) {
    await files.delete(key).catch(() => undefined);
    throw err;
  }
  return toDocument(row);
}

/** A document's file to send, when the actor may see both it and what it belongs to; 404 otherwise. */
export async function openDocument(db: Db, files: MediaStore, actor: Actor, id: string): Promise<{ doc: GovDocument; stream: Readable }> {
  const row = await db.selectFrom('governance_document').selectAll().where('id', '=', id).executeTakeFirst();
  const levels = readableVisibilities(actor);
  if (!row || !levels.includes(row.visibility as GovVisibility)) throw new AppError('NOT_FOUND', `No document "${id}"`);
  const owner = await ownerRow(db, { kind: row.owner_kind as DocumentOwner['kind'], id: row.owner_id }).catch(() => null);
  if (!owner || !levels.includes(owner.visibility as GovVisibility)) throw new AppError('NOT_FOUND', `No document "${id}"`);
  return { doc: toDocument(row), stream: files.open(row.storage_key) };
}

async function ownerRow(db: Db, owner: DocumentOwner): Promise<{ visibility: string }> {
  const row = owner.kind === 'meeting' ? await meetingRepository.findMeeting(db, owner.id) : await agreementRepository.find(db, owner.id);
  if (!row) throw new AppError('NOT_FOUND', `No ${owner.kind} "${owner.id}"`);
  return row;
}

function toDocument(r: GovernanceDocumentTable): GovDocument {
  return { id: r.id, title: r.title, visibility: r.visibility as GovVisibility, mediaType: r.media_type, bytes: Number(r.bytes), sha256: r.sha256, createdAt: r.created_at };
}
