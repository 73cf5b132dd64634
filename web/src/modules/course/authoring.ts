// Pure helpers of the secretariat's course pages: exact numbers typed as text (percentages in
// hundredths, answer shares in 1e-7 units, decimals of numerical answers), the forms of a course
// with its grading policy, a module, a quiz and a question with the bodies the API takes, the
// question as a learner sees it (for the preview), searching the question bank, and attachments.
//
// Problems found before sending are keyed by the field names the server uses in its 422 answers
// ("pass_mark_e2", "grading_policy.graders[1].weight_e2", "slots[0].mark"), so that a page shows
// both the same way; their values are codes, translated as "course.problem.<code>".

import { foldText } from '../../platform/format';
import { normalizeNumber } from './rules';
import type {
  AnswerJson,
  Attachment,
  BankQuestion,
  Course,
  CourseInput,
  GradingMethod,
  GradingPolicy,
  LearnerQuestion,
  ModuleInput,
  QuestionJson,
  Quiz,
  QuizInput,
  TextFormat,
} from './types';

export const PROBLEM_CODES = [
  'required',
  'percent',
  'whole',
  'weightsSum',
  'weight',
  'drop',
  'typeRepeated',
  'dateOrder',
  'languages',
  'position',
  'minutes',
  'moduleTitle',
  'titleForBody',
  'mark',
  'slotsEmpty',
  'slotQuestion',
  'slotCategory',
  'fraction',
  'decimal',
  'tolerance',
  'answerText',
  'twoAnswers',
  'noRightAnswer',
  'singleNeedsFull',
  'needsFull',
  'pairAnswer',
  'matchingSize',
] as const;
export type ProblemCode = (typeof PROBLEM_CODES)[number];

export type Problems = Record<string, ProblemCode>;

export function hasProblems(problems: Problems): boolean {
  return Object.keys(problems).length > 0;
}

// ---- exact numbers typed as text

// "80", "82.5", "82,5", " 33.33333 %" -> the value times 10^places as an integer (80 with two
// places is 8000). null when the text is not a number or has more places than allowed (trailing
// zeros do not count). No floating point takes part.
export function parseScaled(text: string, places: number): number | null {
  let value = text.trim().replace(/\s*%$/, '').replace(/\s/g, '');
  if (!value.includes('.') && (value.match(/,/g) ?? []).length === 1) value = value.replace(',', '.');
  const m = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(value);
  if (!m) return null;
  const sign = m[1] ?? '';
  const whole = m[2] ?? '';
  let fraction = m[3] ?? '';
  if (whole === '' && fraction === '') return null;
  if (fraction.length > places) {
    fraction = fraction.replace(/0+$/, '');
    if (fraction.length > places) return null;
  }
  const n = Number(`${whole || '0'}${fraction.padEnd(places, '0')}`);
  if (!Number.isSafeInteger(n)) return null;
  return sign === '-' && n !== 0 ? -n : n;
}

// The opposite: 8250 with two places is "82.5"; no trailing zeros, no exponent.
export function formatScaled(value: number, places: number): string {
  const negative = value < 0;
  const digits = String(Math.abs(Math.trunc(value))).padStart(places + 1, '0');
  const whole = digits.slice(0, digits.length - places);
  const fraction = digits.slice(digits.length - places).replace(/0+$/, '');
  return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}

// A percentage with at most two decimals, 0 to 100, as hundredths of a percent: "82.5" is 8250.
export function parsePercentE2(text: string): number | null {
  const v = parseScaled(text, 2);
  return v !== null && v >= 0 && v <= 10000 ? v : null;
}

export function percentText(e2: number): string {
  return formatScaled(e2, 2);
}

// An answer's share of the mark, -100% to 100% with at most five decimals, in 1e-7 units:
// "33.33333" is 3333333 (Moodle's third).
export function parseFraction(text: string): number | null {
  const v = parseScaled(text, 5);
  return v !== null && v >= -10_000_000 && v <= 10_000_000 ? v : null;
}

export function fractionText(fraction: number): string {
  return formatScaled(fraction, 5);
}

// A whole number from 0 to `max`.
export function parseWhole(text: string, max = Number.MAX_SAFE_INTEGER): number | null {
  const value = text.trim();
  if (!/^\d{1,15}$/.test(value)) return null;
  const n = Number(value);
  return n <= max ? n : null;
}

