#!/usr/bin/env bash
# Side by side on the same text: clearhouse's whole build (gate, pages,
# tantivy, Pagefind, post-build scan) against Zola without search plus the
# Pagefind CLI over Zola's pages, in interleaved rounds on one machine.
#
#     bench/compare.sh [ITEMS] [ROUNDS]        defaults: 2000 items, 3 rounds
#
# The corpus is gen-corpus's heavy profile (about 35 KB an item, strategies
# with paragraph-long CLEAR components), or PROFILE=standard for the lighter
# default one; Zola gets its `--plain` twin, whose
# pages carry the same body, strategy and effective-practice text. Zola and
# the Pagefind CLI are not in this repository and nothing else depends on
# them: ZOLA (default /tmp/zola) and PAGEFIND (default the npm package's
# binary under /tmp/pf) name them, and each is skipped with a message when
# missing. ../shared/anchors/README.md says how to get both.
#
# Prints Markdown: the machine, its load before and after, and per tool the
# median wall time and peak resident memory over the rounds, then the ratio
# the performance targets are stated in. BENCH_DIR=DIR keeps the sites.
# BEFORE=BINARY runs another clearhouse build (an older commit's) in the same
# rounds, on a copy of the site, for a before/after in one run.
#
# Every clearhouse build (and BEFORE's) is cold: the site's `.clearhouse`
# folder, which holds the tantivy index and the fingerprint that lets a build
# skip rebuilding it, is deleted before each one along with `public/`. A
# user's first build, and any build after an edit to an item, rebuilds the
# index, so a round that reused round 1's index would time a build no user
# makes.
set -euo pipefail
cd "$(dirname "$0")/.."
ITEMS=${1:-2000}
ROUNDS=${2:-3}
PROFILE=${PROFILE:-heavy}
BEFORE=${BEFORE:-}
ZOLA=${ZOLA:-/tmp/zola}
PAGEFIND=${PAGEFIND:-/tmp/pf/node_modules/@pagefind/linux-x64/bin/pagefind_extended}
cargo build --release --bins >&2
BIN=$PWD/target/release/clearhouse
GEN=$PWD/target/release/gen-corpus
WORK=${BENCH_DIR:-$(mktemp -d)}
site=$WORK/site
plain=$WORK/site-plain
rm -rf "$site" "$plain"
"$GEN" --items "$ITEMS" --out "$site" --seed 42 --profile "$PROFILE" --plain >/dev/null
before_site=$WORK/site-before
rm -rf "$before_site"
[ -z "$BEFORE" ] || cp -r "$site" "$before_site"

have_zola=1
have_pagefind=1
[ -x "$ZOLA" ] || { have_zola=0; echo "Zola not found at $ZOLA: skipped (see ../shared/anchors/README.md)" >&2; }
[ -x "$PAGEFIND" ] || { have_pagefind=0; echo "Pagefind CLI not found at $PAGEFIND: skipped (npm install --prefix /tmp/pf pagefind@1.6.0)" >&2; }
[ "$have_zola" = 1 ] || have_pagefind=0

# A minimal Zola site over the plain twin: every page under one section,
# each page's text in <main> as Pagefind reads it.
if [ "$have_zola" = 1 ]; then
  mkdir -p "$plain/templates"
  cat >"$plain/config.toml" <<'TOML'
base_url = "https://zola.example.scot"
compile_sass = false
build_search_index = false
TOML
  printf '+++\ntitle = "Learning"\nsort_by = "date"\n+++\n' >"$plain/content/_index.md"
  cat >"$plain/templates/base.html" <<'HTML'
<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>{% block title %}{% endblock %}</title></head>
<body><main>{% block main %}{% endblock %}</main></body></html>
HTML
  cat >"$plain/templates/page.html" <<'HTML'
{% extends "base.html" %}{% block title %}{{ page.title }}{% endblock %}
{% block main %}<h1>{{ page.title }}</h1>{{ page.content | safe }}{% endblock %}
HTML
  cat >"$plain/templates/index.html" <<'HTML'
{% extends "base.html" %}{% block title %}{{ section.title }}{% endblock %}
{% block main %}<ul>{% for page in section.pages %}<li><a href="{{ page.permalink }}">{{ page.title }}</a></li>{% endfor %}</ul>{% endblock %}
HTML
  cp "$plain/templates/index.html" "$plain/templates/section.html"
