#!/usr/bin/env python3
"""Lays out the PDF parse cases as Word templates and publishing systems do.

Run: pip install reportlab && python3 crates/import/tests/cases-pdf/make.py
(needs the DejaVu fonts of Debian's fonts-dejavu-core). The PDFs are committed; the tests read
them and never need this script. Every protocol is invented.

The cases whose kind is in how the PDF draws its text rather than in the page's layout (p33 on:
an OCR text layer drawn invisible over a scan, two pages a sheet, a form's values in unflattened
fields, every glyph placed on its own) are written by make_raw.py beside this script, with
reportlab's canvas.
"""
import os
import re

from reportlab.lib import colors
from reportlab.lib.enums import TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (Flowable, KeepTogether, PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table,
                                TableStyle)

HERE = os.path.dirname(os.path.abspath(__file__))
FONTS = "/usr/share/fonts/truetype/dejavu"
for name, file in [("DejaVuSans", "DejaVuSans.ttf"), ("DejaVuSans-Bold", "DejaVuSans-Bold.ttf"),
                   ("DejaVuSerif", "DejaVuSerif.ttf"), ("DejaVuSerif-Bold", "DejaVuSerif-Bold.ttf")]:
    pdfmetrics.registerFont(TTFont(name, os.path.join(FONTS, file)))


class Layout:
    """One template's look: fonts, sizes and where the cover's value column starts."""

    def __init__(self, font, bold, size, head_size, label_width, value_width, justify=False,
                 furniture_last=False, label_middle=False):
        self.font, self.bold, self.size, self.head_size = font, bold, size, head_size
        self.label_width, self.value_width = label_width, value_width
        # justified running text (word spacing widened); page furniture drawn after the page's
        # content, as many producers write it; cover labels centred on their value's height
        self.justify, self.furniture_last, self.label_middle = justify, furniture_last, label_middle

    def style(self, bold=False, size=None, space_before=0, space_after=2, body=False):
        size = size or self.size
        return ParagraphStyle("s", fontName=self.bold if bold else self.font, fontSize=size,
                              leading=size * 1.25, spaceBefore=space_before,
                              spaceAfter=space_after,
                              alignment=TA_JUSTIFY if body and self.justify else TA_LEFT)


class LabelFrames(Flowable):
    """A cover as two text boxes, as some publishing systems place it: every label in one box,
    then every value in another beside it (the content stream has all labels before any
    value)."""

    def __init__(self, rows, lay):
        super().__init__()
        self.rows, self.lay = rows, lay
        self.leading = lay.size * 1.6

    def wrap(self, aw, ah):
        return aw, self.leading * len(self.rows) + 4

    def draw(self):
        c, lay = self.canv, self.lay
        top = self.leading * len(self.rows)
        c.setFont(lay.bold, lay.size)
        for i, (label, _) in enumerate(self.rows):
            c.drawString(0, top - (i + 1) * self.leading, label)
        c.setFont(lay.font, lay.size)
        for i, (_, value) in enumerate(self.rows):
            c.drawString(lay.label_width, top - (i + 1) * self.leading, value)


class Rotated(Flowable):
    """A landscape table on a portrait page turned by `/Rotate` (90 or 270), as print drivers
    and PDF mergers write an appendix in landscape: the page keeps its portrait MediaBox and the
    content is drawn turned, so the viewer shows it upright. Fills its frame (it has a page of
    its own)."""

    def __init__(self, rotation, heading, rows, widths, lay):
        super().__init__()
        self.rotation, self.heading, self.rows, self.widths, self.lay = (rotation, heading, rows,
                                                                         widths, lay)

    def wrap(self, aw, ah):
        return aw, ah - 1

    def draw(self):
        c = self.canv
        # the page's /Rotate, which the document template writes when the page ends
        c._doctemplate.pageTemplate.rotation = self.rotation
        c.turned_page = c.getPageNumber()
        ax, ay = c.absolutePosition(0, 0)
        c.translate(-ax, -ay)  # back to the page's origin
        w, h = A4
        if self.rotation == 90:  # shown turned clockwise: draw turned anticlockwise
            c.translate(w, 0)
            c.rotate(90)
        else:
            c.translate(0, h)
            c.rotate(-90)
        # now a landscape page h wide and w high
        c.setFont(self.lay.bold, self.lay.head_size)
        c.drawString(2 * cm, w - 2.5 * cm, self.heading)
        t = grid(self.rows, self.widths, self.lay, boxed=True)
        _, th = t.wrapOn(c, h - 4 * cm, w - 5 * cm)
        t.drawOn(c, 2 * cm, w - 3.2 * cm - th)


class Lines(Flowable):
    """Lines drawn as given, as a word processor draws a paragraph it broke itself: a soft
    hyphen (U+00AD) ending a line is drawn (a hyphen to the eye) and mapped back to U+00AD by
    the font's ToUnicode, which reportlab's Paragraph would drop."""

    def __init__(self, text, st):
        super().__init__()
        self.lines, self.st = text.split("\n"), st

    def wrap(self, aw, ah):
        return aw, self.st.leading * len(self.lines) + self.st.spaceAfter

    def draw(self):
        c, st = self.canv, self.st
        c.setFont(st.fontName, st.fontSize)
        top = self.st.leading * len(self.lines) + st.spaceAfter
        for i, line in enumerate(self.lines):
            c.drawString(0, top - (i + 1) * st.leading + (st.leading - st.fontSize), line)


def para(text, st):
    if "\u00ad" in text:
        return Lines(text, st)
    return Paragraph(text.replace("\n", "<br/>"), st)


