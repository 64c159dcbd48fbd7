// The Tradeoff VS Code extension: starts `tradeoff lsp` for markdown files and forwards the
// `tradeoff.*` settings to it.

import * as vscode from "vscode";
import {
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  TransportKind,
} from "vscode-languageclient/node";

import { findServer, notFoundMessage, realProbe, serverSettings } from "./server";

let client: LanguageClient | undefined;
let output: vscode.OutputChannel | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel("Tradeoff");
  context.subscriptions.push(output);
  context.subscriptions.push(
    vscode.commands.registerCommand("tradeoff.restartServer", async () => {
      await stop();
      await start(context);
    }),
    vscode.commands.registerCommand("tradeoff.showOutput", () => output?.show()),
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      // The server path and its environment only take effect on a new process.
      if (event.affectsConfiguration("tradeoff.server")) {
        await stop();
        await start(context);
      }
    }),
  );
  await start(context);
}

export async function deactivate(): Promise<void> {
  await stop();
}

async function start(context: vscode.ExtensionContext): Promise<void> {
  const config = vscode.workspace.getConfiguration("tradeoff");
  const location = findServer(config.get<string | null>("server.path"), context.extensionPath, realProbe());
  if (!location) {
    const choice = await vscode.window.showErrorMessage(notFoundMessage(), "Open Settings");
    if (choice === "Open Settings") {
      await vscode.commands.executeCommand("workbench.action.openSettings", "tradeoff.server.path");
    }
    return;
  }
  output?.appendLine(`Starting ${location.command} (found via ${location.source})`);
  const extraEnv = config.get<Record<string, string>>("server.extraEnv", {});
  const run = {
    command: location.command,
    args: ["lsp"],
    transport: TransportKind.stdio,
    options: { env: { ...process.env, ...extraEnv } },
  };
  const serverOptions: ServerOptions = { run, debug: run };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: "file", language: "markdown" },
      { scheme: "untitled", language: "markdown" },
    ],
    outputChannel: output,
    initializationOptions: serverSettings((key, fallback) => config.get(key, fallback)),
    synchronize: {
      // Forwarded as workspace/didChangeConfiguration, applied without a restart.
      configurationSection: "tradeoff",
      fileEvents: vscode.workspace.createFileSystemWatcher("**/{tradeoff.toml,*.md}"),
    },
  };
  client = new LanguageClient("tradeoff", "Tradeoff", serverOptions, clientOptions);
  try {
    await client.start();
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    output?.appendLine(`The server failed to start: ${message}`);
    void vscode.window.showErrorMessage(
      `Tradeoff: the server at ${location.command} failed to start (${message}). ` +
        "Check `tradeoff.server.path`, or run `tradeoff --version` in a terminal.",
    );
    client = undefined;
  }
}

async function stop(): Promise<void> {
  const running = client;
  client = undefined;
  if (running) {
    await running.stop();
  }
}
