#!/usr/bin/env bash
# Kills builds with SIGKILL at random moments and checks, each time, that the previous
# output is complete and unchanged (same checksums), and that the next build cleans up
# what the killed one left behind.
#
#   scripts/kill-test.sh [KILLS] [DOCS]      (defaults: 10 kills, the ~3,000-document corpus)
#
# Needs the release binary and the corpus generator (cargo builds both).
set -euo pipefail

kills=${1:-10}
docs=${2:-3000}
work=${KILL_DIR:-/tmp/placard-kill}
root="$work/corpus-$docs"
out="$work/public"

cd "$(dirname "$0")/.."
cargo build --release --quiet --example corpus
cargo build --release --quiet
bin=target/release/placard

mkdir -p "$work"
if [ ! -d "$root/content" ]; then
  cargo run --release --quiet --example corpus -- --docs "$docs" --out "$root" >/dev/null
fi

sums() { (cd "$out" && find . -type f -print0 | sort -z | xargs -0 sha256sum) | sha256sum | cut -d' ' -f1; }

rm -rf "$out" "$work"/.public.*
"$bin" build --root "$root" --output "$out" --today 2026-11-26 >/dev/null 2>&1
expected=$(sums)
files=$(find "$out" -type f | wc -l)
echo "previous site: $files files, checksum ${expected:0:16}"

# How long a full build takes, to spread the kills over it.
start=$(date +%s%N)
"$bin" build --root "$root" --output "$out" --today 2026-11-26 >/dev/null 2>&1
full_ms=$(( ($(date +%s%N) - start) / 1000000 ))
expected=$(sums)
echo "a full build takes ${full_ms} ms"

intact=0
for i in $(seq 1 "$kills"); do
  # Odd kills anywhere in the build; even ones in its last 15%, where the new site is
  # written and swapped in.
  if (( i % 2 )); then
    delay_ms=$(( RANDOM % (full_ms + 1) ))
  else
    delay_ms=$(( full_ms * 85 / 100 + RANDOM % (full_ms * 15 / 100 + 1) ))
  fi
  # A different --today makes the new site differ from the previous one, so a partial swap
  # would show in the checksums.
  "$bin" build --root "$root" --output "$out" --today 2027-01-0$(( i % 9 + 1 )) >/dev/null 2>&1 &
  pid=$!
  sleep "$(printf '0.%03d' "$delay_ms")" 2>/dev/null || sleep "$(awk "BEGIN{print $delay_ms/1000}")"
  if kill -9 "$pid" 2>/dev/null; then state="killed at ${delay_ms} ms"; else state="finished before ${delay_ms} ms"; fi
  wait "$pid" 2>/dev/null || true
  now=$(sums)
  if [ "$state" = "finished before ${delay_ms} ms" ]; then
    # The build completed: the new site is in place; it becomes the one to protect.
    expected=$now
    echo "kill $i: $state; new site complete"
    intact=$((intact + 1))
  elif [ "$now" = "$expected" ]; then
    echo "kill $i: $state; previous site intact"
    intact=$((intact + 1))
  else
    echo "kill $i: $state; OUTPUT CHANGED" >&2
  fi
  leftovers=$(find "$work" -maxdepth 1 -name '.public.placard-*' | wc -l)
  echo "        temporary folders left by the kill: $leftovers"
done

# Kills while the new site is being written: as soon as its temporary folder appears.
write_kills=${WRITE_KILLS:-5}
for i in $(seq 1 "$write_kills"); do
  "$bin" build --root "$root" --output "$out" --today 2027-02-0$(( i % 9 + 1 )) >/dev/null 2>&1 &
  pid=$!
  while kill -0 "$pid" 2>/dev/null && [ -z "$(find "$work" -maxdepth 1 -name '.public.placard-new-*' -print -quit)" ]; do
    sleep 0.002
  done
  sleep "0.0$(( RANDOM % 9 ))"
  if kill -9 "$pid" 2>/dev/null; then state="killed while writing"; else state="finished first"; fi
  wait "$pid" 2>/dev/null || true
  now=$(sums)
  leftovers=$(find "$work" -maxdepth 1 -name '.public.placard-*' | wc -l)
  if [ "$state" = "finished first" ]; then
    expected=$now; intact=$((intact + 1)); echo "write kill $i: $state; new site complete"
  elif [ "$now" = "$expected" ]; then
    intact=$((intact + 1)); echo "write kill $i: $state; previous site intact; $leftovers temporary folder(s) left"
  else
    echo "write kill $i: $state; OUTPUT CHANGED" >&2
  fi
done
kills=$((kills + write_kills))

"$bin" build --root "$root" --output "$out" --today 2026-11-26 >/dev/null 2>&1
leftovers=$(find "$work" -maxdepth 1 -name '.public.placard-*' | wc -l)
echo "after the next good build: $leftovers temporary folders left"
echo "kill test: $intact of $kills intact"
[ "$intact" -eq "$kills" ] && [ "$leftovers" -eq 0 ]
