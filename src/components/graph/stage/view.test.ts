import { describe, expect, it } from 'vitest';
import { chooseView, fitScale, MARGIN, MAX_GROW } from './view';

describe('choosing the view', () => {
  it('a small drawing grows to the space, up to twice the body size, centred', () => {
    const v = chooseView([{ width: 300, height: 100 }], 800, 500);
    expect(v.index).toBe(0);
    expect(v.k).toBe(MAX_GROW);
    expect(v.height).toBe(100 * MAX_GROW + 2 * MARGIN);
    expect(v.x).toBeCloseTo((800 - 300 * MAX_GROW) / 2);
  });

  it('the first layout that fits at body size wins, even when a later one would be larger', () => {
    const v = chooseView(
      [
        { width: 780, height: 200 },
        { width: 300, height: 300 },
      ],
      800,
      500,
    );
    expect(v.index).toBe(0);
    expect(v.k).toBeCloseTo(fitScale(780, 200, 800, 500));
  });

  it('a drawing too wide at body size tries the next layout (wrapped, or top to bottom)', () => {
    const v = chooseView(
      [
        { width: 1200, height: 200 },
        { width: 700, height: 400 },
      ],
      800,
      500,
    );
    expect(v.index).toBe(1);
    expect(v.k).toBeGreaterThanOrEqual(1);
  });

  it('when nothing fits, the text stays at body size and the view starts at the beginning', () => {
    const v = chooseView([{ width: 3000, height: 900 }], 800, 500);
    expect(v.k).toBe(1);
    expect(v.fitK).toBeLessThan(1);
    expect(v.x).toBe(MARGIN);
    expect(v.y).toBe(MARGIN);
    expect(v.height).toBe(500);
  });

  it('presenting takes the whole height it is given and grows further', () => {
    const v = chooseView([{ width: 300, height: 100 }], 1400, 500, { fixedHeight: 800, maxGrow: 4 });
    expect(v.height).toBe(800);
    expect(v.k).toBe(4);
  });
});
