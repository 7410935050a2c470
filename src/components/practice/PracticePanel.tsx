import { useEffect, useMemo, useRef } from 'react';
import { edgeId } from '../../engine';
import type { AnswerMode } from '../../practice/check';
import { fieldHint, grade, quizAt, revealed, toleranceParams, type Quiz } from '../../practice/questions';
import { TOUR } from '../../practice/tour';
import { useAppStore } from '../../store';
import { isResolved, quizKey } from '../../store/practiceSlice';
import type { FieldMark } from '../../store/types';
import { MathText } from '../common/MathText';
import { useT, useTm } from '../common/useT';
import type { GraphModel } from '../graph/useGraphModel';
import './practice.css';

/** The switch on the graph panel's head. */
export function PracticeSwitch() {
  const t = useT();
  const practice = useAppStore((s) => s.practice);
  const setPractice = useAppStore((s) => s.setPractice);
  return (
    <label className="practice-switch">
      <input type="checkbox" role="switch" checked={practice} onChange={(e) => setPractice(e.target.checked)} />
      <span>{t('practice.switch')}</span>
    </label>
  );
}

const fieldId = (i: number) => `practice-field-${i}`;

/** Where a sentence's {name} goes, so the name can be set as code and the words as prose. */
const MARK = '\u0000';
function WithName({ text, children }: { text: string; children: React.ReactNode }) {
  const at = text.indexOf(MARK);
  if (at < 0) return <>{text}</>;
  return (
    <>
      {text.slice(0, at)}
      {children}
      {text.slice(at + MARK.length)}
    </>
  );
}

/** Where the learner goes after answering: the tour's Next when this was its question, else Step forward. */
function focusOnward(quiz: Quiz, graphId: string): void {
  const s = useAppStore.getState();
  const stop = s.tour === null ? null : TOUR[s.tour];
  const tourWaits = stop?.predict && stop.graph === graphId && stop.step + 1 === quiz.k;
  const el = document.getElementById(tourWaits ? 'tour-next' : 'step-forward');
  el?.focus();
}

/** Lines drawn dashed in the graph for the edges a quiz asks about. */
function askedCss(quiz: Quiz): string {
  const sel =
    quiz.kind === 'backward'
      ? quiz.questions.map((q) => `[data-id="${CSS.escape(edgeId(q.name, quiz.node.id, q.input))}"]`)
      : [`[data-id^="${CSS.escape(`${quiz.node.output}->`)}"]`];
  return `${sel.map((s) => `.graph-svg ${s} > .edge-line`).join(', ')} { stroke-dasharray: 7 5; }`;
}

/** The score so far, and whether forward steps are asked too. */
function PracticeHead() {
  const t = useT();
  const score = useAppStore((s) => s.score);
  const forward = useAppStore((s) => s.practiceForward);
  const setForward = useAppStore((s) => s.setPracticeForward);
  return (
    <div className="practice-head">
      <label className="practice-score">
        <span>{t('practice.score')}</span>
        <output>{t('practice.scoreValue', { right: score.right, asked: score.asked })}</output>
      </label>
      <label className="practice-forward">
        <input type="checkbox" checked={forward} onChange={(e) => setForward(e.target.checked)} />
        <span>{t('practice.forwardToo')}</span>
      </label>
    </div>
  );
}

/** One prediction: the variable's name, the learner's text, its mark once checked, and what may be typed. */
function PracticeField(p: {
  i: number;
  name: string;
  mode: AnswerMode;
  wording: 'practice.gradOf' | 'practice.valueOf';
  text: string;
  invalid: boolean;
  mark: FieldMark | null;
  onChange: (text: string) => void;
}) {
  const t = useT();
  const id = fieldId(p.i);
  const { mark } = p;
  return (
    <div className="field practice-field">
      <label htmlFor={id}>
        <WithName text={t(p.wording, { name: MARK })}>
          <code>{p.name}</code>
        </WithName>
      </label>
      <span className="practice-input">
        <input
          id={id}
          type="text"
          inputMode={p.mode === 'number' ? 'decimal' : 'text'}
          autoComplete="off"
          spellCheck={false}
          value={p.text}
          aria-invalid={p.invalid ? 'true' : 'false'}
          aria-describedby={`${id}-hint`}
          className={mark ? `marked ${mark}` : undefined}
          onChange={(e) => p.onChange(e.target.value)}
        />
        {mark && (
          <span className={`practice-mark ${mark}`} aria-hidden="true">
            {mark === 'right' ? '✓' : mark === 'wrong' ? '✗' : '•'}
          </span>
        )}
      </span>
      <span id={`${id}-hint`} className="field-note">
        {t(fieldHint(p.mode))}
      </span>
    </div>
  );
}

