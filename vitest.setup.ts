// Property tests are deterministic: every fast-check run uses this seed unless a test sets its own.
import fc from 'fast-check';

fc.configureGlobal({ seed: 20261124 });
