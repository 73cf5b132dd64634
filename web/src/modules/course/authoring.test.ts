import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadCatalogue } from '../../platform/i18n';
import {
  ATTACHMENT_KINDS,
  attachmentKind,
  attachmentType,
  courseFormOf,
  courseInput,
  formatBytes,
  formatScaled,
  fractionText,
  learnerView,
  minutesText,
  moduleInput,
  moduleLanguages,
  moved,
  newSlot,
  nextPosition,
  parseFraction,
  parseMinutes,
  parsePercentE2,
  parseScaled,
  parseWhole,
  PROBLEM_CODES,
  questionFormOf,
  questionInput,
  quizFormOf,
  quizInput,
  searchQuestions,
  weightTotalE2,
  withAttachments,
  type CourseForm,
} from './authoring';
import { GRADING_METHODS, QUESTION_TYPES, TEXT_FORMATS, type BankQuestion, type Course, type QuestionJson, type Quiz } from './types';

const course: Course = {
  course_id: 7,
  code: 'A1',
  title: 'Working methods',
  description: '',
  languages: ['en', 'fr'],
  opens_on: null,
  closes_on: null,
  pass_mark: '80.00%',
  pass_mark_e2: 8000,
  grading_policy: {
    graders: [
      { type: 'Module quiz', weight_e2: 4000, drop_count: 1 },
      { type: 'Final assessment', weight_e2: 6000, drop_count: 0 },
    ],
    cutoff_e2: 7550,
  },
  assessment_quiz_id: null,
  modules: [
    { module_id: 1, position: 1, estimated_minutes: 10, quiz_id: null, languages: ['en'], attachments: [] },
    { module_id: 2, position: 4, estimated_minutes: 10, quiz_id: null, languages: ['en', 'ar'] },
  ],
};

describe('numbers typed as text', () => {
  it('reads percentages, shares and decimals exactly', () => {
    assert.equal(parseScaled('80', 2), 8000);
    assert.equal(parseScaled('82.5', 2), 8250);
    assert.equal(parseScaled('82,5', 2), 8250);
    assert.equal(parseScaled(' 82.50 % ', 2), 8250);
    assert.equal(parseScaled('.5', 2), 50);
    assert.equal(parseScaled('-33.33333', 5), -3333333);
    assert.equal(parseScaled('1.005', 2), null, 'too many places');
    assert.equal(parseScaled('1.000', 2), 100, 'trailing zeros are fine');
    assert.equal(parseScaled('', 2), null);
    assert.equal(parseScaled('1e2', 2), null);
    assert.equal(parseScaled('1.2.3', 2), null);
    assert.equal(parseScaled('-0', 2), 0);
  });
  it('writes them back without trailing zeros', () => {
    assert.equal(formatScaled(8000, 2), '80');
    assert.equal(formatScaled(8250, 2), '82.5');
    assert.equal(formatScaled(8333, 2), '83.33');
    assert.equal(formatScaled(5, 2), '0.05');
    assert.equal(fractionText(3333333), '33.33333');
    assert.equal(fractionText(-5000000), '-50');
    assert.equal(fractionText(10000000), '100');
    assert.equal(fractionText(0), '0');
  });
  it('keeps percentages and shares in range', () => {
    assert.equal(parsePercentE2('100'), 10000);
    assert.equal(parsePercentE2('100.01'), null);
    assert.equal(parsePercentE2('-1'), null);
    assert.equal(parseFraction('33.33333'), 3333333);
    assert.equal(parseFraction('-100'), -10000000);
    assert.equal(parseFraction('100.00001'), null);
    assert.equal(parseFraction('33.333333'), null);
  });
  it('reads whole numbers and minutes', () => {
    assert.equal(parseWhole('3'), 3);
    assert.equal(parseWhole(' 12 '), 12);
    assert.equal(parseWhole('1.5'), null);
    assert.equal(parseWhole('-1'), null);
    assert.equal(parseWhole('1001', 1000), null);
    assert.equal(parseMinutes('30'), 1800);
    assert.equal(parseMinutes('1.5'), 90);
    assert.equal(parseMinutes('0'), 0);
    assert.equal(parseMinutes('-1'), null);
    assert.equal(minutesText(1800), '30');
    assert.equal(minutesText(90), '1.5');
    assert.equal(minutesText(0), '0');
  });
});

