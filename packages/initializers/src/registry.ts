import { Constant } from './constant';
import { HeInitialization } from './he-initialization';
import { HeUniform } from './he-uniform';
import { LeCunNormal } from './lecun-normal';
import { LeCunUniform } from './lecun-uniform';
import type { Initializer } from './options';
import { Ones } from './ones';
import { Orthogonal } from './orthogonal';
import { RandomUniform } from './random-uniform';
import { TruncatedNormal } from './truncated-normal';
import { XavierNormal } from './xavier-normal';
import { XavierUniform } from './xavier-uniform';
import { Zeros } from './zeros';

/**
 * The built-in initializers by name. The aliases are the names other libraries use:
 * glorot (Keras) for Xavier, kaiming (PyTorch) and heNormal (Keras) for He.
 *
 * @example
 * initializers.xavierUniform.initialize(784, 128);
 */
export const initializers = Object.freeze({
  randomUniform: RandomUniform,
  xavierUniform: XavierUniform,
  xavierNormal: XavierNormal,
  heInitialization: HeInitialization,
  heNormal: HeInitialization,
  heUniform: HeUniform,
  lecunNormal: LeCunNormal,
  lecunUniform: LeCunUniform,
  zeros: Zeros,
  ones: Ones,
  constant: Constant,
  orthogonal: Orthogonal,
  truncatedNormal: TruncatedNormal,
  glorotUniform: XavierUniform,
  glorotNormal: XavierNormal,
  kaimingNormal: HeInitialization,
  kaimingUniform: HeUniform,
});

/** A built-in initializer name (more can be added with {@link registerInitializer}). */
export type InitializerName = keyof typeof initializers;

/** Every built-in initializer name, in a stable order (the original four first, aliases last). */
export const initializerNames: readonly InitializerName[] = Object.freeze(Object.keys(initializers) as InitializerName[]);

// Lookup key: case and separators ignored, so 'xavier_uniform' (the original SmolML and
// Keras spelling), 'XavierUniform' and 'glorot-uniform' all resolve.
const fold = (name: string): string => name.toLowerCase().replace(/[_\- ]/g, '');

const registry = new Map<string, { name: string; init: Initializer }>();
for (const name of initializerNames) registry.set(fold(name), { name, init: initializers[name] });

/**
 * The initializer called `name` (built-in or registered), matched ignoring case and
 * `_`/`-`; an initializer passed in is returned as it is, so a layer can accept either.
 * An unknown name throws a RangeError listing the known ones.
 *
 * @example
 * getInitializer('he_normal').initialize([784, 128], { rng });
 * getInitializer(XavierUniform) === XavierUniform;   // true
 */
export function getInitializer(name: InitializerName | (string & {}) | Initializer): Initializer {
  // An initializer class is a function with a static initialize; a hand-made one is an object.
  if (typeof name !== 'string' && typeof name?.initialize === 'function') return name;
  const found = typeof name === 'string' ? registry.get(fold(name)) : undefined;
  if (found === undefined) {
    const known = [...registry.values()].map((e) => e.name).join(', ');
    throw new RangeError(`getInitializer: unknown initializer ${JSON.stringify(name)}; expected one of ${known} (case and '_' are ignored)`);
  }
  return found.init;
}

/**
 * Adds `initializer` under `name`, so {@link getInitializer} (and anything that takes an
 * initializer name) finds it. A name already taken throws, rather than silently
 * replacing a built-in.
 *
 * @example
 * registerInitializer('glorot', XavierUniform);
 * getInitializer('glorot').initialize(784, 128);
 */
export function registerInitializer(name: string, initializer: Initializer): void {
  const key = typeof name === 'string' ? fold(name) : '';
  if (key === '') throw new RangeError(`registerInitializer: the name must be a non-empty string, got ${JSON.stringify(name)}`);
  if (registry.has(key)) throw new RangeError(`registerInitializer: '${name}' is already registered`);
  if (typeof initializer?.initialize !== 'function') {
    throw new RangeError(`registerInitializer: '${name}' needs an object with an initialize(...) method`);
  }
  registry.set(key, { name, init: initializer });
}
