import { Affine, Relu, Sigmoid, SoftmaxWithLoss } from '../layers/layers';
import { BatchNormalization } from '../layers/batchNorm';
import { Dropout } from '../layers/dropout';
import { zeros, type Matrix } from '../tensor/matrix';
import { normalSampler, type Rng } from '../tensor/random';
import type { NetArch } from './arch';
import type { WeightInitKind } from './config';
import type { ParamDict } from './optimizers';
import { countCorrect } from './twoLayerNet';

export type Activation = 'relu' | 'sigmoid';
/** The book's weight_init_std: 'relu'/'he' for He, 'sigmoid'/'xavier' for Xavier, or a standard deviation. */
export type WeightInit = 'relu' | 'he' | 'sigmoid' | 'xavier' | number;

export interface MultiLayerNetOptions {
  activation?: Activation;
  weightInitStd?: WeightInit;
  /** λ of the L2 weight decay: the loss gains ½λ·Σ‖W‖², each dW gains λW. */
  weightDecayLambda?: number;
  useDropout?: boolean;
  /** The book's dropout_ration. */
  dropoutRatio?: number;
  useBatchnorm?: boolean;
  /** Draws the initial weights. */
  rng: Rng;
  /** Draws the dropout masks; `rng` when not given. */
  dropoutRng?: Rng;
  /**
   * Added to the probability inside the loss's log: the book's 1e-7 by default. Backward
   * computes the derivative of −log y, not of −log(y + 1e-7), so a gradient check passes 0.
   */
  logEps?: number;
}

/**
 * The book's keyword arguments for a net of the family: its arch, its initial weights
 * (weight_init_std: 'he' / 'xavier' by name, or the standard deviation), λ and the generators.
 */
export function extendOptions(
  arch: NetArch,
  init: { weightInit: WeightInitKind; weightInitStd: number },
  weightDecay: number,
  rng: Rng,
  dropoutRng?: Rng,
): MultiLayerNetOptions {
  return {
    activation: arch.activation,
    weightInitStd: init.weightInit === 'std' ? init.weightInitStd : init.weightInit,
    weightDecayLambda: weightDecay,
    useBatchnorm: arch.batchNorm,
    useDropout: arch.dropout > 0,
    dropoutRatio: arch.dropout,
    rng,
    dropoutRng,
  };
}

type NetLayer = Affine | BatchNormalization | Relu | Sigmoid | Dropout;

/** The scale of layer idx's weights, from the size of its input (the book's __init_weight). */
export function weightScale(init: WeightInit, fanIn: number): number {
  if (typeof init === 'number') return init;
  return init === 'relu' || init === 'he' ? Math.sqrt(2.0 / fanIn) : Math.sqrt(1.0 / fanIn);
}

/**
 * The book's MultiLayerNetExtend (6.4, common/multi_layer_net_extend.py) in Float64: per hidden
 * layer Affine → BatchNorm → Activation → Dropout, then Affine → SoftmaxWithLoss. Params carry
 * the book's names (W1…, b1…, gamma1…, beta1…) and are the very matrices the layers hold.
 * This is the reference the faster paths are compared to, so it computes as the book does,
 * the 1e-7 inside the loss's log included.
 */
export class MultiLayerNetExtend {
  readonly params: ParamDict = {};
  /** In the book's order, with its names (Affine1, BatchNorm1, Activation_function1, Dropout1, …). */
  readonly layers: [string, NetLayer][] = [];
  readonly lastLayer: SoftmaxWithLoss;
  readonly hiddenLayerNum: number;
  readonly weightDecayLambda: number;
  readonly useBatchnorm: boolean;

  constructor(
    readonly inputSize: number,
    readonly hiddenSizeList: number[],
    readonly outputSize: number,
    o: MultiLayerNetOptions,
  ) {
    this.hiddenLayerNum = hiddenSizeList.length;
    this.lastLayer = new SoftmaxWithLoss(o.logEps ?? 1e-7);
    this.weightDecayLambda = o.weightDecayLambda ?? 0;
    this.useBatchnorm = o.useBatchnorm ?? false;
    const sizes = [inputSize, ...hiddenSizeList, outputSize];
    const normal = normalSampler(o.rng);
    for (let idx = 1; idx < sizes.length; idx++) {
      const scale = weightScale(o.weightInitStd ?? 'relu', sizes[idx - 1]);
      const W = zeros(sizes[idx - 1], sizes[idx]);
      for (let i = 0; i < W.data.length; i++) W.data[i] = scale * normal();
      this.params[`W${idx}`] = W;
      this.params[`b${idx}`] = zeros(1, sizes[idx]);
    }
    const dropoutRng = o.dropoutRng ?? o.rng;
    for (let idx = 1; idx <= this.hiddenLayerNum; idx++) {
      this.layers.push([`Affine${idx}`, new Affine(this.params[`W${idx}`], this.params[`b${idx}`])]);
      if (this.useBatchnorm) {
        const gamma = zeros(1, hiddenSizeList[idx - 1]);
        gamma.data.fill(1);
        this.params[`gamma${idx}`] = gamma;
        this.params[`beta${idx}`] = zeros(1, hiddenSizeList[idx - 1]);
        const bn = new BatchNormalization(this.params[`gamma${idx}`], this.params[`beta${idx}`]);
        this.layers.push([`BatchNorm${idx}`, bn]);
      }
      this.layers.push([`Activation_function${idx}`, o.activation === 'sigmoid' ? new Sigmoid() : new Relu()]);
      if (o.useDropout) this.layers.push([`Dropout${idx}`, new Dropout(dropoutRng, o.dropoutRatio ?? 0.5)]);
    }
    const last = this.hiddenLayerNum + 1;
    this.layers.push([`Affine${last}`, new Affine(this.params[`W${last}`], this.params[`b${last}`])]);
  }

