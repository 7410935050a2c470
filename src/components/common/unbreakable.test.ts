import { describe, expect, it } from 'vitest';
import { unbreakableRuns } from './unbreakable';

const kept = (text: string) =>
  unbreakableRuns(text)
    .filter((r) => r.keep)
    .map((r) => r.text);

describe('unbreakable runs', () => {
  it('keeps each row of a matrix whole and lets the line break only between rows', () => {
    const runs = unbreakableRuns('[[2, 4, 6], [4, 3, 2]]');
    expect(runs).toEqual([
      { text: '[[2, 4, 6]', keep: true },
      { text: ', ', keep: false },
      { text: '[4, 3, 2]]', keep: true },
    ]);
    // The matrix's own brackets stay with its first and last rows; a one-row matrix is one unit.
    expect(kept('[[1, 2], [3, 4], [5, 6]]')).toEqual(['[[1, 2]', '[3, 4]', '[5, 6]]']);
    expect(kept('a2 (1, 10) = [[0.1, 0.2]]')).toEqual(['(1, 10)', '[[0.1, 0.2]]']);
  });
  it('keeps vectors and shapes whole inside a sentence, and gives back the text unchanged', () => {
    const text = 'Backward 2/2: da = y − t → (3,) = [0.3, -0.8, 0.5]; dW = Xᵀ · dY: (2, 2)ᵀ · (2, 3) → (2, 3)';
    expect(kept(text)).toEqual(['(3,)', '[0.3, -0.8, 0.5]', '(2, 2)ᵀ', '(2, 3)', '(2, 3)']);
    expect(
      unbreakableRuns(text)
        .map((r) => r.text)
        .join(''),
    ).toBe(text);
  });
  it('leaves prose and plain numbers free to wrap', () => {
    expect(unbreakableRuns('min -0.0392, max 0.0413, mean 0')).toEqual([
      { text: 'min -0.0392, max 0.0413, mean 0', keep: false },
    ]);
    expect(kept('상류 -0.534447 × 국소적 미분 1 = -0.534447 → b (국소적 미분 1).')).toEqual([]);
    expect(unbreakableRuns('')).toEqual([]);
  });
  it('keeps the scalar shape and a row of a big literal', () => {
    expect(kept('L () = 1.60944')).toEqual(['()']);
    const row = `[${Array.from({ length: 24 }, (_, i) => i / 7).join(', ')}]`;
    expect(kept(`[${row}]`)).toEqual([`[${row}]`]);
  });
});