describe('the course form and its grading policy', () => {
  it('starts from the course, with the policy as rows in percent', () => {
    const form = courseFormOf(course);
    assert.equal(form.weighted, true);
    assert.deepEqual(
      form.graders.map((g) => [g.type, g.weight, g.drop]),
      [
        ['Module quiz', '40', '1'],
        ['Final assessment', '60', '0'],
      ],
    );
    assert.equal(form.cutoff, '75.5');
    assert.equal(form.pass_mark, '80');
    assert.equal(weightTotalE2(form.graders), 10000);
    const empty = courseFormOf(undefined);
    assert.equal(empty.weighted, false);
    assert.deepEqual(empty.languages, ['en']);
  });

  it('makes the body the API takes', () => {
    const { input, problems } = courseInput(courseFormOf(course));
    assert.deepEqual(problems, {});
    assert.deepEqual(input.grading_policy, course.grading_policy);
    assert.equal(input.pass_mark_e2, 8000);
    assert.equal(input.opens_on, null);
    const none = courseInput({ ...courseFormOf(course), weighted: false });
    assert.equal(none.input.grading_policy, null, 'the default rule clears the policy');
  });

  it('names each problem with the field the server would name', () => {
    const form: CourseForm = {
      ...courseFormOf(course),
      code: ' ',
      languages: [],
      opens_on: '2025-05-01',
      closes_on: '2025-04-01',
      pass_mark: '80.123',
      graders: [
        { key: 'a', type: 'Module quiz', weight: '40', drop: '1' },
        { key: 'b', type: ' Module quiz ', weight: '50', drop: 'x' },
        { key: 'c', type: '', weight: 'ten', drop: '0' },
      ],
      cutoff: '101',
    };
    const { problems } = courseInput(form);
    assert.deepEqual(problems, {
      code: 'required',
      languages: 'languages',
      closes_on: 'dateOrder',
      pass_mark_e2: 'percent',
      'grading_policy.graders[1].type': 'typeRepeated',
      'grading_policy.graders[1].drop_count': 'drop',
      'grading_policy.graders[2].type': 'required',
      'grading_policy.graders[2].weight_e2': 'weight',
      'grading_policy.cutoff_e2': 'percent',
    });
    assert.equal(weightTotalE2(form.graders), null, 'no sum while a weight is not a number');
  });

  it('requires the weights to sum to 100%', () => {
    const form: CourseForm = {
      ...courseFormOf(course),
      graders: [
        { key: 'a', type: 'Module quiz', weight: '40', drop: '0' },
        { key: 'b', type: 'Final assessment', weight: '50.5', drop: '0' },
      ],
    };
    assert.equal(weightTotalE2(form.graders), 9050);
    assert.deepEqual(courseInput(form).problems, { 'grading_policy.graders': 'weightsSum' });
    assert.deepEqual(courseInput({ ...form, graders: [] }).problems, { 'grading_policy.graders': 'weightsSum' });
    const zero = { ...form, graders: [...form.graders, { key: 'c', type: 'Other', weight: '0', drop: '101' }] };
    assert.deepEqual(courseInput(zero).problems, {
      'grading_policy.graders': 'weightsSum',
      'grading_policy.graders[2].weight_e2': 'weight',
      'grading_policy.graders[2].drop_count': 'drop',
    });
  });
});

describe('modules', () => {
  it('offers the course languages, then the module’s others, and the next position', () => {
    assert.deepEqual(moduleLanguages(['en', 'fr'], ['ar', 'en']), ['en', 'fr', 'ar']);
    assert.deepEqual(moduleLanguages([], []), ['en']);
    assert.equal(nextPosition(course), 5);
  });
  it('sends only the languages written, each with its title', () => {
    const { input, problems } = moduleInput({
      position: '2',
      minutes: '15',
      texts: { en: { title: ' Study groups ', body: '## Work' }, fr: { title: '', body: '' } },
    });
    assert.deepEqual(problems, {});
    assert.deepEqual(input, { position: 2, estimated_minutes: 15, texts: { en: { title: 'Study groups', body_markdown: '## Work' } } });
  });
  it('asks for a title where a text is written, and for one title at least', () => {
    assert.deepEqual(
      moduleInput({ position: '0', minutes: 'x', texts: { en: { title: 'A', body: '' }, fr: { title: '', body: 'Texte' } } }).problems,
      { position: 'position', estimated_minutes: 'minutes', 'texts.fr.title': 'titleForBody' },
    );
    assert.deepEqual(moduleInput({ position: '1', minutes: '0', texts: { en: { title: '', body: '' } } }).problems, {
      texts: 'moduleTitle',
    });
  });
  it('replaces one module’s attachments', () => {
    const file = { attachment_id: 3, file_name: 'a.pdf', content_type: 'application/pdf', size_bytes: 10, url: '/x' };
    const after = withAttachments(course, 2, [file]);
    assert.deepEqual(after.modules[1]!.attachments, [file]);
    assert.deepEqual(after.modules[0]!.attachments, []);
    assert.equal(course.modules[1]!.attachments, undefined, 'the course itself is not changed');
  });
});

