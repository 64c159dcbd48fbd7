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
    root_dir = vim.fn.fnamemodify(file, ":p:h:h"),
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
  check(joined:find("POST is neither safe nor idempotent", 1, true) ~= nil, "http-method-semantics is shown", messages)

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

  -- Document symbols: the outline.
  res = vim.lsp.buf_request_sync(bufnr, "textDocument/documentSymbol",
    { textDocument = { uri = uri } }, timeout)
  local outline = {}
  for _, r in pairs(res or {}) do
    for _, s in ipairs(r.result or {}) do
      table.insert(outline, s.name)
      for _, c in ipairs(s.children or {}) do table.insert(outline, "  " .. c.name) end
    end
  end
  check(vim.deep_equal(outline, { "1. Keep sessions in Redis", "  Context", "  Decision" }),
    "document symbols give the outline", outline)

  -- Find references: every file of the workspace that mentions the concept.
  res = vim.lsp.buf_request_sync(bufnr, "textDocument/references",
    { textDocument = { uri = uri }, position = { line = 8, character = col + 2 },
      context = { includeDeclaration = false } }, timeout)
  local files = {}
  for _, r in pairs(res or {}) do
    for _, loc in ipairs(r.result or {}) do
      files[vim.fn.fnamemodify(vim.uri_to_fname(loc.uri), ":t")] = true
    end
  end
  check(files["0001-sessions.md"] and files["search.md"], "references span the workspace", files)

  -- Go to definition as gd does it: the entry opens in a buffer at its term.
  vim.api.nvim_win_set_cursor(0, { 9, col + 2 })
  vim.lsp.buf.definition()
  vim.wait(timeout, function() return vim.api.nvim_get_current_buf() ~= bufnr end, 20)
  local opened = vim.api.nvim_buf_get_name(0)
  check(opened:find("eventual%-consistency%.md$") ~= nil
    and vim.api.nvim_get_current_line():find("term = \"Eventual consistency\"", 1, true) ~= nil,
    "go to definition opens the entry", { opened, vim.api.nvim_get_current_line() })

  -- A term from the workspace glossary, hovered in another document.
  vim.cmd("edit " .. vim.fn.fnameescape(vim.fn.fnamemodify(file, ":p:h:h") .. "/design/search.md"))
  local other = vim.api.nvim_get_current_buf()
  vim.lsp.buf_attach_client(other, client_id)
  -- The workspace is indexed in the background after start-up: hover does not wait for
  -- it, so ask again until the glossary is in (at most `timeout`).
  local text = ""
  vim.wait(timeout, function()
    res = vim.lsp.buf_request_sync(other, "textDocument/hover",
      { textDocument = { uri = vim.uri_from_bufnr(other) }, position = { line = 4, character = 33 } }, timeout)
    for _, r in pairs(res or {}) do
      if r.result then text = r.result.contents.value or "" end
    end
    return text:find("takes most of the writes", 1, true) ~= nil
  end, 200)
  check(text:find("takes most of the writes", 1, true) ~= nil, "glossary terms have hovers", text)

  vim.lsp.stop_client(client_id)
  vim.wait(2000, function() return vim.lsp.get_client_by_id(client_id) == nil end, 20)
  vim.cmd(ok_all and "qa!" or "cq! 1")
end

local ok, err = pcall(main)
if not ok then
  io.stdout:write("FAIL neovim: " .. tostring(err) .. "\n")
  vim.cmd("cq! 2")
end
