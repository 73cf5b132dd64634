// Unit tests of the Prometheus text parser used by api.test.mjs (no server needed).

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parsePrometheus, PromParseError, samplesNamed } from './lib/prom.mjs';

const GOOD = `# HELP bsg_http_requests_total HTTP requests answered.
# TYPE bsg_http_requests_total counter
bsg_http_requests_total{method="GET",route="/api/health",status="200"} 3
bsg_http_requests_total{method="GET",route="unmatched",status="404",} 1 1700000000000
# A plain comment.
# HELP bsg_http_request_duration_seconds Time to answer, in seconds.
# TYPE bsg_http_request_duration_seconds histogram
bsg_http_request_duration_seconds_bucket{route="/api/health",le="0.005"} 2
bsg_http_request_duration_seconds_bucket{route="/api/health",le="0.1"} 3
bsg_http_request_duration_seconds_bucket{route="/api/health",le="+Inf"} 3
bsg_http_request_duration_seconds_sum{route="/api/health"} 0.0042
bsg_http_request_duration_seconds_count{route="/api/health"} 3
# TYPE bsg_up gauge
bsg_up 1
# TYPE rpc_seconds summary
rpc_seconds{quantile="0.5"} 0.01
rpc_seconds{quantile="0.99"} 0.2
rpc_seconds_sum 1.5
rpc_seconds_count 40
escaped{path="a\\\\b \\"q\\" \\n"} -1.5e-3
`;

function rejects(text, pattern) {
  assert.throws(() => parsePrometheus(text), (error) => {
    assert.ok(error instanceof PromParseError, `expected PromParseError, got ${error}`);
    assert.match(error.message, pattern);
    return true;
  });
}

describe('parsePrometheus', () => {
  it('parses help, types, labels, timestamps and escapes', () => {
    const families = parsePrometheus(GOOD);
    const requests = families.get('bsg_http_requests_total');
    assert.equal(requests.type, 'counter');
    assert.equal(requests.help, 'HTTP requests answered.');
    assert.equal(requests.samples.length, 2);
    assert.equal(requests.samples[1].timestamp, 1700000000000);
    assert.deepEqual(requests.samples[1].labels, { method: 'GET', route: 'unmatched', status: '404' });
    assert.equal(families.get('bsg_http_request_duration_seconds').samples.length, 5);
    assert.equal(families.get('rpc_seconds').type, 'summary');
    const [escaped] = samplesNamed(families, 'escaped');
    assert.equal(escaped.labels.path, 'a\\b "q" \n');
    assert.equal(escaped.value, -0.0015);
    assert.equal(samplesNamed(families, 'bsg_http_requests_total').length, 2);
  });

  it('accepts special values', () => {
    const families = parsePrometheus('# TYPE g gauge\ng{a="1"} NaN\ng{a="2"} +Inf\ng{a="3"} -Inf\n');
    assert.ok(Number.isNaN(families.get('g').samples[0].value));
  });

  it('rejects text that does not end with a newline', () => {
    rejects('bsg_up 1', /newline/);
  });
  it('rejects bad names, labels and values', () => {
    rejects('1bad 1\n', /bad sample line/);
    rejects('m{a=1} 1\n', /double quotes/);
    rejects('m{a="x} 1\n', /unterminated/);
    rejects('m{a="\\t"} 1\n', /bad escape/);
    rejects('m{a="1",a="2"} 1\n', /repeated/);
    rejects('m one\n', /bad value/);
    rejects('m 1 2 3\n', /value \[timestamp\]/);
    rejects('m 1 1.5\n', /bad timestamp/);
    rejects('m{__name__="x"} 1\n', /reserved/);
  });
  it('rejects unknown or repeated TYPE and late HELP', () => {
    rejects('# TYPE m countr\n', /unknown type/);
    rejects('# TYPE m gauge\n# TYPE m gauge\n', /second TYPE/);
    rejects('m 1\n# HELP m late\n', /after its samples/);
  });
  it('rejects duplicate series and split families', () => {
    rejects('m{a="1"} 1\nm{a="1"} 2\n', /duplicate series/);
    rejects('m{a="1"} 1\nn 1\nm{a="2"} 2\n', /not together/);
  });
  it('rejects a negative counter', () => {
    rejects('# TYPE c_total counter\nc_total -1\n', /non-negative/);
  });
  it('rejects histograms whose buckets are out of order or decrease', () => {
    const head = '# TYPE h histogram\n';
    const tail = 'h_sum 1\nh_count 3\n';
    rejects(`${head}h_bucket{le="1"} 1\nh_bucket{le="0.5"} 2\nh_bucket{le="+Inf"} 3\n${tail}`, /ascend/);
    rejects(`${head}h_bucket{le="0.5"} 2\nh_bucket{le="1"} 1\nh_bucket{le="+Inf"} 3\n${tail}`, /not decrease/);
    rejects(`${head}h_bucket{le="0.5"} 2\nh_bucket{le="1"} 3\n${tail}`, /\+Inf/);
    rejects(`${head}h_bucket{le="+Inf"} 2\n${tail}`, /_count differs/);
    rejects(`${head}h_bucket{le="+Inf"} 3\nh_count 3\n`, /no _sum/);
    rejects(`${head}h_bucket{le="x"} 3\n${tail}`, /bad le/);
  });
  it('rejects a summary sample without a quantile', () => {
    rejects('# TYPE s summary\ns 1\n', /quantile/);
  });
});
