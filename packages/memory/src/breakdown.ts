/**
 * Where a model's bytes go. Every field but `overhead` is typed storage and exact
 * (`BYTES_PER_ELEMENT` per element: 8 for float64, 4 for float32); `overhead` is the
 * modelled cost of the JavaScript objects around it. The fields add up to the model's
 * `total`.
 */
export interface MemoryBreakdown {
  /** Parameter values: 8 bytes × parameter count in float64, 4 bytes × in float32. */
  parameters: number;
  /** Gradient buffers of the parameters, in their dtype (0 until the first backward pass). */
  gradients: number;
  /** Optimizer state buffers (Adam: two per parameter, so 2 × `parameters`). */
  optimizerState: number;
  /** Any other typed storage the model holds (cached arrays, graphs kept alive). */
  otherStorage: number;
  /** Object overhead: array objects, shapes, the model's own objects (modelled). */
  overhead: number;
}
