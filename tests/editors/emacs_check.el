;;; emacs_check.el --- Tradeoff through Emacs's eglot, in batch mode  -*- lexical-binding: t -*-
;; TRADEOFF=/path/to/tradeoff FILE=fixture/adr/0001-sessions.md emacs --batch -l emacs_check.el
;; Asserts the findings in flymake, the eldoc hover for "eventual consistency", and
;; "Write-behind cache" among completion-at-point's candidates. Exits 0 only when all pass.

(require 'package)
(package-initialize)
(require 'eglot)
(require 'flymake)

(defvar chk-ok t)
(defvar chk-timeout 15)
(defvar chk-file (expand-file-name (getenv "FILE")))
(defvar chk-bin (getenv "TRADEOFF"))

(defun chk (cond what &optional detail)
  (princ (format "%s emacs: %s%s\n" (if cond "PASS" "FAIL") what
                 (if (and (not cond) detail) (format " -- %S" detail) "")))
  (unless cond (setq chk-ok nil)))

(defun chk-wait (pred)
  (let ((deadline (+ (float-time) chk-timeout)) v)
    (while (and (not (setq v (funcall pred))) (< (float-time) deadline))
      (accept-process-output nil 0.05))
    v))

(unless (fboundp 'markdown-mode)
  (define-derived-mode markdown-mode text-mode "Markdown"))
(add-to-list 'auto-mode-alist '("\\.md\\'" . markdown-mode))
(setq eglot-server-programs (list (cons 'markdown-mode (list chk-bin "lsp")))
      eglot-sync-connect chk-timeout
      eglot-autoshutdown nil)

(condition-case err
    (progn
      (find-file chk-file)
      (unless (derived-mode-p 'markdown-mode) (markdown-mode))
      (apply #'eglot (eglot--guess-contact))
      (chk (chk-wait (lambda () (and (bound-and-true-p eglot--managed-mode) (eglot-current-server))))
           "eglot connects")
      (let* ((diags (chk-wait (lambda () (flymake-start) (flymake-diagnostics))))
             (texts (mapcar #'flymake-diagnostic-text diags)))
        (chk (seq-some (lambda (s) (string-match-p "no tradeoffs section" s)) texts)
             "missing-tradeoffs is shown" texts)
        (chk (seq-some (lambda (s) (string-match-p "POST is neither safe nor idempotent" s)) texts)
             "http-method-semantics is shown" texts))
      (goto-char (point-min))
      (search-forward "eventual consistency")
      (backward-char 5)
      (let (hover called)
        (eglot-hover-eldoc-function (lambda (info &rest _) (setq called t hover info)))
        (chk-wait (lambda () called))
        (chk (and hover (string-match-p "Eventual consistency" hover)
                  (string-match-p "replicas converge" hover))
             "the hover shows the entry" hover))
      (goto-char (point-min))
      (search-forward "write-b")
      (let* ((capf (eglot-completion-at-point))
             (cands (and capf (all-completions "" (nth 2 capf)))))
        (chk (member "Write-behind cache" (mapcar #'substring-no-properties cands))
             "completion offers Write-behind cache" cands))
      (ignore-errors (eglot-shutdown (eglot-current-server)))
      (kill-emacs (if chk-ok 0 1)))
  (error (chk nil "no error" err) (kill-emacs 2)))
