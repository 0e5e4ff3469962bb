//! Shared by the app's integration tests.

/// The command names in `all_commands!`, read from the source so no list can drift from it.
pub fn registered_commands() -> Vec<String> {
    let lib = include_str!("../../src/lib.rs");
    let start = lib.find("macro_rules! all_commands").expect("all_commands! is in lib.rs");
    let body = &lib[start..];
    let end = body.find(']').expect("the handler list ends");
    body[..end]
        .lines()
        .filter_map(|l| l.trim().strip_prefix("$crate::commands::"))
        .map(|path| path.trim_end_matches(',').rsplit("::").next().unwrap_or(path).trim().to_string())
        .collect()
}
