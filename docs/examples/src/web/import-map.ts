// A page's import map, applied by the server to the modules a Web Worker loads. Chromium
// (156 as of writing) does not give module workers the page's import map, so
// `import … from '@smolml/core'` inside a worker fails; the server serves the worker's
// modules under a prefix with each mapped bare name replaced by its (prefixed) URL. The
// page itself loads the packages' dist files untouched, through the map.

/** The `imports` of the first `<script type="importmap">` in `html`, or `{}`. */
export function readImportMap(html: string): Record<string, string> {
  const m = /<script\s+type=["']importmap["']\s*>([\s\S]*?)<\/script>/i.exec(html);
  if (m === null) return {};
  const parsed = JSON.parse(m[1]) as { imports?: Record<string, string> };
  return parsed.imports ?? {};
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Replaces every static or dynamic import of a name in `imports` by `prefix` + its URL:
 * `from "@smolml/core"` → `from "/worker/smolml/core/index.mjs"`. Only exact names are
 * mapped (no `"pkg/"` prefixes), as the demo's map has none. Relative imports stay as they
 * are, so they resolve under the same prefix.
 *
 * @example
 * applyImportMap(`import { relu } from "@smolml/activations";`, { '@smolml/activations': '/smolml/activations/index.mjs' }, '/worker');
 * // 'import { relu } from "/worker/smolml/activations/index.mjs";'
 */
export function applyImportMap(source: string, imports: Record<string, string>, prefix: string): string {
  const names = Object.keys(imports);
  if (names.length === 0) return source;
  const pattern = new RegExp(`(\\bfrom\\s*|\\bimport\\s*\\(?\\s*)(["'])(${names.map(escapeRegExp).join('|')})\\2`, 'g');
  return source.replace(pattern, (_, head: string, quote: string, name: string) => `${head}${quote}${prefix}${imports[name]}${quote}`);
}
