/**
 * Fails the run when Lit warns, in dev mode, about anything but being in dev mode: a
 * `change-in-update`, an attribute bound to `undefined`, a second copy of Lit, and so on
 * (https://lit.dev/msg/…), as Spectrum's `testForLitDevWarnings` does.
 *
 * Import it first in every test file: modules run in import order, so it listens before
 * Lit loads and hears the warnings Lit gives while loading, too. helpers.ts imports it as
 * well, for a file that forgets.
 */

const DEV_MODE_NOTICE = 'Lit is in dev mode.';

/** Lit's own words: every `issueWarning` ends with a lit.dev/msg link; two warn without one. */
const isLitWarning = (message: string) =>
  message.includes('https://lit.dev/msg/') ||
  message.startsWith('Some template strings are undefined.') ||
  message.startsWith('Attempted to render the template host');

/** Mocha's `Hook#error(err)`: sets the error of the test the hook runs after. */
interface HookWithError {
  error(error: Error): void;
}

declare global {
  /** Lit's record of the warnings it gave, so that it gives each once per page. */
  var litIssuedWarnings: Set<string> | undefined;
  var litWarningsHeard: string[] | undefined;
}

if (!globalThis.litWarningsHeard) {
  const heard: string[] = (globalThis.litWarningsHeard = []);
  const warn = console.warn;
  console.warn = function (...args: unknown[]) {
    const message = args.map(String).join(' ');
    if (isLitWarning(message) && !message.startsWith(DEV_MODE_NOTICE)) heard.push(message);
    warn.apply(this, args);
  };

  /** What Lit warned since the last look, as an error; Lit's once-per-page record forgotten. */
  const takeWarnings = (): Error | undefined => {
    // Lit gives each warning once per page: forgetting them lets a later test that repeats
    // the mistake fail too.
    globalThis.litIssuedWarnings?.clear();
    if (heard.length === 0) return undefined;
    return new Error(`Lit warned:\n${heard.splice(0).join('\n')}`);
  };

  afterEach(function () {
    // Fails the test itself (Hook#error), so it counts as failed and the others still run.
    const error = takeWarnings();
    if (error) (this.runnable() as unknown as HookWithError).error(error);
  });
  after(() => {
    const error = takeWarnings();
    if (error) throw error;
  });
}

export {};
