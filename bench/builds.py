"""Full builds of the demo collection by embedding model, side by side in one window.

    .venv/bin/python -m bench.builds [--data .test-cache/demo-data] [--rounds 1]
        [--models ",multilingual-e5-small:fp32,multilingual-e5-small"]

Each build is `groundqa index --full --json` in a fresh data dir with an empty embedding cache (every
passage embedded), its `models` folder linked to the one beside `--data` so that no model is converted
or exported inside the timing. The models take turns round by round, so drift on the 2 shared cores
falls on each alike. Printed per build: the snapshot's model fingerprint, passages embedded, wall
time of the process and of `update_index` (the summary's `seconds`), the process's CPU time and peak
RSS (`os.wait4`'s rusage of that child alone), and the load average before and after. "" is the
bundled all-MiniLM-L6-v2 (the issue's "MiniLM-only build").
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.speed import DEMO_SOURCES, ROOT, load_avg, log
from index.local.catalog import LocalCatalog

DEFAULT_MODELS = ("", "multilingual-e5-small:fp32", "multilingual-e5-small")


def build(model: str, data: Path, models: Path) -> dict[str, object]:
    """One full build of the demo collection with `model` into a fresh `data` (figures as above)."""
    shutil.rmtree(data, ignore_errors=True)
    data.mkdir(parents=True)
    (data / "models").symlink_to(models, target_is_directory=True)
    # the build's own settings only: a GROUNDQA_DATABASE_URL (or any other) from the shell stays out
    env = {k: v for k, v in os.environ.items() if not k.startswith("GROUNDQA_")}
    env |= {"HF_HUB_OFFLINE": "1", "GROUNDQA_MODEL": model}
    cmd = [sys.executable, "-m", "service.cli", "index", "--full", "--json"]
    cmd += ["--sources", str(DEMO_SOURCES), "--data", str(data)]
    before = load_avg()
    t0 = time.perf_counter()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        child = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=out, stderr=err)
        try:
            _, status, usage = os.wait4(child.pid, 0)  # this child's own rusage (Popen.wait has none)
        except BaseException:  # Ctrl-C: the build does not go on alone
            child.kill()
            child.wait()
            raise
        wall = time.perf_counter() - t0
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if child.returncode != 0:
            raise RuntimeError(
                f"groundqa index failed ({child.returncode}): {err.read().decode(errors='replace')[-2000:]}"
            )
        summary = json.loads(out.read())
    backend = LocalCatalog(data).open()
    try:
        fingerprint = backend.info.model
    finally:
        backend.close()
    return {
        "model": model or "(MiniLM)",
        "fingerprint": fingerprint,
        "passages": int(summary["passages"]),
        "embedded": int(summary["embedded"]),
        "wall_s": wall,
        "update_index_s": float(summary["seconds"]),
        "cpu_s": usage.ru_utime + usage.ru_stime,
        "peak_rss_gb": usage.ru_maxrss / 1024 / 1024,  # ru_maxrss is in KiB on Linux
        "load": f"{before} -> {load_avg()}",
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, default=ROOT / ".test-cache" / "demo-data")
    parser.add_argument("--models", default=",".join(DEFAULT_MODELS), help="comma-separated model names")
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--work", type=Path, default=Path("/tmp/groundqa-bench/builds"))
    args = parser.parse_args(argv)
    models_dir = (args.data / "models").resolve()
    if not models_dir.is_dir():
        parser.error(f"{args.data} has no models folder: build the demo index first (scripts/test.sh)")
    names = args.models.split(",")
    rows = []
    try:
        for r in range(args.rounds):
            for i, name in enumerate(names):
                log(f"round {r + 1}: full demo build with {name or '(MiniLM)'} (load average {load_avg()})")
                rows.append(build(name, args.work / f"data-{i}", models_dir))
    finally:
        shutil.rmtree(args.work, ignore_errors=True)
    head = ("model", "fingerprint", "passages embedded", "wall s", "update_index s", "CPU s", "peak RSS GB")
    print("| " + " | ".join((*head, "load avg")) + " |")
    print("|---|---|---|---|---|---|---|---|")
    for row in rows:
        print(
            f"| {row['model']} | {row['fingerprint']} | {row['embedded']} | {row['wall_s']:.1f} | "
            f"{row['update_index_s']:.1f} | {row['cpu_s']:.1f} | {row['peak_rss_gb']:.2f} | {row['load']} |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