def grid(rows, widths, lay, boxed=False, bold_first=False, middle=False):
    """A table of paragraphs: each cell wraps within its width, as Word's cells do. With
    `bold_first`, every other cell from the first is a bold label (covers of 2 or 4 columns)."""
    plain, bold = lay.style(space_after=0), lay.style(bold=True, space_after=0)
    data = [[para(c, bold if (bold_first and i % 2 == 0) else plain) for i, c in enumerate(r)]
            for r in rows]
    t = Table(data, colWidths=widths, hAlign="LEFT")
    cmds = [("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 3)]
    if middle:
        cmds.append(("VALIGN", (0, 0), (0, -1), "MIDDLE"))
    if boxed:
        cmds.append(("GRID", (0, 0), (-1, -1), 0.5, colors.black))
    t.setStyle(TableStyle(cmds))
    return t


def build(name, lay, p):
    """Writes `name.pdf`: cover table, participants table, ärendelista, paragraphs, signatures,
    anslag box; running header and footer on every page, with 'Sida N av M'."""
    path = os.path.join(HERE, name + ".pdf")
    pages = 1
    for _ in range(2):  # the first run counts the pages for "Sida N av M"
        pages = build_once(path, lay, p, pages)


def build_once(path, lay, p, pages):
    """One run of the layout (flowables are used up by a run, so each run makes its own)."""
    story = []
    h1 = lay.style(bold=True, size=lay.head_size + 2, space_after=8)
    story.append(para(p["kind"], h1))
    if "frames" in p:
        story.append(LabelFrames(p["frames"], lay))
    elif "cover4" in p:  # two label/value pairs a row
        w = (lay.label_width, lay.value_width) * 2
        story.append(grid(p["cover4"], list(w), lay, bold_first=True))
    else:
        cover = [[k, v] for k, v in p["cover"]]
        story.append(grid(cover, [lay.label_width, lay.value_width], lay, bold_first=True,
                          middle=lay.label_middle))
    story.append(Spacer(1, 8))
    for heading, rows, widths in p["people"]:
        story.append(para(heading, lay.style(bold=True, space_before=6)))
        story.append(grid(rows, widths, lay))
    story.append(Spacer(1, 8))
    story.append(para(p["agenda_heading"], lay.style(bold=True, space_before=6)))
    story.append(grid(p["agenda"], [1.6 * cm, 11 * cm, 1.5 * cm], lay))
    for item in p["items"]:
        heading = para(item["head"], lay.style(bold=True, size=lay.head_size, space_before=12))
        if "dnr_right" in item:  # the Dnr on the § line, flush right
            right = ParagraphStyle("r", parent=lay.style(), alignment=TA_RIGHT)
            heading = Table([[heading, para(item["dnr_right"], right)]],
                            colWidths=[8 * cm, 9 * cm], hAlign="LEFT",
                            style=[("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                                   ("LEFTPADDING", (0, 0), (-1, -1), 0)])
        head = [heading,
                para(item["title"], lay.style(bold=True, size=lay.size + 1, space_after=6))]
        story.append(KeepTogether(head))
        for block in item["body"]:
            if block.startswith("##"):
                story.append(para(block[2:].strip(), lay.style(bold=True, space_before=6)))
            else:
                story.append(para(block, lay.style(space_after=4, body=True)))
        if "rotated" in item:  # a landscape appendix on a turned page of its own
            story.extend([PageBreak(), Rotated(*item["rotated"], lay=lay), PageBreak()])
    story.append(Spacer(1, 24))
    story.append(grid(p["signatures"], [8 * cm, 8 * cm], lay))
    story.append(Spacer(1, 16))
    story.append(KeepTogether([para("ANSLAG/BEVIS", lay.style(bold=True)),
                               grid(p["anslag"], [5.5 * cm, 10.5 * cm], lay, boxed=True)]))
    for rotated in p.get("rotated", []):  # landscape appendices at the end, each turned
        story.extend([PageBreak(), Rotated(*rotated, lay=lay)])
    if "appendix" in p:  # the attendance list as an appendix table
        heading, rows, widths = p["appendix"]
        story.append(PageBreak())
        story.append(para(heading, lay.style(bold=True, size=lay.head_size)))
        story.append(grid(rows, widths, lay, boxed=True))

    def furniture(total):
        def draw(canvas, doc):
            if getattr(canvas, "turned_page", None) != canvas.getPageNumber():
                doc.pageTemplate.rotation = 0  # a turned page turns only itself
            canvas.saveState()
            canvas.setFont(lay.font, 8.5)
            top = A4[1] - 1.2 * cm
            canvas.drawString(2 * cm, top, p["header_left"])
            canvas.drawRightString(A4[0] - 2 * cm, top, f"Sida {doc.page} av {total}")
            canvas.drawString(2 * cm, top - 11, p["header_body"])
            canvas.drawRightString(A4[0] - 2 * cm, top - 11, p["header_date"])
            canvas.rect(2 * cm, 1.2 * cm, 5 * cm, 1.1 * cm)
            canvas.rect(A4[0] - 7 * cm, 1.2 * cm, 5 * cm, 1.1 * cm)
            canvas.drawString(2.15 * cm, 2.0 * cm, "Justerandes signatur")
            canvas.drawString(A4[0] - 6.85 * cm, 2.0 * cm, "Utdragsbestyrkande")
            canvas.restoreState()
        return draw

    doc = (FurnitureLast if lay.furniture_last else SimpleDocTemplate)(path, pagesize=A4, topMargin=2.6 * cm, bottomMargin=3 * cm,
                            leftMargin=2 * cm, rightMargin=2 * cm, title=os.path.basename(path),
                            author="Kansli test", creator="Kansli test", producer="Kansli",
                            invariant=1)
    if lay.furniture_last:
        doc.furniture = furniture(pages)
        doc.build(story)
    else:
        doc.build(story, onFirstPage=furniture(pages), onLaterPages=furniture(pages))
    return doc.page


class FurnitureLast(SimpleDocTemplate):
    """Draws the page's header and footer after its content (its text comes last on a page)."""

    def afterPage(self):
        self.furniture(self.canv, self)


def agenda(items, pages):
    return [[f"§ {i['n']}", i["title"], str(pg)] for i, pg in zip(items, pages)]


# --- 1: a Word template, cover and participants as tables, DejaVu Sans ---------------------
ITEMS1 = [
    {"n": 112, "head": "§ 112", "title": "Val av justerare", "body": [
        "##Kommunstyrelsens beslut",
        "Kommunstyrelsen utser Petra Lindqvist (M) att jämte ordföranden justera protokollet."]},
    {"n": 113, "head": "§ 113", "title": "Budgetuppföljning per augusti 2025",
     "dnr": "KS 2025/00412", "body": [
        "Dnr KS 2025/00412",
        "##Sammanfattning",
        "Ekonomiavdelningen har sammanställt en prognos för helåret. Nämnderna beräknas sammantaget "
        "göra ett underskott mot budget om 4,2 miljoner kronor, främst inom äldreomsorgen och "
        "försörjningsstödet, och en åtgärdsplan för att ﬁnansiera underskottet har tagits fram.",
        "##Kommunstyrelsens beslut",
        "Kommunstyrelsen godkänner budgetuppföljningen per augusti 2025 och uppdrar åt nämnderna "
        "att vidta åtgärder för en budget i balans."]},
    {"n": 114, "head": "§ 114", "title": "Motion om laddstolpar vid kommunens förskolor",
     "dnr": "KS 2024/00877", "body": [
        "Dnr KS 2024/00877",
        "##Ärendebeskrivning",
        "Stina Holm (V) har i en motion föreslagit att laddstolpar ska sättas upp vid kommunens "
        "förskolor för personalens och föräldrarnas fordon.",
        "##Kommunstyrelsens förslag till kommunfullmäktige",
        "Kommunfullmäktige avslår motionen med hänvisning till förvaltningens yttrande."]},
    {"n": 115, "head": "§ 115", "title": "Delegationsbeslut och meddelanden",
     "dnr": "KS 2025/00033", "body": [
        "Dnr KS 2025/00033",
        "##Kommunstyrelsens beslut",
        "Redovisningen av delegationsbeslut och meddelanden läggs till handlingarna."]},
]
P1 = {
    "kind": "Sammanträdesprotokoll",
    "header_left": "NORRVIKS KOMMUN", "header_body": "Kommunstyrelsen",
    "header_date": "Sammanträdesdatum 2025-09-17",
    "cover": [
        ("Plats och tid", "Kommunhuset, sammanträdesrum Ljusnan, onsdagen den 17 september 2025 "
                          "kl. 08:30–11:45"),
        ("Beslutande", "Se närvarolista nedan"),
        ("Övriga närvarande", "Helena Sjöberg, kommundirektör\nOlof Dahl, ekonomichef\n"
                              "Maja Wik, nämndsekreterare"),
        ("Utses att justera", "Petra Lindqvist (M)"),
        ("Justeringens plats och tid", "Kommunkansliet, måndagen den 22 september 2025"),
        ("Protokollet omfattar", "§§ 112–115"),
    ],
    "people": [
        ("Beslutande ledamöter", [
            ["Anders Nyberg", "S", "ordförande"],
            ["Petra Lindqvist", "M", "vice ordförande"],
            ["Jonas Ekström", "S", ""],
            ["Fatima Rahimi", "S", ""],
            ["Gustav Berglund", "C", ""],
            ["Elin Söderström", "SD", ""],
            ["Rolf Hägg", "S", "ersätter Karin Ås (S)"],
        ], [6 * cm, 2 * cm, 8 * cm]),
        ("Ersättare", [
            ["Linnea Forsberg", "M", ""],
            ["Tomas Åkesson", "KD", ""],
        ], [6 * cm, 2 * cm, 8 * cm]),
    ],
    "agenda_heading": "Ärendelista",
    "items": ITEMS1,
    "signatures": [
        ["Sekreterare", ""],
        ["\n\n.................................\nMaja Wik", ""],
        ["Ordförande", "Justerande"],
        ["\n\n.................................\nAnders Nyberg",
         "\n\n.................................\nPetra Lindqvist"],
    ],
    "anslag": [
        ["Organ", "Kommunstyrelsen"],
        ["Sammanträdesdatum", "2025-09-17"],
        ["Datum då anslaget sätts upp", "2025-09-23"],
        ["Datum då anslaget tas ned", "2025-10-15"],
        ["Förvaringsplats för protokollet", "Kommunkansliet, Norrviks kommun"],
        ["Underskrift", "\n.................................\nMaja Wik"],
    ],
}
P1["agenda"] = agenda(ITEMS1, [3, 3, 4, 4])

# --- 2: label and value far apart, serif, titles wrapping, hyphenated line ends -------------
ITEMS2 = [
    {"n": 41, "head": "MBN § 41", "title": "Justering av protokoll", "body": [
        "##Beslut",
        "Miljö- och byggnadsnämnden beslutar att Kerstin Udd (L) utses att justera dagens "
        "protokoll."]},
    {"n": 42, "head": "MBN § 42",
     "title": "Ansökan om bygglov för nybyggnad av flerbostadshus på fastigheten Tallbacken 4:12",
     "dnr": "MBN 2026/0153", "body": [
        "Diarienummer: MBN 2026/0153",
        "##Ärendet",
        "Sökanden ansöker om bygglov för ett flerbostadshus i fyra våningar med 24 lägenheter. "
        "Åtgärden följer detaljplanen.",
        "##Beslut",
        "Miljö- och byggnadsnämnden beviljar bygglov med stöd av 9 kap. 30 § plan- och "
        "bygglagen. Avgiften för lovet fastställs enligt nämndens taxa till 48 200 kro-\nnor."]},
    {"n": 43, "head": "MBN § 43", "title": "Tillsynsplan för miljöbalksområdet 2026",
     "dnr": "MBN 2025/0988", "body": [
        "Diarienummer: MBN 2025/0988",
        "##Ärendet",
        "Nämnden ska varje år anta en plan för sin tillsyn enligt miljöbalken och livs-\n"
        "medelslagstiftningen.",
        "##Beslut",
        "Miljö- och byggnadsnämnden antar tillsynsplanen för miljöbalks-\nområdet 2026."]},
]
P2 = {
    "kind": "PROTOKOLL",
    "header_left": "Strömsby kommun", "header_body": "Miljö- och byggnadsnämnden",
    "header_date": "2026-02-11",
    "cover": [
        ("Sammanträdesdatum", "2026-02-11"),
        ("Plats och tid", "Stadshuset, Sessionssalen, kl. 13:15–16:40"),
        ("Justerare", "Kerstin Udd (L)"),
        ("Justeringsdag", "2026-02-16"),
        ("Paragrafer", "41–43"),
        ("Sekreterare", "Nils Grahn"),
        ("Ordförande", "Barbro Östman"),
    ],
    "people": [
        ("Närvarande ledamöter", [
            ["Barbro Östman (C)", "ordförande"],
            ["Kerstin Udd (L)", ""],
            ["Mikael Järvi (S)", ""],
            ["Sofia Bäckström (M)", ""],
            ["Hassan Ali (S)", "tjänstgörande ersättare för Ove Ling (S)"],
        ], [6.5 * cm, 9.5 * cm]),
        ("Ej tjänstgörande ersättare", [
            ["Greta Malm (M)", ""],
        ], [6.5 * cm, 9.5 * cm]),
    ],
    "agenda_heading": "Föredragningslista",
    "items": ITEMS2,
    "signatures": [
        ["Sekreterare", "Ordförande"],
        ["\n\n.................................\nNils Grahn",
         "\n\n.................................\nBarbro Östman"],
        ["Justerare", ""],
        ["\n\n.................................\nKerstin Udd", ""],
    ],
    "anslag": [
        ["Anslaget sätts upp", "2026-02-17"],
        ["Anslaget tas ned", "2026-03-11"],
        ["Förvaringsplats", "Miljö- och byggförvaltningen"],
    ],
}
P2["agenda"] = agenda(ITEMS2, [3, 3, 4])

# --- 3: a publishing system's look, the whole cover in one table, parties in their own cell --
ITEMS3 = [
    {"n": 7, "head": "§ 7", "title": "Val av justerare", "body": [
        "##Beslut",
        "Barn- och utbildningsnämnden utser Ida Rask (S) att justera protokollet."]},
    {"n": 8, "head": "§ 8", "title": "Skolpliktsbevakning", "dnr": "BUN 2026/14", "body": [
        "Dnr BUN 2026/14",
        "##Förslag till beslut",
        "Barn- och utbildningsnämnden godkänner rapporten om skolpliktsbevakning.",
        "##Beslut",
        "Barn- och utbildningsnämnden godkänner rapporten om skolpliktsbevakning."]},
    {"n": 9, "head": "§ 9", "title": "Revidering av riktlinjer för skolskjuts", "dnr": "BUN 2025/311",
     "body": [
        "Dnr BUN 2025/311",
        "##Beslut",
        "Barn- och utbildningsnämnden antar reviderade riktlinjer för skolskjuts att gälla från "
        "och med den 1 juli 2026."]},
]
P3 = {
    "kind": "Protokoll",
    "header_left": "Älvnäs kommun", "header_body": "Barn- och utbildningsnämnden",
    "header_date": "Datum 2026-01-28",
    "cover": [
        ("Plats och tid", "Kommunhuset, Älvsalen\nkl. 09.00–10.30"),
        ("Beslutande", "Ingrid Vass (S), ordförande\nIda Rask (S)\nPeter Kron (M)\n"
                       "Amir Said (SD)\nLars Bro (S) ersätter Eva Ny (S)"),
        ("Ersättare", "Hanna Fält (M)\nJohan Ek (C)"),
        ("Övriga", "Mia Lund, förvaltningschef\nKim Ros, sekreterare"),
        ("Justerare", "Ida Rask"),
        ("Justeringens plats och tid", "Kommunhuset 2026-02-02"),
        ("Paragrafer", "§§ 7–9"),
    ],
    "people": [],
    "agenda_heading": "Ärenden",
    "items": ITEMS3,
    "signatures": [
        ["Ordförande", "Justerare"],
        ["\n\n.................................\nIngrid Vass",
         "\n\n.................................\nIda Rask"],
        ["Sekreterare", ""],
        ["\n\n.................................\nKim Ros", ""],
    ],
    "anslag": [
        ["Organ", "Barn- och utbildningsnämnden"],
        ["Sammanträdesdatum", "2026-01-28"],
        ["Anslaget publiceras", "2026-02-03"],
        ["Anslaget avpubliceras", "2026-02-25"],
    ],
}
P3["agenda"] = agenda(ITEMS3, [2, 2, 3])

# --- 4: page furniture written after the content, justified text, the § line with its Dnr ---
ITEMS4 = [
    {"n": 12, "head": "KF § 12", "title": "Val av justerare", "body": [
        "##Beslut",
        "Kommunfullmäktige utser Leila Haddad (S) och Per-Olof Strand (M) att justera dagens "
        "protokoll."]},
    {"n": 13, "head": "KF § 13", "dnr_right": "Dnr KS 2025/512",
     "title": "Detaljplan för bostäder vid det gamla vatten-\nverket, Broviken 2:41", "body": [
        "##Ärendebeskrivning",
        "Planen gör det möjligt att bygga omkring 60 bostäder i form av radhus och "
        "flerbostadshus på den mark där det gamla vattenverket stod. Granskningen visade att "
        "dagvattnet kan tas om hand inom planområdet.",
        "##Beslut",
        "Kommunfullmäktige antar detaljplanen för bostäder vid det gamla vattenverket, "
        "Broviken 2:41, i enlighet med kommunstyrelsens förslag."]},
    {"n": 14, "head": "KF § 14", "dnr_right": "Dnr KS 2025/630",
     "title": "Revisionsberättelse och ansvarsfrihet för Brovikens Energi AB", "body": [
        "##Ärendebeskrivning",
        "Revisorerna tillstyrker att styrelsen och verkställande direktören beviljas ansvars-\n"
        "frihet för räkenskapsåret 2025.",
        "##Beslut",
        "Kommunfullmäktige beviljar styrelsen ansvarsfrihet för räkenskapsåret 2025."]},
    {"n": 15, "head": "KF § 15", "dnr_right": "Dnr KS 2026/019",
     "title": "Avsägelser och fyllnadsval", "body": [
        "##Beslut",
        "Kommunfullmäktige beviljar avsägelsen och väljer Oskar Lindh (M) till ny ersättare i "
        "ﬁnansutskottet för tiden till och med den 31 december 2026."]},
]
P4 = {
    "kind": "SAMMANTRÄDESPROTOKOLL",
    "header_left": "Brovikens kommun", "header_body": "Kommunfullmäktige",
    "header_date": "2026-03-03",
    "cover": [
        ("Plats och tid", "Brovikens Folkets hus, Stora salen\n"
                          "tisdagen den 3 mars 2026, kl. 18.30–21.05"),
        ("Beslutande", "Se bifogad närvarolista, bilaga 1"),
        ("Övriga närvarande", "Ulla Grip, kommundirektör\nJens Holt, kommunsekreterare"),
        ("Justerare", "Leila Haddad (S)\nPer-Olof Strand (M)"),
        ("Justeringens plats och tid", "Kommunledningskontoret, fredagen den 6 mars 2026"),
        ("Paragrafer", "§§ 12–15"),
    ],
    "people": [],
    "agenda_heading": "Ärendeförteckning",
    "items": ITEMS4,
    "signatures": [
        ["Sekreterare", ""],
        ["\n\n.................................\nJens Holt", ""],
        ["Ordförande", "Justerare"],
        ["\n\n.................................\nKent Ulfsson",
         "\n\n.................................\nLeila Haddad"],
        ["", "\n\n.................................\nPer-Olof Strand"],
    ],
    "anslag": [
        ["Organ", "Kommunfullmäktige"],
        ["Sammanträdesdatum", "2026-03-03"],
        ["Datum då anslaget sätts upp på kommunens digitala anslagstavla", "2026-03-09"],
        ["Datum då anslaget tas ned från kommunens digitala anslagstavla", "2026-03-31"],
        ["Förvaringsplats för protokollet", "Kommunledningskontoret"],
    ],
    "appendix": ("Bilaga 1 Närvarolista KF 2026-03-03", [
        ["Ledamöter", "Parti", "Närvarande", "Tjänstgörande ersättare"],
        ["Kent Ulfsson, ordförande", "S", "X", ""],
        ["Leila Haddad", "S", "X", ""],
        ["Per-Olof Strand", "M", "X", ""],
        ["Marianne Krook", "M", "", "Oskar Lindh (M)"],
        ["Yusuf Demir", "V", "X", ""],
        ["Anna-Karin Blom", "SD", "", "Britt Ståhl (SD)"],
        ["Henrik Rosén", "C", "X", ""],
    ], [5.6 * cm, 1.4 * cm, 3 * cm, 6 * cm]),
}
P4["agenda"] = agenda(ITEMS4, [2, 2, 3, 3])

# --- 5: the cover in four columns (two label/value pairs a row), lists side by side ---------
ITEMS5 = [
    {"n": 88, "head": "SN § 88", "title": "Val av justerare", "body": [
        "##Socialnämndens beslut",
        "Socialnämnden utser Amanda Kvist (KD) att justera protokollet."]},
    {"n": 89, "head": "SN § 89", "dnr_right": "SN 2025/201", "title": "Månadsrapport oktober 2025",
     "body": [
        "##Socialnämndens beslut",
        "Socialnämnden godkänner månadsrapporten för oktober 2025."]},
    {"n": 90, "head": "SN § 90", "dnr_right": "SN 2025/188",
     "title": "Yttrande över motion om ﬂexibel hemtjänst", "body": [
        "##Socialnämndens beslut",
        "Socialnämnden antar förvaltningens yttrande som sitt eget och överlämnar det till "
        "kommunstyrelsen."]},
    {"n": 91, "head": "SN § 91", "dnr_right": "SN 2025/044",
     "title": "Ej verkställda beslut enligt SoL och LSS, kvartal 3", "body": [
        "##Socialnämndens beslut",
        "Socialnämnden överlämnar rapporten till kommunfullmäktige och revisorerna."]},
]
P5 = {
    "kind": "Protokoll",
    "header_left": "HEDEBY KOMMUN", "header_body": "Socialnämnden",
    "header_date": "Sammanträdesdatum 2025-11-20",
    "cover4": [
        ["Sammanträdesdatum", "2025-11-20", "Paragrafer", "§§ 88–91"],
        ["Plats och tid", "Socialkontoret, rum Björken, kl. 13:00–15:30", "Justerare",
         "Amanda Kvist (KD)"],
        ["Justeringsdatum", "2025-11-25", "Sekreterare", "Lena Olausson"],
    ],
    "people": [
        ("", [
            ["<b>Beslutande ledamöter</b>", "", "<b>Närvarande ersättare</b>", ""],
            ["Stefan Ljung, ordförande", "KD", "Maria Hed", "S"],
            ["Amanda Kvist", "KD", "Oscar Brandt", "M"],
            ["Roger Fäldt", "S", "", ""],
            ["Nadia Karimi", "S", "", ""],
            ["Sara Öst, ersätter Bo Lax (S)", "S", "", ""],
        ], [5.5 * cm, 1.5 * cm, 5.5 * cm, 1.5 * cm]),
    ],
    "agenda_heading": "Ärenden",
    "items": ITEMS5,
    "signatures": [
        ["Ordförande", "Justerare"],
        ["\n\n.................................\nStefan Ljung",
         "\n\n.................................\nAmanda Kvist"],
        ["Sekreterare", ""],
        ["\n\n.................................\nLena Olausson", ""],
    ],
    "anslag": [
        ["Organ", "Socialnämnden"],
        ["Datum för anslags uppsättande", "2025-11-26"],
        ["Datum för anslags nedtagande", "2025-12-18"],
    ],
}
P5["agenda"] = agenda(ITEMS5, [2, 2, 2, 3])


# --- 6: the cover as two text boxes, labels first, then values -----------------------------
ITEMS6 = [
    {"n": 23, "head": "§ 23", "title": "Val av justerare", "body": [
        "##Beslut",
        "Tekniska nämnden utser Johanna Berg (C) att justera protokollet."]},
    {"n": 24, "head": "§ 24", "dnr_right": "TN 2026/77", "title": "Taxa för vatten och avlopp 2027",
     "body": [
        "##Beslut",
        "Tekniska nämnden föreslår kommunfullmäktige att anta taxan för vatten och avlopp 2027."]},
]
P6 = {
    "kind": "Sammanträdesprotokoll",
    "header_left": "Ljungås kommun", "header_body": "Tekniska nämnden",
    "header_date": "2026-05-19",
    "frames": [
        ("Sammanträdesdatum", "2026-05-19"),
        ("Plats och tid", "Stadshuset, Smålandsrummet, kl. 08:30–10:15"),
        ("Beslutande", "Göran Lilja (S), ordförande"),
        ("", "Johanna Berg (C)"),
        ("", "Ali Hassan (M)"),
        ("Ersättare", "Eva Stål (S)"),
        ("Justerare", "Johanna Berg (C)"),
        ("Paragrafer", "§§ 23–24"),
    ],
    "people": [],
    "agenda_heading": "Ärenden",
    "items": ITEMS6,
    "signatures": [
        ["Ordförande", "Justerare"],
        ["\n\n.................................\nGöran Lilja",
         "\n\n.................................\nJohanna Berg"],
    ],
    "anslag": [
        ["Anslaget sätts upp", "2026-05-25"],
        ["Anslaget tas ned", "2026-06-16"],
    ],
}
P6["agenda"] = agenda(ITEMS6, [1, 1])


# --- 7: landscape appendices on turned pages (/Rotate 90 and 270) ---------------------------
VOTES7 = [
    ["Ledamot", "Parti", "Ja", "Nej", "Avstår"],
    ["Kristina Holmberg, ordförande", "M", "X", "", ""],
    ["Jan-Erik Sundin", "S", "", "X", ""],
    ["Annika Vall", "C", "X", "", ""],
    ["Mehmet Yilmaz", "S", "", "X", ""],
    ["Sven Rudholm", "SD", "X", "", ""],
    ["Birgitta Ahl", "L", "", "", "X"],
    ["Tove Lindström", "KD", "X", "", ""],
    ["Summa", "", "4", "2", "1"],
]
BUDGET7 = [
    ["Nämnd", "Budget 2026 (tkr)", "Budget 2027 (tkr)", "Förändring (tkr)", "Förändring (%)"],
    ["1 Kommunstyrelsen", "84 200", "86 900", "2 700", "3,2"],
    ["2 Barn- och utbildningsnämnden", "612 400", "628 100", "15 700", "2,6"],
    ["3 Socialnämnden", "498 300", "515 000", "16 700", "3,4"],
    ["4 Kultur- och fritidsnämnden", "41 800", "42 600", "800", "1,9"],
    ["5 Tekniska nämnden", "73 500", "75 200", "1 700", "2,3"],
    ["Summa nämnder", "1 310 200", "1 347 800", "37 600", "2,9"],
]
ITEMS7 = [
    {"n": 45, "head": "§ 45", "title": "Val av justerare", "body": [
        "##Beslut",
        "Kommunfullmäktige utser Annika Vall (C) och Mehmet Yilmaz (S) att justera protokollet."]},
    {"n": 46, "head": "§ 46", "dnr_right": "KS 2026/118",
     "title": "Ändrade öppettider i kommunens simhallar", "body": [
        "##Yrkanden",
        "Jan-Erik Sundin (S) yrkar avslag på kommunstyrelsens förslag.",
        "##Omröstning",
        "Omröstning begärs och verkställs. Med 4 ja-röster mot 2 nej-röster och 1 som avstår "
        "bifaller kommunfullmäktige kommunstyrelsens förslag, se bilaga 1.",
        "##Beslut",
        "Kommunfullmäktige beslutar att simhallarnas öppettider ändras enligt "
        "kommunstyrelsens förslag från och med den 1 augusti 2026."],
     "rotated": (90, "Bilaga 1 Omröstningslista § 46", VOTES7,
                 [8 * cm, 2 * cm, 2.5 * cm, 2.5 * cm, 2.5 * cm])},
    {"n": 47, "head": "§ 47", "dnr_right": "KS 2026/097",
     "title": "Budget 2027 och ekonomisk plan 2028–2029", "body": [
        "##Ärendebeskrivning",
        "Kommunstyrelsen har lagt fram förslag till budget för 2027 med ramar per nämnd, se "
        "bilaga 2.",
        "##Beslut",
        "Kommunfullmäktige fastställer budget för 2027 och ekonomisk plan för 2028–2029 enligt "
        "bilaga 2."]},
    {"n": 48, "head": "§ 48", "dnr_right": "KS 2026/131",
     "title": "Anmälan av medborgarförslag om utegym", "body": [
        "##Beslut",
        "Medborgarförslaget överlämnas till kultur- och fritidsnämnden för beredning."]},
]
P7 = {
    "kind": "Sammanträdesprotokoll",
    "header_left": "VÄSTERLUNDA KOMMUN", "header_body": "Kommunfullmäktige",
    "header_date": "Sammanträdesdatum 2026-06-15",
    "cover": [
        ("Plats och tid", "Kommunhuset, fullmäktigesalen, måndagen den 15 juni 2026 "
                          "kl. 18:00–20:40"),
        ("Beslutande", "Se närvarolista nedan"),
        ("Utses att justera", "Annika Vall (C)\nMehmet Yilmaz (S)"),
        ("Justeringens plats och tid", "Kommunkansliet, torsdagen den 18 juni 2026"),
        ("Paragrafer", "§§ 45–48"),
    ],
    "people": [
        ("Beslutande", [
            ["Kristina Holmberg", "M", "ordförande"],
            ["Jan-Erik Sundin", "S", ""],
            ["Annika Vall", "C", ""],
            ["Mehmet Yilmaz", "S", ""],
            ["Sven Rudholm", "SD", ""],
            ["Birgitta Ahl", "L", ""],
            ["Tove Lindström", "KD", "ersätter Olle Berg (KD)"],
        ], [6 * cm, 2 * cm, 8 * cm]),
        ("Ersättare", [
            ["Ingela Torp", "S", ""],
        ], [6 * cm, 2 * cm, 8 * cm]),
    ],
    "agenda_heading": "Ärendelista",
    "items": ITEMS7,
    "signatures": [
        ["Ordförande", "Sekreterare"],
        ["\n\n.................................\nKristina Holmberg",
         "\n\n.................................\nPär Nyman"],
        ["Justerare", "Justerare"],
        ["\n\n.................................\nAnnika Vall",
         "\n\n.................................\nMehmet Yilmaz"],
    ],
    "anslag": [
        ["Organ", "Kommunfullmäktige"],
        ["Sammanträdesdatum", "2026-06-15"],
        ["Datum då anslaget sätts upp", "2026-06-19"],
        ["Datum då anslaget tas ned", "2026-07-13"],
    ],
    "rotated": [(270, "Bilaga 2 Driftbudget 2027 per nämnd", BUDGET7,
                 [7.5 * cm, 4 * cm, 4 * cm, 4 * cm, 3.5 * cm])],
}
P7["agenda"] = agenda(ITEMS7, [2, 2, 4, 4])

# --- 8: words broken at line ends as a real PDF's text gives them: soft hyphens (U+00AD, drawn
# as a hyphen and mapped so by the font's ToUnicode), hyphens that belong to the word, suspended
# compounds, in titles, decisions and names -------------------------------------------------
SHY = "\u00ad"
ITEMS8 = [
    {"n": 12, "head": "KS § 12", "title": "Val av justerare", "body": [
        "##Beslut",
        "Kommunstyrelsen utser Eva-\nLena Ståhl (S) att justera protokollet."]},
    {"n": 13, "head": "KS § 13", "dnr_right": "KS 2026/201",
     "title": f"Handlingsplan för informationssä{SHY}\nkerhet 2027", "body": [
        "##Ärendebeskrivning",
        f"Förvaltningen har tagit fram en plan för kommunens informations{SHY}\nsäkerhetsarbete.",
        "##Beslut",
        f"Kommunstyrelsen antar handlingsplanen för informationssä{SHY}\nkerhet och uppdrar åt "
        "barn- och utbildningsnämnden samt miljö-\noch byggnadsnämnden att redovisa sina "
        "åtgärder."]},
    {"n": 14, "head": "KS § 14", "dnr_right": "KS 2026/187",
     "title": "Taxa för VA-\nkollektivets tjänster 2027", "body": [
        "##Beslut",
        "Kommunstyrelsen föreslår kommunfullmäktige att VA-\nkollektivets taxa höjs med 4,5 "
        f"procent från och med den 1 ja{SHY}\nnuari 2027."]},
]
P8 = {
    "kind": "Protokoll",
    "header_left": "Forsbacka kommun", "header_body": "Kommunstyrelsen",
    "header_date": "2026-04-08",
    "cover": [
        ("Sammanträdesdatum", "2026-04-08"),
        ("Plats och tid", "Kommunhuset, Forsrummet, kl. 09:00–11:20"),
        ("Justerare", "Eva-\nLena Ståhl (S)"),
        ("Paragrafer", "§§ 12–14"),
    ],
    "people": [
        ("Beslutande", [
            ["Carl-Johan Wester (M)", "ordförande"],
            ["Eva-\nLena Ståhl (S)", ""],
            ["Rikard Norén (S)", ""],
            [f"Annelie Grön{SHY}\nkvist (C)", ""],
        ], [5 * cm, 11 * cm]),
        ("Ersättare", [
            ["Per-\nArne Lidén (L)", ""],
        ], [5 * cm, 11 * cm]),
    ],
    "agenda_heading": "Ärenden",
    "items": ITEMS8,
    "signatures": [
        ["Ordförande", "Justerare"],
        ["\n\n.................................\nCarl-Johan Wester",
         "\n\n.................................\nEva-Lena Ståhl"],
    ],
    "anslag": [
        ["Anslaget sätts upp", "2026-04-14"],
        ["Anslaget tas ned", "2026-05-06"],
    ],
}
P8["agenda"] = agenda(ITEMS8, [1, 1, 2])

# --- 9: two participant lists side by side, the right one longer (rows with only a right-hand
# person) ----------------------------------------------------------------------------------
ITEMS9 = [
    {"n": 31, "head": "ÄN § 31", "title": "Val av justerare", "body": [
        "##Beslut",
        "Äldrenämnden utser Erik Malm (M) att justera protokollet."]},
    {"n": 32, "head": "ÄN § 32", "dnr_right": "ÄN 2026/58", "title": "Verksamhetsplan för hemtjänsten 2027",
     "body": [
        "##Beslut",
        "Äldrenämnden fastställer verksamhetsplanen för hemtjänsten 2027."]},
]
P9 = {
    "kind": "Protokoll",
    "header_left": "SKOGSÅS KOMMUN", "header_body": "Äldrenämnden",
    "header_date": "Sammanträdesdatum 2026-09-10",
    "cover4": [
        ["Sammanträdesdatum", "2026-09-10", "Paragrafer", "§§ 31–32"],
        ["Plats och tid", "Kommunhuset, rum Ekorren, kl. 13:00–14:45", "Justerare", "Erik Malm (M)"],
    ],
    "people": [
        ("", [
            ["<b>Beslutande ledamöter</b>", "", "<b>Närvarande ersättare</b>", ""],
            ["Helena Strand, ordförande", "S", "Jonas Lind", "S"],
            ["Erik Malm", "M", "Sara Bergh", "M"],
            ["Farah Said", "S", "Ola Nyqvist", "C"],
            ["", "", "Petra Alm", "V"],
            ["", "", "Tobias Rehn", "SD"],
        ], [5.5 * cm, 1.5 * cm, 5.5 * cm, 1.5 * cm]),
    ],
    "agenda_heading": "Ärenden",
    "items": ITEMS9,
    "signatures": [
        ["Ordförande", "Justerare"],
        ["\n\n.................................\nHelena Strand",
         "\n\n.................................\nErik Malm"],
    ],
    "anslag": [
        ["Datum för anslags uppsättande", "2026-09-15"],
        ["Datum för anslags nedtagande", "2026-10-07"],
    ],
}
P9["agenda"] = agenda(ITEMS9, [1, 1])


# --- free layouts: a story of blocks, for templates the fixed order above does not fit -------
def build_free(name, lay, p):
    """Writes `name.pdf` from `p["blocks"]` in order: ("h", text) a bold heading, ("t", text)
    running text, ("ht", text) and ("tt", text) the same set tight (no space between them), ("grid", rows, widths, boxed, header) a table (with `header`, its first row
    bold), ("hang", head, title, paragraphs) a § head in a narrow left column beside its title
    and text (as templates with a heading margin set them), ("margin", head, dnr, title,
    paragraphs) the same with the Dnr under the § head in the margin column, ("space", points), ("page",). A
    running header (`header`: left lines, right lines with {page} and {pages}) and a footer
    (`footer`: left and right text) on every page."""
    path = os.path.join(HERE, name + ".pdf")
    pages = 1
    for _ in range(2):
        pages = build_free_once(path, lay, p, pages)


def build_free_once(path, lay, p, pages):
    story = []
    plain, bold = lay.style(space_after=0), lay.style(bold=True, space_after=0)
    for b in p["blocks"]:
        kind = b[0]
        if kind == "h":
            story.append(para(b[1], lay.style(bold=True, size=lay.head_size, space_before=10,
                                              space_after=4)))
        elif kind == "t":
            story.append(para(b[1], lay.style(space_after=4, body=True)))
        elif kind == "rgrid":  # a cover whose labels are set flush right against their values
            _, rows, widths = b
            right = ParagraphStyle("rl", parent=bold, alignment=TA_RIGHT)
            data = [[para(l, right), para(v, plain)] for l, v in rows]
            t = Table(data, colWidths=widths, hAlign="LEFT")
            t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                                   ("LEFTPADDING", (0, 0), (-1, -1), 4),
                                   ("RIGHTPADDING", (0, 0), (-1, -1), 4)]))
            story.append(t)
        elif kind == "ht":  # a bold heading set tight, no space around it
            story.append(para(b[1], lay.style(bold=True, space_after=0)))
        elif kind == "tt":  # running text set tight, no space after it
            story.append(para(b[1], lay.style(space_after=0, body=True)))
        elif kind == "space":
            story.append(Spacer(1, b[1]))
        elif kind == "page":
            story.append(PageBreak())
        elif kind == "grid":
            _, rows, widths, boxed, header = b
            data = [[para(c, bold if (header and r == 0) else plain) for c in row]
                    for r, row in enumerate(rows)]
            t = Table(data, colWidths=widths, hAlign="LEFT")
            cmds = [("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 3)]
            if boxed:
                cmds.append(("GRID", (0, 0), (-1, -1), 0.5, colors.black))
            t.setStyle(TableStyle(cmds))
            story.append(t)
        elif kind == "margin":  # the § number over its Dnr in a margin column beside the text
            _, head, dnr, title, paras = b
            small = lay.style(size=lay.size - 1.5, space_after=0)
            left = [para(head, lay.style(bold=True, size=lay.size + 1, space_after=2))]
            if dnr:
                left.append(para(dnr, small))
            right = [para(title, lay.style(bold=True, size=lay.size + 1, space_after=6))]
            for x in paras:
                if x.startswith("##"):
                    right.append(para(x[2:].strip(), lay.style(bold=True, space_before=4)))
                else:
                    right.append(para(x, lay.style(space_after=4, body=True)))
            t = Table([[left, right]], colWidths=[3.4 * cm, 13.6 * cm], hAlign="LEFT",
                      style=[("VALIGN", (0, 0), (-1, -1), "TOP"),
                             ("LEFTPADDING", (0, 0), (-1, -1), 0),
                             ("TOPPADDING", (0, 0), (-1, -1), 12)])
            story.append(t)
        elif kind == "beside":  # a cover table and a boxed stamp beside it, top-aligned
            _, left_rows, left_widths, right_rows, right_widths = b
            lt = Table([[para(c, bold if i == 0 else plain) for i, c in enumerate(r)]
                        for r in left_rows], colWidths=left_widths, hAlign="LEFT")
            lt.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                                    ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
            small = lay.style(size=lay.size - 1, space_after=0)
            rt = Table([[para(c, small) for c in r] for r in right_rows],
                       colWidths=right_widths, hAlign="LEFT")
            rt.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                                    ("BOX", (0, 0), (-1, -1), 0.8, colors.black),
                                    ("LEFTPADDING", (0, 0), (-1, -1), 3)]))
            t = Table([[lt, rt]], colWidths=[sum(left_widths) + 0.4 * cm, sum(right_widths)],
                      hAlign="LEFT")
            t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                                   ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
            story.append(t)
        elif kind == "hang":
            _, head, title, paras = b
            right = [para(title, lay.style(bold=True, size=lay.size + 1, space_after=6))]
            for x in paras:
                if x.startswith("##"):
                    right.append(para(x[2:].strip(), lay.style(bold=True, space_before=4)))
                else:
                    right.append(para(x, lay.style(space_after=4, body=True)))
            t = Table([[para(head, lay.style(bold=True, size=lay.size + 1)), right]],
                      colWidths=[2.6 * cm, 14.4 * cm], hAlign="LEFT",
                      style=[("VALIGN", (0, 0), (-1, -1), "TOP"),
                             ("LEFTPADDING", (0, 0), (-1, -1), 0),
                             ("TOPPADDING", (0, 0), (-1, -1), 10)])
            story.append(t)

    def furniture(total):
        def draw(canvas, doc):
            canvas.saveState()
            canvas.setFont(lay.font, 8.5)
            top = A4[1] - 1.2 * cm
            # a first page of its own look ("first_header"), as covers often have
            left, right = p["first_header"] if doc.page == 1 and "first_header" in p else p["header"]
            for k, line in enumerate(left):
                canvas.drawString(2 * cm, top - 11 * k, line)
            for k, line in enumerate(right):
                canvas.drawRightString(A4[0] - 2 * cm, top - 11 * k,
                                       line.format(page=doc.page, pages=total))
            # a header of three columns: its middle cell centred on the page
            for k, line in enumerate(p.get("header_mid", [])):
                if doc.page == 1 and "first_header" in p:
                    break
                canvas.drawCentredString(A4[0] / 2, top - 11 * k,
                                         line.format(page=doc.page, pages=total))
            # text set upright along a page edge, read bottom to top ("vertical": (x, text))
            for x, line in p.get("vertical", []):
                canvas.saveState()
                canvas.translate(x, 3 * cm)
                canvas.rotate(90)
                canvas.drawString(0, 0, line.format(page=doc.page, pages=total))
                canvas.restoreState()
            fl, fr = p["footer"]
            canvas.line(2 * cm, 2.3 * cm, A4[0] - 2 * cm, 2.3 * cm)
            canvas.drawString(2 * cm, 1.8 * cm, fl.format(page=doc.page, pages=total))
            canvas.drawRightString(A4[0] - 2 * cm, 1.8 * cm, fr.format(page=doc.page, pages=total))
            canvas.restoreState()
        return draw

    doc = SimpleDocTemplate(path, pagesize=A4, topMargin=2.8 * cm, bottomMargin=3 * cm,
                            leftMargin=2 * cm, rightMargin=2 * cm, title=os.path.basename(path),
                            author="Kansli test", creator="Kansli test", producer="Kansli",
                            invariant=1)
    doc.build(story, onFirstPage=furniture(pages), onLaterPages=furniture(pages))
    return doc.page


DOTS = "\n\n................................."

# --- 10: Ciceron's look: the attendance as one table of three lists with their labels as the
# header row, the Dnr flush right on the § line, "Paragrafer" beside the signature ---------------
P10 = {
    "header": (["Hofors kommun", "Kommunstyrelsens arbetsutskott"],
               ["SAMMANTRÄDESPROTOKOLL", "Sammanträdesdatum 2025-04-07", "Sida {page}({pages})"]),
    "footer": ("Justerandes sign", "Utdragsbestyrkande"),
    "blocks": [
        ("grid", [["Plats och tid", "Kommunhuset, sammanträdesrum Björken, måndagen den 7 april "
                                    "2025 kl. 08.30–12.15, ajournering 10.05–10.20"]],
         [4.5 * cm, 12.5 * cm], False, False),
        ("space", 8),
        ("grid", [["Närvarande ledamöter", "Övriga närvarande", "Tjänstepersoner"],
                  ["Gunilla Berg (S), ordförande", "Tomas Ringh (S), ersättare",
                   "Åke Lindgren, kommunchef"],
                  ["Hasse Ström (M), vice ordförande", "Mira Kask (V), ersättare",
                   "Sofie Dahl, nämndsekreterare"],
                  ["Leila Amini (S)", "", "Carl Wiberg, ekonomichef §§ 41–42"],
                  ["Jens Rapp (C)", "", ""],
                  ["Ulla Norrby (L) ers. för Ivar Lönn (M)", "", ""]],
         [6.2 * cm, 5.4 * cm, 5.4 * cm], True, True),
        ("space", 8),
        ("grid", [["Utses att justera", "Hasse Ström"],
                  ["Justeringens plats och tid", "Kommunkansliet, torsdagen den 10 april 2025"]],
         [4.5 * cm, 12.5 * cm], False, False),
        ("space", 8),
        ("grid", [["Underskrifter", "Sekreterare" + DOTS + "\nSofie Dahl", "Paragrafer 40–42"],
                  ["", "Ordförande" + DOTS + "\nGunilla Berg", ""],
                  ["", "Justerande" + DOTS + "\nHasse Ström", ""]],
         [4.5 * cm, 7.5 * cm, 5 * cm], False, False),
        ("space", 12),
        ("h", "ANSLAG/BEVIS"),
        ("t", "Protokollet är justerat. Justeringen har tillkännagivits genom anslag."),
        ("grid", [["Organ", "Kommunstyrelsens arbetsutskott"],
                  ["Sammanträdesdatum", "2025-04-07"],
                  ["Datum då anslaget sätts upp", "2025-04-11"],
                  ["Datum då anslaget tas ned", "2025-05-05"],
                  ["Förvaringsplats för protokollet", "Kommunkansliet, Hofors"]],
         [6 * cm, 11 * cm], True, False),
        ("page",),
        ("grid", [["<b>KSAU § 40</b>", "Dnr KS 2025/00102"]], [8.5 * cm, 8.5 * cm], False, False),
        ("h", "Val av justerare"),
        ("h", "Arbetsutskottets beslut"),
        ("t", "Hasse Ström (M) utses att tillsammans med ordföranden justera dagens protokoll."),
        ("grid", [["<b>KSAU § 41</b>", "Dnr KS 2025/00064"]], [8.5 * cm, 8.5 * cm], False, False),
        ("h", "Budgetuppföljning mars 2025 för kommunstyrelsens verksamheter"),
        ("h", "Ärendebeskrivning"),
        ("t", "Ekonomiavdelningen redovisar en prognos med ett underskott om 2,4 miljoner kronor. "
              "Ekonomichef Carl Wiberg föredrar ärendet."),
        ("h", "Arbetsutskottets förslag till kommunstyrelsen"),
        ("t", "Kommunstyrelsen godkänner budgetuppföljningen för mars 2025 och uppdrar åt "
              "kommunchefen att ta fram en åtgärdsplan."),
        ("grid", [["<b>KSAU § 42</b>", "Dnr KS 2024/00733"]], [8.5 * cm, 8.5 * cm], False, False),
        ("h", "Motion om solceller på kommunens förskolor"),
        ("h", "Yrkanden"),
        ("t", "Mira Kask (V) yrkar bifall till motionen. Gunilla Berg (S) yrkar bifall till "
              "förvaltningens förslag."),
        ("h", "Beslutsgång"),
        ("t", "Ordföranden ställer proposition på yrkandena och finner att arbetsutskottet "
              "beslutar enligt Gunilla Bergs yrkande."),
        ("h", "Arbetsutskottets förslag till kommunstyrelsen"),
        ("t", "Kommunfullmäktige anser motionen besvarad."),
    ],
}

# --- 11: iBabs' look: an attendance table with a status column and who replaces the absent,
# § heads in a margin column beside title and text, the notice period in words ----------------
P11 = {
    "header": (["Region Vänerkust", "Regionfullmäktige"], ["Protokoll", "2025-06-17"]),
    "footer": ("Justerare:  ____________   ____________", "Sida {page} av {pages}"),
    "blocks": [
        ("grid", [["Datum", "tisdag 17 juni 2025"], ["Tid", "09:30 - 15:45"],
                  ["Plats", "Regionens hus, Fullmäktigesalen, Vänersborg"]],
         [3.5 * cm, 13.5 * cm], False, False),
        ("h", "Närvarolista"),
        ("grid", [["Namn", "Parti", "Närvaro", "Ersätts av"],
                  ["Karin Alsterlind", "S", "Ordförande", ""],
                  ["Magnus Grå", "M", "1:e vice ordförande", ""],
                  ["Selma Öberg", "S", "Närvarande", ""],
                  ["Patrik Rönn", "SD", "Frånvarande", "Oscar Lif (SD)"],
                  ["Nadia Karimi", "C", "Närvarande", ""],
                  ["Jan Wessel", "V", "Närvarande", ""],
                  ["Eva Tall", "KD", "Frånvarande", "Åsa Brink (KD)"]],
         [5.5 * cm, 2 * cm, 4.5 * cm, 5 * cm], True, True),
        ("space", 6),
        ("t", "<b>Närvarande ej tjänstgörande ersättare:</b> Lotta Ahl (S), Kim Sandell (M)"),
        ("t", "<b>Övriga närvarande:</b> Regiondirektör Anna Gyllen, regionsekreterare "
              "Björn Varg"),
        ("grid", [["Protokollsjusterare", "Nadia Karimi (C), Jan Wessel (V)"],
                  ["Justeringsdatum", "fredag 20 juni 2025"],
                  ["Anslagsperiod", "23 juni–15 juli 2025"],
                  ["Paragrafer", "61–63"]],
         [4.5 * cm, 12.5 * cm], False, False),
        ("hang", "§ 61", "Val av protokollsjusterare", [
            "##Beslut",
            "Regionfullmäktige utser Nadia Karimi (C) och Jan Wessel (V) att justera "
            "protokollet."]),
        ("hang", "§ 62", "Årsredovisning 2024 för Region Vänerkust", [
            "Diarienummer: RS 2025/0188",
            "##Beslut",
            "Regionfullmäktige godkänner årsredovisningen för 2024.",
            "##Beslutsgång",
            "Ordföranden ställer proposition på regionstyrelsens förslag och finner att "
            "regionfullmäktige bifaller förslaget."]),
        ("hang", "§ 63", "Motion om avgiftsfri kollektivtrafik för unga", [
            "Diarienummer: RS 2024/0951",
            "##Yrkanden",
            "Jan Wessel (V) yrkar bifall till motionen. Karin Alsterlind (S) yrkar bifall till "
            "regionstyrelsens förslag.",
            "##Beslut",
            "Regionfullmäktige avslår motionen.",
            "##Reservation",
            "Jan Wessel (V) reserverar sig till förmån för eget yrkande."]),
        ("space", 16),
        ("t", "<b>Vid protokollet</b><br/>Björn Varg, regionsekreterare"),
        ("t", "<b>Justeras</b><br/>Karin Alsterlind, ordförande<br/>Nadia Karimi<br/>Jan Wessel"),
    ],
}

# --- 12: a Word template of a kommunalförbund's förbundsstyrelse (Edoc / Draftit look): the
# members as a table under column headings, the justering with its hour, the three signatures
# side by side in one row under "Underskrifter", the notice told in one sentence, a voting list
# as an appendix after the paragraphs ----------------------------------------------------------
P12 = {
    "header": (["Vård- och omsorgsförbundet Västdal", "Förbundsstyrelsen"],
               ["PROTOKOLL", "2024-03-12", "{page} ({pages})"]),
    "footer": ("Ordförandes sign     Justerandes sign", "Utdragsbestyrkande"),
    "blocks": [
        ("grid", [["Datum och tid", "12 mars 2024 kl. 13:00–16:15"],
                  ["Plats", "Förbundshuset, sammanträdesrum Ån, Kungsälv"],
                  ["Paragrafer", "21–24"]],
         [4.5 * cm, 12.5 * cm], False, False),
        ("h", "Närvarande ledamöter"),
        ("grid", [["Namn", "Parti", "Roll"],
                  ["Margareta Holm", "S", "Ordförande"],
                  ["Fredrik Ås", "M", "Vice ordförande"],
                  ["Yusuf Demir", "S", "Ledamot"],
                  ["Ingrid Lövgren", "C", "Ledamot"],
                  ["Oskar Brandt", "KD", "Tjänstgörande ersättare för Sten Lund (KD)"]],
         [5.5 * cm, 2 * cm, 9.5 * cm], False, True),
        ("h", "Närvarande ersättare"),
        ("grid", [["Namn", "Parti", "Roll"],
                  ["Ebba Nord", "S", "Ersättare"],
                  ["Leo Falk", "V", "Ersättare"]],
         [5.5 * cm, 2 * cm, 9.5 * cm], False, True),
        ("h", "Övriga närvarande"),
        ("t", "Camilla Stjärn, förbundschef; Henrik Moe, förbundssekreterare"),
        ("grid", [["Justerare", "Ingrid Lövgren"],
                  ["Justering", "Förbundskansliet 2024-03-19 kl 10.00"]],
         [4.5 * cm, 12.5 * cm], False, False),
        ("space", 10),
        ("grid", [["Underskrifter", "Sekreterare" + DOTS + "\nHenrik Moe",
                   "Ordförande" + DOTS + "\nMargareta Holm",
                   "Justerande" + DOTS + "\nIngrid Lövgren"]],
         [3.2 * cm, 4.6 * cm, 4.6 * cm, 4.6 * cm], False, False),
        ("space", 10),
        ("t", "Protokollet har justerats 2024-03-19 och anslagits på förbundets anslagstavla "
              "2024-03-20 t.o.m. 2024-04-11. Protokollet förvaras på förbundskansliet."),
        ("page",),
        ("h", "§ 21 Val av justerare"),
        ("t", "Förbundsstyrelsen utser Ingrid Lövgren (C) att justera protokollet."),
        ("h", "§ 22 Delårsbokslut per februari 2024"),
        ("t", "Ärendenummer: VOF 2024/0031"),
        ("h", "Förbundsstyrelsens beslut"),
        ("t", "Förbundsstyrelsen godkänner delårsbokslutet per februari 2024."),
        ("h", "§ 23 Avgifter för hemtjänst 2025"),
        ("t", "Ärendenummer: VOF 2023/0210"),
        ("h", "Yrkanden"),
        ("t", "Fredrik Ås (M) yrkar avslag. Margareta Holm (S) yrkar bifall till förslaget."),
        ("h", "Omröstning"),
        ("t", "Votering begärs och verkställs enligt omröstningslista. Med 4 ja-röster mot 1 "
              "nej-röst bifaller förbundsstyrelsen förslaget."),
        ("h", "Förbundsstyrelsens beslut"),
        ("t", "Förbundsstyrelsen fastställer avgifterna för hemtjänst 2025 enligt förslaget."),
        ("h", "§ 24 Rapporter"),
        ("t", "Ärendenummer: VOF 2024/0002"),
        ("h", "Förbundsstyrelsens beslut"),
        ("t", "Förbundsstyrelsen lägger rapporterna till handlingarna."),
        ("page",),
        ("h", "Omröstningslista"),
        ("t", "§ 23 Avgifter för hemtjänst 2025"),
        ("grid", [["Ledamot", "Parti", "Ja", "Nej", "Avstår"],
                  ["Margareta Holm", "S", "X", "", ""],
                  ["Fredrik Ås", "M", "", "X", ""],
                  ["Yusuf Demir", "S", "X", "", ""],
                  ["Ingrid Lövgren", "C", "X", "", ""],
                  ["Oskar Brandt", "KD", "X", "", ""],
                  ["Summa", "", "4", "1", "0"]],
         [5.5 * cm, 2 * cm, 2 * cm, 2 * cm, 2 * cm], True, True),
    ],
}

# --- 13: a kommunfullmäktige whose attendance is the appendix "Närvaro- och voteringslista": one
# row per seat (number, ledamot, party, present, the ersättare who served in the seat, the vote) -
P13 = {
    "header": (["Norrlida kommun", "Kommunfullmäktige"],
               ["PROTOKOLL", "2024-06-17", "Sida {page} av {pages}"]),
    "footer": ("Justerandes sign", "Utdragsbestyrkande"),
    "blocks": [
        ("grid", [["Plats och tid", "Norrlida Folkets hus, kl. 18.00–20.10"],
                  ["Beslutande", "Se bifogad närvaro- och voteringslista"],
                  ["Ersättare", "Se bifogad närvaro- och voteringslista"],
                  ["Övriga", "Frida Ljung, kommunsekreterare"],
                  ["Justerare", "Per Alm och Nina Rydell"],
                  ["Justeringens plats och tid", "Kommunhuset, 2024-06-20"],
                  ["Paragrafer", "§§ 55–57"]],
         [5 * cm, 12 * cm], False, False),
        ("space", 10),
        ("grid", [["Underskrifter", "Sekreterare" + DOTS + "\nFrida Ljung",
                   "Ordförande" + DOTS + "\nLars Öhrvall",
                   "Justerare" + DOTS + "\nPer Alm   Nina Rydell"]],
         [3.2 * cm, 4.6 * cm, 4.6 * cm, 4.6 * cm], False, False),
        ("space", 10),
        ("h", "ANSLAG/BEVIS"),
        ("grid", [["Organ", "Kommunfullmäktige"],
                  ["Sammanträdesdatum", "2024-06-17"],
                  ["Anslaget sätts upp", "2024-06-21"],
                  ["Anslaget tas ned", "2024-07-13"],
                  ["Förvaringsplats", "Kommunkansliet"]],
         [5 * cm, 12 * cm], False, False),
        ("page",),
        ("h", "§ 55 Val av justerare"),
        ("h", "Kommunfullmäktiges beslut"),
        ("t", "Per Alm (M) och Nina Rydell (S) utses att justera protokollet."),
        ("h", "§ 56 Årsredovisning 2023"),
        ("t", "Dnr KS 2024/51"),
        ("h", "Kommunfullmäktiges beslut"),
        ("t", "Kommunfullmäktige godkänner årsredovisningen för 2023."),
        ("h", "§ 57 Motion om solceller på kommunens tak"),
        ("t", "Dnr KS 2023/190"),
        ("h", "Omröstning"),
        ("t", "Omröstning begärs och verkställs enligt bilagd voteringslista. Med 7 ja-röster "
              "mot 4 nej-röster beslutar fullmäktige enligt kommunstyrelsens förslag."),
        ("h", "Kommunfullmäktiges beslut"),
        ("t", "Motionen avslås."),
        ("page",),
        ("h", "Närvaro- och voteringslista"),
        ("t", "Kommunfullmäktige 2024-06-17, votering § 57"),
        ("grid", [["Nr", "Ledamot", "Parti", "Närv.", "Tjänstgörande ersättare", "Ja", "Nej"],
                  ["1", "Lars Öhrvall, ordf.", "S", "X", "", "X", ""],
                  ["2", "Per Alm", "M", "X", "", "", "X"],
                  ["3", "Nina Rydell", "S", "X", "", "X", ""],
                  ["4", "Sture Kvarn", "S", "", "Amira Saleh (S)", "X", ""],
                  ["5", "Gun Lilja", "C", "X", "", "X", ""],
                  ["6", "Tor Bengtsson", "SD", "X", "", "", "X"],
                  ["7", "Eva Grip", "M", "", "Jon Hallin (M)", "", "X"],
                  ["8", "Inez Sjöberg", "V", "X", "", "X", ""],
                  ["9", "Otto Fahl", "KD", "X", "", "", "X"],
                  ["10", "Maja Strömberg", "S", "X", "", "X", ""],
                  ["11", "Ola Vinter", "L", "X", "", "X", ""],
                  ["", "Summa", "", "9", "2", "7", "4"]],
         [1 * cm, 4.5 * cm, 1.5 * cm, 1.5 * cm, 5 * cm, 1.5 * cm, 1.5 * cm], True, True),
        ("space", 8),
        ("t", "Närvarande ej tjänstgörande ersättare: Britt Holm (C), Karl Ek (SD)"),
    ],
}

# --- 14: a kommunfullmäktige over two days: the days as one date in the running header
# ("2024-06-17--18"), each day's time in the place's cell, a "Dag 2" heading between the
# paragraphs, members and substitutes attending one day ("dag 1") ---------------------------------
P14 = {
    "header": (["Ekerby kommun", "Kommunfullmäktige"],
               ["SAMMANTRÄDESPROTOKOLL", "Sammanträdesdatum 2024-06-17--18", "Sida {page}({pages})"]),
    "footer": ("Justerandes sign", "Utdragsbestyrkande"),
    "blocks": [
        ("grid", [["Plats och tid", "Ekerby kommunhus, fullmäktigesalen\nmåndagen den 17 juni "
                   "kl. 09.00–16.30 och\ntisdagen den 18 juni kl. 09.00–11.50"],
                  ["Beslutande", "Stina Holmér (S), ordförande\nAxel Dufva (M), 1:e vice ordförande\n"
                   "Rut Kallin (C)\nOlof Teng (SD), dag 1\nMirja Lax (V)\n"
                   "Bo Anker (SD), tjänstgörande ersättare för Olof Teng (SD), dag 2"],
                  ["Ersättare", "Greta Sjövall (S), dag 1\nNoak Fors (M), dag 2"],
                  ["Övriga", "Helmer Rask, kommundirektör\nIda Lönnqvist, kommunsekreterare"],
                  ["Justerare", "Axel Dufva och Mirja Lax"],
                  ["Justeringens plats och tid", "Kommunhuset, 2024-06-25"],
                  ["Paragrafer", "§§ 70–73"]],
         [5 * cm, 12 * cm], False, False),
        ("space", 10),
        ("grid", [["Underskrifter", "Sekreterare" + DOTS + "\nIda Lönnqvist",
                   "Ordförande" + DOTS + "\nStina Holmér",
                   "Justerare" + DOTS + "\nAxel Dufva"]],
         [3.2 * cm, 4.6 * cm, 4.6 * cm, 4.6 * cm], False, False),
        ("space", 10),
        ("h", "ANSLAG/BEVIS"),
        ("grid", [["Organ", "Kommunfullmäktige"],
                  ["Sammanträdesdatum", "17–18 juni 2024"],
                  ["Anslaget sätts upp", "2024-06-26"],
                  ["Anslaget tas ned", "2024-07-18"],
                  ["Förvaringsplats", "Kommunkansliet"]],
         [5 * cm, 12 * cm], False, False),
        ("page",),
        ("h", "Dag 1, måndagen den 17 juni 2024"),
        ("h", "§ 70 Val av justerare"),
        ("h", "Kommunfullmäktiges beslut"),
        ("t", "Axel Dufva (M) och Mirja Lax (V) utses att justera protokollet."),
        ("h", "§ 71 Årsredovisning 2023"),
        ("t", "Dnr KS 2024/66"),
        ("h", "Kommunfullmäktiges beslut"),
        ("t", "Kommunfullmäktige godkänner årsredovisningen för 2023."),
        ("t", "Sammanträdet ajourneras kl. 16.30 och fortsätter tisdagen den 18 juni kl. 09.00."),
        ("h", "Dag 2, tisdagen den 18 juni 2024"),
        ("h", "§ 72 Förnyat upprop"),
        ("h", "Kommunfullmäktiges beslut"),
        ("t", "Förnyat upprop förrättas."),
        ("h", "§ 73 Mål och budget 2025–2027"),
        ("t", "Dnr KS 2024/40"),
        ("h", "Kommunfullmäktiges beslut"),
        ("t", "Kommunfullmäktige fastställer mål och budget för 2025–2027."),
    ],
}

# --- 15: paragraph numbers in a margin column under a "§ … Dnr" header row, the title and Dnr
# beside them as table cells, the text under each in the title's column ---------------------------
def margin_row(number, title, dnr, paras):
    rows = [[number, title, dnr]] + [["", x, ""] for x in paras]
    return ("grid", rows, [1.6 * cm, 11.4 * cm, 4 * cm], False, False)


P15 = {
    "header": (["Hammarslund kommun", "Miljö- och byggnämnden"],
               ["PROTOKOLL", "2024-10-08", "Sida {page} av {pages}"]),
    "footer": ("Justerandes sign", "Utdragsbestyrkande"),
    "blocks": [
        ("grid", [["Plats och tid", "Kommunhuset, sal Lärken, kl. 13.00–15.20"],
                  ["Beslutande", "Karl Vinge (C), ordförande\nAnja Bohm (S), vice ordförande\n"
                   "Reza Amini (M)\nTyra Kask (S) ersätter Lisa Fjäll (SD)"],
                  ["Ersättare", "Jens Oxelö (KD)"],
                  ["Övriga", "Märta Ring, miljöchef\nEmil Strand, nämndsekreterare"],
                  ["Justerare", "Anja Bohm"],
                  ["Justeringens plats och tid", "Kommunhuset, 2024-10-11"],
                  ["Paragrafer", "§§ 101–103"]],
         [5 * cm, 12 * cm], False, False),
        ("space", 10),
        ("grid", [["Underskrifter", "Sekreterare" + DOTS + "\nEmil Strand",
                   "Ordförande" + DOTS + "\nKarl Vinge",
                   "Justerare" + DOTS + "\nAnja Bohm"]],
         [3.2 * cm, 4.6 * cm, 4.6 * cm, 4.6 * cm], False, False),
        ("space", 10),
        ("h", "ANSLAG/BEVIS"),
        ("grid", [["Organ", "Miljö- och byggnämnden"],
                  ["Sammanträdesdatum", "2024-10-08"],
                  ["Anslaget sätts upp", "2024-10-14"],
                  ["Anslaget tas ned", "2024-11-05"],
                  ["Förvaringsplats", "Miljö- och byggförvaltningen"]],
         [5 * cm, 12 * cm], False, False),
        ("page",),
        ("grid", [["§", "Ärende", "Dnr"]], [1.6 * cm, 11.4 * cm, 4 * cm], False, True),
        margin_row("101", "Val av justerare", "",
                   ["Beslut", "Nämnden utser Anja Bohm (S) att justera protokollet."]),
        margin_row("102", "Strandskyddsdispens för brygga på Hammarö 2:7", "MBN 2024/310",
                   ["Ärendebeskrivning", "Sökanden vill bygga en brygga om 20 kvadratmeter.",
                    "Beslut", "Nämnden beviljar strandskyddsdispens för bryggan."]),
        margin_row("103", "Tillsynsplan 2025", "MBN 2024/288",
                   ["Beslut", "Nämnden antar tillsynsplan för 2025."]),
    ],
}

# --- 16: a förbund's direktion: members and ersättare grouped under their member kommuner in
# the value cell, a jäv with the substitute serving for the one paragraph, a voting list as a
# table with Ja / Nej / Avstår columns -------------------------------------------------------
P16 = {
    "header": (["MELLANSKOGENS SAMORDNINGSFÖRBUND", "Direktionen"],
               ["PROTOKOLL", "2024-11-21", "Sida {page}({pages})"]),
    "footer": ("Justerandes sign", "Utdragsbestyrkande"),
    "blocks": [
        ("grid", [["Tid och plats", "Torsdagen den 21 november 2024 kl. 13.00–15.45,\n"
                   "Förbundskontoret, Storgatan 3, Lindås"],
                  ["Beslutande", "Lindås kommun\nEbba Rönn (S), ordförande\nKalle Svahn (M)\n"
                   "Norrfors kommun\nAgnes Tell (C), vice ordförande\nOve Hammar (S)\n"
                   "Sörby kommun\nFilip Ström (SD)"],
                  ["Ersättare", "Lindås kommun\nMaja Rud (S)\nNorrfors kommun\nIvar Kron (C)"],
                  ["Övriga", "Britt Alm, förbundschef\nJesper Lo, sekreterare"],
                  ["Justerare", "Kalle Svahn"],
                  ["Justeringens plats och tid", "Förbundskontoret, 2024-11-26"],
                  ["Paragrafer", "§§ 41–44"]],
         [5 * cm, 12 * cm], False, False),
        ("space", 10),
        ("grid", [["Underskrifter", "Sekreterare" + DOTS + "\nJesper Lo",
                   "Ordförande" + DOTS + "\nEbba Rönn",
                   "Justerare" + DOTS + "\nKalle Svahn"]],
         [3.2 * cm, 4.6 * cm, 4.6 * cm, 4.6 * cm], False, False),
        ("space", 10),
        ("h", "ANSLAG/BEVIS"),
        ("grid", [["Organ", "Direktionen"],
                  ["Sammanträdesdatum", "2024-11-21"],
                  ["Anslaget sätts upp", "2024-11-27"],
                  ["Anslaget tas ned", "2024-12-19"],
                  ["Förvaringsplats", "Förbundskontoret, Lindås"]],
         [5 * cm, 12 * cm], False, False),
        ("page",),
        ("h", "§ 41 Val av justerare"),
        ("h", "Direktionens beslut"),
        ("t", "Direktionen utser Kalle Svahn (M) att justera protokollet."),
        ("h", "§ 42 Budget 2025"),
        ("t", "Dnr 2024/19"),
        ("h", "Yrkanden"),
        ("t", "Filip Ström (SD) yrkar avslag. Ebba Rönn (S) yrkar bifall till förbundschefens "
              "förslag."),
        ("h", "Omröstning"),
        ("t", "Votering begärs. Ja-röst för förbundschefens förslag, nej-röst för avslag. Med 4 "
              "ja-röster mot 1 nej-röst beslutar direktionen enligt förbundschefens förslag."),
        ("grid", [["Ledamot", "Ja", "Nej", "Avstår"],
                  ["Ebba Rönn (S)", "X", "", ""],
                  ["Kalle Svahn (M)", "X", "", ""],
                  ["Agnes Tell (C)", "X", "", ""],
                  ["Ove Hammar (S)", "X", "", ""],
                  ["Filip Ström (SD)", "", "X", ""],
                  ["Summa", "4", "1", "0"]],
         [6 * cm, 2 * cm, 2 * cm, 2 * cm], True, True),
        ("h", "Direktionens beslut"),
        ("t", "Direktionen fastställer budget för 2025."),
        ("h", "§ 43 Avtal om lokaler för Lindås arbetsmarknadscenter"),
        ("t", "Dnr 2024/31"),
        ("h", "Jäv"),
        ("t", "Ove Hammar (S) anmäler jäv och deltar inte i handläggningen. Ersättaren Maja Rud "
              "(S) tjänstgör i hans ställe under paragrafen."),
        ("h", "Direktionens beslut"),
        ("t", "Direktionen godkänner hyresavtalet för 2025–2027."),
        ("h", "§ 44 Förbundschefen informerar"),
        ("h", "Direktionens beslut"),
        ("t", "Informationen noteras."),
    ],
}

# --- 17: a socialnämnd (written blind): the cover a boxed table, its lists with per-§ ranges and a
# substitute serving from a time, the heads "SN § 88" with the Dnr in a cell at the right, an
# adjournment between paragraphs, a voting table with a party column and an abstention, three
# signature boxes in the footer, the notice told on one line with a dash ----------------------
def head17(n, dnr):
    return ("grid", [[f"<b>SN § {n}</b>", dnr]], [12.5 * cm, 4.5 * cm], False, False)


P17 = {
    "header": (["ÅSTRANDS KOMMUN", "Socialnämnden"],
               ["SAMMANTRÄDESPROTOKOLL", "2025-03-13", "{page} ({pages})"]),
    "footer": ("Ordf sign      Just sign      Utdragsbestyrkande", ""),
    "blocks": [
        ("grid", [["<b>Plats och tid</b>", "Socialkontoret, sammanträdesrum Björken, "
                   "torsdagen den 13 mars 2025 kl. 13.30–17.10"],
                  ["<b>Närvarande ledamöter</b>", "Cecilia Strand (S), ordförande\n"
                   "Mikael Forsberg (M), vice ordförande\nHelena Ek (S)\nOmid Rahimi (S), §§ 88–92\n"
                   "Kristina Ljung (C)\nBo Sandberg (SD)\nAnnelie Tapp (L)"],
                  ["<b>Tjänstgörande ersättare</b>", "Per Vik (S) för Omid Rahimi (S), §§ 93–96\n"
                   "Lars Åman (M) för Ulla Grip (M)"],
                  ["<b>Ej tjänstgörande ersättare</b>", "Ingrid Nyman (KD), Tomas Öst (V)"],
                  ["<b>Övriga närvarande</b>", "Karin Bohlin, socialchef\n"
                   "Simon Lager, ekonom, § 90\nElin Hjort, nämndsekreterare"],
                  ["<b>Justerare</b>", "Kristina Ljung (C)"],
                  ["<b>Justeringens plats och tid</b>", "Socialkontoret, 2025-03-18 kl. 09.00"],
                  ["<b>Paragrafer</b>", "88–96"]],
         [5 * cm, 12 * cm], True, False),
        ("space", 12),
        ("grid", [["Sekreterare" + DOTS + "\nElin Hjort", "Ordförande" + DOTS + "\nCecilia Strand",
                   "Justerare" + DOTS + "\nKristina Ljung"]],
         [5.6 * cm, 5.6 * cm, 5.6 * cm], False, False),
        ("space", 12),
        ("h", "BEVIS OM ANSLAG"),
        ("t", "Protokollet är justerat. Justeringen har tillkännagivits genom anslag på kommunens "
              "digitala anslagstavla."),
        ("grid", [["Organ", "Socialnämnden"],
                  ["Sammanträdesdatum", "2025-03-13"],
                  ["Anslaget publicerat", "2025-03-19"],
                  ["Anslaget tas ned", "2025-04-10"],
                  ["Protokollet förvaras", "Socialkontoret, Åstrand"]],
         [5 * cm, 12 * cm], True, False),
        ("page",),
        head17(88, ""),
        ("h", "Val av justerare"),
        ("h", "Beslut"),
        ("t", "Socialnämnden utser Kristina Ljung (C) att justera protokollet."),
        head17(89, ""),
        ("h", "Godkännande av dagordning"),
        ("h", "Beslut"),
        ("t", "Dagordningen godkänns med tillägg av ärendet Extra bidrag till kvinnojouren."),
        head17(90, "Dnr SN 2025/41"),
        ("h", "Ekonomisk uppföljning februari 2025"),
        ("h", "Sammanfattning"),
        ("t", "Ekonom Simon Lager redovisar utfallet. Prognosen visar ett underskott om "
              "4,8 miljoner kronor för helåret, främst inom försörjningsstödet."),
        ("h", "Beslut"),
        ("t", "Socialnämnden godkänner den ekonomiska uppföljningen och uppdrar åt socialchefen "
              "att ta fram en åtgärdsplan till aprilsammanträdet."),
        head17(91, "Dnr SN 2025/12"),
        ("h", "Riktlinjer för ekonomiskt bistånd"),
        ("h", "Yrkanden"),
        ("t", "Cecilia Strand (S) yrkar bifall till förvaltningens förslag. Bo Sandberg (SD) yrkar "
              "avslag. Annelie Tapp (L) yrkar återremiss."),
        ("h", "Omröstning"),
        ("t", "Votering begärs. Ja-röst för förvaltningens förslag, nej-röst för avslag. Med 6 "
              "ja-röster mot 1 nej-röst beslutar socialnämnden enligt förvaltningens förslag. "
              "En ledamot avstår."),
        ("grid", [["Ledamot", "Parti", "Ja", "Nej", "Avstår"],
                  ["Cecilia Strand", "S", "X", "", ""],
                  ["Mikael Forsberg", "M", "X", "", ""],
                  ["Helena Ek", "S", "X", "", ""],
                  ["Omid Rahimi", "S", "X", "", ""],
                  ["Kristina Ljung", "C", "X", "", ""],
                  ["Bo Sandberg", "SD", "", "X", ""],
                  ["Annelie Tapp", "L", "", "", "X"],
                  ["Lars Åman", "M", "X", "", ""],
                  ["Summa", "", "6", "1", "1"]],
         [6 * cm, 2 * cm, 2 * cm, 2 * cm, 2 * cm], True, True),
        ("h", "Beslut"),
        ("t", "Socialnämnden antar riktlinjer för ekonomiskt bistånd att gälla från och med "
              "den 1 maj 2025."),
        ("h", "Reservation"),
        ("t", "Bo Sandberg (SD) reserverar sig mot beslutet."),
        head17(92, "Dnr SN 2025/30"),
        ("h", "Extra bidrag till kvinnojouren"),
        ("h", "Beslut"),
        ("t", "Socialnämnden beviljar Åstrands kvinnojour ett extra bidrag om 150 000 kronor "
              "för 2025."),
        ("t", "Sammanträdet ajourneras kl. 15.05–15.20."),
        head17(93, "Dnr SN 2024/211"),
        ("h", "Svar på motion om fler platser i dagverksamhet"),
        ("h", "Beslut"),
        ("t", "Socialnämnden föreslår kommunfullmäktige besluta att motionen ska anses besvarad."),
        head17(94, "Dnr SN 2025/8"),
        ("h", "Internkontrollplan 2025"),
        ("h", "Beslut"),
        ("t", "Socialnämnden fastställer internkontrollplan för 2025."),
        head17(95, "Dnr SN 2025/3"),
        ("h", "Delegationsbeslut februari 2025"),
        ("h", "Beslut"),
        ("t", "Redovisningen av delegationsbeslut läggs till handlingarna."),
        head17(96, ""),
        ("h", "Socialchefen informerar"),
        ("h", "Beslut"),
        ("t", "Informationen noteras till protokollet."),
    ],
}

# --- 18: a region's regional utvecklingsnämnd (written blind): a running header naming the region,
# the nämnd and the date in one line joined by dots, the attendance a two-column table "Ledamöter |
# Ersättare" with one person per cell and the serving substitutes marked in the right column, the
# heads "§ 45" over the title with the Dnr on a line of its own, the notice in a box at the end ---
P18 = {
    "header": (["Region Västerdal · Regionala utvecklingsnämnden · 2025-04-24"],
               ["Sida {page} av {pages}"]),
    "footer": ("Justerandes signatur", "Utdragsbestyrkande"),
    "blocks": [
        ("h", "PROTOKOLL"),
        ("grid", [["<b>Sammanträdesdatum</b>", "2025-04-24"],
                  ["<b>Tid</b>", "09.00–12.30"],
                  ["<b>Plats</b>", "Regionhuset, sal Storsjön, Bergsvik"]],
         [5 * cm, 12 * cm], False, False),
        ("space", 8),
        ("grid", [["Ledamöter", "Ersättare"],
                  ["Maja Lind (S), ordförande", "Ola Berg (S), tjänstgör för Eva Sand (S)"],
                  ["Nils Öberg (M), 1:e vice ordförande", "Tuva Falk (M)"],
                  ["Per Alm (SD), 2:e vice ordförande", "Jenny Kvarn (C), tjänstgör för Hans Ros (C)"],
                  ["Lena Hed (S)", "Alva Strid (V)"],
                  ["Mats Vall (KD)", ""],
                  ["Sara Ek (L)", ""]],
         [8.5 * cm, 8.5 * cm], True, True),
        ("space", 8),
        ("grid", [["<b>Övriga närvarande</b>", "Karl Dahl, regional utvecklingsdirektör\n"
                   "Emma Tell, nämndsekreterare"],
                  ["<b>Justerare</b>", "Nils Öberg (M)"],
                  ["<b>Justeringens plats och tid</b>", "Regionhuset 2025-04-29"],
                  ["<b>Paragrafer</b>", "§§ 45–53"]],
         [5 * cm, 12 * cm], False, False),
        ("space", 10),
        ("grid", [["Ordförande" + DOTS + "\nMaja Lind", "Justerare" + DOTS + "\nNils Öberg",
                   "Sekreterare" + DOTS + "\nEmma Tell"]],
         [5.6 * cm, 5.6 * cm, 5.6 * cm], False, False),
        ("page",),
        ("h", "§ 45"),
        ("h", "Val av justerare"),
        ("t", "Regionala utvecklingsnämnden utser Nils Öberg (M) att justera protokollet."),
        ("h", "§ 46"),
        ("h", "Fastställande av föredragningslista"),
        ("t", "Föredragningslistan fastställs."),
        ("h", "§ 47"),
        ("h", "Regional utvecklingsstrategi 2025–2035, remissvar"),
        ("t", "Dnr RUN 2025-00123"),
        ("h", "Beslut"),
        ("t", "Regionala utvecklingsnämnden godkänner sammanställningen av remissvaren och "
              "överlämnar den till regionstyrelsen."),
        ("h", "§ 48"),
        ("h", "Medfinansiering av projektet Grön omställning i Bergsvik"),
        ("t", "Dnr RUN 2025-00087"),
        ("h", "Beslut"),
        ("t", "Regionala utvecklingsnämnden beviljar medfinansiering med högst 2,4 miljoner kronor "
              "under 2025–2027."),
        ("h", "Reservation"),
        ("t", "Per Alm (SD) reserverar sig mot beslutet."),
        ("h", "§ 49"),
        ("h", "Kollektivtrafikens trafikförsörjningsprogram"),
        ("t", "Dnr RUN 2024-00412"),
        ("h", "Beslut"),
        ("t", "Regionala utvecklingsnämnden föreslår regionfullmäktige att anta "
              "trafikförsörjningsprogrammet."),
        ("h", "§ 50"),
        ("h", "Bidrag till kulturverksamheter 2025"),
        ("t", "Dnr RUN 2025-00019"),
        ("h", "Beslut"),
        ("t", "Regionala utvecklingsnämnden fördelar bidrag enligt bilaga 1."),
        ("h", "§ 51"),
        ("h", "Uppföljning av internkontrollplan"),
        ("t", "Dnr RUN 2025-00004"),
        ("h", "Beslut"),
        ("t", "Regionala utvecklingsnämnden godkänner uppföljningen."),
        ("h", "§ 52"),
        ("h", "Delegationsbeslut"),
        ("t", "Dnr RUN 2025-00002"),
        ("h", "Beslut"),
        ("t", "Redovisningen av delegationsbeslut läggs till handlingarna."),
        ("h", "§ 53"),
        ("h", "Direktören informerar"),
        ("h", "Beslut"),
        ("t", "Informationen noteras till protokollet."),
        ("space", 14),
        ("grid", [["<b>ANSLAG</b>", ""],
                  ["Protokollet är justerat och anslaget på Region Västerdals digitala "
                   "anslagstavla.", ""],
                  ["Anslaget sätts upp", "2025-04-30"],
                  ["Anslaget tas ned", "2025-05-22"],
                  ["Förvaringsplats", "Regionkansliet, Regionhuset, Bergsvik"]],
         [8.5 * cm, 8.5 * cm], True, False),
    ],
}

# --- 19: a samordningsförbund's styrelse (written blind): the cover a two-column table whose labels
# wrap over two lines, the members from kommuner, the region and the state agencies (no party for
# the agencies' members), the heads '§ 31  Title' in a larger font with the Dnr in small type under
# them, decisions as 'Styrelsen beslutar' over 'att …' clauses, a delegation list as a table, the
# notice as a boxed table at the end --------------------------------------------------------------
P19 = {
    "header": (["Samordningsförbundet Mellanåsen"],
               ["PROTOKOLL nr 4/2025", "Styrelsen 2025-09-19", "{page} ({pages})"]),
    "footer": ("Ordf. sign ........   Just. sign ........", "Samordningsförbundet Mellanåsen"),
    "blocks": [
        ("grid", [["<b>Organ</b>", "Styrelsen för Samordningsförbundet Mellanåsen"],
                  ["<b>Tid och plats</b>", "Fredagen den 19 september 2025 kl. 09.00–11.40, "
                   "Folkets hus, konferensrum Åsen, Lillåker"],
                  ["<b>Beslutande</b>", "Annika Vretlund (C), Lillåkers kommun, ordförande\n"
                   "Rolf Sjödin, Försäkringskassan, vice ordförande\n"
                   "Mona Ekstam (S), Region Mellanland\n"
                   "Per-Olof Grahn, Arbetsförmedlingen\n"
                   "Kristina Bäck (M), Storåkers kommun, tjänstgörande ersättare för Lars Hed (M)"],
                  ["<b>Ersättare</b>", "Tove Alvén (S), Region Mellanland\n"
                   "Jenny Ruth, Försäkringskassan"],
                  ["<b>Övriga deltagande</b>", "Helena Frisk, förbundschef\n"
                   "Göran Lax, ekonom, § 31–32\n"
                   "Maja Ström, sekreterare"],
                  ["<b>Utses att</b>\n<b>justera</b>", "Mona Ekstam"],
                  ["<b>Justeringens</b>\n<b>plats och tid</b>", "Digital justering 2025-09-24"],
                  ["<b>Underskrifter</b>", "Sekreterare ............................  Maja Ström\n\n"
                   "Ordförande ............................  Annika Vretlund\n\n"
                   "Justerare ............................  Mona Ekstam"],
                  ["<b>Paragrafer</b>", "§§ 28–37"]],
         [3.6 * cm, 13.4 * cm], True, False),
        ("page",),
        ("h", "§ 28  Mötets öppnande och val av justerare"),
        ("t", "Ordföranden öppnar mötet."),
        ("h", "Beslut"),
        ("t", "Styrelsen utser Mona Ekstam att justera protokollet."),
        ("h", "§ 29  Godkännande av dagordningen"),
        ("h", "Beslut"),
        ("t", "Dagordningen godkänns."),
        ("h", "§ 30  Föregående mötesprotokoll"),
        ("h", "Beslut"),
        ("t", "Protokollet från 2025-06-13 läggs till handlingarna."),
        ("h", "§ 31  Ekonomisk uppföljning per augusti 2025"),
        ("t", "Dnr SOF 2025/31"),
        ("t", "Göran Lax redovisar utfallet per den 31 augusti. Förbundet har förbrukat 58 procent "
              "av budgeten."),
        ("h", "Beslut"),
        ("t", "Styrelsen beslutar"),
        ("t", "att godkänna den ekonomiska uppföljningen per augusti 2025,"),
        ("t", "att uppdra åt förbundschefen att redovisa en prognos för helåret vid nästa möte."),
        ("h", "§ 32  Budget 2026 och verksamhetsplan 2026–2028"),
        ("t", "Dnr SOF 2025/27"),
        ("t", "Medlemmarnas tilldelning för 2026 är oförändrad. Förbundschefen föreslår att "
              "styrelsen fastställer budget och verksamhetsplan."),
        ("h", "Beslut"),
        ("t", "Styrelsen beslutar"),
        ("t", "att fastställa budget 2026 och verksamhetsplan 2026–2028,"),
        ("t", "att överlämna dokumenten till medlemmarna för kännedom."),
        ("h", "§ 33  Ansökan om insatsmedel: Steget vidare"),
        ("t", "Dnr SOF 2025/40"),
        ("t", "Lillåkers kommun och Arbetsförmedlingen ansöker om 1 200 000 kronor för ett "
              "arbetsinriktat stöd till unga vuxna."),
        ("h", "Beslut"),
        ("t", "Styrelsen beslutar"),
        ("t", "att bevilja 1 200 000 kronor för 2026 till insatsen Steget vidare."),
        ("t", "Rolf Sjödin deltar inte i beslutet."),
        ("h", "§ 34  Utvärdering av insatsen Hälsoslussen"),
        ("t", "Dnr SOF 2024/18"),
        ("h", "Beslut"),
        ("t", "Styrelsen beslutar"),
        ("t", "att lägga utvärderingen till handlingarna."),
        ("h", "§ 35  Delegationsbeslut"),
        ("t", "Dnr SOF 2025/4"),
        ("grid", [["Beslut", "Datum", "Beslutsfattare"],
                  ["Förlängning av avtal om lokal, Åsgatan 3", "2025-06-30", "Förbundschef"],
                  ["Attest av utbetalning till Steget", "2025-08-15", "Förbundschef"]],
         [9 * cm, 3 * cm, 5 * cm], True, True),
        ("h", "Beslut"),
        ("t", "Styrelsen beslutar"),
        ("t", "att lägga redovisningen av delegationsbeslut till handlingarna."),
        ("h", "§ 36  Förbundschefen informerar"),
        ("t", "Helena Frisk informerar om den nationella konferensen och om personalläget."),
        ("h", "Beslut"),
        ("t", "Styrelsen beslutar"),
        ("t", "att lägga informationen till handlingarna."),
        ("h", "§ 37  Mötets avslutande"),
        ("t", "Ordföranden tackar för visat intresse och avslutar mötet."),
        ("h", "Beslut"),
        ("t", "Styrelsen beslutar"),
        ("t", "att nästa möte hålls den 14 november 2025."),
        ("space", 14),
        ("grid", [["<b>ANSLAG / BEVIS</b>", ""],
                  ["Protokollet är justerat. Justeringen har tillkännagivits genom anslag.", ""],
                  ["Organ", "Styrelsen för Samordningsförbundet Mellanåsen"],
                  ["Sammanträdesdatum", "2025-09-19"],
                  ["Datum för anslags\nuppsättande", "2025-09-25"],
                  ["Datum för anslags\nnedtagande", "2025-10-17"],
                  ["Förvaringsplats för\nprotokollet", "Förbundets kansli, Folkets hus, Lillåker"]],
         [5.5 * cm, 11.5 * cm], True, False),
    ],
}

# --- 20: a räddningstjänstförbund's direktion (written blind): the attendance one boxed table by
# member kommun, a seat's ledamot and ersättare on its row with a presence mark each ('X', or
# 'Tjg' for the substitute serving in the member's place), the officials and the justering as
# labels over their values, heads 'Dir § 45' with the Dnr right on the line, a delegation list as
# a table, the notice told in one sentence ----------------------------------------------------------
P20 = {
    "header": (["RÄDDNINGSTJÄNSTEN NORRDALEN", "Direktionen"],
               ["SAMMANTRÄDESPROTOKOLL", "2025-10-09", "Sida {page} av {pages}"]),
    "footer": ("Justerande", "Utdragsbestyrkande"),
    "blocks": [
        ("h", "Direktionens sammanträde"),
        ("t", "<b>Datum och tid</b><br/>Torsdagen den 9 oktober 2025 kl. 13.15–15.30"),
        ("t", "<b>Plats</b><br/>Brandstationen i Västby, lektionssalen"),
        ("space", 6),
        ("t", "<b>Närvaro</b>"),
        ("grid", [["Kommun", "Ledamot", "Närv", "Ersättare", "Närv"],
                  ["Västby", "Kjell Ragnarsson (S), ordförande", "X", "Åsa Lind (S)", "X"],
                  ["Östby", "Berit Ahl (M), vice ordförande", "X", "Nils Wiberg (M)", ""],
                  ["Norrfors", "Hans Ek (C)", "", "Maja Pettersson (C)", "Tjg"],
                  ["Sörberga", "Lena Forslund (S)", "X", "Ove Rapp (SD)", "X"],
                  ["Åbacka", "Tommy Ståhl (KD)", "X", "Gun Ulander (S)", ""]],
         [2.8 * cm, 5.6 * cm, 1.3 * cm, 5.6 * cm, 1.3 * cm], True, True),
        ("space", 6),
        ("t", "<b>Övriga närvarande</b><br/>Anders Kull, räddningschef<br/>"
              "Fredrik Holm, ekonomichef<br/>Sanna Lid, förbundssekreterare"),
        ("t", "<b>Justerare</b><br/>Lena Forslund"),
        ("t", "<b>Justeringens plats och tid</b><br/>Räddningstjänstens kansli, Västby, "
              "2025-10-14"),
        ("t", "<b>Paragrafer</b><br/>§§ 45–53"),
        ("space", 10),
        ("grid", [["Sekreterare", "....................................", "Sanna Lid"],
                  ["Ordförande", "....................................", "Kjell Ragnarsson"],
                  ["Justerare", "....................................", "Lena Forslund"]],
         [3 * cm, 8 * cm, 6 * cm], False, False),
        ("space", 10),
        ("t", "Protokollet är justerat och tillkännagivet på förbundets digitala anslagstavla "
              "2025-10-15. Anslaget tas ned 2025-11-06. Protokollet förvaras på "
              "räddningstjänstens kansli i Västby."),
        ("page",),
        ("grid", [["<b>Dir § 45</b>", "<b>Dnr RTN 2025/3</b>"]], [8.5 * cm, 8.5 * cm], False, False),
        ("h", "Val av justerare"),
        ("t", "Direktionen utser Lena Forslund (S) att justera dagens protokoll."),
        ("grid", [["<b>Dir § 46</b>", ""]], [8.5 * cm, 8.5 * cm], False, False),
        ("h", "Godkännande av dagordning"),
        ("t", "Direktionen godkänner dagordningen."),
        ("grid", [["<b>Dir § 47</b>", "<b>Dnr RTN 2025/61</b>"]], [8.5 * cm, 8.5 * cm], False, False),
        ("h", "Delårsrapport januari–augusti 2025"),
        ("t", "Fredrik Holm redovisar delårsrapporten. Prognosen för helåret är ett överskott "
              "om 1,2 miljoner kronor."),
        ("h", "Direktionens beslut"),
        ("t", "Direktionen godkänner delårsrapporten och överlämnar den till medlemskommunerna."),
        ("grid", [["<b>Dir § 48</b>", "<b>Dnr RTN 2025/58</b>"]], [8.5 * cm, 8.5 * cm], False, False),
        ("h", "Handlingsprogram för förebyggande verksamhet och räddningstjänst 2026–2029"),
        ("h", "Direktionens beslut"),
        ("t", "Direktionen föreslår medlemskommunernas fullmäktige att anta handlingsprogrammet."),
        ("h", "Protokollsanteckning"),
        ("t", "Ove Rapp (SD) lämnar en protokollsanteckning."),
        ("grid", [["<b>Dir § 49</b>", "<b>Dnr RTN 2025/64</b>"]], [8.5 * cm, 8.5 * cm], False, False),
        ("h", "Investering i ny höjdfordonsbil"),
        ("h", "Direktionens beslut"),
        ("t", "Direktionen beslutar att investera i en ny höjdfordonsbil för högst 9,5 miljoner "
              "kronor."),
        ("grid", [["<b>Dir § 50</b>", "<b>Dnr RTN 2025/5</b>"]], [8.5 * cm, 8.5 * cm], False, False),
        ("h", "Redovisning av delegationsbeslut"),
        ("grid", [["Nr", "Beslut", "Delegat", "Datum"],
                  ["12", "Tillstånd för hantering av brandfarlig vara, Åbacka 2:4", "Brandingenjör",
                   "2025-08-21"],
                  ["13", "Föreläggande efter tillsyn, Östby skola", "Brandinspektör", "2025-09-02"]],
         [1.2 * cm, 9 * cm, 3.6 * cm, 3.2 * cm], True, True),
        ("h", "Direktionens beslut"),
        ("t", "Direktionen lägger redovisningen av delegationsbeslut till handlingarna."),
        ("grid", [["<b>Dir § 51</b>", "<b>Dnr RTN 2025/66</b>"]], [8.5 * cm, 8.5 * cm], False, False),
        ("h", "Sammanträdesplan 2026"),
        ("h", "Direktionens beslut"),
        ("t", "Direktionen fastställer sammanträdesplanen för 2026."),
        ("grid", [["<b>Dir § 52</b>", ""]], [8.5 * cm, 8.5 * cm], False, False),
        ("h", "Räddningschefen informerar"),
        ("t", "Anders Kull informerar om sommarens skogsbränder och om rekryteringen av "
              "deltidsbrandmän."),
        ("h", "Direktionens beslut"),
        ("t", "Direktionen tackar för informationen."),
        ("grid", [["<b>Dir § 53</b>", ""]], [8.5 * cm, 8.5 * cm], False, False),
        ("h", "Övriga frågor"),
        ("h", "Direktionens beslut"),
        ("t", "Inga övriga frågor anmäldes."),
    ],
}

# --- 21: a servicenämnd set tight (written blind): no space between the paragraphs' lines, so the
# extracted text has no blank lines; the lists as one run-on sentence per category, justified; the
# decision run in after a bold 'Beslut:'; the notice as a sentence at the cover's end -----------------
P21 = {
    "header": (["Servicenämnden", "Lindåsa kommun"],
               ["Protokoll", "2025-11-13", "{page} ({pages})"]),
    "footer": ("Justerandes signatur", "Utdragsbestyrkande"),
    "blocks": [
        ("h", "Servicenämndens sammanträde 2025-11-13"),
        ("tt", "<b>Tid och plats:</b> Torsdagen den 13 november 2025 kl. 08.30–10.55 i "
               "Stadshuset, rum Kransen, Lindåsa."),
        ("tt", "<b>Ledamöter:</b> Gustav Holmér (M), ordförande, Pernilla Åkesson (S), vice "
               "ordförande, Jan Erik Söder (L), Tiina Mäkelä (S), Bo Alsterlund (SD) och "
               "Siv Ekberg (S) som ersätter Harald Brink (S)."),
        ("tt", "<b>Ersättare:</b> Love Bergh (M) och Ronja Tapper (C)."),
        ("tt", "<b>Tjänstepersoner:</b> Karin Wessel, servicechef, Ali Mansour, IT-chef, § 66, "
               "och Emil Rydh, sekreterare."),
        ("tt", "<b>Justerare:</b> Pernilla Åkesson"),
        ("tt", "<b>Justering:</b> Stadshuset, 2025-11-18"),
        ("tt", "Protokollet justeras digitalt. Anslaget sätts upp på kommunens digitala "
               "anslagstavla 2025-11-19 och tas ned 2025-12-11. Protokollet förvaras på "
               "kommunledningskontoret."),
        ("space", 8),
        ("ht", "§ 63 Val av justerare"),
        ("tt", "<b>Beslut:</b> Servicenämnden utser Pernilla Åkesson (S) att justera protokollet."),
        ("ht", "§ 64 Godkännande av föredragningslista"),
        ("tt", "<b>Beslut:</b> Föredragningslistan godkänns."),
        ("ht", "§ 65 Ekonomisk uppföljning oktober 2025"),
        ("tt", "Dnr SEN 2025/77"),
        ("tt", "Servicechefen redovisar utfallet per oktober. Prognosen visar ett underskott om "
               "0,4 miljoner kronor som främst beror på ökade licenskostnader."),
        ("tt", "<b>Beslut:</b> Servicenämnden godkänner den ekonomiska uppföljningen."),
        ("ht", "§ 66 Ny IT-plattform för kommunens skolor"),
        ("tt", "Dnr SEN 2025/51"),
        ("tt", "Ali Mansour redovisar förslaget till upphandling av en gemensam plattform."),
        ("tt", "<b>Beslut:</b> Servicenämnden beslutar att upphandla en ny IT-plattform enligt "
               "förvaltningens förslag, inom en ram om 6 miljoner kronor."),
        ("tt", "<b>Reservation:</b> Bo Alsterlund (SD) reserverar sig mot beslutet."),
        ("ht", "§ 67 Måltidsverksamhetens kostpolicy"),
        ("tt", "Dnr SEN 2025/60"),
        ("tt", "<b>Beslut:</b> Servicenämnden föreslår kommunfullmäktige att anta kostpolicyn."),
        ("ht", "§ 68 Lokalförsörjningsplan 2026–2030"),
        ("tt", "Dnr SEN 2025/66"),
        ("tt", "<b>Beslut:</b> Servicenämnden godkänner lokalförsörjningsplanen och överlämnar den "
               "till kommunstyrelsen."),
        ("ht", "§ 69 Internkontrollplan 2026"),
        ("tt", "Dnr SEN 2025/70"),
        ("tt", "<b>Beslut:</b> Servicenämnden fastställer internkontrollplanen för 2026."),
        ("ht", "§ 70 Delegationsbeslut"),
        ("tt", "Dnr SEN 2025/2"),
        ("tt", "<b>Beslut:</b> Redovisningen av delegationsbeslut läggs till handlingarna."),
        ("ht", "§ 71 Servicechefen informerar"),
        ("tt", "Karin Wessel informerar om arbetsmiljöenkäten och om flytten av kontaktcenter."),
        ("tt", "<b>Beslut:</b> Informationen noteras."),
        ("space", 14),
        ("grid", [["Ordförande" + DOTS + "\nGustav Holmér", "Justerare" + DOTS + "\nPernilla Åkesson",
                   "Sekreterare" + DOTS + "\nEmil Rydh"]],
         [5.6 * cm, 5.6 * cm, 5.6 * cm], False, False),
    ],
}

# --- 22: a kommunfullmäktige whose cover runs over two pages (written blind): the first page has
# a letterhead of its own, the later pages the running header; the members listed one a line under
# 'Beslutande' run onto page 2, where the list and the rest of the cover go on; the heads
# '§ 81' bold with the title on the same line --------------------------------------------------------
P22 = {
    "first_header": (["EKBERGS KOMMUN"], ["PROTOKOLL", "Kommunfullmäktige", "Sammanträdesdatum 2025-06-16"]),
    "header": (["Ekbergs kommun", "Kommunfullmäktige"], ["Protokoll 2025-06-16", "Sida {page} av {pages}"]),
    "footer": ("Justerandes sign", "Utdragsbestyrkande"),
    "blocks": [
        ("space", 20),
        ("grid", [["<b>Plats och tid</b>", "Ekbergs folkets hus, stora salen, kl. 18.00–21.15"]],
         [4.5 * cm, 12.5 * cm], False, False),
        ("space", 8),
        ("grid", [["<b>Beslutande</b>", "Elin Rosander (S), ordförande\nTord Nygren (M), 1:e vice ordförande\nHiba Saleh (S), 2:e vice ordförande\nLars Öhman (S)\nMira Kask (S)\nAnton Grip (S)\nJill Berglöf (S)\nRoland Täpp (S)\nSelma Uddin (S)\nKurt Lind (M)\nGreta Haag (M)\nOskar Pihl (M)\nYlva Krans (M)\nBritt Rehn (SD)\nMikael Tapp (SD)\nJens Ahlin (SD)\nSofia Ring (C)\nArne Bodin (C)\nNora Wall (V)\nPål Heden (V)\nInger Frost (KD)\nLudvig Sand (L)\nAmalia Brant (MP)\nKarl Ask (S), tjänstgörande ersättare för Bodil Ek (S)\nTina Löw (M), tjänstgörande ersättare för Per Rask (M)\nOlle Fält (SD), tjänstgörande ersättare för Ida Sund (SD)"]],
         [4.5 * cm, 12.5 * cm], False, False),
        ("space", 260),
        ("grid", [["<b>Ej tjänstgörande ersättare</b>", "Hedvig Alm (S)\nLeo Brandt (M)\nRut Sjö (C)"],
                  ["<b>Övriga deltagande</b>", "Stina Fors, kommundirektör\nJohan Lie, kommunsekreterare"],
                  ["<b>Justerare</b>", "Tord Nygren och Nora Wall"],
                  ["<b>Justeringens plats och tid</b>", "Kommunkansliet 2025-06-19"],
                  ["<b>Paragrafer</b>", "§§ 81–88"]],
         [4.5 * cm, 12.5 * cm], False, False),
        ("space", 10),
        ("grid", [["Sekreterare" + DOTS + "\nJohan Lie", "Ordförande" + DOTS + "\nElin Rosander",
                   "Justerare" + DOTS + "\nTord Nygren   Nora Wall"]],
         [5.6 * cm, 5.6 * cm, 5.6 * cm], False, False),
        ("space", 10),
        ("grid", [["<b>ANSLAG/BEVIS</b>", ""],
                  ["Organ", "Kommunfullmäktige"],
                  ["Sammanträdesdatum", "2025-06-16"],
                  ["Datum då anslaget sätts upp", "2025-06-20"],
                  ["Datum då anslaget tas ned", "2025-07-12"],
                  ["Förvaringsplats för protokollet", "Kommunkansliet, Ekbergs kommunhus"]],
         [6 * cm, 11 * cm], True, False),
        ("page",),
        ("h", "§ 81 Val av justerare"),
        ("t", "Kommunfullmäktige utser Tord Nygren (M) och Nora Wall (V) att justera protokollet."),
        ("h", "§ 82 Tillkännagivande av sammanträdet"),
        ("t", "Kommunfullmäktige konstaterar att sammanträdet har tillkännagetts i laga ordning."),
        ("h", "§ 83 Årsredovisning 2024 för Ekbergs kommun"),
        ("t", "Dnr KS 2025/77"),
        ("h", "Beslut"),
        ("t", "Kommunfullmäktige godkänner årsredovisningen för 2024."),
        ("h", "§ 84 Ansvarsfrihet för kommunstyrelsen 2024"),
        ("t", "Dnr KS 2025/78"),
        ("h", "Beslut"),
        ("t", "Kommunfullmäktige beviljar kommunstyrelsens ledamöter ansvarsfrihet för 2024."),
        ("t", "Ledamöterna i kommunstyrelsen deltar inte i beslutet."),
        ("h", "§ 85 Taxa för bygglov enligt plan- och bygglagen"),
        ("t", "Dnr KS 2025/102"),
        ("h", "Beslut"),
        ("t", "Kommunfullmäktige antar taxan att gälla från den 1 augusti 2025."),
        ("h", "§ 86 Svar på motion om solceller på kommunens tak"),
        ("t", "Dnr KS 2024/311"),
        ("h", "Beslut"),
        ("t", "Kommunfullmäktige bifaller motionen."),
        ("h", "§ 87 Val av revisor efter Gunnar Eklöv (M)"),
        ("t", "Dnr KS 2025/120"),
        ("h", "Beslut"),
        ("t", "Kommunfullmäktige väljer Maria Tallqvist (M) till revisor för resten av mandatperioden."),
        ("h", "§ 88 Anmälan av inkomna motioner"),
        ("h", "Beslut"),
        ("t", "Motionerna remitteras till kommunstyrelsen."),
    ],
}

# --- 23: a kultur- och fritidsnämnd whose paragraphs are tables (written blind): each paragraph a
# boxed table, '§ 14' and the title in its first row, 'Diarienummer' and 'Beslut' as the labels of
# the rows under it; the cover and the attendance tables of label and value -----------------------
P23 = {
    "header": (["Rönnby kommun"], ["Kultur- och fritidsnämnden", "Beslutsprotokoll 2025-09-25", "{page}/{pages}"]),
    "footer": ("Justerare signatur", "Utdragsbestyrkande"),
    "blocks": [
        ("h", "Beslutsprotokoll"),
        ("grid", [["<b>Nämnd</b>", "Kultur- och fritidsnämnden"],
                  ["<b>Datum</b>", "2025-09-25"],
                  ["<b>Tid</b>", "17:30–19:40"],
                  ["<b>Plats</b>", "Kulturhuset Linden, sal 2"]],
         [4 * cm, 13 * cm], True, False),
        ("space", 8),
        ("grid", [["<b>Ledamöter</b>", "Johanna Brisk (S), ordförande\nIngvar Toll (M), vice ordförande\n"
                   "Selma Nyqvist (S)\nAron Lind (SD)\nBodil Frid (C), tjänstgör för Ulf Sten (C)"],
                  ["<b>Ersättare</b>", "Tore Wik (S)\nGunnel Ax (M)"],
                  ["<b>Tjänstepersoner</b>", "Sara Blom, förvaltningschef\nJon Eker, sekreterare"],
                  ["<b>Justerare</b>", "Ingvar Toll"],
                  ["<b>Justering</b>", "Digital justering 2025-09-30"],
                  ["<b>Anslag</b>", "Protokollet anslås på kommunens webbplats 2025-10-01 och tas ned 2025-10-23."]],
         [4 * cm, 13 * cm], True, False),
        ("space", 12),
        ("grid", [['<b>§ 14</b>', '<b>Val av justerare</b>'], ['Beslut', 'Kultur- och fritidsnämnden utser Ingvar Toll (M) att justera protokollet.']],
         [3.4 * cm, 13.6 * cm], True, False),
        ("space", 8),
        ("grid", [['<b>§ 15</b>', '<b>Godkännande av dagordningen</b>'], ['Beslut', 'Dagordningen godkänns.']],
         [3.4 * cm, 13.6 * cm], True, False),
        ("space", 8),
        ("grid", [['<b>§ 16</b>', '<b>Delårsrapport per augusti 2025</b>'], ['Diarienummer', 'KFN 2025/140'], ['Beslut', 'Kultur- och fritidsnämnden godkänner delårsrapporten per augusti 2025.']],
         [3.4 * cm, 13.6 * cm], True, False),
        ("space", 8),
        ("grid", [['<b>§ 17</b>', '<b>Föreningsbidrag 2026, riktlinjer</b>'], ['Diarienummer', 'KFN 2025/88'], ['Beslut', 'Kultur- och fritidsnämnden antar riktlinjerna för föreningsbidrag att gälla från 2026-01-01.']],
         [3.4 * cm, 13.6 * cm], True, False),
        ("space", 8),
        ("grid", [['<b>§ 18</b>', '<b>Upprustning av Ängens idrottsplats</b>'], ['Diarienummer', 'KFN 2025/131'], ['Beslut', 'Kultur- och fritidsnämnden föreslår kommunstyrelsen att avsätta 3,5 miljoner kronor för upprustningen.']],
         [3.4 * cm, 13.6 * cm], True, False),
        ("space", 8),
        ("grid", [['<b>§ 19</b>', '<b>Kulturpris 2025</b>'], ['Diarienummer', 'KFN 2025/150'], ['Beslut', 'Kultur- och fritidsnämnden tilldelar Tuva Sandell kulturpriset 2025.']],
         [3.4 * cm, 13.6 * cm], True, False),
        ("space", 8),
        ("grid", [['<b>§ 20</b>', '<b>Biblioteksplan 2026–2029, remiss</b>'], ['Diarienummer', 'KFN 2025/97'], ['Beslut', 'Kultur- och fritidsnämnden lämnar remissvar enligt förvaltningens förslag.']],
         [3.4 * cm, 13.6 * cm], True, False),
        ("space", 8),
        ("grid", [['<b>§ 21</b>', '<b>Redovisning av delegationsbeslut</b>'], ['Diarienummer', 'KFN 2025/3'], ['Beslut', 'Redovisningen läggs till handlingarna.']],
         [3.4 * cm, 13.6 * cm], True, False),
        ("space", 8),
        ("grid", [['<b>§ 22</b>', '<b>Förvaltningschefen informerar</b>'], ['Beslut', 'Informationen noteras.']],
         [3.4 * cm, 13.6 * cm], True, False),
        ("space", 8),
    ],
}

# --- 24: a barn- och utbildningsnämnd's cover with its labels set flush right against their
# values (written blind): a label ends a few points from its value, and a label of two lines is
# right-aligned too; the heads '§ 71' with the title on the next line and 'Dnr' under it --------
P24 = {
    "header": (["Sjöviks kommun", "Barn- och utbildningsnämnden"], ["PROTOKOLL", "2025-10-21", "Sida {page} av {pages}"]),
    "footer": ("Justerandes signatur", "Utdragsbestyrkande"),
    "blocks": [
        ("rgrid", [["Plats och tid", "Skolkontoret, rum Ugglan, kl. 08.30–11.45"],
                   ["Beslutande", "Anders Rundqvist (S), ordförande\nCamilla Höglund (M), 1:e vice ordförande\n"
                    "Jessica Ruth (SD), 2:e vice ordförande\nPeter Sandell (S)\nMaryam Rostami (S)\n"
                    "Östen Frid (C), tjänstgörande ersättare för Hanna Eld (C)\nGöran Wiik (L)"],
                   ["Ej tjänstgörande ersättare", "Lisa Malm (S)\nRickard Olin (M)"],
                   ["Övriga närvarande", "Eva Stenlund, förvaltningschef\nJonas Fält, nämndsekreterare"],
                   ["Justerare", "Camilla Höglund"],
                   ["Justeringens plats och tid", "Skolkontoret 2025-10-24"],
                   ["Paragrafer", "§§ 71–77"]],
         [5.2 * cm, 11.8 * cm]),
        ("space", 10),
        ("grid", [["Sekreterare" + DOTS + "\nJonas Fält", "Ordförande" + DOTS + "\nAnders Rundqvist",
                   "Justerare" + DOTS + "\nCamilla Höglund"]],
         [5.6 * cm, 5.6 * cm, 5.6 * cm], False, False),
        ("space", 10),
        ("rgrid", [["Anslaget sätts upp", "2025-10-27"],
                   ["Anslaget tas ned", "2025-11-18"],
                   ["Förvaringsplats", "Skolkontoret, Sjöviks kommunhus"]],
         [5.2 * cm, 11.8 * cm]),
        ("page",),
        ("h", "§ 71"),
        ("h", "Val av justerare"),
        ("t", "Barn- och utbildningsnämnden utser Camilla Höglund (M) att justera protokollet."),
        ("h", "§ 72"),
        ("h", "Godkännande av dagordning"),
        ("t", "Dagordningen godkänns."),
        ("h", "§ 73"),
        ("h", "Skolpeng och strukturersättning 2026"),
        ("t", "Dnr BUN 2025/201"),
        ("h", "Beslut"),
        ("t", "Barn- och utbildningsnämnden fastställer skolpeng och strukturersättning för 2026."),
        ("h", "§ 74"),
        ("h", "Lokalbehov för förskolan i Norrvik"),
        ("t", "Dnr BUN 2025/167"),
        ("h", "Beslut"),
        ("t", "Barn- och utbildningsnämnden uppdrar åt förvaltningen att utreda en ny förskola i Norrvik."),
        ("h", "§ 75"),
        ("h", "Uppföljning av elevernas kunskapsresultat läsåret 2024/2025"),
        ("t", "Dnr BUN 2025/145"),
        ("h", "Beslut"),
        ("t", "Barn- och utbildningsnämnden lägger uppföljningen till handlingarna."),
        ("h", "§ 76"),
        ("h", "Anmälan av delegationsbeslut"),
        ("t", "Dnr BUN 2025/3"),
        ("h", "Beslut"),
        ("t", "Anmälan av delegationsbeslut godkänns."),
        ("h", "§ 77"),
        ("h", "Förvaltningschefen informerar"),
        ("h", "Beslut"),
        ("t", "Informationen noteras."),
    ],
}

# --- 25: a kommunal bolag's styrelse (an aktiebolag), its running header three columns, the body
# at the left, the date in the middle and 'Sida N av M' at the right; no parties, suppleanter,
# 'Vd', the chair opening the meeting, 'Protokollet justeras av' (written blind) ----------------
P25 = {
    "first_header": (["GRANVIKS ENERGI AB", "Org.nr 556677-1234"], ["PROTOKOLL", "Nr 5/2025"]),
    "header": (["Granviks Energi AB, styrelsen"], ["Sida {page} av {pages}"]),
    "header_mid": ["Styrelsesammanträde 2025-10-15"],
    "footer": ("Ordförandes sign ______   Justerares sign ______", "Granviks Energi AB"),
    "blocks": [
        ("h", "Protokoll fört vid styrelsesammanträde i Granviks Energi AB"),
        ("space", 6),
        ("grid", [["<b>Datum</b>", "Onsdagen den 15 oktober 2025"],
                  ["<b>Tid</b>", "15.00–17.20"],
                  ["<b>Plats</b>", "Bolagets kontor, Kraftverksgatan 2, Granvik"],
                  ["<b>Närvarande styrelseledamöter</b>",
                   "Lars-Göran Nyqvist, ordförande\nHelén Asp, vice ordförande\nMikael Strand\n"
                   "Britt Sjölander\nAhmed Nouri\nIngela Vik, suppleant, tjänstgörande för Per Alm"],
                  ["<b>Närvarande suppleanter</b>", "Jan-Olof Berg\nMarita Holm"],
                  ["<b>Övriga närvarande</b>", "Karin Wetter, vd\nJonas Blom, ekonomichef, sekreterare\n"
                   "Eva Lind, lekmannarevisor\nStefan Ek, arbetstagarrepresentant"],
                  ["<b>Frånvarande</b>", "Per Alm"]],
         [5.5 * cm, 11.5 * cm], False, False),
        ("space", 10),
        ("h", "§ 1 Mötets öppnande"),
        ("t", "Ordförande öppnade mötet och hälsade de närvarande välkomna."),
        ("h", "§ 2 Val av sekreterare och justerare"),
        ("t", "Styrelsen beslutade att utse Jonas Blom till sekreterare. Protokollet justeras av "
              "ordföranden och Helén Asp."),
        ("h", "§ 3 Godkännande av dagordning"),
        ("t", "Styrelsen beslutade att godkänna dagordningen med tillägg av en punkt om "
              "styrelsens arvoden under övriga frågor."),
        ("h", "§ 4 Föregående protokoll"),
        ("t", "Protokollet från sammanträdet den 3 september 2025 gicks igenom. Styrelsen "
              "beslutade att lägga protokollet till handlingarna."),
        ("h", "§ 5 Vd-rapport"),
        ("t", "Vd Karin Wetter redogjorde för verksamheten sedan förra sammanträdet: "
              "fjärrvärmeleveranserna har ökat med fyra procent, och arbetet med den nya "
              "kundportalen går enligt plan."),
        ("t", "Styrelsen beslutade att lägga rapporten till handlingarna."),
        ("h", "§ 6 Ekonomisk rapport januari–september 2025"),
        ("t", "Ekonomichef Jonas Blom presenterade utfallet för perioden. Rörelseresultatet "
              "uppgår till 14,2 miljoner kronor, vilket är 1,8 miljoner kronor bättre än budget."),
        ("t", "Styrelsen beslutade att godkänna den ekonomiska rapporten."),
        ("h", "§ 7 Investering i ny panncentral i Norrbacka"),
        ("t", "Bolaget har utrett en ersättning av den oljeeldade reservpannan i Norrbacka med en "
              "pelletspanna. Investeringen beräknas till 23 miljoner kronor. Ärendet ska enligt "
              "ägardirektivet underställas kommunfullmäktige för ställningstagande."),
        ("t", "Styrelsen beslutade att genomföra investeringen under förutsättning att "
              "kommunfullmäktige tar ställning till den, samt att uppdra åt vd att begära "
              "fullmäktiges ställningstagande."),
        ("h", "§ 8 Fjärrvärmetaxa 2026"),
        ("t", "Förslaget innebär en höjning av fjärrvärmetaxan med i genomsnitt 3,5 procent från "
              "den 1 januari 2026."),
        ("t", "Ahmed Nouri yrkade att höjningen begränsas till 2,5 procent. Ordföranden ställde "
              "förslagen mot varandra och fann att styrelsen bifallit vd:s förslag."),
        ("t", "Styrelsen beslutade att fastställa fjärrvärmetaxan för 2026 enligt vd:s förslag."),
        ("t", "Ahmed Nouri reserverade sig mot beslutet."),
        ("h", "§ 9 Firmateckning och attestordning"),
        ("t", "Styrelsen beslutade att bolagets firma tecknas av styrelsen, av två ledamöter i "
              "förening eller av vd ensam i den löpande förvaltningen, samt att fastställa "
              "attestordningen enligt bilaga."),
        ("h", "§ 10 Övriga frågor"),
        ("t", "Styrelsens arvoden diskuterades. Styrelsen beslutade att frågan tas upp med ägaren "
              "vid ägardialogen i november."),
        ("h", "§ 11 Mötets avslutande"),
        ("t", "Ordförande tackade de närvarande och avslutade mötet kl. 17.20."),
        ("space", 20),
        ("grid", [["Vid protokollet" + DOTS + "\nJonas Blom", ""],
                  ["Justeras" + DOTS + "\nLars-Göran Nyqvist", "\n" + DOTS + "\nHelén Asp"]],
         [8 * cm, 8 * cm], False, False),
    ],
}


# --- 26: a teknisk nämnd's minutes set in two text columns per page, as a designed template
# prints them: the cover across the first page's top, then the paragraphs running down the left
# column and on in the right; a running header and footer across the page (written blind) -----
def build_columns(name, lay, p):
    """Writes `name.pdf`: `p["cover"]` blocks across the top of the first page, `p["columns"]`
    blocks in two columns on every page after it (the same block kinds as `build_free`: "h",
    "t", "grid", "space")."""
    from reportlab.platypus import BaseDocTemplate, Frame, FrameBreak, NextPageTemplate, PageTemplate
    path = os.path.join(HERE, name + ".pdf")
    w, h = A4
    left, right, top, bottom, gutter = 2 * cm, 2 * cm, 2.8 * cm, 2.6 * cm, 0.8 * cm
    col = (w - left - right - gutter) / 2
    cover_h = p["cover_height"]

    def blocks(bs, width):
        out = []
        plain = lay.style(space_after=0)
        for b in bs:
            if b[0] == "h":
                out.append(para(b[1], lay.style(bold=True, size=lay.head_size, space_before=8,
                                                space_after=3)))
            elif b[0] == "t":
                out.append(para(b[1], lay.style(space_after=4, body=True)))
            elif b[0] == "space":
                out.append(Spacer(1, b[1]))
            elif b[0] == "grid":
                _, rows, widths = b
                data = [[para(c, plain) for c in row] for row in rows]
                t = Table(data, colWidths=widths, hAlign="LEFT")
                t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                                       ("LEFTPADDING", (0, 0), (-1, -1), 2)]))
                out.append(t)
        return out

    def furniture(total):
        def draw(canvas, doc):
            canvas.saveState()
            canvas.setFont(lay.font, 8.5)
            t = h - 1.4 * cm
            canvas.drawString(left, t, p["header"][0])
            canvas.drawRightString(w - right, t, p["header"][1].format(page=doc.page, pages=total))
            canvas.line(left, t - 4, w - right, t - 4)
            canvas.drawString(left, 1.6 * cm, p["footer"][0])
            canvas.drawRightString(w - right, 1.6 * cm, p["footer"][1].format(page=doc.page, pages=total))
            canvas.restoreState()
        return draw

    pages = 1
    for _ in range(2):
        doc = BaseDocTemplate(path, pagesize=A4, title=os.path.basename(path), author="Kansli test",
                              creator="Kansli test", producer="Kansli", invariant=1)
        first = [Frame(left, h - top - cover_h, w - left - right, cover_h, id="cover"),
                 Frame(left, bottom, col, h - top - cover_h - bottom, id="c1"),
                 Frame(left + col + gutter, bottom, col, h - top - cover_h - bottom, id="c2")]
        later = [Frame(left, bottom, col, h - top - bottom, id="l1"),
                 Frame(left + col + gutter, bottom, col, h - top - bottom, id="l2")]
        doc.addPageTemplates([PageTemplate("first", first, onPage=furniture(pages)),
                              PageTemplate("later", later, onPage=furniture(pages))])
        story = blocks(p["cover"], w - left - right)
        story.append(NextPageTemplate("later"))
        story.append(FrameBreak())
        story.extend(blocks(p["columns"], col))
        doc.build(story)
        pages = doc.page


