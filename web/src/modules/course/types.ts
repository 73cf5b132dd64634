// Request and response shapes of the course API (src/modules/course/json.cc and api.cc).

// Moodle's text formats. Whatever the format, the pages show the text as plain text.
export type TextFormat = 'moodle' | 'html' | 'plain' | 'markdown';

export interface RichText {
  text: string;
  format: TextFormat;
}

// A file attached to a module: downloaded from `url` by anyone who may read the module.
export interface Attachment {
  attachment_id: number;
  file_name: string;
  content_type: string;
  size_bytes: number;
  url: string;
}

export interface CourseModuleSummary {
  module_id: number;
  position: number;
  estimated_minutes: number;
  quiz_id: number | null;
  languages: string[];
  language?: string; // the language of `title`
  title?: string;
  attachments?: Attachment[];
}

// One line of a weighted grading policy (Open edX's form): the quizzes whose grader_type is
// `type`, the `drop_count` lowest dropped, averaged, count for `weight_e2` of the course grade.
export interface Grader {
  type: string;
  weight_e2: number; // hundredths of a percent; the weights sum to 10000
  drop_count: number;
}

export interface GradingPolicy {
  graders: Grader[];
  cutoff_e2: number;
}

export interface Course {
  course_id: number;
  code: string;
  title: string;
  description: string;
  languages: string[];
  opens_on: string | null; // YYYY-MM-DD
  closes_on: string | null;
  pass_mark: string; // "80.00%"
  pass_mark_e2: number; // hundredths of a percent: 8000 is 80%
  // null (or absent): the default rule, every module and the final assessment at the pass mark.
  grading_policy?: GradingPolicy | null;
  assessment_quiz_id: number | null;
  enrolment_count?: number; // people enrolled (in the course's own answers, not in a learner's progress)
  modules: CourseModuleSummary[];
}

// The body of POST /api/courses and PATCH /api/courses/{id}.
export interface CourseInput {
  code: string;
  title: string;
  description: string;
  languages: string[];
  opens_on: string | null;
  closes_on: string | null;
  pass_mark_e2: number;
  grading_policy: GradingPolicy | null;
}

// The body of POST /api/courses/{id}/modules and PUT /api/courses/{id}/modules/{module_id}.
export interface ModuleInput {
  position: number;
  estimated_minutes: number;
  texts: Record<string, { title: string; body_markdown: string }>;
}

export interface CourseList {
  items: Course[];
}

// GET /api/courses/{id}/modules/{module_id}
export interface ModulePage {
  module_id: number;
  course_id: number;
  position: number;
  estimated_minutes: number;
  language: string;
  title: string;
  body_markdown: string;
  body_html: string; // rendered by the server, safe to show
  quiz_id: number | null;
  attachments?: Attachment[];
}

export interface Certificate {
  code: string;
  status: 'valid' | 'revoked';
  course: string; // the course's title
  learner_name: string;
  learner_name_latin: string | null;
  score: string; // "85.00%"
  issued_on: string; // YYYY-MM-DD
  revoked_on: string | null;
  revoked_reason: string | null;
}

export interface CertificateList {
  items: Certificate[];
}

export interface ModuleProgress {
  module_id: number;
  visited: boolean;
  visited_at?: string;
  quiz_passed: boolean | null; // null: the module has no quiz
}

export interface Progress {
  course: Course;
  enrolled: boolean;
  enrolment_id?: number;
  language?: string;
  enrolled_on?: string;
  completed_at: string | null;
  modules: ModuleProgress[];
  assessment: null | { score: string; score_e2: number; passed: boolean };
  certificate: Certificate | null;
  // The weighted grade when the course has a grading policy.
  grade?: CourseGrade | null;
}

export interface GraderGrade {
  type: string;
  weight_e2: number;
  percent_e2: number;
  counted: number[]; // quiz ids
  dropped: number[];
}

export interface CourseGrade {
  percent_e2: number;
  passed: boolean;
  cutoff_e2: number;
  graders: GraderGrade[];
}

export interface ProgressList {
  items: Progress[];
}

export const QUESTION_TYPES = [
  'multichoice',
  'truefalse',
  'shortanswer',
  'numerical',
  'matching',
  'essay',
  'description',
] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

// A question as the learner sees it during an attempt: no answers, no fractions.
export interface LearnerQuestion {
  type: QuestionType;
  text: RichText;
  mark: number;
  choices?: Array<{ index: number; text: RichText }>; // multichoice, in this attempt's order
  single?: boolean; // multichoice: one choice only
  items?: Array<{ index: number; text: RichText }>; // matching: the items to pair
  answers?: string[]; // matching: the answer texts to pick from
}

// The saved response of a question, by type.
export type AnswerResponse =
  | { choice: number }
  | { choices: number[] }
  | { value: boolean }
  | { text: string }
  | { number: string }
  | { matches: Record<string, string> }
  | Record<string, never>; // not answered

export interface RightAnswer {
  index: number;
  text: string;
  share: string; // "100%"
  value?: string; // numerical
  tolerance?: string;
}

