import fs from 'node:fs/promises';

/** Where the JPEG-compressed tiles of one TIFF page lie in the file. */
export interface StoredTiles {
  width: number;
  height: number;
  tileWidth: number;
  tileHeight: number;
  offsets: number[];
  byteCounts: number[];
  /** The JPEGTables of the page (quantisation and Huffman tables shared by its tiles), if any. */
  tables: Buffer | null;
}

const TAG = { width: 256, height: 257, compression: 259, photometric: 262, samples: 277, planar: 284, tileWidth: 322, tileHeight: 323, tileOffsets: 324, tileByteCounts: 325, jpegTables: 347 };
const TYPE_SIZE: Record<number, number> = { 1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8, 16: 8, 17: 8, 18: 8 };
const MAX_PAGES = 64;
// A 512 px JPEG tile is well under a megabyte; a larger byte count is a damaged or hostile file.
const MAX_TILE_BYTES = 16 * 2 ** 20;

/**
 * Reads the page directories of a classic or Big TIFF and answers, per page, the layout of its tiles
 * when they are baseline JPEG that a browser can show as they are (YCbCr, or one gray band, pixels
 * interleaved), else null. Not a TIFF: an empty list.
 */
export async function readStoredTiles(path: string): Promise<(StoredTiles | null)[]> {
  const file = await fs.open(path, 'r');
  try {
    const read = async (offset: number, length: number) => {
      const buf = Buffer.alloc(length);
      const { bytesRead } = await file.read(buf, 0, length, offset);
      if (bytesRead !== length) throw new Error('TIFF directory beyond the end of the file');
      return buf;
    };
    const head = await read(0, 16);
    const le = head.toString('latin1', 0, 2) === 'II';
    if (!le && head.toString('latin1', 0, 2) !== 'MM') return [];
    const u16 = (b: Buffer, o: number) => (le ? b.readUInt16LE(o) : b.readUInt16BE(o));
    const u32 = (b: Buffer, o: number) => (le ? b.readUInt32LE(o) : b.readUInt32BE(o));
    const u64 = (b: Buffer, o: number) => Number(le ? b.readBigUInt64LE(o) : b.readBigUInt64BE(o));
    const big = u16(head, 2) === 43;
    if (!big && u16(head, 2) !== 42) return [];
    const entrySize = big ? 20 : 12;
    const inline = big ? 8 : 4;
    const pages: (StoredTiles | null)[] = [];
    let ifd = big ? u64(head, 8) : u32(head, 4);
    while (ifd && pages.length < MAX_PAGES) {
      const countBuf = await read(ifd, big ? 8 : 2);
      const count = big ? u64(countBuf, 0) : u16(countBuf, 0);
      const entries = await read(ifd + countBuf.length, count * entrySize + (big ? 8 : 4));
      const tags = new Map<number, { type: number; count: number; at: number }>();
      for (let i = 0; i < count; i++) {
        const o = i * entrySize;
        tags.set(u16(entries, o), { type: u16(entries, o + 2), count: big ? u64(entries, o + 4) : u32(entries, o + 4), at: o + (big ? 12 : 8) });
      }
      const values = async (tag: number): Promise<number[] | null> => {
        const t = tags.get(tag);
        const size = t && TYPE_SIZE[t.type];
        if (!t || !size || ![3, 4, 16].includes(t.type)) return null;
        const bytes = t.count * size;
        const buf = bytes <= inline ? entries.subarray(t.at, t.at + bytes) : await read(big ? u64(entries, t.at) : u32(entries, t.at), bytes);
        return Array.from({ length: t.count }, (_, i) => (size === 2 ? u16(buf, i * 2) : size === 4 ? u32(buf, i * 4) : u64(buf, i * 8)));
      };
      const one = async (tag: number) => (await values(tag))?.[0] ?? null;
      const [width, height, compression, photometric, samples, planar, tileWidth, tileHeight] = await Promise.all(
        [TAG.width, TAG.height, TAG.compression, TAG.photometric, TAG.samples, TAG.planar, TAG.tileWidth, TAG.tileHeight].map(one),
      );
      const offsets = await values(TAG.tileOffsets);
      const byteCounts = await values(TAG.tileByteCounts);
      const showable = (photometric === 6 && samples === 3) || (photometric === 1 && (samples ?? 1) === 1);
      let page: StoredTiles | null = null;
      if (compression === 7 && showable && (planar ?? 1) === 1 && width && height && tileWidth && tileHeight && offsets && byteCounts && offsets.length === byteCounts.length) {
        const t = tags.get(TAG.jpegTables);
        const tables = t && t.type === 7 ? (t.count <= inline ? Buffer.from(entries.subarray(t.at, t.at + t.count)) : await read(big ? u64(entries, t.at) : u32(entries, t.at), t.count)) : null;
        if (offsets.length === Math.ceil(width / tileWidth) * Math.ceil(height / tileHeight)) page = { width, height, tileWidth, tileHeight, offsets, byteCounts, tables };
      }
      pages.push(page);
      ifd = big ? u64(entries, count * entrySize) : u32(entries, count * entrySize);
    }
    return pages;
  } finally {
    await file.close();
  }
}

/**
 * The stored tile (column `tx`, row `ty`) as a standalone JPEG: its abbreviated stream with the page's
 * tables spliced in after the start-of-image marker. Null when the bytes are not the JPEG expected.
 */
export async function readStoredTile(path: string, page: StoredTiles, tx: number, ty: number): Promise<Buffer | null> {
  const index = ty * Math.ceil(page.width / page.tileWidth) + tx;
  const length = page.byteCounts[index];
  if (!length || length > MAX_TILE_BYTES) return null;
  const file = await fs.open(path, 'r');
  let tile: Buffer;
  try {
    tile = Buffer.alloc(length);
    const { bytesRead } = await file.read(tile, 0, length, page.offsets[index]);
    if (bytesRead !== length) return null;
  } finally {
    await file.close();
  }
  const soi = (b: Buffer) => b.length >= 4 && b[0] === 0xff && b[1] === 0xd8;
  if (!soi(tile)) return null;
  const t = page.tables;
  if (!t) return tile;
  // Tables are SOI, DQT/DHT segments, EOI: keep them without their EOI, then the tile without its SOI.
  if (!soi(t) || t[t.length - 2] !== 0xff || t[t.length - 1] !== 0xd9) return null;
  return Buffer.concat([t.subarray(0, t.length - 2), tile.subarray(2)]);
}