P26 = {
    "header": ("Hedmarks kommun · Tekniska nämnden · Protokoll 2025-09-24", "Sida {page} av {pages}"),
    "footer": ("Justerandes signatur", "Utdragsbestyrkande"),
    "cover_height": 12.2 * cm,
    "cover": [
        ("h", "Tekniska nämnden"),
        ("grid", [["<b>Tid och plats</b>", "Onsdagen den 24 september 2025 kl. 17.00–19.40, Kommunhuset, sal Mården"],
                  ["<b>Beslutande</b>", "Ulf Grandin (S), ordförande; Lisbet Holm (M), vice ordförande; Anders Kask (S); "
                   "Yvonne Rapp (SD); Mats Ödling (C); Ida Svärd (V); Hugo Lilja (S), tjänstgörande ersättare för Rut Åkesson (S)"],
                  ["<b>Ersättare</b>", "Carina Bolin (M), Sten Frisk (KD)"],
                  ["<b>Tjänstepersoner</b>", "Johan Ekdahl, teknisk chef; Lena Sparre, nämndsekreterare"],
                  ["<b>Justerare</b>", "Yvonne Rapp"],
                  ["<b>Justering</b>", "Kommunhuset 2025-09-29"],
                  ["<b>Paragrafer</b>", "§§ 88–96"],
                  ["<b>Anslag</b>", "Anslaget sätts upp 2025-09-30 och tas ned 2025-10-22. Protokollet förvaras på tekniska förvaltningen."]],
         [3.8 * cm, 13.2 * cm]),
        ("space", 6),
        ("grid", [["Sekreterare" + DOTS + "\nLena Sparre",
                   "Ordförande" + DOTS + "\nUlf Grandin",
                   "Justerare" + DOTS + "\nYvonne Rapp"]],
         [5.6 * cm, 5.6 * cm, 5.8 * cm]),
    ],
    "columns": [
        ("h", "§ 88 Val av justerare"),
        ("t", "Tekniska nämnden utser Yvonne Rapp (SD) att justera protokollet."),
        ("h", "§ 89 Godkännande av dagordningen"),
        ("t", "Dagordningen godkänns."),
        ("h", "§ 90 Budgetuppföljning per augusti 2025"),
        ("t", "Dnr TN 2025/61"),
        ("t", "Teknisk chef Johan Ekdahl redovisar uppföljningen. Prognosen visar ett underskott om "
              "1,6 miljoner kronor, främst på grund av högre kostnader för vinterväghållning och "
              "reparationer av gatubelysning."),
        ("t", "<b>Beslut</b>"),
        ("t", "Tekniska nämnden godkänner budgetuppföljningen per augusti 2025."),
        ("h", "§ 91 Taxa för vatten och avlopp 2026"),
        ("t", "Dnr TN 2025/74"),
        ("t", "Förvaltningen föreslår att brukningsavgiften höjs med 6 procent för att finansiera "
              "investeringarna i det nya reningsverket i Ödby."),
        ("t", "<b>Yrkanden</b>"),
        ("t", "Yvonne Rapp (SD) yrkar att höjningen begränsas till 4 procent. Ulf Grandin (S) yrkar "
              "bifall till förvaltningens förslag."),
        ("t", "<b>Beslutsgång</b>"),
        ("t", "Ordföranden ställer förslagen mot varandra och finner att nämnden bifaller "
              "förvaltningens förslag."),
        ("t", "<b>Beslut</b>"),
        ("t", "Tekniska nämnden föreslår kommunfullmäktige att anta taxa för vatten och avlopp "
              "2026 enligt förvaltningens förslag."),
        ("t", "<b>Reservation</b>"),
        ("t", "Yvonne Rapp (SD) reserverar sig mot beslutet."),
        ("h", "§ 92 Trafiksäkerhetsplan 2026–2029"),
        ("t", "Dnr TN 2025/33"),
        ("t", "<b>Beslut</b>"),
        ("t", "Tekniska nämnden antar trafiksäkerhetsplanen för 2026–2029."),
        ("h", "§ 93 Medborgarförslag om belysning vid Ödbys badplats"),
        ("t", "Dnr TN 2025/19"),
        ("t", "<b>Beslut</b>"),
        ("t", "Tekniska nämnden bifaller medborgarförslaget och uppdrar åt förvaltningen att "
              "montera belysning under 2026."),
        ("h", "§ 94 Upphandling av vinterväghållning"),
        ("t", "Dnr TN 2025/80"),
        ("t", "<b>Beslut</b>"),
        ("t", "Tekniska nämnden uppdrar åt teknisk chef att genomföra upphandlingen av "
              "vinterväghållning för perioden 2026–2030."),
        ("h", "§ 95 Delegationsbeslut"),
        ("t", "<b>Beslut</b>"),
        ("t", "Redovisningen av delegationsbeslut godkänns."),
        ("h", "§ 96 Meddelanden"),
        ("t", "<b>Beslut</b>"),
        ("t", "Meddelandena läggs till handlingarna."),
    ],
}

