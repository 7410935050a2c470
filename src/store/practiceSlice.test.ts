import { describe, expect, it } from 'vitest';
import { run, SCALAR } from '../engine';
import { scalarDef } from '../graphs';
import { grade, quizAt, revealed } from '../practice/questions';
import { TOUR } from '../practice/tour';
import { fakeServices } from '../testing/fakeServices';
import { createAppStore } from './createAppStore';
import { practiceLimit } from './graphSlice';
import { quizKey } from './practiceSlice';
import { tourBlocked } from './tourSlice';
import { fromSearch, toSearch } from './url';

const appleOrange = run(SCALAR, scalarDef('apple-orange')!.graph, {
  apple: 100,
  apple_num: 2,
  orange: 150,
  orange_num: 3,
  tax: 1.1,
});
const quiz = (k: number) => quizAt(SCALAR, appleOrange, k, { forward: false })!;

describe('practice mode in the store', () => {
  it('holds Step forward, Run to end and Play before a backward step until it is answered', () => {
    const store = createAppStore(fakeServices());
    const s = () => store.getState();
    s().setPractice(true);
    for (let i = 0; i < 6; i++) s().stepForward();
    expect(s().step).toBe(4);
    s().runToEnd();
    expect(s().step).toBe(4);
    s().setStep(8);
    expect(s().step).toBe(4);
    s().togglePlay();
    s().tick();
    expect(s().step).toBe(4);
    expect(s().playing).toBe(false);
    // Stepping back is never held.
    s().stepBack();
    expect(s().step).toBe(3);
    s().stepForward();

    // A wrong check does not open the step; a right one (or Show answer) does.
    s().recordCheck(quizKey('apple-orange', 5), 2, grade(quiz(5), ['650', '650']));
    s().stepForward();
    expect(s().step).toBe(4);
    expect(s().score).toEqual({ right: 1, asked: 2 });
    s().recordCheck(quizKey('apple-orange', 5), 2, grade(quiz(5), ['1.1', '650']));
    expect(practiceLimit(s())).toBe(5);
    // The score keeps each field's first try.
    expect(s().score).toEqual({ right: 1, asked: 2 });
    s().stepForward();
    expect(s().step).toBe(5);
    s().stepForward();
    expect(s().step).toBe(5);

    s().revealAnswers(quizKey('apple-orange', 6), ['1.1', '1.1'], revealed(quiz(6)));
    expect(s().score).toEqual({ right: 1, asked: 4 });
    expect(s().quizzes[quizKey('apple-orange', 6)].texts).toEqual(['1.1', '1.1']);
    s().runToEnd();
    expect(s().step).toBe(6);
    s().recordCheck(quizKey('apple-orange', 7), 2, grade(quiz(7), ['3.3', '165']));
    expect(s().score).toEqual({ right: 3, asked: 6 });
  });

  it('scores nothing for a field it cannot read', () => {
    const store = createAppStore(fakeServices());
    const s = () => store.getState();
    s().setPractice(true);
    s().recordCheck(quizKey('apple-orange', 5), 2, grade(quiz(5), ['', '650']));
    expect(s().score).toEqual({ right: 0, asked: 0 });
    expect(s().quizzes[quizKey('apple-orange', 5)].invalid).toEqual([true, false]);
    expect(practiceLimit(s())).toBe(4);
  });

  it('Reset zeroes the score and starts a new walk', () => {
    const store = createAppStore(fakeServices());
    const s = () => store.getState();
    s().setPractice(true);
    s().runToEnd();
    s().recordCheck(quizKey('apple-orange', 5), 2, grade(quiz(5), ['1.1', '650']));
    s().stepForward();
    expect(s().step).toBe(5);
    s().reset();
    expect(s().step).toBe(0);
    expect(s().score).toEqual({ right: 0, asked: 0 });
    expect(s().quizzes).toEqual({});
  });

  it('asks the forward steps too when told to, and nothing without practice', () => {
    const store = createAppStore(fakeServices());
    const s = () => store.getState();
    s().runToEnd();
    expect(s().step).toBe(8);
    s().reset();
    s().setPractice(true);
    s().setPracticeForward(true);
    s().stepForward();
    expect(s().step).toBe(0);
  });
});

describe('the tour in the store and the URL', () => {
  it('opens a stop with its graph, inputs, step and practice, and waits for its prediction', () => {
    const store = createAppStore(fakeServices());
    const s = () => store.getState();
    const i = TOUR.findIndex((t) => t.id === 'mul');
    s().goToStop(i);
    expect(s()).toMatchObject({ tour: i, graphId: 'apple', step: 2, practice: true });
    expect(tourBlocked(s())).toBe(true);
    s().nextStop();
    expect(s().tour).toBe(i);
    s().revealAnswers(quizKey('apple', 3), ['1.1', '200'], { key: 'practice.shown' });
    expect(tourBlocked(s())).toBe(false);
    s().nextStop();
    expect(s().tour).toBe(i + 1);
    s().prevStop();
    expect(s().tour).toBe(i);
    // Back at the stop, the prediction is asked again; the score stays.
    expect(tourBlocked(s())).toBe(true);
    expect(s().score.asked).toBe(2);
  });

  it('sets a batch of two at once, which one field at a time could not', () => {
    const store = createAppStore(fakeServices());
    const s = () => store.getState();
    s().goToStop(TOUR.findIndex((t) => t.id === 'batch'));
    expect(s().graphId).toBe('softmax-loss');
    expect(s().tensors['softmax-loss']!.t.shape).toEqual([2, 3]);
    expect(s().tensors['softmax-loss']!.a.shape).toEqual([2, 3]);
    expect(s().texts['softmax-loss']!.t).toBe('[[0, 1, 0], [0, 0, 1]]');
    // Another stop on the same graph gives the book's inputs back.
    s().goToStop(TOUR.findIndex((t) => t.id === 'oneHot'));
    expect(s().tensors['softmax-loss']!.t.shape).toEqual([3]);
  });

  it('keeps the stop in the URL, 1-based, and reads it back', () => {
    const store = createAppStore(fakeServices());
    const s = () => store.getState();
    expect(toSearch(s())).not.toContain('tour=');
    s().startTour();
    expect(toSearch(s())).toContain('tour=1');
    s().goToStop(6);
    expect(new URLSearchParams(toSearch(s())).get('tour')).toBe('7');
    expect(fromSearch('?tour=7', 'en').tour).toBe(6);
    expect(fromSearch('?tour=0', 'en').tour).toBeNull();
    expect(fromSearch('?tour=x', 'en').tour).toBeNull();
    expect(fromSearch('?graph=apple', 'en').tour).toBeNull();
    s().endTour();
    expect(toSearch(s())).not.toContain('tour=');
  });

  it('goes no further than its ends', () => {
    const store = createAppStore(fakeServices());
    const s = () => store.getState();
    s().startTour();
    s().prevStop();
    expect(s().tour).toBe(0);
    s().goToStop(TOUR.length + 5);
    expect(s().tour).toBe(TOUR.length - 1);
    s().nextStop();
    expect(s().tour).toBe(TOUR.length - 1);
  });
});
