#!/usr/bin/env node
// Load generator of bench/sections/course.sh (the online course under load); Node's built-in
// modules only, and its own small HTTP/1.1 client (`Conn`: one write per request, keep-alive),
// because node:http cost the client most of a core at 3,000 requests a second and the
// reference run against nginx then measured the client. Every request has a time limit
// (60 s); progress goes to stderr, results to stdout as one JSON object.
//
//   course_load.mjs users  --base URL --dir DIR --learners N --email E --password=P
//       Signs the demo admin in (one argon2id hash), creates N learner accounts without a
//       password (POST /api/users, role delegate; no hash is made for them), and writes
//       DIR/users.tsv (index, user_id), DIR/course.json (the A.1 course, its modules, its final
//       assessment) and DIR/key.json (question text -> indexes of the answers worth points, from
//       the question bank, so that learners can answer right or wrong on purpose).
//   course_load.mjs enrol  --base URL --dir DIR [--concurrency 32]
//       Each learner (DIR/tokens.tsv: index, user_id, API token) enrols in the course and
//       visits its six modules, so that a passing assessment completes the course.
//   course_load.mjs start  --base URL --dir DIR [--spread-ms 1000] [--reference] [--bodies DIR2]
//       The synchronised start. First every learner's connection is opened (not timed: the
//       browser with the quiz page open). Then, timed: learner i starts the quiz at
//       i * spread / N ms over its connection, and as soon as its attempt arrives saves an
//       answer to the first question (a client-made answer_id). With --reference the same
//       requests (method, headers, body sizes, pattern) go to /start.json and /save.json of a
//       static server instead. Without it, writes DIR/attempts.json (each learner's attempt and
//       questions) and, with --bodies, the first answers to both requests into DIR2, for the
//       static server to serve.
//   course_load.mjs answer --base URL --dir DIR [--concurrency 32]
//       Saves the other answers of every attempt: learner i answers the first 10 + i % 11
//       questions right and the rest wrong (so 5 in 11 reach the 80% pass mark).
//   course_load.mjs submit --base URL --dir DIR [--concurrency 32] [--reference] [--bodies DIR2]
//       Submits every attempt, timed, CONCURRENCY requests in flight (with --reference: the same
//       requests to /submit.json of the static server; with --bodies, the first answer is
//       written to DIR2/submit.json).
// users, enrol and answer are preparation: a 503 is sent again (see `retrying`). The timed
// requests of start and submit are sent once, and anything but a 2xx answer is an error.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';

const REQUEST_TIMEOUT_MS = 60_000;

const { values: opt, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    base: { type: 'string' },
    dir: { type: 'string' },
    learners: { type: 'string', default: '3000' },
    email: { type: 'string' },
    password: { type: 'string' },
    'spread-ms': { type: 'string', default: '1000' },
    reference: { type: 'boolean', default: false },
    bodies: { type: 'string' },
    concurrency: { type: 'string', default: '32' },
  },
});
const command = positionals[0];
const log = (...a) => console.error('course_load:', ...a);
function die(message) {
  log(message);
  process.exit(1);
}
if (!opt.base || !opt.dir) die('--base and --dir are required');
const base = new URL(opt.base);

// One keep-alive HTTP/1.1 connection with at most one request in flight: a learner's browser,
// or one slot of a pool. node:http took most of the client's time at 3,000 requests a second
// (the reference run against nginx measured the client); this writes each request at once and
// reads only the status line and the headers it needs. Answers need a Content-Length (bsg and
// nginx send one); a closed connection is opened again by the next request.
class Conn {
  constructor() {
    this.sock = null;
    this.pending = null;
  }

  // Opens the connection; resolves to null, or to the error's code.
  open() {
    return new Promise((resolve) => {
      const sock = net.connect({ host: base.hostname, port: Number(base.port) });
      const timer = setTimeout(() => sock.destroy(Object.assign(new Error('timeout'), { code: 'CONNECT_TIMEOUT' })), REQUEST_TIMEOUT_MS);
      sock.setNoDelay(true);
      sock.once('connect', () => {
        clearTimeout(timer);
        resolve(null);
      });
      sock.on('data', (d) => this.onData(d));
      // An error or a close before 'connect' ends open() (resolving again changes nothing).
      sock.on('error', (e) => {
        clearTimeout(timer);
        if (this.sock === sock) this.sock = null;
        resolve(e.code || e.message);
        this.finish({ status: 0, error: e.code || e.message });
      });
      sock.on('close', () => {
        clearTimeout(timer);
        if (this.sock === sock) this.sock = null;
        resolve('CLOSED');
        this.finish({ status: 0, error: 'CLOSED' });
      });
      this.sock = sock;
    });
  }

