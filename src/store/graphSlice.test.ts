import { describe, expect, it } from 'vitest';
import { fakeServices } from '../testing/fakeServices';
import { createAppStore } from './createAppStore';
import { defOf, stepsOf, textsOf, valuesOf } from './graphSlice';
import { GRAPHS } from '../graphs';
import { sizeOf, tensorShapes, TWO_LAYER_ARCH, type NetArch } from '../net/arch';
import { snapshotFrom } from '../net/params';
import type { QuizState } from './types';

const LINES = 'x = 2  # the input\ny = x * x  # squared\nz = y + 1';

function atCustom() {
  const store = createAppStore(fakeServices());
  store.getState().setGraph('custom');
  store.getState().editExpression(LINES);
  return store;
}

describe("the learner's lines", () => {
  it('a comment edit shows the new text but keeps the graph, its fields, the step and the answers', () => {
    const store = atCustom();
    const s = store.getState();
    s.editInput('x', '3');
    s.setStep(3);
    const graph = store.getState().customDef.graph;
    const edited = LINES.replace('# squared', '# x times itself');
    store.getState().editExpression(edited);
    const t = store.getState();
    expect(t.customDef.graph).toBe(graph);
    expect(t.customDef.code.lines.join('\n')).toContain('# x times itself');
    expect(t.exprValid).toBe(edited);
    expect(textsOf(t).x).toBe('3');
    expect(valuesOf(t).x).toBe(3);
    expect(t.step).toBe(3);
  });

  it('a change to a node, a default or a line rebuilds the graph and its fields', () => {
    for (const edited of [LINES.replace('y + 1', 'y + 2'), LINES.replace('x = 2', 'x = 5'), `# first\n${LINES}`]) {
      const store = atCustom();
      store.getState().editInput('x', '3');
      const graph = store.getState().customDef.graph;
      store.getState().editExpression(edited);
      const t = store.getState();
      expect(t.customDef.graph, edited).not.toBe(graph);
      expect(textsOf(t).x, edited).toBe(edited.includes('x = 5') ? '5' : '2');
    }
  });
});

describe('the traced net follows the training panel', () => {
  const snapshot = (a: NetArch) =>
    snapshotFrom(a, (name) => new Float32Array(sizeOf(tensorShapes(a).find(([n]) => n === name)![1])));
  const deep: NetArch = { hidden: [20, 20], activation: 'relu', batchNorm: true, dropout: 0.2 };
  const fakeQuiz: QuizState = { texts: [''], marks: [null], invalid: [false], first: [null], feedback: null };

  it("draws the panel's net, a node per layer; chapter 5's graph before any run and for a two-layer net", () => {
    const store = createAppStore(fakeServices());
    store.getState().setGraph('two-layer-net');
    expect(defOf(store.getState())).toBe(GRAPHS['two-layer-net']);
    store.setState({ params: snapshot(deep) });
    expect(stepsOf(store.getState())).toBe(2 * 10);
    expect(defOf(store.getState()).graph.nodes.map((n) => n.label)).toContain('BatchNorm2');
    store.setState({ params: snapshot({ ...TWO_LAYER_ARCH, hidden: [30] }) });
    expect(defOf(store.getState())).toBe(GRAPHS['two-layer-net']);
  });

  it("keeps the step within the new net's graph and drops the answers given for the old one", () => {
    const store = createAppStore(fakeServices());
    store.getState().setGraph('two-layer-net');
    store.setState({ params: snapshot(deep) });
    store.getState().setStep(17);
    store.setState({ quizzes: { 'two-layer-net:17': fakeQuiz, 'apple:2': fakeQuiz }, inspected: 'bn2' });
    // Another evaluation of the same net changes nothing.
    store.setState({ params: snapshot(deep) });
    expect(store.getState().step).toBe(17);
    expect(Object.keys(store.getState().quizzes)).toEqual(['two-layer-net:17', 'apple:2']);
    store.setState({ params: snapshot(TWO_LAYER_ARCH) });
    const s = store.getState();
    expect(s.step).toBe(8);
    expect(s.inspected).toBeNull();
    expect(Object.keys(s.quizzes)).toEqual(['apple:2']);
  });
});
