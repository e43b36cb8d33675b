import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('uses the documented defaults', () => {
    const c = loadConfig({});
    expect(c.port).toBe(3000);
    expect(c.databaseUrl).toBeNull();
    expect(c.publicUrl).toBe('http://localhost:3000');
    expect(c.dataDir.endsWith('data')).toBe(true);
    expect(Object.isFrozen(c)).toBe(true);
  });

  it('lets flags win over the environment', () => {
    const c = loadConfig({ PORT: '4000' }, { port: 5000, data: '/tmp/x' });
    expect(c.port).toBe(5000);
    expect(c.dataDir).toBe('/tmp/x');
  });

  it('lists every bad setting at once', () => {
    try {
      loadConfig({ PORT: 'abc', DATABASE_URL: 'mysql://x', HERITAGE_PUBLIC_URL: 'nope', LOG_LEVEL: 'loud' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      const problems = (e as ConfigError).problems;
      expect(problems).toHaveLength(4);
      expect(problems.join('\n')).toMatch(/PORT.*abc/);
      expect(problems.join('\n')).toMatch(/DATABASE_URL/);
    }
  });
});
