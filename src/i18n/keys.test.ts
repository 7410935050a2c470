import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { EXPR_ERROR_CODES, type ShapeErrorCode } from '../engine';
import { ERROR_CODES } from '../errors';
import { GRAPH_IDS } from '../graphs';
import { TOUR } from '../practice/tour';
import type { IgnoreReason } from '../store/types';
import type { LiteralError } from '../tensor/literal';
import { en } from './en';
import { ko } from './ko';

/** Every member of the union T, listed once: a member left out, or one that is not in T, fails typecheck. */
const every =
  <T extends string>() =>
  <const L extends readonly T[]>(list: L & ([Exclude<T, L[number]>] extends [never] ? unknown : never)): L =>
    list;

const LITERAL_KINDS = every<LiteralError['kind']>()([
  'empty',
  'syntax',
  'ragged',
  'depth',
  'nonfinite',
  'range',
  'tooLong',
  'tooMany',
]);
const SHAPE_CODES = every<ShapeErrorCode>()(['dot', 'bias', 'labelsShape', 'oneHot', 'upstream']);
/** `unreadable` says the whole link was unreadable, with its own words (notice.unreadable). */
const REASONS = every<Exclude<IgnoreReason, 'unreadable'>>()([
  'graph',
  'lang',
  'view',
  'step',
  'image',
  'noImage',
  'tour',
  'input',
  'number',
  'range',
  'nonfinite',
  'literal',
  'shape',
  'tooLong',
  'expr',
  'setting',
  'choice',
  'alias',
]);

/**
 * The keys the code builds from a template (`graph.${id}`), each with every value it is built
 * from. The template's text, as the code writes it before its first `${`, names it.
 */
const TEMPLATES: Record<string, readonly string[]> = {
  'graph.': GRAPH_IDS.map((id) => `graph.${id}`),
  'blurb.': GRAPH_IDS.map((id) => `blurb.${id}`),
  'tour.': TOUR.flatMap((s) => [`tour.${s.id}.title`, `tour.${s.id}.text`]),
  'err.': ERROR_CODES.map((code) => `err.${code}`),
  'expr.error.': EXPR_ERROR_CODES.map((code) => `expr.error.${code}`),
  'literal.': LITERAL_KINDS.map((kind) => `literal.${kind}`),
  'shape.': SHAPE_CODES.map((code) => `shape.${code}`),
  'notice.reason.': REASONS.map((reason) => `notice.reason.${reason}`),
};

const SRC = fileURLToPath(new URL('..', import.meta.url));
/** The app's own code: every .ts/.tsx under src/ but the two dictionaries, the tests and the test helpers. */
const code = readdirSync(SRC, { recursive: true, encoding: 'utf8' })
  .filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f))
  .map((f) => f.replaceAll('\\', '/'))
  .filter((f) => f !== 'i18n/en.ts' && f !== 'i18n/ko.ts' && !f.startsWith('testing/'))
  .map((f) => readFileSync(SRC + f, 'utf8'))
  .join('\n');

describe('i18n keys', () => {
  const keys = Object.keys(en);

  it('Korean has exactly the English keys', () => {
    expect(Object.keys(ko).sort()).toEqual([...keys].sort());
  });

  it('every template the code builds a key from is known here', () => {
    const prefixes = new Set([...code.matchAll(/`([a-z][\w-]*(?:\.[\w-]+)*\.)\$\{/gi)].map((m) => m[1]));
    // A key's template looks like one of its keys' first words; other templates (`${n} steps`) do not.
    const first = new Set(keys.map((k) => k.split('.')[0] + '.'));
    const keyTemplates = [...prefixes].filter((p) => first.has(p.split('.')[0] + '.'));
    expect(keyTemplates.sort()).toEqual(Object.keys(TEMPLATES).sort());
  });

  it('every key built from a template is in the dictionary', () => {
    const built = Object.values(TEMPLATES).flat();
    expect(built.filter((k) => !(k in en))).toEqual([]);
  });

  it('every key is used: written out in the code or built from a template', () => {
    const built = new Set(Object.values(TEMPLATES).flat());
    const quoted = (k: string) => code.includes(`'${k}'`) || code.includes(`"${k}"`) || code.includes(`\`${k}\``);
    expect(keys.filter((k) => !built.has(k) && !quoted(k))).toEqual([]);
  });
});
