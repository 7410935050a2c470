import { describe, expect, it } from 'vitest';
import { BOOK_CONFIG } from '../net/config';
import { textsFromRecord } from './savedRun';
import {
  applies,
  configFrom,
  DEFAULT_TRAIN_TEXTS,
  errorsOf,
  parseLayers,
  retargetTrainImages,
  textsOf,
  TRAIN_FIELDS,
  validateTrainField,
  type TrainField,
  type TrainTexts,
} from './trainingFields';

const MNIST = { trainCount: 60000 };
const errorOf = (field: TrainField, text: string, ctx = MNIST) => {
  const r = validateTrainField(field, text, ctx);
  return r.ok ? null : r.error;
};
const texts = (over: Partial<TrainTexts>): TrainTexts => ({ ...DEFAULT_TRAIN_TEXTS, ...over });

describe('Hidden layers', () => {
  it('takes comma-separated sizes, spaces or not', () => {
    expect(parseLayers('50')).toEqual({ ok: true, value: [50] });
    expect(parseLayers('100, 100, 100, 100')).toEqual({ ok: true, value: [100, 100, 100, 100] });
    expect(parseLayers(' 1,1000 ')).toEqual({ ok: true, value: [1, 1000] });
    expect(parseLayers(Array(10).fill('7').join(','))).toEqual({ ok: true, value: Array(10).fill(7) });
  });

  it('names the first bad size by its position', () => {
    expect(errorOf('hiddenLayers', '100,,100')).toEqual({ key: 'train.layers.emptyEntry', params: { position: 2 } });
    expect(errorOf('hiddenLayers', '100, 100,')).toEqual({ key: 'train.layers.emptyEntry', params: { position: 3 } });
    expect(errorOf('hiddenLayers', '0')).toEqual({
      key: 'train.layers.range',
      params: { position: 1, value: '0', min: 1, max: 1000 },
    });
    expect(errorOf('hiddenLayers', '50, 1001')).toEqual({
      key: 'train.layers.range',
      params: { position: 2, value: '1001', min: 1, max: 1000 },
    });
    expect(errorOf('hiddenLayers', 'abc')).toEqual({ key: 'train.layers.nan', params: { position: 1, text: 'abc' } });
    expect(errorOf('hiddenLayers', '50, 2.5')).toEqual({
      key: 'train.layers.nan',
      params: { position: 2, text: '2.5' },
    });
    expect(errorOf('hiddenLayers', '-5')?.key).toBe('train.layers.nan');
    expect(errorOf('hiddenLayers', '100 100')).toEqual({ key: 'train.layers.comma', params: { text: '100 100' } });
    expect(errorOf('hiddenLayers', '')).toEqual({ key: 'train.layers.none', params: {} });
    expect(errorOf('hiddenLayers', '  ')).toEqual({ key: 'train.layers.none', params: {} });
  });

  it('takes at most 10 layers', () => {
    expect(errorOf('hiddenLayers', Array(11).fill('10').join(', '))).toEqual({
      key: 'train.layers.tooMany',
      params: { count: 11, max: 10 },
    });
  });

  it('refuses a text too long to be sizes without reading it', () => {
    expect(errorOf('hiddenLayers', '1,'.repeat(600))?.key).toBe('error.tooLong');
  });
});