  close() {
    if (this.sock) this.sock.destroy();
    this.sock = null;
  }

  // Never rejects: {status, ms, t0, body, headers} or {status: 0, error, ms, t0}.
  async request(method, urlPath, { body = null, headers = {} } = {}) {
    const t0 = performance.now();
    if (!this.sock) {
      const error = await this.open();
      if (error) return { status: 0, error, ms: performance.now() - t0, t0 };
    }
    let head = `${method} ${urlPath} HTTP/1.1\r\nHost: ${base.host}\r\n`;
    for (const [k, v] of Object.entries(headers)) head += `${k}: ${v}\r\n`;
    if (body !== null) {
      head += `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n`;
    }
    return new Promise((resolve) => {
      const sock = this.sock;
      this.pending = {
        resolve, t0, chunks: [], length: 0, headerEnd: -1, status: 0, headers: null, need: 0,
        timer: setTimeout(() => sock.destroy(Object.assign(new Error('timeout'), { code: 'TIMEOUT' })), REQUEST_TIMEOUT_MS),
      };
      sock.write(head + '\r\n' + (body ?? ''));
    });
  }

  onData(d) {
    const p = this.pending;
    if (!p) return;
    p.chunks.push(d);
    p.length += d.length;
    if (p.headerEnd < 0) {
      const all = p.chunks.length > 1 ? Buffer.concat(p.chunks) : d;
      p.chunks = [all];
      const end = all.indexOf('\r\n\r\n');
      if (end < 0) return;
      p.headerEnd = end + 4;
      const lines = all.toString('latin1', 0, end).split('\r\n');
      p.status = Number(lines[0].split(' ')[1]);
      p.headers = { 'set-cookie': [] };
      for (const line of lines.slice(1)) {
        const colon = line.indexOf(':');
        const name = line.slice(0, colon).trim().toLowerCase();
        const value = line.slice(colon + 1).trim();
        if (name === 'set-cookie') p.headers[name].push(value);
        else p.headers[name] = value;
      }
      if (!('content-length' in p.headers)) {
        this.sock.destroy();
        this.finish({ status: 0, error: 'NO_CONTENT_LENGTH' });
        return;
      }
      p.need = p.headerEnd + Number(p.headers['content-length']);
    }
    if (p.length < p.need) return;
    const all = p.chunks.length > 1 ? Buffer.concat(p.chunks) : p.chunks[0];
    if ((p.headers.connection || '').toLowerCase() === 'close') this.close();
    this.finish({ status: p.status, headers: p.headers, body: all.subarray(p.headerEnd, p.need) });
  }

  finish(r) {
    const p = this.pending;
    if (!p) return;
    this.pending = null;
    clearTimeout(p.timer);
    p.resolve({ ms: performance.now() - p.t0, t0: p.t0, ...r });
  }
}

const ok = (r) => r.status >= 200 && r.status < 300;
// "401 token.invalid", "ECONNRESET", ...: what a failed request is counted under.
function failure(r) {
  if (r.error) return r.error;
  let reason = '';
  try { reason = JSON.parse(r.body.toString()).reason || ''; } catch { /* not JSON */ }
  return `${r.status}${reason ? ' ' + reason : ''}`;
}
const json = (r) => JSON.parse(r.body.toString());

// Runs task(k, conn) for k in 0..n-1 with at most `limit` in flight, each worker over a
// connection of its own; resolves when all have finished and the connections are closed.
async function pool(n, limit, task) {
  let next = 0;
  const worker = async () => {
    const conn = new Conn();
    while (next < n) await task(next++, conn);
    conn.close();
  };
  await Promise.all(Array.from({ length: Math.min(limit, n) }, worker));
}

