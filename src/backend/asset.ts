/**
 * One CDN file as the backend serves it, and how its pins are made: shared by the source's
 * assets.ts and by the build, which writes the published one with the files inline.
 */
import { createHash } from 'node:crypto';

/** One file: its text, its SRI `integrity` value, and a short version of it for URLs and ETags. */
export interface Asset {
  body: string;
  /** `sha384-…`, for `<script integrity>`. */
  integrity: string;
  /** The first 12 characters of the hash, URL-safe: `?v=` of the versioned URL, and the ETag. */
  version: string;
}

export const ASSET_NAMES = ['almara-pay-link.js', 'almara-pay-status.js'] as const;
export type AssetName = (typeof ASSET_NAMES)[number];

/** An asset from its text. */
export function assetOf(body: string): Asset {
  const hash = createHash('sha384').update(body).digest('base64');
  return { body, integrity: `sha384-${hash}`, version: hash.slice(0, 12).replace(/\+/g, '-').replace(/\//g, '_') };
}
