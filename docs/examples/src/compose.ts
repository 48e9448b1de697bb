// "Composing your stack" (docs/composing-your-stack.md) as a program: a training loop
// with validation, early stopping, a schedule, clipping and checkpoints from which a run
// resumes exactly. Run it with `node dist/compose.js` here (after the build).
import { runExample } from './compose/example';

runExample((line) => console.log(line));
