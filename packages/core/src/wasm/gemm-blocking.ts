// How every gemm kernel splits the inner dimension k. Each element of C is summed block
// by block: s = 0; s += A[i][p]·B[p][j] for p in the block, in order; C[i][j] += s. All
// kernels (WebAssembly, the packing JavaScript kernel, the plain row and column loops)
// split at the same boundaries, chosen from k alone, so they stay bit-identical.
//
// Splitting keeps every scratch buffer bounded whatever k is (a block of B is at least
// one panel wide and a block of A at least one strip high). Up to K_BLOCK_MAX there is a
// single block: the products our users run see the plain sum, and speed measured no
// better with shorter blocks (see bench/gemm.mjs).

/** The longest block of the inner dimension. */
export const K_BLOCK_MAX = 16384;

/**
 * The length of every block of k but the last (which may be shorter): k itself up to
 * {@link K_BLOCK_MAX}, else ceil(k / blocks) for the fewest blocks that fit, rounded up to
 * a multiple of 4 so that the kernels' unrolled loops see whole steps.
 *
 * @example kBlock(1000) === 1000; kBlock(40000) === 13336 // blocks of 13336, 13336, 13328
 */
export function kBlock(k: number): number {
  if (k <= K_BLOCK_MAX) return k;
  const blocks = Math.ceil(k / K_BLOCK_MAX);
  return Math.ceil(k / blocks / 4) * 4;
}
