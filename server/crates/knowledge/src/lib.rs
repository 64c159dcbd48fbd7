//! The concept model of Tradeoff and its name index.
//!
//! A [`KnowledgeBase`] is built from `(path, text)` pairs handed in by the caller: this
//! crate never touches the file system. Each file is one [`Entry`] (see [`entry`] for the
//! format). Every name of every entry is [normalised](normalize) and stored as a key of an
//! [`fst::Map`], whose value points at the entries the key names. The index answers three
//! questions cheaply:
//!
//! - which term starts at this word of the text, longest first ([`KnowledgeBase::longest_match`]);
//! - which terms start with this prefix ([`KnowledgeBase::prefix_search`]);
//! - which terms are within one or two typos of this prefix ([`KnowledgeBase::fuzzy_search`]).
//!
//! Building never fails: a broken entry is reported as an [`EntryError`] with its file and
//! line and left out, and the rest is indexed.
//!
//! ```
//! use tradeoff_knowledge::{KnowledgeBase, KnowledgeFile, Origin};
//!
//! let text = "+++\nterm = \"Content delivery network\"\naliases = [\"CDN\"]\ncategory = \"networking\"\n+++\nA network of edge servers.\n";
//! let (kb, errors) = KnowledgeBase::build(vec![KnowledgeFile::new("cdn.md", text, Origin::User)]);
//! assert!(errors.is_empty());
//! assert_eq!(&*kb.lookup("content delivery networks").unwrap().id, "cdn");
//! assert_eq!(&*kb.lookup("CDN").unwrap().id, "cdn");
//! ```

#![deny(missing_docs)]

pub mod entry;
pub mod lexicon;
pub mod normalize;

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::ops::Range;

use fst::{Automaton, IntoStreamer, Streamer};

pub use crate::entry::{Concern, Context, Entry, Facts, Misconception, Source};
pub use crate::lexicon::Lexicon;

/// Where a knowledge file comes from. Later origins take precedence over earlier ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Origin {
    /// Compiled into the binary.
    Bundled,
    /// A knowledge directory the user configured.
    User,
    /// A glossary in one of the workspace's documents: the most specific layer.
    Glossary,
}

/// One file handed to [`KnowledgeBase::build`].
#[derive(Debug, Clone)]
pub struct KnowledgeFile {
    /// Path relative to the knowledge directory, with `/` separators.
    pub path: String,
    /// The file's text.
    pub text: String,
    /// Which layer the file belongs to.
    pub origin: Origin,
    /// The directory the path is relative to, if the file is on disk (for error reports).
    pub root: Option<String>,
}

impl KnowledgeFile {
    /// A file with no directory on disk.
    pub fn new(path: impl Into<String>, text: impl Into<String>, origin: Origin) -> Self {
        KnowledgeFile {
            path: path.into(),
            text: text.into(),
            origin,
            root: None,
        }
    }
}

/// A problem in one knowledge file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryError {
    /// The file, relative to its knowledge directory.
    pub path: Box<str>,
    /// 1-based line.
    pub line: u32,
    /// What is wrong, and what to do.
    pub message: String,
}

impl fmt::Display for EntryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.path, self.line, self.message)
    }
}

impl std::error::Error for EntryError {}

/// Index of an entry inside one [`KnowledgeBase`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct EntryId(pub u32);

/// What one index key points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// The entry.
    pub entry: EntryId,
    /// For an acronym: the exact spelling the text must have ("CA"), words joined by a space.
    pub exact: Option<Box<str>>,
    /// The name, as written in the entry, that produced this key.
    pub name: Box<str>,
    /// For a name restricted by a `[[context]]` of its entry: which one, an index into the
    /// knowledge base's compiled contexts. [`KnowledgeBase::longest_match`] checks it.
    pub context: Option<u32>,
}

/// A term found in the text by [`KnowledgeBase::longest_match`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TermMatch {
    /// How many words of the text the term spans.
    pub n_words: usize,
    /// The entries it names: one, or several for a declared ambiguity.
    pub entries: Vec<EntryId>,
}

/// A key found by a prefix or fuzzy search.
#[derive(Debug, Clone)]
pub struct KeyHit<'a> {
    /// The normalised key.
    pub key: String,
    /// Its targets.
    pub targets: &'a [Target],
}

/// The knowledge base: entries plus the fst index over their names.
pub struct KnowledgeBase {
    /// Unique per knowledge base built in this process (see [`KnowledgeBase::generation`]).
    generation: u64,
    entries: Vec<Entry>,
    by_id: HashMap<Box<str>, EntryId>,
    index: fst::Map<Vec<u8>>,
    postings: Vec<Vec<Target>>,
    /// The `[[context]]` tables of all entries, compiled: the phrases a sentence needs.
    contexts: Vec<Vec<Phrase>>,
}

/// One phrase of a context's `needs`, as folded words; an all-capitals word keeps its
/// spelling as a condition, as acronym names do.
#[derive(Debug, Clone)]
struct Phrase {
    words: Vec<(String, Option<Box<str>>)>,
}

