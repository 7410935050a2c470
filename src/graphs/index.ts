import type { Lang } from '../i18n';
import { BOOK_CODE_KO } from './codeKo';
import { GRAPH_IDS, graphDef, isGraphId, type GraphId } from './registry';
import type { BookCode, GraphDef, MatrixGraphDef, ScalarGraphDef } from './types';

export * from './types';
export * from './registry';
export * from './sources';

/** The graphs the Graph combobox offers, in the book's order. */
export const AVAILABLE_GRAPHS: readonly GraphId[] = GRAPH_IDS;
export const isAvailable = isGraphId;

export function scalarDef(id: GraphId): ScalarGraphDef | null {
  const d = graphDef(id);
  return d.kind === 'scalar' ? d : null;
}
export function matrixDef(id: GraphId): MatrixGraphDef | null {
  const d = graphDef(id);
  return d.kind === 'matrix' ? d : null;
}

/** The book's code in the page's language: the Korean edition's comments for Korean readers. */
export const codeFor = (def: GraphDef, lang: Lang): BookCode =>
  lang === 'ko' ? (def.codeKo ?? BOOK_CODE_KO[def.id] ?? def.code) : def.code;
