import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './exhibition.markdown';

describe('chapter Markdown', () => {
  it('renders emphasis, lists and links, giving links rel="noopener"', () => {
    const html = renderMarkdown('The *Diamond Sutra* came from [Dunhuang](https://idp.bl.uk/).\n\n- one\n- two');
    expect(html).toContain('<em>Diamond Sutra</em>');
    expect(html).toContain('<a href="https://idp.bl.uk/" rel="noopener">Dunhuang</a>');
    expect(html).toContain('<li>one</li>');
  });

  it('never lets raw HTML, script URLs or images through', () => {
    const html = renderMarkdown('<script>alert(1)</script> <img src=x onerror=alert(1)> [x](javascript:alert(1)) ![i](https://evil.example/i.png)');
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('href="javascript:');
    expect(html).toContain('&lt;script&gt;');
  });

  it('starts headings below the chapter heading', () => {
    expect(renderMarkdown('# Caves\n## Scrolls')).toBe('<h3>Caves</h3>\n<h4>Scrolls</h4>\n');
  });
});
