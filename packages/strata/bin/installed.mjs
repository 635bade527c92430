#!/usr/bin/env node
// The `strata` command of an installed @strata/strata (publishConfig.bin): the built CLI, no tsx, no esbuild.
import { main } from '../lib/cli.mjs';

process.exitCode = await main(process.argv.slice(2));
