import { describe, expect, it } from 'vitest';
import { scriptJson } from './schema-org';

describe('schema.org data blocks', () => {
  it('escapes what could end the script element or open a comment, and still parses back to the same value', () => {
    const value = { name: 'A </script><script>alert(1)</script> & <!-- trick --> \u2028 line', other: '</SCRIPT >' };
    const text = scriptJson(value);
    expect(text).not.toMatch(/[<>&\u2028\u2029]/);
    expect(text.toLowerCase()).not.toContain('</script');
    expect(text).not.toContain('<!--');
    expect(JSON.parse(text)).toEqual(value);
  });
});
