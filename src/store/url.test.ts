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

describe('the training settings in the link', () => {
  const params = (search: string) => Object.fromEntries(new URLSearchParams(search));
  /** Every setting away from its default, as the link writes it. */
  const EVERY = {
    layers: '100,100,100,100',
    activation: 'sigmoid',
    init: 'xavier',
    std: '0.05',
    batchnorm: '1',
    optimizer: 'adam',
    lr: '0.001',
    momentum: '0.5',
    decay: '0.9',
    beta1: '0.8',
    beta2: '0.99',
    weightdecay: '0.1',
    dropout: '0.2',
    train: '300',
    batch: '128',
    iters: '2000',
    seed: '42',
  };

  it('writes nothing for the defaults', () => {
    expect(toSearch(open('').getState())).toBe('?lang=en&graph=apple-orange');
  });

  it('round-trips every setting', () => {
    // Every one, those that do not apply with the others too (std, momentum, decay): nothing is lost.
    const s = open(q(EVERY)).getState();
    expect(s.urlIgnored).toEqual([]);
    expect(s.trainTexts).toEqual({
      hiddenLayers: '100,100,100,100',
      activation: 'sigmoid',
      weightInit: 'xavier',
      weightInitStd: '0.05',
      batchNorm: '1',
      optimizer: 'adam',
      learningRate: '0.001',
      momentum: '0.5',
      decayRate: '0.9',
      beta1: '0.8',
      beta2: '0.99',
      weightDecay: '0.1',
      dropout: '0.2',
      trainImages: '300',
      batchSize: '128',
      iterations: '2000',
      seed: '42',
    });
    expect(s.trainErrors).toEqual({});
    expect(params(toSearch(s))).toEqual({ lang: 'en', graph: 'apple-orange', ...EVERY });
    expect(open(toSearch(s)).getState().trainTexts).toEqual(s.trainTexts);
  });

  it('writes each setting the learner changes, plainly, and only while it is not the default', () => {
    const store = open('');
    const edit = store.getState().editTrainField;
    edit('hiddenLayers', ' 100,  100 ');
    edit('weightInit', 'he');
    edit('optimizer', 'nesterov');
    edit('learningRate', '0.010');
    edit('batchNorm', '1');
    expect(params(toSearch(store.getState()))).toMatchObject({
      layers: '100,100',
      init: 'he',
      optimizer: 'nesterov',
      lr: '0.01',
      batchnorm: '1',
    });
    edit('learningRate', '0.10');
    edit('batchNorm', '0');
    edit('hiddenLayers', '50');
    const p = params(toSearch(store.getState()));
    for (const name of ['lr', 'batchnorm', 'layers']) expect(p[name], name).toBeUndefined();
  });

  it('keeps a text that is not valid as typed, so a reload shows it again', () => {
    const store = open('');
    store.getState().editTrainField('hiddenLayers', '100,,100');
    store.getState().editTrainField('dropout', '1');
    const search = toSearch(store.getState());
    expect(params(search)).toMatchObject({ layers: '100,,100', dropout: '1' });
    const again = open(search).getState();
    expect(again.trainTexts).toMatchObject({ hiddenLayers: '100,,100', dropout: '1' });
    expect(again.trainErrors.hiddenLayers?.key).toBe('train.layers.emptyEntry');
  });

  it('names what it cannot use; a text field shows it, flagged; a combobox keeps its default', () => {
    const s = open(
      q({ layers: '100,,100', dropout: '1', optimizer: 'adamw', activation: 'tanh', batchnorm: 'maybe', beta1: 'x' }),
    ).getState();
    expect(s.urlIgnored).toEqual([
      { name: 'layers', value: '100,,100', reason: 'setting' },
      { name: 'activation', value: 'tanh', reason: 'choice' },
      { name: 'batchnorm', value: 'maybe', reason: 'choice' },
      { name: 'optimizer', value: 'adamw', reason: 'choice' },
      { name: 'beta1', value: 'x', reason: 'setting' },
      { name: 'dropout', value: '1', reason: 'setting' },
    ]);
    expect(s.trainTexts).toMatchObject({
      hiddenLayers: '100,,100',
      dropout: '1',
      beta1: 'x',
      optimizer: 'sgd',
      activation: 'relu',
      batchNorm: '0',
    });
    expect(Object.keys(s.trainErrors).sort()).toEqual(['beta1', 'dropout', 'hiddenLayers']);
    expect(s.trainErrors.dropout?.key).toBe('train.dropout.range');
  });

  it('reads the names of choices in any case, and the checkbox as 1/0, true/false or on/off', () => {
    const s = open(q({ optimizer: 'RMSprop', activation: 'Sigmoid', init: 'HE', batchnorm: 'true' })).getState();
    expect(s.urlIgnored).toEqual([]);
    expect(s.trainTexts).toMatchObject({
      optimizer: 'rmsprop',
      activation: 'sigmoid',
      weightInit: 'he',
      batchNorm: '1',
    });
    expect(params(toSearch(s))).toMatchObject({
      optimizer: 'rmsprop',
      activation: 'sigmoid',
      init: 'he',
      batchnorm: '1',
    });
    expect(open(q({ batchnorm: 'off' })).getState().trainTexts.batchNorm).toBe('0');
    expect(open(q({ optimizer: 'constructor' })).getState().urlIgnored).toEqual([
      { name: 'optimizer', value: 'constructor', reason: 'choice' },
    ]);
  });

  it('hidden= (the old Hidden size) is one layer, unless layers= is given too', () => {
    const s = open(q({ hidden: '30' })).getState();
    expect(s.urlIgnored).toEqual([]);
    expect(s.trainTexts.hiddenLayers).toBe('30');
    expect(params(toSearch(s))).toMatchObject({ layers: '30' });
    expect(params(toSearch(s)).hidden).toBeUndefined();
    const both = open(q({ layers: '100,100', hidden: '30' })).getState();
    expect(both.trainTexts.hiddenLayers).toBe('100,100');
    expect(both.urlIgnored).toEqual([{ name: 'hidden', value: '30', reason: 'alias' }]);
    const bad = open(q({ hidden: '0' })).getState();
    expect(bad.urlIgnored).toEqual([{ name: 'hidden', value: '0', reason: 'setting' }]);
    expect(bad.trainTexts.hiddenLayers).toBe('0');
  });

  it("Training images' default is the whole training set in use", () => {
    const store = open(q({ train: '60000' }));
    expect(params(toSearch(store.getState())).train).toBeUndefined();
    store.setState({ dataset: { id: 'own', files: null, trainCount: 500, testCount: 100 } });
    store.getState().editTrainField('trainImages', '500');
    expect(params(toSearch(store.getState())).train).toBeUndefined();
    store.getState().editTrainField('trainImages', '300');
    expect(params(toSearch(store.getState())).train).toBe('300');
  });

  it('leaves a text longer than the limit out of the link', () => {
    const store = open('');
    store.getState().editTrainField('hiddenLayers', '1,'.repeat(400));
    expect(params(toSearch(store.getState())).layers).toBeUndefined();
  });
});
