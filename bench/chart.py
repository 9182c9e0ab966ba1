"""The scaling chart: journeys per second against concurrent patients, for both apps.

matplotlib with the Agg backend (no display, no network); the SVG is written without a date
and with a fixed id salt, so the same figures give the same file.
"""

from pathlib import Path

LABELS = {"backpop": "backpop", "textbook": "textbook (formtools)"}


def points(r: dict, app: str) -> list[tuple[int, float]]:
    """(patients, journeys/s): the median of the scaling runs, and of the load rounds."""
    from bench.report import journeys_per_second

    counts = {int(n) for n in r["scaling"][app]} | {r["parameters"]["patients"]}
    found = [(n, journeys_per_second(r, app, n)) for n in sorted(counts)]
    return [(n, rate) for n, rate in found if rate is not None]


def draw(r: dict, path: Path) -> Path:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams["svg.hashsalt"] = "backpop-bench"
    fig, ax = plt.subplots(figsize=(6.4, 3.6))
    for app, style in (("backpop", "o-"), ("textbook", "s--")):
        xs, ys = zip(*points(r, app), strict=True)
        ax.plot(xs, ys, style, label=LABELS[app])
        for x, y in zip(xs, ys, strict=True):
            ax.annotate(
                f"{y:.1f}",
                (x, y),
                textcoords="offset points",
                xytext=(0, 6),
                ha="center",
                fontsize=8,
            )
    ax.set_xscale("log", base=2)
    xs = sorted({x for app in LABELS for x, _ in points(r, app)})
    ax.set_xticks(xs, [str(x) for x in xs])
    ax.set_xlabel("concurrent simulated patients")
    ax.set_ylabel("whole journeys per second")
    ax.set_ylim(0, max(y for app in LABELS for _, y in points(r, app)) * 1.2)
    cores = r["machine"]["cores"]
    ax.set_title(f"{r['database']}, {cores} cores shared by servers and patients", fontsize=10)
    ax.grid(True, alpha=0.3)
    ax.legend(loc="best")
    fig.tight_layout()
    fig.savefig(path, format="svg", metadata={"Date": None})
    plt.close(fig)
    return path
