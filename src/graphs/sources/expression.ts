import type { ScalarGraphDef } from '../types';
import { scalarFields } from './scalarFields';
import type { InputSource } from './types';

/**
 * The learner's own graph: number fields as the book's scalar graphs have, under the lines that
 * define them (each checked against its operations' domains), and the link carries the lines.
 */
export const expression = (def: ScalarGraphDef): InputSource => ({ ...scalarFields(def), linkParams: ['expr'] });
