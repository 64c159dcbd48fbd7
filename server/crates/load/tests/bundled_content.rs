//! What the bundled entries say, beyond their format: no internal file names in hovers, no
//! sentence shared between entries, and guards against errors the source texts passed on.

use std::collections::BTreeMap;
use std::sync::Arc;

use knowledge::{Entry, KnowledgeBase};

fn bundled() -> KnowledgeBase {
    let (kb, problems) = tradeoff_load::knowledge_base(&[]);
    assert!(problems.is_empty(), "{problems:?}");
    kb
}

fn entry<'a>(kb: &'a KnowledgeBase, id: &str) -> &'a Entry {
    kb.by_id(id)
        .unwrap_or_else(|| panic!("no bundled entry `{id}`"))
}

/// Everything a reader of the entry sees, in one string: definition, facts, tradeoffs.
fn body(entry: &Entry) -> String {
    let mut out = entry.definition.to_string();
    for item in entry.facts.iter().chain(&entry.tradeoffs) {
        out.push('\n');
        out.push_str(item);
    }
    out
}

/// Where `text` names an internal source file: "seed 003", "seed-3", "003_b951...txt".
fn internal_name(text: &str) -> Option<String> {
    let lower = text.to_lowercase();
    let bytes = lower.as_bytes();
    for (i, _) in lower.match_indices("seed") {
        let rest = &lower[i + 4..];
        let rest = rest.trim_start_matches([' ', '-', '_', '#', '.']);
        if rest.starts_with(|c: char| c.is_ascii_digit()) {
            return Some(lower[i..(i + 12).min(lower.len())].to_owned());
        }
    }
    // Three or more digits, an underscore, hex digits, `.txt`.
    for (i, _) in lower.match_indices(".txt") {
        let before = &bytes[..i];
        let hex = before
            .iter()
            .rev()
            .take_while(|b| b.is_ascii_hexdigit())
            .count();
        let at = i - hex;
        if hex > 0 && at > 0 && bytes[at - 1] == b'_' {
            let digits = bytes[..at - 1]
                .iter()
                .rev()
                .take_while(|b| b.is_ascii_digit())
                .count();
            if digits >= 3 {
                return Some(lower[at - 1 - digits..i + 4].to_owned());
            }
        }
    }
    None
}

#[test]
fn internal_names_are_recognised() {
    assert!(internal_name("System Design Primer (seed 003)").is_some());
    assert!(internal_name("see Seed-4").is_some());
    assert!(internal_name("from 003_b95182018da1b444.txt").is_some());
    assert!(internal_name("System Design (Karan Pratap Singh)").is_none());
    assert!(internal_name("seeds of doubt about 3 things").is_none());
}

#[test]
fn no_hover_names_an_internal_file() {
    let kb = Arc::new(bundled());
    let analysis = ide::Analysis::new(kb.clone());
    let mut found = Vec::new();
    for entry in kb.entries() {
        let hover = analysis.entry_markdown(&entry.id).unwrap();
        let mut texts = vec![hover];
        for source in &entry.sources {
            texts.push(source.title.to_string());
            texts.extend(source.section.as_deref().map(str::to_owned));
            texts.extend(source.url.as_deref().map(str::to_owned));
        }
        for m in &entry.misconceptions {
            texts.push(m.correction.to_string());
        }
        for text in texts {
            if let Some(name) = internal_name(&text) {
                found.push(format!("{}: {name}", entry.path));
            }
        }
    }
    assert!(found.is_empty(), "internal names:\n{}", found.join("\n"));
}

#[test]
fn every_source_names_a_public_work_with_a_link() {
    let kb = bundled();
    let mut bad = Vec::new();
    for entry in kb.entries() {
        for source in &entry.sources {
            if !source
                .url
                .as_deref()
                .is_some_and(|u| u.starts_with("https://"))
            {
                bad.push(format!("{}: {}", entry.path, source.title));
            }
        }
    }
    assert!(
        bad.is_empty(),
        "sources without a public link:\n{}",
        bad.join("\n")
    );
}

/// The sentences of a text, each as its lowercase words.
fn sentences(text: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let mut current = String::new();
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        current.push(c);
        let ends = matches!(c, '.' | '!' | '?' | ';' | ':')
            && chars.get(i + 1).is_none_or(|n| n.is_whitespace());
        if ends || c == '\n' {
            out.push(std::mem::take(&mut current));
        }
    }
    out.push(current);
    out.iter()
        .map(|s| {
            s.split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(str::to_lowercase)
                .collect()
        })
        .collect()
}

