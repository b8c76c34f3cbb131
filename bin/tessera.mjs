#!/usr/bin/env node
// Runs the TypeScript command line through tsx, so `npx tessera` works in a checkout after
// `npm install` without a separate build step.
import { tsImport } from 'tsx/esm/api';

const { main } = await tsImport('../cli/main.ts', import.meta.url);
process.exitCode = await main(process.argv.slice(2));
