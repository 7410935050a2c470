import { describe, expect, it } from 'vitest';
import { placeCard, type Rect } from './placeCard';

const view = { width: 1440, height: 900, top: 56 };
const card = { width: 480, height: 220 };
const rect = (left: number, top: number, w: number, h: number): Rect => ({
  left,
  top,
  right: left + w,
  bottom: top + h,
});
const overlaps = (p: { left: number; top: number }, r: Rect) =>
  p.left < r.right && r.left < p.left + card.width && p.top < r.bottom && r.top < p.top + card.height;

describe('placing the tour card', () => {
  it('sits right beside a node it talks about, inside the window', () => {
    const node = rect(600, 300, 50, 50);
    const p = placeCard(card, node, [], view);
    const gap = Math.max(p.left - 650, 600 - (p.left + card.width), p.top - 350, 300 - (p.top + card.height));
    expect(gap).toBeGreaterThanOrEqual(0);
    expect(gap).toBeLessThan(20);
    expect(p.left).toBeGreaterThanOrEqual(8);
    expect(p.left + card.width).toBeLessThanOrEqual(1440 - 8);
    expect(overlaps(p, node)).toBe(false);
  });

  it('covers the drawing only where it must', () => {
    const node = rect(600, 300, 50, 50);
    const drawing = rect(300, 200, 700, 300);
    const p = placeCard(card, node, [], view, [drawing]);
    expect(overlaps(p, node)).toBe(false);
    // Beside the drawing costs less than over it, and it is still near.
    const covered =
      Math.max(0, Math.min(p.left + card.width, 1000) - Math.max(p.left, 300)) *
      Math.max(0, Math.min(p.top + card.height, 500) - Math.max(p.top, 200));
    expect(covered).toBeLessThan(card.width * card.height * 0.5);
  });

  it('goes beside the node rather than over the step buttons or another highlighted part', () => {
    const node = rect(300, 300, 50, 50);
    const buttons = rect(20, 360, 600, 60);
    const p = placeCard(card, node, [buttons], view);
    expect(overlaps(p, buttons)).toBe(false);
    expect(overlaps(p, node)).toBe(false);
    // Below and beside would both cover the buttons: above it is.
    expect(p.top + card.height).toBeLessThanOrEqual(300);
  });

  it('a part near the bottom of the window gets the card above it', () => {
    const part = rect(40, 700, 1360, 180);
    const p = placeCard(card, part, [], view);
    expect(p.top + card.height).toBeLessThanOrEqual(700);
    expect(p.top).toBeGreaterThanOrEqual(56);
  });

  it('never leaves the window, even when nothing fits beside the part', () => {
    const huge = rect(0, 0, 1440, 900);
    const p = placeCard(card, huge, [], view);
    expect(p.left + card.width).toBeLessThanOrEqual(1440);
    expect(p.top + card.height).toBeLessThanOrEqual(900);
    expect(p.top).toBeGreaterThanOrEqual(56);
  });
});
