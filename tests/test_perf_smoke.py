"""The benchmark harness at a tiny scale, in the default run, so it cannot rot: every
operation runs on each database and the results files are written. No timings are
asserted here; `python -m tests.perf.run` is the benchmark."""
import json

from tests.perf.run import TARGETS, main


def test_benchmark_harness_runs_every_operation(backend, request, tmp_path):
    args = ["--scale", "smoke", "--db", backend, "--out", str(tmp_path)]
    if backend == "postgresql":
        args += ["--postgresql-url", request.getfixturevalue("pg_server").create_database("bench_smoke")]
    results = main(args)
    operations = {r["operation"] for r in results["rows"]}
    assert {op for op in TARGETS if not op.startswith("peak")} <= operations
    assert {"import from DOCX", "compliance check, whole document", "comment matrix export",
            "round archive job (clean + redline, background)"} <= operations
    assert json.loads((tmp_path / "results.json").read_text())["rows"]
    assert "| Operation |" in (tmp_path / "results.md").read_text()


def test_the_languages_rows_run_against_their_one_language_baselines(backend, request, tmp_path):
    """`--only languages` (issue #22's rows): each row with its one-language baseline."""
    args = ["--scale", "smoke", "--db", backend, "--out", str(tmp_path), "--only", "languages"]
    if backend == "postgresql":
        args += ["--postgresql-url", request.getfixturevalue("pg_server").create_database("bench_languages")]
    rows = main(args)["rows"]
    by_operation = {r["operation"]: r for r in rows}
    assert {op for op in TARGETS if "two authentic languages" in op} <= set(by_operation)
    assert all(r["baseline_seconds"] and r["ratio"] for r in rows)
