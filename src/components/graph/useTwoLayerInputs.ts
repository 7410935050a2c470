import { useEffect, useMemo } from 'react';
import { BOOK_HIDDEN_SIZE, BOOK_WEIGHT_INIT_STD, CLASSES, PIXELS } from '../../constants';
import type { TValue } from '../../engine';
import { mulberry32 } from '../../tensor/random';
import { archName, isTwoLayer } from '../../net/arch';
import { asValue, netInputs } from './netInputs';
import { TwoLayerNet } from '../../net/twoLayerNet';
import { useAppStore } from '../../store';

export interface TwoLayerInputs {
  inputs: Record<string, TValue> | null;
  label: number;
  /** True when the traced image is the learner's drawing. */
  drawn: boolean;
  /** Iteration the weights come from, or null for a fresh, book-initialised net. */
  liveIter: number | null;
  /** The file the weights were imported from, if they were. */
  importedFrom: string | null;
  /** The panel's net ("784-100-100-10") when it is not the book's two-layer net: traced in test mode. */
  otherNet: string | null;
  seed: number;
  state: 'idle' | 'loading' | 'ready' | 'error';
  error: string | null;
}

/**
 * The traced image's inputs: x and t, and the training panel's live weights (every array of
 * its net, whatever its depth: graphs/deepNet.ts draws it), or, before any run, a fresh
 * TwoLayerNet initialised as the book does.
 */
export function useTwoLayerInputs(enabled: boolean): TwoLayerInputs {
  const testSet = useAppStore((s) => s.testSet);
  const state = useAppStore((s) => s.testSetState);
  const error = useAppStore((s) => s.testSetError);
  const load = useAppStore((s) => s.loadTestSet);
  const traceImage = useAppStore((s) => s.traceImage);
  const importedFrom = useAppStore((s) => s.imported?.file ?? null);
  const drawing = useAppStore((s) => s.traceDrawing);
  const drawnLabel = useAppStore((s) => s.traceLabel);
  const params = useAppStore((s) => s.params);
  const iter = useAppStore((s) => s.iter);
  const seedText = useAppStore((s) => s.trainTexts.seed);
  const seed = Number.isInteger(Number(seedText)) ? Number(seedText) : 1;
  useEffect(() => {
    if (enabled) load();
  }, [enabled, load]);

  // The panel's net, whatever its depth (its graph is netGraphDef's); a fresh book net before any.
  const trained = params;
  const weights = useMemo((): Record<string, TValue> => {
    if (trained && !isTwoLayer(trained.arch)) return netInputs(trained);
    if (trained) {
      const H = trained.arch.hidden[0];
      const T = trained.tensors;
      return {
        W1: asValue(T.W1, PIXELS, H),
        b1: asValue(T.b1, 1, H, [H]),
        W2: asValue(T.W2, H, CLASSES),
        b2: asValue(T.b2, 1, CLASSES, [CLASSES]),
      };
    }
    const net = new TwoLayerNet(PIXELS, BOOK_HIDDEN_SIZE, CLASSES, BOOK_WEIGHT_INIT_STD, mulberry32(seed), 'float64');
    const p = net.params;
    return {
      W1: asValue(p.W1.data, PIXELS, BOOK_HIDDEN_SIZE),
      b1: asValue(p.b1.data, 1, BOOK_HIDDEN_SIZE, [BOOK_HIDDEN_SIZE]),
      W2: asValue(p.W2.data, BOOK_HIDDEN_SIZE, CLASSES),
      b2: asValue(p.b2.data, 1, CLASSES, [CLASSES]),
    };
  }, [trained, seed]);

  // The learner's own test set may hold fewer images than the index asks for.
  const image = testSet ? Math.min(traceImage, testSet.labels.length - 1) : traceImage;
  const label = drawing ? drawnLabel : testSet ? testSet.labels[image] : 0;
  const inputs = useMemo(() => {
    if (!testSet && !drawing) return null;
    const x = drawing
      ? asValue(drawing, 1, PIXELS)
      : asValue(
          Array.from(testSet!.images.pixels.subarray(image * PIXELS, (image + 1) * PIXELS), (v) => v / 255),
          1,
          PIXELS,
        );
    const t = asValue(
      Array.from({ length: CLASSES }, (_, i) => (i === label ? 1 : 0)),
      1,
      CLASSES,
    );
    return { x, ...weights, t };
  }, [testSet, image, weights, drawing, label]);

  // The iteration matters only for the caption: it is read when the weights change.
  const liveIter = useMemo(() => (trained ? iter : null), [trained]); // eslint-disable-line react-hooks/exhaustive-deps
  return {
    inputs,
    label,
    drawn: drawing !== null,
    liveIter,
    importedFrom: trained ? importedFrom : null,
    otherNet: params && !isTwoLayer(params.arch) ? archName(params.arch) : null,
    seed,
    state,
    error,
  };
}
