import { describe, expect, it } from 'vitest';
import { parseProgram } from '../../engine';
import { customDef, exampleDef } from '../custom';
import { GRAPH_IDS, graphDef } from '../registry';
import { sourceOf } from './index';
import type { EditedInputs, InputSource } from './types';

const fresh = (s: InputSource): EditedInputs => ({ ...s.defaults, errors: {} });

describe('each definition names its input source', () => {
  it('gives every graph the source its kind allows', () => {
    const names = Object.fromEntries(GRAPH_IDS.map((id) => [id, sourceOf(graphDef(id)).name]));
    expect(names).toEqual({
      apple: 'scalarFields',
      'apple-orange': 'scalarFields',
      'chain-rule': 'scalarFields',
      sigmoid: 'scalarFields',
      'sigmoid-simple': 'scalarFields',
      relu: 'scalarFields',
      affine: 'matrixFields',
      'softmax-loss': 'matrixFields',
      'two-layer-net': 'trainedNet',
      custom: 'expression',
    });
  });
  it('is made once per definition, so its defaults are the same objects each time', () => {
    const def = graphDef('affine');
    expect(sourceOf(def)).toBe(sourceOf(def));
    expect(Object.isFrozen(sourceOf(def).defaults.tensors)).toBe(true);
  });
});

describe('scalarFields', () => {
  const s = sourceOf(graphDef('apple'));
  it('offers every input as a number field, the book’s numbers as defaults', () => {
    expect(s.fields).toEqual(['apple', 'apple_num', 'tax']);
    expect(s.defaults.texts).toEqual({ apple: '100', apple_num: '2', tax: '1.1' });
    expect(s.defaults.values).toEqual({ apple: 100, apple_num: 2, tax: 1.1 });
    expect([s.literalFields, s.drawsInline, s.linkParams]).toEqual([false, true, []]);
  });
  it('checks an edit, keeps the last valid values and refuses an over-long text', () => {
    const r = s.edit(fresh(s), { apple: '150', tax: 'abc' });
    expect(r.values).toEqual({ apple: 150, apple_num: 2, tax: 1.1 });
    expect(r.errors.tax).toEqual({ key: 'error.nan', text: 'abc' });
    expect(r.texts.tax).toBe('abc');
    const long = s.edit(fresh(s), { apple: '7'.repeat(5000) });
    expect(long.errors.apple?.key).toBe('error.tooLong');
    expect(long.texts.apple).toBe('100');
  });
  it('reads the link from the defaults and writes only what differs', () => {
    const r = s.readLink({ apple: '50', tax: '1e400' });
    expect(r.values.apple).toBe(50);
    expect(r.refused.map((x) => [x.name, x.error.key])).toEqual([['tax', 'error.range']]);
    expect(s.linkValues({ ...r, errors: {} })).toEqual({ apple: '50' });
    expect(s.runInputs(r, null)).toBe(r.values);
  });
});

describe('expression', () => {
  it('is the scalar fields of the learner’s lines, and the link carries the lines', () => {
    const def = exampleDef('en');
    const s = sourceOf(def);
    expect(s.fields).toEqual(def.graph.inputs.map((i) => i.name));
    expect(s.linkParams).toEqual(['expr']);
  });
  it('checks an edit against the domains of the lines', () => {
    const lines = 'x = 2\ny = log(x)';
    const r = parseProgram(lines);
    if (!r.ok) throw new Error('the test program does not parse');
    const s = sourceOf(customDef(r.program, lines));
    expect(s.edit(fresh(s), { x: '-2' }).errors.x?.key).toBe('expr');
    expect(s.edit(fresh(s), { x: '3' }).values).toEqual({ x: 3 });
  });
});

describe('matrixFields', () => {
  const s = sourceOf(graphDef('affine'));
  it('offers the inputs that have a literal, parsed for the defaults', () => {
    expect(s.fields).toEqual(['X', 'W', 'B', 'dY']);
    expect(s.defaults.tensors.W.shape).toEqual([2, 3]);
    expect(s.literalFields).toBe(true);
  });
  it('settles the fields together: two edits that change a shape are both taken', () => {
    const first = s.edit(fresh(s), { X: '[[1, 2], [3, 4], [5, 6]]' });
    expect(first.errors.X?.key).toBe('shape');
    const both = s.edit({ ...s.defaults, ...first, tensors: first.tensors! }, { dY: '[[1,2,3],[4,5,6],[7,8,9]]' });
    expect(both.errors).toEqual({ X: undefined, dY: undefined });
    expect(both.tensors?.X.shape).toEqual([3, 2]);
  });
  it('reads a link, refusing a field that does not fit, and writes only valid changes', () => {
    const r = s.readLink({ X: '[[1, 2, 3]]' });
    expect(r.refused.map((x) => [x.name, x.error.key])).toEqual([['X', 'shape']]);
    expect(r.texts.X).toBe(s.defaults.texts.X);
    const now = { ...s.defaults, texts: { ...s.defaults.texts, B: '[0, 0, 1]', X: 'bad' }, errors: { X: undefined } };
    expect(s.linkValues({ ...now, errors: { X: { key: 'error.nonfinite' } } })).toEqual({ B: '[0, 0, 1]' });
  });
});

describe('trainedNet', () => {
  const s = sourceOf(graphDef('two-layer-net'));
  it('has no fields, draws no values on the edges, carries the image and runs on the net it is given', () => {
    expect(s.fields).toEqual([]);
    expect(s.drawsInline).toBe(false);
    expect(s.linkParams).toEqual(['image']);
    expect(s.runInputs(s.defaults, null)).toBeNull();
  });
});
