import { describe, expect, it } from 'vitest';
import { negotiateRecord, varyWithAccept } from './linked-art.negotiate';

describe('content negotiation on record URLs', () => {
  it('gives browsers, curl and clients without an Accept header the page', () => {
    expect(negotiateRecord('text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8')).toBe('html');
    expect(negotiateRecord('*/*')).toBe('html');
    expect(negotiateRecord(undefined)).toBe('html');
    expect(negotiateRecord('')).toBe('html');
  });

  it('gives Linked Art to clients that ask for JSON-LD, with or without a profile', () => {
    expect(negotiateRecord('application/ld+json')).toBe('linked-art');
    expect(negotiateRecord('application/ld+json;profile="https://linked.art/ns/v1/linked-art.json"')).toBe('linked-art');
    expect(negotiateRecord('application/ld+json, application/json;q=0.9, */*;q=0.1')).toBe('linked-art');
  });

  it('gives the API JSON to clients that prefer plain JSON', () => {
    expect(negotiateRecord('application/json')).toBe('json');
    expect(negotiateRecord('application/json, application/ld+json;q=0.5')).toBe('json');
    expect(negotiateRecord('text/html;q=0.1, application/json')).toBe('json');
  });

  it('takes the most specific range and ignores refused or malformed ones', () => {
    expect(negotiateRecord('*/*, text/html;q=0')).toBe('linked-art');
    expect(negotiateRecord('application/*;q=0.5, */*;q=0.1')).toBe('linked-art');
    expect(negotiateRecord('garbage, ;;;, application/json;q=abc')).toBe('html');
    expect(negotiateRecord(['application/ld+json'])).toBe('linked-art');
  });

  it('adds Accept to a Vary header once', () => {
    expect(varyWithAccept('Accept-Language, Cookie')).toBe('Accept-Language, Cookie, Accept');
    expect(varyWithAccept('accept')).toBe('accept');
    expect(varyWithAccept(undefined)).toBe('Accept');
  });
});
