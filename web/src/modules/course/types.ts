// Request and response shapes of the course API (src/modules/course/json.cc and api.cc).

// Moodle's text formats. Whatever the format, the pages show the text as plain text.
export type TextFormat = 'moodle' | 'html' | 'plain' | 'markdown';

export interface RichText {
  text: string;
  format: TextFormat;
}

export interface CourseModuleSummary {
  module_id: number;
  position: number;
  estimated_minutes: number;
  quiz_id: number | null;
  languages: string[];
  language?: string; // the language of `title`
  title?: string;
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
  assessment_quiz_id: number | null;
  modules: CourseModuleSummary[];
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

export interface Quiz {
  quiz_id: number;
  course_id: number;
  module_id: number | null;
  title: string;
  time_limit_seconds: number; // 0: no limit
  attempts_allowed: number; // 0: no limit
  grading_method: 'highest' | 'average' | 'first' | 'last';
  pass_mark_e2: number;
  shuffle_answers: boolean;
  review_correct: boolean;
  slots: Array<{ position: number; question_id: number | null; category_id: number | null; mark: number }>;
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

// The question bank (secretariat).
export interface BankQuestion {
  question_id: number;
  category_id: number;
  category: string;
  version: number;
  updated_at: string;
  question: {
    type: QuestionType;
    name: string;
    text: RichText;
    answers: unknown[];
    [key: string]: unknown;
  };
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
