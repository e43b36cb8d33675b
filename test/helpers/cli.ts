import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bin/heritage.js');

export interface CliResult {
  code: number | null;
  out: string;
  err: string;
}

/**
 * Runs the real `heritage` command. Asynchronous on purpose: a synchronous spawn blocks the
 * test worker, which then cannot answer vitest (its "Timeout calling onTaskUpdate").
 */
export function runHeritage(args: string[], opts: { input?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, LOG_LEVEL: 'silent', ...opts.env }, timeout: opts.timeoutMs ?? 120_000 });
    let out = '';
    let err = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (err += c));
    child.on('close', (code) => resolve({ code, out, err }));
    child.stdin.end(opts.input ?? '');
  });
}
