/**
 * The book's common/util.py smooth_curve: a moving average under a Kaiser window (length 11,
 * β = 2), the ends padded by reflection, the result as long as the input. Used to draw the loss
 * curves of ch06/optimizer_compare_mnist.py and weight_init_compare.py.
 */

/** I₀, the modified Bessel function of the first kind, by its power series Σ ((x/2)ᵏ / k!)². */
export function besselI0(x: number): number {
  const q = (x * x) / 4;
  let term = 1,
    sum = 1;
  for (let k = 1; k < 500; k++) {
    term *= q / (k * k);
    sum += term;
    if (term < sum * 1e-17) break;
  }
  return sum;
}

/** NumPy's np.kaiser(M, beta): I₀(β·√(1 − ((n − α)/α)²)) / I₀(β), α = (M − 1)/2. */
export function kaiser(M: number, beta: number): number[] {
  if (M === 1) return [1];
  const alpha = (M - 1) / 2.0;
  const out: number[] = [];
  for (let n = 0; n < M; n++) out.push(besselI0(beta * Math.sqrt(1 - ((n - alpha) / alpha) ** 2.0)) / besselI0(beta));
  return out;
}

export const SMOOTH_WINDOW = 11;
export const SMOOTH_BETA = 2;

/**
 * smooth_curve(x): s = x[10:0:-1] ++ x ++ x[-1:-11:-1], convolved with the normalised window
 * ('valid'), the first and last five dropped. Needs at least 11 points, as the book's does
 * (with fewer, NumPy's slices come out short and the result is not x's length).
 */
export function smoothCurve(x: readonly number[]): number[] {
  const win = SMOOTH_WINDOW;
  const n = x.length;
  if (n < win) throw new RangeError(`smoothCurve needs at least ${win} points, got ${n}`);
  const s: number[] = [];
  for (let i = win - 1; i > 0; i--) s.push(x[i]);
  s.push(...x);
  for (let i = n - 1; i > n - win; i--) s.push(x[i]);
  const w = kaiser(win, SMOOTH_BETA);
  let total = 0;
  for (const v of w) total += v;
  const wn = w.map((v) => v / total);
  // 'valid' convolution: y[j] = Σₖ s[j + k]·w[win − 1 − k]; the window is symmetric.
  const y: number[] = [];
  for (let j = 0; j + win <= s.length; j++) {
    let acc = 0;
    for (let k = 0; k < win; k++) acc += s[j + k] * wn[win - 1 - k];
    y.push(acc);
  }
  return y.slice(5, y.length - 5);
}
