-- Headless Neovim (0.7+) check of Tradeoff through Neovim's own LSP client.
--   TRADEOFF=/path/to/tradeoff FILE=fixture/adr/0001-sessions.md nvim --headless --noplugin -n -i NONE -u nvim_check.lua
-- Asserts what a user sees: the findings in vim.diagnostic, the hover float for
-- "eventual consistency" (what K shows), and "Write-behind cache" among the completions.
-- Prints one line per check; exits 0 only when all pass.

local file = assert(os.getenv("FILE"), "FILE not set")
local bin = assert(os.getenv("TRADEOFF"), "TRADEOFF not set")
local timeout = 15000
local ok_all = true

local function check(cond, what, detail)
  io.stdout:write(string.format("%s neovim: %s%s\n", cond and "PASS" or "FAIL", what,
    (not cond and detail) and (" -- " .. vim.inspect(detail)) or ""))
  io.stdout:flush()
  if not cond then ok_all = false end
end

local function main()
  vim.cmd("edit " .. vim.fn.fnameescape(file))
  local bufnr = vim.api.nvim_get_current_buf()
  local uri = vim.uri_from_bufnr(bufnr)
  local published = false
  local default = vim.lsp.handlers["textDocument/publishDiagnostics"]
  local client_id = vim.lsp.start_client({
    name = "tradeoff",
    cmd = { bin, "lsp" },
    root_dir = vim.fn.fnamemodify(file, ":p:h"),
    get_language_id = function() return "markdown" end,
    handlers = {
      ["textDocument/publishDiagnostics"] = function(err, result, ctx, config)
        if result and result.uri == uri and #result.diagnostics > 0 then published = true end
        return default(err, result, ctx, config)
      end,
    },
  })
  check(client_id ~= nil, "the server starts")
  vim.lsp.buf_attach_client(bufnr, client_id)

  check(vim.wait(timeout, function() return published end, 20), "diagnostics are published")
  local messages = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do table.insert(messages, d.message) end
  local joined = table.concat(messages, "\n")
  check(joined:find("no tradeoffs section", 1, true) ~= nil, "missing-tradeoffs is shown", messages)
  check(joined:find("POST is not idempotent", 1, true) ~= nil, "http-method-semantics is shown", messages)

  -- Hover as K does it: a floating window with the rendered entry.
  local line = vim.fn.getline(9)
  local col = line:find("eventual", 1, true)
  vim.api.nvim_win_set_cursor(0, { 9, col + 2 })
  vim.lsp.buf.hover()
  local float
  vim.wait(timeout, function()
    for _, w in ipairs(vim.api.nvim_list_wins()) do
      if vim.api.nvim_win_get_config(w).relative ~= "" then
        float = table.concat(vim.api.nvim_buf_get_lines(vim.api.nvim_win_get_buf(w), 0, -1, false), "\n")
        return true
      end
    end
    return false
  end, 20)
  check(float ~= nil and float:find("Eventual consistency", 1, true) ~= nil
    and float:find("replicas converge", 1, true) ~= nil, "the hover float shows the entry", float)

  -- Completion after "write-b" on line 12.
  local res = vim.lsp.buf_request_sync(bufnr, "textDocument/completion",
    { textDocument = { uri = uri }, position = { line = 11, character = 16 } }, timeout)
  local labels = {}
  for _, r in pairs(res or {}) do
    local items = r.result and (r.result.items or r.result) or {}
    for _, it in ipairs(items) do table.insert(labels, it.label) end
  end
  check(vim.tbl_contains(labels, "Write-behind cache"), "completion offers Write-behind cache", labels)

  vim.lsp.stop_client(client_id)
  vim.wait(2000, function() return vim.lsp.get_client_by_id(client_id) == nil end, 20)
  vim.cmd(ok_all and "qa!" or "cq! 1")
end

local ok, err = pcall(main)
if not ok then
  io.stdout:write("FAIL neovim: " .. tostring(err) .. "\n")
  vim.cmd("cq! 2")
end
