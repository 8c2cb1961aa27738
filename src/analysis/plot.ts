/**
 * Plots as SVG text, written directly (no plotting library is installed: vega/vega-lite or
 * Observable Plot would be the library choice; see the analysis helper's report). Two kinds:
 *
 * - `lineChart`: series of (x, y) points with 95 % interval bars, linear axes with "nice" ticks
 *   (1, 2, 5 × 10ᵏ steps, P. S. Heckbert, "Nice numbers for graph labels", Graphics Gems, 1990).
 * - `mapSvg`: an equirectangular (plate carrée) map of a footprint grid, cells coloured by
 *   probability on the viridis scale (S. van der Walt and N. Smith, matplotlib colormap "viridis",
 *   2015; the 11 stops below are its values at 0, 0.1, …, 1), a graticule, markers, and coastlines
 *   when given (lon/lat rings, e.g. decoded from a TopoJSON world atlas by `topojsonRings`).
 *
 * Output is self-contained SVG 1.1 with no external references, so it can be inlined in a report.
 */

/** Escapes text for XML content and attributes. */
export function xmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const fmt = (x: number): string => (Math.abs(x) < 1e-12 ? '0' : Number(x.toPrecision(6)).toString());

/** Heckbert's nice number ≥ (round = false) or nearest (round = true) to x: 1, 2, 5 × 10ᵏ. */
function nice(x: number, round: boolean): number {
  const e = Math.floor(Math.log10(x));
  const f = x / Math.pow(10, e);
  let nf: number;
  if (round) nf = f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10;
  else nf = f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10;
  return nf * Math.pow(10, e);
}

/** Tick values covering [lo, hi] with about `n` nice steps (Heckbert 1990). */
export function niceTicks(lo: number, hi: number, n = 5): number[] {
  if (!(hi > lo)) return [lo];
  const range = nice(hi - lo, false);
  const step = nice(range / Math.max(1, n - 1), true);
  const t0 = Math.floor(lo / step) * step;
  const t1 = Math.ceil(hi / step) * step;
  const out: number[] = [];
  for (let t = t0; t <= t1 + step * 1e-9; t += step) out.push(Number(t.toPrecision(12)));
  return out;
}

/** One series of a line chart. */
export interface Series {
  name: string;
  points: { x: number; y: number; lo?: number; hi?: number }[];
}

export interface LineChartOptions {
  title: string;
  xLabel: string;
  yLabel: string;
  /** fixed y range, e.g. [0, 1] for probabilities */
  yRange?: [number, number];
  width?: number;
  height?: number;
  /** horizontal reference lines (e.g. thresholds) */
  hLines?: { y: number; label: string }[];
}

/** Categorical colours (Okabe & Ito, "Color Universal Design", 2008: colour-blind safe). */
const PALETTE = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#F0E442', '#000000'];

