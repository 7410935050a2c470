import { formatNumber, literalText, stepAt, type Engine, type NodeSpec, type Run } from '../engine';
import { msg, type MessageKey, type Msg } from '../i18n/msg';
import { checkAnswer, toNumeric, TOLERANCE, type AnswerMode, type CheckResult, type Numeric } from './check';
import { shapeText } from '../tensor/literal';

/**
 * What practice mode asks before step k, built from the engine's run alone (so it works on any
 * graph, the learner's own included): before a backward step, the gradient each input edge of
 * the node will receive; before a forward step (when asked for), the node's output.
 */
export interface Question {
  /** The variable, as the Values table names it. */
  name: string;
  /** Its index among the node's inputs (backward), or -1 for the output (forward). */
  input: number;
  mode: AnswerMode;
  answer: Numeric;
  /** The answer as text, to show or to fill in. */
  answerText: string;
  /** The step text for this edge, from the op: "upstream 1 × local 1.1 = 1.1 → all_price". */
  why: Msg;
}

export interface Quiz {
  /** The step the quiz stands before (1-based, as the Step slider counts). */
  k: number;
  kind: 'forward' | 'backward';
  /** 1-based within its phase. */
  index: number;
  of: number;
  node: NodeSpec;
  /** The op's one-line reason for its backward rule (backward only). */
  explain: MessageKey | null;
  questions: Question[];
}

export interface QuizOptions {
  /** Ask the forward steps too. */
  forward: boolean;
  /**
   * Variables asked by shape alone: 'all', or a list (Affine's X and W, where the lesson is
   * that the transposes make the shapes fit). Matrices too big to type are asked by shape anyway.
   */
  shapes?: 'all' | readonly string[];
}

/** Beyond this many entries a matrix is asked by its shape: nobody types W1's 39,200 numbers. */
export const MAX_TYPED_ENTRIES = 24;

const modeFor = (name: string, v: Numeric, opts: QuizOptions): AnswerMode => {
  if (v.shape.length === 0) return 'number';
  const byShape = opts.shapes === 'all' || (opts.shapes?.includes(name) ?? false);
  return byShape || v.data.length > MAX_TYPED_ENTRIES ? 'shape' : 'literal';
};

/** The answer as a learner would type it: 1.1, [[1, 2], [3, 4]] or (2, 3). */
export function answerText(v: Numeric, mode: AnswerMode): string {
  if (mode === 'shape') return shapeText(v.shape);
  return literalText(v.shape, v.data);
}

/** The quiz before step k (1..2n), or null when there is nothing to ask there. */
export function quizAt<V>(e: Engine<V>, r: Run<V>, k: number, opts: QuizOptions): Quiz | null {
  const at = stepAt(r.order, k);
  if (!at || (at.kind === 'forward' && !opts.forward)) return null;
  const forward = at.kind === 'forward';
  const node = at.node;
  const op = e.ops[node.op];
  const t = r.traces[node.id];
  if (!op || !t) return null;
  const base = { k, index: at.index, of: r.order.length, node };
  if (forward) {
    const answer = toNumeric(t.out);
    if (!answer) return null;
    const mode = modeFor(node.output, answer, opts);
    const why = op.describeForward(t);
    const q: Question = { name: node.output, input: -1, mode, answer, answerText: answerText(answer, mode), why };
    return { ...base, kind: 'forward', explain: null, questions: [q] };
  }
  // describeBackward gives one message per edge that receives a gradient (constants get none).
  const whys = op.describeBackward(t);
  const questions: Question[] = [];
  node.inputs.forEach((name, i) => {
    const g = t.dx[i];
    if (g === null || g === undefined) return;
    const answer = toNumeric(g);
    if (!answer) return;
    const mode = modeFor(name, answer, opts);
    const why = whys[questions.length] ?? whys[whys.length - 1];
    questions.push({ name, input: i, mode, answer, answerText: answerText(answer, mode), why });
  });
  if (questions.length === 0) return null;
  return { ...base, kind: 'backward', explain: op.explain, questions };
}

export type Outcome = 'right' | 'wrong' | 'invalid';

export interface Graded {
  outcomes: Outcome[];
  /** What the status says: "Correct: …", "Not quite: …", or what to fix before checking. */
  feedback: Msg;
}

const read = (text: string): string => text.trim();
/** Answers joined into a list ("a; b"), or whole sentences one after another. */
const list = (parts: Msg[]): Msg => parts.reduce((a, b) => msg('practice.list', { a, b }));
const sentences = (parts: Msg[]): Msg => parts.reduce((a, b) => msg('practice.sentences', { a, b }));

