// Pure helpers of the course pages: which language to read a course in, module order and
// progress, the attempt's countdown on the server's clock, responses by question type, and the
// queue that saves answers one question at a time with retries.

import { isApiError } from '../../platform/api';
import type { AnswerResponse, Course, CourseModuleSummary, LearnerQuestion, Progress } from './types';

// ---- languages

// The language a course is read in: the enrolment's, else the reader's when the course has it,
// else the course's first (the server falls back to English for a missing text anyway).
export function contentLanguage(courseLanguages: readonly string[], uiLang: string, enrolled?: string): string {
  if (enrolled) return enrolled;
  if (courseLanguages.includes(uiLang)) return uiLang;
  return courseLanguages[0] ?? 'en';
}

// ---- modules and progress

export function sortedModules(course: Course): CourseModuleSummary[] {
  return [...course.modules].sort((a, b) => a.position - b.position);
}

export function totalMinutes(course: Course): number {
  return course.modules.reduce((sum, m) => sum + Math.max(0, m.estimated_minutes), 0);
}

// The modules before and after `moduleId`, in course order.
export function neighbours(
  course: Course,
  moduleId: number,
): { previous: CourseModuleSummary | undefined; next: CourseModuleSummary | undefined } {
  const list = sortedModules(course);
  const i = list.findIndex((m) => m.module_id === moduleId);
  if (i < 0) return { previous: undefined, next: undefined };
  return { previous: list[i - 1], next: list[i + 1] };
}

export function visitedCount(progress: Progress): number {
  return progress.modules.filter((m) => m.visited).length;
}

export function isVisited(progress: Progress | undefined, moduleId: number): boolean {
  return progress?.modules.some((m) => m.module_id === moduleId && m.visited) ?? false;
}

// The first module not read yet, to continue with; undefined when all are read.
export function nextUnread(progress: Progress): CourseModuleSummary | undefined {
  return sortedModules(progress.course).find((m) => !isVisited(progress, m.module_id));
}

// 8000 -> "80%", 8550 -> "85.5%" (in `lang`).
export function formatPercentE2(e2: number, lang: string): string {
  return new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 2 }).format(e2 / 10000);
}

// ---- the countdown, on the server's clock

// Milliseconds left: the deadline minus the server's time when the last answer came, minus
// what has passed on this device since. The device's own clock is never compared with the
// server's, so a wrong clock on the device does not change the time left. null: no time limit.
export function remainingMs(deadlineAt: string | null, serverTime: string, elapsedMs: number): number | null {
  if (!deadlineAt) return null;
  const deadline = Date.parse(deadlineAt);
  const now = Date.parse(serverTime);
  if (Number.isNaN(deadline) || Number.isNaN(now)) return null;
  return Math.max(0, deadline - now - Math.max(0, elapsedMs));
}

const two = (n: number) => String(n).padStart(2, '0');

