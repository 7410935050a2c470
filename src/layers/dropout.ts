import { dtypeOf, zeros, type Matrix } from '../tensor/matrix';
import type { Rng } from '../tensor/random';

/**
 * The book's Dropout (6.4.3): in training, keep each unit where a uniform draw exceeds the
 * ratio (the book's np.random.rand(*x.shape) > dropout_ratio, drawn in row-major order); in
 * test, keep every unit and scale by (1 − ratio). The scaling is the book's, not the
 * "inverted" dropout that scales in training instead.
 */
export class Dropout {
  readonly dropoutRatio: number;
  /** 1 where the unit was kept in the last training forward (the book's self.mask). */
  mask: Uint8Array | null = null;
  private readonly rng: Rng;

  /** `rng` draws the masks: a seeded one, or one that replays recorded draws. */
  constructor(rng: Rng, dropoutRatio = 0.5) {
    this.rng = rng;
    this.dropoutRatio = dropoutRatio;
  }

  /** `mask` (training only) replaces the draw, e.g. to replay a mask the book drew. */
  forward(x: Matrix, trainFlg = true, mask?: Uint8Array): Matrix {
    const out = zeros(x.rows, x.cols, dtypeOf(x.data));
    const n = x.data.length;
    if (!trainFlg) {
      for (let i = 0; i < n; i++) out.data[i] = x.data[i] * (1.0 - this.dropoutRatio);
      return out;
    }
    if (mask && mask.length !== n) throw new Error(`mask of ${mask.length} for ${n} units`);
    const m = mask ? Uint8Array.from(mask) : new Uint8Array(n);
    if (!mask) for (let i = 0; i < n; i++) m[i] = this.rng() > this.dropoutRatio ? 1 : 0;
    for (let i = 0; i < n; i++) out.data[i] = m[i] ? x.data[i] : 0;
    this.mask = m;
    return out;
  }

  backward(dout: Matrix): Matrix {
    const m = this.mask!;
    const dx = zeros(dout.rows, dout.cols, dtypeOf(dout.data));
    for (let i = 0; i < m.length; i++) dx.data[i] = m[i] ? dout.data[i] : 0;
    return dx;
  }
}
