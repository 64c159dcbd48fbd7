//! Term normalisation: the one function that decides when two spellings name the same concept.
//!
//! Both the index keys and the words of a document go through [`normalize_words`], so
//! "Load Balancers", "load-balancer" and "load balancer" meet at the same key.
//! Normalisation folds case, treats hyphens, slashes and runs of spaces as one separator,
//! and strips simple plural and final-`e` endings from each word. It is a conflation, not
//! a linguistic stemmer: it only has to be consistent, because both sides use it.
//! Acronyms are handled one level up: an all-capitals alias keeps its exact spelling as
//! a case-sensitive condition (see [`is_acronym`]).

/// Splits `text` into words: runs of letters and digits, keeping an inner `.` or `'`
/// between two word characters ("Node.js", "2.0", "don't").
///
/// Returns byte ranges into `text`.
pub fn words(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut res = Vec::new();
    let bytes = text.as_bytes();
    let mut start: Option<usize> = None;
    let mut iter = text.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        if c.is_alphanumeric() {
            if start.is_none() {
                start = Some(i);
            }
            continue;
        }
        if let Some(s) = start {
            let joins = (c == '.' || c == '\'' || c == '’')
                && iter.peek().is_some_and(|&(_, next)| next.is_alphanumeric());
            if joins {
                continue;
            }
            res.push(s..i);
            start = None;
        }
    }
    if let Some(s) = start {
        res.push(s..bytes.len());
    }
    res
}

/// Folds one word: lowercase, then strip a plural `s`/`es`/`ies` and a final `e`.
///
/// Words of three letters or fewer are only lowercased, so "dns", "api" and "bus" survive.
pub fn fold_word(word: &str, out: &mut String) {
    // An acronym's plural is its capitals plus "s": "APIs", "CDNs", "SLOs".
    let word = match word.strip_suffix('s') {
        Some(stem)
            if stem.len() >= 2
                && stem
                    .chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
                && stem.chars().any(|c| c.is_ascii_uppercase()) =>
        {
            stem
        }
        _ => word,
    };
    let start = out.len();
    for c in word.chars() {
        if c == '’' {
            out.push('\'');
        } else {
            out.extend(c.to_lowercase());
        }
    }
    let folded = &out[start..];
    let n = folded.len();
    if n <= 3 || !folded.is_ascii() {
        return;
    }
    let keep = if folded.ends_with("ies") && n > 4 {
        out.truncate(start + n - 3);
        out.push('y');
        return;
    } else if folded.ends_with("sses") || folded.ends_with("xes") || folded.ends_with("zzes") {
        n - 2
    } else if folded.ends_with("ss")
        || folded.ends_with("us")
        || folded.ends_with("is")
        || folded.ends_with("ps")
        || folded.ends_with("'s")
    {
        n
    } else if folded.ends_with("es") || folded.ends_with('s') {
        n - 1
    } else {
        n
    };
    out.truncate(start + keep);
    if out[start..].len() > 3 && out.ends_with('e') && !out.ends_with("ee") {
        out.pop();
    }
}

/// Normalises a whole term ("Write-behind caches" → "write behind cach").
pub fn normalize(term: &str) -> String {
    let mut out = String::with_capacity(term.len());
    for (i, range) in words(term).into_iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        fold_word(&term[range], &mut out);
    }
    out
}

/// The exact spelling an acronym must have in the text, words joined by one space
/// ("CI/CD" → "CI CD").
pub fn exact_form(term: &str) -> String {
    let mut out = String::new();
    for (i, range) in words(term).into_iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(&term[range]);
    }
    out
}

/// An acronym is an alias whose letters are all capitals ("CA", "RPO", "CI/CD", "HTTP/2").
/// Acronyms match case-sensitively, so "CA" is not the word "ca".
pub fn is_acronym(term: &str) -> bool {
    let mut letters = 0;
    for c in term.chars() {
        if c.is_alphabetic() {
            if !c.is_uppercase() {
                return false;
            }
            letters += 1;
        }
    }
    letters >= 2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plurals_and_spellings_meet() {
        let same = [
            ("load balancer", "Load Balancers"),
            ("load balancer", "load-balancer"),
            ("cache", "caches"),
            ("proxy", "proxies"),
            ("database", "databases"),
            ("queue", "queues"),
            ("process", "processes"),
            ("index", "indexes"),
            ("write-behind cache", "Write behind  caches"),
            ("microservice", "Microservices"),
            ("API", "APIs"),
            ("CDN", "CDNs"),
        ];
        for (a, b) in same {
            assert_eq!(normalize(a), normalize(b), "{a} vs {b}");
        }
    }

    #[test]
    fn distinct_words_stay_apart() {
        let apart = [
            ("HTTP", "HTTPS"),
            ("status", "state"),
            ("redis", "red"),
            ("bus", "by"),
        ];
        for (a, b) in apart {
            assert_ne!(normalize(a), normalize(b), "{a} vs {b}");
        }
    }

    #[test]
    fn words_keep_inner_dots() {
        let text = "Node.js, HTTP/2 and OAuth 2.0.";
        let got: Vec<&str> = words(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(got, ["Node.js", "HTTP", "2", "and", "OAuth", "2.0"]);
    }

    #[test]
    fn acronyms() {
        assert!(is_acronym("CA"));
        assert!(is_acronym("CI/CD"));
        assert!(is_acronym("HTTP/2"));
        assert!(!is_acronym("gRPC"));
        assert!(!is_acronym("Go"));
        assert!(!is_acronym("A"));
        assert_eq!(exact_form("CI/CD"), "CI CD");
    }
}