// 65_000 -> "1:05", 3_725_000 -> "1:02:05"; partial seconds count as a whole one.
export function formatCountdown(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${m}:${two(s)}`;
}

// ---- responses

export function chosen(response: AnswerResponse | null): number | undefined {
  return response && 'choice' in response && typeof response.choice === 'number' ? response.choice : undefined;
}

export function chosenMany(response: AnswerResponse | null): number[] {
  return response && 'choices' in response && Array.isArray(response.choices) ? response.choices : [];
}

export function toggled(choices: readonly number[], index: number, on: boolean): number[] {
  const rest = choices.filter((c) => c !== index);
  return on ? [...rest, index].sort((a, b) => a - b) : rest;
}

export function truth(response: AnswerResponse | null): boolean | undefined {
  return response && 'value' in response && typeof response.value === 'boolean' ? response.value : undefined;
}

export function typed(response: AnswerResponse | null): string {
  if (response && 'text' in response && typeof response.text === 'string') return response.text;
  if (response && 'number' in response && typeof response.number === 'string') return response.number;
  return '';
}

export function matches(response: AnswerResponse | null): Record<string, string> {
  return response && 'matches' in response && typeof response.matches === 'object' && response.matches !== null
    ? response.matches
    : {};
}

// The pairs chosen so far, with `item` set to `answer` ('' removes it).
export function matched(current: Record<string, string>, item: number, answer: string): Record<string, string> {
  const next = { ...current };
  if (answer === '') delete next[String(item)];
  else next[String(item)] = answer;
  return next;
}

const DECIMAL = /^[+-]?(\d+([.]\d*)?|[.]\d+)$/;

// A typed number as the server reads it: "3,14" and " 3.14 " are "3.14". '' when nothing is
// typed; null when the text is not a number.
export function normalizeNumber(text: string): string | null {
  let value = text.trim().replace(/\s/g, '');
  if (value === '') return '';
  if (!value.includes('.') && (value.match(/,/g) ?? []).length === 1) value = value.replace(',', '.');
  return DECIMAL.test(value) ? value : null;
}

// The response to send for a typed answer; `{}` (not answered) when the field is empty.
export function typedResponse(question: LearnerQuestion, text: string): AnswerResponse | null {
  if (question.type === 'numerical') {
    const n = normalizeNumber(text);
    if (n === null) return null;
    return n === '' ? {} : { number: n };
  }
  return text.trim() === '' ? {} : { text };
}

export function isAnswerable(question: LearnerQuestion): boolean {
  return ['multichoice', 'truefalse', 'shortanswer', 'numerical', 'matching'].includes(question.type);
}

export function isAnswered(question: LearnerQuestion, response: AnswerResponse | null): boolean {
  if (!response) return false;
  switch (question.type) {
    case 'multichoice':
      return question.single === false ? chosenMany(response).length > 0 : chosen(response) !== undefined;
    case 'truefalse':
      return truth(response) !== undefined;
    case 'shortanswer':
    case 'numerical':
      return typed(response).trim() !== '';
    case 'matching':
      return Object.keys(matches(response)).length > 0;
    default:
      return false;
  }
}

// ---- saving answers

export type SaveStatus = 'saving' | 'saved' | 'retrying' | 'closed' | 'failed';
// What to do after a failed save: try again later, stop (the attempt is over), or give up.
export type SaveOutcome = 'retry' | 'closed' | 'fail';

export function classifySaveError(error: unknown): SaveOutcome {
  if (!isApiError(error)) return 'fail';
  if (error.status === 409) return 'closed';
  if (error.status === 0 || error.status === 408 || error.status === 429 || error.status >= 500) return 'retry';
  return 'fail';
}

// A fresh id for each change, so that a repeated request is recognised by the server.
// crypto.randomUUID() exists only on secure origins; getRandomValues() everywhere.
export function newAnswerId(): string {
  const c = globalThis.crypto;
  if (typeof c?.randomUUID === 'function') return c.randomUUID();
  const bytes = new Uint8Array(16);
  c.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export const RETRY_DELAYS_MS: readonly number[] = [1000, 2000, 4000, 8000, 15000];

export interface SaverDeps {
  send: (position: number, answerId: string, response: AnswerResponse) => Promise<unknown>;
  onStatus: (position: number, status: SaveStatus, error?: unknown) => void;
  newId?: () => string;
  classify?: (error: unknown) => SaveOutcome;
  setTimer?: (run: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
  retryDelays?: readonly number[];
}

interface Slot {
  pending: { answerId: string; response: AnswerResponse } | undefined;
  inFlight: boolean;
  failures: number;
  timer: unknown;
  status: SaveStatus | undefined;
}

// Saves each question's answer as it changes. For one question there is never more than one
// request at a time: a change made while one is on its way waits, and only the newest waiting
// change is sent after it, so an older answer can never arrive after a newer one. A save that
// fails for want of a connection (or a busy server) is sent again, with the same answer_id,
// after a growing delay; a newer change replaces it.
export class AnswerSaver {
  private readonly slots = new Map<number, Slot>();
  private readonly waiters = new Set<() => void>();
  private stopped = false;
  private readonly deps: Required<SaverDeps>;

  constructor(deps: SaverDeps) {
    this.deps = {
      newId: newAnswerId,
      classify: classifySaveError,
      setTimer: (run, ms) => setTimeout(run, ms),
      clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
      retryDelays: RETRY_DELAYS_MS,
      ...deps,
    };
  }

  // Queues `response` for `position` and sends it unless a save of that question is on its way.
  // Returns the change's answer_id.
  save(position: number, response: AnswerResponse): string {
    const slot = this.slot(position);
    const answerId = this.deps.newId();
    slot.pending = { answerId, response };
    if (!this.stopped && !slot.inFlight) this.flush(position);
    return answerId;
  }

  // Sends every save waiting for a retry now (the connection is back).
  retryNow(): void {
    for (const position of this.slots.keys()) this.flush(position);
  }

  // No more requests: the attempt is over.
  stop(): void {
    this.stopped = true;
    for (const slot of this.slots.values()) {
      if (slot.timer !== undefined) this.deps.clearTimer(slot.timer);
      slot.timer = undefined;
    }
    this.notify();
  }

  status(position: number): SaveStatus | undefined {
    return this.slots.get(position)?.status;
  }

  // The questions whose newest answer the server does not have.
  unsaved(): number[] {
    return [...this.slots.entries()]
      .filter(([, s]) => s.inFlight || s.pending !== undefined || s.status === 'failed' || s.status === 'closed')
      .map(([p]) => p)
      .sort((a, b) => a - b);
  }

  // Resolves once no save is on its way (saves waiting for a retry do not count).
  settled(): Promise<void> {
    if (this.isSettled()) return Promise.resolve();
    return new Promise((resolve) => {
      const check = () => {
        if (!this.isSettled()) return;
        this.waiters.delete(check);
        resolve();
      };
      this.waiters.add(check);
    });
  }

  private isSettled(): boolean {
    return [...this.slots.values()].every((s) => !s.inFlight);
  }

  private slot(position: number): Slot {
    let slot = this.slots.get(position);
    if (!slot) {
      slot = { pending: undefined, inFlight: false, failures: 0, timer: undefined, status: undefined };
      this.slots.set(position, slot);
    }
    return slot;
  }

  private setStatus(position: number, status: SaveStatus, error?: unknown): void {
    this.slot(position).status = status;
    this.deps.onStatus(position, status, error);
  }

  private notify(): void {
    for (const waiter of [...this.waiters]) waiter();
  }

  private flush(position: number): void {
    const slot = this.slot(position);
    if (this.stopped || slot.inFlight || !slot.pending) return;
    if (slot.timer !== undefined) {
      this.deps.clearTimer(slot.timer);
      slot.timer = undefined;
    }
    const current = slot.pending;
    slot.pending = undefined;
    slot.inFlight = true;
    this.setStatus(position, 'saving');
    this.deps.send(position, current.answerId, current.response).then(
      () => {
        slot.inFlight = false;
        slot.failures = 0;
        if (slot.pending && !this.stopped) this.flush(position);
        else if (!slot.pending) this.setStatus(position, 'saved');
        this.notify();
      },
      (error: unknown) => {
        slot.inFlight = false;
        const outcome = this.deps.classify(error);
        if (outcome === 'retry') {
          slot.pending ??= current; // same answer_id: the server ignores it if the first one arrived
          const delays = this.deps.retryDelays;
          const delay = delays[Math.min(slot.failures, delays.length - 1)] ?? 1000;
          slot.failures += 1;
          this.setStatus(position, 'retrying', error);
          if (!this.stopped) {
            slot.timer = this.deps.setTimer(() => {
              slot.timer = undefined;
              this.flush(position);
            }, delay);
          }
        } else if (outcome === 'closed') {
          slot.pending = undefined;
          this.setStatus(position, 'closed', error);
        } else if (slot.pending && !this.stopped) {
          this.flush(position); // a newer change may well be valid
        } else {
          this.setStatus(position, 'failed', error);
        }
        this.notify();
      },
    );
  }
}
