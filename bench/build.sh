#!/usr/bin/env bash
# Whole-build benchmark. Generates sites of the given sizes (default 200,
# 2000 and 20000 items) with gen-corpus, builds each with the release binary
# and reports wall time, items/s, MB/s, peak memory, output and index sizes,
# the share of each stage and of the time outside Pagefind, the first-query
# download, CLI search latency and, for 2,000 items, how long `serve` takes
# to show an edited item. BENCH_DIR=DIR keeps the sites there (the 20,000
# item site is about 500 MB of Markdown and 2.5 GB of output) instead of a
# new temporary folder.
#
#     bench/build.sh [SIZES...]        e.g. bench/build.sh 200 2000
#
# Results go to stdout as Markdown; BENCHMARKS.md holds the figures we got.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --bins >&2
BIN=$PWD/target/release/clearhouse
GEN=$PWD/target/release/gen-corpus
WORK=${BENCH_DIR:-$(mktemp -d)}
SIZES=("$@")
[ ${#SIZES[@]} -gt 0 ] || SIZES=(200 2000 20000)
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; $(date -u +%Y-%m-%d)"
echo
for n in "${SIZES[@]}"; do
  site=$WORK/site-$n
  rm -rf "$site"
  "$GEN" --items "$n" --out "$site" --seed 42 >/dev/null
  md_bytes=$(du -sb "$site/content" | cut -f1)
  log=$WORK/build-$n.log
  /usr/bin/time -v "$BIN" --root "$site" --quiet build --timings >"$log" 2>"$log.time"
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$log.time")
  secs=$(python3 -c "p='$wall'.split(':'); print(sum(float(x)*60**i for i,x in enumerate(reversed(p))))")
  rss_kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$log.time")
  out_bytes=$(du -sb "$site/public" | cut -f1)
  pf_bytes=$(du -sb "$site/public/pagefind" | cut -f1)
  tv_bytes=$(du -sb "$site/.clearhouse/index" | cut -f1)
  echo "## $n items"
  echo
  python3 - "$n" "$md_bytes" "$secs" "$rss_kb" "$out_bytes" "$pf_bytes" "$tv_bytes" <<'PY'
import sys
n, md, secs, rss, out, pf, tv = sys.argv[1:]
n, md, secs, rss, out, pf, tv = int(n), int(md), float(secs), int(rss), int(out), int(pf), int(tv)
print(f"| measure | value |\n|---|---|")
print(f"| Markdown in | {md/1e6:.1f} MB |")
print(f"| wall time | {secs:.1f} s |")
print(f"| items/s | {n/secs:.0f} |")
print(f"| MB/s (Markdown) | {md/1e6/secs:.2f} |")
print(f"| peak resident memory | {rss/1024/1024:.2f} GiB |")
print(f"| output size | {out/1e6:.1f} MB |")
print(f"| Pagefind bundle | {pf/1e6:.1f} MB |")
print(f"| tantivy index | {tv/1e6:.1f} MB |")
PY
  echo
  echo '```'
  grep -E ' s +[0-9.]+ %|total' "$log" || true
  echo '```'
  # Pagefind indexes beside rendering, tantivy and the scans, so the time
  # outside it is the wall time minus its span: clearhouse's own stages on
  # the critical path (load, gate, the render before the first page
  # reaches Pagefind, the scan of Pagefind's files, write).
  python3 - "$log" "$secs" <<'PY'
import re, sys
log, wall = sys.argv[1], float(sys.argv[2])
stages = {m.group(1).strip(): float(m.group(2)) for m in re.finditer(r"^\s*(.+?)\s+([0-9.]+) s", open(log).read(), re.M)}
pf = stages.get("pagefind", 0.0)
print(f"\nOutside Pagefind: {wall - pf:.1f} s of {wall:.1f} s wall ({100 * (wall - pf) / wall:.0f} %); Pagefind {pf:.1f} s "
      f"(adding pages {stages.get('pagefind: add pages', 0):.1f} s, building files {stages.get('pagefind: build files', 0):.1f} s)")
PY
  # First-query download: what a browser fetches for one search: the
  # scripts and the wasm once, then from every bundle (a large site has
  # several, merged in the browser) its entry, metadata and one index
  # chunk, and five result fragments. Which chunk depends on the words
  # searched, so both the typical (median chunk and fragments) and the
  # worst case (largest) are reported. search.js also asks for the filter
  # counts at once, which loads every bundle's filter files.
  python3 - "$site/public/pagefind" <<'PY'
import os, sys, glob, statistics
d = sys.argv[1]
size = os.path.getsize
shards = [d] + sorted(glob.glob(os.path.join(d, "shard-*")))
base = sum(size(os.path.join(d, p)) for p in ["pagefind.js", "pagefind-worker.js"] if os.path.exists(os.path.join(d, p)))
wasm = glob.glob(os.path.join(d, "wasm.en*.pagefind")) or glob.glob(os.path.join(d, "wasm.*.pagefind"))
base += size(wasm[0]) if wasm else 0
typical = worst = base
frags = []
filters = 0
chunks = 0
for s in shards:
    fixed = size(os.path.join(s, "pagefind-entry.json"))
    fixed += max((size(p) for p in glob.glob(os.path.join(s, "pagefind.*.pf_meta"))), default=0)
    index = sorted(size(p) for p in glob.glob(os.path.join(s, "index", "*.pf_index")))
    chunks += len(index)
    typical += fixed + statistics.median(index)
    worst += fixed + index[-1]
    frags += [size(p) for p in glob.glob(os.path.join(s, "fragment", "*.pf_fragment"))]
    filters += sum(size(p) for p in glob.glob(os.path.join(s, "filter", "*.pf_filter")))
frags.sort()
typical += 5 * statistics.median(frags)
worst += sum(frags[-5:])
print(f"\nFirst query download with {len(shards)} bundle(s): typical {typical/1024:.0f} KiB (median index chunk and fragments), worst case {worst/1024:.0f} KiB (largest chunk of each bundle, five largest fragments), plus {filters/1024:.0f} KiB of filter files for the counts; {chunks} index chunks, {len(frags)} fragments")
PY
  # CLI search latency (whole process, index already built).
  python3 - "$BIN" "$site" <<'PY'
import subprocess, sys, time, statistics
binary, site = sys.argv[1:]
words = ["neglect", "brought", "chronology", "supervision", "housing", "school", "referral", "plan", "drinking", "debts"]
times = []
for i in range(50):
    start = time.perf_counter()
    subprocess.run([binary, "--root", site, "search", words[i % len(words)], "--limit", "10"], stdout=subprocess.DEVNULL, check=True)
    times.append((time.perf_counter() - start) * 1000)
print(f"CLI search latency over 50 queries: p50 {statistics.median(times):.1f} ms, p90 {sorted(times)[44]:.1f} ms")
PY
  if [ "$n" = 2000 ]; then
    python3 - "$BIN" "$site" <<'PY'
import subprocess, sys, time, urllib.request, glob, os
binary, site = sys.argv[1:]
proc = subprocess.Popen([binary, "--root", site, "--quiet", "serve", "--port", "0"], stdout=subprocess.PIPE, text=True)
try:
    line = proc.stdout.readline()
    address = [w for w in line.split() if w.startswith("http://")][0]
    item = sorted(glob.glob(os.path.join(site, "content", "summaries", "*.md")))[0]
    slug = os.path.basename(item)[:-3]
    samples = []
    for round in range(5):
        text = open(item).read()
        marker = f"Edited for timing {round}"
        start = time.perf_counter()
        with open(item, "w") as f:
            f.write(text.replace('title = "', f'title = "{marker} ', 1))
        while True:
            page = urllib.request.urlopen(f"{address}learning/{slug}/").read().decode()
            if marker in page:
                break
            time.sleep(0.005)
        samples.append((time.perf_counter() - start) * 1000)
        time.sleep(0.3)
    samples.sort()
    print(f"serve: edited item shown after {samples[len(samples)//2]:.0f} ms (median of 5; min {samples[0]:.0f}, max {samples[-1]:.0f})")
finally:
    proc.kill()
PY
  fi
  echo
done
