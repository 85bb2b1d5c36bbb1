import {
  EngineError,
  Recorder,
  type Engine,
  type EngineRun,
  type HttpReply,
  type HttpRequest,
  type SimulationInput,
} from '../../targets/engine-contract.js';

export type Replier = (request: HttpRequest) => HttpReply | Promise<HttpReply>;

/**
 * Run one call on one engine. Stays synchronous while the replies are (canned replies), so a batch
 * of simulated calls never waits on the event loop; switches to async for a real HTTP exchange.
 */
export function drive(engine: Engine, input: SimulationInput, reply: Replier): Recorder | Promise<Recorder> {
  const recorder = new Recorder();
  const run = engine.run(input, recorder);
  let step = run.next();
  while (!step.done) {
    const answer = reply(step.value);
    if (answer instanceof Promise) return continueAsync(engine, run, answer, reply, recorder);
    recorder.reply(answer);
    step = run.next(answer);
  }
  return finished(engine, recorder);
}

async function continueAsync(
  engine: Engine,
  run: EngineRun,
  pending: Promise<HttpReply>,
  reply: Replier,
  recorder: Recorder,
): Promise<Recorder> {
  const answered = (answer: HttpReply) => {
    recorder.reply(answer);
    return answer;
  };
  let step = run.next(answered(await pending));
  while (!step.done) step = run.next(answered(await reply(step.value)));
  return finished(engine, recorder);
}

function finished(engine: Engine, recorder: Recorder): Recorder {
  if (!recorder.callEnd) throw new EngineError(`the ${engine.name} engine stopped without ending the call`);
  return recorder;
}
