import { VIEWER_STYLE_HASH } from '../islands/bundle';

/**
 * The Content-Security-Policy of every page: only our own scripts, styles and images (and
 * OpenSeadragon's one stylesheet, by hash). A page that shows images of remote IIIF manifests
 * may also fetch and show images from `remote` origins and from HTTPS image servers.
 */
export function contentSecurityPolicy(remote: string[] = []): string {
  const extra = remote.length ? ` https: ${remote.join(' ')}` : '';
  return [
    "default-src 'self'",
    `img-src 'self' data:${extra}`,
    `connect-src 'self'${extra}`,
    `style-src 'self' ${VIEWER_STYLE_HASH}`,
    "script-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'self'",
    "form-action 'self'",
  ].join('; ');
}