# --- 27: a kommunstyrelsens arbetsutskott whose template prints the signature boxes' captions
# and a document id upright along the page edges, read bottom to top (written blind) ----------
P27 = {
    "header": (["Ekviks kommun", "Kommunstyrelsens arbetsutskott"], ["Sammanträdesprotokoll", "2025-11-11", "{page}({pages})"]),
    "footer": ("", ""),
    "vertical": [(1.2 * cm, "Dokument-ID: KSAU-2025-11-11-7F3A9C"),
                 (A4[0] - 1.0 * cm, "Justerandes signatur ____________     Utdragsbestyrkande ____________")],
    "blocks": [
        ("grid", [["<b>Plats och tid</b>", "Kommunhuset, rum Tallen, tisdagen den 11 november 2025 kl. 08.30–11.20"],
                  ["<b>Beslutande</b>", "Anneli Berg (S), ordförande\nMats Holmgren (M), vice ordförande\n"
                   "Sanna Lind (S)\nPeter Åkerlund (C)\nRoger Falk (SD), tjänstgörande ersättare för Jan Öhman (SD)"],
                  ["<b>Ersättare</b>", "Ingrid Nylén (KD)\nTobias Rask (S)"],
                  ["<b>Övriga</b>", "Eva Sjögren, kommundirektör\nHenrik Alm, ekonomichef, § 101\nLouise Berg, sekreterare"],
                  ["<b>Justerare</b>", "Mats Holmgren"],
                  ["<b>Justeringens plats och tid</b>", "Kommunhuset 2025-11-14"],
                  ["<b>Paragrafer</b>", "§§ 99–105"]],
         [4.5 * cm, 12.5 * cm], False, False),
        ("space", 10),
        ("grid", [["Sekreterare" + DOTS + "\nLouise Berg", "Ordförande" + DOTS + "\nAnneli Berg",
                   "Justerare" + DOTS + "\nMats Holmgren"]],
         [5.6 * cm, 5.6 * cm, 5.6 * cm], False, False),
        ("space", 10),
        ("grid", [["<b>ANSLAG/BEVIS</b>", ""],
                  ["Organ", "Kommunstyrelsens arbetsutskott"],
                  ["Sammanträdesdatum", "2025-11-11"],
                  ["Anslaget sätts upp", "2025-11-17"],
                  ["Anslaget tas ned", "2025-12-09"],
                  ["Förvaringsplats", "Kommunkansliet, Ekviks kommunhus"]],
         [6 * cm, 11 * cm], True, False),
        ("page",),
        ("h", "§ 99 Val av justerare"),
        ("t", "Arbetsutskottet utser Mats Holmgren (M) att justera protokollet."),
        ("h", "§ 100 Godkännande av föredragningslistan"),
        ("t", "Föredragningslistan godkänns."),
        ("h", "§ 101 Budgetuppföljning oktober 2025"),
        ("t", "Dnr KS 2025/412"),
        ("t", "Ekonomichef Henrik Alm redovisar uppföljningen. Kommunstyrelsens verksamheter "
              "prognostiserar ett överskott om 0,8 miljoner kronor."),
        ("h", "Arbetsutskottets beslut"),
        ("t", "Arbetsutskottet godkänner budgetuppföljningen och överlämnar den till kommunstyrelsen."),
        ("h", "§ 102 Detaljplan för Ekviks hamn, samrådsyttrande"),
        ("t", "Dnr KS 2025/377"),
        ("h", "Arbetsutskottets förslag till kommunstyrelsen"),
        ("t", "Kommunstyrelsen antar samrådsyttrandet som sitt eget."),
        ("h", "§ 103 Motion om fler trygghetsvärdar"),
        ("t", "Dnr KS 2025/155"),
        ("h", "Yrkanden"),
        ("t", "Roger Falk (SD) yrkar bifall till motionen. Anneli Berg (S) yrkar avslag på motionen."),
        ("h", "Beslutsgång"),
        ("t", "Ordföranden ställer yrkandena mot varandra och finner att arbetsutskottet beslutar "
              "enligt Anneli Bergs yrkande."),
        ("h", "Arbetsutskottets förslag till kommunstyrelsen"),
        ("t", "Kommunfullmäktige avslår motionen."),
        ("h", "Reservation"),
        ("t", "Roger Falk (SD) reserverar sig mot beslutet."),
        ("h", "§ 104 Delegationsbeslut"),
        ("t", "Dnr KS 2025/14"),
        ("h", "Arbetsutskottets beslut"),
        ("t", "Redovisningen av delegationsbeslut läggs till handlingarna."),
        ("h", "§ 105 Kommundirektören informerar"),
        ("t", "Kommundirektör Eva Sjögren informerar om arbetet med lokalförsörjningsplanen och "
              "om rekryteringen av en ny samhällsbyggnadschef."),
        ("h", "Arbetsutskottets beslut"),
        ("t", "Informationen noteras."),
    ],
}

