import { describe, expect, it } from 'vitest';
import { coverage, haversineKm, scoreMatch, skillOverlap } from './help-match';

const request = { kind: 'expert', skill: 'mural conservation', languages: ['zh', 'en'], lat: 39.9, lon: 116.4, from: '2026-12-01', until: '2026-12-31', remaining: 10 };
const offer = (o: Partial<typeof request>) => ({ ...request, skill: 'conservation of murals', languages: ['zh-Hans'], lat: 40.0, lon: 116.3, from: '2026-11-15', until: '2027-01-15', remaining: 4, ...o });

describe('help matching', () => {
  it('scores skill, language, distance and how much is covered, and ranks a near, fluent specialist first', () => {
    const near = scoreMatch(request, offer({}))!;
    expect(near.skill).toBe(1);
    expect(near.languages).toEqual(['zh-Hans']);
    expect(near.distanceKm).toBeLessThan(20);
    expect(near.quantity).toBe(4);
    const far = scoreMatch(request, offer({ lat: 48.85, lon: 2.35, languages: ['fr'] }))!;
    expect(far.score).toBeLessThan(near.score);
    expect(far.languages).toEqual([]);
  });

  it('offers nothing for another kind of help, outside the window, or once a side is used up', () => {
    expect(scoreMatch(request, offer({ kind: 'funds' }))).toBeNull();
    expect(scoreMatch(request, offer({ from: '2027-02-01', until: '2027-03-01' }))).toBeNull();
    expect(scoreMatch(request, offer({ remaining: 0 }))).toBeNull();
    expect(scoreMatch({ ...request, remaining: 0 }, offer({}))).toBeNull();
  });

  it('compares skills word by word, folding accents and word forms', () => {
    expect(skillOverlap('Wood species identification', 'identification of wood species')).toBe(1);
    expect(skillOverlap('peintures murales', 'peinture murale')).toBe(1);
    expect(skillOverlap('restauration des peintures murales', 'peinture murale')).toBeCloseTo(2 / 3);
    expect(skillOverlap('mural conservation', 'archives')).toBe(0);
    expect(skillOverlap(null, 'anything')).toBe(1);
  });

  it('counts accepted and delivered matches as covered, not proposals', () => {
    expect(coverage(10, [{ quantity: 4, status: 'delivered' }, { quantity: 3, status: 'accepted' }, { quantity: 5, status: 'proposed' }, { quantity: 2, status: 'declined' }])).toEqual({ covered: 7, delivered: 4, remaining: 3 });
    // Beijing to Shanghai, about 1,070 km.
    expect(haversineKm(39.9, 116.4, 31.2, 121.5)).toBeGreaterThan(1060);
    expect(haversineKm(39.9, 116.4, 31.2, 121.5)).toBeLessThan(1080);
  });
});