/** A line chart with interval bars (see the module comment). */
export function lineChart(series: readonly Series[], o: LineChartOptions): string {
  const W = o.width ?? 640;
  const H = o.height ?? 400;
  const m = { l: 64, r: 160, t: 36, b: 52 };
  const pw = W - m.l - m.r;
  const ph = H - m.t - m.b;
  const xs: number[] = [];
  const ys: number[] = [];
  for (const s of series) {
    for (const p of s.points) {
      if (Number.isFinite(p.x)) xs.push(p.x);
      for (const v of [p.y, p.lo, p.hi]) if (v !== undefined && Number.isFinite(v)) ys.push(v);
    }
  }
  let x0 = xs.length ? Math.min(...xs) : 0;
  let x1 = xs.length ? Math.max(...xs) : 1;
  if (x1 === x0) {
    x0 -= 1;
    x1 += 1;
  }
  let [y0, y1] = o.yRange ?? [ys.length ? Math.min(...ys) : 0, ys.length ? Math.max(...ys) : 1];
  if (y1 === y0) {
    y0 -= 1;
    y1 += 1;
  }
  const xt = niceTicks(x0, x1, 6);
  const yt = o.yRange ? niceTicks(y0, y1, 6).filter((t) => t >= y0 - 1e-12 && t <= y1 + 1e-12) : niceTicks(y0, y1, 6);
  if (!o.yRange) {
    y0 = yt[0];
    y1 = yt[yt.length - 1];
  }
  x0 = Math.min(x0, xt[0]);
  x1 = Math.max(x1, xt[xt.length - 1]);
  const X = (x: number) => m.l + ((x - x0) / (x1 - x0)) * pw;
  const Y = (y: number) => m.t + ph - ((y - y0) / (y1 - y0)) * ph;
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`);
  parts.push(`<title>${xmlEscape(o.title)}</title>`);
  parts.push(`<rect x="0" y="0" width="${W}" height="${H}" fill="#ffffff"/>`);
  parts.push(`<text x="${W / 2}" y="20" text-anchor="middle" font-size="14" font-weight="bold">${xmlEscape(o.title)}</text>`);
  for (const t of xt) {
    if (t < x0 - 1e-9 || t > x1 + 1e-9) continue;
    parts.push(`<line x1="${fmt(X(t))}" y1="${m.t}" x2="${fmt(X(t))}" y2="${m.t + ph}" stroke="#e5e5e5"/>`);
    parts.push(`<text x="${fmt(X(t))}" y="${m.t + ph + 16}" text-anchor="middle">${fmt(t)}</text>`);
  }
  for (const t of yt) {
    parts.push(`<line x1="${m.l}" y1="${fmt(Y(t))}" x2="${m.l + pw}" y2="${fmt(Y(t))}" stroke="#e5e5e5"/>`);
    parts.push(`<text x="${m.l - 6}" y="${fmt(Y(t) + 4)}" text-anchor="end">${fmt(t)}</text>`);
  }
  parts.push(`<rect x="${m.l}" y="${m.t}" width="${pw}" height="${ph}" fill="none" stroke="#333"/>`);
  parts.push(`<text x="${m.l + pw / 2}" y="${H - 12}" text-anchor="middle">${xmlEscape(o.xLabel)}</text>`);
  parts.push(`<text transform="translate(16 ${m.t + ph / 2}) rotate(-90)" text-anchor="middle">${xmlEscape(o.yLabel)}</text>`);
  for (const h of o.hLines ?? []) {
    if (h.y < y0 || h.y > y1) continue;
    parts.push(`<line x1="${m.l}" y1="${fmt(Y(h.y))}" x2="${m.l + pw}" y2="${fmt(Y(h.y))}" stroke="#888" stroke-dasharray="4 3"/>`);
    parts.push(`<text x="${m.l + 4}" y="${fmt(Y(h.y) - 4)}" fill="#666">${xmlEscape(h.label)}</text>`);
  }
  series.forEach((s, k) => {
    const c = PALETTE[k % PALETTE.length];
    const pts = s.points.filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y)).sort((a, b) => a.x - b.x);
    for (const p of pts) {
      if (p.lo !== undefined && p.hi !== undefined && Number.isFinite(p.lo) && Number.isFinite(p.hi)) {
        const x = fmt(X(p.x));
        parts.push(`<line x1="${x}" y1="${fmt(Y(p.lo))}" x2="${x}" y2="${fmt(Y(p.hi))}" stroke="${c}" stroke-width="1.5"/>`);
        parts.push(`<line x1="${fmt(X(p.x) - 3)}" y1="${fmt(Y(p.lo))}" x2="${fmt(X(p.x) + 3)}" y2="${fmt(Y(p.lo))}" stroke="${c}"/>`);
        parts.push(`<line x1="${fmt(X(p.x) - 3)}" y1="${fmt(Y(p.hi))}" x2="${fmt(X(p.x) + 3)}" y2="${fmt(Y(p.hi))}" stroke="${c}"/>`);
      }
    }
    if (pts.length > 1) parts.push(`<polyline fill="none" stroke="${c}" stroke-width="2" points="${pts.map((p) => `${fmt(X(p.x))},${fmt(Y(p.y))}`).join(' ')}"/>`);
    for (const p of pts) parts.push(`<circle cx="${fmt(X(p.x))}" cy="${fmt(Y(p.y))}" r="3" fill="${c}"/>`);
    const ly = m.t + 10 + k * 18;
    parts.push(`<rect x="${m.l + pw + 12}" y="${ly - 8}" width="12" height="12" fill="${c}"/>`);
    parts.push(`<text x="${m.l + pw + 30}" y="${ly + 2}">${xmlEscape(s.name)}</text>`);
  });
  parts.push('</svg>');
  return parts.join('\n') + '\n';
}

/** viridis at 0, 0.1, …, 1 (matplotlib, van der Walt & Smith 2015). */
const VIRIDIS = ['#440154', '#482475', '#414487', '#355f8d', '#2a788e', '#21918c', '#22a884', '#44bf70', '#7ad151', '#bddf26', '#fde725'];

/** The viridis colour of p in [0, 1] (linear between the 11 stops). */
export function viridis(p: number): string {
  const x = Math.min(1, Math.max(0, Number.isFinite(p) ? p : 0)) * (VIRIDIS.length - 1);
  const i = Math.min(VIRIDIS.length - 2, Math.floor(x));
  const f = x - i;
  const a = VIRIDIS[i];
  const b = VIRIDIS[i + 1];
  let out = '#';
  for (let k = 1; k < 7; k += 2) {
    const v = Math.round(parseInt(a.slice(k, k + 2), 16) * (1 - f) + parseInt(b.slice(k, k + 2), 16) * f);
    out += v.toString(16).padStart(2, '0');
  }
  return out;
}

export interface MapOptions {
  title: string;
  /** box: south, west, north, east (degrees) */
  box: { lat0: number; lon0: number; lat1: number; lon1: number };
  cells: { lat_deg: number; lon_deg: number; p: number }[];
  step_deg: number;
  markers?: { kind: string; id: string; lat_deg: number; lon_deg: number }[];
  /** coastline rings, each a list of [lon, lat] */
  coastlines?: number[][][];
  /** a note under the title (e.g. "coastlines not available") */
  note?: string;
  width?: number;
}

/** An equirectangular map of a footprint (see the module comment). */
export function mapSvg(o: MapOptions): string {
  const { lat0, lon0, lat1, lon1 } = o.box;
  const midLat = ((lat0 + lat1) / 2) * (Math.PI / 180);
  const W = o.width ?? 720;
  const m = { l: 48, r: 110, t: 44, b: 36 };
  const pw = W - m.l - m.r;
  // plate carrée with the standard parallel at the box's middle latitude keeps shapes near true there
  const ph = Math.max(80, Math.round((pw * (lat1 - lat0)) / ((lon1 - lon0) * Math.cos(midLat))));
  const H = ph + m.t + m.b;
  const X = (lon: number) => m.l + ((lon - lon0) / (lon1 - lon0)) * pw;
  const Y = (lat: number) => m.t + ((lat1 - lat) / (lat1 - lat0)) * ph;
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="11">`);
  parts.push(`<title>${xmlEscape(o.title)}</title>`);
  parts.push(`<rect x="0" y="0" width="${W}" height="${H}" fill="#ffffff"/>`);
  parts.push(`<text x="${W / 2}" y="18" text-anchor="middle" font-size="14" font-weight="bold">${xmlEscape(o.title)}</text>`);
  if (o.note) parts.push(`<text x="${W / 2}" y="34" text-anchor="middle" fill="#666">${xmlEscape(o.note)}</text>`);
  parts.push(`<defs><clipPath id="plot"><rect x="${m.l}" y="${m.t}" width="${pw}" height="${ph}"/></clipPath></defs>`);
  parts.push(`<rect x="${m.l}" y="${m.t}" width="${pw}" height="${ph}" fill="#f4f6f8"/>`);
  parts.push('<g clip-path="url(#plot)">');
  const h = o.step_deg / 2;
  for (const c of o.cells) {
    const x = X(c.lon_deg - h);
    const y = Y(c.lat_deg + h);
    parts.push(`<rect x="${fmt(x)}" y="${fmt(y)}" width="${fmt(X(c.lon_deg + h) - x)}" height="${fmt(Y(c.lat_deg - h) - y)}" fill="${viridis(c.p)}"/>`);
  }
  for (const ring of o.coastlines ?? []) {
    if (ring.length < 2) continue;
    parts.push(`<polyline fill="none" stroke="#222" stroke-width="0.8" points="${ring.map(([lo, la]) => `${fmt(X(lo))},${fmt(Y(la))}`).join(' ')}"/>`);
  }
  const span = Math.max(lat1 - lat0, lon1 - lon0);
  const gstep = span > 40 ? 10 : span > 15 ? 5 : span > 6 ? 2 : 1;
  for (let la = Math.ceil(lat0 / gstep) * gstep; la <= lat1; la += gstep) parts.push(`<line x1="${m.l}" y1="${fmt(Y(la))}" x2="${m.l + pw}" y2="${fmt(Y(la))}" stroke="#999" stroke-width="0.5" stroke-dasharray="2 3"/>`);
  for (let lo = Math.ceil(lon0 / gstep) * gstep; lo <= lon1; lo += gstep) parts.push(`<line x1="${fmt(X(lo))}" y1="${m.t}" x2="${fmt(X(lo))}" y2="${m.t + ph}" stroke="#999" stroke-width="0.5" stroke-dasharray="2 3"/>`);
  const shape: Record<string, string> = { launch: '#d62728', battery: '#ffffff', asset: '#ff7f0e' };
  for (const mk of o.markers ?? []) {
    const x = fmt(X(mk.lon_deg));
    const y = fmt(Y(mk.lat_deg));
    if (mk.kind === 'launch') parts.push(`<path d="M${x} ${fmt(Y(mk.lat_deg) - 6)} l5 10 h-10 z" fill="${shape.launch}" stroke="#000"><title>${xmlEscape(`${mk.kind} ${mk.id}`)}</title></path>`);
    else parts.push(`<circle cx="${x}" cy="${y}" r="3.5" fill="${shape[mk.kind] ?? '#fff'}" stroke="#000"><title>${xmlEscape(`${mk.kind} ${mk.id}`)}</title></circle>`);
  }
  parts.push('</g>');
  parts.push(`<rect x="${m.l}" y="${m.t}" width="${pw}" height="${ph}" fill="none" stroke="#333"/>`);
  for (let la = Math.ceil(lat0 / gstep) * gstep; la <= lat1; la += gstep) parts.push(`<text x="${m.l - 4}" y="${fmt(Y(la) + 4)}" text-anchor="end">${fmt(la)}°</text>`);
  for (let lo = Math.ceil(lon0 / gstep) * gstep; lo <= lon1; lo += gstep) parts.push(`<text x="${fmt(X(lo))}" y="${m.t + ph + 14}" text-anchor="middle">${fmt(lo)}°</text>`);
  // colour bar
  const bx = m.l + pw + 24;
  for (let i = 0; i < 20; i++) {
    const p = 1 - i / 20;
    parts.push(`<rect x="${bx}" y="${fmt(m.t + (i * ph) / 20)}" width="16" height="${fmt(ph / 20 + 0.5)}" fill="${viridis(p - 0.025)}"/>`);
  }
  parts.push(`<rect x="${bx}" y="${m.t}" width="16" height="${ph}" fill="none" stroke="#333"/>`);
  for (const p of [0, 0.5, 1]) parts.push(`<text x="${bx + 20}" y="${fmt(m.t + (1 - p) * ph + 4)}">${p}</text>`);
  parts.push(`<text transform="translate(${bx + 50} ${m.t + ph / 2}) rotate(90)" text-anchor="middle">P(intercept)</text>`);
  parts.push('</svg>');
  return parts.join('\n') + '\n';
}

