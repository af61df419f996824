//! The JavaScript and Python packages (issue 21, `packages/`): what README.md and the error index
//! say about installing them matches the files `packages/build.sh` writes. (The packages
//! themselves are built and tested by `packages/test.sh`, which CI runs.)

use std::fs;
use std::path::Path;

fn read(rel: &str) -> Option<String> {
    fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)).ok()
}

#[test]
fn readme_install_commands_name_the_files_build_sh_writes() {
    let readme = read("README.md").expect("README.md");
    for claim in [
        "$ packages/build.sh out",
        "$ npm install ./out/tiktok-errors-*.tgz",
        "$ pip install ./out/tiktok_errors-*-py3-none-any.whl",
        "./out/tiktok_errors-*.tar.gz",
        "npm package and a PyPI package, both named `tiktok-errors`",
    ] {
        assert!(readme.contains(claim), "README.md should say {claim:?}");
    }
    // The published crate has no packages/ folder (Cargo.toml `include`); a clone has.
    let Some(build) = read("packages/build.sh") else {
        assert!(
            read("Cargo.toml.orig").is_some(),
            "packages/ is missing from a clone"
        );
        return;
    };
    for name in [
        "tiktok-errors-$version.tgz",
        "tiktok_errors-$version-py3-none-any.whl",
        "tiktok_errors-$version.tar.gz",
    ] {
        assert!(
            build.contains(name),
            "packages/build.sh no longer writes {name}"
        );
    }
    let npm = read("packages/npm/package.json.in").expect("package.json.in");
    assert!(
        npm.contains("\"name\": \"tiktok-errors\"") && npm.contains("\"version\": \"@VERSION@\"")
    );
    assert!(!npm.contains("\"dependencies\""));
    let py = read("packages/python/_build_backend.py").expect("_build_backend.py");
    assert!(py.contains("NAME = \"tiktok-errors\"") && py.contains("catalog_version"));
}

#[cfg(feature = "site")]
#[test]
fn the_error_index_says_how_to_install_the_packages() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("site-packages");
    let _ = fs::remove_dir_all(&dir);
    tiktok_errors::site::generate(&dir, &tiktok_errors::site::SiteOptions::default())
        .expect("the site generates");
    let index = fs::read_to_string(dir.join("index.html")).expect("index.html");
    let v = tiktok_errors::CATALOG_VERSION;
    for claim in [
        // (the index gives every heading an anchor link after its text)
        "<h2 id=\"packages\">For JavaScript and Python ".to_owned(),
        "the npm package <code>tiktok-errors</code>".to_owned(),
        "the PyPI package <code>tiktok-errors</code>".to_owned(),
        format!("npm install ./out/tiktok-errors-{v}.tgz"),
        format!("pip install ./out/tiktok_errors-{v}-py3-none-any.whl"),
    ] {
        assert!(index.contains(&claim), "index.html should say {claim:?}");
    }
}
