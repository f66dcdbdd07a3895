import {
  AngularNodeAppEngine,
  createNodeRequestHandler,
  isMainModule,
  writeResponseToNodeResponse,
} from '@angular/ssr/node';
import { toNodeHandler } from 'almara-pay-link/server';
import express from 'express';
import { join } from 'node:path';
import { paymentLink } from './payment-link';

const browserDistFolder = join(import.meta.dirname, '../browser');

const app = express();
const angularApp = new AngularNodeAppEngine();

// all, not post: OPTIONS too, for CORS preflights; other methods get the handler's 405.
app.all('/api/payment-link', toNodeHandler(paymentLink));

app.use(express.static(browserDistFolder, { maxAge: '1y', index: false, redirect: false }));

// Everything else: the Angular app, rendered on the server.
app.use((req, res, next) => {
  angularApp
    .handle(req)
    .then((response) => (response ? writeResponseToNodeResponse(response, res) : next()))
    .catch(next);
});

if (isMainModule(import.meta.url) || process.env['pm_id']) {
  const port = Number(process.env['PORT'] || 4000);
  const host = process.env['HOST'] || 'localhost';
  app.listen(port, host, (error) => {
    if (error) throw error;
    console.log(`Node Express server listening on http://${host}:${port}`);
  });
}

// The request handler used by the Angular CLI (dev server and build).
export const reqHandler = createNodeRequestHandler(app);
