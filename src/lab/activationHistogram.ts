import { matmul, zeros, type Matrix } from '../tensor/matrix';
import { mulberry32, normalSampler } from '../tensor/random';

/**
 * The book's ch06/weight_init_activation_histogram.py without its figure: 1,000 × 100 standard
 * normal inputs through 5 layers of 100 units (no bias), each layer's weights standard normal
 * times a scale, then an activation; the histogram of every layer's activations as the
 * script's plt.hist(a.flatten(), 30, range=(0,1)) counts them (NumPy's np.histogram: values
 * outside the range are left out, the last bin holds its right edge). Drawn with the project's
 * seeded generator, so the counts are repeatable but are not NumPy's.
 */

/** The script's four weight scales (its commented-out lines): 1, 0.01, Xavier √(1/n), He √(2/n). */
export const WEIGHT_SCALES = ['std1', 'std0.01', 'xavier', 'he'] as const;
export type WeightScale = (typeof WEIGHT_SCALES)[number];

/** The script's three activations. */
export const HISTOGRAM_ACTIVATIONS = ['sigmoid', 'tanh', 'relu'] as const;
export type HistogramActivation = (typeof HISTOGRAM_ACTIVATIONS)[number];

export interface HistogramSettings {
  samples: number;
  nodes: number;
  layers: number;
  weight: WeightScale;
  activation: HistogramActivation;
  bins: number;
  range: readonly [number, number];
  seed: number;
}

/** The script as it stands: std 1 with sigmoid, 30 bins over (0, 1). */
export const BOOK_HISTOGRAM: HistogramSettings = {
  samples: 1000,
  nodes: 100,
  layers: 5,
  weight: 'std1',
  activation: 'sigmoid',
  bins: 30,
  range: [0, 1],
  seed: 1,
};

/** The factor on np.random.randn(node_num, node_num), written as the script writes it. */
export function weightScale(w: WeightScale, nodeNum: number): number {
  switch (w) {
    case 'std1':
      return 1;
    case 'std0.01':
      return 0.01;
    case 'xavier':
      return Math.sqrt(1.0 / nodeNum);
    case 'he':
      return Math.sqrt(2.0 / nodeNum);
  }
}

const ACTIVATE: Record<HistogramActivation, (a: number) => number> = {
  sigmoid: (a) => 1 / (1 + Math.exp(-a)),
  tanh: (a) => Math.tanh(a),
  relu: (a) => Math.max(0, a),
};

export interface Histogram {
  /** bins + 1 edges, as np.linspace(lo, hi, bins + 1). */
  edges: number[];
  counts: number[];
  /** Values left out: below the range, above it, and NaN. counts + below + above + nan = all. */
  below: number;
  above: number;
  nan: number;
}

/** np.histogram(values, bins, range=(lo, hi)) for equal bins, its index corrections included. */
export function histogram(values: ArrayLike<number>, bins: number, range: readonly [number, number]): Histogram {
  let [lo, hi] = range;
  if (!(bins >= 1 && Number.isInteger(bins))) throw new RangeError(`bins must be a positive integer, got ${bins}`);
  if (!(lo <= hi)) throw new RangeError(`range must be (lo, hi) with lo <= hi, got (${lo}, ${hi})`);
  if (lo === hi) [lo, hi] = [lo - 0.5, hi + 0.5];
  const step = (hi - lo) / bins;
  const edges = Array.from({ length: bins + 1 }, (_, i) => i * step + lo);
  edges[bins] = hi;
  const counts = new Array<number>(bins).fill(0);
  let below = 0,
    above = 0,
    nan = 0;
  const span = hi - lo;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isNaN(v)) nan++;
    else if (v < lo) below++;
    else if (v > hi) above++;
    else {
      let k = Math.trunc(((v - lo) / span) * bins);
      if (k === bins) k--;
      if (v < edges[k]) k--;
      else if (k !== bins - 1 && v >= edges[k + 1]) k++;
      counts[k]++;
    }
  }
  return { edges, counts, below, above, nan };
}

/** The activations of every layer, in order: the script's activations dict. */
export function layerActivations(settings: Partial<HistogramSettings> = {}): Matrix[] {
  const s = { ...BOOK_HISTOGRAM, ...settings };
  const randn = normalSampler(mulberry32(s.seed));
  const fill = (rows: number, cols: number, scale: number) => {
    const m = zeros(rows, cols);
    for (let i = 0; i < m.data.length; i++) m.data[i] = randn() * scale;
    return m;
  };
  let x = fill(s.samples, s.nodes, 1);
  const scale = weightScale(s.weight, s.nodes);
  const act = ACTIVATE[s.activation];
  const out: Matrix[] = [];
  for (let i = 0; i < s.layers; i++) {
    const w = fill(s.nodes, s.nodes, scale);
    const z = matmul(x, w);
    for (let j = 0; j < z.data.length; j++) z.data[j] = act(z.data[j]);
    out.push(z);
    x = z;
  }
  return out;
}

/** The script's figure: one histogram per layer. */
export function activationHistograms(settings: Partial<HistogramSettings> = {}): Histogram[] {
  const s = { ...BOOK_HISTOGRAM, ...settings };
  return layerActivations(s).map((a) => histogram(a.data, s.bins, s.range));
}
