import { describe, expect, it } from 'vitest';
import { BOOK_CODE_KO } from './codeKo';
import { GRAPH_IDS, GRAPHS } from './registry';
import type { BookCode } from './types';

/** The book's graphs (the learner's own graph has no edition to follow). */
const BOOK = Object.values(GRAPHS).filter((d) => d.source !== 'expression');
const ENGLISH: Record<string, BookCode> = Object.fromEntries(BOOK.map((d) => [d.id, d.code]));

const HANGUL = /[\uAC00-\uD7A3]/;
/** The code of a line without its comment and trailing spaces (no string in these listings holds a '#'). */
const code = (line: string) => line.replace(/#.*$/, '').trimEnd();
const comment = (line: string) => /#.*$/.exec(line)?.[0] ?? '';
const comments = (c: BookCode) => c.lines.map(comment).filter((s) => s !== '');

/** ASCII words a Korean comment may keep: names of layers and functions, printed as they are in the edition. */
const KEPT_NAMES = new Set(['Affine1', 'Relu1', 'Affine2', 'Softmax', 'softmax', 'Cross', 'Entropy', 'Error', 'exp']);

describe("the Korean edition's code", () => {
  it('exists for every graph that has code, and only for those', () => {
    expect(Object.keys(ENGLISH).sort()).toEqual(GRAPH_IDS.filter((id) => id !== 'custom').sort());
    expect(Object.keys(BOOK_CODE_KO).sort()).toEqual(Object.keys(ENGLISH).sort());
  });

  describe.each(Object.keys(ENGLISH))('%s', (id) => {
    const en = ENGLISH[id];
    const ko = BOOK_CODE_KO[id];

    it('has as many lines as the English, and every step marks the same line', () => {
      expect(ko.lines.length).toBe(en.lines.length);
      expect(ko.forwardLine).toEqual(en.forwardLine);
      expect(ko.backwardLine).toEqual(en.backwardLine);
      // Every node has both of its steps marked, so nothing is left unhighlighted in either language.
      expect(Object.keys(ko.forwardLine).sort()).toEqual(Object.keys(ko.backwardLine).sort());
      expect(Object.keys(ko.forwardLine).length).toBeGreaterThan(0);
    });

    it('runs the same code as the English, line by line; only the comments differ', () => {
      expect(ko.lines.map(code)).toEqual(en.lines.map(code));
    });

    it('has its comments in Korean, keeping only the names of layers and functions', () => {
      if (comments(en).length === 0) {
        // Neither edition prints a comment in this listing (Sigmoid, Relu, Affine): the text is the same.
        expect(ko.lines).toEqual(en.lines);
        return;
      }
      expect(comments(ko).some((c) => HANGUL.test(c))).toBe(true);
      const english = comments(ko)
        .flatMap((c) => c.match(/[A-Za-z][A-Za-z0-9]{2,}/g) ?? [])
        .filter((w) => !KEPT_NAMES.has(w));
      expect(english).toEqual([]);
    });

    it("uses the edition's headings where the English has forward / backward / layer", () => {
      const heading: Record<string, string> = {
        '# forward': '# 순전파',
        '# backward': '# 역전파',
        '# layer': '# 계층들',
      };
      en.lines.forEach((line, i) => {
        if (line in heading) expect(ko.lines[i]).toBe(heading[line]);
      });
    });
  });

  it("keeps the edition's own comments on SoftmaxWithLoss", () => {
    const lines = BOOK_CODE_KO['softmax-loss'].lines;
    expect(lines).toContain('        self.y = None     # softmax의 출력');
    expect(lines).toContain('        self.t = None     # 정답 레이블(원-핫 인코딩 형태)');
  });
});
