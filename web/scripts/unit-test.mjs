// Runs the unit tests of pure TypeScript logic (src/**/*.test.ts) with node's
// built-in test runner: esbuild bundles each test file for node into a
// temporary folder, then `node --test` runs the bundles.
// Extra arguments go to node, e.g. `npm test -- --test-reporter=tap`.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const webDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function* walk(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else if (/\.test\.tsx?$/.test(entry.name)) yield path;
  }
}

const entryPoints = [...walk(join(webDir, 'src'))].sort();
if (entryPoints.length === 0) {
  console.error('unit-test: no src/**/*.test.ts files found');
  process.exit(1);
}

const outdir = mkdtempSync(join(tmpdir(), 'bsg-web-unit-'));
let status = 1;
try {
  await build({
    entryPoints,
    outdir,
    outbase: join(webDir, 'src'),
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node18',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    logLevel: 'warning',
  });
  const files = entryPoints.map((p) =>
    join(outdir, p.slice(join(webDir, 'src').length + 1).replace(/\.tsx?$/, '.mjs')),
  );
  const result = spawnSync(process.execPath, ['--test', ...process.argv.slice(2), ...files], {
    stdio: 'inherit',
  });
  status = result.status ?? 1;
} finally {
  rmSync(outdir, { recursive: true, force: true });
}
process.exit(status);
