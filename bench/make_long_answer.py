#!/usr/bin/env python3
"""Write an S3 export whose one contribution lists N regions in one answer, or carries N attributes.

  make_long_answer.py regions N [--padding BYTES] -o FILE
      the clean report of scripts/make_s3_export.py with its participating-regions answer (the question the
      nuts-code-format rules check) replaced by "R0(GER) R1(GER) ... R{N-1}(GER)": every region is a finding
      of two rules (no NUTS code; GER is not the Eurostat code). --padding adds that many bytes of text
      before the list, so the export is read streamed (files of 1 MB or more).
  make_long_answer.py attributes N -o FILE
      the same report with N attributes a0="1" a1="1" ... on its AnswerSet.
  make_long_answer.py text MB -o FILE
      the same report with its executive summary (a public free-text answer) replaced by MB megabytes of
      words: one huge text node.

Deterministic: the same arguments always give the same bytes.
"""

import argparse
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "scripts"))
import make_s3_export  # noqa: E402


def base_export() -> str:
    return subprocess.run([sys.executable, os.path.join(HERE, "..", "scripts", "make_s3_export.py"),
                           "--contribution", "clean"], check=True, capture_output=True, text=True).stdout


def with_regions(xml: str, count: int, padding: int) -> str:
    uid = make_s3_export.element_uid("participating_regions")
    answer = re.compile(r'(<Answer qid="%s"[^>]*>)([^<]*)(</Answer>)' % re.escape(uid))
    regions = " ".join("R%d(GER)" % i for i in range(count))
    text = ("x" * (padding - 1) + "\n" if padding > 0 else "") + regions
    xml, replaced = answer.subn(lambda m: m.group(1) + text + m.group(3), xml, count=1)
    if replaced != 1:
        sys.exit("make_long_answer.py: no participating-regions answer in the clean report")
    return xml


def with_text(xml: str, megabytes: int) -> str:
    uid = make_s3_export.element_uid("exec_summary")
    answer = re.compile(r'(<Answer qid="%s"[^>]*>)([^<]*)(</Answer>)' % re.escape(uid))
    words = "".join(" " if i % 7 == 6 else chr(97 + i % 26) for i in range(1 << 20)) * megabytes
    xml, replaced = answer.subn(lambda m: m.group(1) + words + m.group(3), xml, count=1)
    if replaced != 1:
        sys.exit("make_long_answer.py: no executive summary in the clean report")
    return xml


def with_attributes(xml: str, count: int) -> str:
    attributes = "".join(' a%d="1"' % i for i in range(count))
    return xml.replace("<AnswerSet ", "<AnswerSet" + attributes + " ", 1)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("what", choices=["regions", "attributes", "text"])
    p.add_argument("count", type=int)
    p.add_argument("--padding", type=int, default=0, metavar="BYTES")
    p.add_argument("-o", "--output", required=True)
    args = p.parse_args()
    xml = base_export()
    if args.what == "regions":
        xml = with_regions(xml, args.count, args.padding)
    elif args.what == "attributes":
        xml = with_attributes(xml, args.count)
    else:
        xml = with_text(xml, args.count)
    with open(args.output, "w", encoding="utf-8", newline="") as out:
        out.write(xml)


if __name__ == "__main__":
    main()