describe('quizzes', () => {
  const quiz: Quiz = {
    quiz_id: 4,
    course_id: 7,
    module_id: null,
    title: 'Final assessment',
    time_limit_seconds: 1800,
    attempts_allowed: 2,
    grading_method: 'last',
    pass_mark_e2: 7500,
    shuffle_answers: false,
    review_correct: true,
    grader_type: 'Final assessment',
    slots: [
      { position: 2, question_id: null, category_id: 9, mark: 2 },
      { position: 1, question_id: 5, category_id: null, mark: 1 },
    ],
  };
  it('edits the settings in minutes and percent, the slots in order', () => {
    const form = quizFormOf(quiz, { passMarkE2: 8000 });
    assert.equal(form.minutes, '30');
    assert.equal(form.pass_mark, '75');
    assert.equal(form.grader_type, 'Final assessment');
    assert.deepEqual(
      form.slots.map((s) => [s.kind, s.question_id, s.category_id, s.mark]),
      [
        ['question', 5, null, '1'],
        ['category', null, 9, '2'],
      ],
    );
    const { input, problems } = quizInput(form);
    assert.deepEqual(problems, {});
    assert.deepEqual(input, {
      title: 'Final assessment',
      time_limit_seconds: 1800,
      attempts_allowed: 2,
      grading_method: 'last',
      pass_mark_e2: 7500,
      shuffle_answers: false,
      review_correct: true,
      grader_type: 'Final assessment',
      slots: [
        { question_id: 5, mark: 1 },
        { category_id: 9, mark: 2 },
      ],
    });
    assert.equal('course_id' in input, false, 'a change names no course');
  });
  it('names the course and module of a new quiz, and no grader type as null', () => {
    const form = { ...quizFormOf(undefined, { passMarkE2: 8000 }), title: 'Quiz 1', slots: [{ ...newSlot('question'), question_id: 3 }] };
    const { input, problems } = quizInput(form, { course_id: 7, module_id: 2 });
    assert.deepEqual(problems, {});
    assert.equal(input.course_id, 7);
    assert.equal(input.module_id, 2);
    assert.equal(input.grader_type, null);
    assert.equal(input.pass_mark_e2, 8000);
    assert.equal(input.grading_method, 'highest');
  });
  it('finds slots without a question or category, and bad numbers', () => {
    const form = {
      ...quizFormOf(undefined, { passMarkE2: 8000 }),
      minutes: 'soon',
      attempts: '-1',
      slots: [newSlot('question'), { ...newSlot('category'), mark: '1001' }],
    };
    assert.deepEqual(quizInput(form).problems, {
      title: 'required',
      time_limit_seconds: 'minutes',
      attempts_allowed: 'whole',
      'slots[0].question_id': 'slotQuestion',
      'slots[1].mark': 'mark',
      'slots[1].category_id': 'slotCategory',
    });
    assert.deepEqual(quizInput({ ...form, slots: [] }).problems.slots, 'slotsEmpty');
  });
  it('moves an item within a list', () => {
    assert.deepEqual(moved(['a', 'b', 'c'], 0, 1), ['b', 'a', 'c']);
    assert.deepEqual(moved(['a', 'b', 'c'], 2, 0), ['c', 'a', 'b']);
    assert.deepEqual(moved(['a', 'b', 'c'], 2, 5), ['a', 'b', 'c']);
    assert.deepEqual(moved(['a', 'b', 'c'], 7, 0), ['a', 'b', 'c']);
  });
});

const rich = (text: string) => ({ text, format: 'moodle' as const });

function question(partial: Partial<QuestionJson>): QuestionJson {
  return {
    type: 'multichoice',
    category: '$course$/top/Assessment',
    name: 'Q1',
    idnumber: 'id-1',
    tags: ['a1'],
    text: rich('Which body supports the study groups?'),
    general_feedback: rich(''),
    default_mark: 1,
    penalty: 3333333,
    answers: [],
    pairs: [],
    single: true,
    shuffle_answers: true,
    case_sensitive: false,
    ...partial,
  };
}

const bank = (id: number, q: Partial<QuestionJson>, category = '$course$/top/Assessment'): BankQuestion => ({
  question_id: id,
  category_id: 1,
  category,
  version: 1,
  updated_at: '2025-01-01T00:00:00Z',
  question: question(q),
});

