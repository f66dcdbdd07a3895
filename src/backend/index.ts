/**
 * almara-pay-link/backend: the no-code merchant backend of contract §7 as one Fetch handler,
 * for serverless hosts (`createBackend(config, env?)`), and the pieces `almara-pay-link serve`
 * is made of. The config is `almara.config.json`; its JSON Schema is
 * `almara-pay-link/almara.config.schema.json`.
 */
export {
  createBackend,
  SANDBOX_PATH,
  type Backend,
  type BackendOptions,
  type RequestLogLine,
} from './create-backend.js';
export { ConfigError, readConfig, type BackendConfig, type Item } from './config.js';
export { EnvironmentError, ALMARA_VARIABLES, type BackendEnvironment } from './environment.js';
export { snippet, RESERVED_HEIGHT, WIDE_FROM, type SnippetOptions } from './snippet.js';
export type { PublicItem } from './catalogue.js';
