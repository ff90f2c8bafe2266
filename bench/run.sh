#!/usr/bin/env bash
# Runs every benchmark of ward-audit and writes BENCHMARKS.md.
#
#   bench/run.sh                 # all of it, about 10 minutes on 2 cores
#   RUNS=5 bench/run.sh          # more runs per measurement (medians)
#   CMP_RUNS=15 bench/run.sh     # more runs of each crawler (default 9)
#   SKIP_NATIONAL=1 bench/run.sh # without the 3,321-ward run
#
# Everything is served on 127.0.0.1: synthetic ward sites from bench/kit.rs
# (by nginx, or by the kit itself when latency is added) and the fixture
# sites. Installs what a fresh Debian machine lacks: nginx, wget, GNU time
# (apt) and the spider-rs CLI (cargo install spider_cli). Not part of CI:
# these are measurements, never pass/fail tests.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
RUNS=${RUNS:-3}
# The crawler comparison takes a second or two a run, and is the noisiest:
# with 5 runs, one run of the script put judging 30% behind fetching alone,
# which 9 runs and alternating A/B runs did not reproduce.
CMP_RUNS=${CMP_RUNS:-9}
WORK=${BENCH_WORK:-$(mktemp -d /tmp/ward-audit-bench.XXXXXX)}
OUT=${BENCH_OUT:-$ROOT/BENCHMARKS.md}
AS_OF=2026-11-20
mkdir -p "$WORK"

log() { printf '== %s\n' "$*" >&2; }
apt_install() {
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}
command -v nginx >/dev/null 2>&1 || apt_install nginx
command -v wget >/dev/null 2>&1 || apt_install wget
[ -x /usr/bin/time ] || apt_install time
command -v valgrind >/dev/null 2>&1 || apt_install valgrind
command -v spider >/dev/null 2>&1 || cargo install spider_cli --locked

log "building (release)"
cargo build --release --locked --quiet
cargo build --release --locked --quiet --example bench-kit
WA=$ROOT/target/release/ward-audit
KIT=$ROOT/target/release/examples/bench-kit

PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  [ -f "$WORK/ngx/nginx.pid" ] && kill "$(cat "$WORK/ngx/nginx.pid")" 2>/dev/null || true
}
trap cleanup EXIT

