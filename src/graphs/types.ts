import type { Program, ScalarGraph, TensorGraph } from '../engine';
import type { MessageKey } from '../i18n/msg';

/** The book's code for a graph, with the line each step runs. */
export interface BookCode {
  lines: string[];
  /** Node id → 0-based line its forward() call is on. */
  forwardLine: Record<string, number>;
  /** Node id → 0-based line its backward() call is on. */
  backwardLine: Record<string, number>;
}

/**
 * What every graph definition says. Behaviour that differs from graph to graph is a field
 * here, never a comparison of ids in a component.
 */
interface GraphDefBase {
  id: string;
  /** The book's code, in the English edition's words. */
  code: BookCode;
  /** The code in Korean, where it is not the Korean edition's (the learner's own graph). */
  codeKo?: BookCode;
  /** The graph shown by the "compare" link beside the blurb (the two sigmoids). */
  partner?: { id: string; key: MessageKey };
  /** Named sets of inputs (the book's two Softmax-with-Loss cases). */
  presets?: { key: MessageKey; literals: Record<string, string> }[];
  /** A note under an input field. */
  inputNotes?: Record<string, MessageKey>;
  /**
   * Practice mode: variables whose gradient is asked by its shape alone, or 'all'. Where the
   * lesson is the shape (Affine's dW = Xᵀ · dY) or the values are too many to type (the net).
   */
  practice?: { shapes: 'all' | readonly string[] };
}

export interface ScalarGraphDef extends GraphDefBase {
  kind: 'scalar';
  /**
   * Where the inputs come from (graphs/sources): number fields, or number fields under the lines
   * the learner wrote (`?graph=custom&expr=…`), the graph not being one of the book's.
   */
  source: 'scalarFields' | 'expression';
  graph: ScalarGraph;
  /** The parsed lines of a learner's graph: it checks edited inputs against each operation's domain. */
  program?: Program;
  /** The lines as the learner wrote them. */
  lines?: string;
}

export interface MatrixGraphDef extends GraphDefBase {
  kind: 'matrix';
  /**
   * Where the inputs come from (graphs/sources): NumPy-literal fields, or the net from the
   * training panel traced on one MNIST image (its matrices are too big to write on the edges).
   */
  source: 'matrixFields' | 'trainedNet';
  graph: TensorGraph;
}

export type GraphDef = ScalarGraphDef | MatrixGraphDef;

/** The input sources a definition can name; each is one module in graphs/sources. */
export type SourceName = GraphDef['source'];

/** Builds a BookCode from lines tagged with `@f:nodeId` / `@b:nodeId` markers (markers stripped). */
export function bookCode(source: string): BookCode {
  const forwardLine: Record<string, number> = {};
  const backwardLine: Record<string, number> = {};
  const lines = source
    .replace(/^\n/, '')
    .replace(/\n$/, '')
    .split('\n')
    .map((line, i) => {
      return line.replace(/\s*@([fb]):(\S+)/g, (_m, kind: string, id: string) => {
        (kind === 'f' ? forwardLine : backwardLine)[id] = i;
        return '';
      });
    });
  return { lines, forwardLine, backwardLine };
}