fi

# One timed run: wall seconds, peak RSS in KiB and CPU seconds (user +
# system), appended to $WORK/$1.tsv. CPU time is the steadier figure on a
# shared machine: other work lengthens wall time far more than it does CPU.
run() {
  local name=$1
  shift
  /usr/bin/time -f "%e	%M	%U	%S" -o "$WORK/time.tmp" "$@" >"$WORK/$name.log" 2>&1
  cat "$WORK/time.tmp" >>"$WORK/$name.tsv"
}

rm -f "$WORK"/*.tsv
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
for round in $(seq 1 "$ROUNDS"); do
  echo "round $round of $ROUNDS" >&2
  rm -rf "$site/public" "$site/.clearhouse"
  run clearhouse "$BIN" --root "$site" --quiet build
  if [ -n "$BEFORE" ]; then
    rm -rf "$before_site/public" "$before_site/.clearhouse"
    run before "$BEFORE" --root "$before_site" --quiet build
  fi
  if [ "$have_zola" = 1 ]; then
    rm -rf "$plain/public"
    run zola "$ZOLA" --root "$plain" build
  fi
  if [ "$have_pagefind" = 1 ]; then
    rm -rf "$plain/public/pagefind"
    run pagefind "$PAGEFIND" --site "$plain/public"
  fi
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; $(date -u +%Y-%m-%d); load average before $load_before, after $load_after"
echo "clearhouse $(git rev-parse --short HEAD)$([ -z "$BEFORE" ] || echo "; before: $BEFORE")"
echo "corpus: $ITEMS $PROFILE items, $(du -sb "$site/content" | awk '{printf "%.1f MB", $1/1e6}') of Markdown (Zola's twin $(du -sb "$plain/content" | awk '{printf "%.1f MB", $1/1e6}')); $ROUNDS interleaved rounds"
echo
python3 - "$WORK" "$have_zola" "$have_pagefind" "$BEFORE" <<'PY'
import os, statistics, sys
work, have_zola, have_pf = sys.argv[1], sys.argv[2] == "1", sys.argv[3] == "1"
before = sys.argv[4] if len(sys.argv) > 4 else ""
def read(name):
    path = os.path.join(work, name + ".tsv")
    if not os.path.exists(path):
        return None
    rows = [l.split("\t") for l in open(path).read().split("\n") if l.strip()]
    walls = [float(r[0]) for r in rows]
    rss = [int(r[1]) for r in rows]
    cpu = [float(r[2]) + float(r[3]) for r in rows if len(r) >= 4]
    return statistics.median(walls), min(walls), max(walls), max(rss) / 1024 / 1024, statistics.median(cpu) if cpu else float("nan")
rows = [("clearhouse build (gate, pages, tantivy, Pagefind, scans)", read("clearhouse"))]
if before:
    rows.append(("clearhouse build, before (BEFORE)", read("before")))
if have_zola:
    rows.append(("Zola 0.22.1, no search", read("zola")))
if have_pf:
    rows.append(("Pagefind 1.6 CLI over Zola's pages", read("pagefind")))
print("| | wall (median) | range | CPU, user + system (median) | peak memory |\n|---|---|---|---|---|")
for name, r in rows:
    print(f"| {name} | {r[0]:.1f} s | {r[1]:.1f}–{r[2]:.1f} s | {r[4]:.1f} s | {r[3]:.2f} GiB |")
if have_zola and have_pf:
    ch, z, pf = read("clearhouse"), read("zola"), read("pagefind")
    print(f"\nclearhouse / (Zola + Pagefind CLI) = {ch[0]:.1f} / ({z[0]:.1f} + {pf[0]:.1f}) = {ch[0] / (z[0] + pf[0]):.2f} (target ≤ 0.8); in CPU time {ch[4]:.1f} / ({z[4]:.1f} + {pf[4]:.1f}) = {ch[4] / (z[4] + pf[4]):.2f}; clearhouse peak {ch[3]:.2f} GiB (target ≤ 2 GiB)")
PY
