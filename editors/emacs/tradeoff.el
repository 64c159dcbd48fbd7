;;; tradeoff.el --- Tradeoff language server for markdown via eglot  -*- lexical-binding: t; -*-
;; Add to your init file; requires eglot (built into Emacs 29, `elpa-eglot' before).
(with-eval-after-load 'eglot
  (add-to-list 'eglot-server-programs '((markdown-mode gfm-mode) . ("tradeoff" "lsp"))))
(add-hook 'markdown-mode-hook #'eglot-ensure)
;;; tradeoff.el ends here
