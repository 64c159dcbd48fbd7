//! A deterministic generator of realistic design docs for the benchmarks: headings, prose
//! with system-design terms (some of them wrong claims), lists, tables, code fences and
//! links, repeated with a counter until the requested size.

/// A design doc of about `bytes` bytes; the same size always gives the same text.
pub fn design_doc(bytes: usize) -> String {
    let mut out = String::from(
        "---\nstatus: proposed\nauthors: [bench]\n---\n# Move sessions out of the web servers\n\n",
    );
    let mut i = 0usize;
    while out.len() < bytes {
        out.push_str(&format!(
            "## Part {i}: motivation\n\n\
             Sessions live in memory, so the load balancer uses sticky sessions. We need eventual \
             consistency between replicas and a write-behind cache in front of PostgreSQL. \
             Four nines allows about 53 minutes of downtime a year.\n\n\
             - Reads go to read replicas; writes go to the primary.\n\
             - POST is idempotent, so clients retry.\n\
             - An L7 load balancer routes by path; see [the primer](https://example.org/primer#cap-{i}).\n\n\
             | option | tradeoff |\n|---|---|\n| write-through | slower writes |\n| cache-aside | stale reads until the TTL |\n\n\
             ```yaml\nreplicas: {i}\ncache: write-behind\n```\n\n"
        ));
        i += 1;
    }
    out.push_str(
        "## Alternatives considered\n\nSticky sessions stay; a lost server logs users out.\n",
    );
    out
}
