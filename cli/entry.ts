/** The `icp` executable's body: the process's streams in, an exit code out. */
import { run } from './main.ts';
import { removePendingOutputs, stdoutProblem } from './output.ts';

// Stopped with Ctrl-C or kill: drop any half-written output (the target was never touched).
for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]] as const) {
  process.on(signal, () => {
    removePendingOutputs();
    process.exit(code);
  });
}
process.on('exit', removePendingOutputs);

process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  // The reader went away (icp sql … | head): nothing left to do.
  if (error.code === 'EPIPE') process.exit(0);
  // A full disk behind standard output (icp sql … > /dev/full): one sentence, and exit 2.
  process.stderr.write(`icp: ${stdoutProblem(error).message}\n`);
  removePendingOutputs();
  process.exit(2);
});

try {
  process.exitCode = await run(process.argv.slice(2), { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr });
} catch (error) {
  process.stderr.write(`icp: something went wrong inside icp, not in your files: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 2;
}
