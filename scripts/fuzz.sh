#!/usr/bin/env bash
# Fuzzes the page decoder and the normalizer with libFuzzer for SECONDS (default 60), seeded with the
# hostile-input corpus (Tests/Corpus) and the Warehouse fixtures. Builds only the sources it needs with swiftc
# (-sanitize=fuzzer,address), so it does not wait for the whole package. A crash leaves its input in
# .build/fuzz/crash-* and exits 1: add that input to Tests/Corpus as a case (docs/testing.md, "Fuzzing").
#
#   scripts/fuzz.sh [SECONDS]        FUZZ_JOBS=1 by default; FUZZ_MAX_LEN=65536
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
out=.build/fuzz
mkdir -p "$out/obj" "$out/seeds" "$out/found"

if ! swiftc -sanitize=fuzzer -parse-as-library -o /dev/null - <<<'@_cdecl("LLVMFuzzerTestOneInput") public func f(_ d: UnsafePointer<UInt8>, _ n: Int) -> CInt { 0 }' 2>/dev/null; then
    echo "fuzz: this Swift toolchain has no libFuzzer (-sanitize=fuzzer); skipping" >&2
    exit 0
fi

flags=(-sanitize=fuzzer,address -parse-as-library -Onone -swift-version 6 -I "$out/obj")
module() { # name, sources...
    local name=$1; shift
    swiftc "${flags[@]}" -module-name "$name" -emit-module -emit-module-path "$out/obj/$name.swiftmodule" \
        -wmo -c "$@" -o "$out/obj/$name.o"
}
stamp="$out/obj/stamp"
# Warehouse without its swift-crypto file: Tests/Fuzz/Stubs/KeyDigest.swift stands in (keys are not fuzzed).
warehouse=($(ls Sources/Warehouse/*/*.swift | grep -v '/Keys/KeyDigest.swift$') Tests/Fuzz/Stubs/KeyDigest.swift)
sources=(Sources/ETLCore/*.swift Sources/PartnerCenter/Decoding/*.swift Sources/PartnerCenter/Model/*.swift
    "${warehouse[@]}" Tests/Fuzz/*.swift)
if [[ ! -x "$out/page-decoder-fuzz" || -n "$(find "${sources[@]}" -newer "$stamp" 2>/dev/null | head -1)" ]]; then
    echo "==> building the fuzz target" >&2
    # The linker warns about every ASan helper symbol; the log is shown only when the build fails.
    if ! {
        module ETLCore Sources/ETLCore/*.swift &&
            module PartnerCenter Sources/PartnerCenter/Decoding/*.swift Sources/PartnerCenter/Model/*.swift &&
            module Warehouse "${warehouse[@]}" &&
            swiftc "${flags[@]}" -module-name PageDecoderFuzz Tests/Fuzz/*.swift \
                "$out/obj/ETLCore.o" "$out/obj/PartnerCenter.o" "$out/obj/Warehouse.o" -o "$out/page-decoder-fuzz"
    } > "$out/build.log" 2>&1; then
        grep -v "Cannot export local symbol" "$out/build.log" >&2
        exit 1
    fi
    touch "$stamp"
fi

# Seeds: every body and record of the corpus, and the Warehouse fixtures (file names made unique).
rm -f "$out/seeds"/*
for file in Tests/Corpus/records/*.json Tests/Corpus/pages/*/*.json Tests/WarehouseTests/Fixtures/*.json; do
    [[ -f "$file" && "$(basename "$file")" != case.json ]] || continue
    cp "$file" "$out/seeds/$(echo "$file" | tr '/' '_')"
done

echo "==> fuzzing the page decoder for ${seconds}s" >&2
status=0
ASAN_OPTIONS=detect_leaks=0 "$out/page-decoder-fuzz" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -max_len="${FUZZ_MAX_LEN:-65536}" -artifact_prefix="$out/" -print_final_stats=1 -dict=Tests/Fuzz/json.dict \
    "$out/found" "$out/seeds" 2> "$out/fuzz.log" || status=$?
tail -n 15 "$out/fuzz.log" >&2
if [[ $status -ne 0 ]]; then
    echo "fuzz: the page decoder failed on an input (see $out/fuzz.log; the input is $out/crash-*):" >&2
    echo "      add it to Tests/Corpus as a case, fix, and rerun" >&2
    exit 1
fi