// Minutes as typed ("30", "1.5") to seconds, and back.
export function parseMinutes(text: string): number | null {
  const hundredths = parseScaled(text, 2);
  return hundredths === null || hundredths < 0 ? null : Math.round((hundredths * 60) / 100);
}

export function minutesText(seconds: number): string {
  return formatScaled(Math.round((seconds * 100) / 60), 2);
}

// ---- the course and its grading policy

export interface GraderRow {
  key: string;
  type: string;
  weight: string; // percent
  drop: string;
}

export interface CourseForm {
  code: string;
  title: string;
  description: string;
  languages: string[];
  opens_on: string;
  closes_on: string;
  pass_mark: string; // percent
  weighted: boolean; // false: the default rule
  graders: GraderRow[];
  cutoff: string; // percent
}

let keys = 0;
// A key for a row of an editable list, unique for the page's life.
export function newKey(): string {
  keys += 1;
  return `k${keys}`;
}

export function graderRows(policy: GradingPolicy | null | undefined): GraderRow[] {
  return (policy?.graders ?? []).map((g) => ({
    key: newKey(),
    type: g.type,
    weight: percentText(g.weight_e2),
    drop: String(g.drop_count),
  }));
}

export function courseFormOf(course?: Course): CourseForm {
  const policy = course?.grading_policy ?? null;
  return {
    code: course?.code ?? '',
    title: course?.title ?? '',
    description: course?.description ?? '',
    languages: course ? [...course.languages] : ['en'],
    opens_on: course?.opens_on ?? '',
    closes_on: course?.closes_on ?? '',
    pass_mark: percentText(course?.pass_mark_e2 ?? 8000),
    weighted: policy !== null,
    graders: policy ? graderRows(policy) : [],
    cutoff: percentText(policy?.cutoff_e2 ?? course?.pass_mark_e2 ?? 8000),
  };
}

// The sum of the weights in hundredths of a percent; null while one of them is not a percentage.
export function weightTotalE2(rows: readonly GraderRow[]): number | null {
  let total = 0;
  for (const row of rows) {
    const w = parsePercentE2(row.weight);
    if (w === null) return null;
    total += w;
  }
  return total;
}

