import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ApiError } from '../../platform/api';
import {
  AnswerSaver,
  classifySaveError,
  contentLanguage,
  formatCountdown,
  isAnswered,
  matched,
  neighbours,
  newAnswerId,
  nextUnread,
  normalizeNumber,
  remainingMs,
  toggled,
  totalMinutes,
  typedResponse,
  type SaveStatus,
} from './rules';
import type { AnswerResponse, Course, LearnerQuestion, Progress } from './types';

const course: Course = {
  course_id: 1,
  code: 'A1',
  title: 'Working methods',
  description: '',
  languages: ['en', 'fr'],
  opens_on: null,
  closes_on: null,
  pass_mark: '80.00%',
  pass_mark_e2: 8000,
  assessment_quiz_id: 9,
  modules: [
    { module_id: 12, position: 2, estimated_minutes: 20, quiz_id: null, languages: ['en'] },
    { module_id: 11, position: 1, estimated_minutes: 15, quiz_id: null, languages: ['en'] },
    { module_id: 13, position: 3, estimated_minutes: -1, quiz_id: null, languages: ['en'] },
  ],
};

describe('course reading', () => {
  it('reads a course in the enrolment language, else the reader’s, else the first', () => {
    assert.equal(contentLanguage(['en', 'fr'], 'ar', 'fr'), 'fr');
    assert.equal(contentLanguage(['en', 'fr'], 'fr'), 'fr');
    assert.equal(contentLanguage(['es', 'en'], 'zh'), 'es');
    assert.equal(contentLanguage([], 'zh'), 'en');
  });
  it('orders modules by position and finds the neighbours', () => {
    assert.equal(totalMinutes(course), 35);
    const middle = neighbours(course, 12);
    assert.equal(middle.previous?.module_id, 11);
    assert.equal(middle.next?.module_id, 13);
    assert.equal(neighbours(course, 11).previous, undefined);
    assert.equal(neighbours(course, 13).next, undefined);
    assert.deepEqual(neighbours(course, 99), { previous: undefined, next: undefined });
  });
  it('continues with the first module not read', () => {
    const progress: Progress = {
      course,
      enrolled: true,
      completed_at: null,
      modules: [
        { module_id: 11, visited: true, quiz_passed: null },
        { module_id: 12, visited: false, quiz_passed: null },
        { module_id: 13, visited: false, quiz_passed: null },
      ],
      assessment: null,
      certificate: null,
    };
    assert.equal(nextUnread(progress)?.module_id, 12);
  });
});

describe('countdown', () => {
  it('counts from the server’s time, not the device’s', () => {
    assert.equal(remainingMs('2024-05-01T10:30:00.000Z', '2024-05-01T10:00:00.000Z', 0), 1_800_000);
    assert.equal(remainingMs('2024-05-01T10:30:00.000Z', '2024-05-01T10:00:00.000Z', 60_000), 1_740_000);
    assert.equal(remainingMs('2024-05-01T10:30:00.000Z', '2024-05-01T10:31:00.000Z', 0), 0);
    assert.equal(remainingMs(null, '2024-05-01T10:00:00.000Z', 0), null);
  });
  it('shows minutes and seconds, and hours when there are any', () => {
    assert.equal(formatCountdown(65_000), '1:05');
    assert.equal(formatCountdown(64_001), '1:05');
    assert.equal(formatCountdown(3_725_000), '1:02:05');
    assert.equal(formatCountdown(0), '0:00');
    assert.equal(formatCountdown(-5), '0:00');
  });
});

describe('responses', () => {
  const numerical: LearnerQuestion = { type: 'numerical', text: { text: 'How many?', format: 'plain' }, mark: 1 };
  const short: LearnerQuestion = { type: 'shortanswer', text: { text: 'Who?', format: 'plain' }, mark: 1 };
  const multiple: LearnerQuestion = {
    type: 'multichoice',
    text: { text: 'Which?', format: 'plain' },
    mark: 1,
    single: false,
    choices: [],
  };
  it('reads typed numbers with a point or a comma', () => {
    assert.equal(normalizeNumber(' 3.14 '), '3.14');
    assert.equal(normalizeNumber('3,14'), '3.14');
    assert.equal(normalizeNumber('-2'), '-2');
    assert.equal(normalizeNumber(''), '');
    assert.equal(normalizeNumber('3.1.4'), null);
    assert.equal(normalizeNumber('1e3'), null);
    assert.equal(normalizeNumber('abc'), null);
  });
  it('sends an empty field as "not answered"', () => {
    assert.deepEqual(typedResponse(numerical, ''), {});
    assert.deepEqual(typedResponse(numerical, '2,5'), { number: '2.5' });
    assert.equal(typedResponse(numerical, 'x'), null);
    assert.deepEqual(typedResponse(short, '  '), {});
    assert.deepEqual(typedResponse(short, 'TSB'), { text: 'TSB' });
  });
  it('knows when a question is answered', () => {
    assert.equal(isAnswered(multiple, { choices: [] }), false);
    assert.equal(isAnswered(multiple, { choices: [2] }), true);
    assert.equal(isAnswered(short, {}), false);
    assert.equal(isAnswered(short, null), false);
  });
  it('toggles choices and pairs', () => {
    assert.deepEqual(toggled([3, 1], 2, true), [1, 2, 3]);
    assert.deepEqual(toggled([1, 2, 3], 2, false), [1, 3]);
    assert.deepEqual(matched({ '0': 'a' }, 1, 'b'), { '0': 'a', '1': 'b' });
    assert.deepEqual(matched({ '0': 'a' }, 0, ''), {});
  });
  it('makes a new id for each change', () => {
    const a = newAnswerId();
    assert.ok(a.length >= 16 && a.length <= 64);
    assert.notEqual(a, newAnswerId());
  });
});