/**
 * What the note under a field says: what kind of answer it takes, never the answer. The example
 * is not a shape or a value (that would be the answer for Affine's W), so the note has no digit.
 */
export function fieldHint(mode: AnswerMode): MessageKey {
  return mode === 'shape'
    ? 'practice.hint.shape'
    : mode === 'literal'
      ? 'practice.hint.literal'
      : 'practice.hint.number';
}

/** How an unreadable answer should be written, said as generally as the field's note. */
export function formatHint(mode: AnswerMode): MessageKey {
  return mode === 'shape'
    ? 'practice.format.shape'
    : mode === 'literal'
      ? 'practice.format.literal'
      : 'practice.format.number';
}

/** "the gradient of all_price is 1.1" or, forward, "price is 715". */
function answerMsg(quiz: Quiz, q: Question): Msg {
  const key =
    quiz.kind === 'forward'
      ? q.mode === 'shape'
        ? 'practice.answer.valueShape'
        : 'practice.answer.value'
      : q.mode === 'shape'
        ? 'practice.answer.gradShape'
        : 'practice.answer.grad';
  return msg(key, { name: q.name, answer: q.answerText });
}

/** Why the answer is what it is, for a field that was wrong. */
function wrongMsg(quiz: Quiz, q: Question, text: string, r: CheckResult & { ok: false }): Msg {
  const got = read(text);
  if (r.reason === 'shape' && quiz.kind === 'backward') {
    // The lesson of 5.6: a gradient has the shape of what it belongs to.
    return msg('practice.wrong.gradShape', {
      name: q.name,
      got: shapeText(r.got),
      want: shapeText(q.answer.shape),
      why: q.why,
    });
  }
  if (r.reason === 'shape') {
    return msg('practice.wrong.shape', {
      name: q.name,
      got: shapeText(r.got),
      want: shapeText(q.answer.shape),
      why: q.why,
    });
  }
  return msg(quiz.kind === 'forward' ? 'practice.wrong.value' : 'practice.wrong.grad', {
    name: q.name,
    got,
    why: q.why,
  });
}

/**
 * Checks every field of a quiz. Fields that are empty or cannot be read make the whole check
 * say what to fix, and nothing is scored; otherwise each field is right or wrong, and a wrong
 * one is explained from the op's local derivative (or, forward, its formula).
 */
export function grade(quiz: Quiz, texts: readonly string[]): Graded {
  const results = quiz.questions.map((q, i) => checkAnswer(texts[i] ?? '', q.answer, q.mode, TOLERANCE));
  const invalid = results
    .map((r, i) => (r.ok || (r.reason !== 'empty' && r.reason !== 'unreadable') ? null : i))
    .filter((i): i is number => i !== null);
  if (invalid.length > 0) {
    const parts = invalid.map((i) => {
      const q = quiz.questions[i];
      const r = results[i] as { reason: string };
      return r.reason === 'empty'
        ? msg(quiz.kind === 'forward' ? 'practice.empty.value' : 'practice.empty.grad', { name: q.name })
        : msg('practice.unreadable', { name: q.name, text: read(texts[i] ?? ''), format: msg(formatHint(q.mode)) });
    });
    return {
      outcomes: results.map((_r, i) => (invalid.includes(i) ? 'invalid' : 'right')),
      feedback: sentences(parts),
    };
  }
  const outcomes: Outcome[] = results.map((r) => (r.ok ? 'right' : 'wrong'));
  if (outcomes.every((o) => o === 'right')) {
    return {
      outcomes,
      feedback: msg('practice.correct', { answers: list(quiz.questions.map((q) => answerMsg(quiz, q))) }),
    };
  }
  const details = quiz.questions.map((q, i) => {
    const r = results[i];
    return r.ok ? msg('practice.rightOne', { name: q.name }) : wrongMsg(quiz, q, texts[i] ?? '', r);
  });
  const key = quiz.explain ? 'practice.notQuite' : 'practice.notQuiteForward';
  return {
    outcomes,
    feedback: msg(key, { explain: quiz.explain ? msg(quiz.explain) : '', details: sentences(details) }),
  };
}

/** What Show answer says: every answer, with the step text that gives it. */
export function revealed(quiz: Quiz): Msg {
  const parts = quiz.questions.map((q) => msg('practice.because', { answer: answerMsg(quiz, q), why: q.why }));
  return msg('practice.shown', { answers: list(parts) });
}

/** The tolerance as the page states it. */
export const toleranceParams = (): Record<string, string> => ({
  rel: formatNumber(TOLERANCE.rel * 100),
  abs: formatNumber(TOLERANCE.abs),
});
