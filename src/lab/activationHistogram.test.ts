import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  activationHistograms,
  BOOK_HISTOGRAM,
  histogram,
  HISTOGRAM_ACTIVATIONS,
  layerActivations,
  WEIGHT_SCALES,
  weightScale,
  type Histogram,
  type HistogramSettings,
} from './activationHistogram';

/** Written by scripts/make-ch6-lab-fixtures.py with NumPy's np.histogram. */
type Case = { bins: number; range: [number, number]; counts: number[]; edges: number[] };
const numpy = JSON.parse(readFileSync(new URL('./fixtures/histogram.json', import.meta.url), 'utf8')) as {
  values: number[];
} & Record<string, Case>;

const ALL = 1000 * 100;
const SEEDS = [BOOK_HISTOGRAM.seed, 2];
const run = (s: Partial<HistogramSettings>) => activationHistograms(s);
const frac = (h: Histogram, bins: number[]) => bins.reduce((a, b) => a + h.counts[b], 0) / ALL;
const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => a + i);

describe("np.histogram's counting", () => {
  for (const [label, c] of Object.entries(numpy).filter(([k]) => k !== 'values') as [string, Case][]) {
    it(`counts as NumPy does, bin edges included (${label})`, () => {
      const h = histogram(numpy.values, c.bins, c.range);
      expect(h.edges).toEqual(c.edges);
      expect(h.counts).toEqual(c.counts);
      expect(h.counts.reduce((a, b) => a + b, 0) + h.below + h.above + h.nan).toBe(numpy.values.length);
    });
  }

  it('puts the right end in the last bin, counts what is outside and refuses a bad range', () => {
    const h = histogram([0, 0.5, 1, -0.1, 1.1, NaN], 2, [0, 1]);
    expect(h).toEqual({ edges: [0, 0.5, 1], counts: [1, 2], below: 1, above: 1, nan: 1 });
    expect(() => histogram([1], 0, [0, 1])).toThrow(RangeError);
    expect(() => histogram([1], 3, [1, 0])).toThrow(RangeError);
  });
});

describe("weight_init_activation_histogram: the book's shapes", () => {
  it('has the scales of the script: 1, 0.01, √(1/n), √(2/n)', () => {
    expect(WEIGHT_SCALES.map((w) => weightScale(w, 100))).toEqual([1, 0.01, Math.sqrt(0.01), Math.sqrt(0.02)]);
  });

  it('counts every one of the 100,000 activations of each of the 5 layers', () => {
    for (const weight of WEIGHT_SCALES)
      for (const activation of HISTOGRAM_ACTIVATIONS) {
        const hs = run({ weight, activation });
        expect(hs).toHaveLength(5);
        for (const h of hs) {
          expect(h.counts).toHaveLength(30);
          expect(h.nan).toBe(0);
          expect(h.counts.reduce((a, b) => a + b, 0) + h.below + h.above).toBe(ALL);
          // Sigmoid's values all lie in the script's range (0, 1); tanh's negatives and ReLU's
          // values over 1 fall outside it, as they do in the book's plt.hist.
          if (activation === 'sigmoid') expect(h.below + h.above).toBe(0);
          if (activation === 'relu') expect(h.below).toBe(0);
          if (activation === 'tanh') expect(h.above).toBe(0);
        }
      }
  });

  it('is repeatable by its seed, and the weight scale changes nothing but the scale', () => {
    expect(run({ seed: 5 })).toEqual(run({ seed: 5 }));
    expect(run({ seed: 5 })).not.toEqual(run({ seed: 6 }));
    const a = layerActivations({ weight: 'he', activation: 'relu', layers: 1 })[0];
    const b = layerActivations({ weight: 'xavier', activation: 'relu', layers: 1 })[0];
    for (let i = 0; i < 1000; i++) expect(a.data[i]).toBeCloseTo(b.data[i] * Math.sqrt(2), 12);
  });

  it('std 1 with sigmoid: the activations pile up at 0 and 1 in every layer', () => {
    for (const seed of SEEDS)
      for (const h of run({ seed, weight: 'std1', activation: 'sigmoid' })) {
        expect(frac(h, [0])).toBeGreaterThan(0.2);
        expect(frac(h, [29])).toBeGreaterThan(0.2);
        for (const b of range(5, 24)) expect(frac(h, [b])).toBeLessThan(0.02);
      }
  });

  it('std 0.01 with sigmoid: the activations pile up at 0.5, the deeper layers all but entirely', () => {
    for (const seed of SEEDS)
      run({ seed, weight: 'std0.01', activation: 'sigmoid' }).forEach((h, i) => {
        expect(frac(h, [14, 15])).toBeGreaterThan(i === 0 ? 0.8 : 0.95);
        expect(frac(h, [...range(0, 9), ...range(20, 29)])).toBe(0);
      });
  });

  it('Xavier with sigmoid: spread over many bins, no pile anywhere', () => {
    for (const seed of SEEDS)
      for (const h of run({ seed, weight: 'xavier', activation: 'sigmoid' })) {
        // No bin holds a quarter (std 0.01 puts nearly all in two), at least 10 hold 1% each.
        for (const b of range(0, 29)) expect(frac(h, [b])).toBeLessThan(0.25);
        expect(h.counts.filter((c) => c >= 0.01 * ALL).length).toBeGreaterThanOrEqual(10);
        expect(frac(h, [0, 29])).toBeLessThan(0.01);
      }
  });

  it('He with ReLU keeps its spread through the layers; Xavier with ReLU shrinks towards 0; std 0.01 collapses', () => {
    for (const seed of SEEDS) {
      const he = run({ seed, weight: 'he', activation: 'relu' });
      for (const h of he) {
        // About half the units are off (the pile at 0) and the rest keep the first layer's spread.
        expect(frac(h, [0])).toBeGreaterThan(0.4);
        expect(frac(h, [0])).toBeLessThan(0.65);
        expect(h.above / ALL).toBeGreaterThan(0.15);
        expect(h.above).toBeGreaterThan(0.5 * he[0].above);
        expect(frac(h, range(1, 29))).toBeGreaterThan(0.15);
      }
      const xavier = run({ seed, weight: 'xavier', activation: 'relu' });
      expect(xavier[4].above).toBeLessThan(0.1 * xavier[0].above);
      const small = run({ seed, weight: 'std0.01', activation: 'relu' });
      expect(frac(small[4], [0])).toBe(1);
    }
  });
});
