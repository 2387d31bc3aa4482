import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { CommandContext, CommandDefinition } from './commands/command-types.js';
import type { SimulatorFault, SimulatorFaultKind, SimulatorFaults } from './faults.js';
import { sendLastPass, sendPlain } from './http-io.js';
import { authenticate, commandName, parseBody } from './request-envelope.js';
import type { SimulatorRequestRecord } from './request-log.js';
import type { SimulatorQuirks } from './simulator-options.js';
import type { SimulatorState } from './simulator-state.js';
import { AUTH_ERROR_XML } from './wire-format.js';

export type Recorder = (entry: Omit<SimulatorRequestRecord, 'at' | 'durationMs'>) => void;

interface Answer {
  readonly status: number;
  /** null = an infrastructure (HTML) answer rather than a LastPass one. */
  readonly body: string | null;
  readonly outcome: SimulatorRequestRecord['outcome'];
  readonly headers?: Readonly<Record<string, string>>;
  readonly fault?: SimulatorFaultKind;
}

export interface RequestHandlerDeps {
  readonly state: SimulatorState;
  readonly faults: SimulatorFaults;
  readonly quirks: SimulatorQuirks;
  readonly commands: ReadonlyMap<string, CommandDefinition>;
}

const retryAfter = (fault: SimulatorFault): Record<string, string> =>
  fault.kind === 'status' && fault.retryAfterSeconds !== undefined
    ? { 'retry-after': String(fault.retryAfterSeconds) }
    : {};

/**
 * One POST to the endpoint. `status`/`auth` faults answer before anything runs; `drop`, `slow` and
 * `malformed` wrap the real answer, and run the command only when their `applyWrite` says so.
 */
export class RequestHandler {
  constructor(private readonly deps: RequestHandlerDeps) {}

  async handle(
    request: IncomingMessage,
    response: ServerResponse,
    text: string,
    signal: AbortSignal,
    record: Recorder,
  ) {
    const body = parseBody(text, request.headers['content-type']);
    const cmd = commandName(body);
    const fault = this.deps.faults.draw(cmd);
    const execute =
      fault === null ||
      (fault.kind !== 'status' && fault.kind !== 'auth' && (fault.applyWrite ?? fault.kind === 'slow'));
    const answer: Answer | null =
      fault?.kind === 'status'
        ? { status: fault.status, body: null, outcome: 'fault', headers: retryAfter(fault) }
        : fault?.kind === 'auth'
          ? { status: 200, body: AUTH_ERROR_XML, outcome: 'fault' }
          : this.answer(body, request.socket.remoteAddress ?? '127.0.0.1', execute);
    await sleep(this.deps.quirks.latencyMs, undefined, { signal });
    const faultKind = fault !== null ? { fault: fault.kind } : answer?.fault ? { fault: answer.fault } : {};
    if (fault?.kind === 'drop') {
      response.socket?.destroy();
      return record({ cmd, status: 0, outcome: 'fault', ...faultKind });
    }
    if (fault?.kind === 'slow') await sleep(fault.delayMs, undefined, { signal });
    // A command that did not run has no answer: a late gateway timeout, or garbage.
    const sent: Answer =
      answer ??
      (fault?.kind === 'malformed'
        ? { status: 200, body: '', outcome: 'fault' }
        : { status: 504, body: null, outcome: 'fault' });
    if (sent.body === null) sendPlain(response, sent.status, sent.headers);
    else sendLastPass(response, fault?.kind === 'malformed' ? garble(sent.body) : sent.body, sent.status);
    record({ cmd, status: sent.status, outcome: fault === null ? sent.outcome : 'fault', ...faultKind });
  }

  private answer(body: Record<string, unknown> | null, ipAddress: string, execute: boolean): Answer | null {
    const { state, quirks, commands, faults } = this.deps;
    const envelope = authenticate(body, state.credentials);
    if (envelope === null) return { status: 200, body: AUTH_ERROR_XML, outcome: 'auth-error' };
    const command = commands.get(envelope.cmd);
    if (command === undefined) return this.unknownCommand(envelope.cmd);
    const context: CommandContext = {
      state,
      quirks,
      data: envelope.data,
      envelope: envelope.fields,
      actor: { username: envelope.apiuser ?? 'API', ipAddress: ipAddress.replace(/^::ffff:/, '') },
    };
    const requested = command.requestedItems;
    const throttled = requested ? faults.throttle(command.name, () => requested(context)) : null;
    if (throttled !== null)
      return { status: 429, body: null, outcome: 'fault', headers: retryAfter(throttled), fault: 'status' };
    if (!execute) return null;
    return { status: 200, body: JSON.stringify(command.run(context)), outcome: 'ok' };
  }

  /** §3 [U]: nothing documents this answer, so it is a quirk; the default is invented. */
  private unknownCommand(cmd: string): Answer {
    const mode = this.deps.quirks.unknownCommand;
    const body =
      mode === 'auth-error'
        ? AUTH_ERROR_XML
        : mode === 'empty-body'
          ? ''
          : JSON.stringify({ status: 'FAIL', error: `Unknown command: ${cmd}` });
    return { status: 200, body, outcome: 'unknown-command' };
  }
}

/** Cut mid-token: what a proxy that lost the connection half way would hand on. */
function garble(body: string): string {
  return body.length > 4 ? body.slice(0, Math.ceil(body.length / 2)) : '{"status":"O';
}
