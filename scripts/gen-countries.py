#!/usr/bin/env python3
"""Adds every region's name in the languages of the pages hotline reads to data/countries.csv.

Country names are CLDR's (Unicode Common Locale Data Repository), read through Python Babel:
    python3 -m venv /tmp/cldr && /tmp/cldr/bin/pip install babel
    /tmp/cldr/bin/python scripts/gen-countries.py [PhoneNumberMetadata.xml]
Names already in the file (hand-written aliases such as UK, PRC, 内地) are kept, first; CLDR's names are added
after them. Regions are those of libphonenumber's metadata (ISO 3166 codes; the non-geographic 001 is not a place).
"""
import csv
import io
import os
import re
import sys

from babel import Locale

HERE = os.path.dirname(os.path.abspath(__file__))
PATH = os.path.join(HERE, "..", "data", "countries.csv")
LOCALES = ["en", "zh_Hans", "zh_Hant", "es", "fr", "de", "it", "pt", "nl", "ja", "ko", "ms", "id", "vi", "th"]
# Names that are also ordinary words or given names in pages' languages: a hit would move a number's region.
AMBIGUOUS = {"Chad", "Jordan", "Georgia", "Turkey", "Guinea", "Niger", "Mali", "Togo", "Oman", "Cuba", "Chile",
             "Peru", "Jersey", "Monaco", "Malta", "Nauru", "Samoa", "Tonga", "Panama", "Congo", "Dominica",
             "Grenada", "Iran", "Irak", "Iraq", "Lao", "Laos", "Benin", "Gabon", "Tuvalu", "Kiribati", "Palau",
             "Macao", "Aruba", "Curaçao", "Israel", "India", "China", "Japan"}
KEEP_EVEN_IF_AMBIGUOUS = {"Jersey", "Chile", "Peru", "Israel", "India", "China", "Japan", "Iran", "Iraq", "Laos",
                          "Panama", "Malta", "Monaco", "Oman", "Cuba"}


def usable(name):
    if any(c in name for c in "()"):
        return False
    if re.search(r"[A-Za-z]", name):
        return len(name) >= 4 and (name not in AMBIGUOUS or name in KEEP_EVEN_IF_AMBIGUOUS)
    return len(name) >= 2


def main():
    rows = list(csv.reader(open(PATH, encoding="utf-8")))
    header, rows = rows[0], rows[1:]
    names = {iso: list(dict.fromkeys(n.split("|"))) for iso, n in rows}
    metadata = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", "data", "libphonenumber",
                                                                  "PhoneNumberMetadata.xml")
    regions = sorted(set(re.findall(r'<territory id="([A-Z]{2})"', open(metadata, encoding="utf-8").read())))
    taken = {n for ns in names.values() for n in ns}
    for iso in regions:
        found = names.setdefault(iso, [])
        for loc in LOCALES:
            name = Locale.parse(loc).territories.get(iso)
            if name and usable(name) and name not in found and name not in taken:
                found.append(name)
                taken.add(name)
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(header)
    order = [iso for iso, _ in rows] + sorted(set(names) - {iso for iso, _ in rows})
    for iso in order:
        if names[iso]:
            w.writerow([iso, "|".join(names[iso])])
    open(PATH, "w", encoding="utf-8").write(out.getvalue())


if __name__ == "__main__":
    main()
