/**
 * Draws the world map the pages show members on, from Natural Earth's 1:110m country outlines
 * (the world-atlas package, public domain data), into `src/modules/pages/assets/world.svg`: one
 * path per country, its ISO 3166-1 numeric code as id. Run once when the data changes; the SVG is
 * committed, so the server needs neither the data nor the internet.
 *
 *   node --import tsx scripts/build-world-map.ts
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { geoEquirectangular, geoPath } from 'd3-geo';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { MAP_HEIGHT, MAP_WIDTH } from '../src/modules/pages/world-map';

const require = createRequire(import.meta.url);
const topology = JSON.parse(fs.readFileSync(require.resolve('world-atlas/countries-110m.json'), 'utf8')) as Topology<{ countries: GeometryCollection<{ name: string }> }>;
const countries = feature(topology, topology.objects.countries);
// Plate carrée: longitude and latitude map linearly onto the box, so pages place points with plain arithmetic.
const projection = geoEquirectangular().scale(MAP_WIDTH / (2 * Math.PI)).translate([MAP_WIDTH / 2, MAP_HEIGHT / 2]).precision(0.2);
const draw = geoPath(projection);
const round = (d: string) => d.replace(/\d+\.\d+/g, (n) => String(Math.round(Number(n))));

const paths = countries.features
  .filter((f) => f.properties?.name !== 'Antarctica')
  .map((f) => `<path${f.id ? ` id="c${f.id}"` : ''} d="${round(draw(f) ?? '')}"/>`)
  .join('');
const svg =
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${MAP_WIDTH} ${MAP_HEIGHT}" width="${MAP_WIDTH}" height="${MAP_HEIGHT}">` +
  `<title>World map (Natural Earth 1:110m)</title>` +
  `<g fill="#d9d4c7" stroke="#ffffff" stroke-width="0.5">${paths}</g></svg>\n`;
const out = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../src/modules/pages/assets/world.svg');
fs.writeFileSync(out, svg);
console.log(`${out}: ${countries.features.length} countries, ${svg.length.toLocaleString('en')} bytes`);