describe('the other settings', () => {
  it.each([
    ['dropout', '1', 'train.dropout.range', { min: 0, max: 1 }],
    ['dropout', '-0.1', 'train.dropout.range', { min: 0, max: 1 }],
    ['beta1', '1', 'train.range.realBelow', { min: 0, max: 1 }],
    ['beta2', '1.5', 'train.range.realBelow', { min: 0, max: 1 }],
    ['beta2', '-0.001', 'train.range.realBelow', { min: 0, max: 1 }],
    ['momentum', '1', 'train.range.realBelow', { min: 0, max: 1 }],
    ['decayRate', '2', 'train.range.realBelow', { min: 0, max: 1 }],
    ['weightDecay', '-1', 'train.range.realIncl', { min: 0, max: 10 }],
    ['learningRate', '0', 'train.range.real', { min: 0, max: 100 }],
    ['weightInitStd', '0', 'train.range.real', { min: 0, max: 10 }],
    ['trainImages', '0', 'train.range.int', { min: 1, max: 60000 }],
    ['trainImages', '60001', 'train.range.int', { min: 1, max: 60000 }],
    ['trainImages', '300.5', 'train.range.int', { min: 1, max: 60000 }],
    ['batchSize', '0', 'train.range.int', { min: 1, max: 10000 }],
  ] as const)('%s = %s: %s', (field, text, key, params) => {
    expect(errorOf(field, text)).toEqual({ key, params });
  });

  it('flags text that is not a number, or nothing, as the old fields did', () => {
    expect(errorOf('dropout', 'abc')).toEqual({ key: 'error.nan', params: { text: 'abc' } });
    expect(errorOf('beta1', '')).toEqual({ key: 'error.empty', params: {} });
    expect(errorOf('learningRate', 'Infinity')?.key).toBe('error.nan');
  });

  it('takes the edges that are inside the ranges', () => {
    for (const [f, t] of [
      ['dropout', '0'],
      ['dropout', '0.99'],
      ['beta1', '0'],
      ['beta2', '0.9999'],
      ['weightDecay', '0'],
      ['weightDecay', '10'],
      ['trainImages', '1'],
      ['trainImages', '60000'],
    ] as const)
      expect(errorOf(f, t), `${f}=${t}`).toBeNull();
  });

  it("Training images: at most the learner's own training set", () => {
    expect(errorOf('trainImages', '300', { trainCount: 200 })).toEqual({
      key: 'train.range.images',
      params: { min: 1, max: 200 },
    });
    expect(errorOf('trainImages', '200', { trainCount: 200 })).toBeNull();
  });

  it('comboboxes and the checkbox take their values only', () => {
    expect(errorOf('optimizer', 'adam')).toBeNull();
    expect(errorOf('optimizer', 'Adam')).toEqual({
      key: 'train.choice',
      params: { text: 'Adam', options: 'sgd, momentum, nesterov, adagrad, rmsprop, adam' },
    });
    expect(errorOf('activation', 'tanh')?.key).toBe('train.choice');
    expect(errorOf('weightInit', 'xavier')).toBeNull();
    expect(errorOf('batchNorm', '1')).toBeNull();
    expect(errorOf('batchNorm', 'yes')).toEqual({ key: 'train.flag', params: { text: 'yes' } });
  });

  it("the defaults are the book's and all valid", () => {
    expect(errorsOf(DEFAULT_TRAIN_TEXTS)).toEqual({});
    expect(DEFAULT_TRAIN_TEXTS).toMatchObject({
      hiddenLayers: '50',
      activation: 'relu',
      weightInit: 'std',
      weightInitStd: '0.01',
      optimizer: 'sgd',
      learningRate: '0.1',
      momentum: '0.9',
      decayRate: '0.99',
      beta1: '0.9',
      beta2: '0.999',
      weightDecay: '0',
      batchNorm: '0',
      dropout: '0',
      trainImages: '60000',
      batchSize: '100',
      iterations: '10000',
    });
  });
});

