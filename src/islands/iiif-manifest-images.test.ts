import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { manifestImages } from './iiif-manifest-images';
import { sharedData } from '../../test/helpers/shared-data';

const RECIPES = sharedData('iiif-cookbook', 'rendered', 'recipe');
const recipe = (name: string) => JSON.parse(fs.readFileSync(path.join(RECIPES, name, 'manifest.json'), 'utf8'));

describe('images of remote IIIF manifests', () => {
  it('reads a Presentation 3 book canvas by canvas, with image services', () => {
    const images = manifestImages(recipe('0009-book-1'));
    expect(images.length).toBe(5);
    expect(images[0]).toEqual({
      info: 'https://iiif.io/api/image/3.0/example/reference/59d09e6773341f28ea166e9f3c1e674f-gallica_ark_12148_bpt6k1526005v_f18/info.json',
      url: 'https://iiif.io/api/image/3.0/example/reference/59d09e6773341f28ea166e9f3c1e674f-gallica_ark_12148_bpt6k1526005v_f18/full/max/0/default.jpg',
      label: 'Blank page',
    });
  });

  it('takes a plain image without a service, and ignores audio and video', () => {
    const [img] = manifestImages(recipe('0001-mvm-image'));
    expect(img.info).toBeNull();
    expect(img.url).toMatch(/^https:\/\/.+\.(png|jpe?g)$/);
    expect(manifestImages(recipe('0002-mvm-audio'))).toEqual([]);
    expect(manifestImages(recipe('0003-mvm-video'))).toEqual([]);
  });

  it('shows the default of a choice of images once', () => {
    const dir = fs.readdirSync(RECIPES).find((d) => d.includes('choice'));
    expect(dir).toBeDefined();
    const images = manifestImages(recipe(dir!));
    expect(images.length).toBe(1);
  });

  it('reads every cookbook manifest without throwing', () => {
    for (const dir of fs.readdirSync(RECIPES)) {
      const file = path.join(RECIPES, dir, 'manifest.json');
      if (fs.existsSync(file)) expect(() => manifestImages(JSON.parse(fs.readFileSync(file, 'utf8')))).not.toThrow();
    }
  });

  it('reads a Presentation 2 manifest (sequences, canvases, image resources with an Image API 2 service)', () => {
    const v2 = {
      '@context': 'http://iiif.io/api/presentation/2/context.json',
      '@type': 'sc:Manifest',
      sequences: [
        {
          canvases: [
            {
              label: 'f. 1r',
              images: [{ resource: { '@id': 'https://images.example.org/or8210/full/full/0/default.jpg', service: { '@context': 'http://iiif.io/api/image/2/context.json', '@id': 'https://images.example.org/or8210', profile: 'http://iiif.io/api/image/2/level2.json' } } }],
            },
          ],
        },
      ],
    };
    expect(manifestImages(v2)).toEqual([{ info: 'https://images.example.org/or8210/info.json', url: 'https://images.example.org/or8210/full/full/0/default.jpg', label: 'f. 1r' }]);
  });

  it('ignores junk and non-web URLs', () => {
    expect(manifestImages(null)).toEqual([]);
    expect(manifestImages({ items: 'x' })).toEqual([]);
    expect(manifestImages({ items: [{ items: [{ items: [{ motivation: 'painting', body: { type: 'Image', id: 'javascript:alert(1)' } }] }] }] })).toEqual([]);
  });
});