// The rows a policy starts with: one grader holding the whole weight.
export function firstGraderRows(): GraderRow[] {
  return [{ key: newKey(), type: '', weight: '100', drop: '0' }];
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function policyInput(form: CourseForm, problems: Problems): GradingPolicy | null {
  if (!form.weighted) return null;
  const base = 'grading_policy';
  const seen = new Set<string>();
  const graders = form.graders.map((row, i) => {
    const at = `${base}.graders[${i}]`;
    const type = row.type.trim();
    if (type === '') problems[`${at}.type`] = 'required';
    else if (seen.has(type)) problems[`${at}.type`] = 'typeRepeated';
    seen.add(type);
    const weight = parsePercentE2(row.weight);
    if (weight === null || weight === 0) problems[`${at}.weight_e2`] = 'weight';
    const drop = parseWhole(row.drop, 100);
    if (drop === null) problems[`${at}.drop_count`] = 'drop';
    return { type, weight_e2: weight ?? 0, drop_count: drop ?? 0 };
  });
  if (graders.length === 0) problems[`${base}.graders`] = 'weightsSum';
  const total = weightTotalE2(form.graders);
  if (total !== null && total !== 10000) problems[`${base}.graders`] = 'weightsSum';
  const cutoff = parsePercentE2(form.cutoff);
  if (cutoff === null) problems[`${base}.cutoff_e2`] = 'percent';
  return { graders, cutoff_e2: cutoff ?? 0 };
}

export function courseInput(form: CourseForm): { input: CourseInput; problems: Problems } {
  const problems: Problems = {};
  if (form.code.trim() === '') problems.code = 'required';
  if (form.title.trim() === '') problems.title = 'required';
  if (form.languages.length === 0) problems.languages = 'languages';
  const opens = form.opens_on.trim();
  const closes = form.closes_on.trim();
  if (opens !== '' && !DATE.test(opens)) problems.opens_on = 'required';
  if (closes !== '' && !DATE.test(closes)) problems.closes_on = 'required';
  if (DATE.test(opens) && DATE.test(closes) && closes < opens) problems.closes_on = 'dateOrder';
  const passMark = parsePercentE2(form.pass_mark);
  if (passMark === null) problems.pass_mark_e2 = 'percent';
  const grading_policy = policyInput(form, problems);
  return {
    input: {
      code: form.code.trim(),
      title: form.title.trim(),
      description: form.description,
      languages: form.languages,
      opens_on: opens === '' ? null : opens,
      closes_on: closes === '' ? null : closes,
      pass_mark_e2: passMark ?? 0,
      grading_policy,
    },
    problems,
  };
}

// The grader types of a course's policy, to suggest for a quiz.
export function policyTypes(course: Course | undefined): string[] {
  return (course?.grading_policy?.graders ?? []).map((g) => g.type);
}

// ---- modules

export interface ModuleForm {
  position: string;
  minutes: string;
  texts: Record<string, { title: string; body: string }>; // by language
}

// The languages a module's form offers: the course's, then any other the module is written in.
export function moduleLanguages(courseLanguages: readonly string[], moduleLanguages: readonly string[]): string[] {
  const out = [...courseLanguages];
  for (const l of moduleLanguages) if (!out.includes(l)) out.push(l);
  return out.length ? out : ['en'];
}

export function nextPosition(course: Course): number {
  return course.modules.reduce((max, m) => Math.max(max, m.position), 0) + 1;
}

export function emptyModuleForm(course: Course): ModuleForm {
  const texts: ModuleForm['texts'] = {};
  for (const l of moduleLanguages(course.languages, [])) texts[l] = { title: '', body: '' };
  return { position: String(nextPosition(course)), minutes: '15', texts };
}

export function moduleInput(form: ModuleForm): { input: ModuleInput; problems: Problems } {
  const problems: Problems = {};
  const position = parseWhole(form.position, 10000);
  if (position === null || position < 1) problems.position = 'position';
  const minutes = parseWhole(form.minutes, 10000);
  if (minutes === null) problems.estimated_minutes = 'minutes';
  const texts: ModuleInput['texts'] = {};
  for (const [language, t] of Object.entries(form.texts)) {
    const title = t.title.trim();
    if (title === '' && t.body.trim() === '') continue; // not written in this language
    if (title === '') {
      problems[`texts.${language}.title`] = 'titleForBody';
      continue;
    }
    texts[language] = { title, body_markdown: t.body };
  }
  if (Object.keys(texts).length === 0 && !Object.keys(problems).some((k) => k.startsWith('texts.'))) {
    problems.texts = 'moduleTitle';
  }
  return { input: { position: position ?? 0, estimated_minutes: minutes ?? 0, texts }, problems };
}

// ---- quizzes

export interface SlotForm {
  key: string;
  kind: 'question' | 'category';
  question_id: number | null;
  category_id: number | null;
  mark: string;
}

export interface QuizForm {
  title: string;
  minutes: string; // time limit; 0: none
  attempts: string; // 0: unlimited
  grading_method: GradingMethod;
  pass_mark: string; // percent
  shuffle: boolean;
  review: boolean;
  grader_type: string;
  slots: SlotForm[];
}

export function quizFormOf(quiz: Quiz | undefined, defaults: { passMarkE2: number; graderType?: string }): QuizForm {
  return {
    title: quiz?.title ?? '',
    minutes: minutesText(quiz?.time_limit_seconds ?? 0),
    attempts: String(quiz?.attempts_allowed ?? 0),
    grading_method: quiz?.grading_method ?? 'highest',
    pass_mark: percentText(quiz?.pass_mark_e2 ?? defaults.passMarkE2),
    shuffle: quiz?.shuffle_answers ?? true,
    review: quiz?.review_correct ?? true,
    grader_type: quiz ? (quiz.grader_type ?? '') : (defaults.graderType ?? ''),
    slots: (quiz?.slots ?? [])
      .slice()
      .sort((a, b) => a.position - b.position)
      .map((s) => ({
        key: newKey(),
        kind: s.category_id !== null ? 'category' : 'question',
        question_id: s.question_id,
        category_id: s.category_id,
        mark: String(s.mark),
      })),
  };
}

export function newSlot(kind: SlotForm['kind'], mark = '1'): SlotForm {
  return { key: newKey(), kind, question_id: null, category_id: null, mark };
}

// `list` with the item at `from` moved to `to` (both kept within the list).
export function moved<T>(list: readonly T[], from: number, to: number): T[] {
  const out = [...list];
  if (from < 0 || from >= out.length) return out;
  const target = Math.max(0, Math.min(out.length - 1, to));
  const [item] = out.splice(from, 1);
  out.splice(target, 0, item as T);
  return out;
}

// The body of POST /api/quizzes (with `target`) or PATCH /api/quizzes/{id} (without).
export function quizInput(
  form: QuizForm,
  target?: { course_id: number; module_id: number | null },
): { input: QuizInput; problems: Problems } {
  const problems: Problems = {};
  if (form.title.trim() === '') problems.title = 'required';
  const seconds = parseMinutes(form.minutes);
  if (seconds === null) problems.time_limit_seconds = 'minutes';
  const attempts = parseWhole(form.attempts, 1000);
  if (attempts === null) problems.attempts_allowed = 'whole';
  const passMark = parsePercentE2(form.pass_mark);
  if (passMark === null) problems.pass_mark_e2 = 'percent';
  if (form.slots.length === 0) problems.slots = 'slotsEmpty';
  const slots: QuizInput['slots'] = [];
  form.slots.forEach((s, i) => {
    const mark = parseWhole(s.mark, 1000);
    if (mark === null) problems[`slots[${i}].mark`] = 'mark';
    if (s.kind === 'question') {
      if (s.question_id === null) problems[`slots[${i}].question_id`] = 'slotQuestion';
      else slots.push({ question_id: s.question_id, mark: mark ?? 0 });
    } else {
      if (s.category_id === null) problems[`slots[${i}].category_id`] = 'slotCategory';
      else slots.push({ category_id: s.category_id, mark: mark ?? 0 });
    }
  });
  const graderType = form.grader_type.trim();
  const input: QuizInput = {
    ...(target ? { course_id: target.course_id, module_id: target.module_id } : {}),
    title: form.title.trim(),
    time_limit_seconds: seconds ?? 0,
    attempts_allowed: attempts ?? 0,
    grading_method: form.grading_method,
    pass_mark_e2: passMark ?? 0,
    shuffle_answers: form.shuffle,
    review_correct: form.review,
    grader_type: graderType === '' ? null : graderType,
    slots,
  };
  return { input, problems };
}

// ---- the question bank

// Questions a quiz can hold: graded by the computer.
export function isAutoGraded(q: BankQuestion): boolean {
  return ['multichoice', 'truefalse', 'shortanswer', 'numerical', 'matching'].includes(q.question.type);
}

// Markup left out, for searching and short listings.
export function textOnly(text: string): string {
  return text
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

// The bank's questions whose name, text or category holds every word of `query` (accents and
// case aside), at most `limit` of them; nothing for an empty query.
export function searchQuestions(items: readonly BankQuestion[], query: string, limit = 20): BankQuestion[] {
  const words = foldText(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return [];
  const found: BankQuestion[] = [];
  for (const q of items) {
    if (!isAutoGraded(q)) continue;
    const haystack = foldText(`${q.question.name} ${textOnly(q.question.text.text)} ${q.category}`);
    if (words.every((w) => haystack.includes(w))) found.push(q);
    if (found.length >= limit) break;
  }
  return found;
}

// ---- questions

export interface AnswerForm {
  key: string;
  text: string;
  format: TextFormat;
  fraction: string; // percent of the mark
  feedback: string;
  feedbackFormat: TextFormat;
  value: string; // numerical
  tolerance: string; // numerical
}

export interface PairForm {
  key: string;
  question: string; // empty: an extra wrong answer
  format: TextFormat;
  answer: string;
}

export interface QuestionForm {
  type: QuestionJson['type'];
  name: string;
  category: string;
  text: string;
  textFormat: TextFormat;
  feedback: string; // general feedback
  feedbackFormat: TextFormat;
  default_mark: string;
  single: boolean;
  shuffle: boolean;
  case_sensitive: boolean;
  truth: boolean; // truefalse: the right answer
  trueFeedback: string;
  falseFeedback: string;
  answers: AnswerForm[];
  pairs: PairForm[];
}

function answerForm(a: AnswerJson): AnswerForm {
  return {
    key: newKey(),
    text: a.text.text,
    format: a.text.format,
    fraction: fractionText(a.fraction),
    feedback: a.feedback.text,
    feedbackFormat: a.feedback.format,
    value: a.value ?? '',
    tolerance: a.tolerance ?? '0',
  };
}

export function newAnswer(type: QuestionJson['type'], format: TextFormat): AnswerForm {
  return {
    key: newKey(),
    text: '',
    format: type === 'shortanswer' ? 'plain' : format,
    fraction: '0',
    feedback: '',
    feedbackFormat: format,
    value: '',
    tolerance: '0',
  };
}

export function newPair(format: TextFormat): PairForm {
  return { key: newKey(), question: '', format, answer: '' };
}

export function questionFormOf(q: QuestionJson): QuestionForm {
  const t = q.answers.find((a) => a.text.text === 'true');
  const f = q.answers.find((a) => a.text.text === 'false');
  return {
    type: q.type,
    name: q.name,
    category: q.category,
    text: q.text.text,
    textFormat: q.text.format,
    feedback: q.general_feedback.text,
    feedbackFormat: q.general_feedback.format,
    default_mark: String(q.default_mark),
    single: q.single,
    shuffle: q.shuffle_answers,
    case_sensitive: q.case_sensitive,
    truth: t ? t.fraction === 10_000_000 : !(f && f.fraction === 10_000_000),
    trueFeedback: t?.feedback.text ?? '',
    falseFeedback: f?.feedback.text ?? '',
    answers: q.type === 'truefalse' ? [] : q.answers.map(answerForm),
    pairs: q.pairs.map((p) => ({ key: newKey(), question: p.question.text, format: p.question.format, answer: p.answer })),
  };
}

const FULL = 10_000_000;

// The body of PUT /api/questions/{id}: the original with the form's changes (its id number, tags
// and penalty kept), and what is wrong with it, as Moodle's rules (which the server applies)
// say. The body is built even with problems, for the preview.
export function questionInput(form: QuestionForm, original: QuestionJson): { input: QuestionJson; problems: Problems } {
  const problems: Problems = {};
  if (form.text.trim() === '') problems.text = 'required';
  const mark = parseWhole(form.default_mark, 1000);
  if (mark === null) problems.default_mark = 'mark';
  let answers: AnswerJson[] = [];
  let pairs = original.pairs;
  const rich = (text: string, format: TextFormat) => ({ text, format });

  switch (form.type) {
    case 'truefalse': {
      const old = (word: string) => original.answers.find((a) => a.text.text === word);
      answers = [
        {
          text: rich('true', old('true')?.text.format ?? 'moodle'),
          fraction: form.truth ? FULL : 0,
          feedback: rich(form.trueFeedback, old('true')?.feedback.format ?? form.textFormat),
        },
        {
          text: rich('false', old('false')?.text.format ?? 'moodle'),
          fraction: form.truth ? 0 : FULL,
          feedback: rich(form.falseFeedback, old('false')?.feedback.format ?? form.textFormat),
        },
      ];
      break;
    }
    case 'multichoice':
    case 'shortanswer':
    case 'numerical': {
      const fractions: number[] = [];
      answers = form.answers.map((a, i) => {
        const at = `answers[${i}]`;
        const fraction = parseFraction(a.fraction);
        if (fraction === null) problems[`${at}.fraction`] = 'fraction';
        fractions.push(fraction ?? 0);
        const one: AnswerJson = { text: rich(a.text, a.format), fraction: fraction ?? 0, feedback: rich(a.feedback, a.feedbackFormat) };
        if (form.type === 'numerical') {
          const anyNumber = a.text.trim() === '*';
          one.text = rich(anyNumber ? '*' : '', a.format);
          const value = anyNumber ? '0' : normalizeNumber(a.value);
          const tolerance = normalizeNumber(a.tolerance === '' ? '0' : a.tolerance);
          if (value === null || value === '') problems[`${at}.value`] = 'decimal';
          if (tolerance === null || tolerance === '') problems[`${at}.tolerance`] = 'decimal';
          else if (tolerance.startsWith('-') && Number(tolerance) !== 0) problems[`${at}.tolerance`] = 'tolerance';
          one.value = value || '0';
          one.tolerance = tolerance || '0';
        } else if (a.text.trim() === '') {
          problems[`${at}.text`] = 'answerText';
        }
        return one;
      });
      const best = fractions.length ? Math.max(...fractions) : -FULL;
      const fractionsOk = !Object.keys(problems).some((k) => k.startsWith('answers['));
      if (form.type === 'multichoice') {
        if (answers.length < 2) problems.answers = 'twoAnswers';
        else if (fractionsOk && best <= 0) problems.answers = 'noRightAnswer';
        else if (fractionsOk && form.single && best !== FULL) problems.answers = 'singleNeedsFull';
      } else if (answers.length === 0 || (fractionsOk && best !== FULL)) {
        problems.answers = 'needsFull';
      }
      break;
    }
    case 'matching': {
      pairs = form.pairs.map((p, i) => {
        if (p.answer.trim() === '') problems[`pairs[${i}].answer`] = 'pairAnswer';
        return { question: rich(p.question, p.format), answer: p.answer };
      });
      const items = form.pairs.filter((p) => p.question.trim() !== '').length;
      if (items < 2 || form.pairs.length < 3) problems.pairs = 'matchingSize';
      break;
    }
    default:
      answers = original.answers;
  }

  return {
    input: {
      ...original,
      name: form.name.trim(),
      category: form.category.trim() === '' ? original.category : form.category.trim(),
      text: rich(form.text, form.textFormat),
      general_feedback: rich(form.feedback, form.feedbackFormat),
      default_mark: mark ?? original.default_mark,
      single: form.single,
      shuffle_answers: form.shuffle,
      case_sensitive: form.case_sensitive,
      answers,
      pairs,
    },
    problems,
  };
}

// The question as a learner is given it in a quiz (QuestionForLearner in
// src/modules/course/json.cc), answers in the bank's order: no fractions, no right answers.
export function learnerView(q: QuestionJson): LearnerQuestion {
  const out: LearnerQuestion = { type: q.type, text: q.text, mark: q.default_mark };
  if (q.type === 'multichoice') {
    out.choices = q.answers.map((a, index) => ({ index, text: a.text }));
    out.single = q.single;
  } else if (q.type === 'matching') {
    out.items = q.pairs.flatMap((p, index) => (p.question.text === '' ? [] : [{ index, text: p.question }]));
    out.answers = [...new Set(q.pairs.map((p) => p.answer))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  }
  return out;
}

// ---- attachments

// The files a module may carry, by extension, with the type the server checks the content against.
export const ATTACHMENT_TYPES: Readonly<Record<string, string>> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  txt: 'text/plain',
};

export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

// The accept attribute of the file field.
export const ATTACHMENT_ACCEPT = [
  ...Object.keys(ATTACHMENT_TYPES).map((e) => `.${e}`),
  ...new Set(Object.values(ATTACHMENT_TYPES)),
].join(',');

// The Content-Type to upload `file` with: the browser's when it is one the server takes, else
// the one its extension names; undefined for any other file.
export function attachmentType(file: { name: string; type: string }): string | undefined {
  const known = new Set(Object.values(ATTACHMENT_TYPES));
  const type = file.type.split(';')[0]!.trim().toLowerCase();
  if (known.has(type)) return type;
  const ext = /\.([a-z0-9]+)$/i.exec(file.name)?.[1]?.toLowerCase();
  return ext ? ATTACHMENT_TYPES[ext] : undefined;
}

export const ATTACHMENT_KINDS = ['pdf', 'image', 'word', 'spreadsheet', 'slides', 'text', 'other'] as const;
export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number];

export function attachmentKind(contentType: string): AttachmentKind {
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  if (type === 'application/pdf') return 'pdf';
  if (type.startsWith('image/')) return 'image';
  if (type.includes('wordprocessingml')) return 'word';
  if (type.includes('spreadsheetml')) return 'spreadsheet';
  if (type.includes('presentationml')) return 'slides';
  if (type.startsWith('text/')) return 'text';
  return 'other';
}

// 12345 -> "12.1 kB" (in `lang`; kilobytes of 1024 bytes, as file managers count).
export function formatBytes(bytes: number, lang: string): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return new Intl.NumberFormat(lang, {
    style: 'unit',
    unit: units[unit],
    unitDisplay: unit === 0 ? 'long' : 'short',
    maximumFractionDigits: unit === 0 ? 0 : 1,
  }).format(value);
}

// The course with one module's attachments replaced (after an upload or a deletion).
export function withAttachments(course: Course, moduleId: number, attachments: Attachment[]): Course {
  return {
    ...course,
    modules: course.modules.map((m) => (m.module_id === moduleId ? { ...m, attachments } : m)),
  };
}
