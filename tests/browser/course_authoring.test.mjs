// The secretariat builds an online course in the web app, against the real server with the demo
// data: the demo admin creates a course with a weighted grading policy (a sum of weights that is
// not 100% is refused beside the field and in the summary first), adds a module written in
// Markdown with a PDF attachment (a file of a wrong kind and a PDF that is not one are refused,
// a second attachment is deleted after a confirmation), imports questions from a GIFT file through
// the question bank, makes the final assessment in the quiz editor (one question found by its
// name with the keyboard only, one random question from a category, one found by its text and
// moved up), edits a question and sees the preview change before saving a new version, and
// enrols a list from a CSV file (the dry run shows a bad row; the fixed file enrols two people and
// the counts change without a reload). The course editor fits a 375 px wide screen and the
// question editor a 320 px one. A delegate reads the module with its attachment, takes the
// assessment (the edited question as saved) and sees the weighted grade; the admin downloads the
// results as CSV and XLSX. No console error or failed request besides the deliberate 415.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { launchBrowser, useBrowser, waitForText, watchProblems } from './lib/browser.mjs';
import { useServer } from './lib/server.mjs';
import { csrfToken, signIn } from './lib/session.mjs';

const DELEGATE = {
  email: 'ana.author@example.org',
  password: 'Cedar-Lantern-Harbor-58',
  name: 'Ana Author',
};

const COURSE = {
  code: 'A1-AUTHORING',
  title: 'Working methods (authoring test)',
  description: 'A course built in the browser.',
};

const MODULE = {
  title: 'Study groups at work',
  body: ['## Who does the work', '', 'Study groups develop **Recommendations**.', '', '- Rapporteurs', '- Members'].join('\n'),
};

// Two fixed questions and two for the random slot, in their own categories.
const GIFT = [
  '$CATEGORY: $course$/top/Authoring fixed',
  '',
  '::Authoring bureau::Which bureau supports the study groups (authoring)?{=The Telecommunication Standardization Bureau ~The Radiocommunication Bureau ~The Telecommunication Development Bureau}',
  '',
  '::Authoring methods::Which Recommendation sets out the working methods (authoring)?{=Recommendation ITU-T A.1 ~Recommendation ITU-T X.509 ~Recommendation ITU-T G.711}',
  '',
  '$CATEGORY: $course$/top/Authoring random',
  '',
  '::Authoring assembly::How often is the assembly held (authoring)?{=Every four years ~Every year}',
  '',
  '::Authoring chairs::Who appoints the study group chairs (authoring)?{=The assembly ~The council}',
  '',
].join('\n');

const EDITED_TEXT = 'Which bureau of ITU-T supports the study groups (authoring, edited)?';
const EDITED_ANSWER = 'The Radiocommunication Bureau (ITU-R)';

// A small but real PDF: the server checks that a PDF starts with "%PDF-".
const PDF = Buffer.from(
  [
    '%PDF-1.4',
    '1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj',
    '2 0 obj <</Type /Pages /Kids [3 0 R] /Count 1>> endobj',
    '3 0 obj <</Type /Page /Parent 2 0 R /MediaBox [0 0 200 200]>> endobj',
    'trailer <</Root 1 0 R>>',
    '%%EOF',
    '',
  ].join('\n'),
);

// The upload of a "PDF" that is not one is refused with 415 by design.
const EXPECTED = [
  /^HTTP 415: POST \S+\/api\/courses\/\d+\/modules\/\d+\/attachments\?file_name=fake\.pdf$/,
  /^console error: Failed to load resource: .*status of 415.*\/api\/courses\/\d+\/modules\/\d+\/attachments/,
];

// No element of the page's main part reaches past the right edge, and nothing scrolls sideways.
async function assertFits(page, width, what) {
  await page.setViewportSize({ width, height: 800 });
  await page.waitForFunction((w) => window.innerWidth === w, width);
  const overflow = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
    wide: [...document.querySelectorAll('main *')]
      .filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
      .map((e) => `${e.tagName.toLowerCase()}#${e.id}.${e.className}`)
      .slice(0, 5),
  }));
  assert.ok(overflow.scroll <= overflow.client, `${what}: no horizontal scroll at ${width} px: ${JSON.stringify(overflow)}`);
}