describe('searching the bank', () => {
  const items = [
    bank(1, { name: 'TSB', text: rich('<p>Which <b>Bureau</b> supports the study groups?</p>') }),
    bank(2, { name: 'WTSA', text: rich('How often is the Assembly held?') }),
    bank(3, { type: 'essay', name: 'Essay', text: rich('Describe the Bureau.') }),
    bank(4, { name: 'Área', text: rich('Qué oficina apoya?') }, '$course$/top/Español'),
  ];
  it('matches every word in the name, text or category, ignoring case, accents and markup', () => {
    assert.deepEqual(
      searchQuestions(items, 'bureau study').map((q) => q.question_id),
      [1],
    );
    assert.deepEqual(
      searchQuestions(items, 'AREA').map((q) => q.question_id),
      [4],
    );
    assert.deepEqual(
      searchQuestions(items, 'espanol').map((q) => q.question_id),
      [4],
    );
    assert.deepEqual(searchQuestions(items, '  '), []);
  });
  it('leaves out questions graded by hand, and stops at the limit', () => {
    assert.deepEqual(
      searchQuestions(items, 'bureau').map((q) => q.question_id),
      [1],
    );
    assert.equal(searchQuestions(items, 'the', 1).length, 1);
  });
});

describe('questions', () => {
  const choice = question({
    answers: [
      { text: rich('The Bureau'), fraction: 10000000, feedback: rich('Yes') },
      { text: rich('The Council'), fraction: -3333333, feedback: rich('') },
    ],
  });

  it('edits shares in percent and gives back the same question', () => {
    const form = questionFormOf(choice);
    assert.deepEqual(
      form.answers.map((a) => a.fraction),
      ['100', '-33.33333'],
    );
    const { input, problems } = questionInput(form, choice);
    assert.deepEqual(problems, {});
    assert.deepEqual(input, choice);
  });

  it('keeps the id number, tags and penalty, and takes the changes', () => {
    const form = questionFormOf(choice);
    form.text = 'Which Bureau supports the study groups of ITU-T?';
    form.answers[1]!.fraction = '0';
    form.default_mark = '2';
    const { input } = questionInput(form, choice);
    assert.equal(input.text.text, 'Which Bureau supports the study groups of ITU-T?');
    assert.equal(input.answers[1]!.fraction, 0);
    assert.equal(input.default_mark, 2);
    assert.equal(input.idnumber, 'id-1');
    assert.deepEqual(input.tags, ['a1']);
    assert.equal(input.penalty, 3333333);
  });

  it('applies Moodle’s rules to multiple choice answers', () => {
    const form = questionFormOf(choice);
    form.answers[0]!.fraction = '50';
    assert.equal(questionInput(form, choice).problems.answers, 'singleNeedsFull');
    form.single = false;
    assert.deepEqual(questionInput(form, choice).problems, {});
    form.answers[0]!.fraction = '0';
    assert.equal(questionInput(form, choice).problems.answers, 'noRightAnswer');
    form.answers[0]!.fraction = 'half';
    form.answers[1]!.text = ' ';
    assert.deepEqual(questionInput(form, choice).problems, { 'answers[0].fraction': 'fraction', 'answers[1].text': 'answerText' });
    form.answers = form.answers.slice(0, 1);
    form.answers[0]!.fraction = '100';
    assert.equal(questionInput(form, choice).problems.answers, 'twoAnswers');
  });

  it('writes true/false as the answers "true" and "false", one worth 100%', () => {
    const tf = question({
      type: 'truefalse',
      answers: [
        { text: rich('true'), fraction: 0, feedback: rich('No, it is false.') },
        { text: rich('false'), fraction: 10000000, feedback: rich('Right.') },
      ],
    });
    const form = questionFormOf(tf);
    assert.equal(form.truth, false);
    assert.equal(form.trueFeedback, 'No, it is false.');
    form.truth = true;
    const { input, problems } = questionInput(form, tf);
    assert.deepEqual(problems, {});
    assert.deepEqual(
      input.answers.map((a) => [a.text.text, a.fraction, a.feedback.text]),
      [
        ['true', 10000000, 'No, it is false.'],
        ['false', 0, 'Right.'],
      ],
    );
  });

  it('writes numerical answers as decimals with their tolerance, and "*" for any other number', () => {
    const num = question({
      type: 'numerical',
      answers: [
        { text: rich(''), fraction: 10000000, feedback: rich(''), value: '3.14', tolerance: '0.01' },
        { text: rich('*'), fraction: 0, feedback: rich('Not quite.'), value: '0', tolerance: '0' },
      ],
    });
    const form = questionFormOf(num);
    form.answers[0]!.value = '3,1416';
    const { input, problems } = questionInput(form, num);
    assert.deepEqual(problems, {});
    assert.deepEqual(input.answers[0], { text: rich(''), fraction: 10000000, feedback: rich(''), value: '3.1416', tolerance: '0.01' });
    assert.equal(input.answers[1]!.text.text, '*');
    form.answers[0]!.value = 'pi';
    form.answers[0]!.tolerance = '-1';
    assert.deepEqual(questionInput(form, num).problems, { 'answers[0].value': 'decimal', 'answers[0].tolerance': 'tolerance' });
    form.answers[0]!.value = '3';
    form.answers[0]!.tolerance = '0';
    form.answers[0]!.fraction = '90';
    assert.equal(questionInput(form, num).problems.answers, 'needsFull');
  });

  it('checks matching pairs: two items and three answers at least', () => {
    const match = question({
      type: 'matching',
      pairs: [
        { question: rich('TSB'), answer: 'Bureau' },
        { question: rich('WTSA'), answer: 'Assembly' },
        { question: rich(''), answer: 'Council' },
      ],
    });
    const form = questionFormOf(match);
    assert.deepEqual(questionInput(form, match).problems, {});
    form.pairs = form.pairs.slice(0, 2);
    assert.equal(questionInput(form, match).problems.pairs, 'matchingSize');
    form.pairs[1]!.answer = '';
    assert.equal(questionInput(form, match).problems['pairs[1].answer'], 'pairAnswer');
  });

  it('shows the learner the question without its answers’ worth, as the server does', () => {
    assert.deepEqual(learnerView(choice), {
      type: 'multichoice',
      text: choice.text,
      mark: 1,
      choices: [
        { index: 0, text: rich('The Bureau') },
        { index: 1, text: rich('The Council') },
      ],
      single: true,
    });
    const match = question({
      type: 'matching',
      pairs: [
        { question: rich('WTSA'), answer: 'Assembly' },
        { question: rich(''), answer: 'Council' },
        { question: rich('TSB'), answer: 'Bureau' },
        { question: rich('SG'), answer: 'Assembly' },
      ],
    });
    const view = learnerView(match);
    assert.deepEqual(
      view.items?.map((i) => i.index),
      [0, 2, 3],
      'distractors are not items',
    );
    assert.deepEqual(view.answers, ['Assembly', 'Bureau', 'Council'], 'sorted, once each');
    assert.deepEqual(learnerView(question({ type: 'shortanswer' })), { type: 'shortanswer', text: choice.text, mark: 1 });
  });
});

