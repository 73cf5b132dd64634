// Calls to the course API: the catalogue, a learner's enrolment and progress, module pages,
// attempts and their answers, certificates and their verification, and for the secretariat
// courses, modules and their attachments, enrolment lists, quizzes, the question bank (import,
// export, editing) and a quiz's results.

import { api, isApiError, withQuery } from '../../platform/api';
import type {
  AnswerResponse,
  Attachment,
  Attempt,
  BankQuestion,
  BankQuestionList,
  CategoryList,
  Certificate,
  CertificateList,
  Course,
  CourseInput,
  CourseList,
  EnrolmentImportReport,
  ModuleInput,
  ModulePage,
  Progress,
  ProgressList,
  QuestionFormat,
  QuestionImportReport,
  QuestionJson,
  Quiz,
  QuizInput,
  QuizList,
  QuizResults,
  SavedAnswer,
} from './types';

const opts = (signal?: AbortSignal) => (signal ? { signal } : {});
const seg = (value: number | string) => encodeURIComponent(String(value));

// ---- the catalogue (anyone)

export function listCourses(language: string, signal?: AbortSignal): Promise<CourseList> {
  return api.get<CourseList>(withQuery('/api/courses', { language }), opts(signal));
}

export function getCourse(id: number | string, language: string, signal?: AbortSignal): Promise<Course> {
  return api.get<Course>(withQuery(`/api/courses/${seg(id)}`, { language }), opts(signal));
}

export function getModule(
  courseId: number | string,
  moduleId: number | string,
  language: string,
  signal?: AbortSignal,
): Promise<ModulePage> {
  const path = `/api/courses/${seg(courseId)}/modules/${seg(moduleId)}`;
  return api.get<ModulePage>(withQuery(path, { language }), opts(signal));
}

// ---- the signed-in learner

export function enrol(courseId: number, language: string): Promise<Progress> {
  return api.post<Progress>(`/api/courses/${courseId}/enrolment`, { language });
}

export function getProgress(courseId: number | string, signal?: AbortSignal): Promise<Progress> {
  return api.get<Progress>(`/api/courses/${seg(courseId)}/progress`, opts(signal));
}

export function visitModule(courseId: number, moduleId: number): Promise<Progress> {
  return api.post<Progress>(`/api/courses/${courseId}/modules/${moduleId}/visit`);
}

export function myCourses(signal?: AbortSignal): Promise<ProgressList> {
  return api.get<ProgressList>('/api/me/courses', opts(signal));
}

export function myCertificates(signal?: AbortSignal): Promise<CertificateList> {
  return api.get<CertificateList>('/api/me/certificates', opts(signal));
}

export function getQuiz(id: number | string, signal?: AbortSignal): Promise<Quiz> {
  return api.get<Quiz>(`/api/quizzes/${seg(id)}`, opts(signal));
}

// Starts an attempt, or gives back the open one (after a reload, or from another device).
export function startAttempt(quizId: number): Promise<Attempt> {
  return api.post<Attempt>(`/api/quizzes/${quizId}/attempts`, {});
}

export function getAttempt(id: number | string, signal?: AbortSignal): Promise<Attempt> {
  return api.get<Attempt>(`/api/attempts/${seg(id)}`, opts(signal));
}

// `answerId` is made by the client for each change, so that repeating the request changes nothing.
export function saveAnswer(
  attemptId: number,
  position: number,
  answerId: string,
  response: AnswerResponse,
): Promise<SavedAnswer> {
  return api.put<SavedAnswer>(`/api/attempts/${attemptId}/answers/${position}`, { answer_id: answerId, response });
}

export function submitAttempt(attemptId: number): Promise<Attempt> {
  return api.post<Attempt>(`/api/attempts/${attemptId}/submit`, {});
}

// ---- certificates

export function getCertificate(code: string, signal?: AbortSignal): Promise<Certificate> {
  return api.get<Certificate>(`/api/certificates/${seg(code)}`, opts(signal));
}

// The signed Open Badges 3.0 credential (a VC-JWT), to download.
export function credentialHref(code: string): string {
  return `/api/certificates/${seg(code)}/credential`;
}

// The certificate to print: A4 landscape with a QR code of its verification page.
export function certificatePdfHref(code: string): string {
  return `/api/certificates/${seg(code)}/pdf`;
}

export function credentialFileName(code: string): string {
  return `certificate-${code}.jwt`;
}

export function certificatePath(code: string): string {
  return `/certificates/${seg(code)}`;
}

export function revokeCertificate(code: string, reason: string): Promise<Certificate> {
  return api.post<Certificate>(`/api/certificates/${seg(code)}/revoke`, { reason });
}

// ---- the secretariat

export function listCategories(signal?: AbortSignal): Promise<CategoryList> {
  return api.get<CategoryList>('/api/question-categories', opts(signal));
}

