/**
 * The map's projection: d3-geo's Albers USA (Alaska and Hawaii as insets) fitted to a pixel box,
 * with a stream filter that simplifies every projected line and ring (Douglas–Peucker, in pixels).
 * The us-atlas 10m boundaries carry far more detail than a 400–1000 px map can show: unsimplified,
 * one inline map is about 300 kB of path data; at half a pixel's tolerance a fraction of that, and
 * no shape moves visibly. Plot takes the result as-is (an object with `stream`).
 */
import { geoAlbers, geoAlbersUsa, geoConicEqualArea, type GeoStream } from 'd3';

export interface PixelProjection {
  stream(sink: GeoStream): GeoStream;
}

/** A box in pixels: [[x0, y0], [x1, y1]]. */
export type Extent = [[number, number], [number, number]];

/**
 * The us-atlas nation's bounds in Albers USA at d3's fitting scale (scale 150, translate [0, 0]):
 * what `fitExtent(extent, nation)` finds by streaming the whole outline through the projection,
 * which took about a third of a cold embed's map (90–170 ms of 300–370 ms, CPU profile). They are
 * fixed for the boundaries the site ships; tests/charts/map.test.ts computes them again and
 * compares, so a new us-atlas cannot leave them stale.
 */
export const NATION_FIT_BOUNDS: Extent = [
  [-62.90094910499266, -33.69570952986018],
  [54.18083694123104, 34.79715040056897],
];

/**
 * Albers USA fitted to `extent` around the nation, simplified to `tolerance` px: the projection
 * d3's `geoAlbersUsa().fitExtent(extent, nation)` gives, fitted with the same arithmetic (d3-geo's
 * fit.js) from the bounds above, and drawn through each polygon's own inset (insetProjection).
 */
export function albersUsa(extent: Extent, tolerance = 0.5): PixelProjection {
  const projection = insetProjection(extent);
  return { stream: (sink) => projection.stream(simplifying(sink, tolerance)) };
}

/** geoAlbersUsa fitted to `extent` for an object whose bounds at scale 150 are `b` (d3-geo's fitExtent). */
export function fitted(extent: Extent, b: Extent): ReturnType<typeof geoAlbersUsa> {
  const { k, x, y } = fit(extent, b);
  return geoAlbersUsa()
    .scale(150 * k)
    .translate([x, y]);
}

function fit(extent: Extent, b: Extent): { k: number; x: number; y: number } {
  const w = extent[1][0] - extent[0][0];
  const h = extent[1][1] - extent[0][1];
  const k = Math.min(w / (b[1][0] - b[0][0]), h / (b[1][1] - b[0][1]));
  const x = +extent[0][0] + (w - k * (b[1][0] + b[0][0])) / 2;
  const y = +extent[0][1] + (h - k * (b[1][1] + b[0][1])) / 2;
  return { k, x, y };
}

/** d3-geo's albersUsa.js uses it to keep the insets' clip boxes apart. */
const EPSILON = 1e-6;

/**
 * The same projection as `fitted(extent, NATION_FIT_BOUNDS)`, point for point, made faster:
 * d3's geoAlbersUsa streams every polygon through all three of its projections (the lower 48,
 * Alaska, Hawaii), and each clips it to the sphere and resamples it before its clip box throws
 * away what is not its own; two thirds of the work of drawing a map was for nothing. Here the
 * three projections are d3's own, with albersUsa.js's parameters, and each polygon goes to the
 * one its first vertex is in. tests/charts/map.test.ts holds every projected vertex of the
 * states and the nation to geoAlbersUsa's at many widths.
 */
export function insetProjection(extent: Extent): PixelProjection {
  const { k: fitScale, x, y } = fit(extent, NATION_FIT_BOUNDS);
  const k = 150 * fitScale;
  const lower48 = geoAlbers()
    .scale(k)
    .translate([x, y])
    .clipExtent([
      [x - 0.455 * k, y - 0.238 * k],
      [x + 0.455 * k, y + 0.238 * k],
    ]);
  const alaska = geoConicEqualArea()
    .rotate([154, 0])
    .center([-2, 58.5])
    .parallels([55, 65])
    .scale(k * 0.35)
    .translate([x - 0.307 * k, y + 0.201 * k])
    .clipExtent([
      [x - 0.425 * k + EPSILON, y + 0.12 * k + EPSILON],
      [x - 0.214 * k - EPSILON, y + 0.234 * k - EPSILON],
    ]);
  const hawaii = geoConicEqualArea()
    .rotate([157, 0])
    .center([-3, 19.9])
    .parallels([8, 18])
    .scale(k)
    .translate([x - 0.205 * k, y + 0.212 * k])
    .clipExtent([
      [x - 0.214 * k + EPSILON, y + 0.166 * k + EPSILON],
      [x - 0.115 * k - EPSILON, y + 0.234 * k - EPSILON],
    ]);
  return {
    stream: (sink) => routed([lower48.stream(sink), alaska.stream(sink), hawaii.stream(sink)]),
  };
}