impl fmt::Debug for KnowledgeBase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("KnowledgeBase")
            .field("entries", &self.entries.len())
            .field("keys", &self.index.len())
            .finish()
    }
}

impl Default for KnowledgeBase {
    fn default() -> Self {
        KnowledgeBase::build(Vec::new()).0
    }
}

impl KnowledgeBase {
    /// Parses, validates and indexes `files`. Never fails: bad entries are returned as
    /// errors and left out.
    pub fn build(files: Vec<KnowledgeFile>) -> (KnowledgeBase, Vec<EntryError>) {
        let mut errors = Vec::new();
        let mut entries: Vec<Entry> = Vec::with_capacity(files.len());
        let mut by_id: HashMap<Box<str>, EntryId> = HashMap::with_capacity(files.len());
        let mut files = files;
        // Stable: bundled entries first, so a user entry replaces a bundled one of the same id.
        files.sort_by_key(|it| it.origin);
        for file in &files {
            if !file.path.ends_with(".md") {
                continue;
            }
            let entry = match entry::parse_entry(&file.path, &file.text, file.origin) {
                Ok(mut it) => {
                    it.file = file.root.as_ref().map(|root| {
                        format!("{}/{}", root.trim_end_matches(['/', '\\']), file.path).into()
                    });
                    it
                }
                Err(err) => {
                    errors.push(err);
                    continue;
                }
            };
            match by_id.get(&entry.id) {
                Some(&prev) if entries[prev.0 as usize].origin == entry.origin => {
                    errors.push(EntryError {
                        path: entry.path.clone(),
                        line: 1,
                        message: format!(
                            "the id `{}` is already used by {}; rename one of the files",
                            entry.id, entries[prev.0 as usize].path
                        ),
                    });
                }
                Some(&prev) => entries[prev.0 as usize] = entry,
                None => {
                    by_id.insert(entry.id.clone(), EntryId(entries.len() as u32));
                    entries.push(entry);
                }
            }
        }

        let kb = KnowledgeBase::index(entries, by_id, &mut errors);
        (kb, errors)
    }

    /// An id no other knowledge base built in this process has (never 0): what caches
    /// keyed on a knowledge base compare, since an address can be reused once it is freed.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// This knowledge base with the workspace's glossary entries as its top layer, in
    /// place of any earlier ones. The glossaries' own conflicts (one term defined in two
    /// documents) are settled quietly: the first definition wins.
    pub fn with_glossary(&self, glossary: Vec<Entry>) -> KnowledgeBase {
        let mut entries: Vec<Entry> = Vec::with_capacity(self.entries.len() + glossary.len());
        let mut by_id: HashMap<Box<str>, EntryId> = HashMap::with_capacity(entries.capacity());
        let layers = self.entries.iter().filter(|e| e.origin != Origin::Glossary);
        for mut entry in layers.cloned().chain(glossary) {
            if by_id.contains_key(&entry.id) {
                continue;
            }
            if entry.origin == Origin::Glossary {
                // Keep links to the entries the glossary shadows.
                entry.related.retain(|id| by_id.contains_key(id));
            }
            by_id.insert(entry.id.clone(), EntryId(entries.len() as u32));
            entries.push(entry);
        }
        KnowledgeBase::index(entries, by_id, &mut Vec::new())
    }

