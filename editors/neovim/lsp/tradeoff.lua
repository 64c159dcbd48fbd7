-- Tradeoff language server for Neovim 0.11+.
-- Copy this file to ~/.config/nvim/lsp/tradeoff.lua, then call vim.lsp.enable('tradeoff').

---@type vim.lsp.Config
return {
  cmd = { 'tradeoff', 'lsp' },
  filetypes = { 'markdown' },
  root_markers = { 'tradeoff.toml', '.git' },
  -- Settings are also read from initializationOptions; see the project README.
  settings = { tradeoff = {} },
}
