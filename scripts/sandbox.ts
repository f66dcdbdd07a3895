// npm run sandbox: the Almara Pay sandbox alone, for a merchant developing their own
// backend against it. PORT (default 4010) and HOST (default 127.0.0.1) to change.
import { SANDBOX_CREDENTIALS, SANDBOX_SHORT_CODE, startSandbox } from '../src/sandbox/index.js';

const sandbox = await startSandbox({
  port: Number(process.env['PORT'] || 4010),
  host: process.env['HOST'] || '127.0.0.1',
});

console.log(`Almara Pay sandbox at ${sandbox.url}/ (no real money moves)

  ALMARA_BASE_URL=${sandbox.url}
  ALMARA_CLIENT_ID=${SANDBOX_CREDENTIALS.clientId}
  ALMARA_CLIENT_SECRET=${SANDBOX_CREDENTIALS.clientSecret}
  ALMARA_SHORT_CODE=${SANDBOX_SHORT_CODE}

Ctrl+C to stop.`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void sandbox.close().then(() => process.exit(0));
  });
}