    /// Builds the name index over parsed entries.
    fn index(
        mut entries: Vec<Entry>,
        by_id: HashMap<Box<str>, EntryId>,
        errors: &mut Vec<EntryError>,
    ) -> KnowledgeBase {
        // Inherited concerns: a copy of each named entry's own ones (not what it inherits
        // itself: no chains, no cycles), appended.
        let own: Vec<usize> = entries.iter().map(|e| e.concerns.len()).collect();
        for i in 0..entries.len() {
            let inherited: Vec<Concern> = entries[i]
                .concerns_from
                .iter()
                .filter_map(|id| by_id.get(id))
                .filter(|&&other| other.0 as usize != i)
                .flat_map(|&other| {
                    let j = other.0 as usize;
                    entries[j].concerns[..own[j]].to_vec()
                })
                .collect();
            entries[i].concerns.extend(inherited);
        }
        let mut keys: BTreeMap<String, Vec<Target>> = BTreeMap::new();
        let mut canonical: HashMap<String, EntryId> = HashMap::new();
        let mut contexts: Vec<Vec<Phrase>> = Vec::new();
        for (i, entry) in entries.iter().enumerate() {
            let id = EntryId(i as u32);
            let restricted = compile_contexts(entry, &mut contexts, errors);
            let term_key = normalize::normalize(&entry.term);
            let mut duplicate_term = false;
            if let Some(&other) = canonical.get(&term_key) {
                let other = &entries[other.0 as usize];
                if other.origin == entry.origin {
                    errors.push(EntryError {
                        path: entry.path.clone(),
                        line: 2,
                        message: format!(
                            "the term `{}` is also the term of {}; one concept, one entry",
                            entry.term, other.path
                        ),
                    });
                    duplicate_term = true;
                }
            } else {
                canonical.insert(term_key, id);
            }
            // A duplicate term is reported once, above, not again as a name collision.
            for name in entry.names().skip(usize::from(duplicate_term)) {
                let key = normalize::normalize(name);
                if key.is_empty() {
                    errors.push(EntryError {
                        path: entry.path.clone(),
                        line: 2,
                        message: format!("the name `{name}` has no letters or digits"),
                    });
                    continue;
                }
                let exact = normalize::is_acronym(name).then(|| normalize::exact_form(name).into());
                let context = restricted.get(&key).copied();
                let targets = keys.entry(key).or_default();
                if targets.iter().any(|it| it.entry == id && it.exact == exact) {
                    continue;
                }
                targets.push(Target {
                    entry: id,
                    exact,
                    name: name.into(),
                    context,
                });
            }
        }

        let mut postings = Vec::with_capacity(keys.len());
        let mut builder = fst::MapBuilder::memory();
        for (key, targets) in keys {
            let targets = resolve_collisions(&key, targets, &entries, &by_id, errors);
            // Keys are visited in sorted order and are unique, so insertion cannot fail.
            if builder.insert(&key, postings.len() as u64).is_ok() {
                postings.push(targets);
            }
        }
        let bytes = builder.into_inner().unwrap_or_default();
        let index = fst::Map::new(bytes).unwrap_or_default();

        static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        let kb = KnowledgeBase {
            generation: NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            entries,
            by_id,
            index,
            postings,
            contexts,
        };
        kb.check_links(errors);
        kb
    }

    fn check_links(&self, errors: &mut Vec<EntryError>) {
        for entry in &self.entries {
            for (field, ids) in [
                ("related", &entry.related),
                ("senses", &entry.senses),
                ("concerns-from", &entry.concerns_from),
            ] {
                for id in ids {
                    if !self.by_id.contains_key(id) {
                        errors.push(EntryError {
                            path: entry.path.clone(),
                            line: 2,
                            message: format!("`{field}` names `{id}`, which is no entry's id"),
                        });
                    }
                }
            }
            self.check_facts(entry, errors);
        }
    }

    /// The facts of an entry name properties and targets of the lexicon and entries that
    /// exist.
    fn check_facts(&self, entry: &Entry, errors: &mut Vec<EntryError>) {
        let lexicon = Lexicon::bundled();
        let facts = &entry.known;
        let mut problem = |message: String| {
            errors.push(EntryError {
                path: entry.path.clone(),
                line: 2,
                message,
            })
        };
        for (field, names) in [("is", &facts.is), ("is-not", &facts.is_not)] {
            for name in names {
                if !lexicon.properties.contains_key(name) {
                    problem(format!(
                        "facts: `{field}` names `{name}`, which is no property of the lexicon"
                    ));
                }
            }
        }
        for (field, names) in [("speeds", &facts.speeds), ("slows", &facts.slows)] {
            for name in names {
                if !lexicon.targets.contains_key(name) {
                    problem(format!(
                        "facts: `{field}` names `{name}`, which is no target of the lexicon"
                    ));
                }
            }
        }
        for (field, ids) in [
            ("over", &facts.over),
            ("confused-with", &facts.confused_with),
        ] {
            for id in ids {
                if !self.by_id.contains_key(id) {
                    problem(format!(
                        "facts: `{field}` names `{id}`, which is no entry's id"
                    ));
                }
            }
        }
        for (dimension, ids) in &facts.more {
            if !lexicon.comparisons.contains_key(dimension) {
                problem(format!(
                    "facts: `more` names `{dimension}`, which is no comparison of the lexicon"
                ));
            }
            for id in ids {
                if !self.by_id.contains_key(id) {
                    problem(format!(
                        "facts: `more.{dimension}` names `{id}`, which is no entry's id"
                    ));
                }
            }
        }
        if facts.osi.is_some_and(|n| !(1..=7).contains(&n)) {
            problem("facts: `osi` is a layer of the OSI model, 1 to 7".to_string());
        }
        for name in &facts.is {
            let opposite = lexicon
                .properties
                .get(name)
                .and_then(|p| p.opposite.as_ref());
            if facts.is_not.contains(name) || opposite.is_some_and(|o| facts.is.contains(o)) {
                problem(format!("facts: `{name}` is both stated and denied"));
            }
        }
    }

    /// All entries, in index order.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The entry behind an id.
    pub fn entry(&self, id: EntryId) -> &Entry {
        &self.entries[id.0 as usize]
    }

    /// The entry with this file id ("eventual-consistency").
    pub fn by_id(&self, id: &str) -> Option<&Entry> {
        self.by_id.get(id).map(|&it| self.entry(it))
    }

    /// Number of keys in the index.
    pub fn n_keys(&self) -> usize {
        self.index.len()
    }

