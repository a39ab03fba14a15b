//! Criterion benchmarks of the hot functions: the candidate scan, number validation, attribution (the
//! whole per-page pipeline), on the seed articles. Run: `cargo bench --bench hot`.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use hotline::context::{ReadOptions, RegionHint};
use hotline::document::Document;
use hotline::mention::{find_mentions, Reading};
use hotline::model::RegionSource;
use hotline::numbering::parse::parse_national;
use hotline::numbering::Region;
use hotline::reference::Reference;
use hotline::run::{audit_document, extract_claims};

const SEEDS: &[&str] = &[
    include_str!("../fixtures/seeds/000_d9a7547db497ca30.txt"),
    include_str!("../fixtures/seeds/001_d1cf8ef2f5378ac3.txt"),
    include_str!("../fixtures/seeds/002_7afdf4f3c9e2eaf0.txt"),
    include_str!("../fixtures/seeds/003_6769d65fc4511666.txt"),
    include_str!("../fixtures/seeds/004_0a13fc0d7143eddd.txt"),
];

fn benches(c: &mut Criterion) {
    let text = SEEDS.concat();
    let cn = Region::by_id("CN").unwrap();
    let hint = RegionHint {
        region: Some(cn),
        named: false,
        source: RegionSource::Page,
        chinese_shapes: true,
        short_elsewhere: None,
    };
    let reference = Reference::embedded();
    let doc = Document::new("seeds", text.clone());

    let mut g = c.benchmark_group("page");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_function("candidate scan (find_mentions)", |b| {
        b.iter(|| find_mentions(black_box(&text), &|_| hint, Reading::Page))
    });
    g.bench_function("extract + attribute (extract_claims)", |b| {
        b.iter(|| extract_claims(black_box(&doc), reference, &ReadOptions::default()))
    });
    g.bench_function("whole page (audit_document)", |b| {
        b.iter(|| audit_document(black_box(&doc), reference, &ReadOptions::default()))
    });
    g.finish();

    let numbers = [
        "4006065500",
        "02161959999",
        "13800138999",
        "40060655001",
        "008613800138999",
    ];
    c.bench_function("validation (parse_national, 5 numbers)", |b| {
        b.iter(|| {
            for n in numbers {
                black_box(parse_national(black_box(n), cn));
            }
        })
    });
}

criterion_group!(hot, benches);
criterion_main!(hot);