/**
 * Practice mode: before each step (backward, and forward when asked) the learner predicts what
 * it will compute, checks, or shows the answer; Step forward waits until then. Everything it
 * asks comes from the engine's run, so it works on any graph.
 */
export function PracticePanel({ model }: { model: GraphModel }) {
  const t = useT();
  const tm = useTm();
  const practice = useAppStore((s) => s.practice);
  const forward = useAppStore((s) => s.practiceForward);
  const step = useAppStore((s) => s.step);
  const graphId = useAppStore((s) => s.graphId);
  const tour = useAppStore((s) => s.tour);
  const setPrediction = useAppStore((s) => s.setPrediction);
  const recordCheck = useAppStore((s) => s.recordCheck);
  const revealAnswers = useAppStore((s) => s.revealAnswers);
  const { vk, run, def, state } = model;
  const shapes = def.practice?.shapes;
  const quiz = useMemo(
    () => (practice ? quizAt(vk, run, step + 1, { forward, shapes }) : null),
    [practice, vk, run, step, forward, shapes],
  );
  const key = quizKey(graphId, step + 1);
  const qs = useAppStore((s) => s.quizzes[key]);
  const resolved = isResolved(qs);
  const n = quiz?.questions.length ?? 0;

  // A step taken onto a question puts the cursor in its first field; a tour stop or a new graph does not.
  const prev = useRef({ step, graphId, tour });
  useEffect(() => {
    const p = prev.current;
    prev.current = { step, graphId, tour };
    if (quiz && !resolved && p.graphId === graphId && p.tour === tour && step > p.step)
      document.getElementById(fieldId(0))?.focus();
  }, [step, graphId, tour, quiz, resolved]);

  if (!practice) return null;

  const check = () => {
    if (!quiz) return;
    const texts = quiz.questions.map((_q, i) => qs?.texts[i] ?? '');
    const g = grade(quiz, texts);
    recordCheck(key, n, g);
    if (g.outcomes.every((o) => o === 'right')) return focusOnward(quiz, graphId);
    const first = g.outcomes.findIndex((o) => o !== 'right');
    const el = document.getElementById(fieldId(first)) as HTMLInputElement | null;
    el?.focus();
    el?.select();
  };
  const show = () => {
    if (!quiz) return;
    revealAnswers(
      key,
      quiz.questions.map((q) => q.answerText),
      revealed(quiz),
    );
    focusOnward(quiz, graphId);
  };

  const nodeName = quiz
    ? `${vk.ops[quiz.node.op].symbol(quiz.node.c)}${quiz.node.label ? ` ${quiz.node.label}` : ''}`
    : '';
  const marks = qs?.marks ?? [];
  return (
    <div className="practice">
      <PracticeHead />
      {quiz ? (
        <form
          className="practice-form"
          onSubmit={(e) => {
            e.preventDefault();
            check();
          }}
        >
          <fieldset>
            <legend>{t('practice.group')}</legend>
            <p className="practice-ask">
              {t(quiz.kind === 'backward' ? 'practice.askBackward' : 'practice.askForward', {
                i: quiz.index,
                n: quiz.of,
                node: nodeName,
              })}
            </p>
            {quiz.questions.map((q, i) => (
              <PracticeField
                key={`${q.name}-${i}`}
                i={i}
                name={q.name}
                mode={q.mode}
                wording={quiz.kind === 'backward' ? 'practice.gradOf' : 'practice.valueOf'}
                text={qs?.texts[i] ?? ''}
                invalid={qs?.invalid[i] ?? false}
                mark={marks[i] ?? null}
                onChange={(text) => setPrediction(key, i, n, text)}
              />
            ))}
            <p className="hint">{t('practice.tolerance', toleranceParams())}</p>
            <div className="buttons">
              <button type="submit" className="primary">
                {t('practice.check')}
              </button>
              <button type="button" onClick={show}>
                {t('practice.show')}
              </button>
            </div>
          </fieldset>
          <style>{askedCss(quiz)}</style>
        </form>
      ) : (
        <p className="hint">{t(state.k >= state.total ? 'practice.end' : 'practice.idle')}</p>
      )}
      <p role="status" aria-label={t('practice.feedback')} className={`practice-feedback${resolved ? ' done' : ''}`}>
        {qs?.feedback ? <MathText text={tm(qs.feedback)} /> : ''}
      </p>
      {quiz && <p className="hint">{t(resolved ? 'practice.resolved' : 'practice.waiting')}</p>}
    </div>
  );
}
