// A strict parser for the Prometheus text exposition format (version 0.0.4),
// enough to check what `GET /metrics` serves:
//   # HELP name text        at most once per family, before its samples
//   # TYPE name type        at most once per family, before its samples
//   name{label="value",...} value [timestamp]
// Checks: names and label syntax, escapes, numbers, a family's samples kept
// together, no duplicate series, counters not negative, histograms with
// ascending `le` buckets whose counts never decrease, a +Inf bucket equal to
// _count, and _sum/_count present; summaries with quantile labels and _sum/_count.
// Throws PromParseError (with the line number) on the first problem.

export class PromParseError extends Error {
  constructor(lineNumber, message, line) {
    super(`line ${lineNumber}: ${message}${line === undefined ? '' : `: ${JSON.stringify(line)}`}`);
    this.name = 'PromParseError';
    this.lineNumber = lineNumber;
  }
}

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const TYPES = new Set(['counter', 'gauge', 'histogram', 'summary', 'untyped']);

function parseNumber(text) {
  if (text === '+Inf' || text === 'Inf') return Infinity;
  if (text === '-Inf') return -Infinity;
  if (text === 'NaN') return NaN;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) return undefined;
  return Number(text);
}

function unescapeHelp(text) {
  return text.replace(/\\(\\|n)/g, (_, c) => (c === 'n' ? '\n' : '\\'));
}

// Parses `{a="1",b="2"}` starting at line[start] === '{'. Returns [labels, indexAfter].
function parseLabels(line, start, fail) {
  const labels = {};
  let i = start + 1;
  const skipSpaces = () => {
    while (line[i] === ' ' || line[i] === '\t') i++;
  };
  skipSpaces();
  while (line[i] !== '}') {
    const nameMatch = /^[a-zA-Z_][a-zA-Z0-9_]*/.exec(line.slice(i));
    if (!nameMatch) fail('bad label name');
    const name = nameMatch[0];
    i += name.length;
    skipSpaces();
    if (line[i] !== '=') fail(`expected "=" after label ${name}`);
    i++;
    skipSpaces();
    if (line[i] !== '"') fail(`label ${name}: value must be in double quotes`);
    i++;
    let value = '';
    for (;;) {
      const c = line[i];
      if (c === undefined) fail(`label ${name}: unterminated value`);
      if (c === '"') break;
      if (c === '\\') {
        const next = line[i + 1];
        if (next === '\\') value += '\\';
        else if (next === '"') value += '"';
        else if (next === 'n') value += '\n';
        else fail(`label ${name}: bad escape \\${next ?? ''}`);
        i += 2;
      } else {
        value += c;
        i++;
      }
    }
    i++; // closing quote
    if (Object.prototype.hasOwnProperty.call(labels, name)) fail(`label ${name} repeated`);
    labels[name] = value;
    skipSpaces();
    if (line[i] === ',') {
      i++;
      skipSpaces();
    } else if (line[i] !== '}') {
      fail('expected "," or "}" in label set');
    }
  }
  return [labels, i + 1];
}

function seriesKey(name, labels, omit) {
  return `${name}{${Object.keys(labels)
    .filter((k) => k !== omit)
    .sort()
    .map((k) => `${k}=${JSON.stringify(labels[k])}`)
    .join(',')}}`;
}

// Returns the family a sample name belongs to, given the declared families.
function familyOf(sampleName, families) {
  const declared = families.get(sampleName);
  if (declared && declared.type !== 'histogram' && declared.type !== 'summary') return sampleName;
  for (const suffix of ['_bucket', '_sum', '_count']) {
    if (!sampleName.endsWith(suffix)) continue;
    const base = sampleName.slice(0, -suffix.length);
    const family = families.get(base);
    if (family?.type === 'histogram') return base;
    if (family?.type === 'summary' && suffix !== '_bucket') return base;
  }
  if (declared) return sampleName;
  return undefined;
}