    /// The entry a whole name denotes, for `tradeoff explain`. Accepts an id, a term or
    /// an alias in any case; an exact-case acronym wins over a lowercase word.
    pub fn lookup(&self, name: &str) -> Option<&Entry> {
        if let Some(entry) = self.by_id(name) {
            return Some(entry);
        }
        let key = normalize::normalize(name);
        let targets = &self.postings[self.index.get(&key)? as usize];
        let exact = normalize::exact_form(name);
        let best = targets
            .iter()
            .find(|it| it.exact.as_deref() == Some(&exact))
            .or_else(|| targets.iter().find(|it| it.exact.is_none()))
            .or_else(|| targets.first())?;
        Some(self.entry(best.entry))
    }

    /// The longest term whose words start at `words[start]` in `text`.
    ///
    /// `words` are the ranges [`normalize::words`] returns. Two words only belong to one
    /// term when the text between them is blank space, a hyphen or a slash. Acronyms only
    /// match when the text spells them exactly.
    pub fn longest_match(
        &self,
        text: &str,
        words: &[Range<usize>],
        start: usize,
    ) -> Option<TermMatch> {
        let fst = self.index.as_fst();
        let mut node = fst.root();
        let mut output = fst::raw::Output::zero();
        let mut candidates: Vec<(usize, u64)> = Vec::new();
        let mut folded = String::new();
        let mut prev_end = None;
        for (k, range) in words.iter().enumerate().skip(start).take(8) {
            if let Some(end) = prev_end {
                let gap = text.get(end..range.start).unwrap_or("!");
                let joins = !gap.is_empty()
                    && gap.len() <= 3
                    && gap
                        .chars()
                        .all(|c| c == ' ' || c == '-' || c == '/' || c == '\n');
                if !joins {
                    break;
                }
                match node.find_input(b' ') {
                    Some(i) => {
                        let t = node.transition(i);
                        output = output.cat(t.out);
                        node = fst.node(t.addr);
                    }
                    None => break,
                }
            }
            // The word as written ("Brewer's theorem"), else the owner of a possessive,
            // which ends the name ("UDP's retransmission").
            let word = &text[range.clone()];
            let mut owner = None;
            let walk = |w: &str, folded: &mut String| {
                folded.clear();
                normalize::fold_word(w, folded);
                let (mut node, mut output) = (node, output);
                for &b in folded.as_bytes() {
                    let i = node.find_input(b)?;
                    let t = node.transition(i);
                    output = output.cat(t.out);
                    node = fst.node(t.addr);
                }
                Some((node, output))
            };
            let walked = walk(word, &mut folded).or_else(|| {
                owner = strip_possessive(word);
                walk(owner?, &mut folded)
            });
            let Some((next, out)) = walked else { break };
            (node, output) = (next, out);
            if node.is_final() {
                candidates.push((k + 1 - start, output.cat(node.final_output()).value()));
            }
            if owner.is_some() {
                break;
            }
            prev_end = Some(range.end);
        }
        // The folded words of the sentence around `start`, for names with a context.
        let mut sentence: Option<Vec<String>> = None;
        for (n_words, value) in candidates.into_iter().rev() {
            let targets = &self.postings[value as usize];
            let mut exact: Option<String> = None;
            let entries: Vec<EntryId> = targets
                .iter()
                .filter(|target| match &target.exact {
                    None => true,
                    Some(want) => {
                        let spelled = exact.get_or_insert_with(|| {
                            words[start..start + n_words]
                                .iter()
                                .map(|r| &text[r.clone()])
                                .map(|w| strip_possessive(w).unwrap_or(w))
                                .collect::<Vec<_>>()
                                .join(" ")
                        });
                        // Acronyms take a plain plural: "CDNs", "SLOs".
                        **want == **spelled
                            || spelled.strip_suffix('s').is_some_and(|it| *it == **want)
                    }
                })
                .filter(|target| match target.context {
                    None => true,
                    Some(c) => {
                        let phrases = self.contexts.get(c as usize).map_or(&[][..], |it| it);
                        !phrases.is_empty()
                            && sentence_has(text, words, start, phrases, &mut sentence)
                    }
                })
                .map(|it| it.entry)
                .collect();
            if !entries.is_empty() {
                return Some(TermMatch { n_words, entries });
            }
        }
        None
    }