  /** Copies values into the params (e.g. fixed or trained ones), keeping layers and params shared. */
  setParams(p: Record<string, ArrayLike<number>>): void {
    for (const k of Object.keys(this.params)) {
      if (!(k in p)) throw new Error(`missing param ${k}`);
      if (p[k].length !== this.params[k].data.length) throw new Error(`param ${k}: ${p[k].length} values`);
      this.params[k].data.set(p[k]);
    }
  }

  /**
   * Every array by its export name (the params, and `running_mean1`…, `running_var1`… of the
   * batch norm layers, zeros until the book's first forward creates them); undefined for a
   * name this net does not have.
   */
  tensor(name: string): ArrayLike<number> | undefined {
    if (name in this.params) return this.params[name].data;
    const m = /^running_(mean|var)([1-9][0-9]*)$/.exec(name);
    const idx = m ? Number(m[2]) : 0;
    if (!m || !this.useBatchnorm || idx > this.hiddenLayerNum) return undefined;
    const bn = this.layer<BatchNormalization>(`BatchNorm${idx}`);
    const r = m[1] === 'mean' ? bn.runningMean : bn.runningVar;
    return r ? r.data : new Float64Array(this.hiddenSizeList[idx - 1]);
  }

  /**
   * Loads a whole net: the params (setParams) and, with batch norm, each layer's running mean
   * and variance, as one sets `running_mean` and `running_var` on the book's layers to
   * evaluate weights that were trained elsewhere.
   */
  loadTensors(t: Record<string, ArrayLike<number>>): void {
    this.setParams(t);
    if (!this.useBatchnorm) return;
    for (let idx = 1; idx <= this.hiddenLayerNum; idx++) {
      const bn = this.layer<BatchNormalization>(`BatchNorm${idx}`);
      const d = this.hiddenSizeList[idx - 1];
      const running = (name: string): Matrix => {
        const a = t[name];
        if (!a) throw new Error(`missing ${name}`);
        if (a.length !== d) throw new Error(`${name}: ${a.length} values`);
        return { rows: 1, cols: d, data: Float64Array.from(a) };
      };
      bn.runningMean = running(`running_mean${idx}`);
      bn.runningVar = running(`running_var${idx}`);
    }
  }

  /** trainFlg: batch statistics and fresh dropout masks (true) or running averages and 1 − ratio (false). */
  predict(x: Matrix, trainFlg = false): Matrix {
    for (const [, layer] of this.layers) {
      x =
        layer instanceof BatchNormalization || layer instanceof Dropout ? layer.forward(x, trainFlg) : layer.forward(x);
    }
    return x;
  }

  /** Cross-entropy plus the weight decay ½λ·Σ‖W‖². */
  loss(x: Matrix, t: ArrayLike<number>, trainFlg = false): number {
    const y = this.predict(x, trainFlg);
    let weightDecay = 0;
    for (let idx = 1; idx <= this.hiddenLayerNum + 1; idx++) {
      const W = this.params[`W${idx}`].data;
      let s = 0;
      for (let i = 0; i < W.length; i++) s += W[i] ** 2;
      weightDecay += 0.5 * this.weightDecayLambda * s;
    }
    return this.lastLayer.forward(y, t) + weightDecay;
  }

  accuracy(x: Matrix, t: ArrayLike<number>): number {
    return countCorrect(this.predict(x, false), t) / x.rows;
  }

  /** Backprop: a training-mode forward, then backward through the layers in reverse. */
  gradient(x: Matrix, t: ArrayLike<number>): ParamDict {
    this.loss(x, t, true);
    let dout = this.lastLayer.backward(1);
    for (let i = this.layers.length - 1; i >= 0; i--) {
      const layer = this.layers[i][1];
      dout = layer instanceof Affine ? layer.backward(dout)! : layer.backward(dout);
    }
    const grads: ParamDict = {};
    const lambda = this.weightDecayLambda;
    for (let idx = 1; idx <= this.hiddenLayerNum + 1; idx++) {
      const affine = this.layer<Affine>(`Affine${idx}`);
      const W = this.params[`W${idx}`];
      const dW = zeros(W.rows, W.cols);
      for (let i = 0; i < W.data.length; i++) dW.data[i] = affine.dW!.data[i] + lambda * W.data[i];
      grads[`W${idx}`] = dW;
      grads[`b${idx}`] = affine.db!;
      if (this.useBatchnorm && idx !== this.hiddenLayerNum + 1) {
        const bn = this.layer<BatchNormalization>(`BatchNorm${idx}`);
        grads[`gamma${idx}`] = bn.dgamma!;
        grads[`beta${idx}`] = bn.dbeta!;
      }
    }
    return grads;
  }

  /** Central differences (h = 1e-4) of the training-mode loss, as the book's numerical_gradient. */
  numericalGradient(x: Matrix, t: ArrayLike<number>, h = 1e-4): ParamDict {
    const grads: ParamDict = {};
    for (const [k, p] of Object.entries(this.params)) {
      const g = zeros(p.rows, p.cols);
      for (let i = 0; i < p.data.length; i++) {
        const old = p.data[i];
        p.data[i] = old + h;
        const fxh1 = this.loss(x, t, true);
        p.data[i] = old - h;
        const fxh2 = this.loss(x, t, true);
        g.data[i] = (fxh1 - fxh2) / (2 * h);
        p.data[i] = old;
      }
      grads[k] = g;
    }
    return grads;
  }

  private layer<L extends NetLayer>(name: string): L {
    const found = this.layers.find(([n]) => n === name);
    if (!found) throw new Error(`no layer ${name}`);
    return found[1] as L;
  }
}
