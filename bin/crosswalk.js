#!/usr/bin/env node
'use strict';
// The CLI is compiled by `npm run build` (run by `npm ci` through the prepare script).
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const entry = join(
  __dirname,
  '..',
  'dist',
  'apps',
  'crosswalk',
  'apps',
  'crosswalk',
  'src',
  'cli.js',
);
if (!existsSync(entry)) {
  process.stderr.write('crosswalk: not built yet; run `npm run build` (npm ci does it)\n');
  process.exit(1);
}
require(entry);
