// Starts the real `bsg` server for a test file, on a fresh SQLite database in
// a temporary folder and a free port, and stops it again.
//
// Contract with the binary (see tests/browser/README.md):
//   bsg --database URL migrate                                  exits 0 when the schema is up to date
//   bsg --database URL serve --port 0 --static-dir DIR          prints "listening on http://HOST:PORT" on stdout,
//                                                               exits 0 on SIGTERM
//   bsg --database URL seed --demo                              loads the demo data and prints
//                                                               "demo admin: admin@example.org / <password>"
//
// Environment:
//   BSG_BINARY      path of the binary (default: <repo>/build/bsg)
//   BSG_STATIC_DIR  folder served as the web front end (default: <repo>/web/dist)
//   BSG_START_TIMEOUT_MS  how long to wait for "listening on" (default 20000)

import { spawn } from 'node:child_process';
import { accessSync, constants, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { after, before } from 'node:test';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = resolve(here, '../../..');
export const BSG_BINARY = resolve(process.env.BSG_BINARY || resolve(here, '../../../build/bsg'));
export const STATIC_DIR = resolve(process.env.BSG_STATIC_DIR || join(REPO_ROOT, 'web/dist'));

const START_TIMEOUT_MS = Number(process.env.BSG_START_TIMEOUT_MS || 20_000);
const STOP_TIMEOUT_MS = 10_000;
const LISTENING = /listening on (http:\/\/\S+)/;
const DEMO_ADMIN = /demo admin: (\S+) \/ (\S+)/;

// The demo admin's credentials from the output of `bsg seed --demo`, or undefined.
export function parseDemoAdmin(output) {
  const match = DEMO_ADMIN.exec(output);
  return match ? { email: match[1], password: match[2] } : undefined;
}

// Throws a readable error when the binary or the built front end is missing.
export function checkPrerequisites({ needStatic = true } = {}) {
  try {
    accessSync(BSG_BINARY, constants.X_OK);
  } catch {
    throw new Error(
      `bsg binary not found or not executable at ${BSG_BINARY}. ` +
        'Build the server first (cmake --build build), or set BSG_BINARY to its path.',
    );
  }
  if (needStatic && !existsSync(join(STATIC_DIR, 'index.html'))) {
    throw new Error(
      `web front end not built: ${join(STATIC_DIR, 'index.html')} is missing. ` +
        'Run `npm ci && npm run build` in web/, or set BSG_STATIC_DIR.',
    );
  }
}

// Runs one CLI command to completion; rejects unless it exits 0.
export function runCli(args, { timeoutMs = 60_000 } = {}) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(BSG_BINARY, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`could not run ${BSG_BINARY}: ${error.message}`));
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolvePromise(output);
      else
        reject(
          new Error(`bsg ${args.join(' ')} exited with ${signal ?? code}\n--- output ---\n${output.trimEnd()}`),
        );
    });
  });
}

