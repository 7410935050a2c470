import { beforeEach, describe, expect, it } from 'vitest';
import { DataError } from '../errors';
import { fakeServices } from '../testing/fakeServices';
import { syntheticMnist } from '../testing/syntheticMnist';
import { createAppStore, type AppStore } from './createAppStore';

let services: ReturnType<typeof fakeServices>;
let store: AppStore;
const st = () => store.getState();

beforeEach(() => {
  services = fakeServices();
  store = createAppStore(services);
});

describe('graph slice: the test set comes from the injected loader', () => {
  it('loads once, and keeps the error in the page language', async () => {
    st().setLang('ko');
    st().loadTestSet();
    st().loadTestSet();
    expect(services.testSetLoads).toHaveLength(1);
    services.testSetLoads[0].reject(new DataError('t10k-images-idx3-ubyte', 'data.http', { status: 404, url: '/m' }));
    await Promise.resolve();
    await Promise.resolve();
    expect(st().testSetState).toBe('error');
    expect(st().testSetError).toBe('t10k-images-idx3-ubyte: /m 요청에 서버가 응답한 상태는 HTTP 404입니다.');
    st().loadTestSet(); // a failed load can be tried again
    const split = services.testSplit();
    services.testSetLoads[1].resolve(split);
    await Promise.resolve();
    await Promise.resolve();
    expect(st()).toMatchObject({ testSetState: 'ready', testSet: split, testSetError: null });
  });
});

describe("trace slice: the learner's own test images", () => {
  it("take the place of MNIST's: ready at once, the traced image kept within them", () => {
    st().setTraceImage(500);
    st().setOwnTestSet(syntheticMnist(1, 12).test);
    expect(st()).toMatchObject({ testSetState: 'ready', testSetError: null, traceImage: 11 });
    expect(st().testSet?.labels).toHaveLength(12);
    st().loadTestSet(); // ready: nothing to load
    expect(services.testSetLoads).toHaveLength(0);
  });

  it("a MNIST load still under way does not replace them; null goes back to loading MNIST's", async () => {
    st().loadTestSet();
    const own = services.testSplit();
    st().setOwnTestSet(own);
    services.testSetLoads[0].resolve(services.testSplit());
    await Promise.resolve();
    await Promise.resolve();
    expect(st().testSet).toBe(own);
    st().setOwnTestSet(null);
    expect(st()).toMatchObject({ testSet: null, testSetState: 'idle', testSetError: null });
    st().loadTestSet();
    expect(services.testSetLoads).toHaveLength(2);
  });

  it('the drawn digit and its label', () => {
    st().setTraceDrawing(new Float64Array(784));
    st().setTraceLabel(12.4);
    expect(st().traceLabel).toBe(9);
    st().setTraceImage(3);
    expect(st()).toMatchObject({ traceImage: 3, traceDrawing: null });
  });
});
