"""Sums a `perf report --sort dso,sym` of the amigo process by kind of work (see profile.sh); argv[1]: sampling Hz."""
import collections, re, sys

hz = float(sys.argv[1])
line_re = re.compile(r"^\s*([\d.]+)%\s+(\d+)\s+(.+?)\s+\[(.)\]\s+(.*)$")
kinds, symbols, namespaces = collections.Counter(), collections.Counter(), collections.Counter()
total = 0
for line in sys.stdin:
    m = line_re.match(line)
    if not m:
        continue
    samples, dso, sym = int(m.group(2)), m.group(3), m.group(5).strip()
    total += samples
    tier = re.search(r"\[(Tier0|Tier1|OSR|QuickJitted|Instrumented Tier0|Instrumented Tier1|Optimized|OptimizedTier1|PreJIT|ReadyToRun|MinOptJitted|Tier1-OSR|[A-Za-z0-9 -]+)\]\s*$", sym)
    if dso == "libclrjit.so":
        kind = "JIT compiler (libclrjit)"
    elif dso == "libcoreclr.so":
        kind = "runtime: GC" if re.search(r"\b(WKS|SVR)::|gc_heap|GCHeap|\bgc_|Gc[A-Z]|mark_|plan_phase|relocate|memclr", sym) else "runtime: type loading, stubs, other"
    elif dso.startswith("[kernel"):
        kind = "kernel (sockets, syscalls, page faults)"
    elif (dso.startswith("perf-") and dso.endswith(".map")) or dso.startswith("[JIT]") or dso.startswith("memfd:doublemapper"):
        t = tier.group(1) if tier else "?"
        kind = f"JIT-compiled code [{t}]"
        name = re.sub(r"\[[^\]]*\]\s*$", "", sym)
        ns = re.match(r"(?:instance |static )?(?:[\w.<>`,\[\] ]+ )?([A-Za-z_][\w]*(?:\.[A-Za-z_][\w]*){0,2})", name)
        namespaces[ns.group(1) if ns else "?"] += samples
    elif dso.endswith(".dll"):
        kind = "precompiled (ReadyToRun) code in " + ("framework" if dso.startswith("System.") or dso.startswith("Microsoft.") else "other") + " assemblies"
        namespaces[dso] += samples
    elif dso.endswith(".so") or ".so." in dso:
        kind = "native libraries (libc, System.Native, ssl)"
    else:
        kind = "other: " + dso
    kinds[kind] += samples
    symbols[f"{dso} {sym}"] += samples

jit_with_callees = float(sys.argv[2]) if len(sys.argv) > 2 else None
print(f"{total} samples at {hz:.0f} Hz = {total / hz:.2f} CPU-s in the amigo process (start-up included)")
print(f"{'kind':<62} {'CPU-s':>7} {'share':>7}")
for kind, n in kinds.most_common():
    print(f"{kind:<62} {n / hz:7.2f} {100 * n / total:6.1f} %")
if jit_with_callees is not None:
    print(f"{'JIT compiler with the runtime work it calls (type loading, tokens)':<62} {jit_with_callees / 100 * total / hz:7.2f} {jit_with_callees:6.1f} %")
print("\nJIT-compiled and precompiled code by namespace / assembly (top 15):")
for ns, n in namespaces.most_common(15):
    print(f"  {ns:<60} {n / hz:7.2f} {100 * n / total:6.1f} %")
print("\nTop 25 symbols:")
for sym, n in symbols.most_common(25):
    print(f"  {100 * n / total:5.1f} %  {sym[:150]}")
