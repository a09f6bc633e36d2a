import type { SignatureStrokes, StrokePoint } from '../schema.ts';

/** Bounds on what a signature pad may send: enough for any real signature, small enough to store as evidence. */
export const STROKE_LIMITS = {
  maxStrokes: 200,
  maxPointsPerStroke: 2_000,
  maxPoints: 10_000,
  /** A signature needs some ink: at least this many points over all strokes… */
  minPoints: 5,
  /** …spanning at least this many canvas pixels one way or the other. */
  minExtent: 10,
  maxCanvas: 4_000,
} as const;

export type StrokeCheck = { ok: true; pointCount: number } | { ok: false; message: string };

/** Refuses an empty, dot-sized, oversized or off-canvas signature. Pure: the API and the page use the same rule. */
export function validateStrokes(input: SignatureStrokes): StrokeCheck {
  const { width, height, strokes } = input;
  if (!(width > 0 && height > 0 && width <= STROKE_LIMITS.maxCanvas && height <= STROKE_LIMITS.maxCanvas)) return { ok: false, message: 'Taille du cadre de signature invalide.' };
  if (strokes.length === 0) return { ok: false, message: 'La signature est vide.' };
  if (strokes.length > STROKE_LIMITS.maxStrokes) return { ok: false, message: `Trop de traits (au plus ${STROKE_LIMITS.maxStrokes}).` };
  let points = 0;
  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  for (const stroke of strokes) {
    if (stroke.length === 0) return { ok: false, message: 'Un trait de la signature est vide.' };
    if (stroke.length > STROKE_LIMITS.maxPointsPerStroke) return { ok: false, message: `Trait trop long (au plus ${STROKE_LIMITS.maxPointsPerStroke} points).` };
    points += stroke.length;
    for (const point of stroke) {
      if (![point.x, point.y, point.t].every(Number.isFinite)) return { ok: false, message: 'Point de signature invalide.' };
      if (point.x < 0 || point.y < 0 || point.x > width || point.y > height) return { ok: false, message: 'Un point de la signature sort du cadre.' };
      minX = Math.min(minX, point.x);
      minY = Math.min(minY, point.y);
      maxX = Math.max(maxX, point.x);
      maxY = Math.max(maxY, point.y);
    }
  }
  if (points > STROKE_LIMITS.maxPoints) return { ok: false, message: `Signature trop détaillée (au plus ${STROKE_LIMITS.maxPoints} points).` };
  if (points < STROKE_LIMITS.minPoints || Math.max(maxX - minX, maxY - minY) < STROKE_LIMITS.minExtent) return { ok: false, message: 'La signature est trop courte : signez dans le cadre.' };
  return { ok: true, pointCount: points };
}

/**
 * The strokes as one SVG path, scaled to fit a box of `boxWidth` × `boxHeight` (keeping proportions, centred), in the
 * box's own coordinates with y pointing down — what a PDF page draws with `flipY`.
 */
export function strokesToSvgPath(input: SignatureStrokes, boxWidth: number, boxHeight: number): string {
  const all = input.strokes.flat();
  const minX = Math.min(...all.map((p) => p.x));
  const minY = Math.min(...all.map((p) => p.y));
  const spanX = Math.max(1, Math.max(...all.map((p) => p.x)) - minX);
  const spanY = Math.max(1, Math.max(...all.map((p) => p.y)) - minY);
  const scale = Math.min(boxWidth / spanX, boxHeight / spanY);
  const offsetX = (boxWidth - spanX * scale) / 2;
  const offsetY = (boxHeight - spanY * scale) / 2;
  const fmt = (n: number) => (Math.round(n * 100) / 100).toString();
  const boxX = (p: StrokePoint) => offsetX + (p.x - minX) * scale;
  const boxY = (p: StrokePoint) => offsetY + (p.y - minY) * scale;
  const at = (p: StrokePoint) => `${fmt(boxX(p))} ${fmt(boxY(p))}`;
  return input.strokes
    .map((stroke) => {
      const [first, ...rest] = stroke;
      if (rest.length > 0) return `M ${at(first!)} ${rest.map((p) => `L ${at(p)}`).join(' ')}`;
      // A single point (a dot) still shows: a half-unit segment in the box, drawn inwards so a dot on the right
      // edge does not leave the box.
      const x = boxX(first!);
      const tailX = x + 0.5 <= boxWidth ? x + 0.5 : x - 0.5;
      return `M ${at(first!)} L ${fmt(tailX)} ${fmt(boxY(first!))}`;
    })
    .join(' ');
}
