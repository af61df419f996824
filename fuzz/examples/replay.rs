//! Replays corpus files through the fuzz targets' checks without libFuzzer and lists every
//! failure (libFuzzer stops at the first). `cargo run --example replay -- <target> <dir|file>...`
//! with `<target>` one of `decode_explicit`, `decode_detect`, `decode_http`, `cli_decode`.

use std::panic;
use std::path::PathBuf;

use arbitrary::{Arbitrary, Unstructured};
use tiktok_errors_fuzz::{cli, detect, explicit, http, CliInput, DetectInput, Input};

fn main() {
    let mut args = std::env::args().skip(1);
    let target = args.next().expect("target");
    let mut files: Vec<PathBuf> = Vec::new();
    for a in args {
        let p = PathBuf::from(a);
        if p.is_dir() {
            let mut v: Vec<_> = std::fs::read_dir(&p)
                .unwrap()
                .map(|e| e.unwrap().path())
                .collect();
            v.sort();
            files.extend(v);
        } else {
            files.push(p);
        }
    }
    panic::set_hook(Box::new(|_| {}));
    let (mut ok, mut failed) = (0, 0);
    for f in &files {
        let data = std::fs::read(f).unwrap();
        let r = panic::catch_unwind(|| {
            let u = Unstructured::new(&data);
            match target.as_str() {
                "decode_explicit" => explicit(Input::arbitrary_take_rest(u).unwrap()),
                "decode_http" => http(Input::arbitrary_take_rest(u).unwrap()),
                "decode_detect" => detect(DetectInput::arbitrary_take_rest(u).unwrap()),
                "cli_decode" => cli(CliInput::arbitrary_take_rest(u).unwrap()),
                t => panic!("unknown target {t}"),
            }
        });
        match r {
            Ok(()) => ok += 1,
            Err(e) => {
                failed += 1;
                let msg = e
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
                    .unwrap_or_default();
                println!("FAIL {}: {}", f.display(), msg.lines().next().unwrap_or(""));
                println!(
                    "     {}",
                    msg.lines().skip(1).collect::<Vec<_>>().join(" | ")
                );
            }
        }
    }
    println!("{ok} passed, {failed} failed");
}
