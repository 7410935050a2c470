/**
 * Errors that reach the user travel as a code and its parameters, never as English text: the
 * page translates them (i18n `err.<code>`), so a failure in the worker reads in the page's
 * language. Codes are listed once here; the dictionaries must have a key for each.
 */
export const ERROR_CODES = [
  // MNIST files (src/data)
  'data.network',
  'data.http',
  'data.gzipCorrupt',
  'data.gzipTruncated',
  'data.imagesHeaderShort',
  'data.labelsHeaderShort',
  'data.imagesMagic',
  'data.labelsMagic',
  'data.imageSize',
  'data.length',
  'data.label',
  'data.count',
  // the learner's own IDX files (src/data/idxFiles.ts)
  'data.fileCount',
  'data.notIdx',
  'data.roles',
  'data.empty',
  'data.gzipTooLong',
  'data.tooMany',
  // weights files, .npz as NumPy writes them (src/data/npz.ts, src/net/weightsFile.ts)
  'weights.loneNpy',
  'weights.notNpz',
  'weights.zipDamaged',
  'weights.npyHeaderTooLong',
  'weights.tooBig',
  'weights.npyHeader',
  'weights.npyLength',
  'weights.missing',
  'weights.unexpected',
  'weights.dtype',
  'weights.shape',
  'weights.notFinite',
  'weights.chain',
  'weights.tooManyLayers',
  'weights.negativeVar',
  // the trainer worker, as the page sees it (src/services/trainerClient.ts)
  'worker.loadFailed',
  'worker.crashed',
  'worker.died',
  // the split step's helper on the second core (src/net/splitStep.ts)
  'worker.helperLost',
  // a net and batch whose buffers would not fit in the fast net's memory (src/net/trainer.ts)
  'train.tooLarge',
  // anything else thrown in the worker: a bug, said as it is
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];
export type DataErrorCode = Extract<ErrorCode, `data.${string}`>;
export type WeightsErrorCode = Extract<ErrorCode, `weights.${string}`>;
export type ErrorParams = Record<string, string | number>;

export interface CodedError {
  code: ErrorCode;
  params: ErrorParams;
}

/** A bad or missing MNIST file: which file, what is wrong, with the numbers. */
export class DataError extends Error {
  constructor(
    readonly file: string,
    readonly code: DataErrorCode,
    readonly params: ErrorParams = {},
  ) {
    // The message is for logs and tests in Node; the page shows the translated code.
    super(`${file}: ${code} ${JSON.stringify(params)}`);
  }

  get coded(): CodedError {
    return { code: this.code, params: { file: this.file, ...this.params } };
  }
}

/** A weights file (.npz) that cannot be used as the net's weights: which file, what is wrong. */
export class WeightsError extends Error {
  constructor(
    readonly file: string,
    readonly code: WeightsErrorCode,
    readonly params: ErrorParams = {},
  ) {
    super(`${file}: ${code} ${JSON.stringify(params)}`);
  }

  get coded(): CodedError {
    return { code: this.code, params: { file: this.file, ...this.params } };
  }
}

/** A failure in the worker that has a code of its own (not about a data file). */
export class CodedFailure extends Error {
  constructor(
    readonly code: Exclude<ErrorCode, DataErrorCode>,
    readonly params: ErrorParams = {},
  ) {
    super(`${code} ${JSON.stringify(params)}`);
  }
}

/** A coded error that came from elsewhere (another worker) as it was sent. */
export class ForwardedError extends Error {
  constructor(readonly coded: CodedError) {
    super(`${coded.code} ${JSON.stringify(coded.params)}`);
  }
}

/** What to send for anything caught: a DataError, WeightsError or CodedFailure keeps its code, anything else is internal. */
export function toCodedError(e: unknown): CodedError {
  if (e instanceof DataError || e instanceof WeightsError) return e.coded;
  if (e instanceof CodedFailure) return { code: e.code, params: e.params };
  if (e instanceof ForwardedError) return e.coded;
  return { code: 'internal', params: { message: e instanceof Error ? e.message : String(e) } };
}
