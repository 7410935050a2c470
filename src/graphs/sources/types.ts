import type { ExprError, ShapeErrorCode, TValue, Values } from '../../engine';
import type { LiteralError, Tensor } from '../../tensor/literal';
import type { SourceName } from '../types';

/** What is wrong with a field's text, as an i18n key and its parameters. */
export type FieldError =
  | { key: 'error.empty' }
  | { key: 'error.nan'; text: string }
  | { key: 'error.range'; min: number; max: number }
  | { key: 'error.tooLong'; length: number; max: number }
  | { key: 'error.tooBig'; name: string; shape: string; max: number }
  | { key: 'error.nonfinite' }
  | { key: 'literal'; error: LiteralError }
  | { key: 'shape'; code: ShapeErrorCode; params: Record<string, string | number> }
  | { key: 'expr'; error: ExprError };

/** One graph's inputs as the store keeps them. */
export interface GraphInputs {
  /** What the learner typed, per field. */
  texts: Readonly<Record<string, string>>;
  /** The last valid numbers (scalar graphs). */
  values: Readonly<Values>;
  /** The last valid matrices (matrix graphs). */
  tensors: Readonly<Record<string, Tensor>>;
}

/** The inputs with each field's error. */
export interface EditedInputs extends GraphInputs {
  errors: Readonly<Record<string, FieldError | undefined>>;
}

/** What an edit changes: the texts and errors, and the valid inputs of the source's kind. */
export interface InputsEdit {
  texts: Record<string, string>;
  errors: Record<string, FieldError | undefined>;
  values?: Values;
  tensors?: Record<string, Tensor>;
}

/** What a link's fields gave: the inputs, and the fields refused (in field order) with why. */
export interface LinkInputs extends GraphInputs {
  refused: { name: string; error: FieldError }[];
}

/**
 * Where a graph's inputs come from: one module per source in this folder. Each knows its
 * fields, their defaults and checks, its part of the link and the inputs a run starts from,
 * so the store, the URL and the components ask it instead of comparing kinds.
 */
export interface InputSource {
  readonly name: SourceName;
  /** The fields the learner edits, in the graph's order (none for the traced net). */
  readonly fields: readonly string[];
  /** Whether the fields hold NumPy literals (matrices) rather than numbers. */
  readonly literalFields: boolean;
  /** Whether the values are small enough to write on the drawing's edges. */
  readonly drawsInline: boolean;
  /** The link's parameters besides the fields that this source carries (the lines, the traced image). */
  readonly linkParams: readonly ('expr' | 'image')[];
  /** The inputs before any edit: the same frozen objects each time, as store selectors need. */
  readonly defaults: GraphInputs;
  /** Applies the learner's edited texts: each field checked, the graph recomputed from the valid ones. */
  edit(now: EditedInputs, edits: Readonly<Record<string, string>>): InputsEdit;
  /** The fields a link sets (field → text, only fields of this source), checked from the defaults. */
  readLink(given: Readonly<Record<string, string>>): LinkInputs;
  /** The fields' values a link writes: those that differ from the defaults and are valid. */
  linkValues(now: EditedInputs): Record<string, string>;
  /** The values a run starts from; the traced net takes them from the training panel (null until loaded). */
  runInputs(
    now: Pick<GraphInputs, 'values' | 'tensors'>,
    net: Readonly<Record<string, TValue>> | null,
  ): Readonly<Record<string, unknown>> | null;
}

/** A text over its size limit is refused, not kept: the field keeps its text (an 8 MB value
 * takes the browser seconds to lay out) and the message says why. */
export const isTooLong = (e: FieldError | undefined): boolean =>
  e?.key === 'error.tooLong' || (e?.key === 'literal' && e.error.kind === 'tooLong');

/** The texts after an edit, with each refused over-long edit put back to what the field held. */
export function keepUnlessTooLong(
  before: Readonly<Record<string, string>>,
  edits: Readonly<Record<string, string>>,
  errors: Readonly<Record<string, FieldError | undefined>>,
): Record<string, string> {
  const texts = { ...before, ...edits };
  for (const name of Object.keys(edits)) if (isTooLong(errors[name])) texts[name] = before[name];
  return texts;
}
