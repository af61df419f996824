//! README.md is also the crate's page on crates.io, where relative links and images do not
//! resolve: every link and image in it must be absolute (or an anchor on the same page).

#[test]
fn readme_links_are_absolute() {
    let readme = include_str!("../README.md");
    let mut checked = 0;
    for (i, _) in readme.match_indices("](") {
        let target = &readme[i + 2..];
        let end = target.find(')').expect("a markdown link closes");
        let target = &target[..end];
        assert!(
            target.starts_with("https://") || target.starts_with('#'),
            "README link `{target}` is relative: it breaks on crates.io"
        );
        checked += 1;
    }
    assert!(
        checked >= 5,
        "only {checked} links found: did the README change shape?"
    );
}
