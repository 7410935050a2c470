import latin from '@fontsource/jetbrains-mono/files/jetbrains-mono-latin-600-normal.woff2?url';
import greek from '@fontsource/jetbrains-mono/files/jetbrains-mono-greek-600-normal.woff2?url';

/**
 * The drawing's own font, served from the app's origin: its widths are the same on every
 * machine (so the layout and its collision test hold everywhere), and a downloaded SVG can carry
 * it inside. JetBrains Mono tells 0 from O and 1 from l, which matters for numbers read from
 * the back of a room.
 */
export const STAGE_FAMILY = 'JetBrains Mono';
export const STAGE_FONT = `'${STAGE_FAMILY}', ui-monospace, 'SFMono-Regular', Menlo, Consolas, 'Noto Sans Mono', monospace`;
export const STAGE_WEIGHT = 600;

const FACES = [
  {
    url: latin,
    range:
      'U+0000-00FF, U+0131, U+0152-0153, U+02BB-02BC, U+02C6, U+02DA, U+02DC, U+0304, U+0308, U+0329, U+2000-206F, U+20AC, U+2122, U+2191, U+2193, U+2212, U+2215, U+FEFF, U+FFFD',
  },
  { url: greek, range: 'U+0370-0377, U+037A-037F, U+0384-038A, U+038C, U+038E-03A1, U+03A3-03FF' },
];

let loading: Promise<void> | null = null;

/** Adds the faces to the document once and resolves when they are ready (or failed: then the fallbacks draw). */
export function loadStageFont(): Promise<void> {
  if (loading) return loading;
  if (typeof document === 'undefined' || typeof FontFace === 'undefined') return (loading = Promise.resolve());
  loading = Promise.all(
    FACES.map((f) => {
      const face = new FontFace(STAGE_FAMILY, `url(${f.url}) format('woff2')`, {
        weight: String(STAGE_WEIGHT),
        unicodeRange: f.range,
        display: 'swap',
      });
      document.fonts.add(face);
      return face.load().then(
        () => undefined,
        () => undefined,
      );
    }),
  ).then(() => undefined);
  return loading;
}

/** The faces as CSS with the font files inside (base64), for a standalone SVG. */
let embedded: Promise<string> | null = null;
export function embeddedFontCss(): Promise<string> {
  embedded ??= Promise.all(
    FACES.map(async (f) => {
      const bytes = new Uint8Array(await (await fetch(f.url)).arrayBuffer());
      let bin = '';
      for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      return `@font-face{font-family:'${STAGE_FAMILY}';font-weight:${STAGE_WEIGHT};font-style:normal;src:url(data:font/woff2;base64,${btoa(bin)}) format('woff2');unicode-range:${f.range};}`;
    }),
  ).then((faces) => faces.join('\n'));
  return embedded;
}
