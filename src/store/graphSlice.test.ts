import { describe, expect, it } from 'vitest';
import { fakeServices } from '../testing/fakeServices';
import { createAppStore } from './createAppStore';
import { textsOf, valuesOf } from './graphSlice';

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
