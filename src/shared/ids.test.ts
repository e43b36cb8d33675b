import { describe, expect, it } from 'vitest';
import { ID_REGEX, idAllocator, newId } from './ids';

describe('ids', () => {
  it('newId gives a prefixed id of the readable alphabet', () => {
    expect(newId('r')).toMatch(/^r-[0-9abcdefghjkmnpqrstvwxyz]{12}$/);
  });

  it('an allocator gives distinct ids of the same shape that sort in the order given', () => {
    const next = idAllocator('r');
    const ids = Array.from({ length: 5000 }, next);
    for (const id of ids) {
      expect(id).toMatch(/^r-[0-9abcdefghjkmnpqrstvwxyz]{12}$/);
      expect(ID_REGEX.test(id)).toBe(true);
    }
    expect(new Set(ids).size).toBe(5000);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids.map((id) => id.slice(0, 10))).size).toBe(1);
  });

  it('two allocators do not share a stem, and one starts a new stem when its counter is used up', () => {
    expect(idAllocator('r')().slice(0, 10)).not.toBe(idAllocator('r')().slice(0, 10));
    const next = idAllocator('r', 10);
    const ids = Array.from({ length: 32 ** 4 + 1 }, next);
    expect(ids[0].slice(0, 8)).not.toBe(ids[32 ** 4].slice(0, 8));
    expect(new Set(ids).size).toBe(ids.length);
  });
});
