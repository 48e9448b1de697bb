// squeeze, unsqueeze and flatten only rename the shape of a contiguous row-major
// buffer, so they are reshapes: the shape rules live here and the node is reshape's.
import { describeArg, fmtShape } from '../../errors';
import { checkDims, normalizeAxis } from '../../shape';

function axisNumber(op: string, name: string, v: unknown): number {
  if (typeof v !== 'number') throw new TypeError(`${op}: ${name} must be an integer, got ${describeArg(v)}`);
  return v;
}

/** The shape after removing `axis` (a number or list; all length-1 axes when undefined). */
export function squeezeShape(shape: readonly number[], axis: number | readonly number[] | undefined): number[] {
  if (axis === undefined || axis === null) return shape.filter((d) => d !== 1);
  const list = typeof axis === 'number' ? [axis] : axis;
  if (!Array.isArray(list)) throw new TypeError(`squeeze: axis must be an integer or an array of integers, got ${describeArg(axis)}`);
  const nd = shape.length;
  const drop = new Array<boolean>(nd).fill(false);
  for (let i = 0; i < list.length; i++) {
    const raw = axisNumber('squeeze', 'axis', list[i]);
    // numpy and PyTorch both accept axis 0 (or -1) of a 0-d array, as a no-op.
    if (nd === 0 && (raw === 0 || raw === -1)) continue;
    const ax = normalizeAxis('squeeze', raw, nd);
    if (drop[ax]) throw new RangeError(`squeeze: axis ${raw} is given twice`);
    if (shape[ax] !== 1) {
      throw new RangeError(`squeeze: cannot remove axis ${raw} of shape ${fmtShape(shape)}: its length is ${shape[ax]}, not 1 (numpy's rule; PyTorch would leave it)`);
    }
    drop[ax] = true;
  }
  return shape.filter((_, i) => !drop[i]);
}

/** The shape with a new length-1 axis at `axis` (in [-(ndim + 1), ndim], as PyTorch). */
export function unsqueezeShape(shape: readonly number[], axis: number): number[] {
  const ax = normalizeAxis('unsqueeze', axisNumber('unsqueeze', 'axis', axis), shape.length + 1);
  checkDims('unsqueeze', shape.length + 1);
  const out = shape.slice();
  out.splice(ax, 0, 1);
  return out;
}

/** The shape with axes startAxis..endAxis (inclusive) merged into one, as torch.flatten (a 0-d array becomes [1]). */
export function flattenShape(shape: readonly number[], startAxis: number, endAxis: number): number[] {
  const s = axisNumber('flatten', 'startAxis', startAxis), e = axisNumber('flatten', 'endAxis', endAxis);
  const nd = shape.length;
  if (nd === 0) {
    // torch.flatten of a 0-d tensor is [1]: it counts as having the one axis 0 (or -1).
    normalizeAxis('flatten', s, 1);
    normalizeAxis('flatten', e, 1);
    return [1];
  }
  const start = normalizeAxis('flatten', s, nd), end = normalizeAxis('flatten', e, nd);
  if (start > end) throw new RangeError(`flatten: startAxis ${s} comes after endAxis ${e} for an array of shape ${fmtShape(shape)}`);
  let merged = 1;
  for (let i = start; i <= end; i++) merged *= shape[i];
  return [...shape.slice(0, start), merged, ...shape.slice(end + 1)];
}
