// Writes a gzip-compressed sibling (name.gz) next to every .js, .css, .html,
// .svg and .json file under dist/, so the server can send precompressed files.
// Usage: node scripts/compress.mjs [dist-dir]

import { readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, extname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { constants, gzipSync } from 'node:zlib';

const EXTENSIONS = new Set(['.js', '.css', '.html', '.svg', '.json']);

const webDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const distDir = resolve(process.argv[2] ?? join(webDir, 'dist'));

function* walk(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else if (entry.isFile()) yield path;
  }
}

let count = 0;
for (const file of walk(distDir)) {
  if (!EXTENSIONS.has(extname(file))) continue;
  const gz = gzipSync(readFileSync(file), { level: constants.Z_BEST_COMPRESSION });
  writeFileSync(`${file}.gz`, gz);
  const { atime, mtime } = statSync(file);
  utimesSync(`${file}.gz`, atime, mtime); // same date, so conditional requests agree
  count++;
  if (process.env.VERBOSE) console.log(`${relative(distDir, file)}.gz ${gz.length} B`);
}
console.log(`compress: wrote ${count} .gz files under ${relative(process.cwd(), distDir) || '.'}`);
