import type { Point } from '../layoutDag';

/** Flow left to right (the book's figures) or top to bottom (a phone held upright). */
export type Orientation = 'LR' | 'TB';

export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** A piece of an edge: a straight run or a cubic curve. */
export type Seg = { kind: 'L'; p0: Point; p1: Point } | { kind: 'C'; p0: Point; c1: Point; c2: Point; p1: Point };

export type Shape =
  | { kind: 'circle'; cx: number; cy: number; r: number }
  | { kind: 'rect'; cx: number; cy: number; w: number; h: number; rx: number };

/**
 * Coordinates along the flow ("main": x when LR, y when TB) and across it ("cross"). The layout
 * is written once in these terms and turned into x/y here.
 */
export interface Axes {
  pt(main: number, cross: number): Point;
  main(p: Point): number;
  cross(p: Point): number;
  /** A box from its extents on each axis. */
  box(main0: number, main1: number, cross0: number, cross1: number): Box;
}

export const axesOf = (o: Orientation): Axes =>
  o === 'LR'
    ? {
        pt: (m, c) => ({ x: m, y: c }),
        main: (p) => p.x,
        cross: (p) => p.y,
        box: (m0, m1, c0, c1) => ({ x0: m0, x1: m1, y0: c0, y1: c1 }),
      }
    : {
        pt: (m, c) => ({ x: c, y: m }),
        main: (p) => p.y,
        cross: (p) => p.x,
        box: (m0, m1, c0, c1) => ({ x0: c0, x1: c1, y0: m0, y1: m1 }),
      };

const f = (n: number) => (Math.round(n * 100) / 100).toString();

export function segsToPath(segs: Seg[]): string {
  if (segs.length === 0) return '';
  const out = [`M${f(segs[0].p0.x)},${f(segs[0].p0.y)}`];
  for (const s of segs)
    out.push(
      s.kind === 'L'
        ? `L${f(s.p1.x)},${f(s.p1.y)}`
        : `C${f(s.c1.x)},${f(s.c1.y)} ${f(s.c2.x)},${f(s.c2.y)} ${f(s.p1.x)},${f(s.p1.y)}`,
    );
  return out.join('');
}

/** Points every `step` units or closer along the segments (for collision checks). */
export function samplePath(segs: Seg[], step = 2): Point[] {
  const pts: Point[] = [];
  for (const s of segs) {
    const len = s.kind === 'L' ? dist(s.p0, s.p1) : dist(s.p0, s.c1) + dist(s.c1, s.c2) + dist(s.c2, s.p1);
    const n = Math.max(1, Math.ceil(len / step));
    for (let i = 0; i <= n; i++) pts.push(pointAt(s, i / n));
  }
  return pts;
}

export function pointAt(s: Seg, t: number): Point {
  if (s.kind === 'L') return { x: s.p0.x + (s.p1.x - s.p0.x) * t, y: s.p0.y + (s.p1.y - s.p0.y) * t };
  const u = 1 - t;
  const a = u * u * u,
    b = 3 * u * u * t,
    c = 3 * u * t * t,
    d = t * t * t;
  return {
    x: a * s.p0.x + b * s.c1.x + c * s.c2.x + d * s.p1.x,
    y: a * s.p0.y + b * s.c1.y + c * s.c2.y + d * s.p1.y,
  };
}

export const dist = (a: Point, b: Point): number => Math.hypot(a.x - b.x, a.y - b.y);

export const boxesOverlap = (a: Box, b: Box, tol = 0): boolean =>
  a.x0 < b.x1 - tol && b.x0 < a.x1 - tol && a.y0 < b.y1 - tol && b.y0 < a.y1 - tol;

export const inBox = (p: Point, b: Box, tol = 0): boolean =>
  p.x > b.x0 + tol && p.x < b.x1 - tol && p.y > b.y0 + tol && p.y < b.y1 - tol;

export const shapeBox = (s: Shape): Box =>
  s.kind === 'circle'
    ? { x0: s.cx - s.r, x1: s.cx + s.r, y0: s.cy - s.r, y1: s.cy + s.r }
    : { x0: s.cx - s.w / 2, x1: s.cx + s.w / 2, y0: s.cy - s.h / 2, y1: s.cy + s.h / 2 };

/** Is the point inside the shape (by more than tol)? */
export function inShape(p: Point, s: Shape, tol = 0): boolean {
  if (s.kind === 'circle') return Math.hypot(p.x - s.cx, p.y - s.cy) < s.r - tol;
  const dx = Math.abs(p.x - s.cx) - (s.w / 2 - s.rx);
  const dy = Math.abs(p.y - s.cy) - (s.h / 2 - s.rx);
  if (dx <= 0 || dy <= 0) return Math.abs(p.x - s.cx) < s.w / 2 - tol && Math.abs(p.y - s.cy) < s.h / 2 - tol;
  return Math.hypot(dx, dy) < s.rx - tol;
}

/**
 * How far from the shape's centre, along the flow, its outline lies at a given offset across
 * the flow: where an arrow that runs along the flow at that offset meets the shape.
 */
export function rimDistance(s: Shape, crossOffset: number, o: Orientation): number {
  const c = Math.abs(crossOffset);
  if (s.kind === 'circle') return Math.sqrt(Math.max(0, s.r * s.r - c * c));
  const halfMain = o === 'LR' ? s.w / 2 : s.h / 2;
  const halfCross = o === 'LR' ? s.h / 2 : s.w / 2;
  const flat = halfCross - s.rx;
  if (c <= flat) return halfMain;
  const dc = Math.min(s.rx, c - flat);
  return halfMain - s.rx + Math.sqrt(s.rx * s.rx - dc * dc);
}

/** An arrowhead as a closed path whose first point is its tip. */
export function arrowHead(tip: Point, dir: Point, length: number, halfWidth: number): string {
  const bx = tip.x - dir.x * length,
    by = tip.y - dir.y * length;
  const px = -dir.y * halfWidth,
    py = dir.x * halfWidth;
  return `M${f(tip.x)},${f(tip.y)}L${f(bx + px)},${f(by + py)}L${f(bx - px)},${f(by - py)}Z`;
}
