import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import {
  BENCH_CREDENTIALS,
  type LoggedRequest,
  type SimulatorReply,
  type SimulatorRequest,
} from './simulator-protocol.js';

type Pending = (reply: SimulatorReply) => void;
// Distributes over the union, so each request keeps its own fields.
type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;
type Op = WithoutId<SimulatorRequest>;

/** One simulator living in the host process. */
export interface RemoteSimulator {
  readonly url: string;
  readonly credentials: typeof BENCH_CREDENTIALS;
  /** The simulator's request log (`cmd` and HTTP status of every request it answered). */
  requests(): Promise<readonly LoggedRequest[]>;
  close(): Promise<void>;
}

/**
 * Runs simulators in a child process (see simulator-protocol.ts for why). The child inherits this
 * process's loader flags (tsx, source conditions), so it runs the simulator from TypeScript sources.
 */
export class SimulatorHost {
  readonly #child: ChildProcess;
  readonly #pending = new Map<number, Pending>();
  #nextId = 1;

  private constructor(child: ChildProcess) {
    this.#child = child;
    child.on('message', (reply: SimulatorReply) => {
      this.#pending.get(reply.id)?.(reply);
      this.#pending.delete(reply.id);
    });
    // A crashed host must fail the benchmark, not leave it waiting forever.
    child.on('exit', (code) => {
      for (const [id, settle] of this.#pending) settle({ id, ok: false, message: `exited with ${code}` });
      this.#pending.clear();
    });
  }

  static async start(): Promise<SimulatorHost> {
    const entry = fileURLToPath(new URL('./simulator-process.ts', import.meta.url));
    // Same loader flags (tsx, conditions); an inspector flag would clash with ours over its port.
    const execArgv = process.execArgv.filter((flag) => !flag.startsWith('--inspect'));
    const child = fork(entry, [], { execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    await new Promise<void>((resolve, reject) => {
      child.once('spawn', resolve);
      child.once('error', reject);
    });
    return new SimulatorHost(child);
  }

  /** A fresh simulator with `seedUsers` realistic users (0: an empty company), maybe rate-limited. */
  async simulator(
    seedUsers = 0,
    throttle?: { requestsPerSecond: number; retryAfterSeconds?: number },
  ): Promise<RemoteSimulator> {
    const { url } = await this.#ask({
      op: 'start',
      seedUsers,
      ...(throttle === undefined ? {} : { throttle }),
    });
    if (url === undefined) throw new Error('simulator host answered without a URL');
    return {
      url,
      credentials: BENCH_CREDENTIALS,
      requests: async () => (await this.#ask({ op: 'log', url })).log ?? [],
      close: async () => {
        await this.#ask({ op: 'close', url });
      },
    };
  }

  async close(): Promise<void> {
    const exited = new Promise<void>((resolve) => this.#child.once('exit', () => resolve()));
    this.#child.disconnect();
    await exited;
  }

  async #ask(op: Op): Promise<Extract<SimulatorReply, { ok: true }>> {
    const id = this.#nextId++;
    const reply = await new Promise<SimulatorReply>((resolve) => {
      this.#pending.set(id, resolve);
      this.#child.send({ ...op, id });
    });
    if (!reply.ok) throw new Error(`simulator host: ${reply.message}`);
    return reply;
  }
}
