/**
 * The retry policy as the sending code holds it: `policy.ts` loads with the first failure, beside
 * the error words (a plain upload decides nothing). Should its download fail (offline), the
 * decision is the cautious one: what never left waits for the network, a posting step that may
 * have reached the server is never sent again by itself (R17), and the rest is shown for the
 * person to retry.
 */
import type { Decision, PolicyInput } from './policy.js';

let policy: typeof import('./policy.js') | undefined;

/** Loads the policy (once); a failed download is tried again at the next failure. */
export function loadPolicy(): Promise<void> | undefined {
  if (policy) return undefined;
  return import('./policy.js').then(
    (loaded) => void (policy = loaded),
    () => undefined,
  );
}

/** What happens after a failed try (`policy.ts`), or the cautious decision while it is not here. */
export function decide(input: PolicyInput): Decision {
  if (policy) return policy.decide(input);
  const { error, posts } = input;
  if (error.kind === 'aborted') return { action: 'fail', maybePosted: false };
  const neverLeft = error.status === undefined && error.kind === 'network' && !error.unknownOutcome;
  if (neverLeft && !input.online) return { action: 'network' };
  return { action: 'fail', maybePosted: posts && !neverLeft };
}
