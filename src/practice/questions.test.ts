import { describe, expect, it } from 'vitest';
import { MATRIX, run, SCALAR, toValue, type Engine, type Run, type TValue } from '../engine';
import { graphDef, matrixDef, scalarDef } from '../graphs';
import { translate, translateMsg } from '../i18n';
import { parseLiteral } from '../tensor/literal';
import { answerText, fieldHint, formatHint, grade, quizAt, revealed, type Quiz } from './questions';

const scalarRun = (id: 'apple-orange' | 'sigmoid' | 'relu', inputs: Record<string, number> = {}) => {
  const d = scalarDef(id)!;
  return run(SCALAR, d.graph, { ...Object.fromEntries(d.graph.inputs.map((i) => [i.name, i.default])), ...inputs });
};
const matrixRun = (id: 'affine' | 'softmax-loss', literals: Record<string, string> = {}) => {
  const d = matrixDef(id)!;
  const inputs: Record<string, TValue> = {};
  for (const i of d.graph.inputs) {
    const p = parseLiteral(literals[i.name] ?? i.literal);
    if (!p.ok) throw new Error(i.name);
    inputs[i.name] = toValue(p.value);
  }
  return run(MATRIX, d.graph, inputs);
};
const en = (q: Quiz, texts: string[]) => translateMsg('en', grade(q, texts).feedback);

describe('the questions before a step', () => {
  const r = scalarRun('apple-orange');
  it('asks, before each backward step, the gradient of every input edge of the node about to run', () => {
    const q = quizAt(SCALAR, r, 5, { forward: false })!;
    expect(q).toMatchObject({ k: 5, kind: 'backward', index: 1, of: 4, explain: 'op.mul.explain' });
    expect(q.node.id).toBe('mul_tax');
    expect(q.questions.map((x) => [x.name, x.mode, x.answerText])).toEqual([
      ['all_price', 'number', '1.1'],
      ['tax', 'number', '650'],
    ]);
    const all = [5, 6, 7, 8].map((k) => quizAt(SCALAR, r, k, { forward: false })!);
    expect(all.flatMap((x) => x.questions.map((y) => `${y.name}=${y.answerText}`))).toEqual([
      'all_price=1.1',
      'tax=650',
      'apple_price=1.1',
      'orange_price=1.1',
      'orange=3.3',
      'orange_num=165',
      'apple=2.2',
      'apple_num=110',
    ]);
  });
  it('asks the forward steps only when told to, and nothing outside the steps', () => {
    expect(quizAt(SCALAR, r, 1, { forward: false })).toBeNull();
    const q = quizAt(SCALAR, r, 1, { forward: true })!;
    expect(q).toMatchObject({ kind: 'forward', index: 1, explain: null });
    expect(q.questions.map((x) => [x.name, x.answerText])).toEqual([['apple_price', '200']]);
    expect(quizAt(SCALAR, r, 0, { forward: true })).toBeNull();
    expect(quizAt(SCALAR, r, 9, { forward: true })).toBeNull();
  });
  it('asks Affine’s dX and dW by their shapes, its dX_dot_W and dB by their values', () => {
    const a = matrixRun('affine');
    const opts = { forward: false, shapes: graphDef('affine').practice?.shapes };
    const add = quizAt(MATRIX, a, 3, opts)!;
    expect(add.questions.map((x) => [x.name, x.mode, x.answerText])).toEqual([
      ['X_dot_W', 'literal', '[[1, 2, 3], [4, 5, 6]]'],
      ['B', 'literal', '[5, 7, 9]'],
    ]);
    const dot = quizAt(MATRIX, a, 4, opts)!;
    expect(dot.questions.map((x) => [x.name, x.mode, x.answerText])).toEqual([
      ['X', 'shape', '(2, 2)'],
      ['W', 'shape', '(2, 3)'],
    ]);
  });
  it('leaves out the label, which gets no gradient', () => {
    const s = matrixRun('softmax-loss');
    const cee = quizAt(MATRIX, s, 3, { forward: false })!;
    expect(cee.questions.map((x) => x.name)).toEqual(['y']);
    const softmax = quizAt(MATRIX, s, 4, { forward: false })!;
    expect(softmax.questions.map((x) => [x.name, x.answerText])).toEqual([['a', '[0.3, -0.8, 0.5]']]);
  });
  it('writes float noise in an answer as 0, as the Values table shows it', () => {
    expect(answerText({ shape: [2, 2], data: Float64Array.of(1, 1e-17, -2.7e-16, 2) }, 'literal')).toBe(
      '[[1, 0], [0, 2]]',
    );
    expect(answerText({ shape: [], data: Float64Array.of(1e-17) }, 'number')).toBe('1e-17');
  });
  it('asks a matrix too big to type by its shape, even where values are asked', () => {
    const a = matrixRun('affine', {
      X: `[${Array(5).fill('[1, 2]').join(', ')}]`,
      dY: `[${Array(5).fill('[1, 2, 3, 4, 5]').join(', ')}]`,
      W: '[[1, 2, 3, 4, 5], [1, 2, 3, 4, 5]]',
      B: '[1, 2, 3, 4, 5]',
    });
    const add = quizAt(MATRIX, a, 3, { forward: false })!;
    expect(add.questions.map((x) => [x.name, x.mode])).toEqual([
      ['X_dot_W', 'shape'],
      ['B', 'literal'],
    ]);
  });
});

