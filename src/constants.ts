/** The book's numbers, in one place: MNIST's sizes and the two-layer net's defaults (ch. 4.5, 5.7). */

/** Side of an MNIST image, in pixels. */
export const IMAGE_SIDE = 28;
/** Pixels per image: the input size of the net. */
export const PIXELS = IMAGE_SIDE * IMAGE_SIDE;
/** Digits 0–9: the output size of the net. */
export const CLASSES = 10;
export const TRAIN_IMAGES = 60_000;
export const TEST_IMAGES = 10_000;

/** train_neuralnet.py's hyperparameters. */
export const BOOK_HIDDEN_SIZE = 50;
export const BOOK_LEARNING_RATE = 0.1;
export const BOOK_BATCH_SIZE = 100;
export const BOOK_ITERATIONS = 10_000;
export const BOOK_WEIGHT_INIT_STD = 0.01;

/** Weights and biases of a PIXELS-hidden-CLASSES net: what the gradient check walks through. */
export const paramCount = (hidden: number): number => PIXELS * hidden + hidden + hidden * CLASSES + CLASSES;
