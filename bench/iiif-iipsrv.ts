import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { childPids, get } from './iiif-load';

/** Debian's IIPImage server (package iipimage-server), a FastCGI program. */
export const IIPSRV_BIN = '/usr/lib/iipimage-server/iipsrv.fcgi';
/** The FastCGI-capable web server it runs behind (package lighttpd). */
export const LIGHTTPD_BIN = '/usr/sbin/lighttpd';

/** A running lighttpd + iipsrv. */
export interface Iipsrv {
  /** Base URL: append "{file}/{region}/{size}/{rotation}/{quality}.jpg". */
  base: string;
  /** e.g. "iipimage-server 1.1-3+b2 behind lighttpd 1.4.69, 2 FastCGI processes". */
  label: string;
  /** lighttpd and the iipsrv processes it spawned, for CPU accounting. */
  pids(): number[];
  stop(): Promise<void>;
}

/**
 * Starts lighttpd on 127.0.0.1 (a free port) with iipsrv as its FastCGI backend (`procs` processes
 * spawned by lighttpd), serving the IIIF interface for the files in `imageDir`; JPEG quality and tile
 * cache as given. Answers why not when it cannot run: missing packages, or no answer to info.json.
 */
export async function startIipsrv(opts: { imageDir: string; file: string; workDir: string; procs: number; jpegQuality: number; cacheMiB: number }): Promise<Iipsrv | { error: string }> {
  for (const [bin, pkg] of [[IIPSRV_BIN, 'iipimage-server'], [LIGHTTPD_BIN, 'lighttpd']]) {
    if (!fs.existsSync(bin)) return { error: `${bin} not found: install Debian's ${pkg} (apt-get install -y iipimage-server lighttpd)` };
  }
  fs.mkdirSync(opts.workDir, { recursive: true });
  const port = await freePort();
  const conf = path.join(opts.workDir, 'lighttpd.conf');
  const q = (s: string) => JSON.stringify(s);
  fs.writeFileSync(
    conf,
    [
      `server.document-root = ${q(opts.workDir)}`,
      `server.bind = "127.0.0.1"`,
      `server.port = ${port}`,
      `server.errorlog = ${q(path.join(opts.workDir, 'lighttpd-error.log'))}`,
      `server.modules = ( "mod_fastcgi" )`,
      `fastcgi.server = ( "/iiif" => ((`,
      `  "socket" => ${q(path.join(opts.workDir, 'iipsrv.sock'))},`,
      `  "bin-path" => ${q(IIPSRV_BIN)},`,
      `  "max-procs" => ${opts.procs},`,
      `  "check-local" => "disable",`,
      `  "bin-environment" => (`,
      `    "FILESYSTEM_PREFIX" => ${q(opts.imageDir + path.sep)},`,
      `    "URI_MAP" => "iiif=>IIIF",`,
      `    "JPEG_QUALITY" => "${opts.jpegQuality}",`,
      `    "MAX_IMAGE_CACHE_SIZE" => "${opts.cacheMiB}",`,
      `    "VERBOSITY" => "1",`,
      `    "LOGFILE" => ${q(path.join(opts.workDir, 'iipsrv.log'))}`,
      `  )`,
      `)) )`,
    ].join('\n'),
  );
  // Its own process group, so that stop() also reaches the iipsrv processes lighttpd spawned.
  const child = spawn(LIGHTTPD_BIN, ['-D', '-f', conf], { detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const base = `http://127.0.0.1:${port}/iiif/`;
  const stop = () => stopGroup(child, exited);
  const deadline = Date.now() + 20_000;
  let last = '';
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    try {
      const res = await get(undefined, `${base}${opts.file}/info.json`);
      if (res.status === 200) return { base, label: `iipsrv ${versions()}, ${opts.procs} FastCGI processes`, pids: () => [child.pid!, ...childPids(child.pid!)], stop };
      last = `HTTP ${res.status}: ${res.body.subarray(0, 200).toString()}`;
    } catch (e) {
      last = (e as Error).message;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  await stop();
  const log = (name: string) => {
    try {
      return fs.readFileSync(path.join(opts.workDir, name), 'utf8').trim().split('\n').slice(-3).join(' / ');
    } catch {
      return '';
    }
  };
  return { error: `iipsrv did not answer info.json (${last}); lighttpd: ${stderr.trim() || log('lighttpd-error.log')}; iipsrv: ${log('iipsrv.log')}` };
}

/** Stops lighttpd (which stops its FastCGI processes), then anything left in its process group. */
async function stopGroup(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  const pid = child.pid!;
  if (child.exitCode === null && child.signalCode === null) {
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
  }
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // The group is already gone.
  }
}

function versions(): string {
  const version = (pkg: string) => {
    try {
      return execFileSync('dpkg-query', ['-W', '-f=${Version}', pkg], { encoding: 'utf8' });
    } catch {
      return '?';
    }
  };
  return `(iipimage-server ${version('iipimage-server')}) behind lighttpd ${version('lighttpd')}`;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}
