// A module of a course: its text (rendered by the server), its attachments to download, the
// previous and next modules, and the module's quiz. Opening it as an enrolled learner records the visit, which may complete
// the course.

import { useEffect, useRef, useState } from 'preact/hooks';
import { ErrorBox } from '../../../platform/ErrorBox';
import { formatNumber } from '../../../platform/format';
import { Loaded } from '../../../platform/forms';
import { useI18n } from '../../../platform/i18n';
import { usePageTitle } from '../../../platform/page';
import { Link, type RouteProps } from '../../../platform/router';
import { signInHref, useSession } from '../../../platform/session';
import { useLoad } from '../../../platform/useLoad';
import { getCourse, getModule, getProgress, visitModule } from '../api';
import '../course.css';
import { AttachmentList } from '../components/AttachmentList';
import { StartQuizButton } from '../components/StartQuizButton';
import { contentLanguage, isVisited, neighbours } from '../rules';
import type { Course, ModulePage as ModuleData, Progress } from '../types';

interface View {
  course: Course;
  module: ModuleData;
  progress: Progress | undefined;
}

export default function ModulePage({ params }: RouteProps) {
  const { t, lang } = useI18n();
  const session = useSession();
  const id = params.id ?? '';
  const moduleId = params.moduleId ?? '';
  const signedIn = session.user !== null;
  const load = useLoad(
    async (signal): Promise<View> => {
      const progress = signedIn ? await getProgress(id, signal) : undefined;
      if (progress?.enrolled) {
        const module = await getModule(id, moduleId, progress.language ?? 'en', signal);
        return { course: progress.course, module, progress };
      }
      const course = await getCourse(id, lang, signal);
      const language = contentLanguage(course.languages, lang);
      const [localized, module] = await Promise.all([
        language === lang ? Promise.resolve(course) : getCourse(id, language, signal),
        getModule(id, moduleId, language, signal),
      ]);
      return { course: localized, module, progress };
    },
    [id, moduleId, lang, signedIn],
  );
  usePageTitle(load.data?.module.title ?? t('course.catalogue.title'));
  return (
    <section class="page">
      <p class="breadcrumb">
        <Link href="/courses">{t('course.catalogue.title')}</Link>
        {load.data && (
          <>
            {' › '}
            <Link href={`/courses/${load.data.course.course_id}`}>
              <bdi>{load.data.course.title}</bdi>
            </Link>
          </>
        )}
      </p>
      <Loaded load={load}>{(view) => <ModuleView key={view.module.module_id} view={view} />}</Loaded>
    </section>
  );
}

function ModuleView({ view }: { view: View }) {
  const { t, lang } = useI18n();
  const session = useSession();
  const { course, module } = view;
  const [progress, setProgress] = useState(view.progress);
  const [visitError, setVisitError] = useState<unknown>(undefined);
  const [attempt, setAttempt] = useState(0);
  const body = useRef<HTMLDivElement>(null);
  const enrolled = progress?.enrolled === true;
  const { previous, next } = neighbours(course, module.module_id);
  const courseHref = `/courses/${course.course_id}`;
  const moduleHref = (moduleId: number) => `${courseHref}/modules/${moduleId}`;

  // body_html is rendered by the server from Markdown with cmark's safe mode (raw HTML and
  // unsafe links removed), so it is set as markup here; nothing else on the page is.
  useEffect(() => {
    if (body.current) body.current.innerHTML = module.body_html;
  }, [module.body_html]);

  // Reading a module is recorded once per visit of the page; the server keeps the first time.
  useEffect(() => {
    if (!view.progress?.enrolled) return;
    let live = true;
    setVisitError(undefined);
    visitModule(course.course_id, module.module_id).then(
      (p) => live && setProgress(p),
      (error: unknown) => live && setVisitError(error),
    );
    return () => {
      live = false;
    };
  }, [course.course_id, module.module_id, attempt]);

  const visited = isVisited(progress, module.module_id);
  const quizPassed = progress?.modules.find((m) => m.module_id === module.module_id)?.quiz_passed === true;
  return (
    <article class="module-page">
      <p class="muted">
        {t('course.modules.position', {
          number: formatNumber(module.position, lang),
          total: formatNumber(course.modules.length, lang),
        })}
        {' · '}
        {t('course.minutes', { minutes: formatNumber(module.estimated_minutes, lang) })}
      </p>
      <h1 data-testid="module-title" lang={module.language}>
        <bdi>{module.title}</bdi>
      </h1>
      <div class="module-body" lang={module.language} ref={body} data-testid="module-body" />

      {(module.attachments ?? []).length > 0 && (
        <section aria-labelledby="module-attachments-title" class="module-attachments" data-testid="module-attachments">
          <h2 id="module-attachments-title">{t('course.attachments.title')}</h2>
          <AttachmentList attachments={module.attachments ?? []} />
        </section>
      )}

      {enrolled && visited && (
        <p class="notice" role="status" data-testid="module-visited">
          {t('course.modules.recorded')}
        </p>
      )}
      {visitError !== undefined && <ErrorBox error={visitError} onRetry={() => setAttempt((n) => n + 1)} />}
      {!session.user && (
        <p class="muted">
          <Link href={signInHref(moduleHref(module.module_id))}>{t('course.modules.signInToRecord')}</Link>
        </p>
      )}
      {session.user && !enrolled && (
        <p class="muted">
          <Link href={courseHref}>{t('course.modules.enrolToRecord')}</Link>
        </p>
      )}

      {module.quiz_id !== null && enrolled && (
        <div class="actions">
          {quizPassed ? (
            <span class="badge badge--ok">{t('course.modules.quizPassed')}</span>
          ) : (
            <StartQuizButton quizId={module.quiz_id} label={t('course.modules.takeQuiz')} testId="start-module-quiz" />
          )}
        </div>
      )}

      <nav class="module-nav" aria-label={t('course.modules.navigation')}>
        {previous ? (
          <Link href={moduleHref(previous.module_id)} class="module-nav__link" data-testid="module-previous">
            <span class="module-nav__label">{t('course.modules.previous')}</span>
            <bdi>{previous.title ?? t('course.modules.number', { number: previous.position })}</bdi>
          </Link>
        ) : (
          <span />
        )}
        {next ? (
          <Link href={moduleHref(next.module_id)} class="module-nav__link module-nav__link--next" data-testid="module-next">
            <span class="module-nav__label">{t('course.modules.next')}</span>
            <bdi>{next.title ?? t('course.modules.number', { number: next.position })}</bdi>
          </Link>
        ) : (
          <Link href={courseHref} class="module-nav__link module-nav__link--next" data-testid="module-back-to-course">
            {t('course.modules.backToCourse')}
          </Link>
        )}
      </nav>
    </article>
  );
}
