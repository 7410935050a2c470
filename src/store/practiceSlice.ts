import type { StateCreator } from 'zustand';
import type { GraphId } from '../graphs';
import type { Msg } from '../i18n';
import type { Graded } from '../practice/questions';
import type { AppState } from './index';
import { stepsOf } from './graphSlice';

/** A field's state: right, wrong, or shown by Show answer. */
export type FieldMark = 'right' | 'wrong' | 'revealed';

/** One quiz (the questions before one step of one graph): what was typed and what came of it. */
export interface QuizState {
  texts: string[];
  /** The latest check of each field (null: not checked yet). */
  marks: (FieldMark | null)[];
  /** Fields the latest check could not read (empty, not a number). */
  invalid: boolean[];
  /** The first outcome of each field: what the score counts. */
  first: (FieldMark | null)[];
  feedback: Msg | null;
}

export interface PracticeSlice {
  practice: boolean;
  /** Ask the forward steps too (predict each node's output). */
  practiceForward: boolean;
  /** Per quiz key (graph and step). */
  quizzes: Record<string, QuizState>;
  /** Fields counted right on the first try, and fields asked (checked or shown). */
  score: { right: number; asked: number };

  setPractice: (on: boolean) => void;
  setPracticeForward: (on: boolean) => void;
  setPrediction: (key: string, i: number, n: number, text: string) => void;
  /** Records a check the page graded (the page has the run; the store only keeps the outcome). */
  recordCheck: (key: string, n: number, g: Graded) => void;
  /** Show answer: fills the fields and counts any field not asked before. */
  revealAnswers: (key: string, answers: string[], feedback: Msg) => void;
  /** A new walk: every quiz forgotten (Reset also zeroes the score). */
  clearQuizzes: () => void;
}

export const quizKey = (graphId: GraphId | string, k: number): string => `${graphId}:${k}`;

const emptyQuiz = (n: number): QuizState => ({
  texts: Array<string>(n).fill(''),
  marks: Array<FieldMark | null>(n).fill(null),
  invalid: Array<boolean>(n).fill(false),
  first: Array<FieldMark | null>(n).fill(null),
  feedback: null,
});

/** Every field right or shown: the step may be taken. */
export const isResolved = (q: QuizState | undefined): boolean =>
  !!q && q.marks.length > 0 && q.marks.every((m) => m === 'right' || m === 'revealed');

/** Whether step k asks something: every backward step does, the forward ones when asked for. */
export const asksAt = (s: Pick<AppState, 'practiceForward'>, k: number, total: number): boolean =>
  k >= 1 && k <= total && (k > total / 2 || s.practiceForward);

/**
 * How far the learner may step from here: up to the step before the first question not yet
 * answered (checked right or shown). Without practice, to the end.
 */
export function practiceLimit(s: AppState): number {
  const total = stepsOf(s);
  if (!s.practice) return total;
  for (let k = s.step + 1; k <= total; k++)
    if (asksAt(s, k, total) && !isResolved(s.quizzes[quizKey(s.graphId, k)])) return k - 1;
  return total;
}

/** What Reset clears. */
export const PRACTICE_RESET: Pick<PracticeSlice, 'quizzes' | 'score'> = { quizzes: {}, score: { right: 0, asked: 0 } };

export const createPracticeSlice: StateCreator<AppState, [], [], PracticeSlice> = (set) => ({
  practice: false,
  practiceForward: false,
  quizzes: {},
  score: { right: 0, asked: 0 },

  setPractice: (practice) => set({ practice, playing: false }),
  setPracticeForward: (practiceForward) => set({ practiceForward }),
  setPrediction: (key, i, n, text) =>
    set((s) => {
      const q = s.quizzes[key] ?? emptyQuiz(n);
      const texts = [...q.texts];
      texts[i] = text;
      const invalid = [...q.invalid];
      invalid[i] = false;
      return { quizzes: { ...s.quizzes, [key]: { ...q, texts, invalid } } };
    }),
  recordCheck: (key, n, g) =>
    set((s) => {
      const q = s.quizzes[key] ?? emptyQuiz(n);
      const invalid = g.outcomes.map((o) => o === 'invalid');
      // Nothing is scored while a field cannot be read: it is not a prediction yet.
      if (invalid.some(Boolean)) return { quizzes: { ...s.quizzes, [key]: { ...q, invalid, feedback: g.feedback } } };
      const marks = g.outcomes.map((o, i): FieldMark => (q.marks[i] === 'revealed' ? 'revealed' : (o as FieldMark)));
      let { right, asked } = s.score;
      const first = q.first.map((f, i) => {
        if (f !== null) return f;
        asked++;
        if (marks[i] === 'right') right++;
        return marks[i];
      });
      return {
        quizzes: { ...s.quizzes, [key]: { ...q, marks, invalid, first, feedback: g.feedback } },
        score: { right, asked },
      };
    }),
  revealAnswers: (key, answers, feedback) =>
    set((s) => {
      const q = s.quizzes[key] ?? emptyQuiz(answers.length);
      let { asked } = s.score;
      const first = q.first.map((f) => {
        if (f !== null) return f;
        asked++;
        return 'revealed' as const;
      });
      const marks = q.marks.map((m): FieldMark => (m === 'right' ? 'right' : 'revealed'));
      const quiz: QuizState = { texts: [...answers], marks, invalid: answers.map(() => false), first, feedback };
      return { quizzes: { ...s.quizzes, [key]: quiz }, score: { ...s.score, asked } };
    }),
  clearQuizzes: () => set({ quizzes: {} }),
});
