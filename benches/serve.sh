#!/usr/bin/env bash
# Measures `placard serve`'s edit-to-visible latency on synthetic corpora (examples/corpus.rs):
# for each size, 20 edits to one person's English prose, each timed from the file write until
# the server has the new site and pushes the reload; median and maximum are printed, with the
# rebuild time alone. See examples/serve_latency.rs.
#
# Usage: benches/serve.sh [SIZE...]        e.g. benches/serve.sh 300 3000   (default: 3000 30000)
#   BENCH_DIR    where corpora go (default /tmp/placard-bench; shared with benches/build.sh)
#   EDITS        edits per size (default 20)
#   DEBOUNCE_MS  the watcher's quiet time before a rebuild (default 10, as `placard serve`)
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bench_dir=${BENCH_DIR:-/tmp/placard-bench}
edits=${EDITS:-20}
debounce=${DEBOUNCE_MS:-10}
target_dir=${CARGO_TARGET_DIR:-$repo/target}

sizes=("$@")
if ((${#sizes[@]} == 0)); then
    sizes=(3000 30000)
fi
for n in "${sizes[@]}" "$edits" "$debounce"; do
    if ! [[ $n =~ ^[0-9]+$ ]]; then
        echo "error: '$n' is not a whole number" >&2
        exit 2
    fi
done

echo "== building the corpus generator and the latency probe (release)" >&2
(cd "$repo" && cargo build --release --quiet --example corpus --example serve_latency)
corpus=$target_dir/release/examples/corpus
probe=$target_dir/release/examples/serve_latency
mkdir -p "$bench_dir"
# A corpus is reused only if it was made by the current generator (as benches/build.sh does).
stamp=$(sha256sum "$repo/examples/corpus.rs" | cut -c1-16)

for n in "${sizes[@]}"; do
    root=$bench_dir/corpus-$n
    made_by=
    if [[ -f $root/.corpus-stamp ]]; then
        made_by=$(<"$root/.corpus-stamp")
    fi
    if [[ ! -f $root/content/site.toml || $made_by != "$stamp" ]]; then
        echo "== generating $root" >&2
        rm -rf "$root" "$root.tmp"
        "$corpus" --docs "$n" --out "$root.tmp" >&2
        echo "$stamp" >"$root.tmp/.corpus-stamp"
        mv "$root.tmp" "$root"
    fi
    docs=$(find "$root/content" -type f -name '*.md' | wc -l)
    echo
    echo "== $n ($docs Markdown documents), $(nproc) CPUs"
    "$probe" --root "$root" --edits "$edits" --debounce-ms "$debounce"
done