// The preparation's requests (not timed): a 503 (the server gave up after its own retries, e.g.
// a PostgreSQL serialization failure) is sent again after its Retry-After, up to 10 times, and
// counted in `retried`.
let retried = 0;
async function retrying(conn, method, urlPath, options) {
  for (let k = 0; ; k++) {
    const r = await conn.request(method, urlPath, options);
    if (r.status !== 503 || k === 10) return r;
    retried++;
    const after = Number(r.headers['retry-after']) || 1;
    await new Promise((done) => setTimeout(done, after * 1000 * (0.5 + Math.random())));
  }
}

// Latency figures in ms (nearest rank) of the requests of one kind, with their failures.
function stats(rows) {
  const ms = rows.map((r) => r.ms).sort((a, b) => a - b);
  const rank = (p) => (ms.length ? ms[Math.min(ms.length - 1, Math.ceil((p / 100) * ms.length) - 1)] : null);
  const errors = {};
  for (const r of rows) if (!ok(r)) errors[failure(r)] = (errors[failure(r)] || 0) + 1;
  const round = (v) => (v === null ? null : Math.round(v * 100) / 100);
  return {
    requests: rows.length,
    ok: rows.filter(ok).length,
    errors,
    mean: round(ms.length ? ms.reduce((a, b) => a + b, 0) / ms.length : null),
    p50: round(rank(50)), p95: round(rank(95)), p99: round(rank(99)), max: round(ms.at(-1) ?? null),
  };
}

const readTsv = (file) =>
  fs.readFileSync(path.join(opt.dir, file), 'utf8').trim().split('\n').map((l) => l.split('\t'));
const readJson = (file) => JSON.parse(fs.readFileSync(path.join(opt.dir, file), 'utf8'));
const writeJson = (file, v) => fs.writeFileSync(path.join(opt.dir, file), JSON.stringify(v));
const learners = () => readTsv('tokens.tsv').map(([i, userId, token]) => ({ i: +i, userId: +userId, token }));
const bearer = (token) => ({ Authorization: `Bearer ${token}` });

// How many questions learner i answers right: 10 to 20.
const rightCount = (i) => 10 + (i % 11);
// The choice learner i gives to the question at `position` (1-based): one worth points when the
// position is among the first rightCount(i), else one worth none.
function choiceFor(key, i, question, position) {
  const right = key[question.text] || [];
  const indexes = question.choices;
  const wantRight = position <= rightCount(i);
  const pick = indexes.find((x) => right.includes(x) === wantRight);
  return pick === undefined ? indexes[0] : pick;
}
// An attempt's questions as the learner needs them: position, text, choice indexes.
function questionsOf(attempt) {
  return attempt.questions.map((q) => ({
    position: q.position,
    text: q.question.text.text,
    choices: (q.question.choices || []).map((c) => c.index),
  }));
}

async function users() {
  const n = Number(opt.learners);
  const conn = new Conn();
  const signIn = await conn.request('POST', '/api/session', {
    body: JSON.stringify({ email: opt.email, password: opt.password }),
  });
  if (!ok(signIn)) die(`sign-in of ${opt.email}: ${failure(signIn)}`);
  const csrf = json(signIn).csrf_token;
  const cookie = signIn.headers['set-cookie'].map((c) => c.split(';')[0]).join('; ');
  const admin = { Cookie: cookie, 'X-CSRF-Token': csrf };

  const courses = await conn.request('GET', '/api/courses', { headers: admin });
  if (!ok(courses)) die(`GET /api/courses: ${failure(courses)}`);
  const course = json(courses).items.find((c) => c.code === 'a1-working-methods');
  if (!course || !course.assessment_quiz_id) die('the demo data has no A.1 course with a final assessment');
  const quiz = await conn.request('GET', `/api/quizzes/${course.assessment_quiz_id}`, { headers: admin });
  if (!ok(quiz)) die(`GET /api/quizzes/${course.assessment_quiz_id}: ${failure(quiz)}`);
  const bank = await conn.request('GET', '/api/questions', { headers: admin });
  if (!ok(bank)) die(`GET /api/questions: ${failure(bank)}`);
  conn.close();
  const key = {};
  for (const b of json(bank).items) {
    key[b.question.text.text] = b.question.answers.flatMap((a, idx) => (a.fraction > 0 ? [idx] : []));
  }
  writeJson('key.json', key);
  writeJson('course.json', {
    course_id: course.course_id,
    quiz_id: course.assessment_quiz_id,
    quiz: json(quiz),
    module_ids: course.modules.map((m) => m.module_id),
  });

  const rows = new Array(n);
  const failures = {};
  const t0 = performance.now();
  await pool(n, 32, async (i, c) => {
    const label = String(i + 1).padStart(4, '0');
    const r = await retrying(c, 'POST', '/api/users', {
      headers: admin,
      body: JSON.stringify({
        email: `learner${label}@bench.example.org`,
        display_name: `Learner ${label}`,
        roles: ['delegate'],
      }),
    });
    if (!ok(r)) failures[failure(r)] = (failures[failure(r)] || 0) + 1;
    else rows[i] = `${i}\t${json(r).user_id}`;
  });
  if (Object.keys(failures).length) die(`creating accounts failed: ${JSON.stringify(failures)}`);
  fs.writeFileSync(path.join(opt.dir, 'users.tsv'), rows.join('\n') + '\n');
  const seconds = (performance.now() - t0) / 1000;
  log(`${n} accounts in ${seconds.toFixed(1)} s, ${retried} sent again after a 503`);
  console.log(JSON.stringify({ accounts: n, seconds, retried }));
}

