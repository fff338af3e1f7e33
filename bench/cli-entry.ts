/** The okta-ou CLI as compiled with the bench (dist-bench/), for child-cli.ts. */
import { runMain } from '../src/cli/main';

runMain();
