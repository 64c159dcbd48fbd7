//! The bundled knowledge base as authors meet it: terms written the way design docs write
//! them (mixed case, plurals, hyphens, abbreviations) must hover the right entry.

fn hover_id(analysis: &ide::Analysis, phrase: &str) -> Option<String> {
    hover_id_in(analysis, phrase, "")
}

/// Like [`hover_id`], with `extra` words at the end of the sentence.
fn hover_id_in(analysis: &ide::Analysis, phrase: &str, extra: &str) -> Option<String> {
    let text = format!("In this design we rely on {phrase} for the new service{extra}.\n");
    // On the last letter of the phrase, so leading articles do not matter.
    let offset = text.find(phrase).unwrap() + phrase.len() - 1;
    let doc = ide::Document::new(text.into(), Some("/docs/notes.md".into()));
    let hover = analysis.hover(&doc, offset)?;
    let first_line = hover.markdown.lines().next()?.to_owned();
    analysis
        .knowledge()
        .entries()
        .iter()
        .find(|e| first_line.starts_with(&format!("**{}**", e.term)))
        .map(|e| e.id.to_string())
}

#[test]
fn author_spellings_hover_the_right_entry() {
    let cases: &[(&str, &str)] = &[
        ("Eventual Consistency", "eventual-consistency"),
        ("eventually consistent", "eventual-consistency"),
        ("the CAP theorem", "cap-theorem"),
        ("CAP", "cap-theorem"),
        ("Brewer's theorem", "cap-theorem"),
        ("PACELC", "pacelc"),
        ("write-behind caches", "write-behind-cache"),
        ("Write-back caching", "write-behind-cache"),
        ("write through cache", "write-through-cache"),
        ("cache-aside", "cache-aside"),
        ("a cache filled by lazy loading", "cache-aside"),
        ("Load Balancers", "load-balancer"),
        ("LB", "load-balancer"),
        ("L7 load balancing", "layer-7-load-balancing"),
        ("layer 4 load balancer", "layer-4-load-balancing"),
        ("reverse proxies", "reverse-proxy"),
        ("CDNs", "cdn"),
        ("content delivery network", "cdn"),
        ("pull CDNs", "pull-cdn"),
        ("DNS", "dns"),
        ("CNAME records", "cname-record"),
        ("TTL", "ttl"),
        ("RPO", "rpo"),
        ("recovery time objective", "rto"),
        ("SLOs", "slo"),
        ("service-level agreement", "sla"),
        ("SLI", "sli"),
        ("error budgets", "error-budget"),
        ("five nines", "availability-in-nines"),
        ("active-passive failover", "active-passive-failover"),
        ("master-master replication", "master-master-replication"),
        ("leader-follower replication", "master-slave-replication"),
        ("read replicas", "read-replica"),
        ("Sharding", "sharding"),
        ("shards", "sharding"),
        ("functional partitioning", "federation"),
        ("database tables, denormalized", "denormalization"),
        ("consistent hashing", "consistent-hashing"),
        ("ACID transactions", "acid"),
        ("NoSQL databases", "nosql"),
        ("key-value stores", "key-value-store"),
        ("LSM trees", "lsm-tree"),
        ("B-trees", "b-tree"),
        ("inverted indexes", "inverted-index"),
        ("message queues", "message-queue"),
        ("backpressure", "back-pressure"),
        ("back-pressure", "back-pressure"),
        ("Kafka", "kafka"),
        ("Redis", "redis"),
        ("circuit breakers", "circuit-breaker"),
        ("sidecar containers", "sidecar"),
        ("K8s", "kubernetes"),
        ("pods", "kubernetes-pod"),
        ("Docker images", "docker-image"),
        ("cgroups", "cgroups"),
        ("CI/CD", "ci-cd"),
        ("gRPC", "grpc"),
        ("RESTful APIs", "rest"),
        ("GraphQL", "graphql"),
        ("webhooks", "webhook"),
        ("WebSockets", "websocket"),
        ("HTTP/2", "http-2"),
        ("QUIC", "quic"),
        ("head-of-line blocking", "head-of-line-blocking"),
        ("idempotent", "idempotency"),
        ("TCP", "tcp"),
        ("UDP", "udp"),
        ("OAuth 2.0", "oauth2"),
        ("JWTs", "jwt"),
        ("SSO", "sso"),
        ("2FA", "two-factor-authentication"),
        ("salted hashes", "password-salt"),
        ("horizontal scaling", "horizontal-scaling"),
        ("a bigger machine by scaling up", "vertical-scaling"),
        ("single points of failure", "single-point-of-failure"),
        ("SPOF", "single-point-of-failure"),
        ("hot sites", "hot-site"),
        ("the OSI model", "osi-model"),
        ("round-robin", "round-robin"),
        ("least connections", "least-connections"),
        ("the Raft consensus", "raft"),
        ("event sourcing", "event-sourcing"),
        ("CQRS", "cqrs"),
        ("Protocol Buffers", "protobuf"),
        ("microservices", "microservices"),
        ("a modular monolith", "modular-monolith"),
    ];
    let projects = load::project::Projects::new(Default::default());
    let analysis = &projects.default_resolved().analysis;
    let mut wrong = Vec::new();
    for (phrase, want) in cases {
        let got = hover_id(analysis, phrase);
        if got.as_deref() != Some(*want) {
            wrong.push(format!("{phrase:?}: want {want}, got {got:?}"));
        }
    }
    assert!(cases.len() >= 50);
    assert!(
        wrong.is_empty(),
        "{} of {} wrong:\n{}",
        wrong.len(),
        cases.len(),
        wrong.join("\n")
    );
}

