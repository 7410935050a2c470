import type { GraphDef } from '../types';
import { expression } from './expression';
import { matrixFields } from './matrixFields';
import { scalarFields } from './scalarFields';
import { trainedNet } from './trainedNet';
import type { GraphInputs, InputSource } from './types';

export * from './types';
export { validateEdit } from './scalarFields';
export { checkMatrixInputs, settleMatrixTexts } from './matrixFields';

function make(def: GraphDef): InputSource {
  switch (def.source) {
    case 'scalarFields':
      return scalarFields(def);
    case 'expression':
      return expression(def);
    case 'matrixFields':
      return matrixFields(def);
    case 'trainedNet':
      return trainedNet(def);
  }
}

// One per definition, so that its defaults are the same objects each time (store selectors that
// got a new object each call would re-render forever).
const made = new WeakMap<GraphDef, InputSource>();

/** Where a definition's inputs come from: the module its `source` names. */
export function sourceOf(def: GraphDef): InputSource {
  let s = made.get(def);
  if (s === undefined) made.set(def, (s = make(def)));
  return s;
}

export const defaultTexts = (def: GraphDef): GraphInputs['texts'] => sourceOf(def).defaults.texts;
export const defaultValues = (def: GraphDef): GraphInputs['values'] => sourceOf(def).defaults.values;
export const defaultTensors = (def: GraphDef): GraphInputs['tensors'] => sourceOf(def).defaults.tensors;