// Running servers, killed if the test process exits without stopping them.
const live = new Set();
process.on('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

// Starts a server on a fresh database. Options:
//   seed: true   also runs `bsg --database URL seed --demo` before serving, and returns the
//                demo admin's credentials it prints as `admin: {email, password}`
//   staticDir    folder for --static-dir (default STATIC_DIR)
// Returns {url, databaseUrl, pid, admin, output(), stop()}. stop() sends SIGTERM, waits for
// the exit and throws unless the exit code is 0; it is safe to call twice.
export async function startServer({ seed = false, staticDir = STATIC_DIR } = {}) {
  checkPrerequisites({ needStatic: staticDir === STATIC_DIR });
  const workDir = mkdtempSync(join(tmpdir(), 'bsg-test-'));
  const databaseUrl = `sqlite://${join(workDir, 'bsg.db')}`;
  const cleanUp = () => rmSync(workDir, { recursive: true, force: true });

  let admin;
  try {
    // --database is a global option: it goes before the sub-command.
    await runCli(['--database', databaseUrl, 'migrate']);
    if (seed) {
      const printed = await runCli(['--database', databaseUrl, 'seed', '--demo']);
      admin = parseDemoAdmin(printed);
      if (!admin) {
        throw new Error(`bsg seed --demo did not print "demo admin: EMAIL / PASSWORD"\n--- output ---\n${printed}`);
      }
    }
  } catch (error) {
    cleanUp();
    throw error;
  }

  const child = spawn(
    BSG_BINARY,
    ['--database', databaseUrl, 'serve', '--port', '0', '--static-dir', staticDir],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  live.add(child);

  const lines = [];
  const remember = (stream) => (line) => {
    lines.push(`[${stream}] ${line}`);
    if (lines.length > 500) lines.shift();
  };
  const exited = new Promise((resolveExit) => {
    child.on('exit', (code, signal) => {
      live.delete(child);
      resolveExit({ code, signal });
    });
  });
  const output = () => lines.join('\n');

  createInterface({ input: child.stderr }).on('line', remember('stderr'));
  const stdout = createInterface({ input: child.stdout });

  let url;
  try {
    url = await new Promise((resolveUrl, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`bsg serve did not print "listening on http://…" within ${START_TIMEOUT_MS} ms`)),
        START_TIMEOUT_MS,
      );
      stdout.on('line', (line) => {
        remember('stdout')(line);
        const match = LISTENING.exec(line);
        if (match && url === undefined) {
          clearTimeout(timer);
          resolveUrl(match[1]);
        }
      });
      child.on('error', (error) => {
        clearTimeout(timer);
        reject(new Error(`could not start ${BSG_BINARY}: ${error.message}`));
      });
      exited.then(({ code, signal }) => {
        clearTimeout(timer);
        reject(new Error(`bsg serve exited with ${signal ?? code} before listening`));
      });
    });
  } catch (error) {
    if (child.pid !== undefined) {
      child.kill('SIGKILL');
      await exited;
    }
    live.delete(child);
    cleanUp();
    error.message += `\n--- server output ---\n${output()}`;
    throw error;
  }

  // A server listening on all interfaces is reached on loopback.
  url = url
    .replace(/[.,;:)]+$/, '') // punctuation after the address in a log sentence
    .replace(/\/+$/, '')
    .replace('://0.0.0.0', '://127.0.0.1')
    .replace('://[::]', '://[::1]');

  let stopping;
  async function stop() {
    stopping ??= (async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      let timer;
      const timeout = new Promise((resolveTimeout) => {
        timer = setTimeout(() => resolveTimeout(null), STOP_TIMEOUT_MS);
      });
      const result = await Promise.race([exited, timeout]);
      clearTimeout(timer);
      if (result === null) {
        child.kill('SIGKILL');
        await exited;
        cleanUp();
        throw new Error(`bsg serve did not exit within ${STOP_TIMEOUT_MS} ms of SIGTERM\n${output()}`);
      }
      cleanUp();
      if (result.code !== 0) {
        throw new Error(
          `bsg serve exited with ${result.signal ?? result.code} after SIGTERM, expected 0\n` +
            `--- server output ---\n${output()}`,
        );
      }
      return result;
    })();
    return stopping;
  }

  return { url, databaseUrl, pid: child.pid, admin, output, stop };
}

// For use inside a describe(): starts a server before the suite's tests and
// stops it after them. Returns a function that gives the server to a test, or
// throws the start-up error, so that a missing binary fails every test with a
// readable message (rather than cancelling them, which test reports may not
// count as failures).
//
// A failing after() hook keeps the suite's later after() hooks from running,
// so the hook here throws only when no test has called stop() itself (a test
// that did has already reported the failure). Call useServer() after
// useBrowser() in a suite, so that the browser is closed first in any case.
export function useServer(options) {
  let server;
  let failure;
  let stoppedByTest = false;
  before(async () => {
    try {
      server = await startServer(options);
    } catch (error) {
      failure = error;
    }
  });
  after(async () => {
    if (!server) return;
    try {
      await server.stop();
    } catch (error) {
      if (!stoppedByTest) throw error;
    }
  });
  return () => {
    if (failure) throw failure;
    return {
      ...server,
      stop: () => {
        stoppedByTest = true;
        return server.stop();
      },
    };
  };
}
