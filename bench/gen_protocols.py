#!/usr/bin/env python3
"""Generates N protocols from the sample texts by varying dates, paragraph numbers, Dnr and names.

Usage: gen_protocols.py N OUTDIR

Each output is a real sample's text with its meeting date shifted by a random number of days,
every ISO date shifted the same, paragraph numbers offset, Dnr running numbers changed and a few
names swapped, so the parser does real work and the store sees distinct meetings and cases.
"""
import random
import re
import sys
from datetime import date, timedelta
from pathlib import Path

SAMPLES = sorted((Path(__file__).resolve().parent.parent / "fixtures" / "samples").glob("*.txt"))
FIRST = ["Anna", "Erik", "Karin", "Lars", "Maria", "Johan", "Eva", "Per", "Sara", "Nils", "Åsa", "Örjan", "Märta"]
LAST = ["Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson", "Svensson", "Gustafsson", "Åberg", "Öhman", "Ström"]
TOWNS = ["Lomma", "Kävlinge", "Staffanstorp", "Burlöv", "Höör", "Hörby", "Sjöbo", "Skurup", "Svedala", "Vellinge", "Åstorp", "Örkelljunga"]
BODIES = ["Kommunstyrelsen", "Socialnämnden", "Byggnadsnämnden", "Miljönämnden", "Tekniska nämnden", "Valnämnden"]

DATE = re.compile(r"\b(19|20)(\d\d)-(\d\d)-(\d\d)\b")
PARA = re.compile(r"(§§?\s?|Paragrafer?\s+)(\d{1,3})(?:(\s?[-–]\s?§?\s?)(\d{1,3}))?")
DNR = re.compile(r"\b(20\d\d)([/:])(\d{1,4})\b")


def shift_dates(text, days):
    def repl(m):
        try:
            d = date(int(m.group(1) + m.group(2)), int(m.group(3)), int(m.group(4)))
        except ValueError:
            return m.group(0)
        return (d + timedelta(days=days)).isoformat()
    return DATE.sub(repl, text)


def main():
    n, out = int(sys.argv[1]), Path(sys.argv[2])
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(42)
    texts = [(p.stem, p.read_text(encoding="utf-8")) for p in SAMPLES]
    for i in range(n):
        stem, text = texts[i % len(texts)]
        days = rng.randint(-7300, 700)
        offset = rng.randint(0, 150)
        t = shift_dates(text, days)
        t = PARA.sub(
            lambda m: f"{m.group(1)}{int(m.group(2)) + offset}"
            + (f"{m.group(3)}{int(m.group(4)) + offset}" if m.group(4) else ""),
            t,
        )
        t = DNR.sub(lambda m: f"{m.group(1)}{m.group(2)}{(int(m.group(3)) * 7 + i) % 997 + 1}", t)
        for _ in range(3):
            old = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
            t = t.replace("Joakim Karlsson", old, 1)
        # Spread the protocols over many bodies, as an archive of many authorities would be.
        if "Direktionen" in t and i % 3 == 0:
            t = t.replace("Direktionen", rng.choice(BODIES))
        if "Lomma kommun" in t:
            t = t.replace("Lomma kommun", f"{rng.choice(TOWNS)} kommun")
        (out / f"{stem}-{i:05d}.txt").write_text(t, encoding="utf-8")


if __name__ == "__main__":
    main()
