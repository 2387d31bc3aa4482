import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { CommandContext, CommandDefinition } from './commands/command-types.js';
import { echoAnswer, shapeAnswer, shapeRequestData, streamPadded } from './fault-bodies.js';
import { runsCommand, type SimulatorFault, type SimulatorFaultKind } from './fault-types.js';
import type { SimulatorFaults } from './faults.js';
import { sendHtml, sendLastPass, sendPlain } from './http-io.js';
import { authenticate, commandName, parseBody } from './request-envelope.js';
import type { SimulatorRequestRecord } from './request-log.js';
import type { RequestThrottle } from './request-throttle.js';
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
  /** The account's rate limit, when the simulator has one. */
  readonly throttle?: RequestThrottle | undefined;
  readonly clock?: (() => number) | undefined;
  readonly faults: SimulatorFaults;
  readonly quirks: SimulatorQuirks;
  readonly commands: ReadonlyMap<string, CommandDefinition>;
}

const retryAfter = (fault: SimulatorFault): Record<string, string> => {
  if (fault.kind !== 'status') return {};
  if (fault.retryAfter !== undefined) return { 'retry-after': fault.retryAfter };
  return fault.retryAfterSeconds === undefined ? {} : { 'retry-after': String(fault.retryAfterSeconds) };
};

// The start of a `getuserdata` answer that an `endless` body never finishes.
const ENDLESS_HEAD = '{"total":1,"count":1,"Users":{';

/**
 * One POST to the endpoint. `status`/`auth` faults answer before anything runs; `drop`, `slow` and
 * `malformed` wrap the real answer, and run the command only when their `applyWrite` says so; the
 * hostile-server faults (see `SimulatorFault`) shape, hold, stream or echo it.
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
    const { throttle } = this.deps;
    // Over the rate: refused before anything runs, faults included (a real limiter sits in front).
    if (throttle !== undefined && !throttle.admit((this.deps.clock ?? Date.now)())) {
      sendPlain(response, 429, throttle.refusalHeaders);
      return record({ cmd, status: 429, outcome: 'rejected' });
    }
    // A resend meets the state its held predecessor leaves: that one is applied first.
    this.deps.faults.releaseHeld(cmd);
    const fault = this.deps.faults.draw(cmd);
    const ipAddress = request.socket.remoteAddress ?? '127.0.0.1';
    if (fault?.kind === 'hold') return this.hold(response, body, cmd, ipAddress, record);
    const answer = this.faultAnswer(fault, text, body) ?? this.answer(body, ipAddress, fault);
    await sleep(this.deps.quirks.latencyMs, undefined, { signal });
    const faultKind = fault !== null ? { fault: fault.kind } : answer?.fault ? { fault: answer.fault } : {};
    if (fault?.kind === 'drop') {
      response.socket?.destroy();
      return record({ cmd, status: 0, outcome: 'fault', ...faultKind });
    }
    if (fault?.kind === 'huge' || fault?.kind === 'endless') {
      const head = fault.kind === 'huge' && answer?.body != null ? answer.body : ENDLESS_HEAD;
      const size = fault.kind === 'huge' ? fault.bytes : undefined;
      const bytes = await streamPadded(
        response,
        head,
        size,
        fault.kind === 'huge' && fault.declareLength === true,
      );
      return record({ cmd, status: 200, outcome: 'fault', ...faultKind, bytes });
    }
    if (fault?.kind === 'slow') await sleep(fault.delayMs, undefined, { signal });
    // A command that did not run has no answer: a late gateway timeout, or garbage.
    const sent: Answer =
      answer ??
      (fault?.kind === 'malformed'
        ? { status: 200, body: '', outcome: 'fault' }
        : { status: 504, body: null, outcome: 'fault' });
    if (sent.body === null) sendPlain(response, sent.status, sent.headers);
    else if (fault?.kind === 'echo' && sent.status !== 200) sendHtml(response, sent.status, sent.body);
    else sendLastPass(response, fault?.kind === 'malformed' ? garble(sent.body) : sent.body, sent.status);
    const shaped = fault === null || fault.kind === 'total' || fault.kind === 'repeat-page';
    record({ cmd, status: sent.status, outcome: shaped ? sent.outcome : 'fault', ...faultKind });
  }

  /** Answers that replace the command: status codes, the auth error, echoes. */
  private faultAnswer(
    fault: SimulatorFault | null,
    text: string,
    body: Record<string, unknown> | null,
  ): Answer | null {
    if (fault?.kind === 'status') {
      return { status: fault.status, body: null, outcome: 'fault', headers: retryAfter(fault) };
    }
    if (fault?.kind === 'auth') return { status: 200, body: AUTH_ERROR_XML, outcome: 'fault' };
    if (fault?.kind === 'echo') {
      const echo = echoAnswer(fault, text, body);
      return { status: echo.status, body: echo.body, outcome: 'fault' };
    }
    return null;
  }

  /**
   * `hold`: no answer now. The command runs when the next request of the same `cmd` arrives (the
   * client's resend), just before that one; the late answer goes out only if anyone still listens.
   */
  private hold(
    response: ServerResponse,
    body: Record<string, unknown> | null,
    cmd: string | null,
    ipAddress: string,
    record: Recorder,
  ): void {
    this.deps.faults.hold({
      cmd,
      release: () => {
        const answer = this.answer(body, ipAddress, null);
        const listening = !response.destroyed && !response.writableEnded;
        if (listening && answer !== null) {
          if (answer.body === null) sendPlain(response, answer.status, answer.headers);
          else sendLastPass(response, answer.body, answer.status);
        }
        record({ cmd, status: listening ? (answer?.status ?? 0) : 0, outcome: 'fault', fault: 'hold' });
      },
    });
  }

  private answer(
    body: Record<string, unknown> | null,
    ipAddress: string,
    fault: SimulatorFault | null,
  ): Answer | null {
    const { state, quirks, commands, faults } = this.deps;
    const envelope = authenticate(body, state.credentials);
    if (envelope === null) return { status: 200, body: AUTH_ERROR_XML, outcome: 'auth-error' };
    const command = commands.get(envelope.cmd);
    if (command === undefined) return this.unknownCommand(envelope.cmd);
    const context: CommandContext = {
      state,
      quirks,
      data: shapeRequestData(fault, envelope.data),
      envelope: envelope.fields,
      actor: { username: envelope.apiuser ?? 'API', ipAddress: ipAddress.replace(/^::ffff:/, '') },
    };
    const requested = command.requestedItems;
    const throttled = requested ? faults.throttle(command.name, () => requested(context)) : null;
    if (throttled !== null)
      return { status: 429, body: null, outcome: 'fault', headers: retryAfter(throttled), fault: 'status' };
    if (!runsCommand(fault)) return null;
    return { status: 200, body: JSON.stringify(shapeAnswer(fault, command.run(context))), outcome: 'ok' };
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