describe('configFrom', () => {
  it("the defaults make the book's config", () => {
    expect(configFrom(DEFAULT_TRAIN_TEXTS)).toEqual(BOOK_CONFIG);
  });

  it("builds chapter 6's net and optimizer", () => {
    const c = configFrom(
      texts({
        hiddenLayers: '100, 100, 100, 100',
        activation: 'sigmoid',
        weightInit: 'xavier',
        optimizer: 'adam',
        learningRate: '0.001',
        beta1: '0.8',
        beta2: '0.99',
        weightDecay: '0.1',
        batchNorm: '1',
        dropout: '0.2',
        trainImages: '300',
        batchSize: '128',
        iterations: '2000',
        seed: '7',
      }),
    );
    expect(c).toEqual({
      ...BOOK_CONFIG,
      hidden: [100, 100, 100, 100],
      activation: 'sigmoid',
      weightInit: 'xavier',
      optimizer: 'Adam',
      learningRate: 0.001,
      beta1: 0.8,
      beta2: 0.99,
      weightDecay: 0.1,
      batchNorm: true,
      dropout: 0.2,
      trainImages: 300,
      batchSize: 128,
      iterations: 2000,
      seed: 7,
    });
    expect(textsOf(c!)).toMatchObject({ hiddenLayers: '100, 100, 100, 100', optimizer: 'adam', batchNorm: '1' });
  });

  it('names every optimizer as the book does', () => {
    const names = ['sgd', 'momentum', 'nesterov', 'adagrad', 'rmsprop', 'adam'].map(
      (o) => configFrom(texts({ optimizer: o }))?.optimizer,
    );
    expect(names).toEqual(['SGD', 'Momentum', 'Nesterov', 'AdaGrad', 'RMSprop', 'Adam']);
  });

  it('is null while a field that applies is invalid', () => {
    for (const over of [
      { hiddenLayers: '100,,100' },
      { dropout: '1' },
      { optimizer: 'adam', beta1: '1' },
      { optimizer: 'momentum', momentum: 'x' },
      { optimizer: 'nesterov', momentum: '1' },
      { optimizer: 'rmsprop', decayRate: '' },
      { weightInitStd: '0' },
      { trainImages: '60001' },
    ])
      expect(configFrom(texts(over)), JSON.stringify(over)).toBeNull();
    expect(configFrom(texts({ trainImages: '300' }), { trainCount: 200 })).toBeNull();
  });

  it("an invalid field that does not apply holds nothing back, and gives the book's value", () => {
    const c = configFrom(texts({ optimizer: 'sgd', beta1: '1', momentum: 'x', decayRate: '5' }));
    expect(c).toMatchObject({ optimizer: 'SGD', beta1: 0.9, momentum: 0.9, decayRate: 0.99 });
    const he = configFrom(texts({ weightInit: 'he', weightInitStd: '-1' }));
    expect(he).toMatchObject({ weightInit: 'he', weightInitStd: 0.01 });
    expect(configFrom(texts({ optimizer: 'adam', momentum: '0.5' }))?.momentum).toBe(0.5);
  });

  it('says which fields apply', () => {
    const on = (t: Partial<TrainTexts>) => TRAIN_FIELDS.filter((f) => !applies(f, texts(t)));
    expect(on({})).toEqual(['momentum', 'decayRate', 'beta1', 'beta2']);
    expect(on({ optimizer: 'adam', weightInit: 'he' })).toEqual(['weightInitStd', 'momentum', 'decayRate']);
    expect(on({ optimizer: 'nesterov' })).toEqual(['decayRate', 'beta1', 'beta2']);
    expect(on({ optimizer: 'rmsprop' })).toEqual(['momentum', 'beta1', 'beta2']);
  });
});

describe('another training set', () => {
  it('Training images at all of the old set become all of the new; another count is checked again', () => {
    const all = retargetTrainImages(DEFAULT_TRAIN_TEXTS, {}, 60000, 500);
    expect(all.trainTexts.trainImages).toBe('500');
    expect(all.trainErrors.trainImages).toBeUndefined();
    const some = retargetTrainImages(texts({ trainImages: '1000' }), {}, 60000, 500);
    expect(some.trainTexts.trainImages).toBe('1000');
    expect(some.trainErrors.trainImages?.key).toBe('train.range.images');
    const back = retargetTrainImages(some.trainTexts, some.trainErrors, 500, 60000);
    expect(back.trainTexts.trainImages).toBe('1000');
    expect(back.trainErrors.trainImages).toBeUndefined();
  });
});

describe('a saved record', () => {
  it('puts every setting back', () => {
    const saved = texts({ hiddenLayers: '100, 100', optimizer: 'adam', batchNorm: '1', dropout: '1' });
    const r = textsFromRecord(saved, MNIST);
    expect(r.trainTexts).toEqual(saved);
    expect(Object.keys(r.trainErrors)).toEqual(['dropout']);
  });

  it('of the app before multi-layer nets: its hidden size is the one layer, the rest the defaults', () => {
    const old = {
      hiddenSize: '30',
      learningRate: '0.05',
      batchSize: '100',
      iterations: '1200',
      weightInitStd: '0.01',
      seed: '3',
    };
    const r = textsFromRecord(old, MNIST);
    expect(r.trainTexts).toEqual(texts({ hiddenLayers: '30', learningRate: '0.05', iterations: '1200', seed: '3' }));
    expect(r.trainErrors).toEqual({});
    expect(configFrom(r.trainTexts)).toEqual({
      ...BOOK_CONFIG,
      hidden: [30],
      learningRate: 0.05,
      iterations: 1200,
      seed: 3,
    });
  });

  it('ignores what is not a setting, or not a string', () => {
    const r = textsFromRecord({ hiddenLayers: 7, constructor: 'x', __proto__: 'y', optimizer: 'adam' }, MNIST);
    expect(r.trainTexts).toEqual(texts({ optimizer: 'adam' }));
  });
});
