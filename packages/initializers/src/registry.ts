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

// Lookups ignore case, '_' and '-', so 'xavier_uniform', 'XavierUniform' and
// 'glorot-uniform' all resolve.
const normalize = (name: string): string => name.replace(/[_-]/g, '').toLowerCase();

const registry = new Map<string, Initializer>();
for (const [name, init] of Object.entries(initializers)) registry.set(normalize(name), init);

/**
 * The initializer called `name` (built-in or registered); an initializer passed in is
 * returned as it is, so a layer can accept either. Unknown names throw a RangeError
 * listing the known ones.
 *
 * @example
 * getInitializer('he_normal').initialize([784, 128], { rng });
 * getInitializer(XavierUniform) === XavierUniform;   // true
 */
export function getInitializer(name: InitializerName | (string & {}) | Initializer): Initializer {
  if (typeof name !== 'string') return name;
  const found = registry.get(normalize(name));
  if (found === undefined) {
    throw new RangeError(`getInitializer: unknown initializer '${name}'; expected one of ${[...registry.keys()].join(', ')}`);
  }
  return found;
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
  const key = normalize(name);
  if (key === '') throw new RangeError('registerInitializer: the name must not be empty');
  if (registry.has(key)) throw new RangeError(`registerInitializer: '${name}' is already registered`);
  if (typeof initializer?.initialize !== 'function') {
    throw new RangeError(`registerInitializer: '${name}' needs an object with an initialize(...) method`);
  }
  registry.set(key, initializer);
}