describe('grading', () => {
  const r = scalarRun('apple-orange');
  const q = quizAt(SCALAR, r, 5, { forward: false })!;
  it('says Correct with the answers when every field is right', () => {
    const g = grade(q, ['1.1', '650']);
    expect(g.outcomes).toEqual(['right', 'right']);
    expect(translateMsg('en', g.feedback)).toBe(
      'Correct: the gradient of all_price is 1.1; the gradient of tax is 650.',
    );
    expect(translateMsg('ko', g.feedback)).toBe('정답입니다: all_price의 기울기는 1.1; tax의 기울기는 650.');
  });
  it('explains a wrong field from the local derivative', () => {
    const g = grade(q, ['650', '650']);
    expect(g.outcomes).toEqual(['wrong', 'right']);
    expect(translateMsg('en', g.feedback)).toBe(
      'Not quite: × swaps its inputs: each input gets upstream × the other input. For all_price you wrote 650, but upstream 1 × local 1.1 = 1.1 → all_price. tax is right.',
    );
    expect(translateMsg('ko', g.feedback)).toContain('국소적 미분 1.1 = 1.1');
  });
  it('scores nothing while a field is empty or unreadable, and says which', () => {
    const g = grade(q, ['', 'abc']);
    expect(g.outcomes).toEqual(['invalid', 'invalid']);
    expect(translateMsg('en', g.feedback)).toBe(
      'Enter your prediction for the gradient of all_price. Cannot read "abc" for tax: write a number in digits.',
    );
    expect(grade(q, ['1.1', '']).outcomes).toEqual(['right', 'invalid']);
  });
  it('explains a wrong shape with the rule that a gradient has its variable’s shape', () => {
    const a = matrixRun('affine');
    const dot = quizAt(MATRIX, a, 4, { forward: false, shapes: ['X', 'W'] })!;
    expect(grade(dot, ['(2, 2)', '(2, 3)']).outcomes).toEqual(['right', 'right']);
    expect(en(dot, ['(2, 2)', '(3, 2)'])).toBe(
      'Not quite: dot: each input gets the upstream gradient times the other input, transposed so the shapes fit. X is right. ' +
        'For W you wrote the shape (3, 2), but a gradient always has the shape of its variable: W is (2, 3), so its gradient is (2, 3) too ' +
        '(dW = Xᵀ · dX_dot_W: (2, 2) · (2, 3) → (2, 3) = [[4, 5, 6], [8, 10, 12]]).',
    );
    const add = quizAt(MATRIX, a, 3, { forward: false })!;
    expect(en(add, ['[[1, 2, 3], [4, 5, 6]]', '[[5, 7, 9]]'])).toContain(
      'For B you wrote the shape (1, 3), but a gradient always has the shape of its variable: B is (3,)',
    );
    expect(en(add, ['[[1, 2, 3], [4, 5, 6]]', '[1, 2, 3]'])).toContain(
      'For B you wrote [1, 2, 3], but dB = Σ dY over axis 0 (the batch) → (3,) = [5, 7, 9].',
    );
  });
  it('explains a wrong forward value from the node’s formula', () => {
    const f = quizAt(SCALAR, r, 4, { forward: true })!;
    expect(en(f, ['700'])).toBe('Not quite: For price you wrote 700, but 650 × 1.1 = 715.');
    expect(en(f, ['715'])).toBe('Correct: price is 715.');
  });
  it('accepts an answer rounded by hand within the tolerance', () => {
    const s = scalarRun('sigmoid');
    const last = quizAt(SCALAR, s, 8, { forward: false })!;
    expect(last.questions[0].answerText).toBe('0.196612');
    expect(grade(last, ['0.197']).outcomes).toEqual(['right']);
    expect(grade(last, ['0.25']).outcomes).toEqual(['wrong']);
  });
  it('Show answer gives every answer with the step that computes it', () => {
    expect(translateMsg('en', revealed(q))).toBe(
      'The answer: the gradient of all_price is 1.1 (upstream 1 × local 1.1 = 1.1 → all_price); the gradient of tax is 650 (upstream 1 × local 650 = 650 → tax).',
    );
  });
  it('ReLU blocks the gradient where x ≤ 0', () => {
    const q0 = quizAt(SCALAR, scalarRun('relu', { x: -1 }), 2, { forward: false })!;
    expect(q0.questions[0].answerText).toBe('0');
    expect(grade(q0, ['0']).outcomes).toEqual(['right']);
    expect(grade(q0, ['1']).outcomes).toEqual(['wrong']);
  });
});

