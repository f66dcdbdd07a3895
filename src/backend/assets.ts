/**
 * The two CDN files the backend serves (`GET /almara-pay-link.js`, `GET /almara-pay-status.js`),
 * with what a page pins them with. In the source (tests, `tsx`), they are read from dist/cdn,
 * which `npm run build` makes; the published `dist/backend/assets.js` is this module rewritten
 * by the build with the files' text inline (scripts/build.mjs), so that a host with no file
 * system (Cloudflare Workers) serves them too.
 */
import { readFileSync } from 'node:fs';
import { ASSET_NAMES, assetOf, type Asset, type AssetName } from './asset.js';

export { ASSET_NAMES, type Asset, type AssetName };

let loaded: Record<AssetName, Asset> | undefined;

/** The files, read once. */
export function assets(): Record<AssetName, Asset> {
  loaded ??= Object.fromEntries(
    ASSET_NAMES.map((name) => [
      name,
      assetOf(readFileSync(new URL(`../../dist/cdn/${name}`, import.meta.url), 'utf8')),
    ]),
  ) as Record<AssetName, Asset>;
  return loaded;
}
