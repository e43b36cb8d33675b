/** The size limits an image service declares in info.json and enforces before decoding anything. */
export interface ImageLimits {
  maxWidth: number;
  maxHeight: number;
  maxArea: number;
}

/** A source to render from: a tiled pyramidal TIFF built by `buildPyramid`, or any image sharp reads. */
export interface SourceImage {
  path: string;
  width: number;
  height: number;
}

/** An IIIF Image API error with the HTTP status the specification asks for. */
export class IiifError extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 501,
    message: string,
  ) {
    super(message);
    this.name = 'IiifError';
  }
}

/** The qualities served (spec 4.4); `default` is color. */
export type IiifQuality = 'default' | 'color' | 'gray' | 'bitonal';
/** The formats served (spec 4.5). */
export type IiifFormat = 'jpg' | 'png' | 'webp';

/** A validated image request, in pixels of the full image; `size` is the scaled region before rotation. */
export interface ImageRequest {
  region: { x: number; y: number; w: number; h: number };
  size: { w: number; h: number };
  mirror: boolean;
  /** Degrees clockwise, 0 to 360. */
  rotation: number;
  quality: IiifQuality;
  format: IiifFormat;
  /** "{region}/{size}/{rotation}/{quality}.{format}" in the canonical form of the specification (4.8). */
  canonical: string;
}

/** Media types of the formats served. */
export const FORMAT_CONTENT_TYPE: Record<IiifFormat, string> = {
  jpg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
};