describe('the note under a field', () => {
  const modes = ['number', 'literal', 'shape'] as const;
  it('says what kind of answer is taken, in both languages, with no digit that could be the answer', () => {
    for (const lang of ['en', 'ko'] as const)
      for (const mode of modes)
        for (const key of [fieldHint(mode), formatHint(mode)]) {
          const text = translate(lang, key);
          expect(text, `${lang} ${key}`).toBeTruthy();
          expect(text, `${lang} ${key}`).not.toMatch(/\d/);
        }
    expect(translate('en', fieldHint('shape'))).toContain('shape');
    expect(translate('en', fieldHint('literal'))).toContain('NumPy');
    expect(translate('en', fieldHint('number'))).toContain('number');
    expect(translate('ko', fieldHint('shape'))).toContain('형상');
  });
  it('never contains the answer of any question on the book’s graphs', () => {
    const every = <V>(e: Engine<V>, r: Run<V>, shapes?: readonly string[]) =>
      Array.from({ length: 2 * r.order.length }, (_, k) => quizAt(e, r, k + 1, { forward: true, shapes })).flatMap(
        (quiz) => quiz?.questions ?? [],
      );
    const questions = [
      ...every(SCALAR, scalarRun('apple-orange')),
      ...every(SCALAR, scalarRun('sigmoid')),
      ...every(MATRIX, matrixRun('affine'), ['X', 'W']),
      ...every(MATRIX, matrixRun('softmax-loss')),
    ];
    expect(questions.length).toBeGreaterThan(20);
    for (const q of questions)
      for (const lang of ['en', 'ko'] as const)
        expect(translate(lang, fieldHint(q.mode)), `${q.name} ${q.answerText}`).not.toContain(q.answerText);
  });
});
