/**
 * The sandbox's pages: the hosted payment page of each link (what the payer sees after
 * the element sends them on), and an index for developers. No script at all: the
 * "Simulate payment" button is a plain form post, and the styles are an external file.
 */
import { formatMoney } from '../money.js';
import { ALMARA_PATHS, REDIRECT_ID_PARAM, type AlmaraCredentials } from '../server/almara/assumptions.js';
import { html, type Html } from './html.js';
import type { SandboxLink } from './links.js';

/** Where the pages live: the sandbox's base path, for links and the stylesheet. */
export interface PageContext {
  basePath: string;
}

const money = (link: SandboxLink) => formatMoney(link.amount, link.currency ?? 'KES', 'en-KE');

function layout(context: PageContext, title: string, main: Html, wide = false): string {
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title}</title>
        <link rel="icon" href="${context.basePath}/favicon.svg" type="image/svg+xml" />
        <link rel="stylesheet" href="${context.basePath}/pay.css" />
      </head>
      <body>
        <p class="banner" role="note">Almara Pay sandbox: no real money moves here.</p>
        <main class="${wide ? 'wide' : ''}">
          <div class="brand"><span class="brand-mark" aria-hidden="true">A</span> Almara Pay</div>
          ${main}
        </main>
      </body>
    </html> `.text;
}

const statusBadge = (status: string) => html`<span class="status status-${status}">${status}</span>`;

/** The hosted payment page of one link. */
export function payPage(context: PageContext, link: SandboxLink, error?: string): string {
  const action = `${context.basePath}/pay/${encodeURIComponent(link.id)}`;
  const paid = link.status === 'paid';
  const details = html`<dl>
    <dt>Payer</dt>
    <dd>${link.firstName} ${link.lastName}</dd>
    <dt>Email</dt>
    <dd>${link.emailAddress}</dd>
    <dt>Phone</dt>
    <dd>${link.phoneNumber}</dd>
    ${
      link.accountReference
        ? html`<dt>Reference</dt>
            <dd>${link.accountReference}</dd>`
        : ''
    }
    <dt>Status</dt>
    <dd>${statusBadge(link.status)}</dd>
  </dl>`;

  const body = paid
    ? html`<p class="note">This link has been paid.</p>
        <a class="button" href="${returnUrl(link)}">Return to the merchant</a>`
    : html`<form method="post" action="${action}">
          ${
            link.isAmountSpecified
              ? ''
              : html`<label for="amount">Amount (${link.currency ?? 'KES'})</label>
                  <input
                    id="amount"
                    name="amount"
                    inputmode="decimal"
                    required
                    ${error ? html`aria-invalid="true" aria-describedby="amount-error" autofocus` : ''}
                  />`
          }
          ${error ? html`<p class="error" id="amount-error" role="alert">${error}</p>` : ''}
          <button type="submit">Simulate payment</button>
        </form>
        <p class="note">
          In the real flow the payer approves an M-Pesa or Airtel Money prompt on their phone here. This button stands
          in for it and sends the payer back to the merchant.
        </p>`;

  return layout(
    context,
    `Pay ${link.isAmountSpecified ? money(link) : ''} · Almara Pay sandbox`,
    html`<section class="card" aria-labelledby="amount-heading">
      <p class="label">Short code ${link.shortCode}</p>
      <h1 class="amount" id="amount-heading">${link.isAmountSpecified ? money(link) : 'Amount of your choice'}</h1>
      <p class="description">${link.description}</p>
      ${details} ${body}
    </section>`,
  );
}

/** Where the payer goes after paying: `redirectionSite` with the link id added (assumption A7). */
export function returnUrl(link: SandboxLink): string {
  const url = new URL(link.redirectionSite);
  url.searchParams.set(REDIRECT_ID_PARAM, link.id);
  return url.href;
}

export function notFoundPage(context: PageContext): string {
  return layout(
    context,
    'Link not found · Almara Pay sandbox',
    html`<section class="card">
      <h1>Payment link not found</h1>
      <p class="note">The sandbox keeps links in memory: they are gone after a restart.</p>
    </section>`,
  );
}

export interface IndexDetails {
  origin: string;
  credentials: AlmaraCredentials;
  shortCode: string;
  links: SandboxLink[];
}

/** What a developer needs to point a backend at the sandbox, and the latest links. */
export function indexPage(context: PageContext, details: IndexDetails): string {
  const base = details.origin + context.basePath;
  const rows = details.links.map(
    (link) =>
      html`<tr>
        <td>
          <a href="${context.basePath}/pay/${encodeURIComponent(link.id)}"><code>${link.id}</code></a>
        </td>
        <td>${link.isAmountSpecified ? money(link) : 'open'}</td>
        <td>${link.description}</td>
        <td>${statusBadge(link.status)}</td>
      </tr>`,
  );
  return layout(
    context,
    'Almara Pay sandbox',
    html`<section class="card">
        <h1>Sandbox</h1>
        <p>A local stand-in for the Almara Pay API. Point your backend at it:</p>
        <dl>
          <dt>Base URL</dt>
          <dd><code>${base}</code></dd>
          <dt>Client id</dt>
          <dd><code>${details.credentials.clientId}</code></dd>
          <dt>Client secret</dt>
          <dd><code>${details.credentials.clientSecret}</code></dd>
          <dt>Short code</dt>
          <dd><code>${details.shortCode}</code></dd>
        </dl>
        <p class="note">
          Token: <code>POST ${ALMARA_PATHS.token}</code>. Links: <code>POST ${ALMARA_PATHS.create}</code>,
          <code>GET ${ALMARA_PATHS.find}/{id}</code>, <code>PUT ${ALMARA_PATHS.update}/{id}</code>.
        </p>
      </section>
      <h2>Latest links</h2>
      ${
        rows.length
          ? html`<table>
              <thead>
                <tr>
                  <th>Id</th>
                  <th>Amount</th>
                  <th>Description</th>
                  <th>Status</th>
                </tr>
              </thead>
              <tbody>
                ${rows}
              </tbody>
            </table>`
          : html`<p class="note">None yet.</p>`
      }`,
    true,
  );
}