    /// Keys that start with the normalised `prefix`, at most `limit` of them, in key order.
    pub fn prefix_search(&self, prefix: &str, limit: usize) -> Vec<KeyHit<'_>> {
        let automaton = fst::automaton::Str::new(prefix).starts_with();
        self.collect(self.index.search(automaton), limit)
    }

    /// Keys with a prefix within `distance` edits of the normalised `prefix`.
    pub fn fuzzy_search(&self, prefix: &str, distance: u32, limit: usize) -> Vec<KeyHit<'_>> {
        // Building the automaton fails only for very long queries; then there is no answer.
        match fst::automaton::Levenshtein::new(prefix, distance) {
            Ok(automaton) => self.collect(self.index.search(automaton.starts_with()), limit),
            Err(_) => Vec::new(),
        }
    }

    /// Entries whose names match `query` for a symbol search, best first: names that
    /// start with it, then names that contain its letters in order ("lbal" finds "load
    /// balancer"), then names within one or two typos of it. An empty query lists entries
    /// in name order.
    pub fn search(&self, query: &str, limit: usize) -> Vec<EntryId> {
        let query = normalize::normalize(query);
        let mut hits: Vec<KeyHit<'_>> = self.prefix_search(&query, limit);
        if !query.is_empty() && hits.len() < limit {
            let automaton = fst::automaton::Subsequence::new(&query);
            let mut more = self.collect(self.index.search(automaton), limit * 4);
            more.sort_by_key(|it| it.key.len());
            hits.extend(more);
            if query.len() >= 4 {
                let distance = if query.len() >= 8 { 2 } else { 1 };
                hits.extend(self.fuzzy_search(&query, distance, limit));
            }
        }
        let mut seen = std::collections::HashSet::new();
        let mut res = Vec::new();
        for hit in hits {
            for target in hit.targets {
                if res.len() < limit && seen.insert(target.entry) {
                    res.push(target.entry);
                }
            }
        }
        res
    }

    fn collect<'a, A: Automaton>(
        &'a self,
        builder: fst::map::StreamBuilder<'a, A>,
        limit: usize,
    ) -> Vec<KeyHit<'a>> {
        let mut stream = builder.into_stream();
        let mut res = Vec::new();
        while let Some((key, value)) = stream.next() {
            if res.len() >= limit {
                break;
            }
            res.push(KeyHit {
                key: String::from_utf8_lossy(key).into_owned(),
                targets: &self.postings[value as usize],
            });
        }
        res
    }
}

/// Compiles the `[[context]]` tables of `entry` into `contexts` and returns the keys of
/// the names they restrict, with the index of each one's context. Reports names that are
/// not the entry's and phrases without words.
fn compile_contexts(
    entry: &Entry,
    contexts: &mut Vec<Vec<Phrase>>,
    errors: &mut Vec<EntryError>,
) -> HashMap<String, u32> {
    let mut restricted = HashMap::new();
    if entry.contexts.is_empty() {
        return restricted;
    }
    let own: Vec<String> = entry.names().map(normalize::normalize).collect();
    let mut err = |message: String| {
        errors.push(EntryError {
            path: entry.path.clone(),
            line: 2,
            message,
        })
    };
    for context in &entry.contexts {
        let index = contexts.len() as u32;
        let mut phrases = Vec::with_capacity(context.needs.len());
        for need in &context.needs {
            let ranges = normalize::words(need);
            if ranges.is_empty() {
                err(format!(
                    "the context phrase `{need}` has no letters or digits"
                ));
                continue;
            }
            let words = ranges
                .into_iter()
                .map(|r| {
                    let word = &need[r];
                    let mut folded = String::new();
                    normalize::fold_word(word, &mut folded);
                    (folded, normalize::is_acronym(word).then(|| word.into()))
                })
                .collect();
            phrases.push(Phrase { words });
        }
        contexts.push(phrases);
        for name in &context.names {
            let key = normalize::normalize(name);
            if !own.contains(&key) {
                err(format!(
                    "`context` names `{name}`, which is not a name of this entry; list the \
                     term or one of the aliases"
                ));
            } else if restricted.insert(key, index).is_some_and(|it| it != index) {
                err(format!(
                    "`{name}` is in two `context` tables; keep it in one"
                ));
            }
        }
    }
    restricted
}

/// True when the sentence around `words[start]` has one of `phrases`. A sentence ends
/// where the text between two words has `.`, `!`, `?`, `;`, `:` or a table's `|`, and is
/// looked at up to 64 words either side. `folded` keeps the sentence's folded words for
/// the next name at the same place.
fn sentence_has(
    text: &str,
    words: &[Range<usize>],
    start: usize,
    phrases: &[Phrase],
    folded: &mut Option<Vec<String>>,
) -> bool {
    const REACH: usize = 64;
    // A colon right after the name opens what is said of it: "CP: both halves ...".
    let ends_sentence = |k: usize| {
        let (Some(a), Some(b)) = (words.get(k - 1), words.get(k)) else {
            return true;
        };
        let ends: &[char] = if k == start + 1 {
            &['.', '!', '?', ';', '|']
        } else {
            &['.', '!', '?', ';', ':', '|']
        };
        text.get(a.end..b.start)
            .is_none_or(|gap| gap.contains(ends))
    };
    let mut lo = start.min(words.len());
    while lo > 0 && start - lo < REACH && !ends_sentence(lo) {
        lo -= 1;
    }
    let mut hi = (start + 1).min(words.len());
    while hi < words.len() && hi - start < REACH && !ends_sentence(hi) {
        hi += 1;
    }
    let sentence = &words[lo..hi];
    let folded = folded.get_or_insert_with(|| {
        sentence
            .iter()
            .map(|r| {
                let mut out = String::new();
                normalize::fold_word(text.get(r.clone()).unwrap_or(""), &mut out);
                out
            })
            .collect()
    });
    phrases.iter().any(|phrase| {
        let n = phrase.words.len();
        (0..folded.len().saturating_sub(n - 1)).any(|j| {
            phrase.words.iter().enumerate().all(|(k, (want, exact))| {
                folded.get(j + k) == Some(want)
                    && exact.as_ref().is_none_or(|spelling| {
                        let raw = sentence
                            .get(j + k)
                            .and_then(|r| text.get(r.clone()))
                            .unwrap_or("");
                        raw == &**spelling || raw.strip_suffix('s') == Some(&**spelling)
                    })
            })
        })
    })
}

