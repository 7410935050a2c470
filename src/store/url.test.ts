import { describe, expect, it } from 'vitest';
import { fakeServices } from '../testing/fakeServices';
import { createAppStore } from './createAppStore';
import { tensorsOf, textsOf } from './graphSlice';
import { fromSearch, LINK_VALUE_MAX, omittedFromLink, toSearch } from './url';

const open = (search: string) => {
  const store = createAppStore(fakeServices());
  store.setState(fromSearch(search, 'en'));
  return store;
};
const q = (params: Record<string, string>) => `?${new URLSearchParams(params).toString()}`;

describe('reading a link', () => {
  it('opens a link carrying both new shapes with both applied', () => {
    const s = open(
      q({ graph: 'affine', X: '[[1,2],[3,4],[5,6]]', dY: '[[1,2,3],[4,5,6],[7,8,9]]', step: '4' }),
    ).getState();
    expect(s.urlIgnored).toEqual([]);
    expect(tensorsOf(s).X.shape).toEqual([3, 2]);
    expect(tensorsOf(s).dY.shape).toEqual([3, 3]);
    expect(textsOf(s).dY).toBe('[[1,2,3],[4,5,6],[7,8,9]]');
    expect(s.step).toBe(4);
    const t = open(q({ graph: 'softmax-loss', a: '[1,2,3,4]', t: '[0,0,0,1]' })).getState();
    expect(t.urlIgnored).toEqual([]);
    expect(tensorsOf(t).a.shape).toEqual([4]);
  });
  it('the 9,000-bracket link opens the graph with that value ignored and named', () => {
    const s = open(`?graph=affine&W=${'['.repeat(9000)}`).getState();
    expect(s.graphId).toBe('affine');
    expect(tensorsOf(s).W.shape).toEqual([2, 3]);
    expect(s.urlIgnored).toEqual([{ name: 'W', value: `${'['.repeat(24)}…`, reason: 'literal' }]);
  });
  it('says what it ignored, quoting a short part of each value', () => {
    const s = open(
      q({
        lang: 'fr',
        graph: 'apple',
        apple: 'abc',
        tax: '1e400',
        W: '[1]',
        step: 'abc',
        image: '-1',
        utm_source: 'x',
      }),
    ).getState();
    expect(s.graphId).toBe('apple');
    expect(s.step).toBe(0);
    expect(s.urlIgnored).toEqual([
      { name: 'lang', value: 'fr', reason: 'lang' },
      { name: 'apple', value: 'abc', reason: 'number' },
      { name: 'tax', value: '1e400', reason: 'range' },
      { name: 'W', value: '[1]', reason: 'input' },
      { name: 'image', value: '-1', reason: 'image' },
      { name: 'step', value: 'abc', reason: 'step' },
    ]);
    expect(open(q({ graph: 'nope', step: '99' })).getState().urlIgnored).toEqual([
      { name: 'graph', value: 'nope', reason: 'graph' },
      { name: 'step', value: '99', reason: 'step' },
    ]);
    expect(open(q({ graph: 'affine', X: '[[1, 2, 3]]' })).getState().urlIgnored).toEqual([
      { name: 'X', value: '[[1, 2, 3]]', reason: 'shape' },
    ]);
    const long = open(q({ graph: 'apple', apple: '7'.repeat(100_000) })).getState().urlIgnored;
    expect(long).toEqual([{ name: 'apple', value: `${'7'.repeat(24)}…`, reason: 'tooLong' }]);
    expect(open('?graph=apple&step=4&apple=50').getState().urlIgnored).toEqual([]);
  });
  it('names a tour stop it cannot open, and opens no tour', () => {
    const s = open(q({ tour: '99' })).getState();
    expect(s.tour).toBeNull();
    expect(s.urlIgnored).toEqual([{ name: 'tour', value: '99', reason: 'tour' }]);
    for (const bad of ['0', 'abc', '-1', '1.5'])
      expect(open(q({ tour: bad })).getState().urlIgnored).toEqual([{ name: 'tour', value: bad, reason: 'tour' }]);
    expect(open(q({ tour: '3' })).getState().urlIgnored).toEqual([]);
    expect(open(q({ tour: '3' })).getState().tour).toBe(2);
  });
  it('names a test image on a graph that shows none, and does not keep it', () => {
    const s = open(q({ graph: 'apple', image: '5' })).getState();
    expect(s.urlIgnored).toEqual([{ name: 'image', value: '5', reason: 'noImage' }]);
    expect(s.traceImage).toBe(0);
    const t = open(q({ graph: 'two-layer-net', image: '5' })).getState();
    expect(t.urlIgnored).toEqual([]);
    expect(t.traceImage).toBe(5);
    expect(open(q({ graph: 'two-layer-net', image: '10000' })).getState().urlIgnored).toEqual([
      { name: 'image', value: '10000', reason: 'image' },
    ]);
  });
  it('never throws, whatever the link', () => {
    for (const search of [
      '?%',
      '?graph=%E0%A4%A',
      '?step=1e400',
      '?=&&=',
      `?a=${'%'.repeat(1000)}`,
      '?graph=__proto__',
    ])
      expect(() => fromSearch(search, 'en')).not.toThrow();
    expect(fromSearch('?graph=constructor', 'en')).toMatchObject({ graphId: 'apple-orange' });
  });
});

describe('writing a link', () => {
  it('leaves a value longer than the limit out, and says which', () => {
    const store = open('?graph=affine');
    const row = `[${Array.from({ length: 100 }, (_, k) => k + 0.5).join(', ')}]`;
    const long = `[${Array(2).fill(row).join(', ')}]`;
    expect(long.length).toBeGreaterThan(LINK_VALUE_MAX);
    store.getState().editInput('X', long); // X (2, 100) clashes with W (2, 3): flagged, so not in the link
    expect(omittedFromLink(store.getState())).toEqual([]);
    store.getState().editInput('W', `[${Array(100).fill('[1, 2, 3]').join(', ')}]`);
    const s = store.getState();
    expect(s.errors.affine?.X).toBeUndefined();
    expect(omittedFromLink(s)).toEqual(['X', 'W']);
    const search = toSearch(s);
    expect(search.length).toBeLessThan(200);
    expect(new URLSearchParams(search).get('X')).toBeNull();
    store.getState().editInput('B', '[0, 0, 1]');
    expect(new URLSearchParams(toSearch(store.getState())).get('B')).toBe('[0, 0, 1]');
  });
  it('round-trips a shared moment', () => {
    const store = open(q({ graph: 'softmax-loss', a: '[1,2,3,4]', t: '[0,0,0,1]', step: '3', lang: 'ko' }));
    const again = open(toSearch(store.getState())).getState();
    expect(tensorsOf(again).t.shape).toEqual([4]);
    expect(again.step).toBe(3);
  });
  it('carries the view: the graph view by default, the training view as view=training', () => {
    const store = open(q({ graph: 'relu' }));
    expect(store.getState().view).toBe('graph');
    expect(new URLSearchParams(toSearch(store.getState())).get('view')).toBeNull();
    store.getState().setView('training');
    const search = toSearch(store.getState());
    expect(new URLSearchParams(search).get('view')).toBe('training');
    const again = open(search).getState();
    expect(again.view).toBe('training');
    expect(again.graphId).toBe('relu');
  });
  it('names a view it does not know and opens the graph view', () => {
    const s = open(q({ view: 'lab<script>' })).getState();
    expect(s.view).toBe('graph');
    expect(s.urlIgnored).toEqual([{ name: 'view', value: 'lab<script>', reason: 'view' }]);
  });
});
