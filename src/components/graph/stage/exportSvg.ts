import { embeddedFontCss, STAGE_FONT, STAGE_WEIGHT } from './font';

const SVG_NS = 'http://www.w3.org/2000/svg';

/** The computed properties that make the drawing look as it does; copied onto every element. */
const PROPS = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-opacity',
  'stroke-dasharray',
  'stroke-linejoin',
  'stroke-linecap',
  'paint-order',
  'font-family',
  'font-size',
  'font-weight',
  'font-style',
] as const;

export interface ExportInput {
  /** The group that holds the drawing (its zoom transform is dropped: the whole drawing is saved). */
  content: SVGGElement;
  width: number;
  height: number;
  caption: string;
}

const CAPTION = 20;
const PAD = 24;

/**
 * The drawing as it stands, as a standalone SVG document: every style inlined from the page,
 * the font inside, the background of the page's theme, and a caption (graph and step) below.
 */
export async function standaloneSvg({ content, width, height, caption }: ExportInput): Promise<{
  text: string;
  width: number;
  height: number;
}> {
  const fontCss = await embeddedFontCss().catch(() => '');
  const w = Math.ceil(width + 2 * PAD);
  const h = Math.ceil(height + 2 * PAD + CAPTION * 2);
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('xmlns', SVG_NS);
  svg.setAttribute('width', String(w));
  svg.setAttribute('height', String(h));
  svg.setAttribute('viewBox', `0 0 ${w} ${h}`);
  const title = document.createElementNS(SVG_NS, 'title');
  title.textContent = caption;
  svg.appendChild(title);
  const style = document.createElementNS(SVG_NS, 'style');
  style.textContent = fontCss;
  svg.appendChild(style);

  const box = content.closest('.graph-box') ?? content.ownerSVGElement ?? content;
  const bg = document.createElementNS(SVG_NS, 'rect');
  bg.setAttribute('width', String(w));
  bg.setAttribute('height', String(h));
  bg.setAttribute('fill', opaque(getComputedStyle(box).backgroundColor) ?? '#ffffff');
  svg.appendChild(bg);

  const clone = content.cloneNode(true) as SVGGElement;
  inlineStyles(content, clone);
  clone.setAttribute('transform', `translate(${PAD},${PAD})`);
  for (const el of clone.querySelectorAll('.edge-hit, .tokens, [data-transient]')) el.remove();
  for (const el of clone.querySelectorAll('[tabindex]')) el.removeAttribute('tabindex');
  svg.appendChild(clone);

  const text = document.createElementNS(SVG_NS, 'text');
  text.setAttribute('x', String(w / 2));
  text.setAttribute('y', String(h - PAD / 2 - CAPTION / 2));
  text.setAttribute('text-anchor', 'middle');
  const ink = getComputedStyle(box).color;
  text.setAttribute(
    'style',
    `font-family:${STAGE_FONT.replace(/"/g, "'")}, 'Noto Sans KR', 'Apple SD Gothic Neo', sans-serif;font-size:16px;font-weight:${STAGE_WEIGHT};fill:${ink}`,
  );
  text.textContent = caption;
  svg.appendChild(text);

  const xml = new XMLSerializer().serializeToString(svg);
  return { text: `<?xml version="1.0" encoding="UTF-8"?>\n${xml}\n`, width: w, height: h };
}

/** A colour with its alpha dropped to 1 where it is transparent (the page behind it is not saved). */
function opaque(c: string): string | null {
  if (!c || c === 'transparent' || /rgba\(.*,\s*0\)$/.test(c)) return null;
  return c;
}

function inlineStyles(from: Element, to: Element): void {
  const cs = getComputedStyle(from);
  if (cs.display === 'none' || cs.visibility === 'hidden') {
    to.remove();
    return;
  }
  const decl = PROPS.map((p) => `${p}:${cs.getPropertyValue(p)}`).join(';');
  to.setAttribute('style', decl);
  to.removeAttribute('class');
  const a = Array.from(from.children);
  const b = Array.from(to.children);
  for (let i = 0; i < a.length; i++) if (b[i]) inlineStyles(a[i], b[i]);
}

/** Draws the SVG on a canvas `scale` times its size and returns the PNG. */
export async function svgToPng(svg: { text: string; width: number; height: number }, scale: number): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svg.text], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(svg.width * scale);
    canvas.height = Math.round(svg.height * scale);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no 2d canvas');
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('toBlob gave nothing'))), 'image/png'),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** Hands a file to the browser's downloads. */
export function saveFile(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}