/// `knowledge/checklist.tsv` lists every concept the source documents define, as an author
/// would write it, with the entry that covers it; each one must hover that entry.
#[test]
fn every_checklist_concept_hovers_its_entry() {
    let checklist = include_str!("../knowledge/checklist.tsv");
    let projects = load::project::Projects::new(Default::default());
    let analysis = &projects.default_resolved().analysis;
    let mut rows = 0;
    let mut wrong = Vec::new();
    for (i, line) in checklist.lines().enumerate() {
        if line.is_empty() || line.starts_with('#') || line.starts_with("concept\t") {
            continue;
        }
        let mut cols = line.split('\t');
        let (Some(concept), Some(want), Some(_source)) = (cols.next(), cols.next(), cols.next())
        else {
            panic!(
                "checklist line {}: want concept, entry and source: {line:?}",
                i + 1
            );
        };
        rows += 1;
        assert!(
            analysis.knowledge().by_id(want).is_some(),
            "checklist line {}: no entry `{want}`",
            i + 1
        );
        // A name that counts only in its field's sentences (an entry's `[[context]]`) is
        // hovered in a sentence that has the first phrase its context needs.
        let entry = analysis.knowledge().by_id(want).unwrap();
        let context = entry.contexts.iter().find(|c| {
            c.names.iter().any(|n| {
                n.eq_ignore_ascii_case(concept)
                    || concept.to_lowercase().starts_with(&n.to_lowercase())
            })
        });
        let got = match context.and_then(|c| c.needs.first()) {
            Some(need) => hover_id_in(analysis, concept, &format!(" ({need})")),
            None => hover_id(analysis, concept),
        };
        if got.as_deref() != Some(want) {
            wrong.push(format!(
                "line {}: {concept:?}: want {want}, got {got:?}",
                i + 1
            ));
        }
    }
    assert!(rows >= 500, "only {rows} checklist concepts");
    assert!(
        wrong.is_empty(),
        "{} of {rows} checklist concepts do not hover their entry:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

#[test]
fn ambiguous_words_show_their_senses_and_acronyms_need_capitals() {
    let projects = load::project::Projects::new(Default::default());
    let analysis = &projects.default_resolved().analysis;
    // Each word in a sentence of its field: alone, an everyday word is no concept.
    for (word, field, senses) in [
        (
            "consistency",
            "of replicas",
            &["Consistency (CAP)", "Consistency (ACID)"][..],
        ),
        (
            "partition",
            "of the network",
            &["Network partition", "Partitioning (data)"][..],
        ),
        (
            "availability",
            "of the cluster",
            &["Availability (uptime)", "Availability (CAP)"][..],
        ),
        ("proxy", "", &["Reverse proxy", "Forward proxy"][..]),
        (
            "load",
            "and traffic",
            &["Load (system)", "Load balancer"][..],
        ),
    ] {
        let text = format!("We discuss {word} {field} here.\n");
        let doc = ide::Document::new(text.clone().into(), None);
        let hover = analysis
            .hover(&doc, text.find(word).unwrap() + 1)
            .expect(word);
        for sense in senses {
            assert!(
                hover.markdown.contains(&format!("**{sense}**")),
                "{word}: {}",
                hover.markdown
            );
        }
    }
    for lower in ["ca", "ap", "cp", "go", "lb", "ttl"] {
        let text = format!("We {lower} there.\n");
        let doc = ide::Document::new(text.clone().into(), None);
        assert_eq!(
            analysis.hover(&doc, 4),
            None,
            "{lower} is a word, not an acronym"
        );
    }
}

/// The README's entry count, its per-category table and its checklist count follow the
/// bundled knowledge base.
#[test]
fn readme_counts_are_current() {
    let readme = include_str!("../README.md");
    let checklist = include_str!("../knowledge/checklist.tsv");
    let projects = load::project::Projects::new(Default::default());
    let kb = projects.default_resolved().analysis.knowledge();
    let mut want = std::collections::BTreeMap::<&str, usize>::new();
    for entry in kb.entries() {
        *want.entry(&entry.category).or_default() += 1;
    }
    let total: usize = want.values().sum();
    assert!(
        readme.contains(&format!("It holds {total} entries:")),
        "README: say it holds {total} entries"
    );
    let table = readme
        .split("| category | entries |\n| --- | --- |\n")
        .nth(1)
        .expect("README has the category table");
    let mut got = std::collections::BTreeMap::<&str, usize>::new();
    for row in table.lines().take_while(|line| line.starts_with('|')) {
        let cells: Vec<&str> = row.trim_matches('|').split('|').map(str::trim).collect();
        got.insert(cells[0], cells[1].parse().expect(row));
    }
    assert_eq!(got, want, "README's per-category table");
    let concepts = checklist
        .lines()
        .filter(|line| !line.is_empty() && !line.starts_with('#') && !line.starts_with("concept\t"))
        .count();
    assert!(
        readme.contains(&format!("lists the {concepts} concepts")),
        "README: say the checklist lists {concepts} concepts"
    );
}
