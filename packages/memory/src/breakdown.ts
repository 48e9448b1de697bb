/**
 * Where a model's bytes go. Every field but `overhead` is typed float64 storage and
 * exact; `overhead` is the modelled cost of the JavaScript objects around it. The
 * fields add up to the model's `total`.
 */
export interface MemoryBreakdown {
  /** Parameter values: 8 bytes × parameter count. */
  parameters: number;
  /** Gradient buffers of the parameters (0 until the first backward pass). */
  gradients: number;
  /** Optimizer state buffers (Adam: two per parameter, so 2 × `parameters`). */
  optimizerState: number;
  /** Any other typed storage the model holds (cached arrays, graphs kept alive). */
  otherStorage: number;
  /** Object overhead: array objects, shapes, the model's own objects (modelled). */
  overhead: number;
}
