//! The stand-in TikTok of tests/limited_tiktok as a program, for benches/fleet.sh:
//! `fleet_server PORT QPS QPM [ADVERTISER_QPS]`. It serves until killed; `GET /stats` gives
//! every second's answers.

#[path = "../tests/limited_tiktok/mod.rs"]
mod limited_tiktok;

fn main() {
    let args: Vec<u32> = std::env::args()
        .skip(1)
        .map(|a| a.parse().expect("numbers: PORT QPS QPM [ADVERTISER_QPS]"))
        .collect();
    let [port, qps, qpm, rest @ ..] = args.as_slice() else {
        eprintln!("usage: fleet_server PORT QPS QPM [ADVERTISER_QPS]");
        std::process::exit(2);
    };
    let limits = limited_tiktok::Limits {
        qps: *qps,
        qpm: *qpm,
        advertiser_qps: rest.first().copied(),
    };
    let server = limited_tiktok::LimitedTikTok::start(limits, u16::try_from(*port).unwrap());
    println!("listening on {}", server.base_url());
    loop {
        std::thread::park();
    }
}
