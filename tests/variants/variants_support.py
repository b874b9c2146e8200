"""Shared helpers of the variant tests: the export generator, runs of the real `surveycheck`, the findings of a
contribution, and the search for confidential text in everything a run wrote.

Environment: SURVEYCHECK_EXE (the CLI; default build/bin/surveycheck of the source tree) and
SURVEYCHECK_SOURCE_DIR (default: two folders up). Python standard library only.
"""

import html
import importlib.util
import io
import json
import os
import shutil
import subprocess
import tempfile
import zipfile
from typing import Dict, Iterable, List, Optional, Sequence, Tuple

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE_DIR = os.environ.get("SURVEYCHECK_SOURCE_DIR", os.path.join(HERE, "..", ".."))
EXE = os.environ.get("SURVEYCHECK_EXE", os.path.join(SOURCE_DIR, "build", "bin", "surveycheck"))
BUILTIN_PROFILE = os.path.join(SOURCE_DIR, "schemas", "profiles", "s3-partnership-monitoring.xml")


def load_generator():
    """scripts/make_s3_export.py as a module."""
    spec = importlib.util.spec_from_file_location("make_s3_export",
                                                  os.path.join(SOURCE_DIR, "scripts", "make_s3_export.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


gen = load_generator()

# Every report format `validate` writes; each goes to a file of its own.
FORMATS = ("text", "json", "jsonl", "sarif", "junit", "html")


class Run:
    """One finished run of surveycheck: exit code, both streams."""

    def __init__(self, args: Sequence[str], code: int, out: str, err: str):
        self.args, self.code, self.out, self.err = list(args), code, out, err

    def __repr__(self) -> str:
        return "surveycheck %s -> exit %d\nstderr: %s" % (" ".join(self.args), self.code, self.err[-2000:])


def run(args: Sequence[str], timeout: int = 120) -> Run:
    """Run the real executable with `args`; a signal gives a negative code."""
    proc = subprocess.run([EXE] + list(args), stdin=subprocess.DEVNULL, capture_output=True, timeout=timeout)
    return Run(args, proc.returncode, proc.stdout.decode("utf-8", "replace"), proc.stderr.decode("utf-8", "replace"))


class Workdir:
    """A temporary folder, removed at exit."""

    def __init__(self, prefix: str = "surveycheck-variants-"):
        self.path = tempfile.mkdtemp(prefix=prefix)

    def file(self, name: str) -> str:
        return os.path.join(self.path, name)

    def write(self, name: str, data) -> str:
        path = self.file(name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(data.encode("utf-8") if isinstance(data, str) else data)
        return path

    def close(self) -> None:
        shutil.rmtree(self.path, ignore_errors=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def contributions(*names: str):
    """Fresh built-in contributions of the generator, by name."""
    return [gen.BUILTIN[name]() for name in names]


def write_export(work: Workdir, name: str, contribs, **options) -> str:
    """Write the export of `contribs` with generator Options(**options); a ZIP when options has zip."""
    return work.write(name, gen.export_bytes(contribs, gen.Options(**options)))


def validate_json(files: Sequence[str], *extra: str) -> Tuple[Run, dict]:
    """`validate --format json` (internal audience unless `extra` says otherwise) and the parsed report."""
    result = run(["validate", "--format", "json", "--quiet"] + list(extra) + list(files))
    try:
        report = json.loads(result.out)
    except ValueError:
        raise AssertionError("no JSON report: %r\nstdout: %s" % (result, result.out[:2000]))
    return result, report


def validate_every_output(work: Workdir, files: Sequence[str], *extra: str) -> Tuple[Run, Dict[str, str]]:
    """`validate --audience public` writing every format, a baseline and a trace log to files of `work`.
    Returns the run and {name: path} of everything it wrote (stdout and stderr included)."""
    outputs = {fmt: work.file("public-report." + fmt) for fmt in FORMATS}
    outputs["baseline"] = work.file("public-baseline.json")
    outputs["log"] = work.file("public-log.txt")
    args = ["--log-level", "trace", "--log-file", outputs["log"], "validate", "--audience", "public",
            "--write-baseline", outputs["baseline"]]
    for fmt in FORMATS:
        args += ["--format", "%s:%s" % (fmt, outputs[fmt])]
    result = run(args + list(extra) + list(files))
    outputs["stdout"] = work.write("public-stdout.txt", result.out)
    outputs["stderr"] = work.write("public-stderr.txt", result.err)
    return result, outputs


# ---------------------------------------------------------------------------------------------------------
# Leaks


def probes(text: str) -> List[str]:
    """What to look for of one confidential text: the text, and (long texts) its first and last 24 characters,
    so that a shortened excerpt is found too."""
    text = text.strip()
    out = [text]
    if len(text) > 40:
        out += [text[:24], text[-24:]]
    return out


def _json_strings(value) -> Iterable[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield k
            yield from _json_strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _json_strings(v)


def readable_forms(data: bytes) -> List[str]:
    """A written output as text, in every decoding a reader could apply: raw, XML/HTML entities resolved, JSON
    strings (and JSON lines) decoded; a ZIP gives the forms of each of its members."""
    if data[:4] == b"PK\x03\x04":
        forms: List[str] = []
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for info in archive.infolist():
                forms += readable_forms(archive.read(info))
        return forms
    raw = data.decode("utf-8", "replace")
    forms = [raw, html.unescape(raw)]
    docs = []
    try:
        docs.append(json.loads(raw))
    except ValueError:
        for line in raw.splitlines():
            try:
                docs.append(json.loads(line))
            except ValueError:
                pass
    if docs:
        forms.append("\n".join(s for doc in docs for s in _json_strings(doc)))
    return forms


def leaks(paths: Dict[str, str], secrets: Sequence[str]) -> List[str]:
    """Every (output, probe) where confidential text shows: an empty list when nothing leaked."""
    found = []
    for name, path in sorted(paths.items()):
        if not os.path.exists(path):
            continue
        with open(path, "rb") as f:
            forms = readable_forms(f.read())
        for secret in secrets:
            for probe in probes(secret):
                if any(probe in form for form in forms):
                    found.append("%s (%s) contains %r" % (name, path, probe))
                    break
    return found


# ---------------------------------------------------------------------------------------------------------
# Findings


def file_contributions(report: dict, index: int = 0) -> List[dict]:
    return report["files"][index].get("contributions", []) if report.get("files") else []


def contribution_of(finding: dict, contribs: List[dict]) -> Optional[int]:
    """The index (in file order) of the contribution a finding is about: by its id when that id is one
    contribution's, else by position (the last contribution that starts at or before the finding)."""
    cid = finding.get("contribution") or ""
    if not cid:
        return None
    same = [i for i, c in enumerate(contribs) if c.get("id") == cid]
    if len(same) == 1:
        return same[0]
    where = (finding.get("line", 0), finding.get("column", 0))
    best = None
    for i, c in enumerate(contribs):
        if (c.get("line", 0), c.get("column", 0)) <= where:
            best = i
    return best


def key_of(finding: dict) -> str:
    question = finding.get("question") or {}
    return question.get("key") or question.get("uid") or ""


def findings_by_contribution(report: dict, file_index: int = 0) -> List[List[Tuple[str, str]]]:
    """For each contribution of a file, in file order, the sorted (rule, question key) of its findings."""
    contribs = file_contributions(report, file_index)
    path = report["files"][file_index]["path"]
    out: List[List[Tuple[str, str]]] = [[] for _ in contribs]
    for finding in report["findings"]:
        if finding.get("file") != path:
            continue
        i = contribution_of(finding, contribs)
        if i is not None:
            out[i].append((finding["rule"], key_of(finding)))
    return [sorted(f) for f in out]


def rules_of(report: dict, prefix: str) -> List[dict]:
    """The findings whose rule starts with `prefix`."""
    return [f for f in report["findings"] if f["rule"].startswith(prefix)]


def describe(findings: Iterable[dict]) -> str:
    return "\n".join("  %s %s %s:%s %s" % (f["rule"], key_of(f), f.get("line"), f.get("column"),
                                           f.get("message", "")[:120]) for f in findings)


def position_of(text: str, needle: str, tag: str) -> Tuple[int, int]:
    """1-based line and column (code points) of the `tag` that starts before the first `needle` in `text`."""
    at = text.index(needle)
    start = text.rindex(tag, 0, at)
    line = text.count("\n", 0, start) + 1
    column = start - (text.rfind("\n", 0, start) + 1) + 1
    return line, column
