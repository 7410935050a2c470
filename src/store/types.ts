/**
 * The store's shape: every slice's fields and actions, and the types they share. Types only,
 * importing nothing from the store, so that the slices (which take `AppState`) and
 * createAppStore (which puts them together) form no cycle.
 */
import type { MnistSplit } from '../data/idx';
import type { OwnData } from '../data/idxFiles';
import type { ExprError, Values } from '../engine';
import type { CodedError } from '../errors';
import type { FieldError, GraphId, ScalarGraphDef } from '../graphs';
import type { Lang, Msg } from '../i18n';
import type { KernelLabel } from '../kernels/types';
import type { GradCheckResult } from '../net/gradcheck';
import type { ParamSnapshot } from '../net/params';
import type { EvalRow } from '../net/trainer';
import type { Graded } from '../practice/questions';
import type { AppServices, DatasetInfo, RunChange, SavedRun } from '../services/types';
import type { Tensor } from '../tensor/literal';
import type { DType } from '../tensor/matrix';
import type { ToPage, ToWorker } from '../worker/protocol';
import type { TrainField, TrainFieldError, TrainTexts } from './trainingFields';

export type PerGraph<T> = Partial<Record<GraphId, T>>;

/** Stepping a graph, its inputs, and the learner's own graph (graphSlice.ts). */
export interface GraphSlice {
  graphId: GraphId;
  step: number;
  playing: boolean;
  /** Milliseconds between steps while playing. */
  speedMs: number;
  /** What the learner typed, per graph and field. */
  texts: PerGraph<Record<string, string>>;
  /** The last valid inputs, per graph: the graph is always computed from these. */
  values: PerGraph<Values>;
  /** The last valid matrix inputs, per matrix graph. */
  tensors: PerGraph<Record<string, Tensor>>;
  errors: PerGraph<Record<string, FieldError | undefined>>;
  inspected: string | null;
  /** The learner's own graph: the lines as typed, the last lines that parsed, and what is wrong now. */
  exprText: string;
  exprValid: string;
  exprError: ExprError | null;
  /** The definition built from `exprValid`: what "Your own graph" shows. */
  customDef: ScalarGraphDef;

  setGraph: (id: GraphId) => void;
  setStep: (k: number) => void;
  stepForward: () => void;
  stepBack: () => void;
  reset: () => void;
  /** Stops playing (practice mode turning on, say). */
  pause: () => void;
  /** Opens the graph at a step as it is, neither clamped by practice nor playing (a tour stop). */
  openAt: (k: number) => void;
  /** Sets a matrix graph's texts and tensors at once (a tour stop's inputs, already checked). */
  setInputs: (id: GraphId, texts: Record<string, string>, tensors: Record<string, Tensor>) => void;
  runToEnd: () => void;
  togglePlay: () => void;
  /** Advances one step while playing; stops at the end. */
  tick: () => void;
  setSpeed: (ms: number) => void;
  editInput: (name: string, text: string) => void;
  restoreDefaults: () => void;
  /** Sets several literal fields at once (the Softmax-with-Loss presets). */
  applyTexts: (texts: Record<string, string>) => void;
  inspect: (nodeId: string | null) => void;
  /**
   * The learner's lines: the graph follows them as soon as they parse. When they do not, they
   * are kept as typed and `exprError` says why at once (the field shows it once the learner
   * leaves it); the graph stays on the last lines that parsed.
   */
  editExpression: (text: string) => void;
}

/** What the two-layer-net graph traces: a test image (MNIST's or the learner's own) or a drawn digit (traceSlice.ts). */
export interface TraceSlice {
  /** The test image traced through the two-layer net (index into the test set in use). */
  traceImage: number;
  /** A digit drawn on the pad (784 values in [0, 1]); traced instead of the test image while set. */
  traceDrawing: Float64Array | null;
  /** The label the drawn digit is meant to be, for the loss. */
  traceLabel: number;
  /** The test images traced: MNIST's, loaded on first use by the two-layer-net graph, or the learner's own. */
  testSet: MnistSplit | null;
  testSetState: 'idle' | 'loading' | 'ready' | 'error';
  testSetError: string | null;

  setTraceImage: (i: number) => void;
  setTraceDrawing: (d: Float64Array | null) => void;
  setTraceLabel: (label: number) => void;
  /** Loads MNIST's test images, unless they are loaded, loading, or the learner's own are in use. */
  loadTestSet: () => void;
  /** Traces the learner's own test images, or (null) none: MNIST's are loaded again when next shown. */
  setOwnTestSet: (test: MnistSplit | null) => void;
}

/** The page's views, one per task: stepping graphs, or training the net. */
export type View = 'graph' | 'training';

/** Why a parameter of the link was not used. */
export type IgnoreReason =
  | 'graph'
  | 'lang'
  | 'view'
  | 'step'
  | 'image'
  | 'noImage'
  | 'tour'
  | 'input'
  | 'number'
  | 'range'
  | 'nonfinite'
  | 'literal'
  | 'shape'
  | 'tooLong'
  | 'expr'
  /** A training setting's value the training panel shows, flagged, for the learner to fix. */
  | 'setting'
  /** Not one of a training setting's options (a combobox or the checkbox). */
  | 'choice'
  /** `hidden=` when `layers=` is given too. */
  | 'alias'
  | 'unreadable';