async function enrol() {
  const { course_id: courseId, module_ids: moduleIds } = readJson('course.json');
  const all = learners();
  const failures = {};
  const t0 = performance.now();
  await pool(all.length, Number(opt.concurrency), async (k, c) => {
    const l = all[k];
    const steps = [['POST', `/api/courses/${courseId}/enrolment`, '{"language":"en"}']];
    for (const m of moduleIds) steps.push(['POST', `/api/courses/${courseId}/modules/${m}/visit`, '{}']);
    for (const [method, p, body] of steps) {
      const r = await retrying(c, method, p, { body, headers: bearer(l.token) });
      if (!ok(r)) {
        failures[failure(r)] = (failures[failure(r)] || 0) + 1;
        return;
      }
    }
  });
  if (Object.keys(failures).length) die(`enrolling failed: ${JSON.stringify(failures)}`);
  const seconds = (performance.now() - t0) / 1000;
  log(`${all.length} learners enrolled, ${moduleIds.length} modules each visited, in ${seconds.toFixed(1)} s, ${retried} sent again after a 503`);
  console.log(JSON.stringify({ learners: all.length, requests: all.length * (1 + moduleIds.length), seconds, retried }));
}

async function start() {
  const reference = opt.reference;
  const spread = Number(opt['spread-ms']);
  const key = reference ? {} : readJson('key.json');
  const { quiz_id: quizId } = readJson('course.json');
  const all = learners();
  const n = all.length;

  // Every learner's connection first (not timed): the browser that has the quiz page open.
  const conns = all.map(() => new Conn());
  const connectErrors = {};
  const c0 = performance.now();
  await pool(n, 64, async (k) => {
    const error = await conns[k].open();
    if (error) connectErrors[error] = (connectErrors[error] || 0) + 1;
  });
  const connectMs = performance.now() - c0;
  await new Promise((r) => setTimeout(r, 500));
  const open = conns.filter((c) => c.sock).length;
  log(`${open} of ${n} connections open after ${Math.round(connectMs)} ms${Object.keys(connectErrors).length ? ' ' + JSON.stringify(connectErrors) : ''}`);

  const starts = [];
  const saves = [];
  const attempts = new Array(n).fill(null);
  let lagMax = 0;
  let bodiesWritten = false;
  const t0 = performance.now() + 100;
  const runs = all.map((l, k) => new Promise((resolve) => {
    const due = t0 + (k * spread) / n;
    setTimeout(async () => {
      lagMax = Math.max(lagMax, performance.now() - due);
      const conn = conns[k];
      const headers = bearer(l.token);
      const s = await conn.request('POST', reference ? '/start.json' : `/api/quizzes/${quizId}/attempts`, { body: '{}', headers });
      starts.push(s);
      if (!ok(s)) return resolve();
      let position = 1;
      let choice = 0;
      let savePath = '/save.json';
      if (!reference) {
        const a = json(s);
        const questions = questionsOf(a);
        attempts[k] = { i: l.i, attempt_id: a.attempt_id, questions };
        position = questions[0].position;
        choice = choiceFor(key, l.i, questions[0], position);
        savePath = `/api/attempts/${a.attempt_id}/answers/${position}`;
      }
      const answerId = randomUUID();
      const body = JSON.stringify({ answer_id: answerId, response: { choice } });
      const v = await conn.request('PUT', savePath, { body, headers });
      saves.push(v);
      if (!reference && ok(v)) attempts[k].saved = { [position]: answerId };
      if (!reference && opt.bodies && ok(v) && !bodiesWritten) {
        bodiesWritten = true;
        fs.mkdirSync(opt.bodies, { recursive: true });
        fs.writeFileSync(path.join(opt.bodies, 'start.json'), s.body);
        fs.writeFileSync(path.join(opt.bodies, 'save.json'), v.body);
      }
      resolve();
    }, Math.max(0, due - performance.now()));
  }));
  await Promise.all(runs);
  const wall = performance.now() - t0;
  // Connections the server closed before the end (it keeps idle ones for 30 s).
  const stillOpen = conns.filter((c) => c.sock).length;
  for (const c of conns) c.close();
  if (!reference) writeJson('attempts.json', attempts);
  const out = {
    learners: n,
    spread_ms: spread,
    connections_opened: open,
    connect_ms: Math.round(connectMs),
    connect_errors: connectErrors,
    connections_open_at_end: stillOpen,
    wall_ms: Math.round(wall),
    launch_lag_max_ms: Math.round(lagMax * 100) / 100,
    start: stats(starts),
    save: stats(saves),
  };
  log(`${reference ? 'reference' : 'bsg'}: ${JSON.stringify(out)}`);
  console.log(JSON.stringify(out));
}

