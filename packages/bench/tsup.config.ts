import { defineConfig } from 'tsup';

// One CommonJS file, dist/compare.js. SmolML and the peers (TensorFlow.js, jax-js,
// js-pytorch) stay external (loaded from node_modules as users load them), except tfjs-core's gradient registrations:
// they ship only as extensionless ES modules (dist/register_all_gradients.js), which
// Node cannot load, so they are bundled in. They register into TF.js's global
// registry, which every copy of tfjs-core shares.
export default defineConfig({
  entry: { compare: 'src/compare.ts' },
  format: ['cjs'],
  platform: 'node',
  target: 'node20',
  outDir: 'dist',
  clean: true,
  sourcemap: true,
  dts: false,
  silent: true,
  external: [/^@smolml\//, '@tensorflow/tfjs-core', '@tensorflow/tfjs-backend-cpu', '@tensorflow/tfjs-backend-wasm', '@jax-js/jax', 'js-pytorch'],
  noExternal: [/^@tensorflow\/tfjs-core\/dist\//],
});
