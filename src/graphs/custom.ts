import { EXAMPLE_PROGRAM, parseProgram, type Program } from '../engine';
import type { BookCode, ScalarGraphDef } from './types';

/** The learner's own lines as a graph definition: their code, then the backward code the engine runs. */
export function customDef(program: Program, source: string): ScalarGraphDef {
  const code: BookCode = program.code;
  return {
    id: 'custom',
    kind: 'scalar',
    expression: true,
    program,
    source,
    graph: program.graph,
    code,
    // The generated backward code is headed as the Korean edition heads it.
    codeKo: { ...code, lines: code.lines.map((l) => (l === '# backward' ? '# 역전파' : l)) },
  };
}

const example = parseProgram(EXAMPLE_PROGRAM);
if (!example.ok) throw new Error(`the example program does not parse: ${JSON.stringify(example.error)}`);

/** "Your own graph" before the learner writes anything: the example program. */
export const custom = customDef(example.program, EXAMPLE_PROGRAM);
