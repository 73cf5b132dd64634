// The server's OpenAPI description must pass `redocly lint` with the
// recommended rules (configuration: redocly.yaml beside this file).

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { useServer } from './lib/server.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const REDOCLY = join(here, 'node_modules', '.bin', 'redocly');

describe('OpenAPI description', () => {
  let workDir;

  before(() => {
    workDir = mkdtempSync(join(tmpdir(), 'bsg-openapi-'));
  });

  after(() => {
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  const server = useServer();

  it('is served at /api/openapi.json and passes redocly lint', async () => {
    assert.ok(existsSync(REDOCLY), `${REDOCLY} is missing: run \`npm ci\` in tests/browser`);
    const response = await fetch(`${server().url}/api/openapi.json`);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /json/i);
    const text = await response.text();
    const document = JSON.parse(text);
    assert.match(String(document.openapi), /^3\./, 'an OpenAPI 3 document');

    const file = join(workDir, 'openapi.json');
    writeFileSync(file, text);
    const result = spawnSync(
      REDOCLY,
      ['lint', '--format=stylish', '--config', join(here, 'redocly.yaml'), file],
      {
        cwd: here,
        encoding: 'utf8',
        timeout: 120_000,
        env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' },
      },
    );
    if (result.error) throw result.error;
    assert.equal(result.status, 0, `redocly lint failed:\n${result.stdout}\n${result.stderr}`);
  });

  it('server exits with status 0 on SIGTERM', async () => {
    const { code } = await server().stop();
    assert.equal(code, 0);
  });
});
