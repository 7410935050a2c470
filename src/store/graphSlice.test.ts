import { describe, expect, it } from 'vitest';
import { fakeServices } from '../testing/fakeServices';
import { createAppStore } from './createAppStore';
import { valuesOf } from './graphSlice';

const LINES = 'x = 2.0\n# the first\ny = x * 3 + 1\nz = log(y)';

function custom() {
  const store = createAppStore(fakeServices());
  store.getState().setGraph('custom');
  store.getState().editExpression(LINES);
  return store;
}

describe('editing your own graph', () => {
  it('an edit of spaces or comments only keeps the same graph, its fields and its step', () => {
    const store = custom();
    const st = () => store.getState();
    const def = st().customDef;
    st().setStep(3);
    st().editInput('x', '4');
    const edited = 'x   =  2.0\n# another comment\ny = x*3 + 1   # and a note\n  z = log( y )  \n\n';
    st().editExpression(edited);
    expect(st().customDef).toBe(def);
    expect(st()).toMatchObject({ exprText: edited, exprValid: edited, exprError: null, step: 3 });
    expect(valuesOf(st()).x).toBe(4);
    // Back from an invalid text to the same program: the error goes, the graph is the same one.
    st().editExpression('y = x *');
    expect(st().exprError).not.toBeNull();
    st().editExpression(LINES);
    expect(st().customDef).toBe(def);
    expect(st().exprError).toBeNull();
  });

  it('a change to a node, a default or a line rebuilds the graph', () => {
    const store = custom();
    const st = () => store.getState();
    for (const text of [
      'x = 2.0\n# the first\ny = x * 4 + 1\nz = log(y)',
      'x = 3.0\n# the first\ny = x * 4 + 1\nz = log(y)',
      'x = 3.0\n\n# the first\ny = x * 4 + 1\nz = log(y)',
      'x = 3.0\n\n# the first\nw = x * 4 + 1\nz = log(w)',
    ]) {
      const before = st().customDef;
      st().editExpression(text);
      expect(st().customDef).not.toBe(before);
      expect(st().exprValid).toBe(text);
    }
  });
});
