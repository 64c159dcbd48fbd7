//! Problems that are not findings in a document: invalid settings, a broken
//! `tradeoff.toml`, knowledge entries that do not parse. They are published as diagnostics
//! on the files they concern (or shown as messages), per source, and cleared when fixed.

use std::collections::BTreeMap;
use std::sync::Arc;

use tower_lsp_server::Client;
use tower_lsp_server::ls_types as lsp;

use crate::state::ServerState;
use crate::to_proto;
use load::project::Resolved;

/// What was last published for one source of problems.
pub(crate) struct Report {
    problems: Arc<Vec<load::LoadProblem>>,
    files: Vec<lsp::Uri>,
}

/// Publishes the problems of one source (the settings, or a config file) as diagnostics on
/// the files they concern, clearing files that no longer have any. `also_clear` is a file
/// that gets an empty report when it has no problems (a config file that was fixed).
pub(crate) async fn report_problems(
    state: &ServerState,
    client: &Client,
    source: String,
    problems: Arc<Vec<load::LoadProblem>>,
    also_clear: Option<lsp::Uri>,
) {
    let previous = {
        let Ok(reports) = state.reports.lock() else {
            return;
        };
        match reports.get(&source) {
            Some(report) if Arc::ptr_eq(&report.problems, &problems) => return,
            Some(report) => report.files.clone(),
            None => Vec::new(),
        }
    };
    let mut by_file: BTreeMap<lsp::Uri, Vec<lsp::Diagnostic>> = BTreeMap::new();
    for problem in problems.iter() {
        let Some(uri) = problem.file.as_ref().and_then(lsp::Uri::from_file_path) else {
            client
                .show_message(lsp::MessageType::WARNING, format!("tradeoff: {problem}"))
                .await;
            continue;
        };
        by_file
            .entry(uri)
            .or_default()
            .push(to_proto::load_problem(problem));
    }
    for uri in previous.into_iter().chain(also_clear) {
        if !by_file.contains_key(&uri) {
            client.publish_diagnostics(uri, Vec::new(), None).await;
        }
    }
    let files: Vec<lsp::Uri> = by_file.keys().cloned().collect();
    for (uri, diagnostics) in by_file {
        client.publish_diagnostics(uri, diagnostics, None).await;
    }
    if let Ok(mut reports) = state.reports.lock() {
        reports.insert(source, Report { problems, files });
    }
}

/// Reports the problems of the config file a document was analysed with.
pub(crate) async fn report_config(state: &ServerState, client: &Client, resolved: &Resolved) {
    let Some(config) = &resolved.config else {
        return;
    };
    let uri = lsp::Uri::from_file_path(config);
    report_problems(
        state,
        client,
        config.to_string_lossy().into_owned(),
        resolved.problems.clone(),
        uri,
    )
    .await;
}
