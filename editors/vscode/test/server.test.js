// Unit tests of the pure helpers (src/server.ts), bundled to dist/ by `npm run build:test`.
const test = require("node:test");
const assert = require("node:assert");
const path = require("path");
const { findServer, serverSettings, notFoundMessage } = require("../dist/server.test-build.js");

function probe(files, env = {}, platform = "linux", pathDirs = ["/usr/bin", "/opt/bin"]) {
  return { env, platform, isFile: (p) => files.includes(p), pathDirs };
}

test("the environment variable wins over everything", () => {
  const p = probe(["/env/tradeoff", "/ext/server/tradeoff", "/usr/bin/tradeoff"], { TRADEOFF_SERVER_PATH: "/env/tradeoff" });
  assert.deepStrictEqual(findServer("/set/tradeoff", "/ext", p), { command: "/env/tradeoff", source: "environment" });
});

test("then the setting, even when the file is missing, so the user sees the error", () => {
  const p = probe(["/ext/server/tradeoff"]);
  assert.deepStrictEqual(findServer("/nope/tradeoff", "/ext", p), { command: "/nope/tradeoff", source: "setting" });
  assert.deepStrictEqual(findServer("~/bin/tradeoff", "/ext", probe([], { HOME: "/home/u" })), {
    command: path.join("/home/u", "bin/tradeoff"),
    source: "setting",
  });
});

test("then the bundled binary, then PATH", () => {
  assert.strictEqual(findServer(null, "/ext", probe(["/ext/server/tradeoff", "/usr/bin/tradeoff"])).source, "bundled");
  assert.deepStrictEqual(findServer("", "/ext", probe(["/opt/bin/tradeoff"])), { command: "/opt/bin/tradeoff", source: "path" });
  assert.strictEqual(findServer(null, "C:\\ext", probe(["C:\\ext/server/tradeoff.exe"], {}, "win32")).source, "bundled");
});

test("nothing found is undefined, with a message that says what to do", () => {
  assert.strictEqual(findServer(undefined, "/ext", probe([])), undefined);
  assert.match(notFoundMessage(), /cargo install/);
  assert.match(notFoundMessage(), /tradeoff\.server\.path/);
});

test("settings are sent under the tradeoff key", () => {
  const values = { rules: { "cap-misuse": "off" }, designDocs: ["docs/**"] };
  const got = serverSettings((key, fallback) => (key in values ? values[key] : fallback));
  assert.deepStrictEqual(got, { tradeoff: { rules: { "cap-misuse": "off" }, designDocs: ["docs/**"], knowledge: [] } });
});