# --- p28: a regionstyrelse whose § number and Dnr stand in a margin column beside the text ---
P28 = {
    "first_header": (["REGION NORRSAND"], ["PROTOKOLL", "Sida {page}({pages})"]),
    "header": (["Regionstyrelsen", "Sammanträdesdatum 2025-11-25"], ["Sida {page}({pages})"]),
    "footer": ("Justerandes signatur", "Utdragsbestyrkande"),
    "blocks": [
        ("h", "Regionstyrelsen"),
        ("grid", [["<b>Plats och tid</b>", "Regionens hus, sammanträdesrum Storsjön, Hallsund, "
                   "tisdagen den 25 november 2025, kl. 09.00–12.10 och 13.00–15.25"],
                  ["<b>Beslutande</b>", "Annika Strömqvist (S), ordförande, regionråd\n"
                   "Lennart Sjöö (M), 1:e vice ordförande, oppositionsråd\n"
                   "Britt-Marie Hallin (C), 2:e vice ordförande, regionråd\n"
                   "Jonas Ekbom (S)\nFatima Osmani (S)\nPeder Lundvall (M)\n"
                   "Hanna Risberg (SD)\nOlle Tjärn (V), deltar per telefon §§ 188–192\n"
                   "Sofia Brandt (KD)\nMagnus Vik (L)\n"
                   "Elin Strand (S), ersätter Rikard Holm (S)"],
                  ["<b>Ersättare</b>", "Göran Persson Ljung (M), Tove Anker (SD), "
                   "Stina Hamrén (C), Lars Olov Berg (V)"],
                  ["<b>Övriga</b>", "Kerstin Malm, regiondirektör\nDaniel Fors, ekonomidirektör, § 191\n"
                   "Marie Lindh, regionsekreterare"],
                  ["<b>Justerare</b>", "Lennart Sjöö och Sofia Brandt"],
                  ["<b>Justeringens plats och tid</b>", "Regionens hus, Hallsund, 2025-11-28"],
                  ["<b>Paragrafer</b>", "§§ 188–197"]],
         [4.6 * cm, 12.4 * cm], False, False),
        ("space", 12),
        ("grid", [["Sekreterare", "..............................................\nMarie Lindh"],
                  ["Ordförande", "..............................................\nAnnika Strömqvist"],
                  ["Justerare", "..............................................\nLennart Sjöö"
                   "\n\n..............................................\nSofia Brandt"]],
         [4.6 * cm, 12.4 * cm], False, False),
        ("space", 12),
        ("grid", [["<b>BEVIS</b>", "Justeringen har tillkännagivits på Region Norrsands digitala anslagstavla"],
                  ["Organ", "Regionstyrelsen"],
                  ["Sammanträdesdatum", "2025-11-25"],
                  ["Anslaget publicerat", "2025-12-01"],
                  ["Anslaget avpubliceras", "2025-12-23"],
                  ["Protokollets förvaring", "Regionkansliet, Regionens hus, Hallsund"]],
         [4.6 * cm, 12.4 * cm], True, False),
        ("page",),
        ("margin", "§ 188", "", "Val av justerare", [
            "##Regionstyrelsens beslut",
            "Regionstyrelsen utser Lennart Sjöö (M) och Sofia Brandt (KD) att jämte ordföranden "
            "justera dagens protokoll."]),
        ("margin", "§ 189", "", "Godkännande av dagordning", [
            "##Regionstyrelsens beslut",
            "Dagordningen godkänns med tillägg av ett informationsärende om vårdplatsläget."]),
        ("margin", "§ 190", "Dnr RS 2025/01844", "Regionrådens och regiondirektörens information", [
            "Regionråd Annika Strömqvist (S) informerar om dialogen med staten om "
            "ambulansflyget. Regiondirektör Kerstin Malm informerar om vårdplatsläget inför "
            "vintern och om arbetet med den nya organisationen för primärvården.",
            "##Regionstyrelsens beslut",
            "Informationen läggs till protokollet."]),
        ("margin", "§ 191", "Dnr RS 2025/01502", "Delårsrapport januari–augusti 2025", [
            "Ekonomidirektör Daniel Fors redovisar delårsrapporten. Regionen prognostiserar ett "
            "underskott om 212 miljoner kronor för helåret, främst till följd av kostnader för "
            "inhyrd personal och läkemedel.",
            "##Förslag till regionfullmäktige",
            "Regionfullmäktige godkänner delårsrapporten för januari–augusti 2025.",
            "##Regionstyrelsens beslut",
            "Regionstyrelsen överlämnar delårsrapporten till regionfullmäktige och föreslår "
            "fullmäktige att godkänna den."]),
        ("margin", "§ 192", "Dnr RS 2025/00977", "Investering i ny vårdcentral i Tjärnås", [
            "Fastighetsavdelningen har tagit fram ett förslag till ny vårdcentral i Tjärnås med "
            "en investeringsutgift om 96 miljoner kronor. Olle Tjärn (V) deltar per telefon och "
            "lämnar sammanträdet efter detta ärende.",
            "##Regionstyrelsens beslut",
            "Regionstyrelsen godkänner investeringen i en ny vårdcentral i Tjärnås inom en "
            "ram om 96 miljoner kronor."]),
        ("margin", "§ 193", "Dnr RS 2025/01711", "Yttrande över remiss om nationell plan för "
                                                  "transportinfrastrukturen", [
            "Regionen har fått remissen från Infrastrukturdepartementet. Regional utveckling har "
            "tagit fram ett förslag till yttrande.",
            "##Regionstyrelsens beslut",
            "Regionstyrelsen antar förslaget till yttrande som sitt eget och överlämnar det till "
            "Infrastrukturdepartementet."]),
        ("margin", "§ 194", "Dnr RS 2024/02216", "Svar på motion om fri parkering för "
                                                  "personal vid sjukhusen", [
            "##Yrkanden",
            "Hanna Risberg (SD) yrkar bifall till motionen. Annika Strömqvist (S) yrkar att "
            "motionen ska anses besvarad.",
            "##Propositionsordning",
            "Ordföranden ställer proposition på yrkandena och finner att regionstyrelsen "
            "beslutar enligt Annika Strömqvists yrkande.",
            "##Förslag till regionfullmäktige",
            "Motionen anses besvarad.",
            "##Reservation",
            "Hanna Risberg (SD) reserverar sig mot beslutet."]),
        ("margin", "§ 195", "Dnr RS 2025/01390", "Riktlinjer för representation och gåvor", [
            "##Regionstyrelsens beslut",
            "Regionstyrelsen fastställer riktlinjer för representation och gåvor att gälla från "
            "och med den 1 januari 2026."]),
        ("margin", "§ 196", "Dnr RS 2025/00031", "Redovisning av delegationsbeslut", [
            "##Regionstyrelsens beslut",
            "Redovisningen av delegationsbeslut för perioden 2025-10-01–2025-10-31 godkänns."]),
        ("margin", "§ 197", "", "Meddelanden", [
            "Förteckning över meddelanden har skickats ut med kallelsen.",
            "##Regionstyrelsens beslut",
            "Meddelandena läggs till handlingarna."]),
    ],
}

