import { describe, expect, it } from 'vitest';
import { translator } from '../../shared/i18n/i18n';
import type { Media } from '../media/media.schema';
import type { PageContext } from './context';
import { RecordDownloads } from './record.downloads';

const ctx = { lang: 'en', dir: 'ltr', t: translator('en'), url: '/records/r1', user: null, csrf: null } as PageContext;
const image = (id: string, o: Partial<Media> = {}): Media =>
  ({ id, recordId: 'r1', label: { en: [`Folio ${id}`] }, rights: null, status: 'ready', width: 4000, height: 3000, links: { iiif: `/iiif/3/${id}`, info: `/iiif/3/${id}/info.json`, thumbnail: `/t/${id}` }, ...o }) as Media;

describe('record downloads', () => {
  it('offers the largest and a medium JPEG of images whose licence allows reuse', () => {
    const html = String(<RecordDownloads ctx={ctx} media={[image('a')]} recordRights="https://creativecommons.org/licenses/by/4.0/" />);
    expect(html).toContain('<a href="/iiif/3/a/full/max/0/default.jpg" download="">largest JPEG (original 4,000 × 3,000 px)</a>');
    expect(html).toContain('<a href="/iiif/3/a/full/1600,/0/default.jpg" download="">JPEG 1,600 px wide</a>');
    expect(html).not.toContain('do not allow');
  });

  it('lets an image’s own rights decide, and says when some cannot be downloaded', () => {
    const html = String(
      <RecordDownloads
        ctx={ctx}
        media={[image('a', { rights: 'http://rightsstatements.org/vocab/InC/1.0/' }), image('b', { width: 800, height: 600 }), image('c', { status: 'pending' })]}
        recordRights="http://creativecommons.org/publicdomain/zero/1.0/"
      />,
    );
    expect(html).not.toContain('/iiif/3/a/');
    expect(html).toContain('/iiif/3/b/full/max/0/default.jpg');
    expect(html).not.toContain('/iiif/3/b/full/1600,');
    expect(html).not.toContain('/iiif/3/c/');
    expect(html).toContain('The rights of some images do not allow downloading them');
  });

  it('offers nothing under a restrictive licence but says why', () => {
    const html = String(<RecordDownloads ctx={ctx} media={[image('a')]} recordRights="http://rightsstatements.org/vocab/InC/1.0/" />);
    expect(html).not.toContain('download=');
    expect(html).toContain('do not allow downloading');
  });
});
