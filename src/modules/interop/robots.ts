// Pages for staff and people signing in, and machine interfaces crawlers should not walk:
// the API, the IIIF image server (endless tile URLs) and OAI-PMH (a harvesting protocol).
const DISALLOWED = [
  '/api/',
  '/login',
  '/logout',
  '/setup',
  '/invite/',
  '/reset/',
  '/account',
  '/admin/',
  '/imports',
  '/harvest',
  '/records/*/images',
  '/iiif/3/',
  '/oai',
];

/**
 * robots.txt (RFC 9309): the public pages are open, staff pages and machine interfaces closed,
 * and the sitemap named. Paths follow the public URL's own path when the site lives under one.
 */
export function robotsTxt(publicUrl: string): string {
  const base = new URL(publicUrl).pathname.replace(/\/+$/, '');
  return [
    'User-agent: *',
    `Allow: ${base}/`,
    ...DISALLOWED.map((path) => `Disallow: ${base}${path}`),
    '',
    `Sitemap: ${publicUrl}/sitemap.xml`,
    '',
  ].join('\n');
}