/** Which inset draws a polygon whose first vertex is at (longitude, latitude): 0 lower 48, 1 Alaska, 2 Hawaii. */
function inset(longitude: number, latitude: number): number {
  if (latitude > 50 && (longitude < -129 || longitude > 170)) return 1;
  if (latitude < 30 && longitude < -150) return 2;
  return 0;
}

/**
 * Each polygon buffered, then replayed into the one stream of its inset, as d3's multiplex would
 * have given it (the other two would have clipped it away whole); anything else goes to all three.
 */
function routed(streams: GeoStream[]): GeoStream {
  let rings: number[][] | null = null;
  let ring: number[] | null = null;
  const all = (event: (s: GeoStream) => void) => {
    for (const s of streams) event(s);
  };
  return {
    point(x, y) {
      if (ring) ring.push(x, y);
      else all((s) => s.point(x, y));
    },
    lineStart() {
      if (rings) rings.push((ring = []));
      else all((s) => s.lineStart());
    },
    lineEnd() {
      if (rings) ring = null;
      else all((s) => s.lineEnd());
    },
    polygonStart() {
      rings = [];
    },
    polygonEnd() {
      const first = rings!.find((r) => r.length > 0);
      const target = streams[first ? inset(first[0]!, first[1]!) : 0]!;
      target.polygonStart();
      for (const points of rings!) {
        target.lineStart();
        for (let i = 0; i < points.length; i += 2) target.point(points[i]!, points[i + 1]!);
        target.lineEnd();
      }
      target.polygonEnd();
      rings = ring = null;
    },
    sphere: () => all((s) => s.sphere?.()),
  };
}

/**
 * Buffers each line or ring, then passes on only the vertices Douglas–Peucker keeps. Rings (in a
 * polygon) smaller than about a pixel are dropped whole: the 10m coastline has hundreds of islets.
 */
function simplifying(sink: GeoStream, tolerance: number): GeoStream {
  let line: [number, number][] | null = null;
  let inPolygon = false;
  return {
    point(x, y) {
      if (line) line.push([x, y]);
      else sink.point(x, y);
    },
    lineStart() {
      line = [];
    },
    lineEnd() {
      const points = simplify(line ?? [], tolerance);
      line = null;
      if (inPolygon && Math.abs(ringArea(points)) < 1) return;
      sink.lineStart();
      for (const [x, y] of points) sink.point(x, y);
      sink.lineEnd();
    },
    polygonStart() {
      inPolygon = true;
      sink.polygonStart();
    },
    polygonEnd() {
      inPolygon = false;
      sink.polygonEnd();
    },
    sphere: () => sink.sphere?.(),
  };
}

/** Douglas–Peucker: the endpoints, and recursively the farthest vertex while it is beyond `tolerance`. */
export function simplify(
  points: readonly [number, number][],
  tolerance: number,
): [number, number][] {
  if (points.length <= 2) return [...points];
  const keep = new Uint8Array(points.length);
  keep[0] = keep[points.length - 1] = 1;
  const stack: [number, number][] = [[0, points.length - 1]];
  while (stack.length) {
    const [first, last] = stack.pop()!;
    const [ax, ay] = points[first]!;
    const [bx, by] = points[last]!;
    const dx = bx - ax;
    const dy = by - ay;
    const length = Math.hypot(dx, dy);
    let farthest = -1;
    let distance = tolerance;
    for (let i = first + 1; i < last; i++) {
      const [px, py] = points[i]!;
      // Distance to the chord, or to its start when the chord is a point (a closed ring).
      const d =
        length === 0
          ? Math.hypot(px - ax, py - ay)
          : Math.abs(dy * px - dx * py + bx * ay - by * ax) / length;
      if (d > distance) [farthest, distance] = [i, d];
    }
    if (farthest !== -1) {
      keep[farthest] = 1;
      stack.push([first, farthest], [farthest, last]);
    }
  }
  return points.filter((_, i) => keep[i]);
}

/** Signed area of a ring (shoelace), in px². */
function ringArea(points: readonly [number, number][]): number {
  let area = 0;
  for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
    const [xi, yi] = points[i]!;
    const [xj, yj] = points[j]!;
    area += (xj + xi) * (yj - yi);
  }
  return area / 2;
}
