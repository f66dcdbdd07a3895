import { fileURLToPath } from 'node:url';
import express from 'express';
import { createPaymentLinkHandler, toNodeHandler } from 'almara-pay-link/server';

// Fail at start, naming what is missing, rather than at the first payment.
function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`Set the environment variable ${name}`);
  return value;
}

const paymentLink = createPaymentLinkHandler({
  baseUrl: env('ALMARA_BASE_URL'),
  credentials: { clientId: env('ALMARA_CLIENT_ID'), clientSecret: env('ALMARA_CLIENT_SECRET') },
  shortCode: env('ALMARA_SHORT_CODE'),
  redirectionSite: env('REDIRECTION_SITE'),
  // The price comes from the shop's catalogue, never from the browser.
  prepare: (input) => ({ ...input, amount: 1500, isAmountSpecified: true, description: 'Kikoi wrap' }),
});

// The element as one classic script: the CDN file, served from node_modules.
// (On Node the `cdn/almara-pay-link.js` subpath resolves to the module build, so start from package.json.)
const scriptFile = fileURLToPath(
  new URL('dist/cdn/almara-pay-link.js', import.meta.resolve('almara-pay-link/package.json')),
);

const page = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Kikoi wrap</title>
    <link rel="icon" href="data:," />
    <script src="/almara-pay-link.js" defer></script>
  </head>
  <body>
    <h1>Kikoi wrap</h1>
    <almara-pay-link endpoint="/api/payment-link" amount="1500" currency="KES" description="Kikoi wrap"></almara-pay-link>
  </body>
</html>
`;

const app = express();
// A body parser for the shop's other routes may come first: the handler then uses req.body.
app.use(express.json());
// use, not post: the handler answers OPTIONS (CORS preflights) and refuses other methods itself.
app.use('/api/payment-link', toNodeHandler(paymentLink));
app.get('/almara-pay-link.js', (_req, res) => {
  res.sendFile(scriptFile);
});
app.get('/', (_req, res) => {
  res.type('html').send(page);
});

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? 'localhost';
app.listen(port, host, (error) => {
  if (error) throw error;
  console.log(`Listening on http://${host}:${port}`);
});