median() { sort -g | awk '{a[NR]=$1} END {if (NR % 2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }
# Runs a command under GNU time; prints "wall-seconds peak-KB".
measure() {
  /usr/bin/time -f '%e %M' -o "$WORK/time.out" "$@" >/dev/null 2>"$WORK/cmd.err" || true
  tail -n 1 "$WORK/time.out"
}
# A field of the first ward of an audit.json.
ward_field() { python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['wards'][0]['crawl'][sys.argv[2]])" "$1" "$2"; }
latest_json() { ls -d "$1"/2026-11-20*/ | tail -n 1 | sed 's:/$:/audit.json:'; }

# ---------------------------------------------------------------- per page
"$KIT" gen --out "$WORK/big" --sites 1 --pages 2000 2>"$WORK/gen-big.log"
log "per-page instructions (callgrind)"
# Instructions of one more reading of a page: (30 readings - 10 readings) / 20,
# so start-up (rule files, regexes) is left out. Counts do not depend on what
# else the machine is doing, unlike times.
instructions() {
  valgrind --tool=callgrind --callgrind-out-file=/dev/null "$KIT" page-cost --page "$1" --step "$2" --times "$3" 2>&1 |
    sed -n 's/.*Collected : //p'
}
per_read() { echo $(( ($(instructions "$1" "$2" 30) - $(instructions "$1" "$2" 10)) / 20 )); }
PER_PAGE_INSTR=$(
  for page in index.html danh-ba.html lich-cong-tac.html tin-tuc/trang-1.html tin-tuc/7.html; do
    file="$WORK/big/site-0000/$page"
    [ -f "$file" ] || continue
    p=$(per_read "$file" parse); l=$(per_read "$file" parse-light)
    f=$(per_read "$file" facts); a=$(per_read "$file" all)
    python3 -c "import sys; p, l, f, a = map(int, sys.argv[2:]); print(f'| \`{sys.argv[1]}\` | {p / 1e6:.2f} | {l / 1e6:.2f} | {f / 1e6:.2f} | {a / 1e6:.2f} | **{a / p:.2f}×** | {a / l:.2f}× |')" "$page" "$p" "$l" "$f" "$a"
  done
)

# The share of the five pages' characters inside <script> and <style>.
RAW_SHARE=$(python3 - "$WORK/big/site-0000" <<'EOF'
import re, sys
pages = ["index.html", "danh-ba.html", "lich-cong-tac.html", "tin-tuc/trang-1.html", "tin-tuc/7.html"]
shares = []
for p in pages:
    html = open(f"{sys.argv[1]}/{p}", encoding="utf-8").read()
    raw = sum(len(m.group(2)) for m in re.finditer(r"<(script|style)[^>]*>(.*?)</\1", html, re.S | re.I))
    shares.append(raw / len(html))
print(f"{min(shares) * 100:.0f}–{max(shares) * 100:.0f}%")
EOF
)

log "per-page times (criterion)"
cargo bench --locked --bench pages -- --noplot >"$WORK/criterion.log" 2>&1
PER_PAGE=$(python3 - "$ROOT/target/criterion" <<'EOF'
import json, os, sys
root = sys.argv[1]
rows = []
for group in sorted(os.listdir(root)):
    def med(name):
        p = os.path.join(root, group, name, "new", "estimates.json")
        return json.load(open(p))["median"]["point_estimate"] / 1000 if os.path.exists(p) else None
    parse, facts, full, rules = med("parse"), med("parse+facts"), med("parse+facts+rules"), med("rules")
    if parse is None:
        continue
    rows.append(f"| `{group.replace('_', '/')}` | {parse:.0f} | {facts:.0f} | {rules:.0f} | {full:.0f} | {full / parse:.2f}× |")
print("\n".join(rows))
EOF
)

# ---------------------------------------------------------------- nginx site
log "a 2,000-page site on nginx"
mkdir -p "$WORK/ngx/logs"
cat >"$WORK/ngx/nginx.conf" <<EOF
worker_processes 2;
pid $WORK/ngx/nginx.pid;
error_log $WORK/ngx/logs/error.log;
events { worker_connections 1024; }
http {
  access_log $WORK/ngx/logs/access.log;
  types { text/html html; image/jpeg jpg; text/plain txt; }
  default_type application/octet-stream;
  server { listen 127.0.0.1:28080; root $WORK/big/site-0000; index index.html; }
}
EOF
nginx -c "$WORK/ngx/nginx.conf" -p "$WORK/ngx"
sleep 0.5
URL=http://127.0.0.1:28080/
ACCESS=$WORK/ngx/logs/access.log
# HTML pages served with 200 (distinct paths) and all requests, from the log.
pages_served() { awk '$9 == 200 && ($7 ~ /\.html$/ || $7 == "/") {print $7}' "$ACCESS" | sort -u | wc -l; }
requests() { wc -l <"$ACCESS"; }

declare -A T PAGES REQS RATE
tools=(wget spider wa wa_nojudge wa_noarchive)
run_tool() {
  case $1 in
    wget) measure wget -r -l inf --spider -q -e robots=off -P "$WORK/wget" "$URL" ;;
    spider) measure spider --url "$URL" crawl -o ;;
    wa) rm -rf "$WORK/wa"; measure "$WA" check "$URL" --config "$WORK/none.toml" --out "$WORK/wa" \
          --as-of "$AS_OF" --exhaustive --max-pages 5000 --per-host 4 --delay-ms 0 --deadline-s 1800 --quiet ;;
    wa_nojudge) rm -rf "$WORK/wa"; measure "$WA" check "$URL" --config "$WORK/none.toml" --out "$WORK/wa" \
          --as-of "$AS_OF" --exhaustive --max-pages 5000 --per-host 4 --delay-ms 0 --deadline-s 1800 --quiet --no-judge ;;
    wa_noarchive) rm -rf "$WORK/wa"; measure "$WA" check "$URL" --config "$WORK/none.toml" --out "$WORK/wa" \
          --as-of "$AS_OF" --exhaustive --max-pages 5000 --per-host 4 --delay-ms 0 --deadline-s 1800 --quiet --no-archive ;;
  esac
}
# Rounds of one run of each crawler in turn, so that a change in the
# machine's load (it is shared) falls on all of them alike.
declare -A TIMES ROUND_PAGES
for _ in $(seq "$CMP_RUNS"); do
  for tool in "${tools[@]}"; do
    : >"$ACCESS"
    read -r secs _kb < <(run_tool "$tool")
    TIMES[$tool]+="$secs "
    ROUND_PAGES[$tool]+="$(pages_served) "
    REQS[$tool]=$(requests)
  done
