import { describe, expect, it } from 'vitest';
import { fakeServices } from '../testing/fakeServices';
import { checkMatrixInputs, graphDef } from '../graphs';
import { parseLiteral } from '../tensor/literal';
import { createAppStore } from './createAppStore';
import { tensorsOf, textsOf } from './graphSlice';

const shapes = (s: ReturnType<ReturnType<typeof createAppStore>['getState']>) =>
  Object.fromEntries(Object.entries(tensorsOf(s)).map(([k, v]) => [k, v.shape]));

function storeAt(graphId: 'affine' | 'softmax-loss') {
  const store = createAppStore(fakeServices());
  store.setState({ graphId });
  return store;
}

describe('matrix fields are validated together', () => {
  it('Affine: X then dY change the batch size from 2 to 3', () => {
    const store = storeAt('affine');
    store.getState().editInput('X', '[[1,2],[3,4],[5,6]]');
    let s = store.getState();
    // X alone clashes with the old dY (2, 3): X is flagged, naming both shapes; nothing changes.
    expect(s.errors.affine?.X).toMatchObject({
      key: 'shape',
      code: 'upstream',
      params: { ds: '(2, 3)', ys: '(3, 3)' },
    });
    expect(shapes(s)).toMatchObject({ X: [2, 2], dY: [2, 3] });
    s.editInput('dY', '[[1,2,3],[4,5,6],[7,8,9]]');
    s = store.getState();
    expect(s.errors.affine?.X).toBeUndefined();
    expect(s.errors.affine?.dY).toBeUndefined();
    expect(shapes(s)).toMatchObject({ X: [3, 2], W: [2, 3], B: [3], dY: [3, 3] });
  });
  it('Softmax-with-Loss: a then t change the number of classes from 3 to 4', () => {
    const store = storeAt('softmax-loss');
    store.getState().editInput('a', '[1,2,3,4]');
    expect(store.getState().errors['softmax-loss']?.a).toMatchObject({ key: 'shape', code: 'labelsShape' });
    store.getState().editInput('t', '[0,0,0,1]');
    const s = store.getState();
    expect(s.errors['softmax-loss']).toEqual({ a: undefined, t: undefined });
    expect(shapes(s)).toEqual({ a: [4], t: [4] });
  });
  it('the field just edited is flagged when it fits neither the graph nor the pending field', () => {
    const store = storeAt('affine');
    store.getState().editInput('X', '[[1,2],[3,4],[5,6]]');
    store.getState().editInput('dY', '[[1,2,3],[4,5,6],[7,8,9],[1,1,1]]'); // (4, 3): fits nothing
    let s = store.getState();
    expect(s.errors.affine?.X).toMatchObject({ key: 'shape' });
    expect(s.errors.affine?.dY).toMatchObject({
      key: 'shape',
      code: 'upstream',
      params: { ds: '(4, 3)', ys: '(2, 3)' },
    });
    expect(shapes(s)).toMatchObject({ X: [2, 2], dY: [2, 3] });
    // An unrelated valid edit keeps both flagged and is itself accepted.
    s.editInput('B', '[1, 1, 1]');
    s = store.getState();
    expect(s.errors.affine?.B).toBeUndefined();
    expect(Array.from(tensorsOf(s).B.data)).toEqual([1, 1, 1]);
    expect(s.errors.affine?.X).toBeTruthy();
    expect(s.errors.affine?.dY).toBeTruthy();
  });
  it('among pending fields, the group that fits is taken and the hopeless one stays flagged', () => {
    const store = storeAt('affine');
    const s = store.getState();
    s.editInput('X', '[[1,2],[3,4],[5,6]]'); // needs dY with 3 rows
    s.editInput('B', '[1, 2, 3, 4]'); // fits no W of this graph
    store.getState().editInput('dY', '[[1,2,3],[4,5,6],[7,8,9]]');
    const e = store.getState().errors.affine;
    expect(e?.X).toBeUndefined();
    expect(e?.dY).toBeUndefined();
    expect(e?.B).toMatchObject({ key: 'shape', code: 'bias' });
    expect(shapes(store.getState())).toMatchObject({ X: [3, 2], dY: [3, 3], B: [3] });
  });
  it('the presets set both fields at once', () => {
    const store = storeAt('softmax-loss');
    store.getState().applyTexts({ a: '[1, 2, 3, 4]', t: '[0, 0, 1, 0]' });
    expect(shapes(store.getState())).toEqual({ a: [4], t: [4] });
    expect(textsOf(store.getState()).t).toBe('[0, 0, 1, 0]');
  });
});

describe('size limits', () => {
  it('an 8 MB paste is refused at once with its length; the graph keeps its values', () => {
    const store = storeAt('affine');
    const paste = `[${'1, '.repeat((8 * 2 ** 20) / 3)}]`;
    store.getState().editInput('W', paste);
    const s = store.getState();
    expect(s.errors.affine?.W).toEqual({
      key: 'literal',
      error: { kind: 'tooLong', length: paste.length, max: 100_000 },
    });
    expect(shapes(s).W).toEqual([2, 3]);
    // Refused, not kept: the field still holds its text, so the page never lays out 8 MB.
    expect(textsOf(s).W).toBe('[[2, 4, 6], [4, 3, 2]]');
    // The next edit clears the message.
    s.editInput('B', '[1, 2, 3]');
    expect(store.getState().errors.affine?.W).toBeUndefined();
  });
  it('an outer product too big to compute is refused before it is computed', () => {
    const store = storeAt('affine');
    store.getState().editInput('X', `[${'[1], '.repeat(5000)}]`);
    store.getState().editInput('W', `[[${'1, '.repeat(5000)}]]`);
    const e = store.getState().errors.affine;
    expect(e?.X).toEqual({ key: 'error.tooBig', name: 'X_dot_W', shape: '(5000, 3)', max: 10_000 });
    expect(e?.W).toMatchObject({ key: 'shape', code: 'dot' });
    // Together they would make X_dot_W (5000, 5000): 25 million entries, never allocated.
    const X = parseLiteral(`[${'[1], '.repeat(5000)}]`);
    const W = parseLiteral(`[[${'1, '.repeat(5000)}]]`);
    expect(X.ok && W.ok).toBe(true);
    if (!X.ok || !W.ok) return;
    const r = checkMatrixInputs(graphDef('affine'), { ...tensorsOf(store.getState()), X: X.value, W: W.value });
    expect(r).toEqual({ key: 'error.tooBig', name: 'X_dot_W', shape: '(5000, 5000)', max: 10_000 });
  });
  it('a 100 KB value in a scalar field gives a short error', () => {
    const store = createAppStore(fakeServices());
    store.setState({ graphId: 'apple' });
    store.getState().editInput('apple', 'x'.repeat(100 * 1024));
    expect(store.getState().errors.apple?.apple).toEqual({ key: 'error.tooLong', length: 102400, max: 1000 });
    expect(textsOf(store.getState()).apple).toBe('100');
    store.getState().editInput('apple', `${'y'.repeat(900)}z`);
    const e = store.getState().errors.apple?.apple;
    expect(e).toEqual({ key: 'error.nan', text: `${'y'.repeat(32)}…` });
  });
});
