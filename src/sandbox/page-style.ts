/**
 * The stylesheet of the sandbox's pages, served as a file (`pay.css`), never inline:
 * the pages carry `Content-Security-Policy: default-src 'self'`. Kept as a string so
 * that the compiled package needs no asset copying.
 */
export const PAGE_STYLE = `
:root {
  color-scheme: light dark;
  --accent: #0a7d4f;
  --accent-text: #ffffff;
  --text: #1b1f24;
  --muted: #59636e;
  --page: #f3f5f4;
  --card: #ffffff;
  --line: #dde3e0;
  --warn-bg: #fff4d6;
  --warn-text: #6b4e00;
  --error-bg: #fbe3e1;
  --error-text: #8c1d18;
  font-family: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;
  line-height: 1.5;
}
@media (prefers-color-scheme: dark) {
  :root {
    --accent: #3fbf86;
    --accent-text: #06140d;
    --text: #e8ecea;
    --muted: #a3ada8;
    --page: #101412;
    --card: #1a201d;
    --line: #2c3430;
    --warn-bg: #3a3110;
    --warn-text: #f5dc8a;
    --error-bg: #4a1714;
    --error-text: #ffb4ab;
  }
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--page); color: var(--text); min-height: 100vh; }
.banner {
  margin: 0;
  background: var(--warn-bg);
  color: var(--warn-text);
  text-align: center;
  padding: 0.5rem 1rem;
  font-size: 0.875rem;
}
main { max-width: 28rem; margin: 2.5rem auto; padding: 0 1rem; }
main.wide { max-width: 48rem; }
.brand { display: flex; align-items: center; gap: 0.5rem; font-weight: 600; margin-bottom: 1rem; }
.brand-mark {
  width: 1.75rem; height: 1.75rem; border-radius: 0.5rem;
  background: var(--accent); color: var(--accent-text);
  display: grid; place-items: center; font-size: 0.9rem;
}
.card {
  background: var(--card);
  border: 1px solid var(--line);
  border-radius: 1rem;
  padding: 1.5rem;
  box-shadow: 0 1px 2px rgb(0 0 0 / 0.04), 0 8px 24px rgb(0 0 0 / 0.06);
}
.card h1 { margin-top: 0; }
.label { color: var(--muted); font-size: 0.875rem; margin: 0; }
.amount { font-size: 2.25rem; font-weight: 700; margin: 0.25rem 0 0; letter-spacing: -0.02em; }
.description { margin: 0.25rem 0 1.25rem; }
dl { display: grid; grid-template-columns: auto 1fr; gap: 0.375rem 1rem; margin: 0 0 1.5rem; font-size: 0.9375rem; }
dt { color: var(--muted); }
dd { margin: 0; overflow-wrap: anywhere; }
form { display: grid; gap: 0.75rem; }
label { font-size: 0.875rem; color: var(--muted); }
input {
  font: inherit; padding: 0.625rem 0.75rem; border-radius: 0.625rem;
  border: 1px solid var(--line); background: var(--card); color: var(--text);
}
button, .button {
  font: inherit; font-weight: 600; cursor: pointer; text-align: center; text-decoration: none;
  background: var(--accent); color: var(--accent-text);
  border: 0; border-radius: 0.625rem; padding: 0.75rem 1rem; display: block;
}
button.secondary {
  background: transparent; color: var(--text);
  border: 1px solid var(--line);
}
button.small { padding: 0.25rem 0.625rem; font-size: 0.8125rem; border-radius: 0.5rem; }
.actions { display: flex; flex-wrap: wrap; gap: 0.375rem; }
button:focus-visible, .button:focus-visible, input:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
.status { display: inline-block; padding: 0.125rem 0.625rem; border-radius: 999px; font-size: 0.8125rem; font-weight: 600; }
.status-pending { background: var(--warn-bg); color: var(--warn-text); }
.status-paid { background: var(--accent); color: var(--accent-text); }
.status-failed { background: var(--error-bg); color: var(--error-text); }
.status-expired { background: var(--line); color: var(--text); }
.note-inline { display: block; color: var(--muted); font-size: 0.75rem; }
.note { color: var(--muted); font-size: 0.8125rem; margin: 1rem 0 0; }
.error { color: #b3261e; margin: 0; }
table { width: 100%; border-collapse: collapse; font-size: 0.9375rem; }
th, td { text-align: left; padding: 0.5rem; border-bottom: 1px solid var(--line); }
code { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 0.875em; }
a { color: var(--accent); }
`;
