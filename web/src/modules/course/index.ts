// The course module: the catalogue of online courses (with the learner's progress and
// certificates), a course with its modules and final assessment, the module reader, taking a
// quiz, the public verification of a certificate, and for the secretariat the course editor
// (details, grading policy, modules with their attachments, quizzes, enrolling a list), a quiz's
// settings, the question bank with the question editor, and a quiz's results.

import type { AppModule } from '../../platform/module';
import { lazyPage } from '../../platform/router';

const STAFF = ['admin', 'officer'];
const SIGNED_IN: string[] = [];

// One page for making and changing, so that going from /courses/new to the new course's
// /courses/:id/edit (and the same for quizzes) keeps the page and only loads the data.
const CourseEditorPage = lazyPage(() => import('./pages/CourseEditorPage'));
const QuizEditorPage = lazyPage(() => import('./pages/QuizEditorPage'));

export const courseModule: AppModule = {
  id: 'course',
  nav: [{ href: '/courses', label: 'nav.courses' }],
  routes: [
    { path: '/courses', component: lazyPage(() => import('./pages/CataloguePage')) },
    // Before /courses/:id, which would take "questions" and "new" for a course id.
    { path: '/courses/questions', roles: STAFF, component: lazyPage(() => import('./pages/QuestionBankPage')) },
    { path: '/courses/questions/:id', roles: STAFF, component: lazyPage(() => import('./pages/QuestionEditorPage')) },
    { path: '/courses/new', roles: STAFF, component: CourseEditorPage },
    { path: '/courses/:id', component: lazyPage(() => import('./pages/CoursePage')) },
    { path: '/courses/:id/edit', roles: STAFF, component: CourseEditorPage },
    { path: '/courses/:id/modules/:moduleId', component: lazyPage(() => import('./pages/ModulePage')) },
    { path: '/attempts/:id', roles: SIGNED_IN, component: lazyPage(() => import('./pages/AttemptPage')) },
    { path: '/certificates/:code', component: lazyPage(() => import('./pages/CertificatePage')) },
    { path: '/quizzes/new', roles: STAFF, component: QuizEditorPage },
    { path: '/quizzes/:id/edit', roles: STAFF, component: QuizEditorPage },
    { path: '/quizzes/:id/results', roles: STAFF, component: lazyPage(() => import('./pages/ResultsPage')) },
  ],
};