# --- 29: a bygg- och miljönämnd whose attendance is a table of marks by paragraph range
# ("§§ 120–123 | §§ 124–127"), members and substitutes in two tables, a member leaving after
# § 123 and a substitute serving from § 124, heads 'BMN § 121' with the Dnr in a cell at the
# right over titles that name the property first, a delegation list as a table ------------------
P29 = {
    "header": (["Tallmo kommun", "Bygg- och miljönämnden"],
               ["PROTOKOLL", "Sammanträdesdatum 2025-11-19", "Sida {page} av {pages}"]),
    "footer": ("Justerandes signatur", "Utdragsbestyrkande"),
    "blocks": [
        ("grid", [["<b>Plats och tid</b>", "Kommunhuset, sammanträdesrum Tallen, onsdagen den 19 "
                   "november 2025 kl. 13.00–16.40"],
                  ["<b>Beslutande</b>", "Enligt närvarolista nedan"],
                  ["<b>Övriga</b>", "Lena Åström, förvaltningschef\nPatrik Nyberg, bygglovshandläggare, "
                   "§§ 121–124\nMoa Lindqvist, nämndsekreterare"],
                  ["<b>Justerare</b>", "Annelie Sand"],
                  ["<b>Justeringens plats och tid</b>", "Kommunhuset, 2025-11-24"],
                  ["<b>Paragrafer</b>", "§§ 120–127"]],
         [4.6 * cm, 12.4 * cm], False, False),
        ("space", 8),
        ("h", "Närvarolista"),
        ("grid", [["Ledamöter", "Parti", "§§ 120–123", "§§ 124–127"],
                  ["Karin Ekholm, ordförande", "S", "X", "X"],
                  ["Bertil Holm, vice ordförande", "M", "X", "X"],
                  ["Annelie Sand", "C", "X", "X"],
                  ["Reza Tavakoli", "S", "X", ""],
                  ["Jörgen Lind", "SD", "", ""],
                  ["Ulrika Friberg", "V", "X", "X"],
                  ["Mats Ohlsson", "KD", "X", "X"]],
         [7 * cm, 2 * cm, 3 * cm, 3 * cm], True, True),
        ("space", 6),
        ("grid", [["Ersättare", "Parti", "§§ 120–123", "§§ 124–127"],
                  ["Sven Ljung", "SD", "X", "X"],
                  ["Hanna Berg", "S", "", "X"],
                  ["Olle Strand", "M", "", ""],
                  ["Linn Åkesson", "L", "", ""]],
         [7 * cm, 2 * cm, 3 * cm, 3 * cm], True, True),
        ("t", "X = tjänstgörande. Sven Ljung (SD) tjänstgör för Jörgen Lind (SD), Hanna Berg (S) "
              "för Reza Tavakoli (S) från och med § 124."),
        ("space", 10),
        ("grid", [["Underskrifter", "Sekreterare" + DOTS + "\nMoa Lindqvist",
                   "Ordförande" + DOTS + "\nKarin Ekholm",
                   "Justerare" + DOTS + "\nAnnelie Sand"]],
         [3.2 * cm, 4.6 * cm, 4.6 * cm, 4.6 * cm], False, False),
        ("space", 10),
        ("h", "BEVIS"),
        ("t", "Justeringen har tillkännagivits genom anslag på kommunens digitala anslagstavla."),
        ("grid", [["Organ", "Bygg- och miljönämnden"],
                  ["Sammanträdesdatum", "2025-11-19"],
                  ["Datum då anslaget sätts upp", "2025-11-25"],
                  ["Datum då anslaget tas ned", "2025-12-17"],
                  ["Förvaringsplats för protokollet", "Samhällsbyggnadsförvaltningen, Tallmo"]],
         [6 * cm, 11 * cm], True, False),
        ("page",),
        ("grid", [["<b>BMN § 120</b>", ""]], [8.5 * cm, 8.5 * cm], False, False),
        ("h", "Val av justerare"),
        ("h", "Bygg- och miljönämndens beslut"),
        ("t", "Annelie Sand (C) utses att jämte ordföranden justera protokollet."),
        ("grid", [["<b>BMN § 121</b>", "Dnr BMN 2025-000512"]], [8.5 * cm, 8.5 * cm], False, False),
        ("h", "Ekhagen 1:23 – Ansökan om bygglov för nybyggnad av fritidshus"),
        ("h", "Ärendet"),
        ("t", "Ansökan avser ett fritidshus om 68 kvadratmeter byggnadsarea inom detaljplan för "
              "Ekhagen. Åtgärden följer planen. Grannar har hörts utan erinran."),
        ("h", "Bygg- och miljönämndens beslut"),
        ("t", "Bygg- och miljönämnden beviljar bygglov för nybyggnad av fritidshus på fastigheten "
              "Ekhagen 1:23 med stöd av 9 kap. 30 § plan- och bygglagen."),
        ("h", "Avgift"),
        ("t", "Avgiften för bygglovet är 18 450 kronor enligt taxa fastställd av "
              "kommunfullmäktige."),
        ("grid", [["<b>BMN § 122</b>", "Dnr BMN 2025-000533"]], [8.5 * cm, 8.5 * cm], False, False),
        ("h", "Norrvik 2:7 – Ansökan om strandskyddsdispens för brygga"),
        ("h", "Ärendet"),
        ("t", "Sökanden vill anlägga en brygga om 12 kvadratmeter. Platsen är redan ianspråktagen "
              "av en äldre brygga som ska rivas."),
        ("h", "Bygg- och miljönämndens beslut"),
        ("t", "Bygg- och miljönämnden ger dispens från strandskyddsbestämmelserna för en brygga på "
              "fastigheten Norrvik 2:7."),
        ("grid", [["<b>BMN § 123</b>", "Dnr BMN 2025-000210"]], [8.5 * cm, 8.5 * cm], False, False),
        ("h", "Tallmo 4:12 – Tillsyn, olovligt byggande av carport, byggsanktionsavgift"),
        ("h", "Ärendet"),
        ("t", "En carport om 30 kvadratmeter har uppförts utan bygglov. Fastighetsägaren har "
              "getts tillfälle att yttra sig."),
        ("h", "Bygg- och miljönämndens beslut"),
        ("t", "Bygg- och miljönämnden påför fastighetsägaren en byggsanktionsavgift om 11 620 "
              "kronor."),
        ("t", "Reza Tavakoli (S) lämnar sammanträdet efter § 123."),
        ("grid", [["<b>BMN § 124</b>", "Dnr BMN 2025-000601"]], [8.5 * cm, 8.5 * cm], False, False),
        ("h", "Lövsta 3:5 – Ansökan om rivningslov för ladugård"),
        ("h", "Bygg- och miljönämndens beslut"),
        ("t", "Bygg- och miljönämnden beviljar rivningslov för ladugården på fastigheten Lövsta "
              "3:5."),
        ("grid", [["<b>BMN § 125</b>", "Dnr BMN 2025-000022"]], [8.5 * cm, 8.5 * cm], False, False),
        ("h", "Taxa för bygg- och miljönämndens verksamhet 2026"),
        ("h", "Bygg- och miljönämndens förslag till kommunfullmäktige"),
        ("t", "Kommunfullmäktige antar taxa för bygg- och miljönämndens verksamhet att gälla från "
              "och med den 1 januari 2026."),
        ("grid", [["<b>BMN § 126</b>", "Dnr BMN 2025-000005"]], [8.5 * cm, 8.5 * cm], False, False),
        ("h", "Redovisning av delegationsbeslut"),
        ("t", "Följande beslut har fattats med stöd av delegation under perioden 2025-10-01–2025-10-31."),
        ("grid", [["Nr", "Dnr", "Fastighet", "Beslut", "Datum"],
                  ["D 311", "BMN 2025-000488", "Ekhagen 1:9", "Bygglov, tillbyggnad", "2025-10-03"],
                  ["D 312", "BMN 2025-000490", "Tallmo 2:14", "Startbesked", "2025-10-09"],
                  ["D 313", "BMN 2025-000501", "Björkvik 5:1", "Slutbesked", "2025-10-21"]],
         [1.5 * cm, 4 * cm, 3 * cm, 5.5 * cm, 3 * cm], True, True),
        ("h", "Bygg- och miljönämndens beslut"),
        ("t", "Redovisningen av delegationsbeslut läggs till handlingarna."),
        ("grid", [["<b>BMN § 127</b>", ""]], [8.5 * cm, 8.5 * cm], False, False),
        ("h", "Meddelanden"),
        ("h", "Bygg- och miljönämndens beslut"),
        ("t", "Meddelandena läggs till handlingarna."),
    ],
}

