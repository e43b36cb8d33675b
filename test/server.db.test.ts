import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, TEST_DIALECT, type TestDatabase } from './helpers/test-database';

const BIN = path.resolve(__dirname, '../bin/heritage.js');

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

describe(`heritage serve (${TEST_DIALECT})`, () => {
  let tdb: TestDatabase;
  beforeAll(async () => {
    tdb = await createTestDatabase();
  });
  afterAll(() => tdb?.destroy());

  it('serves with the demo loaded, logs JSON, and shuts down cleanly on SIGTERM', async () => {
    const port = await freePort();
    // The server must be the only one with the database open (SQLite removes its log only when the last connection closes).
    await tdb.handle.close();
    const args = [BIN, 'serve', '--port', String(port), '--host', '127.0.0.1', ...(tdb.databaseUrl ? ['--database-url', tdb.databaseUrl] : ['--data', tdb.dataDir])];
    const child = spawn(process.execPath, args, { env: { ...process.env, LOG_LEVEL: 'info' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let log = '';
    child.stdout.on('data', (d) => (log += d));
    child.stderr.on('data', (d) => (log += d));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      let ok = false;
      for (let i = 0; i < 120 && !ok; i++) {
        try {
          ok = (await fetch(`http://127.0.0.1:${port}/healthz`)).ok;
        } catch {
          await new Promise((r) => setTimeout(r, 500));
        }
      }
      expect(ok, log).toBe(true);
      const search = (await (await fetch(`http://127.0.0.1:${port}/api/v1/search?q=%E8%AE%BA%E8%AF%AD&limit=1`)).json()) as { total: number };
      expect(search.total).toBeGreaterThan(0);
      // An in-flight request started before SIGTERM still gets its answer.
      const inFlight = fetch(`http://127.0.0.1:${port}/api/v1/search?q=paint&limit=50`);
      child.kill('SIGTERM');
      expect((await inFlight).status).toBe(200);
      expect(await exited).toBe(0);
      const lines = log.split('\n').filter((l) => l.startsWith('{'));
      expect(lines.some((l) => JSON.parse(l).msg === 'Heritage Commons is serving')).toBe(true);
      if (TEST_DIALECT === 'sqlite') {
        // A clean close checkpoints the write-ahead log and removes it.
        expect(fs.existsSync(path.join(tdb.dataDir, 'heritage.sqlite-wal'))).toBe(false);
      }
    } finally {
      child.kill('SIGKILL');
    }
  });
});