async function answer() {
  const key = readJson('key.json');
  const all = new Map(learners().map((l) => [l.i, l]));
  const attempts = readJson('attempts.json');
  const tasks = [];
  for (const a of attempts) {
    if (!a) continue;
    for (const q of a.questions) {
      if (a.saved && a.saved[q.position]) continue;
      tasks.push({ a, q });
    }
  }
  const failures = {};
  const t0 = performance.now();
  await pool(tasks.length, Number(opt.concurrency), async (k, c) => {
    const { a, q } = tasks[k];
    const body = JSON.stringify({ answer_id: randomUUID(), response: { choice: choiceFor(key, a.i, q, q.position) } });
    const r = await retrying(c, 'PUT', `/api/attempts/${a.attempt_id}/answers/${q.position}`, {
      body, headers: bearer(all.get(a.i).token),
    });
    if (!ok(r)) failures[failure(r)] = (failures[failure(r)] || 0) + 1;
  });
  if (Object.keys(failures).length) die(`saving answers failed: ${JSON.stringify(failures)}`);
  const seconds = (performance.now() - t0) / 1000;
  log(`${tasks.length} answers saved in ${seconds.toFixed(1)} s, ${retried} sent again after a 503`);
  console.log(JSON.stringify({ answers: tasks.length, seconds, retried }));
}

async function submit() {
  const all = new Map(learners().map((l) => [l.i, l]));
  const attempts = readJson('attempts.json').filter(Boolean);
  const concurrency = Number(opt.concurrency);
  const rows = [];
  let passed = 0;
  let bodiesWritten = false;
  const t0 = performance.now();
  await pool(attempts.length, concurrency, async (k, c) => {
    const a = attempts[k];
    const p = opt.reference ? '/submit.json' : `/api/attempts/${a.attempt_id}/submit`;
    const r = await c.request('POST', p, { body: '{}', headers: bearer(all.get(a.i).token) });
    rows.push(r);
    if (!opt.reference && ok(r) && json(r).passed) passed++;
    if (!opt.reference && opt.bodies && ok(r) && !bodiesWritten) {
      bodiesWritten = true;
      fs.mkdirSync(opt.bodies, { recursive: true });
      fs.writeFileSync(path.join(opt.bodies, 'submit.json'), r.body);
    }
  });
  const wall = performance.now() - t0;
  const out = {
    attempts: attempts.length,
    concurrency,
    wall_ms: Math.round(wall),
    per_attempt_ms: Math.round((wall / attempts.length) * 1000) / 1000,
    passed,
    submit: stats(rows),
  };
  log(`${opt.reference ? 'reference' : 'bsg'} submit: ${JSON.stringify(out)}`);
  console.log(JSON.stringify(out));
}

const commands = { users, enrol, start, answer, submit };
if (!commands[command]) die(`unknown command '${command}' (${Object.keys(commands).join(', ')})`);
await commands[command]();