describe('course authoring', () => {
  const browser = useBrowser({ ignore: EXPECTED }); // the admin's; first, so that it is closed first
  const server = useServer({ seed: true });
  const ready = () => {
    const s = server();
    return { url: s.url, admin: s.admin, ...browser() };
  };

  // The delegate's own browser.
  let learner;
  before(async () => {
    try {
      const b = await launchBrowser();
      const page = await b.newPage();
      learner = { browser: b, page, problems: watchProblems(page) };
    } catch (error) {
      learner = { error };
    }
  });
  after(async () => {
    await learner?.browser?.close();
  });
  const learnerPage = () => {
    if (learner.error) throw learner.error;
    return learner;
  };

  // Calls the API with the admin's session (cookies and CSRF token).
  async function call(method, path, body) {
    const { url, browser: b, page } = ready();
    const headers = { 'X-CSRF-Token': await csrfToken(b.context), 'Content-Type': 'application/json' };
    const response = await page.request.fetch(`${url}${path}`, {
      method,
      headers,
      data: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    let json;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: response.status(), json, text };
  }

  let courseId;
  let moduleId;
  let quizId;
  let questions; // by name

  it('lets the admin create a course with a weighted grading policy, refusing weights that do not sum to 100%', async () => {
    const { page, url, admin } = ready();
    await signIn(page, url, admin);
    const user = await call('POST', '/api/users', {
      email: DELEGATE.email,
      display_name: DELEGATE.name,
      language: 'en',
      roles: ['delegate'],
      password: DELEGATE.password,
    });
    assert.equal(user.status, 201, user.text);

    await page.click('[data-testid="main-nav"] a[href="/courses"]');
    await page.click('[data-testid="new-course-link"]');
    await waitForText(page, 'h1', 'New course');
    await page.fill('#course-code', COURSE.code);
    await page.fill('#course-title', COURSE.title);
    await page.fill('#course-description', COURSE.description);
    assert.equal(await page.isChecked('#course-language-en'), true, 'English is offered first');
    await page.check('#course-language-fr');
    await page.fill('#course-pass-mark', '80');
    await page.check('#course-policy-weighted');
    await page.fill('#grader-0-type', 'Module quiz');
    await page.fill('#grader-0-weight', '40');
    await page.fill('#grader-0-drop', '1');
    await page.click('[data-testid="grader-add"]');
    await page.fill('#grader-1-type', 'Final assessment');
    await page.fill('#grader-1-weight', '50');
    await waitForText(page, '[data-testid="policy-total"]', 'Sum of the weights: 90%. It must be 100%.');
    assert.equal(await page.getAttribute('[data-testid="policy-total"]', 'data-ok'), 'false');

    // Refused before anything is sent: the summary links to the field, which says why.
    await page.click('[data-testid="save-course"]');
    await page.waitForSelector('[data-testid="course-errors"]');
    assert.match(await page.textContent('[data-testid="course-errors"]'), /Graders: The weights must add up to 100%\./);
    assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'course-errors', 'the summary takes the focus');
    assert.match(await page.textContent('[data-testid="grading-policy"]'), /The weights must add up to 100%\./);
    assert.match(page.url(), /\/courses\/new$/);

    await page.fill('#grader-1-weight', '60');
    await waitForText(page, '[data-testid="policy-total"]', 'Sum of the weights: 100%.');
    await page.fill('#course-cutoff', '75');
    await page.click('[data-testid="save-course"]');
    await page.waitForURL(/\/courses\/(\d+)\/edit$/);
    courseId = Number(/\/courses\/(\d+)\/edit$/.exec(page.url())[1]);
    await waitForText(page, 'h1', `Edit: ${COURSE.title}`);

    const stored = await call('GET', `/api/courses/${courseId}`);
    assert.deepEqual(stored.json.grading_policy, {
      graders: [
        { type: 'Module quiz', weight_e2: 4000, drop_count: 1 },
        { type: 'Final assessment', weight_e2: 6000, drop_count: 0 },
      ],
      cutoff_e2: 7500,
    });
    assert.deepEqual(stored.json.languages, ['en', 'fr']);
    assert.equal(stored.json.pass_mark_e2, 8000);

    // The editor shows the stored policy; a change is saved in place.
    assert.equal(await page.inputValue('#grader-1-weight'), '60');
    await page.fill('#course-description', `${COURSE.description} Changed.`);
    await page.click('[data-testid="save-course"]');
    await page.waitForSelector('[data-testid="course-saved"]');
    assert.equal((await call('GET', `/api/courses/${courseId}`)).json.description, `${COURSE.description} Changed.`);
  });

  it('adds a module in Markdown with a PDF attachment, refusing files of the wrong kind, and deletes one after a confirmation', async () => {
    const { page, url } = ready();
    await page.click('[data-testid="module-add"]');
    await page.waitForSelector('[data-testid="module-form"]');
    assert.equal(await page.inputValue('#module-new-position'), '1');
    await page.fill('#module-new-minutes', '20');
    await page.fill('#module-new-title-en', MODULE.title);
    await page.fill('#module-new-body-en', MODULE.body);
    await page.click('[data-testid="save-module"]');
    await page.waitForSelector('[data-testid="module-saved"]');
    const item = page.locator('[data-testid="editor-module"]');
    assert.equal(await item.count(), 1);
    moduleId = Number(await item.getAttribute('data-module-id'));
    assert.match(await item.textContent(), new RegExp(`Module 1: ${MODULE.title}`));

    const panel = page.locator('[data-testid="attachments-panel"]');
    await panel.locator('[data-testid="attachments-none"]').waitFor();
    const fileField = `#attachment-file-${moduleId}`;

    // A kind of file modules do not carry: refused in the page.
    await page.setInputFiles(fileField, { name: 'tool.exe', mimeType: 'application/x-msdownload', buffer: Buffer.from('MZ') });
    await panel.locator('[data-testid="attachment-upload"]').click();
    await waitForText(page, `${fileField}-error`, 'This kind of file cannot be attached.');
    // A "PDF" that is not one: the server refuses it (415) and the field says why.
    await page.setInputFiles(fileField, { name: 'fake.pdf', mimeType: 'application/pdf', buffer: Buffer.from('not a pdf') });
    await panel.locator('[data-testid="attachment-upload"]').click();
    await waitForText(page, `${fileField}-error`, "The file's content does not match its type.");

    await page.setInputFiles(fileField, { name: 'slides.pdf', mimeType: 'application/pdf', buffer: PDF });
    await panel.locator('[data-testid="attachment-upload"]').click();
    await waitForText(page, '[data-testid="attachments-notice"]', 'slides.pdf attached.');
    await page.setInputFiles(fileField, { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('Notes for the module.\n') });
    await panel.locator('[data-testid="attachment-upload"]').click();
    await waitForText(page, '[data-testid="attachments-notice"]', 'notes.txt attached.');
    assert.deepEqual(await panel.locator('[data-testid="attachment-link"]').allTextContents(), ['slides.pdf', 'notes.txt']);
    assert.match(await panel.locator('[data-testid="attachment"]').first().textContent(), new RegExp(`slides\\.pdf · PDF · ${PDF.length} bytes`));
    await waitForText(page, '[data-testid="editor-module"] .editor-modules__head .muted', 'about 20 min · English · Attachments: 2');

    await panel.locator('[data-testid="attachment"]', { hasText: 'notes.txt' }).locator('[data-testid="attachment-delete"]').click();
    await page.waitForSelector('[data-testid="confirm-dialog"][open]');
    assert.match(await page.textContent('[data-testid="confirm-dialog"]'), /notes\.txt will no longer be offered/);
    await page.click('[data-testid="confirm-yes"]');
    await waitForText(page, '[data-testid="attachments-notice"]', 'notes.txt deleted.');
    assert.deepEqual(await panel.locator('[data-testid="attachment-link"]').allTextContents(), ['slides.pdf']);
    const stored = await call('GET', `/api/courses/${courseId}/modules/${moduleId}`);
    assert.deepEqual(
      stored.json.attachments.map((a) => [a.file_name, a.content_type, a.size_bytes]),
      [['slides.pdf', 'application/pdf', PDF.length]],
    );

    // The module as learners see it, from the link after saving.
    await page.click('[data-testid="module-view-link"]');
    await page.waitForURL(`${url}/courses/${courseId}/modules/${moduleId}`);
    await waitForText(page, '[data-testid="module-body"] h2', 'Who does the work');
    assert.equal(await page.textContent('[data-testid="module-body"] strong'), 'Recommendations');
    await page.goBack();
    await page.waitForSelector('[data-testid="modules-panel"]');
  });

  it('fits the course editor in 375 px, with a module open', async () => {
    const { page } = ready();
    await page.click('[data-testid="module-edit"]');
    await page.waitForSelector('[data-testid="module-form"]');
    await page.waitForSelector('[data-testid="attachments-panel"] [data-testid="attachment"]');
    try {
      await assertFits(page, 375, 'the course editor');
      for (const button of ['save-course', 'save-module', 'attachment-upload']) {
        const box = await page.locator(`[data-testid="${button}"]`).boundingBox();
        assert.ok(box && box.x >= 0 && box.x + box.width <= 375, `${button}: ${JSON.stringify(box)}`);
      }
    } finally {
      await page.setViewportSize({ width: 1280, height: 800 });
    }
    await page.click('[data-testid="close-module-editor"]');
    // The focus goes back to the Edit button.
    await page.waitForFunction(() => document.activeElement?.dataset.testid === 'module-edit');
    assert.equal(await page.locator('[data-testid="module-form"]').count(), 0);
  });

  it('imports the questions through the question bank', async () => {
    const { page } = ready();
    await page.goto(`${ready().url}/courses/questions`);
    await waitForText(page, 'h1', 'Question bank');
    await page.setInputFiles('#bank-file', { name: 'authoring.gift.txt', mimeType: 'text/plain', buffer: Buffer.from(GIFT) });
    await page.click('[data-testid="bank-check"]');
    await waitForText(page, '[data-testid="bank-clean"]', 'The file is correct: 4 questions in 2 categories.');
    await page.click('[data-testid="bank-run"]');
    await waitForText(page, '[data-testid="bank-imported"]', '4 questions imported.');
    const list = await call('GET', '/api/questions');
    questions = Object.fromEntries(list.json.items.filter((q) => q.question.name.startsWith('Authoring')).map((q) => [q.question.name, q]));
    assert.equal(Object.keys(questions).length, 4);
  });

  it('makes the final assessment: a question found by name with the keyboard, a random one from a category, one found by text and moved up', async () => {
    const { page, url } = ready();
    await page.goto(`${url}/courses/${courseId}/edit`);
    await page.click('[data-testid="new-assessment"]');
    await page.waitForURL(`${url}/quizzes/new?course_id=${courseId}`);
    await page.waitForSelector('[data-testid="quiz-form"]');
    assert.match(await page.textContent('[data-testid="quiz-for"]'), /For: Final assessment/);
    assert.equal(await page.inputValue('#quiz-title'), 'Final assessment');
    await page.fill('#quiz-minutes', '20');
    await page.fill('#quiz-attempts', '3');
    await page.fill('#quiz-grader-type', 'Final assessment');
    assert.match(await page.textContent('#quiz-grader-type-hint'), /Module quiz, Final assessment/);

    // The first slot with the keyboard only: type, Tab to the first result, Enter.
    const slots = page.locator('[data-testid="quiz-slot"]');
    await slots.nth(0).locator('[data-testid="slot-search"]').focus();
    await page.keyboard.type('authoring bureau');
    await slots.nth(0).locator('[data-testid="slot-result"]').first().waitFor();
    assert.equal(await slots.nth(0).locator('[data-testid="slot-result"]').count(), 1);
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'slot-result');
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      (id) => document.querySelector('[data-testid="quiz-slot"] [data-testid="slot-chosen"]')?.dataset.questionId === String(id),
      questions['Authoring bureau'].question_id,
    );
    assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'slot-search', 'the focus stays in the slot');

    // A random question from a category; the new slot's list takes the focus.
    await page.click('[data-testid="slot-add-random"]');
    await page.waitForFunction(() => document.activeElement?.dataset.testid === 'slot-category');
    const category = await slots.nth(1).locator('[data-testid="slot-category"] option').evaluateAll((options) =>
      options.find((o) => o.textContent.includes('Authoring random'))?.value,
    );
    assert.ok(category, 'the category is offered');
    await slots.nth(1).locator('[data-testid="slot-category"]').selectOption(category);
    await slots.nth(1).locator('[data-testid="slot-mark"]').fill('2');

    // A question found by words of its text, then moved up to second place.
    await page.click('[data-testid="slot-add-question"]');
    await slots.nth(2).locator('[data-testid="slot-search"]').fill('recommendation working methods authoring');
    await slots.nth(2).locator('[data-testid="slot-result"]').first().click();
    await page.waitForFunction(
      (id) =>
        document.querySelectorAll('[data-testid="quiz-slot"]')[2]?.querySelector('[data-testid="slot-chosen"]')?.dataset.questionId ===
        String(id),
      questions['Authoring methods'].question_id,
    );
    await slots.nth(2).locator('[data-testid="slot-up"]').click();
    assert.deepEqual(await slots.evaluateAll((els) => els.map((e) => e.dataset.kind)), ['question', 'question', 'category']);

    await page.click('[data-testid="save-quiz"]');
    await page.waitForURL(/\/quizzes\/(\d+)\/edit$/);
    quizId = Number(/\/quizzes\/(\d+)\/edit$/.exec(page.url())[1]);
    await waitForText(page, '[data-testid="quiz-saved"]', 'Quiz created.');
    const quiz = await call('GET', `/api/quizzes/${quizId}`);
    assert.equal(quiz.json.module_id, null);
    assert.equal(quiz.json.time_limit_seconds, 1200);
    assert.equal(quiz.json.attempts_allowed, 3);
    assert.equal(quiz.json.grader_type, 'Final assessment');
    assert.deepEqual(
      quiz.json.slots.map((s) => [s.position, s.question_id, s.category_id === null ? null : 'category', s.mark]),
      [
        [1, questions['Authoring bureau'].question_id, null, 1],
        [2, questions['Authoring methods'].question_id, null, 1],
        [3, null, 'category', 2],
      ],
    );

    // A change is saved in place (PATCH), and the course editor lists the quiz.
    await page.fill('#quiz-attempts', '0');
    await page.click('[data-testid="save-quiz"]');
    await waitForText(page, '[data-testid="quiz-saved"]', 'Changes saved.');
    assert.equal((await call('GET', `/api/quizzes/${quizId}`)).json.attempts_allowed, 0);
    await page.click('[data-testid="quiz-course-link"]');
    await page.waitForURL(`${url}/courses/${courseId}/edit`);
    const row = page.locator(`[data-testid="quizzes-table"] tr[data-quiz-id="${quizId}"]`);
    await row.waitFor();
    assert.match(await row.textContent(), /Final assessment.*Final assessment.*3/);
    assert.equal(await page.locator('[data-testid="new-assessment"]').count(), 0, 'one final assessment');
  });

  it('edits a question and sees the preview change before saving a new version', async () => {
    const { page, url } = ready();
    await page.goto(`${url}/courses/questions`);
    const row = page.locator('[data-testid="bank-table"] tbody tr', { hasText: 'Authoring bureau' });
    await row.locator('[data-testid="question-edit-link"]').click();
    const id = questions['Authoring bureau'].question_id;
    await page.waitForURL(`${url}/courses/questions/${id}`);
    await waitForText(page, '[data-testid="question-version"]', '1');
    const preview = page.locator('[data-testid="question-preview"]');
    await waitForText(page, '[data-testid="question-preview"] .question__text', 'Which bureau supports the study groups (authoring)?');
    assert.deepEqual(
      (await preview.locator('label.choice').allTextContents()).map((s) => s.trim()),
      ['The Telecommunication Standardization Bureau', 'The Radiocommunication Bureau', 'The Telecommunication Development Bureau'],
    );

    await page.fill('#q-text', EDITED_TEXT);
    await waitForText(page, '[data-testid="question-preview"] .question__text', EDITED_TEXT);
    await page.locator('[data-testid="question-answer"]').nth(1).locator('textarea').first().fill(EDITED_ANSWER);
    await page.waitForFunction(
      (want) => document.querySelectorAll('[data-testid="question-preview"] label.choice')[1]?.textContent.trim() === want,
      EDITED_ANSWER,
    );
    // The preview answers like the quiz page, and saves nothing.
    await preview.locator('label.choice').nth(1).click();
    assert.equal(await preview.locator('input[type="radio"]:checked').count(), 1);
    assert.equal(await preview.locator('[data-testid="save-status"]').count(), 0);

    // A share that is not a percentage is refused beside the field first.
    const share = page.locator('[data-testid="question-answer"]').nth(1).locator('input[id$="-fraction"]');
    assert.equal(await share.inputValue(), '0');
    await share.fill('half');
    await page.click('[data-testid="save-question"]');
    await page.waitForSelector('[data-testid="question-errors"]');
    assert.match(await page.textContent('[data-testid="question-errors"]'), /Answer 2: Share of the mark \(%\): Enter a share from -100 to 100/);
    await share.fill('-50');
    await page.click('[data-testid="save-question"]');
    await waitForText(page, '[data-testid="question-saved"]', 'Saved as version 2.');
    await waitForText(page, '[data-testid="question-version"]', '2');
    const stored = await call('GET', `/api/questions/${id}`);
    assert.equal(stored.json.version, 2);
    assert.equal(stored.json.question.text.text, EDITED_TEXT);
    assert.equal(stored.json.question.answers[1].text.text, EDITED_ANSWER);
    assert.equal(stored.json.question.answers[1].fraction, -5000000);

    try {
      await assertFits(page, 320, 'the question editor');
    } finally {
      await page.setViewportSize({ width: 1280, height: 800 });
    }
  });

  it('lets the delegate enrol and read the module with its attachment', async () => {
    const { url } = ready();
    const { page } = learnerPage();
    await signIn(page, url, DELEGATE, { name: DELEGATE.name });
    await page.goto(`${url}/courses/${courseId}`);
    await waitForText(page, '[data-testid="course-title"]', COURSE.title);
    assert.equal(await page.locator('[data-testid="edit-course-link"]').count(), 0, 'no editor for a delegate');
    await page.selectOption(`#enrol-language-${courseId}`, 'en');
    await page.click('[data-testid="enrol-button"]');
    await page.waitForSelector('[data-testid="course-enrolled"]');
    // The weighted policy: the grade by grader type, nothing taken yet.
    await page.waitForSelector('[data-testid="course-grade"]');
    assert.deepEqual(
      await page.locator('[data-testid="grade-table"] tbody tr').evaluateAll((rows) => rows.map((r) => r.dataset.type)),
      ['Module quiz', 'Final assessment'],
    );

    await page.click('[data-testid="module-link"]');
    await waitForText(page, '[data-testid="module-title"]', MODULE.title);
    const link = page.locator('[data-testid="module-attachments"] [data-testid="attachment-link"]');
    await link.waitFor();
    assert.equal(await link.textContent(), 'slides.pdf');
    assert.match(await page.textContent('[data-testid="module-attachments"] [data-testid="attachment-facts"]'), new RegExp(`PDF · ${PDF.length} bytes`));
    const file = await page.request.get(`${url}${await link.getAttribute('href')}`);
    assert.equal(file.status(), 200);
    assert.match(file.headers()['content-type'], /^application\/pdf/);
    assert.equal((await file.body()).subarray(0, 5).toString(), '%PDF-');
  });

  it('enrols a list: the dry run shows the bad row, the fixed file enrols, and the counts change without a reload', async () => {
    const { page, url } = ready();
    const people = await call('GET', '/api/people?limit=200');
    assert.equal(people.status, 200, people.text);
    const emails = people.json.items
      .map((p) => p.email)
      .filter((e) => e && e !== DELEGATE.email)
      .slice(0, 2);
    assert.equal(emails.length, 2, 'the demo registry has people with an email address');

    await page.goto(`${url}/courses/${courseId}/edit`);
    await page.waitForSelector('[data-testid="enrol-import"]');
    await waitForText(page, '[data-testid="enrol-course-total"]', 'Enrolled in this course: 1');
    await page.evaluate(() => {
      window.__samePage = true;
    });

    const bad = ['email,language', `${emails[0]},en`, 'nobody@example.invalid,en', `${DELEGATE.email},fr`].join('\n');
    await page.setInputFiles('#enrol-file', { name: 'learners.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
    await page.click('[data-testid="enrol-check"]');
    await page.waitForSelector('[data-testid="enrol-errors"]');
    const errors = await page.locator('[data-testid="enrol-errors"] tbody tr').allTextContents();
    assert.equal(errors.length, 1, errors.join('\n'));
    assert.match(errors[0], /^3\s*email.*nobody@example\.invalid$/);
    await waitForText(page, '[data-testid="enrol-rows"]', '3');
    await waitForText(page, '[data-testid="enrol-bad"]', '1');
    assert.equal(await page.locator('[data-testid="enrol-run"]').count(), 0, 'nobody can be enrolled from a bad file');

    const good = ['email,language', `${emails[0]},en`, `${emails[1]},fr`, `${DELEGATE.email},en`].join('\n');
    await page.setInputFiles('#enrol-file', { name: 'learners.csv', mimeType: 'text/csv', buffer: Buffer.from(good) });
    await page.click('[data-testid="enrol-check"]');
    await waitForText(page, '[data-testid="enrol-run"]', 'Enrol 2 people');
    assert.equal(await page.getAttribute('[data-testid="enrol-counts"]', 'data-dry-run'), 'true');
    await waitForText(page, '[data-testid="enrol-new"]', '2');
    await waitForText(page, '[data-testid="enrol-already"]', '1');
    await waitForText(page, '[data-testid="enrol-bad"]', '0');

    await page.click('[data-testid="enrol-run"]');
    await waitForText(page, '[data-testid="enrol-imported"]', 'Done: 2 people enrolled, 1 were already enrolled.');
    assert.equal(await page.getAttribute('[data-testid="enrol-counts"]', 'data-dry-run'), 'false');
    await waitForText(page, '[data-testid="enrol-total"]', 'Enrolled from lists on this page: 2.');
    // The course's own count, read again after the import (no reload).
    await waitForText(page, '[data-testid="enrol-course-total"]', 'Enrolled in this course: 3');

    // The same list again: everybody is enrolled now.
    await page.click('[data-testid="enrol-check"]');
    await page.waitForSelector('[data-testid="enrol-nothing-new"]');
    await waitForText(page, '[data-testid="enrol-new"]', '0');
    await waitForText(page, '[data-testid="enrol-already"]', '3');
    assert.equal(await page.evaluate(() => window.__samePage), true, 'the page was not reloaded');
  });

  let score;

  it('lets the delegate take the assessment, with the question as edited, and shows the weighted grade', async () => {
    const { url } = ready();
    const { page } = learnerPage();
    await page.goto(`${url}/courses/${courseId}`);
    await page.click('[data-testid="start-assessment"]');
    await page.waitForURL(/\/attempts\/\d+$/);
    const fields = page.locator('[data-testid="question"]');
    await fields.first().waitFor();
    assert.equal(await fields.count(), 3);
    const legends = await fields.locator('legend').allTextContents();
    assert.ok(
      legends.some((l) => l.includes(EDITED_TEXT)),
      `the edited question is given as saved: ${legends.join(' | ')}`,
    );
    for (let position = 1; position <= 3; position++) {
      await page.locator(`[data-testid="question"][data-position="${position}"] label.choice`).first().click();
    }
    await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="save-status"]')].every((l) => l.dataset.status === 'saved'));
    await page.click('[data-testid="submit-attempt"]');
    await page.waitForSelector('[data-testid="confirm-dialog"][open]');
    await page.click('[data-testid="confirm-yes"]');
    await page.waitForSelector('[data-testid="attempt-review"]');
    score = (await page.textContent('[data-testid="attempt-score"]')).trim();
    assert.match(score, /^\d+(\.\d+)?%$/);

    await page.click('[data-testid="review-back-to-course"]');
    await page.waitForSelector('[data-testid="course-grade"]');
    await waitForText(page, '[data-testid="grade-table"] tr[data-type="Final assessment"] [data-testid="grader-percent"]', score);
    await waitForText(page, '[data-testid="grade-table"] tr[data-type="Module quiz"] [data-testid="grader-percent"]', '0%');
    assert.match(await page.textContent('[data-testid="course-grade"]'), /\(needed: 75%\)/);
  });

  it('downloads the results as CSV and XLSX', async () => {
    const { page, url } = ready();
    await page.goto(`${url}/quizzes/${quizId}/results`);
    const row = page.locator('[data-testid="results-table"] tbody tr', { hasText: DELEGATE.name });
    await row.waitFor();
    const csvHref = await page.getAttribute('[data-testid="results-csv"]', 'href');
    assert.equal(csvHref, `/api/quizzes/${quizId}/results?format=csv`);
    const csv = await page.request.get(`${url}${csvHref}`);
    assert.equal(csv.status(), 200);
    assert.match(csv.headers()['content-type'], /^text\/csv/);
    assert.match(csv.headers()['content-disposition'] ?? '', /attachment/);
    const text = await csv.text();
    assert.ok(text.includes(DELEGATE.name), text);
    assert.ok(text.trim().split(/\r?\n/).length >= 2, 'a header and the attempt');

    const xlsx = await page.request.get(`${url}${await page.getAttribute('[data-testid="results-xlsx"]', 'href')}`);
    assert.equal(xlsx.status(), 200);
    assert.match(xlsx.headers()['content-type'], /spreadsheetml/);
    assert.equal((await xlsx.body()).subarray(0, 2).toString(), 'PK');
  });

  it('logged no console errors and made no failing requests', () => {
    ready().problems.assertNone("the admin's page reported problems");
    learnerPage().problems.assertNone("the delegate's page reported problems");
  });
});
