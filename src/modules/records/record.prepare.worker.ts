import { parentPort } from 'node:worker_threads';
import { forTransfer, prepareRecords } from './record.prepare';

// A preparation thread: validates and tokenises batches for bulk imports.
parentPort!.on('message', (msg: { id: number; inputs: unknown[] } | 'close') => {
  if (msg === 'close') {
    parentPort!.close();
    return;
  }
  try {
    parentPort!.postMessage({ id: msg.id, prepared: forTransfer(prepareRecords(msg.inputs)) });
  } catch (e) {
    parentPort!.postMessage({ id: msg.id, error: (e as Error).message });
  }
});