/** A TopoJSON topology (Bostock, TopoJSON Format Specification 1.0, 2013): the parts read here. */
export interface Topology {
  type: 'Topology';
  transform?: { scale: [number, number]; translate: [number, number] };
  arcs: number[][][];
  objects: Record<string, TopoGeometry>;
}
interface TopoGeometry {
  type: string;
  arcs?: unknown;
  geometries?: TopoGeometry[];
}

/**
 * Rings of a TopoJSON object as [lon, lat] lists, clipped to nothing (the map clips). Arcs are
 * delta-encoded when the topology is quantized (spec §2.1.2: positions are the running sums of the
 * deltas, then scaled and translated); an arc index i < 0 means arc ~i reversed (§2.2.2).
 */
export function topojsonRings(topo: Topology, object: string): number[][][] {
  const decoded: number[][][] = topo.arcs.map((arc) => {
    if (!topo.transform) return arc.map((p) => [p[0], p[1]]);
    const [sx, sy] = topo.transform.scale;
    const [tx, ty] = topo.transform.translate;
    let x = 0;
    let y = 0;
    return arc.map((p) => {
      x += p[0];
      y += p[1];
      return [x * sx + tx, y * sy + ty];
    });
  });
  const ring = (ids: number[]): number[][] => {
    const out: number[][] = [];
    for (const i of ids) {
      const a = i >= 0 ? decoded[i] : decoded[~i].slice().reverse();
      // consecutive arcs share their end point: drop the duplicate
      for (let k = out.length ? 1 : 0; k < a.length; k++) out.push(a[k]);
    }
    return out;
  };
  const rings: number[][][] = [];
  const visit = (g: TopoGeometry): void => {
    if (g.type === 'GeometryCollection') for (const c of g.geometries ?? []) visit(c);
    else if (g.type === 'Polygon') for (const r of g.arcs as number[][]) rings.push(ring(r));
    else if (g.type === 'MultiPolygon') for (const p of g.arcs as number[][][]) for (const r of p) rings.push(ring(r));
    else if (g.type === 'LineString') rings.push(ring(g.arcs as number[]));
    else if (g.type === 'MultiLineString') for (const l of g.arcs as number[][]) rings.push(ring(l));
  };
  const obj = topo.objects[object];
  if (obj) visit(obj);
  return rings;
}