done
# Rates are taken round by round (a crawler that stopped short in one round
# is not credited with the pages of another).
rates() {
  python3 -c "
import sys
print(' '.join(str(int(p) / float(t)) for p, t in zip(sys.argv[1].split(), sys.argv[2].split())))" \
    "${ROUND_PAGES[$1]}" "${TIMES[$1]}"
}
for tool in "${tools[@]}"; do
  T[$tool]=$(printf '%s\n' ${TIMES[$tool]} | median)
  RATE[$tool]=$(printf '%s\n' $(rates "$tool") | median)
  # The pages of every round, or their range when the rounds differ.
  PAGES[$tool]=$(printf '%s\n' ${ROUND_PAGES[$tool]} | sort -n |
    awk 'NR == 1 {low = $1} {high = $1} END {print (low == high) ? low : low "–" high}')
  log "$tool: ${T[$tool]} s (median of $CMP_RUNS: ${TIMES[$tool]}), pages ${ROUND_PAGES[$tool]}, ${REQS[$tool]} requests"
done
rate() { python3 -c "import sys; print(round(float(sys.argv[1])))" "${RATE[$1]}"; }
ratio() { python3 -c "import sys; print(f'{float(sys.argv[1]) / float(sys.argv[2]):.2f}')" "${RATE[$1]}" "${RATE[$2]}"; }
# The same ratio within each round, then their median and range.
round_ratios() {
  python3 -c "
import statistics, sys
r = sorted(float(a) / float(b) for a, b in zip(sys.argv[1].split(), sys.argv[2].split()))
print(f'{statistics.median(r):.2f}× ({r[0]:.2f}–{r[-1]:.2f})')" "$(rates "$1")" "$(rates "$2")"
}

# ---------------------------------------------------------------- frugal
log "requests to the final verdict"
: >"$ACCESS"
rm -rf "$WORK/frugal"
"$WA" check "$URL" --config "$WORK/none.toml" --out "$WORK/frugal" --as-of "$AS_OF" --delay-ms 0 --quiet
FRUGAL_REQS=$(requests)
FRUGAL_JSON=$(latest_json "$WORK/frugal")
FRUGAL_PAGES=$(ward_field "$FRUGAL_JSON" pages_fetched)
FULL_REQS=${REQS[wa]}
# Every site, fixtures and demo: pages read by the time each present item's
# evidence was found.
FIXTURES=$(
  for dir in "$ROOT"/tests/fixtures/sites/*/ "$ROOT"/demo/sites/*/; do
    [ -f "$dir/site.toml" ] || continue
    "$WA" serve "$dir" >"$WORK/serve.out" 2>&1 &
    pid=$!
    for _ in $(seq 50); do grep -q ' on http' "$WORK/serve.out" && break; sleep 0.1; done
    site_url=$(grep -o 'http://[^ ]*' "$WORK/serve.out" | head -n 1)
    rm -rf "$WORK/fx"
    "$WA" check "$site_url" --config "$WORK/none.toml" --out "$WORK/fx" --as-of "$AS_OF" --delay-ms 0 --quiet || true
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    python3 - "$(latest_json "$WORK/fx")" "$(basename "$dir")" <<'EOF'
import json, sys
w = json.load(open(sys.argv[1]))["wards"][0]
found = w["crawl"]["found_after_pages"]
present = [r["id"] for r in w["requirements"] if r["status"] in ("pass", "partial")]
latest = max((found.get(i) or 0 for i in present), default=0)
print(f"| {sys.argv[2]} | {len(present)} | {latest} | {w['crawl']['pages_fetched']} |")
EOF
  done
)
FIXTURE_MAX=$(printf '%s\n' "$FIXTURES" | awk -F'|' '{v = $4 + 0; if (v > m) m = v} END {print m + 0}')
kill "$(cat "$WORK/ngx/nginx.pid")" 2>/dev/null || true

