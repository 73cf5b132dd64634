// Size budget for the first load. Gzips every file under dist/ (in memory, at
// the level compress.mjs uses), prints the sizes, and fails when index.html
// plus the scripts, module preloads and style sheets it references exceed the
// budget. Files loaded later (language catalogues, lazily loaded pages) are
// listed but do not count.
// Usage: node scripts/check-size.mjs [dist-dir]   (budget: BSG_WEB_BUDGET bytes, default 50000)

import { readdirSync, readFileSync } from 'node:fs';
import { dirname, extname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { constants, gzipSync } from 'node:zlib';

const webDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const distDir = resolve(process.argv[2] ?? join(webDir, 'dist'));
const budget = Number(process.env.BSG_WEB_BUDGET ?? 50_000);

function* walk(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else if (entry.isFile()) yield path;
  }
}

function gzipSize(path) {
  return gzipSync(readFileSync(path), { level: constants.Z_BEST_COMPRESSION }).length;
}

const indexPath = join(distDir, 'index.html');
let html;
try {
  html = readFileSync(indexPath, 'utf8');
} catch {
  console.error(`check-size: ${indexPath} not found; run the build first`);
  process.exit(1);
}

// Same-origin assets index.html makes the browser fetch before first render.
const firstLoad = new Set(['index.html']);
const tagPattern = /<(script|link)\b[^>]*>/gi;
for (const [tag, name] of html.matchAll(tagPattern)) {
  const attr = (key) => tag.match(new RegExp(`\\b${key}\\s*=\\s*["']([^"']*)["']`, 'i'))?.[1];
  let url;
  if (name.toLowerCase() === 'script') {
    url = attr('src');
  } else {
    const rel = (attr('rel') ?? '').toLowerCase().split(/\s+/);
    if (rel.includes('stylesheet') || rel.includes('modulepreload') || rel.includes('preload')) url = attr('href');
  }
  if (!url || /^(data:|[a-z]+:\/\/|\/\/)/i.test(url)) continue;
  firstLoad.add(url.replace(/^\.?\//, '').split(/[?#]/)[0]);
}

const rows = [];
for (const file of walk(distDir)) {
  if (extname(file) === '.gz') continue;
  const name = relative(distDir, file).split('\\').join('/');
  rows.push({ name, raw: readFileSync(file).length, gzip: gzipSize(file), first: firstLoad.has(name) });
}
rows.sort((a, b) => Number(b.first) - Number(a.first) || a.name.localeCompare(b.name));

for (const name of firstLoad) {
  if (!rows.some((r) => r.name === name)) {
    console.error(`check-size: index.html references ${name}, which is not in ${distDir}`);
    process.exit(1);
  }
}

const width = Math.max(...rows.map((r) => r.name.length));
console.log(`${'file'.padEnd(width)}  ${'bytes'.padStart(8)}  ${'gzip'.padStart(8)}  first load`);
for (const r of rows) {
  console.log(`${r.name.padEnd(width)}  ${String(r.raw).padStart(8)}  ${String(r.gzip).padStart(8)}  ${r.first ? 'yes' : ''}`);
}

const total = rows.filter((r) => r.first).reduce((sum, r) => sum + r.gzip, 0);
const verdict = total <= budget ? 'within' : 'OVER';
console.log(`check-size: first load ${total} B gzip (${(total / 1000).toFixed(1)} kB), ${verdict} the budget of ${budget} B`);
if (total > budget) process.exit(1);