// Parses `text`; returns Map(familyName -> {name, type, help, samples:[{name, labels, value, timestamp, line}]}).
export function parsePrometheus(text) {
  const families = new Map();
  const closed = new Set(); // families whose block of samples has ended
  const seen = new Set();
  let current; // family of the previous sample

  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  else if (text.length > 0) throw new PromParseError(lines.length, 'text does not end with a newline');

  const family = (name, lineNumber) => {
    let f = families.get(name);
    if (!f) {
      f = { name, type: 'untyped', help: undefined, typeLine: undefined, samples: [], firstLine: lineNumber };
      families.set(name, f);
    }
    return f;
  };

  lines.forEach((rawLine, index) => {
    const lineNumber = index + 1;
    const line = rawLine.replace(/\r$/, '');
    const fail = (message) => {
      throw new PromParseError(lineNumber, message, line);
    };
    if (line.trim() === '') return;

    if (line.startsWith('#')) {
      const m = /^#\s+(HELP|TYPE)\s+(\S+)(?:\s(.*))?$/.exec(line);
      if (!m) return; // a plain comment
      const [, keyword, name, rest = ''] = m;
      if (!METRIC_NAME.test(name)) fail(`bad metric name ${name}`);
      const f = family(name, lineNumber);
      if (f.samples.length > 0) fail(`${keyword} for ${name} after its samples`);
      if (keyword === 'HELP') {
        if (f.help !== undefined) fail(`second HELP for ${name}`);
        f.help = unescapeHelp(rest);
      } else {
        const type = rest.trim();
        if (!TYPES.has(type)) fail(`unknown type "${type}"`);
        if (f.typeLine !== undefined) fail(`second TYPE for ${name}`);
        f.type = type;
        f.typeLine = lineNumber;
      }
      return;
    }

    const nameMatch = /^[a-zA-Z_:][a-zA-Z0-9_:]*/.exec(line);
    if (!nameMatch) fail('bad sample line');
    const sampleName = nameMatch[0];
    let i = sampleName.length;
    let labels = {};
    if (line[i] === '{') [labels, i] = parseLabels(line, i, fail);
    const rest = line.slice(i);
    const parts = rest.trim().split(/[ \t]+/);
    if (!/^[ \t]/.test(rest) || parts.length < 1 || parts.length > 2 || parts[0] === '') {
      fail('expected "value [timestamp]" after the series');
    }
    const value = parseNumber(parts[0]);
    if (value === undefined) fail(`bad value ${parts[0]}`);
    let timestamp;
    if (parts.length === 2) {
      if (!/^-?\d+$/.test(parts[1])) fail(`bad timestamp ${parts[1]}`);
      timestamp = Number(parts[1]);
    }
    for (const key of Object.keys(labels)) {
      if (!LABEL_NAME.test(key) || key.startsWith('__')) fail(`reserved or bad label name ${key}`);
    }

    const familyName = familyOf(sampleName, families) ?? sampleName;
    const f = family(familyName, lineNumber);
    if (current !== familyName) {
      if (closed.has(familyName)) fail(`samples of ${familyName} are not together`);
      if (current !== undefined) closed.add(current);
      current = familyName;
    }
    const key = seriesKey(sampleName, labels);
    if (seen.has(key)) fail(`duplicate series ${key}`);
    seen.add(key);

    if (f.type === 'counter' && !(value >= 0)) fail(`counter ${sampleName} must be a non-negative number`);
    if (f.type === 'histogram' && sampleName.endsWith('_bucket') && !('le' in labels)) fail('bucket without le');
    if (f.type === 'summary' && sampleName === familyName && !('quantile' in labels)) fail('summary sample without quantile');

    f.samples.push({ name: sampleName, labels, value, timestamp, line: lineNumber });
  });

  for (const f of families.values()) {
    if (f.type === 'histogram') checkHistogram(f);
    if (f.type === 'summary') checkSummary(f);
  }
  return families;
}

function checkHistogram(f) {
  const groups = new Map(); // series without le -> {buckets, sum, count}
  const group = (labels) => {
    const key = seriesKey('', labels, 'le');
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { key, buckets: [], sum: undefined, count: undefined }));
    return g;
  };
  for (const s of f.samples) {
    if (s.name === `${f.name}_bucket`) {
      const le = parseNumber(s.labels.le);
      if (le === undefined || Number.isNaN(le)) throw new PromParseError(s.line, `${f.name}: bad le "${s.labels.le}"`);
      group(s.labels).buckets.push({ le, value: s.value, line: s.line });
    } else if (s.name === `${f.name}_sum`) {
      group(s.labels).sum = s.value;
    } else if (s.name === `${f.name}_count`) {
      group(s.labels).count = s.value;
    } else {
      throw new PromParseError(s.line, `${s.name} is not a sample of histogram ${f.name}`);
    }
  }
  for (const g of groups.values()) {
    const where = `${f.name}${g.key}`;
    const first = g.buckets[0]?.line ?? f.firstLine;
    if (g.buckets.length === 0) throw new PromParseError(first, `${where}: histogram without buckets`);
    for (let i = 1; i < g.buckets.length; i++) {
      const [a, b] = [g.buckets[i - 1], g.buckets[i]];
      if (!(b.le > a.le)) throw new PromParseError(b.line, `${where}: le values must ascend`);
      if (b.value < a.value) throw new PromParseError(b.line, `${where}: bucket counts must not decrease`);
    }
    const last = g.buckets.at(-1);
    if (last.le !== Infinity) throw new PromParseError(last.line, `${where}: no le="+Inf" bucket`);
    if (g.count === undefined) throw new PromParseError(last.line, `${where}: no _count`);
    if (g.sum === undefined) throw new PromParseError(last.line, `${where}: no _sum`);
    if (g.count !== last.value) throw new PromParseError(last.line, `${where}: _count differs from the +Inf bucket`);
  }
}

function checkSummary(f) {
  for (const s of f.samples) {
    if (s.name === f.name) {
      const q = parseNumber(s.labels.quantile);
      if (q === undefined || !(q >= 0 && q <= 1)) throw new PromParseError(s.line, `${f.name}: bad quantile`);
    }
  }
  const keys = (suffix) =>
    new Set(f.samples.filter((s) => s.name === `${f.name}${suffix}`).map((s) => seriesKey('', s.labels)));
  const sums = keys('_sum');
  const counts = keys('_count');
  const sizeDiffers = sums.size !== counts.size || [...sums].some((k) => !counts.has(k));
  if (sizeDiffers) throw new PromParseError(f.firstLine, `${f.name}: every series needs both _sum and _count`);
}

// All samples named `name` (e.g. "bsg_http_requests_total"), from any family.
export function samplesNamed(families, name) {
  return [...families.values()].flatMap((f) => f.samples.filter((s) => s.name === name));
}