# ---------------------------------------------------------------- latency
log "19 wards × 300 pages, 50 ms a request"
"$KIT" gen --out "$WORK/lat" --sites 19 --pages 300 --port-base 21000 2>"$WORK/gen-lat.log"
"$KIT" serve --dir "$WORK/lat" --wards 19 --port-base 21000 --latency-ms 50 2>"$WORK/serve-lat.log" &
PIDS+=($!)
sleep 1
lat_times=(); lat_rss=()
for _ in $(seq "$RUNS"); do
  rm -rf "$WORK/latr"
  read -r secs kb < <(measure "$WA" run --config "$WORK/lat/wards.toml" --out "$WORK/latr" --as-of "$AS_OF" \
    --exhaustive --max-pages 300 --per-host 2 --delay-ms 0 --jobs 19 --quiet)
  lat_times+=("$secs"); lat_rss+=("$kb")
done
LAT_T=$(printf '%s\n' "${lat_times[@]}" | median)
LAT_RSS=$(printf '%s\n' "${lat_rss[@]}" | median)
LAT_MAX_PAGES=$(python3 -c "import json,sys; print(max(w['crawl']['pages_fetched'] for w in json.load(open(sys.argv[1]))['wards']))" "$(latest_json "$WORK/latr")")
LAT_BOUND=$(python3 -c "import sys; print(round(int(sys.argv[1]) / 2 * 0.05, 2))" "$LAT_MAX_PAGES")
LAT_RATIO=$(python3 -c "import sys; print(f'{float(sys.argv[1]) / float(sys.argv[2]):.2f}')" "$LAT_T" "$LAT_BOUND")
kill "${PIDS[-1]}" 2>/dev/null || true

# ---------------------------------------------------------------- national
if [ -z "${SKIP_NATIONAL:-}" ]; then
  log "3,321 wards × 50 pages"
  "$KIT" gen --out "$WORK/nat" --sites 50 --pages 50 --wards 3321 --port-base 10000 2>"$WORK/gen-nat.log"
  ulimit -n 65536 2>/dev/null || true
  "$KIT" serve --dir "$WORK/nat" --wards 3321 --port-base 10000 2>"$WORK/serve-nat.log" &
  PIDS+=($!)
  sleep 3
  rm -rf "$WORK/natr"
  read -r NAT_T NAT_RSS < <(measure "$WA" run --config "$WORK/nat/wards.toml" --out "$WORK/natr" --as-of "$AS_OF" \
    --exhaustive --max-pages 50 --per-host 2 --delay-ms 0 --jobs 32 --quiet)
  NAT_PAGES=$(python3 -c "import json,sys; print(sum(w['crawl']['pages_fetched'] for w in json.load(open(sys.argv[1]))['wards']))" "$(latest_json "$WORK/natr")")
  NAT_ARCHIVE=$(du -h "$(dirname "$(latest_json "$WORK/natr")")/archive.warc.gz" | cut -f1)
  kill "${PIDS[-1]}" 2>/dev/null || true
  rm -rf "$WORK/natr" "$WORK/nat"
