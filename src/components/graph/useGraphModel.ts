import { useMemo } from 'react';
import { MATRIX, run as runGraph, SCALAR, stateAt, type Run, type StepState, type ValueKind } from '../../engine';
import { sourceOf, type GraphDef } from '../../graphs';
import { tensorsOf, useAppStore, valuesOf } from '../../store';
import type { TwoLayerInputs } from './useTwoLayerInputs';

/** A graph with its value type, its run on the current inputs and the state at the current step. */
export interface GraphModel {
  def: GraphDef;
  vk: ValueKind<unknown>;
  inputs: Readonly<Record<string, unknown>>;
  run: Run<unknown>;
  state: StepState<unknown>;
}

export const valueKindOf = (def: GraphDef): ValueKind<unknown> => (def.kind === 'scalar' ? SCALAR : MATRIX);

/**
 * The inputs come from the fields (the last valid values) or, for the traced net, from the
 * training panel; the run is redone only when they change, the state at every step.
 */
export function useGraphModel(def: GraphDef, net: TwoLayerInputs['inputs']): GraphModel | null {
  const step = useAppStore((s) => s.step);
  const values = useAppStore((s) => valuesOf(s));
  const tensors = useAppStore((s) => tensorsOf(s));
  const inputs = useMemo(() => sourceOf(def).runInputs({ values, tensors }, net), [def, values, tensors, net]);
  const vk = valueKindOf(def);
  // Keyed on the graph, not the definition: a comment edit in the learner's lines gives a new
  // definition around the same graph, and nothing is run or laid out again for it.
  const graph = def.graph;
  const run = useMemo(() => (inputs ? runGraph(vk, graph, inputs) : null), [vk, graph, inputs]);
  return useMemo(
    () => (run && inputs ? { def, vk, inputs, run, state: stateAt(vk, def.graph, run, step) } : null),
    [def, vk, inputs, run, step],
  );
}
