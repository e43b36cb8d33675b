import { AppError } from '../../shared/errors';
import type { Actor } from '../accounts/actor';
import { can } from '../accounts/policy';
import type { MediaStore } from '../media/media.storage';
import type { Store } from '../records/record.store';
import { dumpRepository as repo } from './dump.repository';
import { writeDump } from './dump.writer';
import type { ExportStream } from './export.service';

/**
 * A full dump for an actor who may take it: an institution's, for its institution admins and
 * alliance admins; the whole instance's, for alliance admins. Anyone else gets the 404 of a
 * dump that does not exist, as for an unknown institution.
 */
export async function dumpFor(deps: { store: Store; files: MediaStore }, actor: Actor, institutionId: string | null): Promise<ExportStream> {
  const allowed = institutionId ? can(actor, 'manage', { institutionId }) : can(actor, 'manage', 'alliance');
  if (!allowed || (institutionId && !(await repo.findInstitution(deps.store.db, institutionId)))) {
    throw new AppError('NOT_FOUND', institutionId ? `No dump of institution "${institutionId}"` : 'No dump of this instance');
  }
  return {
    chunks: writeDump(deps, { institutionId }),
    contentType: 'application/x-ndjson',
    filename: `heritage-dump-${institutionId ?? 'all'}.jsonl`,
  };
}