/// Keeps one target per key unless the ambiguity is declared by a disambiguation entry
/// that lists the other entries as its senses.
fn resolve_collisions(
    key: &str,
    mut targets: Vec<Target>,
    entries: &[Entry],
    by_id: &HashMap<Box<str>, EntryId>,
    errors: &mut Vec<EntryError>,
) -> Vec<Target> {
    if targets.len() < 2 {
        return targets;
    }
    // A higher layer shadows a lower one.
    let top = targets
        .iter()
        .map(|it| entries[it.entry.0 as usize].origin)
        .max();
    targets.retain(|it| Some(entries[it.entry.0 as usize].origin) == top);
    let mut res: Vec<Target> = Vec::new();
    for target in targets {
        let clash = res
            .iter()
            .position(|it| it.exact == target.exact && it.entry != target.entry);
        let Some(i) = clash else {
            res.push(target);
            continue;
        };
        let a = &entries[res[i].entry.0 as usize];
        let b = &entries[target.entry.0 as usize];
        let lists = |dis: &Entry, other: &Entry| {
            dis.senses.iter().any(|s| {
                by_id
                    .get(s)
                    .is_some_and(|&id| entries[id.0 as usize].id == other.id)
            })
        };
        if lists(a, b) {
            continue;
        }
        if lists(b, a) {
            res[i] = target;
            continue;
        }
        errors.push(EntryError {
            path: b.path.clone(),
            line: 2,
            message: format!(
                "the name `{}` (key `{key}`) also names {}; drop it from one entry or add a \
                 disambiguation entry whose `senses` list both",
                target.name, a.path
            ),
        });
    }
    res
}

