import { describe, expect, it } from 'vitest';
import {
  edgeId,
  leaves,
  MATRIX,
  outputEdgeId,
  run,
  SCALAR,
  stateAt,
  stepCount,
  toValue,
  type GraphSpec,
  type TValue,
  type ValueKind,
} from '../engine';
import { defaultTensors, defaultValues, graphDef, validateEdit } from '../graphs';
import { DICTS, type Lang } from '../i18n';
import { zeros } from '../tensor/matrix';
import { quizAt } from './questions';
import { stopTensors, TOUR, tourIndex, tourText, tourTitle, type TourStop } from './tour';

/** The stop's inputs, checked as the fields check them. */
function inputsOf(stop: TourStop): Record<string, unknown> {
  const def = graphDef(stop.graph);
  if (def.kind === 'scalar') {
    let values = { ...defaultValues(def) };
    for (const [k, text] of Object.entries(stop.inputs ?? {})) {
      const r = validateEdit(def, k, text, values);
      expect(r.ok, `${stop.id}: ${k} = ${text}`).toBe(true);
      if (r.ok) values = r.values;
    }
    return values;
  }
  if (def.source === 'trainedNet') {
    // The traced net's inputs come from the training panel: any values of the right shapes.
    const m = (r: number, c: number, shape?: number[]): TValue => {
      const z = zeros(r, c, 'float64');
      for (let i = 0; i < z.data.length; i++) z.data[i] = Math.sin(i + r);
      return { m: z, shape: shape ?? [r, c] };
    };
    const t = zeros(1, 10, 'float64');
    t.data[3] = 1;
    return {
      x: m(1, 784),
      W1: m(784, 50),
      b1: m(1, 50, [50]),
      W2: m(50, 10),
      b2: m(1, 10, [10]),
      t: { m: t, shape: [1, 10] },
    };
  }
  const tensors = stop.inputs ? stopTensors(stop) : defaultTensors(graphDef(stop.graph));
  expect(tensors, stop.id).not.toBeNull();
  return Object.fromEntries(Object.entries(tensors!).map(([k, v]) => [k, toValue(v)]));
}

const sentences = (s: string) => (s.match(/[.?!](\s|$)/g) ?? []).length;

describe('the tour', () => {
  it('walks sections 5.1 to 5.7 in the book’s order', () => {
    const key = (s: string) => s.split('.').map(Number);
    for (let i = 1; i < TOUR.length; i++) {
      const [a, b] = [key(TOUR[i - 1].section), key(TOUR[i].section)];
      const cmp = a.map((x, j) => x - (b[j] ?? 0)).find((d) => d !== 0) ?? 0;
      expect(cmp, `${TOUR[i - 1].section} then ${TOUR[i].section}`).toBeLessThanOrEqual(0);
    }
    expect(new Set(TOUR.map((s) => s.section.split('.').slice(0, 2).join('.')))).toEqual(
      new Set(['5.1', '5.2', '5.3', '5.4', '5.5', '5.6', '5.7']),
    );
    expect(new Set(TOUR.map((s) => s.id)).size).toBe(TOUR.length);
  });

  it('has a title and two or three sentences for every stop, in both languages', () => {
    for (const stop of TOUR)
      for (const lang of ['en', 'ko'] as Lang[]) {
        expect(DICTS[lang][tourTitle(stop)], `${stop.id} ${lang}`).toBeTruthy();
        const n = sentences(DICTS[lang][tourText(stop)]);
        expect(n, `${stop.id} ${lang}: ${n} sentences`).toBeGreaterThanOrEqual(2);
        expect(n, `${stop.id} ${lang}: ${n} sentences`).toBeLessThanOrEqual(3);
      }
  });

  it('opens valid inputs at a step of the graph, highlights what the graph draws, and asks where it says it asks', () => {
    for (const stop of TOUR) {
      const def = graphDef(stop.graph);
      const total = stepCount(def);
      expect(stop.step, stop.id).toBeGreaterThanOrEqual(0);
      expect(stop.step, stop.id).toBeLessThanOrEqual(total);
      const g = def.graph as GraphSpec<unknown>;
      const drawn = new Set<string>([...leaves(g).map((i) => `in:${i.name}`), outputEdgeId(g)]);
      for (const n of g.nodes) {
        drawn.add(n.id);
        n.inputs.forEach((v, i) => drawn.add(edgeId(v, n.id, i)));
      }
      for (const id of stop.highlight.ids ?? []) expect(drawn.has(id), `${stop.id}: ${id}`).toBe(true);
      expect((stop.highlight.ids?.length ?? 0) + (stop.highlight.parts?.length ?? 0), stop.id).toBeGreaterThan(0);
      const inputs = inputsOf(stop);
      const vk = (def.kind === 'scalar' ? SCALAR : MATRIX) as ValueKind<unknown>;
      const r = run(vk, g, inputs);
      expect(stateAt(vk, g, r, stop.step).k).toBe(stop.step);
      if (stop.predict) {
        const quiz = quizAt(vk, r, stop.step + 1, { forward: false, shapes: def.practice?.shapes });
        expect(quiz?.questions.length, stop.id).toBeGreaterThan(0);
      }
    }
  });

  it('makes the learner predict at several stops, among them every confusion the issue lists', () => {
    const predicting = TOUR.filter((s) => s.predict).map((s) => s.id);
    expect(predicting.length).toBeGreaterThanOrEqual(6);
    for (const id of ['dW', 'dB', 'softmax', 'relu']) expect(predicting).toContain(id);
    for (const id of ['batch', 'oneHot', 'kink']) expect(TOUR.map((s) => s.id)).toContain(id);
  });

  it('the batch stop divides by the batch size: each row’s gradient is (y − t) / 2', () => {
    const stop = TOUR.find((s) => s.id === 'batch')!;
    const r = run(MATRIX, graphDef(stop.graph).graph as GraphSpec<TValue>, inputsOf(stop) as Record<string, TValue>);
    const da = Array.from(r.grads.a.m.data, (v) => Math.round(v * 1e6) / 1e6);
    expect(da).toEqual([0.15, -0.4, 0.25, 0.15, 0.1, -0.25]);
  });

  it('the kink stop puts ReLU at x = 0', () => {
    const stop = TOUR.find((s) => s.id === 'kink')!;
    expect(stop.inputs).toEqual({ x: '0' });
    expect(stop.step).toBe(stepCount(graphDef('relu')));
  });

  it('reads tour=N from a link, 1-based, and nothing else', () => {
    expect(tourIndex('1')).toBe(0);
    expect(tourIndex('7')).toBe(6);
    expect(tourIndex(String(TOUR.length))).toBe(TOUR.length - 1);
    for (const bad of [null, '', '0', String(TOUR.length + 1), '-1', '2.5', 'abc', '1e1'])
      expect(tourIndex(bad), String(bad)).toBeNull();
  });
});
