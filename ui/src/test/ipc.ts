import { mockIPC } from "@tauri-apps/api/mocks";
import type { CommandMap, CommandName } from "../api";
import { appError } from "./fixtures";

/** A mocked command: gets the arguments as `invoke` sends them, returns (or throws) like the app. */
export type Handler<K extends CommandName> = (
  args: CommandMap[K]["args"],
) => CommandMap[K]["result"] | Promise<CommandMap[K]["result"]>;

/**
 * Mocks for some of the app's commands, typed from the generated bindings (`CommandMap`): a
 * command renamed in Rust, an argument renamed or a result of another shape fails to type-check.
 */
export type Handlers = { [K in CommandName]?: Handler<K> };

export type Calls = { cmd: CommandName; args: Record<string, unknown> }[];

/**
 * Mocks the app's commands; an unmocked command rejects with an "internal" AppError naming it.
 * Returns the list of calls made (command and arguments), in order.
 */
export function mockCommands(handlers: Handlers): Calls {
  const calls: Calls = [];
  mockIPC(
    async (cmd, payload) => {
      const args = (payload ?? {}) as Record<string, unknown>;
      if (cmd.startsWith("plugin:")) return undefined; // event plumbing when events are mocked
      calls.push({ cmd: cmd as CommandName, args });
      const h = handlers[cmd as CommandName] as ((a: Record<string, unknown>) => unknown) | undefined;
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