/** A parameter the link carried and the page did not use; `value` is a short quote of it. */
export interface IgnoredParam {
  name: string;
  value: string;
  reason: IgnoreReason;
}

/** The page's language, view and notices (uiSlice.ts). */
export interface UiSlice {
  lang: Lang;
  /** The view in front (in the URL as `view=`; the graph view is the default). */
  view: View;
  /** What the opening link carried that the page could not use; shown once, until dismissed. */
  urlIgnored: IgnoredParam[];
  /** `graphId:field` of values the learner was told are too long for the link. */
  linkNoticeDismissed: Record<string, true>;
  setLang: (lang: Lang) => void;
  setView: (view: View) => void;
  toggleLang: () => void;
  dismissUrlIgnored: () => void;
  dismissLinkNotice: (keys: string[]) => void;
}

export type TrainPhase =
  | 'idle'
  | 'loading'
  | 'running'
  | 'paused'
  | 'finished'
  | 'stopped'
  | 'diverged'
  | 'error'
  /** Imported weights are being evaluated, then: their evaluation is shown. */
  | 'evaluating'
  | 'imported';

/** What the training panel says under its controls: a run diverged, or failed. */
export type TrainMessage =
  { key: 'train.diverged'; iter: number; loss: string } | { key: 'train.error'; error: CodedError } | null;

/** Training the net in the worker, and what its run shows (trainingSlice.ts). */
export interface TrainingSlice {
  /** Every setting of the next run as given (typed, chosen, or from the link or a saved run). */
  trainTexts: TrainTexts;
  trainErrors: Partial<Record<TrainField, TrainFieldError>>;
  /** Settings the link gave or the learner set since the page opened: a restored run leaves them as they are. */
  trainGiven: Partial<Record<TrainField, true>>;
  /** Float32 trains fast; Float64 gives the book's NumPy precision. */
  trainDtype: DType;
  phase: TrainPhase;
  runId: number;
  iterationsAsked: number;
  iter: number;
  itersPerSec: number;
  evaluating: boolean;
  /** Batch loss after each iteration's update, as the book's train_loss_list. */
  losses: number[];
  evals: EvalRow[];
  sampleImages: Uint8Array | null;
  /** The kernels the worker trains with, "×2" after their name when every step runs on both cores. */
  kernel: KernelLabel | null;
  sampleLabels: Uint8Array | null;
  /** The predicted class of every test image at the latest evaluation, and their labels. */
  predictions: Uint8Array | null;
  testLabels: Uint8Array | null;
  /** True label by row, prediction by column, over every test image (row-major 10 × 10). */
  confusion: Uint32Array | null;
  /** The latest weights the worker sent (after an evaluation, a stop or the end), or imported ones. */
  params: ParamSnapshot | null;
  /** The images the shown run trained and was evaluated on. */
  runDataset: DatasetInfo;
  /** Weights from a file, and their evaluation (null until it is done, for a trained net). */
  imported: { file: string; train: number; test: number } | null;
  /** When the shown run was saved, if it was restored from the browser's storage on load. */
  restoredAt: number | null;
  trainMessage: TrainMessage;

  editTrainField: (field: TrainField, text: string) => void;
  setTrainDtype: (dtype: DType) => void;
  train: () => void;
  pauseTraining: () => void;
  resumeTraining: () => void;
  stopTraining: () => void;
  /** Applies one message from the trainer client (the worker's, or its 'worker-lost'). */
  receive: (msg: ToPage) => void;
  /** Sends to the trainer worker, made on first use (the gradient-check slice uses it too). */
  sendToTrainer: (msg: ToWorker) => void;
  /** Shows a run saved in the browser's storage. */
  showSavedRun: (run: SavedRun) => void;
  /** A fresh panel: no run, nothing trained (the next run's data set shown). */
  clearRun: () => void;
  /** Has the worker evaluate weights from a file; they are the shown net, and its settings, now. */
  evaluateWeights: (file: string, params: ParamSnapshot) => void;
}

export type GradCheckPhase = 'idle' | 'running' | 'done' | 'cancelled' | 'error';

/** The worker's messages about the gradient check, and its loss. */
export type GradCheckMessage = Extract<ToPage, { type: `gc-${string}` | 'worker-lost' }>;

/** The gradient check, run in the trainer's worker (gradCheckSlice.ts). */
export interface GradCheckSlice {
  gcPhase: GradCheckPhase;
  gcRunId: number;
  gcDone: number;
  gcTotal: number;
  gcResult: GradCheckResult | null;
  /** A training run took turns with the check in the worker (its times exclude that). */
  gcSharedWithTraining: boolean;
  gcError: CodedError | null;

