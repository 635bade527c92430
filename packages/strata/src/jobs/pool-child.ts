/**
 * A local pool's worker process: receives { id, study, index } over IPC, runs the job and sends back
 * { id, result } or { id, error }. When the parent goes away (killed), it exits after its current job.
 */
import { runJob, type Study } from './run-job.js';

interface Request {
  id: number;
  study: Study;
  index: number;
}

process.on('disconnect', () => process.exit(0));
process.on('message', (msg: Request) => {
  runJob(msg.study, msg.index).then(
    (result) => send({ id: msg.id, result }),
    (e: unknown) => send({ id: msg.id, error: e instanceof Error ? `${e.name === 'Error' ? '' : `${e.name}: `}${e.message}` : String(e) }),
  );
});

function send(reply: object): void {
  if (!process.connected) process.exit(0);
  process.send!(reply, undefined, undefined, (err) => {
    if (err) process.exit(0);
  });
}
