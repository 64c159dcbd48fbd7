//! Document links in a knowledge entry file: the entry ids its `related` and `senses`
//! lists name.

use std::ops::Range;

/// In a knowledge entry file, the ids its `related` and `senses` lists name: the bytes of
/// each id (inside its quotes) and the id.
pub(crate) fn entry_links(text: &str) -> Vec<(Range<usize>, String)> {
    let mut res = Vec::new();
    let Some(body) = text.strip_prefix("+++") else {
        return res;
    };
    let end = body.find("\n+++").map_or(text.len(), |i| i + 3);
    let front = &text[..end];
    for key in ["related", "senses"] {
        let mut from = 0;
        while let Some(i) = front[from..].find(key) {
            let at = from + i;
            from = at + key.len();
            let line_start = front[..at].rfind('\n').map_or(0, |i| i + 1);
            if !front[line_start..at].trim().is_empty() {
                continue;
            }
            let rest = front[from..].trim_start();
            let Some(list) = rest.strip_prefix('=').map(str::trim_start) else {
                continue;
            };
            if !list.starts_with('[') {
                continue;
            }
            let list_start = front.len() - front[front.len() - list.len()..].len();
            let list_end = list.find(']').map_or(front.len(), |e| list_start + e);
            let mut k = list_start;
            while let Some(q) = front[k..list_end].find('"') {
                let open = k + q + 1;
                let Some(close) = front[open..list_end].find('"') else {
                    break;
                };
                res.push((open..open + close, front[open..open + close].to_owned()));
                k = open + close + 1;
            }
        }
    }
    res.sort_by_key(|it| it.0.start);
    res
}