  runGradcheck: () => void;
  cancelGradcheck: () => void;
  /** Applies the worker's message about the check (receive() passes them on), or the worker's loss. */
  receiveGradcheck: (msg: GradCheckMessage) => void;
}

/** A field's state: right, wrong, or shown by Show answer. */
export type FieldMark = 'right' | 'wrong' | 'revealed';

/** One quiz (the questions before one step of one graph): what was typed and what came of it. */
export interface QuizState {
  texts: string[];
  /** The latest check of each field (null: not checked yet). */
  marks: (FieldMark | null)[];
  /** Fields the latest check could not read (empty, not a number). */
  invalid: boolean[];
  /** The first outcome of each field: what the score counts. */
  first: (FieldMark | null)[];
  feedback: Msg | null;
}

/** Practice mode's quizzes and score (practiceSlice.ts). */
export interface PracticeSlice {
  practice: boolean;
  /** Ask the forward steps too (predict each node's output). */
  practiceForward: boolean;
  /** Per quiz key (graph and step). */
  quizzes: Record<string, QuizState>;
  /** Fields counted right on the first try, and fields asked (checked or shown). */
  score: { right: number; asked: number };

  setPractice: (on: boolean) => void;
  setPracticeForward: (on: boolean) => void;
  setPrediction: (key: string, i: number, n: number, text: string) => void;
  /** Records a check the page graded (the page has the run; the store only keeps the outcome). */
  recordCheck: (key: string, n: number, g: Graded) => void;
  /** Show answer: fills the fields and counts any field not asked before. */
  revealAnswers: (key: string, answers: string[], feedback: Msg) => void;
  /** A new walk: every quiz forgotten (Reset also zeroes the score). */
  clearQuizzes: () => void;
  /** What Reset and new lines clear: every quiz and the score. */
  resetPractice: () => void;
}

/** The guided tour (tourSlice.ts). */
export interface TourSlice {
  /** The open stop (0-based), or null when the tour is closed. In the URL as tour=N, 1-based. */
  tour: number | null;
  startTour: () => void;
  /** Opens a stop: its graph, its inputs (the book's for the rest), its step, practice when it asks. */
  goToStop: (i: number) => void;
  nextStop: () => void;
  prevStop: () => void;
  endTour: () => void;
}

/** What the keep controls say about the browser's storage (next to them, in the page's language). */
export type KeepNote =
  | { key: 'keep.saveFailed'; reason: string }
  | { key: 'keep.loadFailed'; reason: string }
  | { key: 'keep.unreadable' }
  | { key: 'keep.linkSettings' }
  | { key: 'keep.cleared' }
  | { key: 'keep.otherSaved' }
  | { key: 'keep.otherCleared' }
  | { key: 'keep.clearedOther' }
  | { key: 'keep.clearFailed'; reason: string };

/** Keeping the run: the browser's storage, and weights files in and out (keepSlice.ts). */
export interface KeepSlice {
  /** When the shown run was last saved; null when nothing is saved (or nothing is known to be). */
  savedAt: number | null;
  keepNote: KeepNote | null;
  /** A saved record is there that could not be read: Clear saved run can still remove it. */
  damagedRecord: boolean;
  /** The saved record is another tab's run, not the one this tab shows: Clear saved run can remove it. */
  otherTabRecord: boolean;
  /** Why the last weights file could not be imported. */
  importError: CodedError | null;

  /** Saves what the training panel shows (called after each evaluation, at the end, after an import). */
  persistRun: () => void;
  /** Puts the saved run back, unless the learner has started something in the meantime. */
  restoreRun: () => Promise<void>;
  /**
   * Forgets the saved run, and shows a fresh panel; when the saved run is another tab's, this
   * tab's run stays on screen and the note says what was cleared.
   */
  clearSavedRun: () => Promise<void>;
  /** Another tab saved or cleared the saved run (the storage's BroadcastChannel says so). */
  otherTabChanged: (change: RunChange) => void;
  /** Downloads the weights as backprop-lab-weights.npz. */
  exportWeights: () => void;
  /** Reads weights from an .npz, checks them, and has the worker evaluate them. */
  importWeights: (file: File) => Promise<void>;
}

/** What the next run trains on (datasetSlice.ts). */
export interface DatasetSlice {
  /** What the next run trains on: MNIST, or the learner's own IDX files. */
  dataset: DatasetInfo;
  /** The learner's own data, parsed and checked; null for MNIST. */
  ownData: OwnData | null;
  datasetReading: boolean;
  datasetError: CodedError | null;

  /** Reads four IDX files; on success the next run (and the graph) use them. */
  loadIdxFiles: (files: File[]) => Promise<void>;
  /** Back to MNIST. */
  useMnist: () => void;
}

/** The services the slices call for their side effects (never replaced in a store's life). */
export interface ServicesSlice {
  services: AppServices;
}

export type AppState = GraphSlice &
  TraceSlice &
  UiSlice &
  TrainingSlice &
  GradCheckSlice &
  PracticeSlice &
  TourSlice &
  KeepSlice &
  DatasetSlice &
  ServicesSlice;
