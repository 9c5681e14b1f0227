"""PNG charts for bench/compare results (matplotlib, Debian python3-matplotlib)."""
import os

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

COLORS = {"redis": "#d62728", "larder-resp": "#1f77b4", "memcached": "#2ca02c", "larder-mc": "#17becf"}
LABELS = {"redis": "redis-server", "larder-resp": "Larder (RESP)", "memcached": "memcached",
          "larder-mc": "Larder (memcached text)"}


def _sort_key(name):
    parts = name.split("_")
    num = lambda s: int(s[1:]) if len(s) > 1 and s[1:].isdigit() else 0  # noqa: E731
    return (num(parts[2]) if len(parts) > 2 else 0, num(parts[1]) if len(parts) > 1 else 0, parts[0],
            parts[3] if len(parts) > 3 else "")


def _bars(ax, cases, targets, value, fmt_scale=1e3, log=False):
    n = len(targets)
    width = 0.8 / max(1, n)
    for i, t in enumerate(targets):
        ys = [value(c, t) or 0 for c in cases]
        xs = [j + (i - (n - 1) / 2) * width for j in range(len(cases))]
        ax.bar(xs, [y / fmt_scale for y in ys], width, label=LABELS.get(t, t), color=COLORS.get(t))
    if n == 2 and not log:  # annotate the second (Larder) bar with its ratio to the first (peer)
        for j, c in enumerate(cases):
            a, b = value(c, targets[0]), value(c, targets[1])
            if a and b:
                ax.annotate(f"×{b / a:.2f}", (j + width / 2, b / fmt_scale), ha="center", va="bottom", fontsize=7)
    ax.set_xticks(range(len(cases)))
    ax.set_xticklabels(cases, rotation=45, ha="right", fontsize=8)
    if log:
        ax.set_yscale("log")
    ax.grid(axis="y", alpha=0.3)
    ax.legend(fontsize=8)


def draw(doc, out, stem):
    os.makedirs(out, exist_ok=True)
    rows = doc["results"]
    written = []
    machine = doc.get("machine", {})
    subtitle = (f"{machine.get('cpus_usable', '?')} CPUs ({machine.get('cpu_model', '')}), "
                f"median of {doc['settings']['reps']}, {doc['date'][:10]}")
    for threads in sorted({r["threads"] for r in rows}):
        lb = {(r["case"], r["target"]): r for r in rows if r["threads"] == threads and r["tool"] == "larder-bench"}
        if not lb:
            continue
        cases = sorted({c for c, _ in lb}, key=_sort_key)
        suffix = "" if doc.get("mode") != "scaling" else f"_t{threads}"
        if doc.get("mode") == "scaling" and threads != max(r["threads"] for r in rows):
            continue  # scaling: per-case bars only for the largest thread count
        for side, targets in (("resp", ["redis", "larder-resp"]), ("memcache", ["memcached", "larder-mc"])):
            targets = [t for t in targets if any((c, t) in lb for c in cases)]
            if not targets:
                continue
            fig, ax = plt.subplots(figsize=(12, 5))
            _bars(ax, cases, targets, lambda c, t: lb.get((c, t), {}).get("ops_per_sec"))
            ax.set_ylabel("thousand ops/s")
            ax.set_title(f"Throughput, {side.upper() if side == 'resp' else 'memcached text'} — larder-bench, "
                         f"{threads} server thread(s)\n{subtitle}", fontsize=10)
            fig.tight_layout()
            path = os.path.join(out, f"{stem}_{side}{suffix}.png")
            fig.savefig(path, dpi=90)
            plt.close(fig)
            written.append(path)
        targets = [t for t in COLORS if any((c, t) in lb for c in cases)]
        fig, ax = plt.subplots(figsize=(12, 5))
        _bars(ax, cases, targets, lambda c, t: lb.get((c, t), {}).get("p99_us"), fmt_scale=1, log=True)
        ax.set_ylabel("p99 latency, µs (log)")
        ax.set_title(f"p99 latency — larder-bench, {threads} server thread(s)\n{subtitle}", fontsize=10)
        fig.tight_layout()
        path = os.path.join(out, f"{stem}_p99{suffix}.png")
        fig.savefig(path, dpi=90)
        plt.close(fig)
        written.append(path)

        peer = [r for r in rows if r["threads"] == threads and r["tool"] != "larder-bench"]
        if peer:
            labels = sorted({(r["tool"], r["case"]) for r in peer}, key=lambda k: (k[0], _sort_key(k[1])))
            by = {(r["tool"], r["case"], r["target"]): r["ops_per_sec"] for r in peer}
            fig, ax = plt.subplots(figsize=(12, 5))
            names = [f"{tool.replace('redis-benchmark', 'redis-bm')}\n{case}" for tool, case in labels]
            n = 2
            width = 0.4
            for i, (role, pick) in enumerate((("peer", {"redis-benchmark": "redis", "memcaslap": "memcached"}),
                                               ("Larder", {"redis-benchmark": "larder-resp", "memcaslap": "larder-mc"}))):
                ys = [(by.get((tool, case, pick[tool])) or 0) / 1e3 for tool, case in labels]
                xs = [j + (i - (n - 1) / 2) * width for j in range(len(labels))]
                ax.bar(xs, ys, width, label="peer (redis-server / memcached)" if role == "peer" else "Larder",
                       color="#999999" if role == "peer" else "#1f77b4")
            ax.set_xticks(range(len(labels)))
            ax.set_xticklabels(names, rotation=45, ha="right", fontsize=7)
            ax.set_ylabel("thousand ops/s")
            ax.grid(axis="y", alpha=0.3)
            ax.legend(fontsize=8)
            ax.set_title(f"Peers' own tools (redis-benchmark, memcaslap), {threads} server thread(s)\n{subtitle}",
                         fontsize=10)
            fig.tight_layout()
            path = os.path.join(out, f"{stem}_peer_tools{suffix}.png")
            fig.savefig(path, dpi=90)
            plt.close(fig)
            written.append(path)

    if doc.get("mode") == "scaling":
        lb = [r for r in rows if r["tool"] == "larder-bench"]
        cases = sorted({r["case"] for r in lb}, key=_sort_key)
        if cases:
            cols = min(2, len(cases))
            nrows = (len(cases) + cols - 1) // cols
            fig, axes = plt.subplots(nrows, cols, figsize=(6 * cols, 3.6 * nrows), squeeze=False)
            for k, c in enumerate(cases):
                ax = axes[k // cols][k % cols]
                for t in COLORS:
                    pts = sorted((r["threads"], r["ops_per_sec"]) for r in lb if r["case"] == c and r["target"] == t)
                    if pts:
                        ax.plot([p[0] for p in pts], [p[1] / 1e3 for p in pts], marker="o", label=LABELS[t],
                                color=COLORS[t])
                ax.set_title(c, fontsize=9)
                ax.set_ylim(bottom=0)
                ax.set_xlabel("server threads")
                ax.set_ylabel("thousand ops/s")
                ax.set_xscale("log", base=2)
                ax.set_xticks(sorted({r["threads"] for r in lb}))
                ax.get_xaxis().set_major_formatter(matplotlib.ticker.ScalarFormatter())
                ax.grid(alpha=0.3)
                ax.legend(fontsize=7)
            for k in range(len(cases), nrows * cols):
                axes[k // cols][k % cols].axis("off")
            fig.suptitle(f"Scaling: ops/s against server threads — {subtitle}", fontsize=10)
            fig.tight_layout()
            path = os.path.join(out, f"{stem}.png")
            fig.savefig(path, dpi=90)
            plt.close(fig)
            written.append(path)
    return written
