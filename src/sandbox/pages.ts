/**
 * The sandbox's pages: the hosted payment page of each link (what the payer sees after
 * the element sends them on), and an index for developers. No script at all: the payer's
 * "Pay", "Pay later" and "Decline" are submit buttons of one plain form, the index's
 * controls are form posts too, and the styles are an external file.
 */
import { localeOf, type Language } from '../messages/index.js';
import { formatMoney } from '../money.js';
import { ALMARA_PATHS, REDIRECT_ID_PARAM, type AlmaraCredentials } from '../server/almara/assumptions.js';
import { html, type Html } from './html.js';
import type { FinishedStatus, SandboxLink } from './links.js';
import { pageStrings } from './page-strings.js';

/** Where the pages live (the sandbox's base path, for links and the stylesheet), and its clock. */
export interface PageContext {
  basePath: string;
  /** The links' clock, ms since the epoch: how long a "Pay later" still has to go. */
  now: () => number;
  /** Milliseconds from "Pay later" to paid, which the page announces. */
  payLaterDelay: number;
}

/** The outcomes the hosted page's form offers, by the value of its `outcome` field. */
export const OUTCOMES = ['pay', 'later', 'decline'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** What a payer's page is shown in; `query` is the `?lang=` it was asked for, kept on its form's action. */
export interface PayerLanguage {
  language: Language;
  query?: string;
}

const ENGLISH: PayerLanguage = { language: 'en' };

const money = (link: SandboxLink, language: Language = 'en') =>
  formatMoney(link.amount, link.currency ?? 'KES', localeOf(language));

function layout(context: PageContext, title: string, main: Html, wide = false, language: Language = 'en'): string {
  return html`<!doctype html>
    <html lang="${language}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title}</title>
        <link rel="icon" href="${context.basePath}/favicon.svg" type="image/svg+xml" />
        <link rel="stylesheet" href="${context.basePath}/pay.css" />
      </head>
      <body>
        <p class="banner" role="note">${pageStrings[language].banner}</p>
        <main class="${wide ? 'wide' : ''}">
          <div class="brand"><span class="brand-mark" aria-hidden="true">A</span> Almara Pay</div>
          ${main}
        </main>
      </body>
    </html> `.text;
}

const statusBadge = (status: SandboxLink['status'], label: string = status) =>
  html`<span class="status status-${status}">${label}</span>`;

/** The hosted payment page of one link, in the payer's language. */
export function payPage(
  context: PageContext,
  link: SandboxLink,
  error?: string,
  { language, query }: PayerLanguage = ENGLISH,
): string {
  const words = pageStrings[language];
  const action = `${context.basePath}/pay/${encodeURIComponent(link.id)}${query ? `?lang=${query}` : ''}`;
  const payable = link.status === 'pending' && link.paysAt === undefined;
  const details = html`<dl>
    <dt>${words.payer}</dt>
    <dd>${link.firstName} ${link.lastName}</dd>
    <dt>${words.email}</dt>
    <dd>${link.emailAddress}</dd>
    <dt>${words.phone}</dt>
    <dd>${link.phoneNumber}</dd>
    ${
      link.accountReference
        ? html`<dt>${words.reference}</dt>
            <dd>${link.accountReference}</dd>`
        : ''
    }
    <dt>${words.status}</dt>
    <dd>${statusBadge(link.status, words.statuses[link.status])}</dd>
  </dl>`;

  // One form, so the amount field (when the payer types it) goes with Pay and Pay later;
  // Decline needs none, so the browser must not insist on one first (formnovalidate).
  const body = payable
    ? html`<form method="post" action="${action}">
          ${
            link.isAmountSpecified
              ? ''
              : html`<label for="amount">${words.amountIn(link.currency ?? 'KES')}</label>
                  <input
                    id="amount"
                    name="amount"
                    inputmode="decimal"
                    required
                    ${error ? html`aria-invalid="true" aria-describedby="amount-error" autofocus` : ''}
                  />`
          }
          ${error ? html`<p class="error" id="amount-error" role="alert">${error}</p>` : ''}
          <button type="submit" name="outcome" value="pay" aria-describedby="outcomes">${words.payNow}</button>
          <button type="submit" name="outcome" value="later" class="secondary" aria-describedby="outcomes">
            ${words.payLater}
          </button>
          <button
            type="submit"
            name="outcome"
            value="decline"
            class="secondary"
            formnovalidate
            aria-describedby="outcomes"
          >
            ${words.decline}
          </button>
        </form>
        <p class="note" id="outcomes">${words.outcomes(words.seconds(context.payLaterDelay / 1000))}</p>
        <p class="note">${words.realFlow}</p>`
    : html`<p class="note" role="status">${stateNote(context, link, language)}</p>
        <a class="button" href="${returnUrl(link)}">${words.returnToMerchant}</a>`;

  return layout(
    context,
    `${words.pay(link.isAmountSpecified ? money(link, language) : '').trim()} · ${words.sandbox}`,
    html`<section class="card" aria-labelledby="amount-heading">
      <p class="label">${words.shortCode} ${link.shortCode}</p>
      <h1 class="amount" id="amount-heading">
        ${link.isAmountSpecified ? money(link, language) : words.amountOfChoice}
      </h1>
      <p class="description">${link.description}</p>
      ${details} ${body}
    </section>`,
    false,
    language,
  );
}

/** What a page that offers no buttons says of its link, in the payer's language. */
function stateNote(context: PageContext, link: SandboxLink, language: Language): string {
  const words = pageStrings[language];
  switch (link.status) {
    case 'paid':
      return words.paidAlready;
    case 'failed':
      return words.failedAlready;
    case 'expired':
      return words.expiredAlready;
    case 'pending':
      return words.payingLater(words.seconds(secondsUntil(context, link.paysAt)));
  }
}

/** Whole seconds from now until `at` (rounded up, never below zero); 0 without one. */
const secondsUntil = (context: PageContext, at: string | undefined) =>
  at === undefined ? 0 : Math.max(0, Math.ceil((Date.parse(at) - context.now()) / 1000));

/** Where the payer goes after paying: `redirectionSite` with the link id added (assumption A7). */
export function returnUrl(link: SandboxLink): string {
  const url = new URL(link.redirectionSite);
  url.searchParams.set(REDIRECT_ID_PARAM, link.id);
  return url.href;
}

export function notFoundPage(context: PageContext, { language }: PayerLanguage = ENGLISH): string {
  const words = pageStrings[language];
  return layout(
    context,
    `${words.notFoundTitle} · ${words.sandbox}`,
    html`<section class="card">
      <h1>${words.notFound}</h1>
      <p class="note">${words.notFoundNote}</p>
    </section>`,
    false,
    language,
  );
}

/** The index's answer to a control on a link that is no longer pending (a 409). */
export function notPendingPage(context: PageContext, link: SandboxLink): string {
  return layout(
    context,
    'Not pending · Almara Pay sandbox',
    html`<section class="card">
      <h1>Link already ${link.status}</h1>
      <p class="note">
        <code>${link.id}</code> is ${statusBadge(link.status)}: only a pending link can be marked paid, declined or
        expired.
      </p>
      <a class="button" href="${context.basePath}/">Back to the sandbox</a>
    </section>`,
  );
}

export interface IndexDetails {
  origin: string;
  credentials: AlmaraCredentials;
  shortCode: string;
  links: SandboxLink[];
}

/** The index page's controls of a pending link, by the state each puts it in (`POST /links/{id}/{state}`). */
export const INDEX_CONTROLS: Readonly<Record<FinishedStatus, string>> = {
  paid: 'Mark paid',
  failed: 'Decline',
  expired: 'Expire',
};

/** Where the index page's control posts to put a link in `status`. */
export const controlPath = (context: PageContext, id: string, status: FinishedStatus) =>
  `${context.basePath}/links/${encodeURIComponent(id)}/${status}`;

/** A pending link's controls: one form each, as the pages have no script. */
function linkControls(context: PageContext, link: SandboxLink) {
  if (link.status !== 'pending') return '';
  // Every row has the same three labels: each button is described by its row's id.
  const forms = (Object.entries(INDEX_CONTROLS) as [FinishedStatus, string][]).map(
    ([status, label]) =>
      html`<form method="post" action="${controlPath(context, link.id, status)}">
        <button type="submit" class="small${status === 'paid' ? '' : ' secondary'}" aria-describedby="link-${link.id}">
          ${label}
        </button>
      </form>`,
  );
  return html`<div class="actions">${forms}</div>`;
}

/** What a developer needs to point a backend at the sandbox, and the latest links. */
export function indexPage(context: PageContext, details: IndexDetails): string {
  const base = details.origin + context.basePath;
  const rows = details.links.map(
    (link) =>
      html`<tr>
        <td>
          <a href="${context.basePath}/pay/${encodeURIComponent(link.id)}"
            ><code id="link-${link.id}">${link.id}</code></a
          >
        </td>
        <td>${link.isAmountSpecified ? money(link) : 'open'}</td>
        <td>${link.description}</td>
        <td>
          ${statusBadge(link.status)}
          ${
            link.paysAt === undefined
              ? ''
              : html`<span class="note-inline">pays by itself in ${secondsUntil(context, link.paysAt)} s</span>`
          }
        </td>
        <td>${linkControls(context, link)}</td>
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
                    <th>Actions</th>
                  </tr>
                </thead>
                <tbody>
                  ${rows}
                </tbody>
              </table>
              <p class="note">
                A pending link can be ended here by hand, as if its payer had acted: Mark paid, Decline (failed) or
                Expire. The merchant's backend reads the new state with Find Payment Link By Id.
              </p>`
          : html`<p class="note">None yet.</p>`
      }`,
    true,
  );
}
