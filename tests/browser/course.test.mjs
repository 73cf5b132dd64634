// The online course, against the real server with the demo data (which has no course): the demo
// admin builds one through the API (a course with two Markdown modules, five multiple-choice
// questions imported from a GIFT file, a final assessment of thirty minutes) and a delegate
// account. In their own browser the delegate enrols from the catalogue, reads both modules,
// starts the assessment, answers with the keyboard and the mouse, reloads mid-attempt and finds
// the saved answers, checks the quiz page at 320 px wide, submits (four right of five: 80%, the
// pass mark) and finds the certificate on the course page, in "My certificates" and on its
// verification page ("valid"), with the signed credential. The admin, in a second browser,
// revokes the certificate with a reason; the public page then says "revoked". An unknown code
// says so. The admin also sees the results and the question bank (where a bad GIFT file's dry run
// lists each problem). No console error or failed request on the way.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { launchBrowser, useBrowser, waitForText, watchProblems } from './lib/browser.mjs';
import { useServer } from './lib/server.mjs';
import { csrfToken, signIn } from './lib/session.mjs';

const DELEGATE = {
  email: 'lea.learner@example.org',
  password: 'Willow-Quartz-Beacon-41',
  name: 'Lea Learner',
};

const COURSE_TITLE = 'Working methods of ITU-T study groups (browser test)';
const MODULES = [
  {
    title: 'Study groups and their work',
    body: [
      '## Who does the work',
      '',
      'Study groups develop **Recommendations**, helped by the *Telecommunication Standardization Bureau*.',
      '',
      '- Questions are studied by rapporteurs',
      '- Contributions come from members',
      '',
      // Raw HTML must not reach the page: the server renders Markdown in safe mode.
      '<img src="/nothing.png" onerror="window.__injected = true">',
    ].join('\n'),
  },
  {
    title: 'Approving Recommendations',
    body: 'Recommendation ITU-T A.1 sets out the working methods.\n\n1. Consent\n2. Last call\n3. Approval',
  },
];

// Five questions: text, right answer, wrong answers. The delegate answers the last one wrongly.
const QUESTIONS = [
  ['Which body supports the work of the ITU-T study groups?', 'The Telecommunication Standardization Bureau', ['The Radiocommunication Bureau', 'The Telecommunication Development Bureau']],
  ['Which Recommendation sets out the working methods of ITU-T study groups?', 'Recommendation ITU-T A.1', ['Recommendation ITU-T X.509', 'Recommendation ITU-T G.711']],
  ['Which assembly appoints the chairmen of the study groups?', 'The World Telecommunication Standardization Assembly', ['The World Radiocommunication Conference', 'The Council Working Group']],
  ['Who may submit a contribution to a study group?', 'A member of the sector', ['Any visitor of the web site', 'Only the Director of the Bureau']],
  ['How often is the World Telecommunication Standardization Assembly held?', 'Every four years', ['Every year', 'Every two years']],
];
const WRONG_ON_PURPOSE = 4; // index in QUESTIONS
const chosenText = (i) => (i === WRONG_ON_PURPOSE ? QUESTIONS[i][2][1] : QUESTIONS[i][1]);

const GIFT = [
  '$CATEGORY: $course$/top/Assessment',
  '',
  ...QUESTIONS.flatMap(([text, right, wrong], i) => [
    `::Q${i + 1}::${text}{=${right} ${wrong.map((w) => `~${w}`).join(' ')}}`,
    '',
  ]),
].join('\n');

const BAD_GIFT = [
  '$CATEGORY: $course$/top/Broken',
  '',
  '::No answer::A question whose braces never close {=Right ~Wrong',
  '',
  '::Good::A fine question {=Yes ~No}',
  '',
].join('\n');