else
  NAT_T="not run"; NAT_RSS=0; NAT_PAGES="–"; NAT_ARCHIVE="–"
fi

mib() { python3 -c "import sys; print(round(int(sys.argv[1]) / 1024, 1))" "$1"; }

# ---------------------------------------------------------------- report
log "writing $OUT"
CPU=$(lscpu | sed -n 's/^Model name: *//p' | head -n 1)
cat >"$OUT" <<EOF
# Benchmarks

Written by \`bench/run.sh\` on $(date -u +%Y-%m-%d). Every number is the
median of $RUNS runs unless said otherwise; ratios are measured side by side in
the same run. Nothing here is a test: machines differ, and these are shared
and noisy. Rerun the script to refresh this file.

## Machine and versions

| | |
|---|---|
| CPU | $CPU, $(nproc) cores |
| memory | $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo) |
| ward-audit | $("$WA" --version) (release build, evidence archive on) |
| rustc | $(rustc --version) |
| nginx | $(nginx -v 2>&1 | sed 's/nginx version: //') |
| wget | $(wget --version | head -n 1) |
| spider-rs CLI | $(spider --version) |

The sites are synthetic ward sites from \`bench/kit.rs\` (\`bench/synth.rs\`):
30–90 KB pages with a full menu, a news sidebar, inline styles and scripts
and about 30 links each; each of the eight items is present on about four
sites in five. The 2,000-page site: $(tail -n 1 "$WORK/gen-big.log" | sed "s/, in .*//").

## Per-page CPU

Instructions (millions) for one more reading of a page of the 2,000-page
site, counted by callgrind (\`bench-kit page-cost\` run 30 and 10 times, the
difference ÷ 20). Counts are repeatable whatever else the machine does.
*Parse* is a bare \`scraper::Html::parse_document\` of the page as served,
the floor the target is set against. ward-audit itself parses less: it drops
the content of \`<script>\` and \`<style>\` elements first
(\`crawl::rawtext\`), which nothing it reads is in; *parse, scripts emptied*
is a bare parse of that lighter page. *Parse + facts* is ward-audit's whole
reading of a page into \`PageFacts\` (that scan included); *all* adds the
evaluation of all eight rules, as the crawler pays them. The last column is
what ward-audit adds to the parse it does: on a page with no inline script
or style, *all ÷ parse* would be about that. On these pages scripts and
styles are $RAW_SHARE of the characters.

| page | parse | parse, scripts emptied | parse + facts | all | all ÷ parse | all ÷ emptied parse |
|---|---:|---:|---:|---:|---:|---:|
$PER_PAGE_INSTR

The same in time: \`cargo bench --bench pages\` (criterion, pages of
\`synth::site(0, 60)\`), microseconds per page, median; *rules* alone is the
evaluation on ready facts. Times on this shared machine move by a third
or more from run to run (on a busy day one column can even exceed the
next); read the instruction ratios above.

| page | parse | parse + facts | rules | all | all ÷ parse |
|---|---:|---:|---:|---:|---:|
$PER_PAGE

Target: all within 1.5× the bare parse.

## Against other crawlers on one 2,000-page site

One synthetic site of $(find "$WORK/big/site-0000" -name '*.html' | wc -l) pages served by nginx on 127.0.0.1, each
crawler run $CMP_RUNS times (medians), in rounds of one run of each in turn
so that the machine's load falls on all of them alike.
Pages are the distinct HTML pages nginx served with 200 (a range when the
rounds differ); requests are every line of its access log (last round);
pages/s is the median of each round's pages ÷ seconds.

| crawler | command | seconds | pages | requests | pages/s |
|---|---|---:|---:|---:|---:|
| wget | \`wget -r -l inf --spider -e robots=off\` | ${T[wget]} | ${PAGES[wget]} | ${REQS[wget]} | $(rate wget) |
| spider-rs | \`spider --url URL crawl -o\` | ${T[spider]} | ${PAGES[spider]} | ${REQS[spider]} | $(rate spider) |
| ward-audit, every page judged | \`ward-audit check URL --exhaustive --max-pages 5000 --per-host 4 --delay-ms 0\` | ${T[wa]} | ${PAGES[wa]} | ${REQS[wa]} | $(rate wa) |
| ward-audit, fetching without judging | the same with \`--no-judge\` | ${T[wa_nojudge]} | ${PAGES[wa_nojudge]} | ${REQS[wa_nojudge]} | $(rate wa_nojudge) |
| ward-audit, every page judged, no evidence archive | the same with \`--no-archive\` | ${T[wa_noarchive]} | ${PAGES[wa_noarchive]} | ${REQS[wa_noarchive]} | $(rate wa_noarchive) |

- ward-audit judging ÷ wget: **$(ratio wa wget)×** (target ≥ 2×); round by
  round, $(round_ratios wa wget).
- ward-audit judging ÷ spider-rs: **$(ratio wa spider)×** (target ≥ 1×); round
  by round, $(round_ratios wa spider).
- judging ÷ fetching alone: $(ratio wa wa_nojudge)×.
- judging without the evidence archive (not how users run it: the issue
  asks for the archive on) ÷ spider-rs: $(ratio wa_noarchive spider)×; round
  by round, $(round_ratios wa_noarchive spider). With the archive ÷ without:
  $(ratio wa wa_noarchive)×. The archive's SHA-1 digest and deflate of
  every page are the difference.

## Requests to the final verdict

On the same 2,000-page site, ward-audit as users run it (early stop, 2
requests at a time; \`--delay-ms 0\`, which changes no count): **$FRUGAL_REQS
requests** (robots.txt, sitemap, document checks included) and
$FRUGAL_PAGES pages, against $FULL_REQS requests for the full crawl above:
**$(python3 -c "import sys; print(f'{int(sys.argv[1]) / int(sys.argv[2]):.3f}')" "$FRUGAL_REQS" "$FULL_REQS")** of it (target ≤ 0.1).

On the fixture and demo ward sites, the pages read when the evidence of the
last present item was found (\`found_after_pages\`; target ≤ 40):

| site | items present | last found after (pages) | pages read |
|---|---:|---:|---:|
$FIXTURES

Largest: **$FIXTURE_MAX** pages.

## Latency-bound: 19 wards × 300 pages, 50 ms a request

\`bench-kit serve --latency-ms 50\` adds 50 ms to every request;
\`ward-audit run --exhaustive --max-pages 300 --per-host 2 --delay-ms 0 --jobs 19\`.
The politeness bound is the slowest ward's pages ÷ 2 requests at a time ×
50 ms = $LAT_MAX_PAGES ÷ 2 × 0.05 s = **$LAT_BOUND s**.

| wall time | ÷ bound (target ≤ 1.3) | peak RSS (target ≤ 64 MiB) |
|---:|---:|---:|
| $LAT_T s | **$LAT_RATIO** | **$(mib "$LAT_RSS") MiB** |

## National scale: 3,321 wards × 50 pages

Each ward on its own port of 127.0.0.1 (50 distinct synthetic sites behind
them), \`ward-audit run --exhaustive --max-pages 50 --per-host 2
--delay-ms 0 --jobs 32\`, one run, peak RSS by \`/usr/bin/time -v\`.

| wall time | pages | archive | peak RSS (target ≤ 256 MiB) |
|---:|---:|---:|---:|
| $NAT_T s | $NAT_PAGES | $NAT_ARCHIVE | **$(mib "$NAT_RSS") MiB** |

EOF
cat "$ROOT/bench/FINDINGS.md" >>"$OUT"
log "done: $OUT (work files in $WORK)"
