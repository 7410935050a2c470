import { axpyInPlace, dtypeOf, zeros, type Matrix } from '../tensor/matrix';

/**
 * The book's optimizers (6.1, common/optimizer.py). Each `update` changes the params in place,
 * so layers that hold the same matrices see the new values, and keeps its state (velocity,
 * squared sums, moments) by param name, created as zeros on the first call as the book does.
 * Every update is computed in the book's order of operations, so Float64 results match its.
 */
export type ParamDict = Record<string, Matrix>;

export interface Optimizer {
  update(params: ParamDict, grads: ParamDict): void;
}

export const OPTIMIZER_NAMES = ['SGD', 'Momentum', 'Nesterov', 'AdaGrad', 'RMSprop', 'Adam'] as const;
export type OptimizerName = (typeof OPTIMIZER_NAMES)[number];

/** A zero matrix like each param, by name: the book's np.zeros_like over params.items(). */
function zerosLike(params: ParamDict): ParamDict {
  const s: ParamDict = {};
  for (const [k, p] of Object.entries(params)) s[k] = zeros(p.rows, p.cols, dtypeOf(p.data));
  return s;
}

/** W ← W − lr·∂L/∂W */
export class SGD implements Optimizer {
  constructor(readonly lr = 0.01) {}

  update(params: ParamDict, grads: ParamDict): void {
    // p + (−lr)·g is bit for bit p − lr·g: negation is exact.
    for (const k of Object.keys(params)) axpyInPlace(params[k], grads[k], -this.lr);
  }
}

/** v ← αv − lr·∂L/∂W; W ← W + v */
export class Momentum implements Optimizer {
  private v: ParamDict | null = null;
  constructor(
    readonly lr = 0.01,
    readonly momentum = 0.9,
  ) {}

  update(params: ParamDict, grads: ParamDict): void {
    const v = (this.v ??= zerosLike(params));
    for (const k of Object.keys(params)) {
      const p = params[k].data,
        g = grads[k].data,
        vk = v[k].data;
      for (let i = 0; i < p.length; i++) {
        vk[i] = this.momentum * vk[i] - this.lr * g[i];
        p[i] += vk[i];
      }
    }
  }
}

/** Nesterov's accelerated gradient in the book's form: v ← αv − lr·g; W ← W + α²v − (1 + α)·lr·g */
export class Nesterov implements Optimizer {
  private v: ParamDict | null = null;
  constructor(
    readonly lr = 0.01,
    readonly momentum = 0.9,
  ) {}

  update(params: ParamDict, grads: ParamDict): void {
    const v = (this.v ??= zerosLike(params));
    const m = this.momentum;
    for (const k of Object.keys(params)) {
      const p = params[k].data,
        g = grads[k].data,
        vk = v[k].data;
      for (let i = 0; i < p.length; i++) {
        vk[i] *= m;
        vk[i] -= this.lr * g[i];
        p[i] += m * m * vk[i];
        p[i] -= (1 + m) * this.lr * g[i];
      }
    }
  }
}

/** h ← h + g⊙g; W ← W − lr·g / (√h + 1e-7) */
export class AdaGrad implements Optimizer {
  private h: ParamDict | null = null;
  constructor(readonly lr = 0.01) {}

  update(params: ParamDict, grads: ParamDict): void {
    const h = (this.h ??= zerosLike(params));
    for (const k of Object.keys(params)) {
      const p = params[k].data,
        g = grads[k].data,
        hk = h[k].data;
      for (let i = 0; i < p.length; i++) {
        hk[i] += g[i] * g[i];
        p[i] -= (this.lr * g[i]) / (Math.sqrt(hk[i]) + 1e-7);
      }
    }
  }
}

/** h ← ρh + (1 − ρ)·g⊙g; W ← W − lr·g / (√h + 1e-7) */
export class RMSprop implements Optimizer {
  private h: ParamDict | null = null;
  constructor(
    readonly lr = 0.01,
    readonly decayRate = 0.99,
  ) {}

  update(params: ParamDict, grads: ParamDict): void {
    const h = (this.h ??= zerosLike(params));
    const d = this.decayRate;
    for (const k of Object.keys(params)) {
      const p = params[k].data,
        g = grads[k].data,
        hk = h[k].data;
      for (let i = 0; i < p.length; i++) {
        hk[i] *= d;
        hk[i] += (1 - d) * g[i] * g[i];
        p[i] -= (this.lr * g[i]) / (Math.sqrt(hk[i]) + 1e-7);
      }
    }
  }
}

/**
 * Adam as the book writes it: the bias correction folded into the step size,
 * lr_t = lr·√(1 − β₂ᵗ) / (1 − β₁ᵗ), and the 1e-7 outside the square root.
 */
export class Adam implements Optimizer {
  iter = 0;
  private m: ParamDict | null = null;
  private v: ParamDict | null = null;
  constructor(
    readonly lr = 0.001,
    readonly beta1 = 0.9,
    readonly beta2 = 0.999,
  ) {}

  update(params: ParamDict, grads: ParamDict): void {
    const m = (this.m ??= zerosLike(params));
    const v = (this.v ??= zerosLike(params));
    this.iter += 1;
    const lrT = (this.lr * Math.sqrt(1.0 - this.beta2 ** this.iter)) / (1.0 - this.beta1 ** this.iter);
    for (const k of Object.keys(params)) {
      const p = params[k].data,
        g = grads[k].data,
        mk = m[k].data,
        vk = v[k].data;
      for (let i = 0; i < p.length; i++) {
        mk[i] += (1 - this.beta1) * (g[i] - mk[i]);
        vk[i] += (1 - this.beta2) * (g[i] ** 2 - vk[i]);
        p[i] -= (lrT * mk[i]) / (Math.sqrt(vk[i]) + 1e-7);
      }
    }
  }
}

/** The book's keyword arguments, by their names there (lr, momentum, decay_rate, beta1, beta2). */
export interface OptimizerOptions {
  lr?: number;
  momentum?: number;
  decay_rate?: number;
  beta1?: number;
  beta2?: number;
}

/** An optimizer by the book's class name, with the book's defaults for what is not given. */
export function createOptimizer(name: OptimizerName, o: OptimizerOptions = {}): Optimizer {
  switch (name) {
    case 'SGD':
      return new SGD(o.lr);
    case 'Momentum':
      return new Momentum(o.lr, o.momentum);
    case 'Nesterov':
      return new Nesterov(o.lr, o.momentum);
    case 'AdaGrad':
      return new AdaGrad(o.lr);
    case 'RMSprop':
      return new RMSprop(o.lr, o.decay_rate);
    case 'Adam':
      return new Adam(o.lr, o.beta1, o.beta2);
  }
}
