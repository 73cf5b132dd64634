// The course module: the catalogue of online courses (with the learner's progress and
// certificates), a course with its modules and final assessment, the module reader, taking a
// quiz, the public verification of a certificate, and for the secretariat the question bank and
// a quiz's results.

import type { AppModule } from '../../platform/module';
import { lazyPage } from '../../platform/router';

const STAFF = ['admin', 'officer'];
const SIGNED_IN: string[] = [];

export const courseModule: AppModule = {
  id: 'course',
  nav: [{ href: '/courses', label: 'nav.courses' }],
  routes: [
    { path: '/courses', component: lazyPage(() => import('./pages/CataloguePage')) },
    // Before /courses/:id, which would take "questions" for a course id.
    { path: '/courses/questions', roles: STAFF, component: lazyPage(() => import('./pages/QuestionBankPage')) },
    { path: '/courses/:id', component: lazyPage(() => import('./pages/CoursePage')) },
    { path: '/courses/:id/modules/:moduleId', component: lazyPage(() => import('./pages/ModulePage')) },
    { path: '/attempts/:id', roles: SIGNED_IN, component: lazyPage(() => import('./pages/AttemptPage')) },
    { path: '/certificates/:code', component: lazyPage(() => import('./pages/CertificatePage')) },
    { path: '/quizzes/:id/results', roles: STAFF, component: lazyPage(() => import('./pages/ResultsPage')) },
  ],
};
