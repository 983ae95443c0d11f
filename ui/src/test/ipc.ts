import { mockIPC } from "@tauri-apps/api/mocks";
import { appError } from "./fixtures";

export type Handler = (args: Record<string, unknown>) => unknown;
export type Calls = { cmd: string; args: Record<string, unknown> }[];

/**
 * Mocks the app's commands; an unmocked command rejects with an "internal" AppError naming it.
 * Returns the list of calls made (command and arguments), in order.
 */
export function mockCommands(handlers: Record<string, Handler>): Calls {
  const calls: Calls = [];
  mockIPC(
    async (cmd, payload) => {
      const args = (payload ?? {}) as Record<string, unknown>;
      if (cmd.startsWith("plugin:")) return undefined; // event plumbing when events are mocked
      calls.push({ cmd, args });
      const h = handlers[cmd];
      if (!h) throw appError("internal", { message: `unmocked command ${cmd}` });
      return h(args);
    },
    { shouldMockEvents: true },
  );
  return calls;
}

/** A promise that can be resolved/rejected from the test. */
export function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}
