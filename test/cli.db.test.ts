import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, TEST_DIALECT, type TestDatabase } from './helpers/test-database';
import { runHeritage } from './helpers/cli';


describe(`the heritage command (${TEST_DIALECT})`, () => {
  let tdb: TestDatabase;
  let dbArgs: string[];
  const run = (args: string[], input?: string, env: NodeJS.ProcessEnv = {}) => runHeritage(args, { input, env });

  beforeAll(async () => {
    tdb = await createTestDatabase();
    dbArgs = tdb.databaseUrl ? ['--database-url', tdb.databaseUrl] : ['--data', tdb.dataDir];
  });
  afterAll(() => tdb?.destroy());

  it('lists its subcommands and has --help on each', async () => {
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    for (const cmd of ['serve', 'migrate', 'stats', 'demo', 'user', 'token']) expect(help.out).toContain(cmd);
    for (const cmd of [['serve'], ['migrate'], ['stats'], ['demo'], ['user', 'create'], ['user', 'reset-password'], ['token', 'create']]) {
      const r = await run([...cmd, '--help']);
      expect(r.code, cmd.join(' ')).toBe(0);
      expect(r.out).toMatch(/Usage: heritage/);
    }
    expect((await run(['serve', '--help'])).out).toContain('--port');
    // Each run starts a Node process with a TypeScript loader: seconds each on a loaded machine.
  }, 240_000);

  it('migrates, creates a user from a password on standard input, and prints a token', async () => {
    expect((await run(['migrate', ...dbArgs])).code).toBe(0);
    const user = await run(['user', 'create', '--email', 'secretariat@example.org', '--admin', ...dbArgs], 'a long enough password\n');
    expect(user.err).toBe('');
    expect(user.out).toMatch(/Created user secretariat@example.org/);
    const weak = await run(['user', 'create', '--email', 'weak@example.org', ...dbArgs], 'short\n');
    expect(weak.code).toBe(1);
    expect(weak.err).toMatch(/password: must be at least 10 characters/);
    const token = await run(['token', 'create', '--email', 'secretariat@example.org', '--scopes', 'read,write', ...dbArgs]);
    expect(token.code).toBe(0);
    expect(token.out.trim()).toMatch(/^hc_[A-Za-z0-9_-]{40,}$/);
  });

  it('prints a one-time password-reset link, and refuses an unknown email', async () => {
    const reset = await run(['user', 'reset-password', '--email', 'secretariat@example.org', ...dbArgs], undefined, { HERITAGE_PUBLIC_URL: 'https://heritage.example.org' });
    expect(reset.code).toBe(0);
    expect(reset.out.trim()).toMatch(/^https:\/\/heritage\.example\.org\/reset\/[A-Za-z0-9_-]{40,}$/);
    expect(reset.err).toMatch(/Give this link to secretariat@example.org; it works once/);
    const unknown = await run(['user', 'reset-password', '--email', 'nobody@example.org', ...dbArgs]);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toMatch(/No user with the email nobody@example.org/);
  });

  it('loads the demo once, reports it in stats, and reloads it on --reset', async () => {
    const first = await run(['demo', ...dbArgs]);
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/Demo loaded: \d+ institutions, \d+ records/);
    expect((await run(['demo', ...dbArgs])).out).toMatch(/loaded already/);
    const stats = JSON.parse((await run(['stats', '--json', ...dbArgs])).out);
    expect(stats.database).toBe(TEST_DIALECT);
    expect(stats.institutions).toBeGreaterThanOrEqual(4);
    expect(stats.records.public).toBeGreaterThanOrEqual(1000);
    const again = await run(['demo', '--reset', ...dbArgs]);
    expect(again.out).toMatch(/Demo loaded/);
    const after = JSON.parse((await run(['stats', '--json', ...dbArgs])).out);
    expect(after.records).toEqual(stats.records);
  });

  it('lists every bad setting and exits 2', async () => {
    const r = await run(['stats', ...dbArgs], undefined, { PORT: 'abc', LOG_LEVEL: 'loud' });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/PORT/);
    expect(r.err).toMatch(/LOG_LEVEL/);
  });
});