export interface AttemptQuestion {
  position: number;
  mark: number;
  answer_id: string | null;
  response: AnswerResponse | null;
  question: LearnerQuestion;
  // After submission:
  points?: string; // share of the mark earned, "100.00%"
  right?: boolean;
  review?: {
    general_feedback: string;
    right_answers: RightAnswer[];
    right_pairs?: Array<{ index: number; answer: string }>;
  };
}

export interface Attempt {
  attempt_id: number;
  quiz_id: number;
  quiz_title: string;
  number: number;
  started_at: string;
  deadline_at: string | null;
  server_time: string;
  submitted_at: string | null;
  state: 'open' | 'submitted';
  score?: string;
  score_e2?: number;
  passed?: boolean;
  questions: AttemptQuestion[];
}

// PUT /api/attempts/{id}/answers/{position}
export interface SavedAnswer {
  attempt_id: number;
  position: number;
  answer_id: string;
  saved: true;
  server_time: string;
}

export const GRADING_METHODS = ['highest', 'average', 'first', 'last'] as const;
export type GradingMethod = (typeof GRADING_METHODS)[number];

export interface QuizSlot {
  position: number;
  question_id: number | null;
  category_id: number | null;
  mark: number;
}

export interface Quiz {
  quiz_id: number;
  course_id: number;
  module_id: number | null;
  title: string;
  time_limit_seconds: number; // 0: no limit
  attempts_allowed: number; // 0: no limit
  grading_method: GradingMethod;
  pass_mark_e2: number;
  shuffle_answers: boolean;
  review_correct: boolean;
  grader_type?: string | null; // the grader of the course's policy the quiz counts in
  slots: QuizSlot[];
}

export interface QuizList {
  items: Quiz[];
}

// The body of POST /api/quizzes; PATCH /api/quizzes/{id} takes the same without course_id and
// module_id.
export interface QuizInput {
  course_id?: number;
  module_id?: number | null;
  title: string;
  time_limit_seconds: number;
  attempts_allowed: number;
  grading_method: GradingMethod;
  pass_mark_e2: number;
  shuffle_answers: boolean;
  review_correct: boolean;
  grader_type: string | null;
  slots: Array<{ question_id: number; mark: number } | { category_id: number; mark: number }>;
}

export interface QuizResult {
  attempt_id: number;
  enrolment_id?: number;
  person_id?: number;
  learner_name: string;
  country: string | null;
  number: number;
  started_at: string;
  submitted_at: string | null;
  score: string | null;
  score_e2?: number | null;
  passed: boolean | null;
}

export interface QuizResults {
  quiz: Quiz;
  items: QuizResult[];
}

export const TEXT_FORMATS: readonly TextFormat[] = ['moodle', 'html', 'plain', 'markdown'];

// An answer of a question in the bank (QuestionToJson in src/modules/course/json.cc).
export interface AnswerJson {
  text: RichText; // truefalse: "true" or "false"; numerical: "" or "*" (any other number)
  fraction: number; // share of the mark in 1e-7 units: 10000000 is 100%
  feedback: RichText;
  value?: string; // numerical: a decimal number as text
  tolerance?: string;
}

export interface PairJson {
  question: RichText; // empty: an extra wrong answer
  answer: string;
}

// A question as the bank keeps it, and the body of PUT /api/questions/{id}.
export interface QuestionJson {
  type: QuestionType;
  category: string;
  name: string;
  idnumber: string;
  tags: string[];
  text: RichText;
  general_feedback: RichText;
  default_mark: number;
  penalty: number;
  answers: AnswerJson[];
  pairs: PairJson[];
  single: boolean;
  shuffle_answers: boolean;
  case_sensitive: boolean;
}

// The question bank (secretariat).
export interface BankQuestion {
  question_id: number;
  category_id: number;
  category: string;
  version: number;
  updated_at: string;
  question: QuestionJson;
}

export interface BankQuestionList {
  items: BankQuestion[];
}

export interface QuestionCategory {
  category_id: number;
  path: string;
}

export interface CategoryList {
  items: QuestionCategory[];
}

export const QUESTION_FORMATS = ['gift', 'xml'] as const;
export type QuestionFormat = (typeof QUESTION_FORMATS)[number];

// POST /api/questions/import: the same report for a dry run, an import and a refused import.
export interface QuestionImportReport {
  dry_run: boolean;
  questions: number;
  categories: string[];
  problems: Array<{ where: string; message: string }>;
  question_ids: number[];
}

// POST /api/courses/{id}/enrolments/import: the same report for a dry run, an import and a
// refused import.
export interface EnrolmentImportReport {
  ok: boolean;
  dry_run: boolean;
  rows: number;
  enrolled: number; // new enrolments (to be) made
  already_enrolled: number;
  errors: Array<{ row: number; column: string; reason: string; value: string }>;
  errors_total?: number;
  errors_summary?: Array<{ column: string; reason: string; count: number }>;
}
