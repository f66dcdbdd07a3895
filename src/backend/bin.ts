#!/usr/bin/env node
// The package's `bin`: `npx almara-pay-link serve`, `npx almara-pay-link snippet` (cli.ts).
import { run } from './cli.js';

run(process.argv.slice(2));
