#!/usr/bin/env python3
"""Write a benchmark export of N contributions of the S3 form (EUSurvey's one-line output).

The contributions come from scripts/make_s3_export.py --synthetic (realistic answers with a share of defects:
placeholders, missing answers, regions without NUTS codes, EU13 regions not described), with a larger sentence
pool so that public answers only sometimes repeat confidential ones. Up to 2,000 contributions are generated;
larger corpora repeat them with fresh ids and list numbers, written as they go (a 2 GB file needs little memory).

With --heavy every contribution is findings-heavy (issue 15's second corpus): long public answers (20 to 60
sentences) that quote the confidential self-assessment and hold contact data, long region lists whose regions
mostly lack their NUTS code, and more placeholders: about 25 findings per contribution (13 missing NUTS
codes, 4 reused confidential passages, 4 contact data, 2 placeholders), most of them inside
long answers.

  bench/make_corpus.py 2000 -o corpus-2k.xml
  bench/make_corpus.py --heavy 2000 -o heavy-2k.xml
"""
import argparse
import importlib.util
import os
import random
import re
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
GENERATED = 2000


def load_generator():
    path = os.path.join(HERE, "..", "scripts", "make_s3_export.py")
    spec = importlib.util.spec_from_file_location("make_s3_export", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def sentence_pool(size: int, seed: int):
    rng = random.Random(seed)
    subjects = ["The partners", "Two regions", "The steering committee", "Cluster managers", "The lead region",
                "Regional authorities", "SME representatives", "The working group", "Universities",
                "The secretariat", "Investors", "Technology centres"]
    verbs = ["agreed on", "prepared", "reviewed", "presented", "completed", "launched", "discussed", "mapped",
             "co-funded", "published", "tested", "extended"]
    objects = ["a joint roadmap", "the pilot projects", "a competence map", "the investment pipeline",
               "a matchmaking event", "the demonstration cases", "a skills survey", "the monitoring framework",
               "the business plan", "a webinar series", "the value chain analysis", "a funding strategy"]
    tails = ["for the next two years", "with five new regions", "after the spring meeting", "online",
             "with the support of the Commission", "in three working areas", "before the summer",
             "together with industry", "for the pilot lines", "in the cross-border regions"]
    pool = set()
    while len(pool) < size:
        pool.add("%s %s %s %s (%d)." % (rng.choice(subjects), rng.choice(verbs), rng.choice(objects),
                                        rng.choice(tails), rng.randint(1, 99)))
    return sorted(pool)


def make_heavy(generator, seed: int) -> None:
    """Wrap the generator's synthetic contributions so that each carries many findings on long answers."""
    light = generator.synthetic_contributions
    regions = generator.SYNTH_REGIONS
    sentences = generator.SYNTH_SENTENCES

    def heavy(n: int, random_seed: int):
        rng = random.Random(seed * 7919 + random_seed)
        out = light(n, random_seed)
        for c in out:
            a = c.answers
            secret = " ".join(rng.choice(sentences) for _ in range(rng.randint(3, 6)))
            a["sa_obstacles"] = secret
            for bid in ("exec_summary", "innovative_results", "impacts", "outreach"):
                long_text = [rng.choice(sentences) for _ in range(rng.randint(20, 60))]
                long_text.insert(rng.randint(0, len(long_text)), secret)  # confidential text made public
                if rng.random() < 0.5:
                    long_text.append("Contact: jane.doe%d@example.eu or +32 2 299 %04d." % (
                        rng.randint(1, 999), rng.randint(0, 9999)))
                a[bid] = " ".join(long_text)
            for bid in ("other_partnerships", "other_platforms"):
                a[bid] = rng.choice(generator.SYNTH_PLACEHOLDERS)
            chosen = rng.sample(regions, rng.randint(12, len(regions)))
            a["participating_regions"] = "\n".join(
                "%s (%s), %s" % r if rng.random() < 0.3 else "%s(%s)" % r[:2] for r in chosen)
        return out

    generator.synthetic_contributions = heavy


def write_corpus(out, n: int, seed: int, heavy: bool = False) -> None:
    generator = load_generator()
    generator.SYNTH_SENTENCES = sentence_pool(3000, seed)
    if heavy:
        make_heavy(generator, seed)
    base = min(n, GENERATED)
    with tempfile.NamedTemporaryFile("r+", suffix=".xml", encoding="utf-8") as tmp:
        generator.main(["--contribution", "none", "--synthetic", str(base), "--random-seed", str(seed),
                        "-o", tmp.name])
        text = open(tmp.name, encoding="utf-8").read()
    first = text.index("<AnswerSet ")
    end = text.index("</Answers>")
    head, sets, tail = text[:first], text[first:end], text[end:]
    pieces = [p for p in sets.split("<AnswerSet ") if p]
    out.write(head)
    for i in range(n):
        piece = pieces[i % len(pieces)]
        if i >= len(pieces):
            # A fresh id and list number for every repeat, so fingerprints stay distinct.
            piece = re.sub(r'^id="[^"]*"', 'id="copy-%d-%s"' % (i, "x"), piece, count=1)
            piece = re.sub(r' list="\d+"', ' list="%d"' % (60000 + i), piece, count=1)
        out.write("<AnswerSet " + piece)
    out.write(tail)


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("n", type=int, help="number of contributions")
    p.add_argument("-o", "--output", required=True, help="file to write")
    p.add_argument("--random-seed", type=int, default=1)
    p.add_argument("--heavy", action="store_true", help="findings-heavy contributions (long answers)")
    args = p.parse_args(argv)
    if args.n < 1:
        p.error("n must be at least 1")
    with open(args.output, "w", encoding="utf-8", newline="") as out:
        write_corpus(out, args.n, args.random_seed, args.heavy)
    return 0


if __name__ == "__main__":
    sys.exit(main())