#[test]
fn no_sentence_of_eight_words_appears_in_two_entries() {
    let kb = bundled();
    let mut seen: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    for entry in kb.entries() {
        let mut mine: Vec<String> = sentences(&body(entry))
            .into_iter()
            .filter(|words| words.len() >= 8)
            .map(|words| words.join(" "))
            .collect();
        mine.sort();
        mine.dedup();
        for sentence in mine {
            seen.entry(sentence).or_default().push(&entry.path);
        }
    }
    let shared: Vec<String> = seen
        .into_iter()
        .filter(|(_, paths)| paths.len() > 1)
        .map(|(sentence, paths)| format!("\"{sentence}\" in {}", paths.join(", ")))
        .collect();
    assert!(
        shared.is_empty(),
        "sentences shared between entries:\n{}",
        shared.join("\n")
    );
}

#[test]
fn a_cname_is_never_placed_at_the_zone_apex() {
    let kb = bundled();
    let cname = entry(&kb, "cname-record");
    let text = body(cname);
    assert!(
        text.contains("apex"),
        "the CNAME entry says where it may not go"
    );
    assert!(text.contains("ALIAS") && text.contains("ANAME"), "{text}");
    // The example aliases a subdomain, not the bare domain.
    assert!(!text.contains("example.com to www.example.com"), "{text}");
    assert!(!text.contains("example.com CNAME"), "{text}");
    for entry in kb.entries() {
        let text = body(entry).to_lowercase();
        assert!(
            !text.contains("cname at the apex is allowed")
                && !text.contains("cname at the zone apex is allowed"),
            "{}",
            entry.path
        );
    }
}

#[test]
fn only_union_file_systems_are_called_union_file_systems() {
    let kb = bundled();
    let unionfs = entry(&kb, "unionfs");
    for name in unionfs.names() {
        let lower = name.to_lowercase();
        for driver in ["btrfs", "vfs", "devicemapper", "zfs"] {
            assert!(
                !lower.contains(driver),
                "`{name}` is not a union file system"
            );
        }
    }
    for sentence in body(unionfs).split(['.', '\n']) {
        let lower = sentence.to_lowercase();
        let names_driver = ["btrfs", "devicemapper", " vfs", "zfs"]
            .iter()
            .any(|d| lower.contains(d));
        if names_driver {
            assert!(
                lower.contains("not"),
                "a storage driver named as a union file system: {sentence}"
            );
        }
    }
}

#[test]
fn read_ahead_is_not_refresh_ahead() {
    let kb = bundled();
    let refresh = entry(&kb, "refresh-ahead");
    for name in refresh.names() {
        assert!(
            !name.to_lowercase().contains("read-ahead")
                && !name.to_lowercase().contains("read ahead"),
            "`{name}` names a different thing"
        );
    }
    for name in ["read-ahead", "read-ahead cache", "read ahead"] {
        assert!(
            kb.lookup(name).is_none_or(|e| &*e.id != "refresh-ahead"),
            "`{name}` hovers refresh-ahead"
        );
    }
}

#[test]
fn http_3_has_the_right_dates() {
    let kb = bundled();
    let h3 = entry(&kb, "http-3");
    let text = body(h3);
    assert!(!text.contains("2020"), "{text}");
    for needed in ["2016", "2018", "RFC 9114", "2022"] {
        assert!(text.contains(needed), "HTTP/3 entry lacks {needed}: {text}");
    }
}

#[test]
fn observer_is_not_publish_subscribe() {
    let kb = bundled();
    let observer = entry(&kb, "observer-pattern");
    for name in observer.names() {
        let lower = name.to_lowercase();
        assert!(
            !lower.contains("publish") && !lower.contains("pub/sub") && !lower.contains("pubsub"),
            "`{name}` is a different thing from the Observer pattern"
        );
    }
    for name in [
        "publish-subscribe",
        "publish-subscribe pattern",
        "pub/sub",
        "pub-sub",
    ] {
        assert!(
            kb.lookup(name).is_none_or(|e| &*e.id != "observer-pattern"),
            "`{name}` hovers the Observer pattern"
        );
    }
    let text = body(observer).to_lowercase();
    assert!(
        text.contains("broker"),
        "the Observer entry says how it differs from broker-based publish-subscribe"
    );
}
