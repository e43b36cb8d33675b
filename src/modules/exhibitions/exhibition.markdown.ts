import MarkdownIt from 'markdown-it';

// HTML disabled: narrative text is Markdown only, so nothing a curator types becomes markup.
const md = new MarkdownIt({ html: false, linkify: true, typographer: true, breaks: false });
const defaultLinkOpen = md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  tokens[idx].attrSet('rel', 'noopener');
  return defaultLinkOpen(tokens, idx, options, env, self);
};
// Chapter headings sit under the chapter's own h2: Markdown headings start at h3.
md.renderer.rules.heading_open = (tokens, idx, options, _env, self) => {
  const level = Math.min(6, Number(tokens[idx].tag.slice(1)) + 2);
  tokens[idx].tag = `h${level}`;
  return self.renderToken(tokens, idx, options);
};
md.renderer.rules.heading_close = (tokens, idx, options, _env, self) => {
  const level = Math.min(6, Number(tokens[idx].tag.slice(1)) + 2);
  tokens[idx].tag = `h${level}`;
  return self.renderToken(tokens, idx, options);
};
// Images in narrative text would load from anywhere: chapters show images through their items instead.
md.disable('image');

/** Renders a chapter's Markdown to safe HTML: no raw HTML, no images, links with rel="noopener", safe URL schemes only. */
export function renderMarkdown(text: string): string {
  return md.render(text);
}
