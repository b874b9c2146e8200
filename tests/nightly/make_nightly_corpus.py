#!/usr/bin/env python3
"""Write a nightly-run corpus: N S3 exports of one synthetic contribution each, some as EUSurvey ZIPs.

Usage: make_nightly_corpus.py DIR [N] [ZIP_EVERY]
Files go to DIR/<period>/report-<i>.xml (folders exercise the recursive walk); every ZIP_EVERY-th export is
written as DIR/zips/report-<i>.zip holding the XML next to an uploaded file, as EUSurvey's UI delivers it.
Deterministic: the same arguments give the same bytes.
"""
import importlib.util
import os
import sys
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("make_s3_export",
                                              os.path.join(HERE, "..", "..", "scripts", "make_s3_export.py"))
s3 = importlib.util.module_from_spec(spec)
spec.loader.exec_module(s3)


def main(argv):
    folder = argv[1]
    count = int(argv[2]) if len(argv) > 2 else 50
    zip_every = int(argv[3]) if len(argv) > 3 else 5
    for i in range(count):
        contributions = s3.synthetic_contributions(1, 1000 + i)
        xml = s3.build_export(contributions, s3.Options()).encode("utf-8")
        if zip_every and i % zip_every == zip_every - 1:
            path = os.path.join(folder, "zips", "report-%03d.zip" % i)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
                info = zipfile.ZipInfo("results_xml-S3_TP_Monitoring_Report.xml", date_time=(2025, 3, 14, 9, 5, 32))
                archive.writestr(info, xml, zipfile.ZIP_DEFLATED)
                upload = zipfile.ZipInfo("a0000000-0000-4000-8000-000000000013/f1_annex.pdf",
                                         date_time=(2025, 3, 14, 9, 5, 32))
                archive.writestr(upload, b"%PDF-1.4 uploaded file, not read by the validator\n")
        else:
            path = os.path.join(folder, "period-%d" % (i % 3), "report-%03d.xml" % i)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "wb") as out:
                out.write(xml)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
