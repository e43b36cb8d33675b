import { AppError } from '../../shared/errors';
import { nowIso } from '../../shared/ids';
import type { Actor } from '../accounts/actor';
import { audit } from '../audit/audit.service';
import { enqueueJob, latestJobFor } from '../jobs/job.service';
import { isFinished } from '../jobs/job.types';
import { inTransaction, type Store } from '../records/record.store';
import { DERIVATIVES_JOB } from './media.derivatives';
import { mediaRepository as repo } from './media.repository';
import { editableMedia } from './media.service';

/** Queues the derivative job of an image again (after a failure or a cancel); returns the job's id. */
export async function rebuildDerivatives(store: Store, actor: Actor, id: string): Promise<string> {
  return inTransaction(store, async (trx) => {
    const { row } = await editableMedia(trx, actor, id);
    const last = await latestJobFor(trx, { type: 'media', id });
    if (last && !isFinished(last.status)) throw new AppError('CONFLICT', `The derivatives of image "${id}" are being built already (job ${last.id})`);
    await repo.update(trx.db, id, { status: 'pending', error: null, updated_at: nowIso() });
    await repo.refreshRecordFlag(trx.db, row.record_id);
    const job = await enqueueJob(trx, actor, { kind: DERIVATIVES_JOB, payload: { mediaId: id }, institutionId: row.institution_id, subject: { type: 'media', id } });
    await audit(trx.db, actor, [{ action: 'media.rebuild', targetType: 'media', targetId: id, institutionId: row.institution_id, detail: { jobId: job.id } }]);
    return job.id;
  });
}
