import type { StateCreator } from 'zustand';
import type { GraphId } from '../graphs';
import type { AppState, FieldMark, PracticeSlice, QuizState } from './types';

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

/** What Reset clears. */
export const PRACTICE_RESET: Pick<PracticeSlice, 'quizzes' | 'score'> = { quizzes: {}, score: { right: 0, asked: 0 } };

export const createPracticeSlice: StateCreator<AppState, [], [], PracticeSlice> = (set, get) => ({
  practice: false,
  practiceForward: false,
  quizzes: {},
  score: { right: 0, asked: 0 },

  setPractice: (practice) => {
    set({ practice });
    get().pause();
  },
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
  resetPractice: () => set(PRACTICE_RESET),
});
