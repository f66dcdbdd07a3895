/**
 * Which of our languages an `Accept-Language` header (RFC 9110 §12.5.4) asks for. Pure and
 * forgiving: the header comes from anyone, so an item it cannot read is skipped, never an
 * error. Shared by the server module's answers and the sandbox's hosted page.
 */

/** More items than any browser sends: a header longer than this is not a payer's. */
const MAX_ITEMS = 32;

/** A language range: `*`, or a primary subtag of 1–8 letters and optional subtags (`sw-KE`, `zh-Hant-TW`). */
const RANGE = /^(?:\*|[a-z]{1,8}(?:-[a-z0-9]{1,8})*)$/i;

/** A qvalue: 0 to 1, at most three decimals. */
const QUALITY = /^q=(0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/i;

interface Weighted {
  /** The primary subtag, lower-cased (`sw-KE` → `sw`), or `*`. */
  primary: string;
  /** Whether the range is the primary subtag alone, which outranks its regional ranges. */
  bare: boolean;
  quality: number;
  position: number;
}

/** The header's readable items, in order. */
export function parseAcceptLanguage(header: string | null | undefined): Weighted[] {
  const items: Weighted[] = [];
  for (const item of (header ?? '').split(',').slice(0, MAX_ITEMS)) {
    const [range = '', ...parameters] = item.split(';').map((part) => part.trim());
    if (!RANGE.test(range)) continue;
    let quality = 1;
    // Only `q` is defined; a parameter that is not a qvalue makes the item unreadable.
    if (parameters.length > 1) continue;
    if (parameters.length === 1) {
      const match = QUALITY.exec(parameters[0]!.replace(/\s+/g, ''));
      if (!match) continue;
      quality = Number(match[1]);
    }
    const primary = range.toLowerCase().split('-')[0]!;
    items.push({ primary, bare: !range.includes('-'), quality, position: items.length });
  }
  return items;
}

/**
 * The best of `available` for the header: the highest quality above zero, the earlier item
 * on a tie. A regional range counts for its language (`sw-KE` → `sw`) unless the bare
 * language is named too; `*` stands for every language the header does not name, the
 * `fallback` first. When the header accepts none of them (absent, garbage, only other
 * languages, or `q=0` for ours), the `fallback`.
 */
export function pickLanguage<L extends string>(
  header: string | null | undefined,
  available: readonly L[],
  fallback: L,
): L {
  const items = parseAcceptLanguage(header);
  const wildcard = items.find((item) => item.primary === '*');
  let best: { language: L; quality: number; position: number; named: boolean } | undefined;
  // The fallback first, so that it wins a tie between languages that only `*` accepts.
  for (const language of [fallback, ...available.filter((other) => other !== fallback)]) {
    const named = items.filter((item) => item.primary === language);
    const chosen = named.find((item) => item.bare) ?? maxBy(named) ?? wildcard;
    if (!chosen || chosen.quality <= 0) continue;
    const candidate = { language, quality: chosen.quality, position: chosen.position, named: chosen !== wildcard };
    if (!best || isBetter(candidate, best)) best = candidate;
  }
  return best?.language ?? fallback;
}

function maxBy(items: Weighted[]): Weighted | undefined {
  return items.reduce<Weighted | undefined>(
    (max, item) => (!max || item.quality > max.quality ? item : max),
    undefined,
  );
}

function isBetter(
  candidate: { quality: number; position: number; named: boolean },
  best: { quality: number; position: number; named: boolean },
): boolean {
  if (candidate.quality !== best.quality) return candidate.quality > best.quality;
  // A language the payer named outranks one only `*` accepts at the same quality.
  if (candidate.named !== best.named) return candidate.named;
  return candidate.position < best.position;
}