/// The owner in a possessive word: "UDP" in "UDP's" (straight or curly apostrophe).
fn strip_possessive(word: &str) -> Option<&str> {
    word.strip_suffix("'s")
        .or_else(|| word.strip_suffix("\u{2019}s"))
        .filter(|owner| !owner.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, term: &str, aliases: &[&str], extra: &str) -> KnowledgeFile {
        let aliases: Vec<String> = aliases.iter().map(|it| format!("{it:?}")).collect();
        let text = format!(
            "+++\nterm = {term:?}\naliases = [{}]\ncategory = \"test\"\n{extra}\n[[sources]]\ntitle = \"T\"\n+++\nDefinition of {term}.\n",
            aliases.join(", ")
        );
        KnowledgeFile::new(path, text, Origin::Bundled)
    }

    fn kb(files: Vec<KnowledgeFile>) -> (KnowledgeBase, Vec<String>) {
        let (kb, errors) = KnowledgeBase::build(files);
        (kb, errors.iter().map(ToString::to_string).collect())
    }

    #[test]
    fn every_knowledge_base_has_its_own_generation() {
        let first = KnowledgeBase::default();
        let glossary = first.with_glossary(Vec::new());
        drop(first);
        let again = KnowledgeBase::default();
        assert_ne!(glossary.generation(), again.generation());
        assert!(glossary.generation() > 0 && again.generation() > 0);
    }

    fn find(kb: &KnowledgeBase, text: &str) -> Vec<String> {
        let words = normalize::words(text);
        let mut res = Vec::new();
        let mut i = 0;
        while i < words.len() {
            match kb.longest_match(text, &words, i) {
                Some(m) => {
                    let span = &text[words[i].start..words[i + m.n_words - 1].end];
                    let ids: Vec<&str> = m.entries.iter().map(|&e| &*kb.entry(e).id).collect();
                    res.push(format!("{span}={}", ids.join("|")));
                    i += m.n_words;
                }
                None => i += 1,
            }
        }
        res
    }

    #[test]
    fn longest_match_prefers_longer_terms_and_respects_acronym_case() {
        let (kb, errors) = kb(vec![
            file("cache.md", "Cache", &[], ""),
            file(
                "write-behind.md",
                "Write-behind cache",
                &["write-back cache"],
                "",
            ),
            file("cap.md", "CAP theorem", &["CAP", "Brewer's theorem"], ""),
            file("ca.md", "CA system", &["CA"], ""),
        ]);
        assert_eq!(errors, Vec::<String>::new());
        let text = "A write-behind caches layer, a cache, the CAP theorem; ca and CA.";
        assert_eq!(
            find(&kb, text),
            [
                "write-behind caches=write-behind",
                "cache=cache",
                "CAP theorem=cap",
                "CA=ca"
            ]
        );
        // Words separated by punctuation do not form one term.
        assert_eq!(find(&kb, "CAP. theorem"), ["CAP=cap"]);
        // Acronyms take a plain plural, but not other spellings.
        assert_eq!(find(&kb, "two CAs and cas"), ["CAs=ca"]);
        // A possessive names its owner and ends the name; a name with an apostrophe
        // still matches as written.
        assert_eq!(
            find(&kb, "The CAP's letters, a cache's size, Brewer's theorem."),
            ["CAP's=cap", "cache's=cache", "Brewer's theorem=cap"]
        );
    }

    #[test]
    fn undeclared_ambiguity_is_an_error_and_declared_is_not() {
        let (_, errors) = kb(vec![
            file("a.md", "Partition", &[], ""),
            file("b.md", "Network partition", &["partition"], ""),
        ]);
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(errors[0].contains("also names a.md"), "{errors:?}");

        let (kb, errors) = kb(vec![
            file(
                "partition.md",
                "Partition",
                &[],
                "senses = [\"net\", \"data\"]",
            ),
            file("net.md", "Network partition", &["partition"], ""),
            file("data.md", "Data partition", &["partition"], ""),
        ]);
        assert_eq!(errors, Vec::<String>::new());
        assert_eq!(find(&kb, "a partition"), ["partition=partition"]);
    }

    #[test]
    fn broken_links_and_duplicates_are_reported() {
        let (kb, errors) = kb(vec![
            file("a.md", "Alpha", &[], "related = [\"nope\"]"),
            file("dir/a.md", "Beta", &[], ""),
            file("c.md", "alpha", &[], ""),
        ]);
        assert_eq!(kb.entries().len(), 2);
        assert_eq!(errors.len(), 3, "{errors:?}");
        assert!(errors.iter().any(|e| e.contains("`nope`")));
        assert!(errors.iter().any(|e| e.contains("already used")));
        assert!(errors.iter().any(|e| e.contains("one concept, one entry")));
    }

    #[test]
    fn user_entries_take_precedence() {
        let mut user = file("cache.md", "Cache", &["memo"], "");
        user.origin = Origin::User;
        user.text = user.text.replace("Definition of Cache", "Our cache");
        let (kb, errors) = kb(vec![file("cache.md", "Cache", &[], ""), user]);
        assert_eq!(errors, Vec::<String>::new());
        assert_eq!(&*kb.lookup("caches").unwrap().definition, "Our cache.");
        assert_eq!(&*kb.lookup("memo").unwrap().id, "cache");
    }

    fn context(names: &[&str], needs: &[&str]) -> String {
        format!("[[context]]\nnames = {names:?}\nneeds = {needs:?}")
    }

    #[test]
    fn a_pattern_name_counts_only_as_the_pattern_or_near_design_patterns() {
        let (kb, errors) = kb(vec![file(
            "command.md",
            "Command",
            &["command pattern"],
            &context(&["Command"], &["design pattern", "Gang of Four", "GoF"]),
        )]);
        assert_eq!(errors, Vec::<String>::new());
        assert_eq!(
            find(&kb, "Run the cargo command; two commands."),
            Vec::<String>::new()
        );
        assert_eq!(
            find(&kb, "We use the command pattern."),
            ["command pattern=command"]
        );
        assert_eq!(
            find(&kb, "Of the GoF patterns, Command queues requests."),
            ["Command=command"]
        );
        assert_eq!(
            find(&kb, "Commands are objects, as in the Gang of Four book."),
            ["Commands=command"]
        );
        // The context must be in the same sentence.
        assert_eq!(
            find(&kb, "A design pattern helps. Run the command."),
            Vec::<String>::new()
        );
    }

    #[test]
    fn an_adjective_counts_only_where_the_sentence_is_about_the_property() {
        let (kb, errors) = kb(vec![file(
            "availability.md",
            "Availability",
            &["available", "highly available"],
            &context(&["available"], &["uptime", "failover", "outage", "CAP"]),
        )]);
        assert_eq!(errors, Vec::<String>::new());
        assert_eq!(
            find(&kb, "The flag is available in beta."),
            Vec::<String>::new()
        );
        assert_eq!(
            find(&kb, "The store stays available during an outage."),
            ["available=availability"]
        );
        assert_eq!(
            find(&kb, "A highly available store."),
            ["highly available=availability"]
        );
        // Acronyms among the needs keep their capitals: "cap" is not "CAP".
        assert_eq!(
            find(
                &kb,
                "The cap is available; under CAP, replicas stay available."
            ),
            ["available=availability"]
        );
        // The noun is not restricted.
        assert_eq!(
            find(&kb, "Availability matters."),
            ["Availability=availability"]
        );
    }

    #[test]
    fn a_generic_noun_needs_its_phrase_and_an_empty_context_never_counts() {
        let (kb, errors) = kb(vec![
            file(
                "load.md",
                "Load",
                &[],
                &context(&["load"], &["load on", "high load", "traffic"]),
            ),
            file("lb.md", "Load balancer", &[], ""),
            file(
                "issuer.md",
                "Issuing bank",
                &["issuer"],
                &context(&["issuer"], &[]),
            ),
        ]);
        assert_eq!(errors, Vec::<String>::new());
        assert_eq!(
            find(&kb, "We load the schema from a file."),
            Vec::<String>::new()
        );
        assert_eq!(
            find(
                &kb,
                "It adds load on the API server, behind a load balancer."
            ),
            ["load=load", "load balancer=lb"]
        );
        assert_eq!(find(&kb, "Peak traffic means load."), ["load=load"]);
        assert_eq!(
            find(&kb, "The token issuer signs it."),
            Vec::<String>::new()
        );
        assert_eq!(find(&kb, "The issuing bank pays."), ["issuing bank=issuer"]);
        // Look-ups by name are not restricted.
        assert_eq!(&*kb.lookup("issuer").unwrap().id, "issuer");
        assert_eq!(&*kb.lookup("load").unwrap().id, "load");
    }

    #[test]
    fn a_restricted_long_name_falls_back_to_a_shorter_one() {
        let (kb, errors) = kb(vec![
            file(
                "safe-method.md",
                "Safe method",
                &[],
                &context(&["safe method"], &["HTTP"]),
            ),
            file("safe.md", "Safe", &[], ""),
        ]);
        assert_eq!(errors, Vec::<String>::new());
        assert_eq!(find(&kb, "An object-safe method."), ["safe=safe"]);
        assert_eq!(
            find(&kb, "GET is a safe method in HTTP."),
            ["safe method=safe-method"]
        );
    }

    #[test]
    fn bad_contexts_are_reported() {
        let (kb, errors) = kb(vec![file(
            "a.md",
            "Alpha",
            &["alf"],
            "[[context]]\nnames = [\"beta\", \"alf\"]\nneeds = [\"--\"]\n[[context]]\nnames = [\"Alf\"]\nneeds = [\"x\"]",
        )]);
        assert_eq!(errors.len(), 3, "{errors:?}");
        assert!(
            errors
                .iter()
                .any(|e| e.contains("`beta`, which is not a name"))
        );
        assert!(errors.iter().any(|e| e.contains("`--` has no letters")));
        assert!(errors.iter().any(|e| e.contains("two `context` tables")));
        // The entry is still indexed, its restricted name by the first table.
        assert_eq!(find(&kb, "Alpha and alf."), ["Alpha=a"]);
    }

    #[test]
    fn bad_comparisons_are_reported() {
        let (_, errors) = kb(vec![
            file(
                "a.md",
                "Alpha",
                &[],
                "[facts]\nmore = { fast = [\"b\", \"nobody\"], tall = [\"b\"] }",
            ),
            file("b.md", "Beta", &[], ""),
        ]);
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert!(
            errors
                .iter()
                .any(|e| e.contains("`more.fast` names `nobody`"))
        );
        assert!(
            errors
                .iter()
                .any(|e| e.contains("`tall`, which is no comparison"))
        );
    }

    #[test]
    fn concerns_are_inherited_once() {
        let concern = "[[concerns]]\nquestion = \"q?\"\nrationale = \"r\"\nanswered-by = [\"x\"]";
        let (kb, errors) = kb(vec![
            file("a.md", "Alpha", &[], concern),
            file("b.md", "Beta", &[], "concerns-from = [\"a\", \"c\"]"),
            file("c.md", "Gamma", &[], "concerns-from = [\"b\", \"nobody\"]"),
        ]);
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(errors[0].contains("`concerns-from` names `nobody`"));
        let count = |id: &str| kb.by_id(id).unwrap().concerns.len();
        // Beta takes Alpha's; Gamma takes Beta's own (none), not what Beta inherits.
        assert_eq!((count("a"), count("b"), count("c")), (1, 1, 0));
    }

    #[test]
    fn prefix_and_fuzzy_search() {
        let (kb, _) = kb(vec![
            file("lb.md", "Load balancer", &["LB"], ""),
            file("ll.md", "Leader election", &[], ""),
        ]);
        let keys: Vec<String> = kb
            .prefix_search("load b", 10)
            .into_iter()
            .map(|it| it.key)
            .collect();
        assert_eq!(keys, ["load balancer"]);
        let keys: Vec<String> = kb
            .fuzzy_search("laod", 1, 10)
            .into_iter()
            .map(|it| it.key)
            .collect();
        assert!(keys.is_empty(), "a swap is two edits: {keys:?}");
        let keys: Vec<String> = kb
            .fuzzy_search("lod bal", 1, 10)
            .into_iter()
            .map(|it| it.key)
            .collect();
        assert_eq!(keys, ["load balancer"]);
    }
}
