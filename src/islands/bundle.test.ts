import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { islands, VIEWER_STYLE_HASH } from './bundle';

describe('client islands', () => {
  it('bundles the viewer with OpenSeadragon from node_modules, with no reference to a CDN', async () => {
    const viewer = (await islands()).get('viewer')!;
    const code = viewer.body.toString('utf8');
    expect(code).toContain('openseadragon');
    expect(code).not.toMatch(/https?:\/\/(cdn|unpkg|cdnjs|jsdelivr)/);
    expect(viewer.hash).toMatch(/^[0-9a-f]{12}$/);
  });

  it("allows by hash exactly the stylesheet OpenSeadragon injects, as the bundled version writes it", async () => {
    const code = (await islands()).get('viewer')!.body.toString('utf8');
    const m = /textContent\s*=\s*("@media \(hover: none\) \{[^"]*\}")/.exec(code);
    expect(m, 'the injected stylesheet is no longer where it was: check the CSP hash').not.toBeNull();
    const css = JSON.parse(m![1]) as string;
    expect(`'sha256-${createHash('sha256').update(css).digest('base64')}'`).toBe(VIEWER_STYLE_HASH);
  });
});
