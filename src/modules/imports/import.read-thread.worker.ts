import fs from 'node:fs';
import { Transform } from 'node:stream';
import { parentPort, workerData } from 'node:worker_threads';
import { forTransfer, prepareRecords } from '../records/record.prepare';
import { readerFor } from './formats/registry';
import type { ThreadReadRequest } from './import.read-thread';
import { MalformedInputError, type ReadItem } from './import.types';

// The reading thread of an import (see import.read-thread.ts): reads, maps, prepares, sends batches.
const request = workerData as ThreadReadRequest & { ahead: number };
const port = parentPort!;
let credit = request.ahead;
let waiting: (() => void) | null = null;
port.on('message', (m) => {
  if (m === 'ack') {
    credit++;
    waiting?.();
  }
});

let bytesRead = 0;
const counter = new Transform({
  transform(chunk: Buffer, _enc, done) {
    bytesRead += chunk.length;
    done(null, chunk);
  },
});
const source = fs.createReadStream(request.file, { highWaterMark: 1 << 16 }).on('error', (e) => counter.destroy(e));

try {
  let items: ReadItem[] = [];
  let positions: number[] = [];
  let position = 0;
  const send = async () => {
    while (credit <= 0) await new Promise<void>((resolve) => (waiting = resolve));
    waiting = null;
    credit--;
    const inputs = items.flatMap((i) => (i.kind === 'record' ? [{ ...i.record, institutionId: request.institutionId }] : []));
    const prepared = forTransfer(prepareRecords(inputs));
    const slim = items.map((i) => (i.kind === 'record' ? { ...i, record: { id: i.record.id } as typeof i.record } : i));
    port.postMessage({ type: 'batch', items: slim, positions, inputs: inputs.map((r) => ({ id: r.id })), prepared, bytesRead });
    items = [];
    positions = [];
  };
  for await (const item of readerFor(request.format)(source.pipe(counter), request.reader)) {
    position++;
    if (position <= request.skip) continue;
    items.push(item);
    positions.push(position);
    if (items.length >= request.batchSize) await send();
  }
  if (items.length) await send();
  port.postMessage({ type: 'end', bytesRead });
} catch (e) {
  if (e instanceof MalformedInputError) port.postMessage({ type: 'malformed', message: e.message, position: e.position });
  else port.postMessage({ type: 'error', message: (e as Error).message ?? String(e) });
} finally {
  source.destroy();
}
