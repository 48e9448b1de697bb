// The parts of the `mnist` package (MIT: 10,000 MNIST digits, 28×28 pixels in
// [0, 1]) that the demo reads. The package ships no types of its own.
declare module 'mnist' {
  /** All samples of one digit, one row of 784 pixels after another. */
  interface Digit {
    readonly id: number;
    readonly length: number;
    readonly raw: readonly number[];
  }
  const digits: readonly Digit[];
  export = digits;
}
