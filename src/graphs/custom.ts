import { EXAMPLE_PROGRAM, parseProgram, type Program } from '../engine';
import type { Lang } from '../i18n';
import type { BookCode, ScalarGraphDef } from './types';

/** The learner's own lines as a graph definition: their code, then the backward code the engine runs. */
export function customDef(program: Program, lines: string): ScalarGraphDef {
  const code: BookCode = program.code;
  return {
    id: 'custom',
    kind: 'scalar',
    source: 'expression',
    program,
    lines,
    graph: program.graph,
    code,
    // The generated backward code is headed as the Korean edition heads it.
    codeKo: { ...code, lines: code.lines.map((l) => (l === '# backward' ? '# 역전파' : l)) },
  };
}

/** The example's lines in the page's language: only its comment differs. */
const EXAMPLES: Record<Lang, string> = {
  en: EXAMPLE_PROGRAM,
  ko: EXAMPLE_PROGRAM.replace(/^#.*$/m, '# 10% 할인한 다음 소비세'),
};

/** The example as a definition, in the page's language. */
export function exampleDef(lang: Lang): ScalarGraphDef {
  const r = parseProgram(EXAMPLES[lang]);
  if (!r.ok) throw new Error(`the example program does not parse: ${JSON.stringify(r.error)}`);
  return customDef(r.program, EXAMPLES[lang]);
}

/** "Your own graph" before the learner writes anything: the example program. */
export const custom = exampleDef('en');
