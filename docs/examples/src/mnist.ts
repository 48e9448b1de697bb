// The SmolML demo: a 784→128→10 network learns handwritten digits. Five packages
// compose into the training stack (core arrays and autograd, He initialisation, ReLU,
// softmax with cross-entropy, Adam) and a sixth reports its memory. Run it with
// `npm run demo` at the repository root, or `node dist/mnist.js --help` here.
import { runCli } from './mnist/cli';

process.exitCode = runCli(process.argv.slice(2));
