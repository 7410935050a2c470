import { describe, expect, it } from 'vitest';
import { chooseView, fitScale, MARGIN, MAX_GROW } from './view';

describe('choosing the view', () => {
  it('a small drawing stays at the one text size of every graph, centred, its box no taller than it', () => {
    const v = chooseView([{ width: 300, height: 100 }], 800, 500);
    expect(MAX_GROW).toBe(1);
    expect(v.index).toBe(0);
    expect(v.k).toBe(1);
    expect(v.height).toBe(100 + 2 * MARGIN);
    expect(v.x).toBeCloseTo((800 - 300) / 2);
    expect(v.y).toBeCloseTo(MARGIN);
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
    expect(v.k).toBe(1);
    expect(fitScale(780, 200, 800, 500)).toBeGreaterThanOrEqual(1);
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
    expect(v.k).toBe(1);
  });

  it('when nothing fits at body size, the layout that fits best is shrunk until all of it is in view', () => {
    const v = chooseView([{ width: 3000, height: 900 }], 800, 500);
    expect(v.k).toBeCloseTo(fitScale(3000, 900, 800, 500));
    expect(v.k).toBeCloseTo(v.fitK);
    expect(3000 * v.k).toBeLessThanOrEqual(800 - 2 * MARGIN + 1e-9);
    expect(v.x).toBeGreaterThanOrEqual(MARGIN - 1e-9);
    expect(v.x + 3000 * v.k).toBeLessThanOrEqual(800 - MARGIN + 1e-9);
    expect(v.y + 900 * v.k).toBeLessThanOrEqual(v.height - MARGIN + 1e-9);
    // Between two that both need shrinking, the one that is drawn larger wins.
    const w = chooseView(
      [
        { width: 3000, height: 300 },
        { width: 900, height: 900 },
      ],
      390,
      500,
    );
    expect(w.index).toBe(1);
    expect(w.k).toBeCloseTo(fitScale(900, 900, 390, 500));
  });

  it('presenting takes the whole height it is given and grows further', () => {
    const v = chooseView([{ width: 300, height: 100 }], 1400, 500, { fixedHeight: 800, maxGrow: 4 });
    expect(v.height).toBe(800);
    expect(v.k).toBe(4);
  });
});
