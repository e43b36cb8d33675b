import fs from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createImageCache } from './iiif-cache';
import { tempDir } from './iiif-test-images';

let dir: string;
beforeEach(async () => {
  dir = await tempDir();
});
afterEach(() => fs.rm(dir, { recursive: true, force: true }));

const body = (fill: number, bytes = 100) => Buffer.alloc(bytes, fill);

/** Every file under dir, relative to it. */
async function files(): Promise<string[]> {
  return (await fs.readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name)));
}

describe('createImageCache', () => {
  it('returns what was put, and null for what was not', async () => {
    const cache = createImageCache({ dir, maxBytes: 10_000 });
    await cache.put('img-1/full/max/0/default.jpg', body(1));
    expect(await cache.get('img-1/full/max/0/default.jpg')).toEqual(body(1));
    expect(await cache.get('img-1/full/max/0/default.png')).toBeNull();
    expect(cache.size()).toBe(100);
    await cache.put('img-1/full/max/0/default.jpg', body(2, 40));
    expect(await cache.get('img-1/full/max/0/default.jpg')).toEqual(body(2, 40));
    expect(cache.size()).toBe(40);
  });
  it('names files by a hash of the key, never by the key', async () => {
    const cache = createImageCache({ dir, maxBytes: 10_000 });
    await cache.put('../../etc/passwd', body(1));
    await cache.put('/tmp/x', body(2));
    const names = await files();
    expect(names).toHaveLength(2);
    for (const name of names) expect(name).toMatch(/^[0-9a-f]{2}\/[0-9a-f]{64}$/);
    expect(await cache.get('../../etc/passwd')).toEqual(body(1));
  });
  it('evicts the least recently used entries first once over its bound', async () => {
    const cache = createImageCache({ dir, maxBytes: 250 });
    await cache.put('a', body(1));
    await cache.put('b', body(2));
    expect(await cache.get('a')).not.toBeNull();
    await cache.put('c', body(3));
    expect(cache.size()).toBe(200);
    expect(await cache.get('b')).toBeNull();
    expect(await cache.get('a')).toEqual(body(1));
    expect(await cache.get('c')).toEqual(body(3));
    expect(await files()).toHaveLength(2);
  });
  it('never stores a body larger than the whole cache', async () => {
    const cache = createImageCache({ dir, maxBytes: 50 });
    await cache.put('big', body(1));
    expect(await cache.get('big')).toBeNull();
    expect(cache.size()).toBe(0);
  });
  it('leaves no temporary files behind', async () => {
    const cache = createImageCache({ dir, maxBytes: 10_000 });
    await Promise.all(Array.from({ length: 20 }, (_, i) => cache.put(`k${i % 5}`, body(i))));
    expect((await files()).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(await files()).toHaveLength(5);
    expect(cache.size()).toBe(500);
  });
  it('finds its entries again after a restart, oldest first, and trims to a smaller bound', async () => {
    const first = createImageCache({ dir, maxBytes: 1000 });
    for (const k of ['a', 'b', 'c']) {
      await first.put(k, body(k.charCodeAt(0)));
      await new Promise((r) => setTimeout(r, 20));
    }
    await first.get('a');
    const second = createImageCache({ dir, maxBytes: 1000 });
    expect(second.size()).toBe(300);
    // Last use is kept as each file's mtime: steps a few milliseconds apart, so no two tie.
    const tick = () => new Promise((r) => setTimeout(r, 20));
    await tick();
    expect(await second.get('c')).toEqual(body(99));
    await tick();
    await second.put('d', body(4, 750));
    await tick();
    // 'b' is the least recently used on disk: it goes first.
    expect(await second.get('b')).toBeNull();
    expect(await second.get('a')).not.toBeNull();
    // On disk, by last use: c, d, a.
    const third = createImageCache({ dir, maxBytes: 900 });
    expect(third.size()).toBe(850);
    expect(await third.get('c')).toBeNull();
    expect(await third.get('d')).toEqual(body(4, 750));
    expect(await third.get('a')).toEqual(body(97));
  });
  it('removes temporary files of writes that died, and reads nothing from them', async () => {
    await fs.mkdir(path.join(dir, 'ab'), { recursive: true });
    const stale = path.join(dir, 'ab', `${'ab'.repeat(32)}.123.deadbeef.tmp`);
    await fs.writeFile(stale, body(9));
    const old = new Date(Date.now() - 3_600_000);
    await fs.utimes(stale, old, old);
    const cache = createImageCache({ dir, maxBytes: 1000 });
    expect(cache.size()).toBe(0);
    expect(await files()).toEqual([]);
  });
});
