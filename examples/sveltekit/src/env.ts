import { building } from '$app/env';
import { defineEnvVars } from '@sveltejs/kit/env';

// Read when the server starts, which refuses to start without them. `vite build` runs the app too,
// to analyse its routes: the secrets belong to the server, not to the build, so there they may be unset.
function required(value: string | undefined): string {
  if (value) return value;
  if (building) return '';
  throw new Error('Not set: /api/payment-link needs it');
}

// Server code imports these from `$app/env/private`; the browser never sees them.
export const variables = defineEnvVars({
  ALMARA_BASE_URL: { schema: required, description: 'The Almara Pay API (the sandbox: http://127.0.0.1:4010)' },
  ALMARA_CLIENT_ID: { schema: required, description: 'The Almara Pay client id' },
  ALMARA_CLIENT_SECRET: { schema: required, description: 'The Almara Pay client secret' },
  ALMARA_SHORT_CODE: { schema: required, description: "The merchant's Almara short code" },
  REDIRECTION_SITE: { schema: required, description: 'Where payers come back to after paying' },
});