const UNKNOWN_CODE = 'ZZZZZZZZZZ';
// The verification of an unknown code is a 404 by design.
const EXPECTED = [
  new RegExp(`HTTP 404: GET \\S+/api/certificates/${UNKNOWN_CODE}$`),
  new RegExp(`console error: Failed to load resource: .*status of 404.*/api/certificates/${UNKNOWN_CODE}`),
];

const escapeRe = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const exactly = (text) => new RegExp(`^\\s*${escapeRe(text)}\\s*$`);
const seconds = (clock) => {
  const parts = clock.split(':').map(Number);
  return parts.reduce((total, n) => total * 60 + n, 0);
};

describe('online course', () => {
  const browser = useBrowser({ ignore: EXPECTED }); // the delegate's; first, so that it is closed first
  const server = useServer({ seed: true });
  const ready = () => {
    const s = server();
    return { url: s.url, admin: s.admin, ...browser() };
  };

  // The admin's own browser.
  let officer;
  before(async () => {
    try {
      const b = await launchBrowser();
      const page = await b.newPage();
      officer = { browser: b, page, problems: watchProblems(page) };
    } catch (error) {
      officer = { error };
    }
  });
  after(async () => {
    await officer?.browser?.close();
  });
  const adminPage = () => {
    if (officer.error) throw officer.error;
    return officer;
  };

  // Calls the API with the admin's session (cookies and CSRF token).
  async function call(method, path, body, contentType = 'application/json') {
    const { url } = ready();
    const { browser: b, page } = adminPage();
    const headers = { 'X-CSRF-Token': await csrfToken(b.context), 'Content-Type': contentType };
    const data = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
    const response = await page.request.fetch(`${url}${path}`, { method, headers, data });
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
  let quizId;
  let questionIds;
  let code;

  it('lets the admin build a course, its questions and its assessment through the API', async () => {
    const { url, admin } = ready();
    const { page } = adminPage();
    await signIn(page, url, admin);

    const course = await call('POST', '/api/courses', {
      code: 'A1-BROWSER',
      title: COURSE_TITLE,
      description: 'How study groups work, from Questions to approved Recommendations.',
      languages: ['en', 'fr'],
      pass_mark_e2: 8000,
      opens_on: null,
      closes_on: null,
    });
    assert.equal(course.status, 201, course.text);
    courseId = course.json.course_id;

    for (const [i, m] of MODULES.entries()) {
      const added = await call('POST', `/api/courses/${courseId}/modules`, {
        position: i + 1,
        estimated_minutes: 15,
        texts: { en: { title: m.title, body_markdown: m.body } },
      });
      assert.equal(added.status, 201, added.text);
    }

    const path = '/api/questions/import?format=gift&file_name=assessment.gift.txt';
    const dry = await call('POST', `${path}&dry_run=true`, GIFT, 'text/plain; charset=utf-8');
    assert.equal(dry.status, 200, dry.text);
    assert.deepEqual(dry.json.problems, []);
    assert.equal(dry.json.questions, 5);
    const imported = await call('POST', `${path}&dry_run=false`, GIFT, 'text/plain; charset=utf-8');
    assert.equal(imported.status, 201, imported.text);
    questionIds = imported.json.question_ids;
    assert.equal(questionIds.length, 5);

    const quiz = await call('POST', '/api/quizzes', {
      course_id: courseId,
      module_id: null,
      title: 'Final assessment',
      time_limit_seconds: 1800,
      attempts_allowed: 0,
      grading_method: 'highest',
      pass_mark_e2: 8000,
      shuffle_answers: true,
      review_correct: true,
      slots: questionIds.map((id) => ({ question_id: id, mark: 1 })),
    });
    assert.equal(quiz.status, 201, quiz.text);
    quizId = quiz.json.quiz_id;

    const user = await call('POST', '/api/users', {
      email: DELEGATE.email,
      display_name: DELEGATE.name,
      language: 'en',
      roles: ['delegate'],
      password: DELEGATE.password,
    });
    assert.equal(user.status, 201, user.text);
  });

  it('lets the delegate find the course in the catalogue and enrol', async () => {
    const { page, url } = ready();
    await signIn(page, url, DELEGATE, { name: DELEGATE.name });
    await page.click('[data-testid="main-nav"] a[href="/courses"]');
    await waitForText(page, 'h1', 'Online courses');
    const card = page.locator(`[data-testid="course-card"][data-course-id="${courseId}"]`);
    await card.waitFor();
    assert.match(await card.textContent(), /Modules: 2 · about 30 min/);
    // Visitors-only and staff-only links are not offered.
    assert.equal(await page.locator('[data-testid="question-bank-link"]').count(), 0);
    await page.selectOption(`#enrol-language-${courseId}`, 'en');
    await card.locator('[data-testid="enrol-button"]').click();
    await page.waitForURL(new RegExp(`/courses/${courseId}$`));
    await waitForText(page, '[data-testid="course-title"]', COURSE_TITLE);
    await page.waitForSelector('[data-testid="course-enrolled"]');
    const items = page.locator('[data-testid="module-item"]');
    assert.equal(await items.count(), 2);
    assert.deepEqual(await items.evaluateAll((els) => els.map((e) => e.dataset.visited)), ['false', 'false']);
    await waitForText(page, '[data-testid="assessment-result"]', 'Not taken yet');
  });

  it('lets the delegate read both modules, which are ticked as read', async () => {
    const { page, url } = ready();
    await page.locator('[data-testid="module-link"]').first().click();
    await waitForText(page, '[data-testid="module-title"]', MODULES[0].title);
    await page.waitForSelector('[data-testid="module-visited"]');
    // The server's HTML: Markdown rendered, raw HTML left out.
    await waitForText(page, '[data-testid="module-body"] h2', 'Who does the work');
    assert.equal(await page.locator('[data-testid="module-body"] strong').textContent(), 'Recommendations');
    assert.equal(await page.locator('[data-testid="module-body"] li').count(), 2);
    assert.equal(await page.locator('[data-testid="module-body"] img').count(), 0);
    assert.equal(await page.evaluate(() => window.__injected), undefined);

    await page.click('[data-testid="module-next"]');
    await waitForText(page, '[data-testid="module-title"]', MODULES[1].title);
    await page.waitForSelector('[data-testid="module-visited"]');
    assert.equal(await page.locator('[data-testid="module-body"] ol li').count(), 3);
    assert.equal(await page.locator('[data-testid="module-next"]').count(), 0, 'the last module has no next one');
    assert.match(await page.textContent('[data-testid="module-previous"]'), new RegExp(escapeRe(MODULES[0].title)));

    await page.click('[data-testid="module-back-to-course"]');
    await page.waitForURL(`${url}/courses/${courseId}`);
    await page.waitForFunction(() => {
      const items = [...document.querySelectorAll('[data-testid="module-item"]')];
      return items.length === 2 && items.every((e) => e.dataset.visited === 'true');
    });
  });

  let attemptPath;

  it('lets the delegate answer the assessment, with the keyboard too, each answer saved at once', async () => {
    const { page } = ready();
    await page.click('[data-testid="start-assessment"]');
    await page.waitForURL(/\/attempts\/\d+$/);
    attemptPath = new URL(page.url()).pathname;
    await page.waitForSelector('[data-testid="question"]');
    assert.equal(await page.locator('[data-testid="question"]').count(), 5);

    // The countdown runs from the server's deadline: thirty minutes.
    const first = seconds(await page.textContent('[data-testid="countdown-value"]'));
    assert.ok(first > 29 * 60 && first <= 30 * 60, `time left ${first} s`);
    await page.waitForFunction(
      (start) => {
        const [m, s] = document.querySelector('[data-testid="countdown-value"]').textContent.split(':').map(Number);
        return m * 60 + s < start;
      },
      first,
    );

    const questionIndex = async (fieldset) => {
      const legend = await fieldset.locator('legend').textContent();
      const i = QUESTIONS.findIndex(([text]) => legend.includes(text));
      assert.ok(i >= 0, `a question of the file: ${legend}`);
      return i;
    };

    // Question 1 with the keyboard: Tab into the radio group, Space selects the focused choice,
    // arrow keys move the selection to the right one.
    const q1 = page.locator('[data-testid="question"][data-position="1"]');
    const i1 = await questionIndex(q1);
    const labels = await q1.locator('label.choice').allTextContents();
    const target = labels.findIndex((l) => l.trim() === chosenText(i1));
    assert.ok(target >= 0, `the right answer is offered: ${labels}`);
    await page.focus('[data-testid="attempt-course-link"]');
    await page.keyboard.press('Tab');
    assert.equal(
      await page.evaluate(() => document.activeElement?.closest('[data-testid="question"]')?.dataset.position),
      '1',
      'Tab leads from the top of the page to the first question',
    );
    assert.equal(await page.evaluate(() => document.activeElement.type), 'radio');
    await page.keyboard.press('Space');
    for (let k = 0; k < target; k++) await page.keyboard.press('ArrowDown');
    const checked = q1.locator('input[type="radio"]:checked');
    assert.equal(await checked.count(), 1);
    assert.equal(await page.evaluate(() => document.activeElement.checked), true);
    assert.equal((await q1.locator('label.choice', { has: page.locator('input:checked') }).textContent()).trim(), chosenText(i1));

    // The others with the mouse; the last one wrongly.
    for (let position = 2; position <= 5; position++) {
      const q = page.locator(`[data-testid="question"][data-position="${position}"]`);
      const i = await questionIndex(q);
      await q.locator('label.choice', { hasText: exactly(chosenText(i)) }).click();
    }
    await page.waitForFunction(() => {
      const lines = [...document.querySelectorAll('[data-testid="save-status"]')];
      return lines.length === 5 && lines.every((l) => l.dataset.status === 'saved');
    });
    assert.deepEqual(
      [...new Set(await page.locator('[data-testid="save-status"]').allTextContents())],
      ['Saved'],
    );
  });

  it('shows the saved answers again after a reload', async () => {
    const { page } = ready();
    await page.reload();
    await page.waitForSelector('[data-testid="question"]');
    for (let position = 1; position <= 5; position++) {
      const q = page.locator(`[data-testid="question"][data-position="${position}"]`);
      const legend = await q.locator('legend').textContent();
      const i = QUESTIONS.findIndex(([text]) => legend.includes(text));
      const label = q.locator('label.choice', { has: page.locator('input:checked') });
      assert.equal(await label.count(), 1, `question ${position} still has its answer`);
      assert.equal((await label.textContent()).trim(), chosenText(i));
    }
    const left = seconds(await page.textContent('[data-testid="countdown-value"]'));
    assert.ok(left > 25 * 60 && left < 30 * 60, `the same deadline after a reload: ${left} s left`);
    assert.equal(new URL(page.url()).pathname, attemptPath);
  });

  it('fits the quiz page in 320 px without scrolling sideways', async () => {
    const { page } = ready();
    await page.setViewportSize({ width: 320, height: 640 });
    try {
      await page.waitForFunction(() => window.innerWidth === 320);
      const overflow = await page.evaluate(() => ({
        scroll: document.documentElement.scrollWidth,
        client: document.documentElement.clientWidth,
        wide: [...document.querySelectorAll('main *')]
          .filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
          .map((e) => `${e.tagName.toLowerCase()}.${e.className}`)
          .slice(0, 5),
      }));
      assert.ok(overflow.scroll <= overflow.client, `no horizontal scroll at 320 px: ${JSON.stringify(overflow)}`);
      // Still usable: the submit button is inside the page.
      const box = await page.locator('[data-testid="submit-attempt"]').boundingBox();
      assert.ok(box && box.x >= 0 && box.x + box.width <= 320, JSON.stringify(box));
    } finally {
      await page.setViewportSize({ width: 1280, height: 800 });
    }
  });

  it('submits after a confirmation and shows the score and the review', async () => {
    const { page } = ready();
    await page.click('[data-testid="submit-attempt"]');
    await page.waitForSelector('[data-testid="confirm-dialog"][open]');
    assert.match(await page.textContent('[data-testid="confirm-dialog"]'), /5 of 5 questions answered/);
    await page.click('[data-testid="confirm-yes"]');
    await page.waitForSelector('[data-testid="attempt-review"]');
    await waitForText(page, '[data-testid="attempt-score"]', '80%');
    assert.equal(await page.getAttribute('[data-testid="attempt-passed"]', 'data-passed'), 'true');
    const right = await page.$$eval('[data-testid="review-question"]', (items) => items.map((e) => e.dataset.right));
    assert.deepEqual(right.filter((r) => r === 'true').length, 4);
    // The wrong one shows the right answer.
    const wrong = page.locator('[data-testid="review-question"][data-right="false"]');
    assert.match(await wrong.textContent(), new RegExp(escapeRe(QUESTIONS[WRONG_ON_PURPOSE][1])));
    // The attempt is over: reading it again gives the same grade.
    await page.reload();
    await waitForText(page, '[data-testid="attempt-score"]', '80%');
  });

  it('shows the certificate on the course page, in "My certificates" and on its verification page', async () => {
    const { page, url } = ready();
    await page.click('[data-testid="review-back-to-course"]');
    await page.waitForURL(`${url}/courses/${courseId}`);
    await page.waitForSelector('[data-testid="course-certificate"]');
    await page.waitForSelector('[data-testid="course-completed"]');
    await waitForText(page, '[data-testid="assessment-score"]', '80%');
    code = (await page.textContent('[data-testid="certificate-code"]')).trim();
    assert.match(code, /^[A-Z0-9]{6,}$/);

    // The signed credential: a VC-JWT of three parts.
    const href = await page.getAttribute('[data-testid="course-certificate"] [data-testid="certificate-credential-link"]', 'href');
    assert.equal(href, `/api/certificates/${code}/credential`);
    const credential = await page.request.get(`${url}${href}`);
    assert.equal(credential.status(), 200);
    assert.match(credential.headers()['content-type'], /^application\/vc\+jwt/);
    const parts = (await credential.text()).trim().split('.');
    assert.equal(parts.length, 3);
    const header = JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8'));
    assert.ok(header.alg, 'the JWT header names its algorithm');

    await page.click('[data-testid="main-nav"] a[href="/courses"]');
    const row = page.locator(`[data-testid="my-certificates"] tr[data-code="${code}"]`);
    await row.waitFor();
    assert.match(await row.textContent(), new RegExp(`${escapeRe(COURSE_TITLE)}.*Valid`));
    const card = page.locator(`[data-testid="course-card"][data-course-id="${courseId}"]`);
    assert.match(await card.locator('[data-testid="course-progress"]').textContent(), /2 of 2 modules read/);

    await row.locator('[data-testid="certificate-verify-link"]').click();
    await page.waitForURL(`${url}/certificates/${code}`);
    await page.waitForSelector('[data-testid="certificate-status"][data-status="valid"]');
    assert.match(await page.textContent('[data-testid="certificate-facts"]'), new RegExp(escapeRe(DELEGATE.name)));
    assert.equal(await page.locator('[data-testid="revoke-panel"]').count(), 0, 'a learner cannot revoke');
  });

  it('lets the admin revoke the certificate with a reason, and everyone sees it revoked', async () => {
    const { url } = ready();
    const { page } = adminPage();
    await page.goto(`${url}/certificates/${code}`);
    await page.waitForSelector('[data-testid="certificate-status"][data-status="valid"]');
    // A reason is required.
    await page.click('[data-testid="revoke-button"]');
    await waitForText(page, '#revoke-reason-error', 'Give the reason for revoking.');
    assert.equal(await page.locator('[data-testid="confirm-dialog"][open]').count(), 0);
    await page.fill('#revoke-reason', 'Issued by mistake (browser test)');
    await page.click('[data-testid="revoke-button"]');
    await page.waitForSelector('[data-testid="confirm-dialog"][open]');
    await page.click('[data-testid="confirm-yes"]');
    await page.waitForSelector('[data-testid="certificate-status"][data-status="revoked"]');
    await page.waitForSelector('[data-testid="revoked-notice"]');
    assert.match(await page.textContent('[data-testid="certificate-revocation"]'), /Issued by mistake \(browser test\)/);
    assert.equal(await page.locator('[data-testid="revoke-panel"]').count(), 0);

    // The delegate's page, read again, says the same.
    const delegate = ready().page;
    await delegate.reload();
    await delegate.waitForSelector('[data-testid="certificate-status"][data-status="revoked"]');
    assert.match(await delegate.textContent('[data-testid="certificate-revocation"]'), /Revoked on .*Issued by mistake/);
  });

  it('says so when no certificate has the code', async () => {
    const { page, url } = ready();
    await page.goto(`${url}/certificates/${UNKNOWN_CODE}`);
    await page.waitForSelector('[data-testid="certificate-status"][data-status="unknown"]');
    assert.equal(await page.locator('[data-testid="error-box"]').count(), 0);
  });

  it('shows the admin the results and the question bank, with every problem of a bad file', async () => {
    const { url } = ready();
    const { page } = adminPage();
    await page.goto(`${url}/courses/${courseId}`);
    await page.click('[data-testid="assessment-results-link"]');
    await page.waitForURL(`${url}/quizzes/${quizId}/results`);
    const row = page.locator('[data-testid="results-table"] tbody tr', { hasText: DELEGATE.name });
    await row.waitFor();
    assert.match(await row.textContent(), /80%.*Yes/);

    await page.goto(`${url}/courses`);
    await page.click('[data-testid="question-bank-link"]');
    await waitForText(page, 'h1', 'Question bank');
    // The demo's A.1 course brings its own twenty questions; this test's five are there too.
    const bankRows = page.locator('[data-testid="bank-table"] tbody tr');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="bank-table"] tbody tr').length >= 5);
    for (const [text] of QUESTIONS) await bankRows.filter({ hasText: text }).first().waitFor();
    const rowsBefore = await bankRows.count();
    const exportHref = await page.getAttribute('[data-testid="export-gift"]', 'href');
    const exported = await page.request.get(`${url}${exportHref}`);
    assert.equal(exported.status(), 200);
    assert.match(await exported.text(), /Which body supports the work of the ITU-T study groups\?/);

    await page.setInputFiles('#bank-file', { name: 'broken.gift.txt', mimeType: 'text/plain', buffer: Buffer.from(BAD_GIFT) });
    assert.equal(await page.inputValue('#bank-format'), 'gift');
    await page.click('[data-testid="bank-check"]');
    await page.waitForSelector('[data-testid="bank-problems"] li');
    const problems = await page.locator('[data-testid="bank-problems"] li').allTextContents();
    assert.ok(problems.length >= 1, 'the dry run lists the problems');
    assert.ok(problems.every((p) => /^broken\.gift\.txt:\d+: \S/.test(p.trim())), `"where: message": ${problems}`);
    assert.equal(await page.locator('[data-testid="bank-run"]').count(), 0, 'no import button for a bad file');
    assert.equal(await bankRows.count(), rowsBefore, 'nothing was imported');
  });

  it('logged no console errors and made no failing requests', () => {
    ready().problems.assertNone("the delegate's page reported problems");
    adminPage().problems.assertNone("the admin's page reported problems");
  });
});
