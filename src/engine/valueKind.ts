import type { Msg } from '../i18n/msg';
import type { Engine } from './core';

/** How the page shows a value of one type: in a cell, in a tooltip, on an edge. */
export interface ValueFormat<V> {
  /** Short, rounded: "220", "[[1, 2], [3, 4]]", or a summary message for a big matrix. */
  cell(v: V): string | Msg;
  /** Every digit, for a tooltip. */
  full(v: V): string;
  /** NumPy's shape, "(2, 3)", or null for scalars. */
  shape(v: V): string | null;
  /** Lines written on an edge (none when the value is too big to write). */
  edgeLines(v: V): string[];
}

/** A value type's engine and its formatting: what a graph definition's `kind` selects. */
export interface ValueKind<V> extends Engine<V> {
  fmt: ValueFormat<V>;
}