describe('attachments', () => {
  it('uploads with a type the server takes, from the browser or the extension', () => {
    assert.equal(attachmentType({ name: 'slides.pdf', type: 'application/pdf' }), 'application/pdf');
    assert.equal(attachmentType({ name: 'SLIDES.PPTX', type: '' }), 'application/vnd.openxmlformats-officedocument.presentationml.presentation');
    assert.equal(attachmentType({ name: 'notes.txt', type: 'text/plain;charset=utf-8' }), 'text/plain');
    assert.equal(attachmentType({ name: 'photo.jpg', type: 'application/octet-stream' }), 'image/jpeg');
    assert.equal(attachmentType({ name: 'tool.exe', type: 'application/x-msdownload' }), undefined);
    assert.equal(attachmentType({ name: 'README', type: '' }), undefined);
  });
  it('names the kind of a file and its size', () => {
    assert.equal(attachmentKind('application/pdf'), 'pdf');
    assert.equal(attachmentKind('image/png'), 'image');
    assert.equal(attachmentKind('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'), 'spreadsheet');
    assert.equal(attachmentKind('application/zip'), 'other');
    assert.equal(formatBytes(500, 'en'), '500 bytes');
    assert.equal(formatBytes(12345, 'en'), '12.1 kB');
    assert.equal(formatBytes(3 * 1024 * 1024, 'en'), '3 MB');
  });
});

describe('catalogues', () => {
  it('have a message for every problem, attachment kind, grading method, text format and question type', async () => {
    const english = await loadCatalogue('en');
    const keys = [
      ...PROBLEM_CODES.map((c) => `course.problem.${c}`),
      ...ATTACHMENT_KINDS.map((k) => `course.attachments.kind.${k}`),
      ...GRADING_METHODS.map((m) => `course.quiz.method.${m}`),
      ...TEXT_FORMATS.map((f) => `course.question.formatName.${f}`),
      ...QUESTION_TYPES.map((q) => `course.questionType.${q}`),
    ];
    assert.deepEqual(
      keys.filter((k) => english[k] === undefined),
      [],
    );
  });
});
