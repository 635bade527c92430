/**
 * Text widths for laying out plots in Node. Without a canvas, vega estimates every character as 0.8 em
 * wide, which leaves wide empty margins and spreads labels. Here each printable ASCII character has the
 * advance width of DejaVu Sans (regular / bold), the widest common sans-serif, so the layout still fits
 * when a browser renders the same spec with Helvetica or Arial. Other characters count 0.7 em.
 */

/** Advance widths in em of the characters 32..126 in DejaVu Sans. */
const REGULAR: readonly number[] = [
  0.318, 0.401, 0.46, 0.838, 0.636, 0.95, 0.78, 0.275, 0.39, 0.39, 0.5, 0.838, 0.318, 0.361, 0.318,
  0.337, 0.636, 0.636, 0.636, 0.636, 0.636, 0.636, 0.636, 0.636, 0.636, 0.636, 0.337, 0.337, 0.838,
  0.838, 0.838, 0.531, 1, 0.684, 0.686, 0.698, 0.77, 0.632, 0.575, 0.775, 0.752, 0.295, 0.295, 0.656,
  0.557, 0.863, 0.748, 0.787, 0.603, 0.787, 0.695, 0.635, 0.611, 0.732, 0.684, 0.989, 0.685, 0.611,
  0.685, 0.39, 0.337, 0.39, 0.838, 0.5, 0.5, 0.613, 0.635, 0.55, 0.635, 0.615, 0.352, 0.635, 0.634,
  0.278, 0.278, 0.579, 0.278, 0.974, 0.634, 0.612, 0.635, 0.635, 0.411, 0.521, 0.392, 0.634, 0.592,
  0.818, 0.592, 0.592, 0.525, 0.636, 0.337, 0.636, 0.838,
];

/** Advance widths in em of the characters 32..126 in DejaVu Sans Bold. */
const BOLD: readonly number[] = [
  0.348, 0.456, 0.521, 0.838, 0.696, 1.002, 0.872, 0.306, 0.457, 0.457, 0.523, 0.838, 0.38, 0.415,
  0.38, 0.365, 0.696, 0.696, 0.696, 0.696, 0.696, 0.696, 0.696, 0.696, 0.696, 0.696, 0.4, 0.4, 0.838,
  0.838, 0.838, 0.58, 1, 0.774, 0.762, 0.734, 0.83, 0.683, 0.683, 0.821, 0.837, 0.372, 0.372, 0.775,
  0.637, 0.995, 0.837, 0.85, 0.733, 0.85, 0.77, 0.72, 0.682, 0.812, 0.774, 1.103, 0.771, 0.724, 0.725,
  0.457, 0.365, 0.457, 0.838, 0.5, 0.5, 0.675, 0.716, 0.593, 0.716, 0.678, 0.435, 0.716, 0.712, 0.343,
  0.343, 0.665, 0.343, 1.042, 0.712, 0.687, 0.716, 0.716, 0.493, 0.595, 0.478, 0.712, 0.652, 0.924,
  0.645, 0.652, 0.582, 0.712, 0.365, 0.712, 0.838,
];

const OTHER = 0.7;

/** Width in pixels of `text` at `fontSize` pixels. */
export function textWidth(text: string, fontSize: number, bold = false): number {
  const table = bold ? BOLD : REGULAR;
  let em = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    em += c >= 32 && c <= 126 ? table[c - 32] : OTHER;
  }
  return em * fontSize;
}

/** The parts of a vega text item that the width depends on. */
export interface TextItemLike {
  fontSize?: number | string | null;
  fontWeight?: number | string | null;
  limit?: number;
}

function isBold(weight: TextItemLike['fontWeight']): boolean {
  if (weight == null) return false;
  if (typeof weight === 'number') return weight >= 600;
  const n = Number(weight);
  return Number.isFinite(n) ? n >= 600 : /bold|black|heavy/i.test(weight);
}

/** A drop-in for vega's `textMetrics.width(item, text)`. */
export function vegaTextWidth(item: TextItemLike, text?: unknown): number {
  const size = item.fontSize != null ? +item.fontSize || 0 : 11;
  const value = text == null ? '' : String(text).trim();
  if (size <= 0 || value === '') return 0;
  const w = textWidth(value, size, isBold(item.fontWeight));
  return item.limit != null && item.limit > 0 ? Math.min(w, item.limit) : w;
}
