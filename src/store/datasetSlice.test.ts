import { gzipSync } from 'node:zlib';
import { beforeEach, describe, expect, it } from 'vitest';
import { gzipBomb, idxImagesHeader } from '../testing/hostileFiles';
import { idxImages, idxLabels } from '../testing/idxBytes';
import { fakeServices } from '../testing/fakeServices';
import { syntheticMnist } from '../testing/syntheticMnist';
import { createAppStore, type AppStore } from './createAppStore';

const data = syntheticMnist(30, 12, 2);
const file = (name: string, bytes: Uint8Array) => new File([bytes as Uint8Array<ArrayBuffer>], name);
const four = () => [
  file('train-images-idx3-ubyte.gz', new Uint8Array(gzipSync(idxImages(data.train)))),
  file('train-labels-idx1-ubyte', idxLabels(data.train.labels)),
  file('t10k-images-idx3-ubyte', idxImages(data.test)),
  file('t10k-labels-idx1-ubyte', idxLabels(data.test.labels)),
];

let services: ReturnType<typeof fakeServices>;
let store: AppStore;
const st = () => store.getState();

beforeEach(() => {
  services = fakeServices();
  store = createAppStore(services);
});

describe("the learner's own data", () => {
  it('Load IDX files: the next run trains on them, and the graph traces their test images', async () => {
    st().setTraceImage(500);
    await st().loadIdxFiles(four());
    expect(st().datasetError).toBeNull();
    expect(st().dataset).toMatchObject({
      trainCount: 30,
      testCount: 12,
      files: { trainImages: 'train-images-idx3-ubyte.gz', testLabels: 't10k-labels-idx1-ubyte' },
    });
    expect(st().dataset.id).toMatch(/^30-12-/);
    expect(st().testSet?.labels).toEqual(data.test.labels);
    expect(st().testSetState).toBe('ready');
    expect(st().traceImage).toBe(11); // the last of 12 test images
    st().setTraceImage(5000);
    expect(st().traceImage).toBe(11);

    st().train();
    const start = services.clients[0].sent[0];
    expect(start.type === 'start' && start.dataset?.train.images.pixels).toEqual(data.train.images.pixels);
    expect(start.type === 'start' && start.dataset?.test.labels).toEqual(data.test.labels);
    expect(st().runDataset).toEqual(st().dataset);
  });

  it("Training images follows the training set when it asked for all of it, and is checked against the learner's own", async () => {
    expect(st().trainTexts.trainImages).toBe('60000');
    await st().loadIdxFiles(four());
    expect(st().trainTexts.trainImages).toBe('30');
    expect(st().trainErrors.trainImages).toBeUndefined();
    st().editTrainField('trainImages', '31');
    expect(st().trainErrors.trainImages).toEqual({ key: 'train.range.images', params: { min: 1, max: 30 } });
    st().train(); // not with 31 of 30 images
    expect(services.clients).toHaveLength(0);
    st().editTrainField('trainImages', '20');
    st().train();
    const start = services.clients[0].sent[0];
    expect(start.type === 'start' && start.config).toMatchObject({ trainImages: 20 });
    st().stopTraining();
    st().useMnist();
    expect(st().trainTexts.trainImages).toBe('20');
    st().editTrainField('trainImages', '30');
    st().useMnist(); // already MNIST: nothing changes
    expect(st().trainTexts.trainImages).toBe('30');
  });

  it('files that are not the MNIST layout are refused, naming the file; MNIST stays', async () => {
    const files = four();
    files[2] = file('t10k-images-idx3-ubyte', idxLabels(data.test.labels));
    await st().loadIdxFiles(files);
    expect(st().datasetError).toMatchObject({ code: 'data.roles', params: { images: 1, labels: 3 } });
    expect(st().dataset.id).toBe('mnist');
    expect(st().ownData).toBeNull();
  });

  it('Use MNIST goes back: the next run fetches MNIST, the graph loads its test images again', async () => {
    await st().loadIdxFiles(four());
    st().setGraph('two-layer-net');
    st().useMnist();
    expect(st()).toMatchObject({ ownData: null, dataset: { id: 'mnist' }, testSetState: 'loading' });
    expect(services.testSetLoads).toHaveLength(1);
    st().train();
    const start = services.clients[0].sent[0];
    expect(start.type === 'start' && start.dataset).toBeUndefined();
  });

  it('a late MNIST test set does not replace the own one loaded meanwhile', async () => {
    st().loadTestSet();
    await st().loadIdxFiles(four());
    services.testSetLoads[0].resolve(syntheticMnist(1, 99).test);
    await Promise.resolve();
    expect(st().testSet?.labels.length).toBe(12);
  });

  it('Train waits while the files are read, so a run never trains on MNIST and drops them', async () => {
    let finish: () => void = () => undefined;
    const real = services.readIdxFiles;
    services.readIdxFiles = (files) => new Promise((r) => (finish = () => r(real(files))));
    const loading = st().loadIdxFiles(four());
    await new Promise((r) => setTimeout(r, 10));
    expect(st().datasetReading).toBe(true);
    st().train();
    expect(st().phase).toBe('idle');
    expect(services.clients.flatMap((c) => c.types())).not.toContain('start');
    finish();
    await loading;
    expect(st().datasetReading).toBe(false);
    expect(st().dataset.trainCount).toBe(30);
  });

  it('a gzip bomb among the files is refused with its reason, and the data set loaded before stays', async () => {
    await st().loadIdxFiles(four());
    const before = st().dataset;
    const files = four();
    files[0] = file('train-images-idx3-ubyte.gz', gzipBomb(idxImagesHeader(1000), 4096));
    await st().loadIdxFiles(files);
    expect(st().datasetError).toEqual({
      code: 'data.gzipTooLong',
      params: { file: 'train-images-idx3-ubyte', expected: 16 + 1000 * 784 },
    });
    expect(st().dataset).toBe(before);
    expect(st().ownData).not.toBeNull();
  });
});
