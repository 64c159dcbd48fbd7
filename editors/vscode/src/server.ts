// Pure helpers of the extension, with no dependency on the `vscode` module, so that they
// can be unit-tested under plain Node.

import * as fs from "fs";
import * as path from "path";

/** Where a server binary was found, and why that one. */
export interface ServerLocation {
  command: string;
  source: "environment" | "setting" | "bundled" | "path";
}

/** What the lookup needs to know about the machine; tests pass fakes. */
export interface Probe {
  env: Record<string, string | undefined>;
  platform: string;
  isFile(p: string): boolean;
  pathDirs: string[];
}

export function realProbe(): Probe {
  return {
    env: process.env,
    platform: process.platform,
    isFile: (p) => {
      try {
        return fs.statSync(p).isFile();
      } catch {
        return false;
      }
    },
    pathDirs: (process.env.PATH ?? "").split(path.delimiter).filter((d) => d.length > 0),
  };
}

/**
 * Finds the server: the `TRADEOFF_SERVER_PATH` environment variable, then the
 * `tradeoff.server.path` setting, then the binary bundled in the extension
 * (`server/tradeoff[.exe]`), then `tradeoff` on PATH. Returns undefined when none exists.
 */
export function findServer(
  setting: string | null | undefined,
  extensionDir: string,
  probe: Probe,
): ServerLocation | undefined {
  const exe = probe.platform === "win32" ? "tradeoff.exe" : "tradeoff";
  const fromEnv = probe.env.TRADEOFF_SERVER_PATH;
  if (fromEnv && probe.isFile(fromEnv)) {
    return { command: fromEnv, source: "environment" };
  }
  if (setting && setting.trim().length > 0) {
    const expanded = expandHome(setting.trim(), probe.env);
    // A configured path that does not exist is an error the user must see, not a reason
    // to silently run another binary.
    return { command: expanded, source: "setting" };
  }
  const bundled = path.join(extensionDir, "server", exe);
  if (probe.isFile(bundled)) {
    return { command: bundled, source: "bundled" };
  }
  for (const dir of probe.pathDirs) {
    const candidate = path.join(dir, exe);
    if (probe.isFile(candidate)) {
      return { command: candidate, source: "path" };
    }
  }
  return undefined;
}

function expandHome(p: string, env: Record<string, string | undefined>): string {
  const home = env.HOME ?? env.USERPROFILE;
  if (home && (p === "~" || p.startsWith("~/"))) {
    return path.join(home, p.slice(1));
  }
  return p;
}

/** The message shown when no server can be found: what to do, plainly. */
export function notFoundMessage(): string {
  return (
    "Tradeoff: the `tradeoff` language server was not found. Install it with " +
    "`cargo install --locked --git https://github.com/tradeoff-dev/tradeoff tradeoff`, " +
    "or set `tradeoff.server.path` to the binary."
  );
}

/** The settings the server reads, under the `tradeoff` key, from the extension's settings. */
export interface TradeoffSettings {
  rules: Record<string, string>;
  designDocs: string[];
  knowledge: string[];
}

/** Builds the `initializationOptions` / `didChangeConfiguration` payload. */
export function serverSettings(get: <T>(key: string, fallback: T) => T): { tradeoff: TradeoffSettings } {
  return {
    tradeoff: {
      rules: get<Record<string, string>>("rules", {}),
      designDocs: get<string[]>("designDocs", []),
      knowledge: get<string[]>("knowledge", []),
    },
  };
}
