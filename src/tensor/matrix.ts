/**
 * A row-major matrix over Float32Array or Float64Array, and the few products backprop needs.
 * Float64 where the book's numbers must come out; Float32 for training speed.
 */
export type DType = 'float32' | 'float64';
export type FloatArray = Float32Array | Float64Array;

export interface Matrix {
  rows: number;
  cols: number;
  data: FloatArray;
}

export const alloc = (dtype: DType, n: number): FloatArray =>
  dtype === 'float32' ? new Float32Array(n) : new Float64Array(n);
export const dtypeOf = (a: FloatArray): DType => (a instanceof Float32Array ? 'float32' : 'float64');

export function zeros(rows: number, cols: number, dtype: DType = 'float64'): Matrix {
  return { rows, cols, data: alloc(dtype, rows * cols) };
}

export function fromRows(rows: number[][], dtype: DType = 'float64'): Matrix {
  const r = rows.length;
  const c = r > 0 ? rows[0].length : 0;
  const m = zeros(r, c, dtype);
  rows.forEach((row, i) => row.forEach((v, j) => (m.data[i * c + j] = v)));
  return m;
}

export function toRows(m: Matrix): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < m.rows; i++) out.push(Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols)));
  return out;
}

function check(cond: boolean, msg: string): void {
  if (!cond) throw new Error(msg);
}

/** C[c..c+n) += x · B[b..b+n), four at a time. */
function axpyRow(C: FloatArray, c: number, B: FloatArray, b: number, x: number, n: number): void {
  let j = 0;
  for (; j + 4 <= n; j += 4) {
    C[c + j] += x * B[b + j];
    C[c + j + 1] += x * B[b + j + 1];
    C[c + j + 2] += x * B[b + j + 2];
    C[c + j + 3] += x * B[b + j + 3];
  }
  for (; j < n; j++) C[c + j] += x * B[b + j];
}

/** C = A·B; A (m×k), B (k×n). i-k-j order, four rows of A at a time so each B row is read once per four. */
export function matmul(a: Matrix, b: Matrix, out?: Matrix): Matrix {
  check(a.cols === b.rows, `shapes (${a.rows}, ${a.cols}) and (${b.rows}, ${b.cols}) not aligned`);
  const m = a.rows,
    k = a.cols,
    n = b.cols;
  const c = out ?? zeros(m, n, dtypeOf(a.data));
  const A = a.data,
    B = b.data,
    C = c.data;
  if (out) C.fill(0); // a new matrix is already zero
  let i = 0;
  for (; i + 4 <= m; i += 4) {
    const c0 = i * n,
      c1 = c0 + n,
      c2 = c1 + n,
      c3 = c2 + n;
    const a0 = i * k,
      a1 = a0 + k,
      a2 = a1 + k,
      a3 = a2 + k;
    for (let p = 0; p < k; p++) {
      const x0 = A[a0 + p],
        x1 = A[a1 + p],
        x2 = A[a2 + p],
        x3 = A[a3 + p];
      if (x0 === 0 && x1 === 0 && x2 === 0 && x3 === 0) continue; // MNIST is mostly zeros
      const bp = p * n;
      for (let j = 0; j < n; j++) {
        const bv = B[bp + j];
        C[c0 + j] += x0 * bv;
        C[c1 + j] += x1 * bv;
        C[c2 + j] += x2 * bv;
        C[c3 + j] += x3 * bv;
      }
    }
  }
  for (; i < m; i++) {
    const ci = i * n,
      ai = i * k;
    for (let p = 0; p < k; p++) {
      const x = A[ai + p];
      if (x === 0) continue;
      axpyRow(C, ci, B, p * n, x, n);
    }
  }
  return c;
}

/** C = Aᵀ·B; A (k×m), B (k×n) → (m×n). The Affine layer's dW = xᵀ·dout. */
export function matmulTransA(a: Matrix, b: Matrix, out?: Matrix): Matrix {
  check(a.rows === b.rows, `shapes (${a.cols}, ${a.rows}) and (${b.rows}, ${b.cols}) not aligned`);
  const k = a.rows,
    m = a.cols,
    n = b.cols;
  const c = out ?? zeros(m, n, dtypeOf(a.data));
  const A = a.data,
    B = b.data,
    C = c.data;
  if (out) C.fill(0); // a new matrix is already zero
  for (let p = 0; p < k; p++) {
    const ap = p * m,
      bp = p * n;
    for (let i = 0; i < m; i++) {
      const x = A[ap + i];
      if (x === 0) continue;
      axpyRow(C, i * n, B, bp, x, n);
    }
  }
  return c;
}

/** C = A·Bᵀ; A (m×k), B (n×k) → (m×n). The Affine layer's dx = dout·Wᵀ. */
export function matmulTransB(a: Matrix, b: Matrix, out?: Matrix): Matrix {
  check(a.cols === b.cols, `shapes (${a.rows}, ${a.cols}) and (${b.cols}, ${b.rows}) not aligned`);
  const m = a.rows,
    k = a.cols,
    n = b.rows;
  const c = out ?? zeros(m, n, dtypeOf(a.data));
  const A = a.data,
    B = b.data,
    C = c.data;
  for (let i = 0; i < m; i++) {
    const ai = i * k;
    for (let j = 0; j < n; j++) {
      const bj = j * k;
      let s0 = 0,
        s1 = 0,
        p = 0;
      for (; p + 2 <= k; p += 2) {
        s0 += A[ai + p] * B[bj + p];
        s1 += A[ai + p + 1] * B[bj + p + 1];
      }
      if (p < k) s0 += A[ai + p] * B[bj + p];
      C[i * n + j] = s0 + s1;
    }
  }
  return c;
}

/** x += b, broadcasting the row vector b over every row (NumPy's broadcast). */
export function addRowInPlace(x: Matrix, b: Matrix): Matrix {
  check(
    b.rows === 1 && b.cols === x.cols,
    `operands could not be broadcast together with shapes (${x.rows}, ${x.cols}) (${b.rows}, ${b.cols})`,
  );
  const X = x.data,
    B = b.data,
    n = x.cols;
  for (let i = 0; i < x.rows; i++) {
    const o = i * n;
    for (let j = 0; j < n; j++) X[o + j] += B[j];
  }
  return x;
}

/** Σ over axis 0: (m×n) → (1×n). The Affine layer's db. */
export function sumRows(x: Matrix, out?: Matrix): Matrix {
  const c = out ?? zeros(1, x.cols, dtypeOf(x.data));
  const X = x.data,
    C = c.data,
    n = x.cols;
  if (out) C.fill(0); // a new matrix is already zero
  for (let i = 0; i < x.rows; i++) {
    const o = i * n;
    for (let j = 0; j < n; j++) C[j] += X[o + j];
  }
  return c;
}

/** Index (from `offset`) of the largest of `data[offset … offset + n)`; the first one on a tie, as NumPy's argmax. */
export function argmax(data: ArrayLike<number>, offset: number, n: number): number {
  let best = 0;
  for (let j = 1; j < n; j++) if (data[offset + j] > data[offset + best]) best = j;
  return best;
}

/** Index of the largest entry of each row. */
export function argmaxRows(x: Matrix): Int32Array {
  const out = new Int32Array(x.rows);
  for (let i = 0; i < x.rows; i++) out[i] = argmax(x.data, i * x.cols, x.cols);
  return out;
}

/** x -= lr · g, in place (SGD). */
export function axpyInPlace(x: Matrix, g: Matrix, alpha: number): void {
  const X = x.data,
    G = g.data;
  for (let i = 0; i < X.length; i++) X[i] += alpha * G[i];
}
