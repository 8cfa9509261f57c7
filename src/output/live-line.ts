// A line on a terminal's standard error that is redrawn in place (a progress line): drawn on a
// timer and when told, kept within the terminal's width (a line that wrapped could not be drawn
// over), cleared before anything else is written there, and when pp exits early (standard
// output's reader left) so the shell's prompt does not land on it. The runner of many accounts and
// the bounded waits each say what it reads.
import type { Clock } from '../deps.js';
import type { Io } from './io.js';
import { truncate } from './width.js';

export interface LiveLineDeps {
  io: Io;
  clock: Clock;
  /** Runs `fn` if the process ends before the command does; returns a remover (Context.onExit). */
  onExit(fn: () => void): () => void;
}

export class LiveLine {
  #stopTimer: (() => void) | undefined;
  #removeExitHook: (() => void) | undefined;
  #drawn = false;

  constructor(
    private readonly deps: LiveLineDeps,
    private readonly text: () => string,
    private readonly everyMs: number,
  ) {}

  start(): void {
    this.#stopTimer = this.deps.clock.every(this.everyMs, () => this.draw());
    this.#removeExitHook = this.deps.onExit(() => this.clear());
  }

  draw(): void {
    const { io } = this.deps;
    io.err(`\r\u001b[K${truncate(this.text(), Math.max(10, io.errColumns - 1))}`);
    this.#drawn = true;
  }

  clear(): void {
    if (this.#drawn) this.deps.io.err('\r\u001b[K');
    this.#drawn = false;
  }

  stop(): void {
    this.#stopTimer?.();
    this.#removeExitHook?.();
    this.clear();
  }
}
