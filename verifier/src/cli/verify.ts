#!/usr/bin/env node
/**
 * The `suitrust-verify` command: see {@link runVerifyCommand}.
 */
import { runVerifyCommand } from './verifyCommand';

void runVerifyCommand(process.argv.slice(2), { out: (line) => console.log(line), err: (line) => console.error(line) }).then((status) => {
  process.exitCode = status;
});