// A send() whose requests the test answers one by one.
function harness(outcomes: { classify?: typeof classifySaveError } = {}) {
  type Sent = { position: number; answerId: string; response: AnswerResponse; settle: (error?: unknown) => void };
  const sent: Sent[] = [];
  const statuses: Array<[number, SaveStatus]> = [];
  const timers: Array<() => void> = [];
  let id = 0;
  const saver = new AnswerSaver({
    send: (position, answerId, response) =>
      new Promise<void>((resolve, reject) => {
        sent.push({ position, answerId, response, settle: (error) => (error ? reject(error) : resolve()) });
      }),
    onStatus: (position, status) => statuses.push([position, status]),
    newId: () => `a${++id}`,
    setTimer: (run) => {
      timers.push(run);
      return timers.length;
    },
    clearTimer: () => undefined,
    ...(outcomes.classify ? { classify: outcomes.classify } : {}),
  });
  return { saver, sent, statuses, timers };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));
const offline = new ApiError({ status: 0, code: 0, reason: 'client.network', message: 'offline' });
const closed = new ApiError({ status: 409, code: 409, reason: 'attempt.closed', message: 'over' });

describe('saving answers', () => {
  it('sends one request per question at a time, then only the newest change', async () => {
    const { saver, sent, statuses } = harness();
    saver.save(1, { choice: 0 });
    saver.save(1, { choice: 1 });
    saver.save(1, { choice: 2 });
    saver.save(2, { value: true }); // another question does not wait
    assert.equal(sent.length, 2);
    assert.deepEqual(
      sent.map((s) => [s.position, s.answerId]),
      [
        [1, 'a1'],
        [2, 'a4'],
      ],
    );
    sent[0]!.settle();
    await tick();
    assert.equal(sent.length, 3);
    assert.deepEqual([sent[2]!.answerId, sent[2]!.response], ['a3', { choice: 2 }]);
    sent[2]!.settle();
    sent[1]!.settle();
    await tick();
    assert.equal(saver.status(1), 'saved');
    assert.equal(saver.status(2), 'saved');
    assert.deepEqual(saver.unsaved(), []);
    assert.deepEqual(
      statuses.filter(([p]) => p === 1).map(([, s]) => s),
      ['saving', 'saving', 'saved'],
    );
  });

  it('retries a failed save with the same answer_id, or the newer change', async () => {
    const { saver, sent, timers } = harness();
    saver.save(1, { choice: 0 });
    sent[0]!.settle(offline);
    await tick();
    assert.equal(saver.status(1), 'retrying');
    assert.deepEqual(saver.unsaved(), [1]);
    await saver.settled(); // nothing on its way while waiting to retry
    timers.shift()!();
    assert.equal(sent.length, 2);
    assert.equal(sent[1]!.answerId, 'a1');
    sent[1]!.settle(offline);
    await tick();
    saver.save(1, { choice: 1 }); // a new change goes out at once, replacing the failed one
    assert.equal(sent.length, 3);
    assert.equal(sent[2]!.answerId, 'a2');
    sent[2]!.settle();
    await tick();
    assert.equal(saver.status(1), 'saved');
  });

  it('stops when the attempt is closed and reports other failures', async () => {
    const { saver, sent } = harness();
    saver.save(1, { choice: 0 });
    saver.save(2, { number: 'x' } as AnswerResponse);
    sent[0]!.settle(closed);
    sent[1]!.settle(new ApiError({ status: 400, code: 400, reason: 'attempt.bad_response', message: 'bad' }));
    await tick();
    assert.equal(saver.status(1), 'closed');
    assert.equal(saver.status(2), 'failed');
    assert.deepEqual(saver.unsaved(), [1, 2]);
    saver.stop();
    saver.save(1, { choice: 1 });
    assert.equal(sent.length, 2, 'nothing is sent once stopped');
  });

  it('classifies failures', () => {
    assert.equal(classifySaveError(offline), 'retry');
    assert.equal(classifySaveError(new ApiError({ status: 503, code: 503, reason: 'x', message: '' })), 'retry');
    assert.equal(classifySaveError(closed), 'closed');
    assert.equal(classifySaveError(new ApiError({ status: 403, code: 403, reason: 'x', message: '' })), 'fail');
    assert.equal(classifySaveError(new Error('x')), 'fail');
  });
});