# --- 30: a vård- och omsorgsnämnd whose cover sets the notice of justering as a boxed stamp
# beside the cover's table, top right of the first page, its rows wrapped in the narrow box,
# heads 'VON § 101' with the title beside them in a cell -------------------------------------------
P30 = {
    "header": (["ÅSBY KOMMUN", "Vård- och omsorgsnämnden"],
               ["SAMMANTRÄDESPROTOKOLL", "2025-11-12", "{page} ({pages})"]),
    "footer": ("Justerandes sign", "Utdragsbestyrkande"),
    "blocks": [
        ("beside",
         [["Plats och tid", "Åsby vårdcentrum, konferensrum Eken, onsdagen den 12 november "
                            "2025 kl. 13.15–16.05"],
          ["Beslutande", "Annika Holst (S), ordförande\nLeif Ström (KD), vice ordförande\n"
                         "Mona Lidén (S)\nStig Backman (M)\nRagnhild Ek (V)\n"
                         "Tord Vall (SD), tjänstgörande ersättare för Sara Ruud (SD)"],
          ["Ersättare", "Kerstin Åhs (S)\nPelle Nyman (C)"],
          ["Övriga", "Helena Björn, förvaltningschef\nMalin Roos, nämndsekreterare"],
          ["Justerare", "Stig Backman"],
          ["Justeringens plats och tid", "Vård- och omsorgsförvaltningen, 2025-11-17"],
          ["Paragrafer", "§§ 101–105"]],
         [3.6 * cm, 7.4 * cm],
         [["<b>ANSLAG/BEVIS</b>"],
          ["Protokollet är justerat. Justeringen har tillkännagivits genom anslag."],
          ["Organ: Vård- och omsorgsnämnden"],
          ["Sammanträdesdatum: 2025-11-12"],
          ["Anslaget sätts upp: 2025-11-18"],
          ["Anslaget tas ned: 2025-12-10"],
          ["Förvaringsplats: Vård- och omsorgsförvaltningen"],
          ["Underskrift: .........................\nMalin Roos"]],
         [5.4 * cm]),
        ("space", 14),
        ("grid", [["Underskrifter", "Sekreterare" + DOTS + "\nMalin Roos",
                   "Ordförande" + DOTS + "\nAnnika Holst",
                   "Justerare" + DOTS + "\nStig Backman"]],
         [3.2 * cm, 4.6 * cm, 4.6 * cm, 4.6 * cm], False, False),
        ("page",),
        ("grid", [["<b>VON § 101</b>", "<b>Val av justerare</b>"]], [3 * cm, 14 * cm], False, False),
        ("h", "Beslut"),
        ("t", "Vård- och omsorgsnämnden utser Stig Backman (M) att jämte ordföranden justera "
              "protokollet."),
        ("grid", [["<b>VON § 102</b>", "<b>Månadsuppföljning oktober 2025</b>"]],
         [3 * cm, 14 * cm], False, False),
        ("t", "Dnr VON 2025/212"),
        ("h", "Sammanfattning"),
        ("t", "Förvaltningen redovisar ett prognostiserat underskott om 4,8 miljoner kronor, "
              "främst inom hemtjänsten."),
        ("h", "Beslut"),
        ("t", "Vård- och omsorgsnämnden godkänner månadsuppföljningen för oktober 2025."),
        ("grid", [["<b>VON § 103</b>", "<b>Riktlinjer för biståndshandläggning inom äldreomsorgen</b>"]],
         [3 * cm, 14 * cm], False, False),
        ("t", "Dnr VON 2025/187"),
        ("h", "Yrkanden"),
        ("t", "Ragnhild Ek (V) yrkar att riktlinjerna återremitteras. Annika Holst (S) yrkar bifall "
              "till förvaltningens förslag."),
        ("h", "Propositionsordning"),
        ("t", "Ordföranden ställer proposition på yrkandena och finner att nämnden beslutar enligt "
              "Annika Holsts yrkande."),
        ("h", "Beslut"),
        ("t", "Vård- och omsorgsnämnden antar riktlinjer för biståndshandläggning inom "
              "äldreomsorgen."),
        ("h", "Reservation"),
        ("t", "Ragnhild Ek (V) reserverar sig mot beslutet."),
        ("grid", [["<b>VON § 104</b>", "<b>Ansökan om statsbidrag för ökad bemanning</b>"]],
         [3 * cm, 14 * cm], False, False),
        ("t", "Dnr VON 2025/230"),
        ("h", "Beslut"),
        ("t", "Vård- och omsorgsnämnden uppdrar åt förvaltningschefen att ansöka om statsbidraget."),
        ("grid", [["<b>VON § 105</b>", "<b>Anmälan av delegationsbeslut</b>"]],
         [3 * cm, 14 * cm], False, False),
        ("t", "Dnr VON 2025/004"),
        ("h", "Beslut"),
        ("t", "Anmälan av delegationsbeslut läggs till handlingarna."),
    ],
}