export function listQuestions(categoryId: string, signal?: AbortSignal): Promise<BankQuestionList> {
  return api.get<BankQuestionList>(withQuery('/api/questions', { category_id: categoryId }), opts(signal));
}

export function exportHref(format: QuestionFormat, categoryId: string): string {
  return withQuery('/api/questions/export', { format, category_id: categoryId });
}

function isImportReport(value: unknown): value is QuestionImportReport {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<QuestionImportReport>;
  return typeof v.questions === 'number' && Array.isArray(v.problems);
}

// POST /api/questions/import with the file as the body. A refused import (422) carries the same
// report: it is returned as a report, not thrown.
export async function importQuestions(
  file: Blob,
  format: QuestionFormat,
  fileName: string,
  dryRun: boolean,
): Promise<QuestionImportReport> {
  const path = withQuery('/api/questions/import', { format, file_name: fileName, dry_run: dryRun ? 'true' : 'false' });
  const type = format === 'xml' ? 'application/xml' : 'text/plain; charset=utf-8';
  try {
    return await api.request<QuestionImportReport>(path, { method: 'POST', body: file, headers: { 'Content-Type': type } });
  } catch (error) {
    if (isApiError(error) && error.status === 422 && isImportReport(error.body)) return error.body;
    throw error;
  }
}

export function getResults(quizId: number | string, signal?: AbortSignal): Promise<QuizResults> {
  return api.get<QuizResults>(`/api/quizzes/${seg(quizId)}/results`, opts(signal));
}

// The results as a file to download.
export function resultsHref(quizId: number | string, format: 'csv' | 'xlsx'): string {
  return withQuery(`/api/quizzes/${seg(quizId)}/results`, { format });
}

export function getQuestion(id: number | string, signal?: AbortSignal): Promise<BankQuestion> {
  return api.get<BankQuestion>(`/api/questions/${seg(id)}`, opts(signal));
}

// Saves the question as a new version; attempts keep the version they were given.
export function saveQuestion(id: number, question: QuestionJson): Promise<BankQuestion> {
  return api.put<BankQuestion>(`/api/questions/${id}`, question);
}

// ---- courses, modules and attachments (secretariat)

export function createCourse(input: CourseInput): Promise<Course> {
  return api.post<Course>('/api/courses', input);
}

export function updateCourse(id: number, input: CourseInput): Promise<Course> {
  return api.patch<Course>(`/api/courses/${id}`, input);
}

export function addModule(courseId: number, input: ModuleInput): Promise<Course> {
  return api.post<Course>(`/api/courses/${courseId}/modules`, input);
}

export function updateModule(courseId: number, moduleId: number, input: ModuleInput): Promise<Course> {
  return api.put<Course>(`/api/courses/${courseId}/modules/${moduleId}`, input);
}

// POST the file as the body, with its type; the server checks the content against the type.
export function uploadAttachment(courseId: number, moduleId: number, file: Blob, fileName: string, type: string): Promise<Attachment> {
  const path = withQuery(`/api/courses/${courseId}/modules/${moduleId}/attachments`, { file_name: fileName });
  return api.request<Attachment>(path, { method: 'POST', body: file, headers: { 'Content-Type': type } });
}

export function deleteAttachment(courseId: number, moduleId: number, attachmentId: number): Promise<{ deleted: boolean }> {
  return api.delete<{ deleted: boolean }>(`/api/courses/${courseId}/modules/${moduleId}/attachments/${attachmentId}`);
}

function isEnrolmentReport(value: unknown): value is EnrolmentImportReport {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<EnrolmentImportReport>;
  return typeof v.ok === 'boolean' && typeof v.rows === 'number' && Array.isArray(v.errors);
}

// POST /api/courses/{id}/enrolments/import with the CSV or XLSX file as the body. A refused
// import (422) carries the same report: it is returned as a report, not thrown.
export async function importEnrolments(courseId: number, file: Blob, type: string, dryRun: boolean): Promise<EnrolmentImportReport> {
  const path = withQuery(`/api/courses/${courseId}/enrolments/import`, { dry_run: dryRun ? 'true' : 'false' });
  try {
    return await api.request<EnrolmentImportReport>(path, { method: 'POST', body: file, headers: { 'Content-Type': type } });
  } catch (error) {
    if (isApiError(error) && error.status === 422 && isEnrolmentReport(error.body)) return error.body;
    throw error;
  }
}

// ---- quizzes (secretariat)

export function listCourseQuizzes(courseId: number | string, signal?: AbortSignal): Promise<QuizList> {
  return api.get<QuizList>(`/api/courses/${seg(courseId)}/quizzes`, opts(signal));
}

export function createQuiz(input: QuizInput): Promise<Quiz> {
  return api.post<Quiz>('/api/quizzes', input);
}

export function updateQuiz(id: number, input: QuizInput): Promise<Quiz> {
  return api.patch<Quiz>(`/api/quizzes/${id}`, input);
}