# --- 31: an arbetsmarknadsnämnd whose heads set the title at the left and the paragraph's number
# at the right of one row ('Val av justerare   § 88'), the Dnr under the title in small type ------
def head31(title, n, dnr=None):
    row = [("grid", [["<b>" + title + "</b>", "<b>§ " + str(n) + "</b>"]],
            [14.5 * cm, 2.5 * cm], False, False)]
    if dnr:
        row.append(("t", "Diarienummer: " + dnr))
    return row


P31 = {
    "header": (["Lövbergs kommun", "Arbetsmarknadsnämnden"],
               ["Protokoll", "Sammanträdesdatum 2025-12-02", "{page}/{pages}"]),
    "footer": ("Ordförandens sign ______   Justerarens sign ______", "Lövbergs kommun"),
    "blocks": [
        ("grid", [["<b>Tid</b>", "Tisdag 2 december 2025, kl. 08.30–11.40"],
                  ["<b>Plats</b>", "Arbetsmarknadshuset, rum Svalan"],
                  ["<b>Beslutande</b>", "Gerd Holmström (S), ordförande\nAnton Lax (M), vice ordförande\n"
                                        "Sirpa Niemi (S)\nJens Vallin (SD)\nMarta Ek (V)"],
                  ["<b>Ersättare</b>", "Kalle Björn (S), Emelie Rask (M)"],
                  ["<b>Övriga</b>", "Ulrika Stål, förvaltningschef\nNina Grön, sekreterare"],
                  ["<b>Justerare</b>", "Marta Ek"],
                  ["<b>Justering</b>", "Arbetsmarknadshuset, 2025-12-05"],
                  ["<b>Paragrafer</b>", "88–91"]],
         [4 * cm, 13 * cm], False, False),
        ("space", 10),
        ("grid", [["<b>Anslag om justerat protokoll</b>", ""],
                  ["Anslaget publicerat", "2025-12-08"],
                  ["Anslaget tas bort", "2025-12-30"],
                  ["Förvaring", "Arbetsmarknadsförvaltningen"]],
         [4 * cm, 13 * cm], True, False),
        ("page",),
        *head31("Val av justerare", 88),
        ("h", "Beslut"),
        ("t", "Arbetsmarknadsnämnden utser Marta Ek (V) att jämte ordföranden justera protokollet."),
        *head31("Verksamhetsplan och budget 2026", 89, "AMN 2025/210"),
        ("h", "Sammanfattning"),
        ("t", "Förvaltningen har tagit fram förslag till verksamhetsplan med mål för arbetsmarknadsinsatser, "
              "vuxenutbildning och integration."),
        ("h", "Beslut"),
        ("t", "Arbetsmarknadsnämnden fastställer verksamhetsplan och budget för 2026."),
        *head31("Upphandling av arbetsmarknadsutbildningar", 90, "AMN 2025/198"),
        ("h", "Yrkanden"),
        ("t", "Jens Vallin (SD) yrkar avslag. Gerd Holmström (S) yrkar bifall till förvaltningens förslag."),
        ("h", "Propositionsordning"),
        ("t", "Ordföranden ställer proposition på yrkandena och finner att nämnden bifaller förslaget."),
        ("h", "Beslut"),
        ("t", "Arbetsmarknadsnämnden godkänner förfrågningsunderlaget för upphandling av "
              "arbetsmarknadsutbildningar."),
        ("h", "Reservation"),
        ("t", "Jens Vallin (SD) reserverar sig mot beslutet."),
        *head31("Delegationsbeslut och meddelanden", 91, "AMN 2025/002"),
        ("h", "Beslut"),
        ("t", "Redovisningen av delegationsbeslut och meddelanden läggs till handlingarna."),
    ],
}

# --- 32: a socialnämnd's minutes published as a web page and printed from the browser to PDF:
# the browser's date and the page's title at the top, its address and page count at the foot, the
# site's menus, breadcrumb, 'Dela' and 'Skriv ut' above the protocol and its footer after it ------
P32 = {
    "header": (["2025-06-19 09:14"], []),
    "header_mid": ["Protokoll socialnämnden 2025-06-10 - Ekeby kommun"],
    "footer": ("https://www.ekeby.se/kommun-och-politik/politik-och-demokrati/socialnamnden/"
               "protokoll-socialnamnden-2025-06-10", "{page}/{pages}"),
    "blocks": [
        ("t", "Ekeby kommun"),
        ("t", "Hoppa till huvudinnehåll    Lyssna    Translate    Sök    Meny"),
        ("t", "Kommun och politik    Bygga, bo och miljö    Omsorg och stöd    Utbildning och förskola"),
        ("t", "Startsida  /  Kommun och politik  /  Politik och demokrati  /  Socialnämnden  /  Protokoll"),
        ("h", "Protokoll socialnämnden 2025-06-10"),
        ("t", "Dela    Skriv ut    Publicerad 2025-06-13"),
        ("space", 8),
        ("h", "Socialnämnden i Ekeby kommun"),
        ("t", "Sammanträdesprotokoll"),
        ("t", "Sammanträdesdatum: 2025-06-10"),
        ("t", "Tid: kl. 13.15–16.05"),
        ("t", "Plats: Stadshuset, sal Eken"),
        ("t", "Beslutande: Karin Alm (S), ordförande; Leif Tornberg (M), vice ordförande; "
              "Sofia Rahm (C); Nils Ek (SD); Yasmin Aziz (S), tjänstgörande ersättare för Bo Falk (S)"),
        ("t", "Ersättare: Pia Wennberg (L), Ronny Hall (KD)"),
        ("t", "Övriga: Marie Sjö, socialchef; Henrik Dahl, nämndsekreterare"),
        ("t", "Justerare: Sofia Rahm (C)"),
        ("t", "Justering: Socialkontoret 2025-06-12"),
        ("t", "Paragrafer: §§ 41–44"),
        ("h", "Anslag om justerat protokoll"),
        ("t", "Anslaget sätts upp: 2025-06-13"),
        ("t", "Anslaget tas ned: 2025-07-07"),
        ("t", "Förvaringsplats: Socialkontoret"),
        ("h", "§ 41 Val av justerare"),
        ("t", "Socialnämnden utser Sofia Rahm (C) att justera protokollet."),
        ("h", "§ 42 Ekonomisk uppföljning per maj 2025"),
        ("t", "Dnr SN 2025/0061"),
        ("h", "Beslut"),
        ("t", "Socialnämnden godkänner den ekonomiska uppföljningen per maj 2025."),
        ("h", "§ 43 Riktlinjer för ekonomiskt bistånd"),
        ("t", "Dnr SN 2025/0044"),
        ("h", "Beslut"),
        ("t", "Socialnämnden antar reviderade riktlinjer för ekonomiskt bistånd att gälla från den "
              "1 augusti 2025."),
        ("h", "Reservation"),
        ("t", "Nils Ek (SD) reserverar sig mot beslutet."),
        ("h", "§ 44 Anmälan av delegationsbeslut"),
        ("t", "Dnr SN 2025/0003"),
        ("h", "Beslut"),
        ("t", "Anmälan av delegationsbeslut läggs till handlingarna."),
        ("space", 12),
        ("t", "Sidan uppdaterades senast: 13 juni 2025    Sidansvarig: Socialförvaltningen"),
        ("t", "Hjälpte informationen på sidan dig?  Ja  Nej"),
        ("t", "Ekeby kommun, Stadshuset, Torggatan 1, 123 45 Ekeby    Telefon: 0123-456 00    "
              "Om webbplatsen    Kakor    Tillgänglighetsredogörelse"),
    ],
}

FREE = {
    "p10-ciceron-attendance-table-with-header-row": (
        Layout("DejaVuSans", "DejaVuSans-Bold", 10, 12, 4.5 * cm, 12.5 * cm), P10),
    "p11-ibabs-attendance-status-and-margin-heads": (
        Layout("Helvetica", "Helvetica-Bold", 10, 12, 4.5 * cm, 12.5 * cm), P11),
    "p12-forbund-styrelse-headed-member-table-signatures-in-a-row-and-voting-list": (
        Layout("DejaVuSerif", "DejaVuSerif-Bold", 10, 12, 4.5 * cm, 12.5 * cm), P12),
    "p13-council-attendance-and-voting-list-by-seat": (
        Layout("DejaVuSans", "DejaVuSans-Bold", 10, 12, 4.5 * cm, 12.5 * cm), P13),
    "p14-council-over-two-days-day-headings-and-attendance-by-day": (
        Layout("DejaVuSerif", "DejaVuSerif-Bold", 10, 12, 4.5 * cm, 12.5 * cm), P14),
    "p15-paragraph-numbers-in-a-margin-column-of-a-table": (
        Layout("Helvetica", "Helvetica-Bold", 10, 12, 4.5 * cm, 12.5 * cm), P15),
    "p16-forbund-direktion-grouped-by-kommun-jav-substitute-and-voting-table": (
        Layout("DejaVuSans", "DejaVuSans-Bold", 10, 12, 4.5 * cm, 12.5 * cm), P16),
    "p17-socialnamnd-boxed-cover-heads-with-dnr-cell-and-voting-table-with-party": (
        Layout("DejaVuSerif", "DejaVuSerif-Bold", 10, 12, 4.5 * cm, 12.5 * cm), P17),
    "p18-region-namnd-dotted-header-ledamoter-ersattare-table-and-notice-box": (
        Layout("Helvetica", "Helvetica-Bold", 10, 12, 4.5 * cm, 12.5 * cm), P18),
    "p19-samordningsforbund-styrelse-cover-table-wrapped-labels-agency-members-and-large-heads": (
        Layout("DejaVuSans", "DejaVuSans-Bold", 9.5, 13.5, 4.5 * cm, 12.5 * cm), P19),
    "p20-raddningstjanstforbund-direktion-attendance-by-kommun-with-marks-and-dir-heads": (
        Layout("DejaVuSerif", "DejaVuSerif-Bold", 10, 11.5, 4.5 * cm, 12.5 * cm), P20),
    "p21-servicenamnd-set-tight-run-on-lists-and-run-in-beslut": (
        Layout("Helvetica", "Helvetica-Bold", 10, 12, 4.5 * cm, 12.5 * cm, justify=True), P21),
    "p22-kommunfullmaktige-cover-over-two-pages-with-a-first-page-letterhead": (
        Layout("DejaVuSans", "DejaVuSans-Bold", 10, 12, 4.5 * cm, 12.5 * cm), P22),
    "p23-kultur-och-fritidsnamnd-paragraphs-as-tables-of-label-and-value": (
        Layout("DejaVuSerif", "DejaVuSerif-Bold", 10, 12, 4.5 * cm, 12.5 * cm), P23),
    "p24-barn-och-utbildningsnamnd-labels-flush-right-against-their-values": (
        Layout("Helvetica", "Helvetica-Bold", 10, 12, 4.5 * cm, 12.5 * cm), P24),
    "p27-ksau-signature-captions-and-document-id-upright-along-the-edges": (
        Layout("DejaVuSans", "DejaVuSans-Bold", 10, 12, 4.5 * cm, 12.5 * cm), P27),
    "p25-kommunalt-bolag-styrelse-three-column-running-header-suppleanter-and-vd": (
        Layout("DejaVuSerif", "DejaVuSerif-Bold", 10, 11.5, 4.5 * cm, 12.5 * cm), P25),
    "p28-regionstyrelse-paragraph-number-and-dnr-in-a-margin-column-beside-the-text": (
        Layout("Helvetica", "Helvetica-Bold", 10, 12, 4.5 * cm, 12.5 * cm), P28),
    "p29-bygg-och-miljonamnd-attendance-marks-by-paragraph-range-and-property-titles": (
        Layout("DejaVuSans", "DejaVuSans-Bold", 9.5, 12, 4.6 * cm, 12.4 * cm), P29),
    "p30-vard-och-omsorgsnamnd-notice-stamp-boxed-beside-the-cover": (
        Layout("Helvetica", "Helvetica-Bold", 9.5, 12, 3.6 * cm, 7.4 * cm), P30),
    "p31-arbetsmarknadsnamnd-title-left-and-paragraph-number-right-in-one-row": (
        Layout("DejaVuSerif", "DejaVuSerif-Bold", 10, 12, 4 * cm, 13 * cm), P31),
    "p32-socialnamnd-web-page-printed-from-the-browser-with-menus-address-and-page-count": (
        Layout("Helvetica", "Helvetica-Bold", 10, 12, 4 * cm, 13 * cm), P32),
}

CASES = {
    "p01-word-table-cover": (Layout("DejaVuSans", "DejaVuSans-Bold", 10, 13, 4.5 * cm, 11.5 * cm),
                             P1),
    "p02-label-value-far-apart": (Layout("DejaVuSerif", "DejaVuSerif-Bold", 11, 14, 9 * cm,
                                         8 * cm), P2),
    "p03-cover-in-one-table": (Layout("Helvetica", "Helvetica-Bold", 9.5, 12, 4 * cm, 12 * cm),
                               P3),
    "p04-furniture-last-and-attendance-appendix": (
        Layout("DejaVuSans", "DejaVuSans-Bold", 10.5, 14, 5 * cm, 11 * cm, justify=True,
               furniture_last=True, label_middle=True), P4),
    "p05-cover-in-four-columns": (Layout("DejaVuSerif", "DejaVuSerif-Bold", 9, 12, 4.2 * cm,
                                         3.8 * cm), P5),
    "p06-labels-and-values-in-two-boxes": (Layout("DejaVuSans", "DejaVuSans-Bold", 10, 13,
                                                  4.5 * cm, 11.5 * cm), P6),
    "p07-landscape-appendices-on-turned-pages": (Layout("DejaVuSans", "DejaVuSans-Bold", 10, 13,
                                                        4.5 * cm, 11.5 * cm), P7),
    "p08-words-broken-at-line-ends": (Layout("DejaVuSerif", "DejaVuSerif-Bold", 10.5, 13, 5 * cm,
                                             11.5 * cm), P8),
    "p09-side-by-side-lists-right-longer": (Layout("DejaVuSerif", "DejaVuSerif-Bold", 9, 12, 4.2 * cm,
                                                   3.8 * cm), P9),
}

COLUMNS = {
    "p26-teknisk-namnd-two-text-columns-per-page": (
        Layout("DejaVuSerif", "DejaVuSerif-Bold", 9.5, 10.5, 4.5 * cm, 12.5 * cm, justify=True), P26),
}


if __name__ == "__main__":
    # `make.py p07-…` writes only the cases named; no argument writes them all
    import sys
    for case in sys.argv[1:] or [*CASES, *FREE, *COLUMNS]:
        if case in COLUMNS:
            build_columns(case, *COLUMNS[case])
        elif case in FREE:
            build_free(case, *FREE[case])
        else:
            build(case, *CASES[case])

