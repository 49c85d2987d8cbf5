#!/usr/bin/env python3
"""Writes the PDF cases whose kind lies in how the PDF draws its text, not in the layout of the
page, which make.py's story of flowables cannot show (p33 on): reportlab's canvas directly.

- ("ocr"): a scanned page: the page an image, the OCR's text drawn invisible over it (text render
  mode 3), each word in a text object of its own at the place and size the OCR measured (uneven
  baselines and sizes), stretched to its box with horizontal scaling (Tz), no space characters;
- ("2up"): two A4 pages printed on one A4 landscape sheet ("2 pages per sheet"), each page a form
  XObject scaled to A5 beside the other;
- ("form"): a PDF blankett filled in and saved unflattened: the labels are page text, every value
  is a form field (AcroForm) whose text is only in the widget's appearance stream;
- ("glyphs"): a driver that places every glyph with its own text matrix and draws no space
  character, the words' gaps only in the positions.

Run: python3 crates/import/tests/cases-pdf/make_raw.py [name …] (reportlab and Pillow, the
DejaVu fonts of Debian's fonts-dejavu-core). Every protocol is invented.
"""
import io
import os
import random

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

HERE = os.path.dirname(os.path.abspath(__file__))
FONTS = "/usr/share/fonts/truetype/dejavu"
for name, file in [("DejaVuSans", "DejaVuSans.ttf"), ("DejaVuSans-Bold", "DejaVuSans-Bold.ttf"),
                   ("DejaVuSerif", "DejaVuSerif.ttf"), ("DejaVuSerif-Bold", "DejaVuSerif-Bold.ttf")]:
    pdfmetrics.registerFont(TTFont(name, os.path.join(FONTS, file)))

W, H = A4
LEFT = 22 * mm
VALUE = 68 * mm
RIGHT = W - 20 * mm


# --- the page model: rows of segments (x, text, bold, size), each row a line ------------------
class Doc:
    def __init__(self, font, bold, size=10.0, leading=1.35):
        self.font, self.bold, self.size, self.leading = font, bold, size, leading
        self.pages = [[]]  # each page: [(y_from_top, x, text, bold, size, field)]
        self.y = 0.0
        self.header = None  # fn(page_no, pages) -> [(y, x, text, bold, size, align)]
        self.footer = None

    def page(self):
        self.pages.append([])
        self.y = 0.0

    def space(self, pts):
        self.y += pts

    def row(self, *segs, size=None, bold=False, field=False):
        """segs: (x, text) or (x, text, bold)"""
        size = size or self.size
        for s in segs:
            x, text = s[0], s[1]
            b = s[2] if len(s) > 2 else bold
            self.pages[-1].append((self.y, x, text, b, size, field))
        self.y += size * self.leading

    def wrap(self, text, x=LEFT, right=RIGHT, size=None, bold=False):
        size = size or self.size
        font = self.bold if bold else self.font
        words, line = text.split(), ""
        for w in words:
            t = (line + " " + w).strip()
            if pdfmetrics.stringWidth(t, font, size) > right - x and line:
                self.row((x, line), size=size, bold=bold)
                line = w
            else:
                line = t
        if line:
            self.row((x, line), size=size, bold=bold)

    def label(self, label, *values, field=False):
        """A cover row: the label at the left, the value (one line each) at VALUE."""
        first = True
        for v in values or [""]:
            if first:
                self.pages[-1].append((self.y, LEFT, label, True, self.size, False))
                first = False
            self.row((VALUE, v), field=field)


TOP = 30 * mm


def draw_text(c, font, size, x, y, text, align="left"):
    c.setFont(font, size)
    if align == "right":
        c.drawRightString(x, y, text)
    elif align == "centre":
        c.drawCentredString(x, y, text)
    else:
        c.drawString(x, y, text)


def furniture(c, doc, n, total):
    for part in (doc.header, doc.footer):
        if part:
            for (y, x, text, bold, size, align) in part(n, total):
                draw_text(c, doc.bold if bold else doc.font, size, x, H - y, text, align)


def draw_page(c, doc, rows, n, total):
    furniture(c, doc, n, total)
    for (y, x, text, bold, size, _field) in rows:
        draw_text(c, doc.bold if bold else doc.font, size, x, H - TOP - y, text)


# --- writers -------------------------------------------------------------------------------
def write_plain(path, doc):
    c = canvas.Canvas(path, pagesize=A4, invariant=1)
    for n, rows in enumerate(doc.pages, 1):
        draw_page(c, doc, rows, n, len(doc.pages))
        c.showPage()
    c.save()


def scan_image(seed):
    """A grey scanned sheet: paper tone, speckles and a darker edge (what a scanner's JPEG
    holds besides the text, which is not drawn here: the case is about the text layer)."""
    from PIL import Image, ImageDraw
    rnd = random.Random(seed)
    img = Image.new("L", (620, 877), 246)
    d = ImageDraw.Draw(img)
    for _ in range(900):
        x, y = rnd.randrange(620), rnd.randrange(877)
        d.point((x, y), fill=rnd.randrange(150, 235))
    d.rectangle((0, 0, 6, 877), fill=200)
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=60)
    buf.seek(0)
    return buf


def write_ocr(path, doc, seed=33):
    """Each word its own invisible text object at the OCR's measure of it, over the page's
    image; furniture and text alike (a scan has no layers)."""
    from reportlab.lib.utils import ImageReader
    rnd = random.Random(seed)
    c = canvas.Canvas(path, pagesize=A4, invariant=1)
    total = len(doc.pages)
    for n, rows in enumerate(doc.pages, 1):
        c.drawImage(ImageReader(scan_image(seed + n)), 0, 0, W, H)
        items = []
        for part in (doc.header, doc.footer):
            if part:
                for (y, x, text, bold, size, align) in part(n, total):
                    font = doc.bold if bold else doc.font
                    w = pdfmetrics.stringWidth(text, font, size)
                    x0 = x - w if align == "right" else (x - w / 2 if align == "centre" else x)
                    items.append((y, x0, text, bold, size))
        items += [(TOP + y, x, text, bold, size) for (y, x, text, bold, size, _f) in rows]
        # the page is a little skewed and the type uneven: each word measured on its own
        for (y, x, text, bold, size) in items:
            font = doc.bold if bold else doc.font
            cursor = x
            space = pdfmetrics.stringWidth(" ", font, size)
            for word in text.split(" "):
                if not word:
                    cursor += space
                    continue
                width = pdfmetrics.stringWidth(word, font, size)
                # the OCR's size for the word: its box's height, a little off either way
                osize = round(size * rnd.uniform(0.86, 1.12), 2)
                natural = pdfmetrics.stringWidth(word, font, osize)
                tz = 100.0 * width / natural * rnd.uniform(0.97, 1.03)
                base = H - y + rnd.uniform(-1.6, 1.6) + (cursor - LEFT) * 0.004
                t = c.beginText()
                t.setTextRenderMode(3)
                t.setFont(font, osize)
                t.setHorizScale(round(tz, 1))
                t.setTextOrigin(round(cursor + rnd.uniform(-0.6, 0.6), 2), round(base, 2))
                t.textOut(word)
                c.drawText(t)
                cursor += width + space
        c.showPage()
    c.save()


def write_2up(path, doc):
    """Two pages a sheet: each page a form XObject, scaled to A5 and set beside the other on an
    A4 landscape sheet, as a print driver's 'pages per sheet' writes them."""
    sheet = landscape(A4)
    c = canvas.Canvas(path, pagesize=sheet, invariant=1)
    total = len(doc.pages)
    scale = (sheet[0] / 2 - 8 * mm) / W
    for n, rows in enumerate(doc.pages, 1):
        c.beginForm("page%d" % n, 0, 0, W, H)
        draw_page(c, doc, rows, n, total)
        c.endForm()
    for first in range(1, total + 1, 2):
        for k, n in enumerate((first, first + 1)):
            if n > total:
                break
            x0 = 4 * mm + k * sheet[0] / 2
            y0 = (sheet[1] - H * scale) / 2
            c.saveState()
            c.translate(x0, y0)
            c.scale(scale, scale)
            c.setLineWidth(0.6)
            c.rect(0, 0, W, H)  # the page's edge, as drivers draw a frame
            c.doForm("page%d" % n)
            c.restoreState()
        c.showPage()
    c.save()


def write_form(path, doc):
    """Labels as page text, values as filled form fields left unflattened (reportlab writes a
    field's appearance in Latin-1: no dashes beyond the hyphen)."""
    c = canvas.Canvas(path, pagesize=A4, invariant=1)
    total = len(doc.pages)
    k = 0
    for n, rows in enumerate(doc.pages, 1):
        furniture(c, doc, n, total)
        # a field's lines: consecutive field rows at one x make one multi-line field
        fields, last = [], None
        for (y, x, text, bold, size, field) in rows:
            if not field:
                draw_text(c, doc.bold if bold else doc.font, size, x, H - TOP - y, text)
                last = None
                continue
            if last is not None and last[1] == x and abs(y - last[3]) < size * 1.5:
                last[2].append(text)
                last[3] = y
            else:
                last = [y, x, [text], y, size]
                fields.append(last)
        for (y0, x, lines, y1, size) in fields:
            k += 1
            lead = size * doc.leading
            height = (y1 - y0) + lead + 2
            c.acroForm.textfield(
                name="falt%d" % k, value="\n".join(lines), x=x - 2,
                y=H - TOP - y1 - 4, width=RIGHT - x + 2, height=height,
                fontName="Helvetica", fontSize=size, borderWidth=0.5,
                borderColor=None, fillColor=None,
                fieldFlags="multiline" if len(lines) > 1 else "", maxlen=2000)
        c.showPage()
    c.save()


def write_glyphs(path, doc):
    """Every glyph placed by its own text matrix, no space character drawn (a Windows print
    driver's output through a PostScript step), font size 1 and the size in the matrix."""
    c = canvas.Canvas(path, pagesize=A4, invariant=1)
    total = len(doc.pages)
    for n, rows in enumerate(doc.pages, 1):
        items = []
        for part in (doc.header, doc.footer):
            if part:
                for (y, x, text, bold, size, align) in part(n, total):
                    font = doc.bold if bold else doc.font
                    w = pdfmetrics.stringWidth(text, font, size)
                    x0 = x - w if align == "right" else (x - w / 2 if align == "centre" else x)
                    items.append((y, x0, text, bold, size))
        items += [(TOP + y, x, text, bold, size) for (y, x, text, bold, size, _f) in rows]
        for (y, x, text, bold, size) in items:
            font = doc.bold if bold else doc.font
            c.setFont(font, 1)  # registers the font on the page; the size is in the matrix
            name = c._doc.getInternalFontName(font)
            ops = ["BT %s 1 Tf" % name]
            cursor = x
            for ch in text:
                w = pdfmetrics.stringWidth(ch, font, size)
                if ch != " ":
                    code = ch.encode("cp1252")
                    s = "".join("\\%03o" % b if b > 126 or chr(b) in "()\\" else chr(b)
                                for b in code)
                    ops.append("%.2f 0 0 %.2f %.2f %.2f Tm (%s) Tj" % (size, size, cursor,
                                                                      H - y, s))
                cursor += w
            ops.append("ET")
            c._code.append(" ".join(ops))
        c.showPage()
    c.save()


# =============================================================================================
# p33: a fritidsnämnd's 1999 protocol scanned for the archive, the OCR's text layer invisible
def p33():
    d = Doc("DejaVuSerif", "DejaVuSerif-Bold", 10.5)

    def header(n, total):
        rows = [(16 * mm, LEFT, "EKBY KOMMUN", True, 11, "left"),
                (16 * mm, 110 * mm, "SAMMANTRÄDESPROTOKOLL", True, 10.5, "left"),
                (16 * mm, RIGHT, "%d(%d)" % (n, total), False, 10, "right"),
                (21 * mm, LEFT, "Fritidsnämnden", False, 10.5, "left"),
                (21 * mm, 110 * mm, "Sammanträdesdatum", False, 8, "left")]
        rows.append((25 * mm, 110 * mm, "1999-03-16", False, 10.5, "left"))
        return rows

    def footer(n, total):
        return [(H - 16 * mm, LEFT, "Justerandes sign", False, 8, "left"),
                (H - 16 * mm, 110 * mm, "Utdragsbestyrkande", False, 8, "left")]

    d.header, d.footer = header, footer
    d.space(6)
    d.label("Plats och tid", "Kommunhuset, sammanträdesrum Ekbacken, kl 18.30-20.45")
    d.space(6)
    d.label("Beslutande", "Gunnar Lindqvist (s), ordförande", "Astrid Holm (m), vice ordförande",
            "Kjell Berg (s)", "Maj-Britt Sundin (c)",
            "Roger Nyström (fp), tjänstgörande ersättare för Lars Ek (v)")
    d.space(6)
    d.label("Ersättare", "Eva Strand (s)", "Olof Björk (kd)")
    d.space(6)
    d.label("Övriga deltagande", "Per-Erik Sand, fritidschef", "Lena Åberg, sekreterare")
    d.space(6)
    d.label("Utses att justera", "Astrid Holm")
    d.space(6)
    d.label("Justeringens", "Fritidskontoret 1999-03-22")
    d.row((LEFT, "plats och tid", True))
    d.space(10)
    d.row((LEFT, "Underskrifter", True), (VALUE - 26 * mm, "Sekreterare"),
          (VALUE, "......................................"), (150 * mm, "Paragrafer   12-15"))
    d.row((VALUE, "Lena Åberg"))
    d.space(8)
    d.row((VALUE - 26 * mm, "Ordförande"), (VALUE, "......................................"))
    d.row((VALUE, "Gunnar Lindqvist"))
    d.space(8)
    d.row((VALUE - 26 * mm, "Justerande"), (VALUE, "......................................"))
    d.row((VALUE, "Astrid Holm"))
    d.space(16)
    d.row((LEFT, "ANSLAG/BEVIS", True))
    d.row((LEFT, "Protokollet är justerat. Justeringen har tillkännagivits genom anslag."))
    d.space(4)
    d.label("Organ", "Fritidsnämnden")
    d.label("Sammanträdesdatum", "1999-03-16")
    d.row((LEFT, "Datum för anslags", True), (VALUE, "1999-03-23"),
          (110 * mm, "Datum för anslags", True), (160 * mm, "1999-04-14"))
    d.row((LEFT, "uppsättande", True), (110 * mm, "nedtagande", True))
    d.label("Förvaringsplats", "Fritidskontoret")
    d.row((LEFT, "för protokollet", True))
    d.space(6)
    d.row((LEFT, "Underskrift", True), (VALUE, "......................................"))
    d.row((VALUE, "Lena Åberg"))

    d.page()
    d.row((LEFT, "§ 12", True), size=11)
    d.space(2)
    d.row((LEFT, "Val av justerare", True))
    d.space(4)
    d.row((LEFT, "Fritidsnämnden beslutar"))
    d.space(4)
    d.wrap("att utse Astrid Holm att jämte ordföranden justera dagens protokoll.")
    d.space(14)
    d.row((LEFT, "§ 13", True), (110 * mm, "Dnr 1999.021"), size=11)
    d.space(2)
    d.row((LEFT, "Bidrag till föreningar 1999", True))
    d.space(4)
    d.wrap("Fritidskontoret har berett de ansökningar om verksamhetsbidrag som kommit in från "
           "kommunens idrotts- och fritidsföreningar. Förslaget till fördelning redovisas i "
           "bilaga 1.")
    d.space(4)
    d.row((LEFT, "Fritidsnämnden beslutar"))
    d.space(4)
    d.wrap("att fördela föreningsbidrag för 1999 enligt bilaga 1.")
    d.space(14)
    d.row((LEFT, "§ 14", True), (110 * mm, "Dnr 1998.114"), size=11)
    d.space(2)
    d.row((LEFT, "Upprustning av Ekbyvallens omklädningsrum", True))
    d.space(4)
    d.wrap("Omklädningsrummen vid Ekbyvallen är i dåligt skick. Tekniska kontoret har tagit fram "
           "ett förslag till upprustning som beräknas kosta 850 000 kronor.")
    d.space(4)
    d.row((LEFT, "Fritidsnämnden beslutar"))
    d.space(4)
    d.wrap("att godkänna förslaget till upprustning inom en kostnad av 850 000 kronor, samt")
    d.wrap("att finansiera upprustningen inom nämndens investeringsram för 1999.")
    d.space(14)
    d.row((LEFT, "§ 15", True), size=11)
    d.space(2)
    d.row((LEFT, "Meddelanden", True))
    d.space(4)
    d.wrap("Länsstyrelsens beslut om bidrag till fritidsgårdar 1999 och Svenska "
           "Kommunförbundets cirkulär 1999:12 anmäls.")
    d.space(4)
    d.row((LEFT, "Fritidsnämnden beslutar"))
    d.space(4)
    d.wrap("att lägga meddelandena till handlingarna.")
    write_ocr(os.path.join(HERE, "p33-fritidsnamnd-1999-scan-with-an-invisible-ocr-text-layer-word-by-word.pdf"), d)


def wrapped(text, width, font="DejaVuSans", size=10):
    """`text` broken into lines of at most `width` points."""
    lines, line = [], ""
    for w in text.split():
        t = (line + " " + w).strip()
        if pdfmetrics.stringWidth(t, font, size) > width and line:
            lines.append(line)
            line = w
        else:
            line = t
    return lines + ([line] if line else [])


# p34: an äldrenämnd's minutes printed two pages a sheet (A5 pages side by side on A4 landscape)
def p34():
    d = Doc("DejaVuSans", "DejaVuSans-Bold", 10)

    def header(n, total):
        return [(14 * mm, LEFT, "NORRVIKS KOMMUN", True, 10, "left"),
                (14 * mm, RIGHT, "PROTOKOLL", True, 10, "right"),
                (19 * mm, LEFT, "Äldrenämnden", False, 9, "left"),
                (19 * mm, RIGHT, "Sida %d av %d" % (n, total), False, 9, "right"),
                (23.5 * mm, LEFT, "Sammanträdesdatum 2025-09-24", False, 9, "left")]

    def footer(n, total):
        return [(H - 15 * mm, LEFT, "Justerandes sign", False, 8, "left"),
                (H - 15 * mm, 85 * mm, "Utdragsbestyrkande", False, 8, "left")]

    d.header, d.footer = header, footer
    d.space(4)
    d.label("Plats och tid", "Kommunhuset, sal Norrsken, kl. 09.00–11.50")
    d.space(5)
    d.label("Beslutande", "Ulla Bergkvist (S), ordförande", "Hasse Lööf (M), 1:e vice ordförande",
            "Inger Kvist (S)", "Ahmed Nur (V)", "Camilla Stenberg (C)", "Tord Nilsson (SD)",
            "Marie Grön (S), ersätter Bo Ekman (S)")
    d.space(5)
    d.label("Ersättare", "Kent Holm (M)", "Lisa Åhl (KD)")
    d.space(5)
    d.label("Övriga närvarande", "Jan Ruth, förvaltningschef", "Susanne Vik, nämndsekreterare")
    d.space(5)
    d.label("Justerare", "Ahmed Nur (V)")
    d.space(5)
    d.label("Justeringens", "Socialkontoret, 2025-09-30")
    d.row((LEFT, "plats och tid", True))
    d.space(10)
    d.row((LEFT, "Underskrifter", True), (VALUE, "Sekreterare"), (150 * mm, "Paragrafer"))
    d.space(10)
    d.row((VALUE, "................................................"), (150 * mm, "§§ 58–62"))
    d.row((VALUE, "Susanne Vik"))
    d.space(4)
    d.row((VALUE, "Ordförande"))
    d.space(10)
    d.row((VALUE, "................................................"))
    d.row((VALUE, "Ulla Bergkvist"))
    d.space(4)
    d.row((VALUE, "Justerare"))
    d.space(10)
    d.row((VALUE, "................................................"))
    d.row((VALUE, "Ahmed Nur"))
    d.space(14)
    d.row((LEFT, "ANSLAG/BEVIS", True))
    d.row((LEFT, "Protokollet är justerat. Justeringen har tillkännagetts genom anslag."))
    d.space(4)
    d.label("Organ", "Äldrenämnden")
    d.label("Sammanträdesdatum", "2025-09-24")
    d.label("Datum då anslaget", "2025-10-01")
    d.row((LEFT, "sätts upp", True))
    d.label("Datum då anslaget", "2025-10-23")
    d.row((LEFT, "tas ned", True))
    d.label("Förvaringsplats", "Socialkontoret")
    d.row((LEFT, "för protokollet", True))

    def head(n, title, dnr=None):
        d.space(12)
        d.row((LEFT, "§ %d" % n, True), size=11.5)
        d.row((LEFT, title, True), size=11)
        if dnr:
            d.row((LEFT, "Dnr " + dnr), size=8.5)
        d.space(4)

    def text(t):
        d.wrap(t)
        d.space(4)

    d.page()
    head(58, "Val av justerare")
    d.row((LEFT, "Beslut", True))
    text("Äldrenämnden utser Ahmed Nur (V) att justera protokollet.")
    head(59, "Delårsrapport per augusti 2025", "ÄN 2025/0112")
    text("Förvaltningen har upprättat en delårsrapport per den 31 augusti 2025. Nämnden "
         "prognostiserar ett underskott om 4,2 miljoner kronor för helåret, främst inom hemtjänsten.")
    d.row((LEFT, "Beslut", True))
    text("Äldrenämnden godkänner delårsrapporten per augusti 2025 och överlämnar den till "
         "kommunstyrelsen.")
    d.row((LEFT, "Beslutsunderlag", True))
    text("Tjänsteskrivelse 2025-09-10, Delårsrapport per augusti 2025")
    d.page()
    head(60, "Lokalförsörjningsplan för särskilda boenden 2026–2030", "ÄN 2025/0087")
    text("Behovet av platser i särskilt boende väntas öka med omkring 60 platser till år 2030. "
         "Planen föreslår ett nytt boende i Norrvik centrum och att Björkgårdens boende avvecklas.")
    d.row((LEFT, "Beslut", True))
    text("Äldrenämnden antar lokalförsörjningsplanen för särskilda boenden 2026–2030.")
    head(61, "Avgifter inom äldreomsorgen 2026", "ÄN 2025/0120")
    text("Avgifterna räknas årligen upp med prisbasbeloppet. Förvaltningen föreslår även en "
         "ny avgift för trygghetslarm.")
    d.row((LEFT, "Beslut", True))
    text("Äldrenämnden föreslår kommunfullmäktige att fastställa avgifterna inom "
         "äldreomsorgen för 2026 enligt bilaga.")
    d.row((LEFT, "Reservation", True))
    text("Tord Nilsson (SD) reserverar sig mot beslutet.")
    d.page()
    head(62, "Anmälan av delegationsbeslut", "ÄN 2025/0004")
    text("Förteckning över delegationsbeslut fattade under perioden 2025-08-01–2025-08-31.")
    d.row((LEFT, "Beslut", True))
    text("Anmälan av delegationsbeslut läggs till handlingarna.")
    write_2up(os.path.join(HERE, "p34-aldrenamnd-printed-two-pages-a-sheet-a5-side-by-side-on-a4-landscape.pdf"), d)


# p35: a jävsnämnd's minutes on a PDF blankett, filled in and saved with its fields unflattened
def p35():
    d = Doc("Helvetica", "Helvetica-Bold", 10)

    def header(n, total):
        return [(14 * mm, LEFT, "Västerbo kommun", True, 12, "left"),
                (14 * mm, RIGHT, "SAMMANTRÄDESPROTOKOLL", True, 11, "right"),
                (19 * mm, RIGHT, "Blankett SBF 12, utgåva 3", False, 7, "right")]

    def footer(n, total):
        return [(H - 15 * mm, LEFT, "Justerandes sign", False, 8, "left"),
                (H - 15 * mm, 80 * mm, "Utdragsbestyrkande", False, 8, "left"),
                (H - 15 * mm, RIGHT, "Sida %d av %d" % (n, total), False, 8, "right")]

    d.header, d.footer = header, footer
    f = lambda label, *v: (d.label(label, *v, field=True), d.space(5))
    f("Nämnd", "Jävsnämnden")
    f("Sammanträdesdatum", "2025-11-04")
    f("Plats och tid", "Stadshuset, rum 214, kl. 15.00-16.10")
    f("Beslutande", "Anders Fri (M), ordförande", "Karin Sjöberg (S), vice ordförande",
      "Peter Ulf (L)")
    f("Ersättare", "Malin Öst (S)", "Johan Rask (C)")
    f("Övriga närvarande", "Linnea Berg, bygglovschef", "Oskar Lindh, sekreterare")
    f("Justerare", "Karin Sjöberg (S)")
    f("Justering, plats och tid", "Stadshuset 2025-11-06")
    f("Paragrafer", "§§ 21-24")
    d.space(6)
    f("Sekreterare", "Oskar Lindh")
    f("Ordförande", "Anders Fri")
    f("Justerare", "Karin Sjöberg")
    d.space(10)
    d.row((LEFT, "ANSLAG/BEVIS", True), size=11)
    d.row((LEFT, "Protokollet är justerat. Justeringen har tillkännagetts genom anslag."))
    d.space(5)
    f("Anslaget sätts upp", "2025-11-07")
    f("Anslaget tas ned", "2025-11-29")
    f("Förvaringsplats", "Samhällsbyggnadsförvaltningen")

    def item(n, title, dnr, decision, text=None):
        f("Paragraf", "§ %d" % n)
        f("Ärende", title)
        if dnr:
            f("Diarienummer", dnr)
        if text:
            f("Beskrivning", *wrapped(text, RIGHT - VALUE - 6, "Helvetica"))
        f("Beslut", *wrapped(decision, RIGHT - VALUE - 6, "Helvetica"))
        d.space(12)

    d.page()
    item(21, "Val av justerare", None,
         "Jävsnämnden utser Karin Sjöberg (S) att justera protokollet.")
    item(22, "Strandmaden 2:14 - bygglov för nybyggnad av förskola", "JN 2025/031",
         "Jävsnämnden beviljar bygglov med stöd av 9 kap. 31 § plan- och bygglagen.",
         "Kommunen söker bygglov för en förskola med sex avdelningar. Åtgärden följer "
         "detaljplanen. Grannar har hörts utan erinran.")
    item(23, "Kvarnen 5 - rivningslov för förrådsbyggnad", "JN 2025/034",
         "Jävsnämnden beviljar rivningslov med stöd av 9 kap. 34 § plan- och bygglagen.",
         "Kommunens fastighetsenhet söker rivningslov för en förrådsbyggnad från 1950-talet.")
    item(24, "Redovisning av delegationsbeslut", "JN 2025/002",
         "Redovisningen av delegationsbeslut läggs till handlingarna.")
    write_form(os.path.join(HERE, "p35-javsnamnd-blankett-with-its-values-in-unflattened-form-fields.pdf"), d)


# p36: a vatten- och avfallsnämnd's minutes printed through a driver that places every glyph
def p36():
    d = Doc("Helvetica", "Helvetica-Bold", 10)

    def header(n, total):
        return [(14 * mm, LEFT, "HEDBY KOMMUN", True, 10, "left"),
                (14 * mm, 120 * mm, "SAMMANTRÄDESPROTOKOLL", True, 10, "left"),
                (14 * mm, RIGHT, "%d (%d)" % (n, total), False, 9, "right"),
                (19 * mm, LEFT, "Vatten- och avfallsnämnden", False, 9, "left"),
                (19 * mm, 120 * mm, "2025-05-20", False, 9, "left")]

    def footer(n, total):
        return [(H - 15 * mm, LEFT, "Justerandes sign", False, 8, "left"),
                (H - 15 * mm, 120 * mm, "Utdragsbestyrkande", False, 8, "left")]

    d.header, d.footer = header, footer
    d.label("Plats och tid:", "Tekniska kontoret, sammanträdesrummet Källan,",
            "tisdagen den 20 maj 2025 kl. 13.00–15.30")
    d.space(5)
    d.label("Beslutande:", "Birgitta Holm (C), ordförande", "Stefan Rydh (S), vice ordförande",
            "Anna-Lena Berg (M)", "Mikael Frost (SD)",
            "Hanna Lund (S), tjänstgörande ersättare för Åke Sten (S)")
    d.space(5)
    d.label("Ersättare:", "Tomas Ek (M)", "Jenny Wall (V)")
    d.space(5)
    d.label("Övriga deltagande:", "Rolf Dahl, VA-chef", "Eva Linde, sekreterare")
    d.space(5)
    d.label("Utses att justera:", "Mikael Frost (SD)")
    d.space(5)
    d.label("Justeringens plats", "Tekniska kontoret, 2025-05-26")
    d.row((LEFT, "och tid:", True))
    d.space(5)
    d.label("Justerade paragrafer:", "§§ 33–36")
    d.space(10)
    d.label("Sekreterare", "..............................................")
    d.row((VALUE, "Eva Linde"))
    d.space(6)
    d.label("Ordförande", "..............................................")
    d.row((VALUE, "Birgitta Holm"))
    d.space(6)
    d.label("Justerande", "..............................................")
    d.row((VALUE, "Mikael Frost"))
    d.space(14)
    d.row((LEFT, "ANSLAG/BEVIS", True))
    d.row((LEFT, "Protokollet är justerat. Justeringen har tillkännagivits genom anslag."))
    d.space(4)
    d.label("Organ:", "Vatten- och avfallsnämnden")
    d.label("Sammanträdesdatum:", "2025-05-20")
    d.label("Anslaget sätts upp:", "2025-05-27")
    d.label("Anslaget tas ned:", "2025-06-18")
    d.label("Förvaringsplats:", "Tekniska kontoret")

    def head(n, title, dnr=None):
        d.space(14)
        d.row((LEFT, "§ %d" % n, True), (VALUE, title, True), size=11)
        if dnr:
            d.row((VALUE, "Dnr " + dnr), size=9)
        d.space(4)

    def text(t):
        d.wrap(t, x=VALUE)
        d.space(4)

    d.page()
    head(33, "Val av justerare")
    text("Vatten- och avfallsnämnden beslutar att utse Mikael Frost (SD) att justera dagens "
         "protokoll.")
    head(34, "Taxa för vatten och avlopp 2026", "VAN 2025/041")
    text("Förvaltningen föreslår att brukningsavgiften höjs med sex procent från den 1 januari "
         "2026 för att täcka ökade kostnader för reningsverket i Hedby.")
    d.row((VALUE, "Vatten- och avfallsnämndens beslut", True))
    text("Vatten- och avfallsnämnden föreslår kommunfullmäktige att anta taxa för vatten och "
         "avlopp 2026.")
    head(35, "Renhållningsordning för Hedby kommun", "VAN 2024/118")
    text("Förslaget till ny renhållningsordning har varit utställt under tiden 3 februari–"
         "30 mars 2025. Inkomna synpunkter har sammanställts i en samrådsredogörelse.")
    d.row((VALUE, "Vatten- och avfallsnämndens beslut", True))
    text("Vatten- och avfallsnämnden godkänner samrådsredogörelsen och överlämnar förslaget "
         "till renhållningsordning till kommunfullmäktige för antagande.")
    head(36, "Delegationsbeslut", "VAN 2025/003")
    d.row((VALUE, "Vatten- och avfallsnämndens beslut", True))
    text("Redovisningen av delegationsbeslut läggs till handlingarna.")
    write_glyphs(os.path.join(HERE, "p36-vatten-och-avfallsnamnd-every-glyph-placed-on-its-own-no-space-characters.pdf"), d)


def write_stamped(path, doc, stamp):
    """The right-hand column's text drawn before the left's, the running header and footer after
    the page's content, and on the first page a stamp the publishing system added once the
    minutes were justerade: a form XObject of its own coordinates, placed by a `cm` at the
    page's top right (the notice's dates only there)."""
    c = canvas.Canvas(path, pagesize=A4, invariant=1)
    total = len(doc.pages)
    c.beginForm("stamp", 0, 0, 200, 16 + 12 * len(stamp))
    c.setLineWidth(1)
    c.rect(1, 1, 198, 14 + 12 * len(stamp))
    for k, (bold, line) in enumerate(stamp):
        draw_text(c, doc.bold if bold else doc.font, 9, 8, 4 + 12 * (len(stamp) - k), line)
    c.endForm()
    for n, rows in enumerate(doc.pages, 1):
        right = [r for r in rows if r[1] >= 110 * mm]
        left = [r for r in rows if r[1] < 110 * mm]
        for (y, x, text, bold, size, _field) in right + left:
            draw_text(c, doc.bold if bold else doc.font, size, x, H - TOP - y, text)
        furniture(c, doc, n, total)
        if n == 1:
            c.saveState()
            c.transform(0.92, 0, 0, 0.92, RIGHT - 0.92 * 200, H - 12 * mm - 0.92 * (16 + 12 * len(stamp)))
            c.doForm("stamp")
            c.restoreState()
        c.showPage()
    c.save()


def write_batched(path, doc):
    """Text drawn grouped by its font, as some report engines and PDF optimisers write a page:
    every bold run on the page first (heads, titles, labels), then the regular text."""
    c = canvas.Canvas(path, pagesize=A4, invariant=1)
    total = len(doc.pages)
    for n, rows in enumerate(doc.pages, 1):
        items = []
        for part in (doc.header, doc.footer):
            if part:
                for (y, x, text, bold, size, align) in part(n, total):
                    items.append((y, x, text, bold, size, align))
        items += [(TOP + y, x, text, bold, size, "left") for (y, x, text, bold, size, _f) in rows]
        for want in (True, False):
            for (y, x, text, bold, size, align) in items:
                if bold == want:
                    draw_text(c, doc.bold if bold else doc.font, size, x, H - y, text, align)
        c.showPage()
    c.save()


# p37: a kommunstyrelse's minutes with the publishing system's stamp of justering and notice
def p37():
    d = Doc("DejaVuSans", "DejaVuSans-Bold", 9.5)
    COL2 = 112 * mm

    def header(n, total):
        return [(14 * mm, LEFT, "Ljungby kommun", True, 11, "left"),
                (19 * mm, LEFT, "Kommunstyrelsen", False, 9, "left"),
                (23.5 * mm, LEFT, "Protokoll 2025-06-02", False, 9, "left")]

    def footer(n, total):
        return [(H - 15 * mm, LEFT, "Justerandes signatur", False, 7.5, "left"),
                (H - 15 * mm, RIGHT, "Sida %d av %d" % (n, total), False, 7.5, "right")]

    d.header, d.footer = header, footer
    d.space(30)
    d.row((LEFT, "Tid och plats", True), (COL2, "Sekreterare", True))
    d.row((LEFT, "Måndagen den 2 juni 2025 kl. 13.00–16.20,"), (COL2, "Frida Ahlström"))
    d.row((LEFT, "Stadshuset, Kommunstyrelsens sal"))
    d.space(8)
    d.row((LEFT, "Beslutande", True), (COL2, "Ersättare", True))
    members = ["Lars Wiik (S), ordförande", "Sanna Berglöf (M), vice ordförande",
               "Peter Lund (C), 2:e vice ordförande", "Agneta Rhen (S)", "Olle Persson (S)",
               "Rami Haddad (S)", "Gun-Britt Ek (M)", "Jonas Tuvesson (SD)", "Eva Fröjd (KD)",
               "Kim Arvidsson (L), tjänstgörande ersättare för Leif Östlund (V)"]
    subs = ["Hanna Kron (S)", "Ali Demir (S)", "Nils Bergh (M)", "Ida Sallander (C)",
            "Berit Holst (SD)"]
    for k, m in enumerate(members):
        if k < len(subs):
            d.row((LEFT, m), (COL2, subs[k]))
        else:
            d.row((LEFT, m))
    d.space(8)
    d.row((LEFT, "Övriga närvarande", True), (COL2, "Justerare", True))
    d.row((LEFT, "Karin Ljung, kommundirektör"), (COL2, "Rami Haddad (S)"))
    d.row((LEFT, "Frida Ahlström, sekreterare"))
    d.space(8)
    d.row((LEFT, "Justeringens plats och tid", True), (COL2, "Paragrafer", True))
    d.row((LEFT, "Kommunkansliet, 2025-06-03"), (COL2, "§§ 96–100"))
    d.space(10)
    d.row((LEFT, "Underskrifter", True))
    d.row((LEFT, "Protokollet är justerat digitalt av ordföranden och justeraren, se sista sidan."))

    def head(n, title, dnr=None):
        d.space(14)
        segs = [(LEFT, "§ %d" % n, True)]
        if dnr:
            segs.append((150 * mm, dnr, False))
        d.row(*segs, size=10.5)
        d.row((LEFT, title, True), size=10.5)
        d.space(3)

    def text(t):
        d.wrap(t)
        d.space(4)

    d.page()
    head(96, "Val av justerare")
    text("Kommunstyrelsen utser Rami Haddad (S) att justera protokollet.")
    head(97, "Delårsbokslut januari–april 2025", "KS 2025/188")
    text("Ekonomiavdelningen har sammanställt delårsbokslutet per den 30 april 2025. "
         "Kommunen prognostiserar ett resultat om 31 miljoner kronor för helåret.")
    d.row((LEFT, "Beslut", True))
    text("Kommunstyrelsen godkänner delårsbokslutet per april 2025.")
    head(98, "Ansökan om medel ur kommunstyrelsens utvecklingsfond", "KS 2025/201")
    text("Föreningen Ljungby Näringsliv ansöker om 400 000 kronor för ett projekt om "
         "kompetensförsörjning.")
    d.row((LEFT, "Beslut", True))
    text("Kommunstyrelsen beviljar Föreningen Ljungby Näringsliv 400 000 kronor ur "
         "utvecklingsfonden.")
    d.row((LEFT, "Reservation", True))
    text("Jonas Tuvesson (SD) reserverar sig mot beslutet.")
    head(99, "Revidering av delegationsordning", "KS 2025/077")
    d.row((LEFT, "Beslut", True))
    text("Kommunstyrelsen antar reviderad delegationsordning att gälla från den 1 juli 2025.")
    head(100, "Meddelanden", "KS 2025/005")
    d.row((LEFT, "Beslut", True))
    text("Meddelandena läggs till handlingarna.")
    write_stamped(os.path.join(HERE, "p37-kommunstyrelse-publishing-stamp-as-a-placed-form-right-column-first-furniture-last.pdf"), d,
                  [(True, "JUSTERAT PROTOKOLL"),
                   (False, "Anslaget sätts upp: 2025-06-04"),
                   (False, "Anslaget tas ned: 2025-06-26"),
                   (False, "Ljungby kommuns digitala anslagstavla")])


# p38: a gymnasie- och vuxenutbildningsnämnd whose report engine draws the bold text first
def p38():
    d = Doc("Helvetica", "Helvetica-Bold", 10)

    def header(n, total):
        return [(14 * mm, LEFT, "HAGFORSA KOMMUN", True, 10, "left"),
                (14 * mm, RIGHT, "SAMMANTRÄDESPROTOKOLL", True, 10, "right"),
                (19 * mm, LEFT, "Gymnasie- och vuxenutbildningsnämnden", False, 9, "left"),
                (19 * mm, RIGHT, "Sida %d av %d" % (n, total), False, 9, "right")]

    def footer(n, total):
        return [(H - 15 * mm, LEFT, "Justerandes sign", False, 8, "left"),
                (H - 15 * mm, 90 * mm, "Utdragsbestyrkande", False, 8, "left")]

    d.header, d.footer = header, footer
    d.label("Sammanträdesdatum", "2025-10-14")
    d.label("Plats och tid", "Campus Hagforsa, rum A12, kl. 08.30–10.45")
    d.space(5)
    d.label("Beslutande", "Maria Sund (S), ordförande", "Erik Tallberg (M), vice ordförande",
            "Leila Karimi (S)", "Björn Å. Hed (C)", "Siv Malm (SD)")
    d.space(5)
    d.label("Ersättare", "Anton Vik (S)", "Greta Ring (M)")
    d.space(5)
    d.label("Övriga närvarande", "Tove Lind, förvaltningschef", "Pär Sand, sekreterare")
    d.space(5)
    d.label("Justerare", "Erik Tallberg")
    d.label("Justeringsdatum", "2025-10-16")
    d.label("Paragrafer", "§§ 44–47")
    d.space(10)
    d.label("Sekreterare", "Pär Sand")
    d.label("Ordförande", "Maria Sund")
    d.label("Justerare", "Erik Tallberg")
    d.space(12)
    d.row((LEFT, "ANSLAG/BEVIS", True))
    d.row((LEFT, "Protokollet är justerat. Justeringen har tillkännagetts genom anslag."))
    d.label("Organ", "Gymnasie- och vuxenutbildningsnämnden")
    d.label("Anslaget sätts upp", "2025-10-17")
    d.label("Anslaget tas ned", "2025-11-08")
    d.label("Förvaringsplats", "Utbildningsförvaltningen")

    def head(n, title, dnr=None):
        d.space(14)
        d.row((LEFT, "§ %d  %s" % (n, title), True), size=11)
        if dnr:
            d.row((LEFT, "Dnr " + dnr), size=9)
        d.space(4)

    def text(t):
        d.wrap(t)
        d.space(4)

    d.page()
    head(44, "Val av justerare")
    d.row((LEFT, "Beslut", True))
    text("Nämnden utser Erik Tallberg (M) att justera protokollet.")
    head(45, "Programutbud för gymnasieskolan läsåret 2026/27", "GVN 2025/061")
    text("Förvaltningen föreslår att el- och energiprogrammet inte tar emot nya elever "
         "läsåret 2026/27 och att vård- och omsorgsprogrammet utökas med en klass.")
    d.row((LEFT, "Beslut", True))
    text("Gymnasie- och vuxenutbildningsnämnden fastställer programutbudet för läsåret "
         "2026/27 enligt förvaltningens förslag.")
    head(46, "Yrkesvux – ansökan om statsbidrag 2026", "GVN 2025/070")
    text("Förvaltningen har tagit fram en ansökan om statsbidrag för regional "
         "yrkesinriktad vuxenutbildning tillsammans med kommunerna i länet.")
    d.row((LEFT, "Beslut", True))
    text("Gymnasie- och vuxenutbildningsnämnden godkänner ansökan om statsbidrag för "
         "yrkesvux 2026.")
    head(47, "Delegationsbeslut", "GVN 2025/002")
    d.row((LEFT, "Beslut", True))
    text("Redovisningen av delegationsbeslut läggs till handlingarna.")
    write_batched(os.path.join(HERE, "p38-gymnasie-och-vuxenutbildningsnamnd-text-drawn-grouped-by-font-bold-first.pdf"), d)


def write_watermarked(path, doc, mark):
    """Every page under a watermark set diagonally across it in large light letters, drawn
    before the page's text, as Word draws a watermark from the page's header."""
    c = canvas.Canvas(path, pagesize=A4, invariant=1)
    total = len(doc.pages)
    for n, rows in enumerate(doc.pages, 1):
        c.saveState()
        c.setFillGray(0.85)
        c.translate(W / 2, H / 2)
        c.rotate(52)
        c.setFont(doc.bold, 58)
        c.drawCentredString(0, -20, mark)
        c.restoreState()
        draw_page(c, doc, rows, n, total)
        c.showPage()
    c.save()


# p39: a gemensam lönenämnd's minutes under a diagonal watermark, as the archive copy is printed
def p39():
    d = Doc("DejaVuSerif", "DejaVuSerif-Bold", 10)

    def header(n, total):
        return [(14 * mm, LEFT, "Gemensam lönenämnd för Åby och Storvik", True, 10, "left"),
                (14 * mm, RIGHT, "PROTOKOLL", True, 10, "right"),
                (19 * mm, LEFT, "Sammanträdesdatum 2025-03-11", False, 9, "left"),
                (19 * mm, RIGHT, "%d (%d)" % (n, total), False, 9, "right")]

    def footer(n, total):
        return [(H - 15 * mm, LEFT, "Ordförandes sign", False, 8, "left"),
                (H - 15 * mm, 80 * mm, "Justerandes sign", False, 8, "left"),
                (H - 15 * mm, 140 * mm, "Utdragsbestyrkande", False, 8, "left")]

    d.header, d.footer = header, footer
    d.row((LEFT, "Lönenämnden", True), size=14)
    d.space(6)
    d.label("Plats och tid", "Åby kommunhus, sammanträdesrum Linden, kl. 10.00–11.35")
    d.space(5)
    d.label("Beslutande", "Göran Enqvist (S), Åby kommun, ordförande",
            "Linda Sjökvist (M), Storviks kommun, vice ordförande",
            "Bertil Ahlgren (C), Åby kommun",
            "Maja Fransson (S), Storviks kommun, tjänstgörande ersättare för Ove Dahl (S)")
    d.space(5)
    d.label("Ersättare", "Sten Lindgren (M), Åby kommun", "Ulrika Palm (V), Storviks kommun")
    d.space(5)
    d.label("Övriga närvarande", "Helena Bask, lönechef", "Johan Hellqvist, sekreterare")
    d.space(5)
    d.label("Utses att justera", "Linda Sjökvist (M)")
    d.space(5)
    d.label("Justeringens", "Åby kommunhus, 2025-03-14")
    d.row((LEFT, "plats och tid", True))
    d.space(5)
    d.label("Paragrafer", "§§ 5–8")
    d.space(12)
    d.row((LEFT, "ANSLAG/BEVIS", True))
    d.row((LEFT, "Protokollet är justerat. Justeringen har tillkännagetts genom anslag på Åby "
                 "kommuns anslagstavla."))
    d.space(4)
    d.label("Anslaget sätts upp", "2025-03-17")
    d.label("Anslaget tas ned", "2025-04-08")
    d.label("Förvaringsplats", "Åby kommunhus, lönekontoret")

    def head(n, title, dnr=None):
        d.space(14)
        d.row((LEFT, "§ %d" % n, True), (50 * mm, title, True), size=10.5)
        if dnr:
            d.row((50 * mm, "Dnr " + dnr), size=9)
        d.space(4)

    def text(t):
        d.wrap(t, x=50 * mm)
        d.space(4)

    d.page()
    head(5, "Val av justerare")
    text("Lönenämnden utser Linda Sjökvist (M) att justera protokollet.")
    head(6, "Verksamhetsberättelse 2024", "LN 2025/004")
    text("Lönekontoret har upprättat verksamhetsberättelse för 2024. Antalet lönespecifikationer "
         "har ökat med fyra procent och andelen felaktiga utbetalningar har minskat.")
    d.row((50 * mm, "Beslut", True))
    text("Lönenämnden godkänner verksamhetsberättelsen för 2024 och överlämnar den till "
         "kommunstyrelserna i Åby och Storvik.")
    head(7, "Upphandling av nytt lönesystem", "LN 2024/019")
    text("Avtalet för nuvarande lönesystem löper ut den 31 december 2026. Lönekontoret föreslår "
         "att en gemensam upphandling påbörjas.")
    d.row((50 * mm, "Beslut", True))
    text("Lönenämnden uppdrar åt lönechefen att påbörja upphandling av ett nytt lönesystem.")
    head(8, "Meddelanden", "LN 2025/001")
    d.row((50 * mm, "Beslut", True))
    text("Meddelandena läggs till handlingarna.")
    write_watermarked(os.path.join(HERE, "p39-gemensam-lonenamnd-archive-copy-under-a-diagonal-watermark.pdf"), d,
                      "ARKIVEXEMPLAR")


def write_overstruck(path, doc):
    """Bold as a print driver emulates it for a font without a bold face: the text drawn twice
    in the regular face, the second time a fraction of a point to the right (overstruck)."""
    c = canvas.Canvas(path, pagesize=A4, invariant=1)
    total = len(doc.pages)
    for n, rows in enumerate(doc.pages, 1):
        items = []
        for part in (doc.header, doc.footer):
            if part:
                for (y, x, text, bold, size, align) in part(n, total):
                    items.append((y, x, text, bold, size, align))
        items += [(TOP + y, x, text, bold, size, "left") for (y, x, text, bold, size, _f) in rows]
        for (y, x, text, bold, size, align) in items:
            draw_text(c, doc.font, size, x, H - y, text, align)
            if bold:
                draw_text(c, doc.font, size, x + 0.45, H - y, text, align)
        c.showPage()
    c.save()


# p40: a miljö- och hälsoskyddsnämnd's minutes whose bold is overstruck by the print driver
def p40():
    d = Doc("Helvetica", "Helvetica-Bold", 10)

    def header(n, total):
        return [(14 * mm, LEFT, "SJÖBO KOMMUN", True, 10, "left"),
                (14 * mm, 110 * mm, "SAMMANTRÄDESPROTOKOLL", True, 10, "left"),
                (14 * mm, RIGHT, "Sida %d" % n, False, 9, "right"),
                (19 * mm, LEFT, "Miljö- och hälsoskyddsnämnden", False, 9, "left"),
                (19 * mm, 110 * mm, "Sammanträdesdatum 2025-04-23", False, 9, "left")]

    def footer(n, total):
        return [(H - 15 * mm, LEFT, "Justerandes sign", True, 8, "left"),
                (H - 15 * mm, 110 * mm, "Utdragsbestyrkande", True, 8, "left")]

    d.header, d.footer = header, footer
    d.label("Plats och tid", "Miljökontoret, sammanträdesrum Ekorren, kl. 18.00–20.10")
    d.space(5)
    d.label("Beslutande", "Anna-Karin Lövgren (C), ordförande", "Mats Hellström (S), vice ordförande",
            "Sven-Erik Ljung (M)", "Fatima Osman (S)", "Per Nordh (SD)")
    d.space(5)
    d.label("Ersättare", "Karl Ölund (C)", "Linnéa Strid (S)")
    d.space(5)
    d.label("Övriga deltagande", "Cecilia Rosén, miljöchef", "Anders Vik, nämndsekreterare")
    d.space(5)
    d.label("Utses att justera", "Mats Hellström")
    d.space(5)
    d.label("Justeringens", "Miljökontoret 2025-04-28")
    d.row((LEFT, "plats och tid", True))
    d.space(5)
    d.label("Paragrafer", "38–41")
    d.space(12)
    d.row((LEFT, "ANSLAG/BEVIS", True))
    d.row((LEFT, "Protokollet är justerat. Justeringen har tillkännagivits genom anslag."))
    d.space(4)
    d.label("Organ", "Miljö- och hälsoskyddsnämnden")
    d.label("Sammanträdesdatum", "2025-04-23")
    d.label("Anslaget sätts upp", "2025-04-29")
    d.label("Anslaget tas ned", "2025-05-21")
    d.label("Förvaringsplats", "Miljökontoret")

    def head(n, title, dnr=None):
        d.space(14)
        segs = [(LEFT, "§ %d" % n, True), (40 * mm, title, True)]
        d.row(*segs, size=10.5)
        if dnr:
            d.row((40 * mm, "Dnr " + dnr), size=9)
        d.space(4)

    def text(t):
        d.wrap(t, x=40 * mm)
        d.space(4)

    d.page()
    head(38, "Val av justerare")
    text("Miljö- och hälsoskyddsnämnden beslutar att utse Mats Hellström (S) att justera "
         "protokollet.")
    head(39, "Tillsynsplan för miljöbalken 2025", "MHN 2025/022")
    text("Miljökontoret har upprättat en tillsynsplan för 2025 utifrån behovsutredningen. Planen "
         "omfattar bland annat lantbruk, avlopp och förorenade områden.")
    d.row((40 * mm, "Beslut", True))
    text("Miljö- och hälsoskyddsnämnden fastställer tillsynsplan för miljöbalken 2025.")
    head(40, "Föreläggande om åtgärder för enskilt avlopp på Kråkebo 1:7", "MHN 2024/311")
    text("Vid inspektion den 4 februari 2025 konstaterades att avloppsanläggningen saknar "
         "godtagbar rening.")
    d.row((40 * mm, "Beslut", True))
    text("Miljö- och hälsoskyddsnämnden förelägger fastighetsägaren att senast den 31 december "
         "2025 åtgärda avloppsanläggningen.")
    head(41, "Delegationsbeslut och meddelanden", "MHN 2025/003")
    d.row((40 * mm, "Beslut", True))
    text("Redovisningen av delegationsbeslut och meddelanden läggs till handlingarna.")
    write_overstruck(os.path.join(HERE, "p40-miljo-och-halsoskyddsnamnd-bold-overstruck-by-the-print-driver.pdf"), d)


# Adobe glyph names of the characters a Type3 case uses
GLYPH_NAMES = {" ": "space", ".": "period", ",": "comma", ":": "colon", "-": "hyphen",
               "–": "endash", "(": "parenleft", ")": "parenright", "/": "slash", "§": "section",
               "å": "aring", "ä": "adieresis", "ö": "odieresis", "Å": "Aring", "Ä": "Adieresis",
               "Ö": "Odieresis", "é": "eacute", "0": "zero", "1": "one", "2": "two", "3": "three",
               "4": "four", "5": "five", "6": "six", "7": "seven", "8": "eight", "9": "nine"}


def write_type3(path, doc, widths_of_first_page_only=False):
    """A print driver's PDF through PostScript: every font a Type3 font of its own glyph
    procedures (boxes here: the case is about the text, not the look), glyph space a hundredth
    of the text space (FontMatrix [0.01 0 0 0.01 0 0], widths in hundredths), the glyphs named by
    an Encoding's Differences and no ToUnicode; each word placed on its own, no space drawn.
    Written object by object (reportlab's canvas makes no Type3 font).

    widths_of_first_page_only: the driver writes each font once, when it is first used, its
    codes given in the order the glyphs first appear, and its /Widths then hold only the glyphs
    of the first page while /LastChar counts every glyph; a glyph first used on a later page has
    its width only in its glyph procedure's d1."""
    items_by_page = []
    total = len(doc.pages)
    chars = set()
    for n, rows in enumerate(doc.pages, 1):
        items = []
        for part in (doc.header, doc.footer):
            if part:
                for (y, x, text, bold, size, align) in part(n, total):
                    font = doc.bold if bold else doc.font
                    w = pdfmetrics.stringWidth(text, font, size)
                    x0 = x - w if align == "right" else (x - w / 2 if align == "centre" else x)
                    items.append((y, x0, text, bold, size))
        items += [(TOP + y, x, text, bold, size) for (y, x, text, bold, size, _f) in rows]
        for it in items:
            chars.update(it[2])
        items_by_page.append(items)
    chars.discard(" ")
    codes = {ch: 33 + k for k, ch in enumerate(sorted(chars))}
    assert len(codes) < 200
    first_page_codes = len(codes)
    if widths_of_first_page_only:
        order = []
        for k, items in enumerate(items_by_page):
            for it in items:
                for ch in it[2]:
                    if ch != " " and ch not in order:
                        order.append(ch)
            if k == 0:
                first_page_codes = len(order)
        codes = {ch: 33 + k for k, ch in enumerate(order)}

    def name(ch):
        if ch.isascii() and ch.isalpha():
            return ch
        return GLYPH_NAMES[ch]

    objects = []

    def obj(body):
        objects.append(body)
        return len(objects)

    def stream(data, extra=""):
        data = data.encode("latin-1") if isinstance(data, str) else data
        return b"<< /Length %d %s >>\nstream\n" % (len(data), extra.encode()) + data + b"\nendstream"

    fonts = {}
    for style, face in (("R", doc.font), ("B", doc.bold)):
        procs = {}
        widths = []
        for ch, code in sorted(codes.items(), key=lambda kv: kv[1]):
            w = round(pdfmetrics.stringWidth(ch, face, 100))
            widths.append(w)
            procs[name(ch)] = obj(stream("%d 0 0 0 %d 70 d1 5 0 %d 70 re f" % (w, w, max(w - 10, 1))))
        differences = " ".join("%d /%s" % (code, name(ch)) for ch, code in sorted(codes.items(), key=lambda kv: kv[1]))
        charprocs = " ".join("/%s %d 0 R" % (k, v) for k, v in procs.items())
        fonts[style] = obj(("<< /Type /Font /Subtype /Type3 /FontBBox [0 0 100 100] "
                            "/FontMatrix [0.01 0 0 0.01 0 0] /CharProcs << %s >> "
                            "/Encoding << /Type /Encoding /Differences [%s] >> "
                            "/FirstChar 33 /LastChar %d /Widths [%s] /Resources << >> >>")
                           % (charprocs, differences, 32 + len(codes),
                              " ".join(map(str, widths[:first_page_codes]))))
    page_ids = []
    pages_id_placeholder = "PAGES"
    for items in items_by_page:
        ops = []
        for (y, x, text, bold, size) in items:
            face = doc.bold if bold else doc.font
            cursor = x
            space = pdfmetrics.stringWidth(" ", face, size)
            for word in text.split(" "):
                if word:
                    s = "".join("\\%03o" % codes[ch] for ch in word)
                    ops.append("BT /%s %.2f Tf 1 0 0 1 %.2f %.2f Tm (%s) Tj ET"
                               % ("B" if bold else "R", size, cursor, H - y, s))
                    cursor += pdfmetrics.stringWidth(word, face, size)
                cursor += space
        content = obj(stream("\n".join(ops)))
        page_ids.append(obj("<< /Type /Page /Parent %s /MediaBox [0 0 %.2f %.2f] /Contents %d 0 R "
                            "/Resources << /Font << /R %d 0 R /B %d 0 R >> >> >>"
                            % (pages_id_placeholder, W, H, content, fonts["R"], fonts["B"])))
    pages = obj("<< /Type /Pages /Kids [%s] /Count %d >>"
                % (" ".join("%d 0 R" % p for p in page_ids), len(page_ids)))
    catalog = obj("<< /Type /Catalog /Pages %d 0 R >>" % pages)
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for k, body in enumerate(objects, 1):
        if isinstance(body, str):
            body = body.replace(pages_id_placeholder, "%d 0 R" % pages).encode("latin-1")
        offsets.append(len(out))
        out += b"%d 0 obj\n" % k + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for o in offsets:
        out += b"%010d 00000 n \n" % o
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, catalog, xref)
    with open(path, "wb") as f:
        f.write(out)


# p41: a byggnadsnämnd's 2004 minutes printed to PDF through a PostScript driver, Type3 fonts
def p41():
    d = Doc("Helvetica", "Helvetica-Bold", 10)

    def header(n, total):
        return [(14 * mm, LEFT, "TORSBY KOMMUN", True, 10, "left"),
                (14 * mm, 110 * mm, "SAMMANTRÄDESPROTOKOLL", True, 10, "left"),
                (14 * mm, RIGHT, "%d (%d)" % (n, total), False, 9, "right"),
                (19 * mm, LEFT, "Byggnadsnämnden", False, 9, "left"),
                (19 * mm, 110 * mm, "Sammanträdesdatum", False, 8, "left"),
                (23 * mm, 110 * mm, "2004-09-15", False, 9, "left")]

    def footer(n, total):
        return [(H - 15 * mm, LEFT, "Justerandes sign", False, 8, "left"),
                (H - 15 * mm, 110 * mm, "Utdragsbestyrkande", False, 8, "left")]

    d.header, d.footer = header, footer
    d.space(4)
    d.label("Plats och tid", "Kommunhuset, sammanträdesrum Älvdalen, kl. 13.30-16.00")
    d.space(5)
    d.label("Beslutande", "Rune Eriksson (s), ordförande", "Birgit Olofsson (c), vice ordförande",
            "Kent Persson (m)", "Gunnel Sjödin (v)",
            "Arne Berglund (s), tjänstgörande ersättare för Eva Lindahl (s)")
    d.space(5)
    d.label("Ersättare", "Lennart Holm (fp)", "Inga Nilsson (kd)")
    d.space(5)
    d.label("Övriga deltagande", "Mikael Strand, byggnadsinspektör", "Karin Dahl, sekreterare")
    d.space(5)
    d.label("Utses att justera", "Kent Persson")
    d.space(5)
    d.label("Justeringens", "Byggkontoret 2004-09-20")
    d.row((LEFT, "plats och tid", True))
    d.space(5)
    d.label("Paragrafer", "88-91")
    d.space(12)
    d.row((LEFT, "ANSLAG/BEVIS", True))
    d.row((LEFT, "Protokollet är justerat. Justeringen har tillkännagivits genom anslag."))
    d.space(4)
    d.label("Organ", "Byggnadsnämnden")
    d.label("Sammanträdesdatum", "2004-09-15")
    d.label("Anslaget sätts upp", "2004-09-21")
    d.label("Anslaget tas ned", "2004-10-13")
    d.label("Förvaringsplats", "Byggkontoret")

    def head(n, title, dnr=None):
        d.space(14)
        d.row((LEFT, "§ %d" % n, True), (110 * mm, "Dnr " + dnr if dnr else ""), size=10.5)
        d.row((LEFT, title, True), size=10.5)
        d.space(4)

    def text(t):
        d.wrap(t)
        d.space(4)

    d.page()
    head(88, "Val av justerare")
    text("Byggnadsnämnden beslutar att utse Kent Persson att justera protokollet.")
    head(89, "Ansökan om bygglov för nybyggnad av garage på Östmark 4:12", "2004.143")
    text("Sökanden ansöker om bygglov för ett garage om 48 kvadratmeter. Byggnaden placeras "
         "två meter från tomtgränsen och grannen har medgivit placeringen.")
    d.row((LEFT, "Beslut", True))
    text("Byggnadsnämnden beviljar bygglov för nybyggnad av garage på Östmark 4:12.")
    head(90, "Detaljplan för del av Torsby centrum, samråd", "2004.088")
    text("Planförslaget möjliggör bostäder och handel i kvarteret Tallen. Samråd föreslås under "
         "oktober 2004.")
    d.row((LEFT, "Beslut", True))
    text("Byggnadsnämnden godkänner planförslaget för samråd.")
    head(91, "Delegationsbeslut", "2004.002")
    d.row((LEFT, "Beslut", True))
    text("Redovisningen av delegationsbeslut läggs till handlingarna.")
    write_type3(os.path.join(HERE, "p41-byggnadsnamnd-2004-printed-through-postscript-type3-fonts-word-by-word.pdf"), d)


def write_scanned_cover(path, doc):
    """The first page the signed cover scanned back in, an image with no text layer; the pages
    after it the protocol's own text (a secretary's usual way to put the signatures in)."""
    from reportlab.lib.utils import ImageReader
    c = canvas.Canvas(path, pagesize=A4, invariant=1)
    total = len(doc.pages)
    for n, rows in enumerate(doc.pages, 1):
        if n == 1:
            c.drawImage(ImageReader(scan_image(42)), 0, 0, W, H)
        else:
            draw_page(c, doc, rows, n, total)
        c.showPage()
    c.save()


# p42: a kommunfullmäktige's minutes whose signed cover was scanned back in as an image
def p42():
    d = Doc("DejaVuSans", "DejaVuSans-Bold", 10)

    def header(n, total):
        return [(14 * mm, LEFT, "Bergsjö kommun", True, 11, "left"),
                (14 * mm, RIGHT, "PROTOKOLL", True, 10, "right"),
                (19 * mm, LEFT, "Kommunfullmäktige", False, 9, "left"),
                (19 * mm, RIGHT, "Sida %d av %d" % (n, total), False, 9, "right"),
                (23.5 * mm, LEFT, "Sammanträdesdatum 2025-05-26", False, 9, "left")]

    def footer(n, total):
        return [(H - 15 * mm, LEFT, "Justerandes sign", False, 8, "left"),
                (H - 15 * mm, 90 * mm, "Utdragsbestyrkande", False, 8, "left")]

    d.header, d.footer = header, footer
    d.row((LEFT, "(the cover: scanned)"))

    def head(n, title, dnr=None):
        d.space(14)
        d.row((LEFT, "§ %d  %s" % (n, title), True), size=11)
        if dnr:
            d.row((LEFT, "Dnr " + dnr), size=9)
        d.space(4)

    def text(t):
        d.wrap(t)
        d.space(4)

    d.page()
    head(41, "Val av justerare")
    d.row((LEFT, "Beslut", True))
    text("Kommunfullmäktige utser Åsa Lindkvist (M) och Tomas Berg (S) att justera protokollet.")
    head(42, "Årsredovisning 2024 för Bergsjö kommun", "KS 2025/061")
    text("Kommunstyrelsen har upprättat årsredovisning för 2024. Årets resultat uppgår till "
         "18,4 miljoner kronor.")
    d.row((LEFT, "Beslut", True))
    text("Kommunfullmäktige godkänner årsredovisningen för 2024.")
    head(43, "Ansvarsfrihet för kommunstyrelsen och nämnderna 2024", "KS 2025/072")
    text("Revisorerna tillstyrker att ansvarsfrihet beviljas. Ledamöter i de berörda organen "
         "deltar inte i beslutet om sin egen ansvarsfrihet.")
    d.row((LEFT, "Beslut", True))
    text("Kommunfullmäktige beviljar kommunstyrelsen och nämnderna ansvarsfrihet för 2024.")
    d.page()
    head(44, "Motion om solceller på kommunens fastigheter", "KS 2024/210")
    text("Ulla Ström (MP) föreslår i en motion att kommunen installerar solceller på "
         "samtliga lämpliga tak.")
    d.row((LEFT, "Beslut", True))
    text("Kommunfullmäktige bifaller motionen.")
    head(45, "Anmälan av nya motioner")
    d.row((LEFT, "Beslut", True))
    text("Motionerna remitteras till kommunstyrelsen för beredning.")
    write_scanned_cover(os.path.join(HERE, "p42-kommunfullmaktige-signed-cover-scanned-back-in-as-an-image.pdf"), d)


def add_fill_and_sign(path, page_index, notes):
    """Appends to a written PDF, as an incremental update (a new revision after the file's end,
    as Acrobat saves it), free-text annotations on one page, each with its appearance stream,
    as Acrobat Reader's 'Fill & Sign' (Fyll i och signera) types text onto a printed form:
    notes are (x, y, text) in points from the page's foot."""
    import re as _re
    data = open(path, "rb").read()
    prev = int(_re.findall(rb"startxref\s+(\d+)", data)[-1])
    size = int(_re.findall(rb"/Size (\d+)", data)[-1])
    root = _re.findall(rb"/Root (\d+ 0 R)", data)[-1]
    pages = [(int(m.group(1)), m.start()) for m in _re.finditer(rb"(\d+) 0 obj\s*<<(?:(?!endobj).)*?/Type /Page\b(?!s)", data, _re.S)]
    num, at = pages[page_index]
    body = data[at:data.index(b"endobj", at)]
    dict_text = body[body.index(b"<<"):body.rindex(b">>") + 2]
    objects = []
    next_num = size
    font_num = next_num
    objects.append((font_num, b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"))
    next_num += 1
    annots = []
    for (x, y, text) in notes:
        w = pdfmetrics.stringWidth(text, "Helvetica", 10) + 4
        content = ("/Tx BMC q BT 0 g /Helv 10 Tf 2 4 Td (%s) Tj ET Q EMC" % text).encode("cp1252")
        ap_num = next_num
        objects.append((ap_num, b"<< /Type /XObject /Subtype /Form /BBox [0 0 %.2f 14] /Resources << /Font << /Helv %d 0 R >> >> /Length %d >>\nstream\n" % (w, font_num, len(content)) + content + b"\nendstream"))
        an_num = next_num + 1
        objects.append((an_num, b"<< /Type /Annot /Subtype /FreeText /Rect [%.2f %.2f %.2f %.2f] /F 4 /DA (0 g /Helv 10 Tf) /Contents (%s) /AP << /N %d 0 R >> /P %d 0 R >>" % (x, y - 4, x + w, y + 10, text.encode("cp1252"), ap_num, num)))
        annots.append(an_num)
        next_num += 2
    new_page = dict_text[:-2] + b" /Annots [" + b" ".join(b"%d 0 R" % a for a in annots) + b"] >>"
    objects.append((num, new_page))
    out = bytearray(data)
    if not out.endswith(b"\n"):
        out += b"\n"
    offsets = {}
    for (n, body) in objects:
        offsets[n] = len(out)
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n"
    for n in sorted(offsets):
        out += b"%d 1\n%010d 00000 n \n" % (n, offsets[n])
    out += b"trailer\n<< /Size %d /Root %s /Prev %d >>\nstartxref\n%d\n%%%%EOF\n" % (next_num, root, prev, xref)
    open(path, "wb").write(out)


# p43: a fastighetsnämnd's minutes whose blanks were filled in with Acrobat Reader's Fill & Sign
def p43():
    d = Doc("DejaVuSans", "DejaVuSans-Bold", 10)

    def header(n, total):
        return [(14 * mm, LEFT, "Ekholms kommun", True, 11, "left"),
                (14 * mm, RIGHT, "SAMMANTRÄDESPROTOKOLL", True, 10, "right"),
                (19 * mm, LEFT, "Fastighetsnämnden", False, 9, "left"),
                (19 * mm, RIGHT, "Sida %d av %d" % (n, total), False, 9, "right")]

    def footer(n, total):
        return [(H - 15 * mm, LEFT, "Justerandes sign", False, 8, "left"),
                (H - 15 * mm, 90 * mm, "Utdragsbestyrkande", False, 8, "left")]

    d.header, d.footer = header, footer
    d.label("Sammanträdesdatum", "2025-02-18")
    d.label("Plats och tid", "Stadshuset, sal Ekholmen, kl. 17.00–19.25")
    d.space(5)
    d.label("Beslutande", "Roger Alm (M), ordförande", "Ingrid Sundh (S), vice ordförande",
            "Patrik Lööw (C)", "Jessica Berg (SD)",
            "Omar Said (S), tjänstgörande ersättare för Lena Holm (S)")
    d.space(5)
    d.label("Ersättare", "Ebba Ström (M)", "Kalle Nyman (V)")
    d.space(5)
    d.label("Övriga närvarande", "Maria Ek, fastighetschef", "Sofie Lund, sekreterare")
    d.space(5)
    d.label("Justerare", "Ingrid Sundh (S)")
    d.label("Justeringens", "______________________________")
    d.row((LEFT, "plats och tid", True))
    d.label("Paragrafer", "§§ 7–10")
    d.space(12)
    d.row((LEFT, "ANSLAG/BEVIS", True))
    d.row((LEFT, "Protokollet är justerat. Justeringen har tillkännagetts genom anslag."))
    d.space(4)
    d.label("Organ", "Fastighetsnämnden")
    d.label("Anslaget sätts upp", "______________________________")
    d.label("Anslaget tas ned", "______________________________")
    d.label("Förvaringsplats", "Fastighetskontoret")

    def head(n, title, dnr=None):
        d.space(14)
        d.row((LEFT, "§ %d" % n, True), size=11)
        d.row((LEFT, title, True), size=11)
        if dnr:
            d.row((LEFT, "Dnr " + dnr), size=9)
        d.space(4)

    def text(t):
        d.wrap(t)
        d.space(4)

    d.page()
    head(7, "Val av justerare")
    text("Fastighetsnämnden utser Ingrid Sundh (S) att justera protokollet.")
    head(8, "Om- och tillbyggnad av Ekholms bibliotek", "FN 2024/088")
    text("Förstudien visar att biblioteket kan byggas till med 400 kvadratmeter inom en kostnad "
         "av 32 miljoner kronor.")
    d.row((LEFT, "Beslut", True))
    text("Fastighetsnämnden godkänner förstudien och uppdrar åt förvaltningen att projektera "
         "om- och tillbyggnaden.")
    head(9, "Försäljning av fastigheten Lärkan 3", "FN 2025/012")
    d.row((LEFT, "Beslut", True))
    text("Fastighetsnämnden föreslår kommunstyrelsen att sälja fastigheten Lärkan 3.")
    head(10, "Delegationsbeslut", "FN 2025/002")
    d.row((LEFT, "Beslut", True))
    text("Redovisningen av delegationsbeslut läggs till handlingarna.")
    path = os.path.join(HERE, "p43-fastighetsnamnd-blanks-filled-in-with-fill-and-sign-as-free-text-annotations.pdf")
    write_plain(path, d)
    # where the blanks stand: the rows' heights as the page model laid them out
    ys = {text: H - TOP - y for (y, x, text, b, s, f) in d.pages[0] if x == LEFT}
    add_fill_and_sign(path, 0, [
        (VALUE + 4, ys["Justeringens"] + 1.5, "Stadshuset 2025-02-20"),
        (VALUE + 4, ys["Anslaget sätts upp"] + 1.5, "2025-02-21"),
        (VALUE + 4, ys["Anslaget tas ned"] + 1.5, "2025-03-15"),
    ])


def write_cropped(path, doc, slug):
    """As a print shop's or a publishing system's print file: the sheet larger than the page
    (MediaBox A4 and 12 mm all round), the page the CropBox, crop marks and a slug line with the
    file's name and the time it was printed outside it, where no viewer shows them."""
    bleed = 12 * mm
    c = canvas.Canvas(path, pagesize=(W + 2 * bleed, H + 2 * bleed), invariant=1)
    total = len(doc.pages)
    for n, rows in enumerate(doc.pages, 1):
        c.setCropBox((bleed, bleed, bleed + W, bleed + H))
        c.setTrimBox((bleed, bleed, bleed + W, bleed + H))
        c.setFont(doc.font, 7)
        c.drawString(bleed, bleed + H + 5 * mm, slug.format(page=n, pages=total))
        c.setLineWidth(0.3)
        for (x, y) in ((bleed, bleed), (bleed + W, bleed), (bleed, bleed + H), (bleed + W, bleed + H)):
            c.line(x - 10 * mm, y, x - 3 * mm, y)
            c.line(x + 3 * mm, y, x + 10 * mm, y)
            c.line(x, y - 10 * mm, x, y - 3 * mm)
            c.line(x, y + 3 * mm, x, y + 10 * mm)
        c.saveState()
        c.translate(bleed, bleed)
        draw_page(c, doc, rows, n, total)
        c.restoreState()
        c.showPage()
    c.save()


# p44: a socialnämnds arbetsutskott's minutes as a print file: a slug with the print date outside
# the crop box
def p44():
    d = Doc("Helvetica", "Helvetica-Bold", 10)

    def header(n, total):
        return [(14 * mm, LEFT, "Norrby kommun", True, 11, "left"),
                (14 * mm, RIGHT, "PROTOKOLL", True, 10, "right"),
                (19 * mm, LEFT, "Socialnämndens arbetsutskott", False, 9, "left"),
                (19 * mm, RIGHT, "%d(%d)" % (n, total), False, 9, "right")]

    def footer(n, total):
        return [(H - 15 * mm, LEFT, "Justerandes sign", False, 8, "left"),
                (H - 15 * mm, 90 * mm, "Utdragsbestyrkande", False, 8, "left")]

    d.header, d.footer = header, footer
    d.label("Sammanträdesdatum", "2025-05-12")
    d.label("Plats och tid", "Socialkontoret, rum Björken, kl. 09.00–10.30")
    d.space(5)
    d.label("Beslutande", "Monica Ahl (S), ordförande", "Jan-Olof Krantz (M), vice ordförande",
            "Sara Nygren (C)")
    d.space(5)
    d.label("Ersättare", "Elin Marsh (S)")
    d.space(5)
    d.label("Övriga närvarande", "Tina Brodd, socialchef", "Leo Fahl, sekreterare")
    d.space(5)
    d.label("Justerare", "Jan-Olof Krantz (M)")
    d.label("Justeringsdatum", "2025-05-14")
    d.label("Paragrafer", "§§ 61–64")
    d.space(12)
    d.row((LEFT, "ANSLAG/BEVIS", True))
    d.row((LEFT, "Protokollet är justerat. Justeringen har tillkännagetts genom anslag."))
    d.label("Anslaget sätts upp", "2025-05-15")
    d.label("Anslaget tas ned", "2025-06-06")
    d.label("Förvaringsplats", "Socialkontoret")

    def head(n, title, dnr=None):
        d.space(14)
        d.row((LEFT, "§ %d  %s" % (n, title), True), size=11)
        if dnr:
            d.row((LEFT, "Dnr " + dnr), size=9)
        d.space(4)

    def text(t):
        d.wrap(t)
        d.space(4)

    d.page()
    head(61, "Val av justerare")
    text("Arbetsutskottet utser Jan-Olof Krantz (M) att justera protokollet.")
    head(62, "Yttrande till inspektionen för vård och omsorg", "SN 2025/101")
    text("Inspektionen för vård och omsorg har begärt yttrande över en anmälan om brister i "
         "hemtjänsten.")
    d.row((LEFT, "Beslut", True))
    text("Arbetsutskottet antar förvaltningens förslag till yttrande som sitt eget.")
    head(63, "Ansökan om bidrag till kvinnojouren 2025", "SN 2025/087")
    d.row((LEFT, "Beslut", True))
    text("Arbetsutskottet beviljar kvinnojouren i Norrby ett bidrag om 250 000 kronor för 2025.")
    head(64, "Delegationsbeslut", "SN 2025/004")
    d.row((LEFT, "Beslut", True))
    text("Redovisningen av delegationsbeslut läggs till handlingarna.")
    write_cropped(os.path.join(HERE, "p44-socialnamndens-arbetsutskott-print-file-slug-with-print-date-outside-the-crop-box.pdf"), d,
                  "Utskrift 2025-05-20 08:14   SNAU protokoll 2025-05-12 slutlig.pdf   Sida {page} av {pages}")


def write_skewed_ocr(path, doc, angle_deg, seed=45):
    """A page scanned a little askew and OCR-read as Tesseract writes its text layer: the page
    an image, every word invisible (3 Tr) in a text object whose matrix turns it by the page's
    skew, at its place on the skewed page, stretched to its box (Tz), no space drawn."""
    import math
    from reportlab.lib.utils import ImageReader
    rnd = random.Random(seed)
    a = math.radians(angle_deg)
    cos, sin = math.cos(a), math.sin(a)
    cx, cy = W / 2, H / 2
    c = canvas.Canvas(path, pagesize=A4, invariant=1)
    total = len(doc.pages)
    for n, rows in enumerate(doc.pages, 1):
        c.drawImage(ImageReader(scan_image(seed + n)), 0, 0, W, H)
        items = []
        for part in (doc.header, doc.footer):
            if part:
                for (y, x, text, bold, size, align) in part(n, total):
                    font = doc.bold if bold else doc.font
                    w = pdfmetrics.stringWidth(text, font, size)
                    x0 = x - w if align == "right" else (x - w / 2 if align == "centre" else x)
                    items.append((y, x0, text, bold, size))
        items += [(TOP + y, x, text, bold, size) for (y, x, text, bold, size, _f) in rows]
        for (y, x, text, bold, size) in items:
            font = doc.bold if bold else doc.font
            cursor = x
            space = pdfmetrics.stringWidth(" ", font, size)
            for word in text.split(" "):
                if not word:
                    cursor += space
                    continue
                width = pdfmetrics.stringWidth(word, font, size)
                natural = pdfmetrics.stringWidth(word, "Helvetica", size)
                # the word's place on the page turned about its centre
                px, py = cursor - cx, (H - y) - cy
                rx, ry = cx + px * cos - py * sin, cy + px * sin + py * cos
                c._code.append("BT 3 Tr %s %.2f Tf %.1f Tz %.5f %.5f %.5f %.5f %.2f %.2f Tm (%s) Tj ET" % (
                    c._doc.getInternalFontName("Helvetica"), size, 100.0 * width / natural,
                    cos, sin, -sin, cos, rx + rnd.uniform(-0.3, 0.3), ry + rnd.uniform(-0.3, 0.3),
                    "".join("\\%03o" % b if b > 126 or chr(b) in "()\\" else chr(b) for b in word.encode("cp1252"))))
                cursor += width + space
        c.setFont("Helvetica", 1)  # the font in the page's resources
        c.showPage()
    c.save()


# p45: a kulturnämnd's 1995 protocol scanned askew (1.4°) and OCR-read with turned word matrices
def p45():
    d = Doc("DejaVuSerif", "DejaVuSerif-Bold", 10.5)

    def header(n, total):
        return [(16 * mm, LEFT, "VALLBY KOMMUN", True, 11, "left"),
                (16 * mm, 110 * mm, "SAMMANTRÄDESPROTOKOLL", True, 10.5, "left"),
                (16 * mm, RIGHT, "%d(%d)" % (n, total), False, 10, "right"),
                (21 * mm, LEFT, "Kulturnämnden", False, 10.5, "left"),
                (21 * mm, 110 * mm, "1995-10-09", False, 10.5, "left")]

    def footer(n, total):
        return [(H - 16 * mm, LEFT, "Justerandes sign", False, 8, "left"),
                (H - 16 * mm, 110 * mm, "Utdragsbestyrkande", False, 8, "left")]

    d.header, d.footer = header, footer
    d.space(6)
    d.label("Plats och tid", "Biblioteket, hörsalen, kl 19.00-21.15")
    d.space(6)
    d.label("Beslutande", "Ingvar Holm (s), ordförande", "Karin Åslund (m), vice ordförande",
            "Bo Lindén (c)", "Marianne Kvist (s)",
            "Per Svedberg (fp), tjänstgörande ersättare för Olle Nord (v)")
    d.space(6)
    d.label("Ersättare", "Gunilla Berg (s)", "Sven Rask (kd)")
    d.space(6)
    d.label("Övriga deltagande", "Eva Sjöholm, kulturchef", "Anna Lidén, sekreterare")
    d.space(6)
    d.label("Utses att justera", "Karin Åslund")
    d.space(6)
    d.label("Justeringens", "Kulturkontoret 1995-10-12")
    d.row((LEFT, "plats och tid", True))
    d.space(6)
    d.label("Paragrafer", "51-54")
    d.space(14)
    d.row((LEFT, "ANSLAG/BEVIS", True))
    d.row((LEFT, "Protokollet är justerat. Justeringen har tillkännagivits genom anslag."))
    d.space(4)
    d.label("Organ", "Kulturnämnden")
    d.label("Sammanträdesdatum", "1995-10-09")
    d.label("Anslaget sätts upp", "1995-10-13")
    d.label("Anslaget tas ned", "1995-11-04")
    d.label("Förvaringsplats", "Kulturkontoret")

    def head(n, title, dnr=None):
        d.space(14)
        d.row((LEFT, "§ %d" % n, True), (110 * mm, "Dnr " + dnr if dnr else ""), size=11)
        d.space(2)
        d.row((LEFT, title, True))
        d.space(4)

    def text(t):
        d.wrap(t)
        d.space(4)

    d.page()
    head(51, "Val av justerare")
    d.row((LEFT, "Kulturnämnden beslutar"))
    text("att utse Karin Åslund att jämte ordföranden justera dagens protokoll.")
    head(52, "Kulturstipendium 1995", "1995.044")
    text("Sju ansökningar har kommit in. Kulturkontoret föreslår att stipendiet delas mellan två "
         "sökande.")
    d.row((LEFT, "Kulturnämnden beslutar"))
    text("att dela kulturstipendiet 1995 mellan Lena Fors och Vallby spelmanslag.")
    head(53, "Budget för kulturnämnden 1996", "1995.061")
    d.row((LEFT, "Kulturnämnden beslutar"))
    text("att föreslå kommunfullmäktige att fastställa kulturnämndens budget för 1996 enligt "
         "bilaga.")
    head(54, "Meddelanden")
    d.row((LEFT, "Kulturnämnden beslutar"))
    text("att lägga meddelandena till handlingarna.")
    write_skewed_ocr(os.path.join(HERE, "p45-kulturnamnd-1995-scanned-askew-ocr-words-in-turned-matrices.pdf"), d, 1.4)


def write_words_from_the_right(path, doc):
    """A report engine that sets each line from its right end: every word its own text object,
    a line's words drawn last to first, no space drawn (the words' places make the gaps)."""
    c = canvas.Canvas(path, pagesize=A4, invariant=1)
    total = len(doc.pages)
    for n, rows in enumerate(doc.pages, 1):
        items = []
        for part in (doc.header, doc.footer):
            if part:
                for (y, x, text, bold, size, align) in part(n, total):
                    font = doc.bold if bold else doc.font
                    w = pdfmetrics.stringWidth(text, font, size)
                    x0 = x - w if align == "right" else (x - w / 2 if align == "centre" else x)
                    items.append((y, x0, text, bold, size))
        items += [(TOP + y, x, text, bold, size) for (y, x, text, bold, size, _f) in rows]
        for (y, x, text, bold, size) in items:
            font = doc.bold if bold else doc.font
            words, cursor = [], x
            space = pdfmetrics.stringWidth(" ", font, size)
            for word in text.split(" "):
                if word:
                    words.append((cursor, word))
                    cursor += pdfmetrics.stringWidth(word, font, size)
                cursor += space
            for (wx, word) in reversed(words):
                draw_text(c, font, size, wx, H - y, word)
        c.showPage()
    c.save()


# p46: a tekniska utskott's minutes from a report engine that sets each line from its right end
def p46():
    d = Doc("Helvetica", "Helvetica-Bold", 10)

    def header(n, total):
        return [(14 * mm, LEFT, "Dalby kommun", True, 11, "left"),
                (14 * mm, RIGHT, "Protokoll", True, 10, "right"),
                (19 * mm, LEFT, "Tekniska utskottet", False, 9, "left"),
                (19 * mm, RIGHT, "Sida %d av %d" % (n, total), False, 9, "right")]

    def footer(n, total):
        return [(H - 15 * mm, LEFT, "Justerandes signatur", False, 8, "left")]

    d.header, d.footer = header, footer
    d.label("Sammanträdesdatum", "2025-09-08")
    d.label("Plats och tid", "Tekniska kontoret, kl. 08.15–09.40")
    d.space(5)
    d.label("Beslutande", "Ola Wahl (S), ordförande", "Ewa Broman (M), vice ordförande",
            "Nils-Erik Sand (C)")
    d.space(5)
    d.label("Ersättare", "Hilda Ek (S)", "Göran Palm (M)")
    d.space(5)
    d.label("Övriga närvarande", "Ali Nasser, teknisk chef", "Moa Kvist, sekreterare")
    d.space(5)
    d.label("Justerare", "Ewa Broman (M)")
    d.label("Justeringsdatum", "2025-09-10")
    d.label("Paragrafer", "§§ 30–33")
    d.space(12)
    d.row((LEFT, "ANSLAG/BEVIS", True))
    d.row((LEFT, "Protokollet är justerat. Justeringen har tillkännagetts genom anslag."))
    d.label("Anslaget sätts upp", "2025-09-11")
    d.label("Anslaget tas ned", "2025-10-03")
    d.label("Förvaringsplats", "Tekniska kontoret")

    def head(n, title, dnr=None):
        d.space(14)
        d.row((LEFT, "§ %d  %s" % (n, title), True), size=11)
        if dnr:
            d.row((LEFT, "Dnr " + dnr), size=9)
        d.space(4)

    def text(t):
        d.wrap(t)
        d.space(4)

    d.page()
    head(30, "Val av justerare")
    d.row((LEFT, "Beslut", True))
    text("Tekniska utskottet utser Ewa Broman (M) att justera protokollet.")
    head(31, "Vinterväghållning 2025/2026", "TU 2025/140")
    text("Förvaltningen redovisar plan för snöröjning och halkbekämpning för vintersäsongen.")
    d.row((LEFT, "Beslut", True))
    text("Tekniska utskottet godkänner planen för vinterväghållning 2025/2026.")
    head(32, "Hastighetsplan för Dalby tätort", "TU 2025/088")
    d.row((LEFT, "Beslut", True))
    text("Tekniska utskottet föreslår tekniska nämnden att anta hastighetsplanen.")
    head(33, "Meddelanden", "TU 2025/002")
    d.row((LEFT, "Beslut", True))
    text("Meddelandena läggs till handlingarna.")
    write_words_from_the_right(os.path.join(HERE, "p46-tekniska-utskottet-report-engine-setting-each-line-from-its-right-end.pdf"), d)


def write_booklet(path, doc):
    """Printed as a booklet ('Skriv ut som häfte') to PDF: A4 landscape sheets, two A5 pages on
    each side in the order a folded booklet needs (four pages: 4 | 1, then 2 | 3)."""
    sheet = landscape(A4)
    c = canvas.Canvas(path, pagesize=sheet, invariant=1)
    total = len(doc.pages)
    assert total % 4 == 0
    scale = (sheet[0] / 2 - 8 * mm) / W
    for n, rows in enumerate(doc.pages, 1):
        c.beginForm("page%d" % n, 0, 0, W, H)
        draw_page(c, doc, rows, n, total)
        c.endForm()
    order = []
    for k in range(total // 2):
        lo, hi = k + 1, total - k
        order.append((hi, lo) if k % 2 == 0 else (lo, hi))
    for pair in order:
        for side, n in enumerate(pair):
            x0 = 4 * mm + side * sheet[0] / 2
            y0 = (sheet[1] - H * scale) / 2
            c.saveState()
            c.translate(x0, y0)
            c.scale(scale, scale)
            c.doForm("page%d" % n)
            c.restoreState()
        c.showPage()
    c.save()


# p47: a kommunfullmäktige's minutes printed as a booklet to PDF (4 | 1, 2 | 3)
def p47():
    d = Doc("DejaVuSerif", "DejaVuSerif-Bold", 10)

    def header(n, total):
        return [(14 * mm, LEFT, "Hagby kommun", True, 11, "left"),
                (14 * mm, RIGHT, "SAMMANTRÄDESPROTOKOLL", True, 10, "right"),
                (19 * mm, LEFT, "Kommunfullmäktige", False, 9, "left"),
                (19 * mm, RIGHT, "Sida %d av %d" % (n, total), False, 9, "right"),
                (23.5 * mm, LEFT, "Sammanträdesdatum 2025-11-24", False, 9, "left")]

    def footer(n, total):
        return [(H - 15 * mm, LEFT, "Justerandes sign", False, 8, "left"),
                (H - 15 * mm, 90 * mm, "Utdragsbestyrkande", False, 8, "left")]

    d.header, d.footer = header, footer
    d.space(4)
    d.label("Plats och tid", "Hagby Folkets hus, kl. 18.00–21.40")
    d.space(5)
    d.label("Beslutande", "Lena Hjort (S), ordförande", "Kjell Ohlin (M), 1:e vice ordförande",
            "Siv Berntsson (C), 2:e vice ordförande", "Amir Haddad (S)", "Britt Lund (S)",
            "Tore Strand (M)", "Sanna Ek (SD)", "Hans Ros (V)", "Ylva Nord (KD)",
            "Erik Blom (S), tjänstgörande ersättare för Mona Falk (S)")
    d.space(5)
    d.label("Ersättare", "Anna Sköld (M)", "Peter Wall (C)")
    d.space(5)
    d.label("Övriga närvarande", "Gunnar Frid, kommundirektör", "Elsa Ring, sekreterare")
    d.space(5)
    d.label("Justerare", "Tore Strand (M), Britt Lund (S)")
    d.label("Justeringens", "Kommunhuset 2025-11-27")
    d.row((LEFT, "plats och tid", True))
    d.label("Paragrafer", "§§ 101–105")
    d.space(10)
    d.row((LEFT, "ANSLAG/BEVIS", True))
    d.row((LEFT, "Protokollet är justerat. Justeringen har tillkännagetts genom anslag."))
    d.label("Anslaget sätts upp", "2025-11-28")
    d.label("Anslaget tas ned", "2025-12-20")
    d.label("Förvaringsplats", "Kommunkansliet")

    def head(n, title, dnr=None):
        d.space(14)
        d.row((LEFT, "§ %d  %s" % (n, title), True), size=11)
        if dnr:
            d.row((LEFT, "Dnr " + dnr), size=9)
        d.space(4)

    def text(t):
        d.wrap(t)
        d.space(4)

    d.page()
    head(101, "Val av justerare")
    d.row((LEFT, "Beslut", True))
    text("Kommunfullmäktige utser Tore Strand (M) och Britt Lund (S) att justera protokollet.")
    head(102, "Budget 2026 och ekonomisk plan 2027–2028", "KS 2025/190")
    text("Kommunstyrelsen föreslår en budget med ett resultat om 1,8 procent av skatter och "
         "statsbidrag. Skattesatsen föreslås oförändrad.")
    d.row((LEFT, "Beslut", True))
    text("Kommunfullmäktige fastställer budget 2026 och ekonomisk plan 2027–2028.")
    d.page()
    head(103, "Taxor och avgifter 2026", "KS 2025/201")
    d.row((LEFT, "Beslut", True))
    text("Kommunfullmäktige antar taxor och avgifter för 2026 enligt bilaga.")
    head(104, "Motion om fler laddplatser", "KS 2025/033")
    text("Hans Ros (V) föreslår i en motion att kommunen bygger laddplatser vid alla skolor.")
    d.row((LEFT, "Beslut", True))
    text("Kommunfullmäktige avslår motionen.")
    d.page()
    head(105, "Anmälan av medborgarförslag")
    d.row((LEFT, "Beslut", True))
    text("Medborgarförslagen överlämnas till kommunstyrelsen för beredning.")
    write_booklet(os.path.join(HERE, "p47-kommunfullmaktige-printed-as-a-booklet-pages-in-folding-order.pdf"), d)



def write_layered(path, doc, extras, watermark):
    """A publishing system's export with its layers kept (optional content, PDF 1.5): the
    protocol's text in a layer 'Protokolltext' that is on, and, in layers the document's default
    view turns off, the draft's text ('Utkast': placeholders and the draft's headings drawn at the
    very places of the final ones), the secretary's notes ('Anteckningar', shown through an
    optional-content membership dictionary) and a draft watermark ('Vattenstämpel': a form
    XObject that carries /OC itself, as Acrobat's 'Lägg till vattenstämpel' writes one).
    extras: (page_index, y_from_top, x, text, bold, size, layer) with layer 'draft' or 'notes'.
    Written by reportlab uncompressed, then the layers added to the objects and the xref
    table made again."""
    import re as _re
    c = canvas.Canvas(path, pagesize=A4, invariant=1, pageCompression=0)
    c.beginForm("draftmark", 0, 0, W, H)
    c.setFont(doc.bold, 72)
    c.setFillGray(0.85)
    c.drawCentredString(W / 2, H / 2 - 20, watermark)
    c.endForm()
    total = len(doc.pages)
    for n, rows in enumerate(doc.pages, 1):
        c._code.append("/OC /ocText BDC")
        draw_page(c, doc, rows, n, total)
        c._code.append("EMC")
        for (p, y, x, text, bold, size, layer) in extras:
            if p != n - 1:
                continue
            c._code.append("/OC /ocDraft BDC" if layer == "draft" else "/OC /ocNotes BDC")
            draw_text(c, doc.bold if bold else doc.font, size, x, H - TOP - y, text)
            c._code.append("EMC")
        c.doForm("draftmark")
        c.showPage()
    c.save()
    data = open(path, "rb").read()
    size = int(_re.findall(rb"/Size (\d+)", data)[-1])
    text_ocg, draft_ocg, notes_ocg, mark_ocg, notes_md = range(size, size + 5)
    added = [
        (text_ocg, "<< /Type /OCG /Name (Protokolltext) >>"),
        (draft_ocg, "<< /Type /OCG /Name (Utkast) >>"),
        (notes_ocg, "<< /Type /OCG /Name (Anteckningar) >>"),
        (mark_ocg, "<< /Type /OCG /Name (Vattenst\\344mpel) /Usage << /Print << /PrintState /OFF >> /View << /ViewState /OFF >> >> >>"),
        (notes_md, "<< /Type /OCMD /OCGs [%d 0 R] /P /AnyOn >>" % notes_ocg),
    ]
    props = "/Properties << /ocText %d 0 R /ocDraft %d 0 R /ocNotes %d 0 R >> " % (text_ocg, draft_ocg, notes_md)
    data = data.replace(b"/Resources <<\n", b"/Resources <<\n" + props.encode())
    data = data.replace(b"/Subtype /Form", b"/OC %d 0 R /Subtype /Form" % mark_ocg)
    ocprops = ("/OCProperties << /OCGs [%d 0 R %d 0 R %d 0 R %d 0 R] /D << /Name (Standard) "
               "/Order [%d 0 R %d 0 R %d 0 R %d 0 R] /ON [%d 0 R] /OFF [%d 0 R %d 0 R %d 0 R] >> >> "
               % (text_ocg, draft_ocg, notes_ocg, mark_ocg, text_ocg, draft_ocg, notes_ocg, mark_ocg,
                  text_ocg, draft_ocg, notes_ocg, mark_ocg))
    data = data.replace(b"/Type /Catalog", ocprops.encode() + b"/Type /Catalog")
    data = data.replace(b"%PDF-1.3", b"%PDF-1.5", 1)
    body = data[:data.rindex(b"\nxref\n") + 1]
    for (num, text) in added:
        body += b"%d 0 obj\n" % num + text.encode("latin-1") + b"\nendobj\n"
    offsets = {int(m.group(1)): m.start() for m in _re.finditer(rb"(?m)^(\d+) 0 obj", body)}
    count = max(offsets) + 1
    xref = b"xref\n0 %d\n0000000000 65535 f \n" % count
    for k in range(1, count):
        xref += b"%010d 00000 n \n" % offsets[k]
    root = _re.findall(rb"/Root (\d+ 0 R)", data)[-1]
    info = _re.findall(rb"/Info (\d+ 0 R)", data)[-1]
    out = body + xref + b"trailer\n<< /Size %d /Root %s /Info %s >>\nstartxref\n%d\n%%%%EOF\n" % (count, root, info, len(body))
    open(path, "wb").write(out)


# p48: a valnämnd's minutes exported with the draft's layers kept and turned off
def p48():
    d = Doc("DejaVuSans", "DejaVuSans-Bold", 10)
    extras = []

    def draft(x, text, bold=False, layer="draft", size=10):
        """Text of a hidden layer on the line the next row takes."""
        extras.append((len(d.pages) - 1, d.y, x, text, bold, size, layer))

    def header(n, total):
        return [(14 * mm, LEFT, "Lillå kommun", True, 11, "left"),
                (14 * mm, RIGHT, "SAMMANTRÄDESPROTOKOLL", True, 10, "right"),
                (19 * mm, LEFT, "Valnämnden", False, 9, "left"),
                (19 * mm, RIGHT, "Sida %d av %d" % (n, total), False, 9, "right"),
                (23.5 * mm, LEFT, "Sammanträdesdatum 2025-09-30", False, 9, "left")]

    def footer(n, total):
        return [(H - 15 * mm, LEFT, "Justerandes sign", False, 8, "left"),
                (H - 15 * mm, 90 * mm, "Utdragsbestyrkande", False, 8, "left")]

    d.header, d.footer = header, footer
    d.space(4)
    draft(VALUE, "Kommunhuset, kl. 13.15–")
    d.label("Plats och tid", "Kommunhuset, sammanträdesrum Ån, kl. 13.15–15.05")
    d.space(5)
    d.label("Beslutande", "Gunilla Rask (S), ordförande", "Bengt Olander (M), vice ordförande",
            "Hiba Karim (S)", "Stefan Lönn (C)")
    draft(115 * mm, "Per Alm (SD) anmält förhinder – ersättare?", layer="notes", size=8)
    d.row((VALUE, "Maja Hed (SD), tjänstgörande ersättare för Per Alm (SD)"))
    d.space(5)
    d.label("Ersättare", "Rune Fält (M)", "Elin Borg (V)")
    draft(115 * mm, "Jonas Ek (KD) kom kl. 14.00 – Jonas Ek tjänstgör?", layer="notes", size=8)
    d.row((VALUE, "Jonas Ek (KD)"))
    d.space(5)
    d.label("Övriga närvarande", "Karin Sjö, valsamordnare", "Linus Tall, sekreterare")
    d.space(5)
    draft(VALUE, "[utses vid sammanträdet]")
    d.label("Justerare", "Stefan Lönn (C)")
    draft(VALUE, "[plats och datum]")
    d.label("Justeringens", "Kommunkansliet 2025-10-02")
    d.row((LEFT, "plats och tid", True))
    d.label("Paragrafer", "§§ 21–26")
    d.space(12)
    draft(LEFT, "UTKAST – EJ JUSTERAT", bold=True)
    d.row((LEFT, "ANSLAG/BEVIS", True))
    d.row((LEFT, "Protokollet är justerat. Justeringen har tillkännagetts genom anslag."))
    d.space(4)
    draft(VALUE, "ÅÅÅÅ-MM-DD")
    d.label("Anslaget sätts upp", "2025-10-03")
    draft(VALUE, "ÅÅÅÅ-MM-DD")
    d.label("Anslaget tas ned", "2025-10-27")
    d.label("Förvaringsplats", "Kommunkansliet")

    def head(n, title, dnr=None, note=None):
        d.space(14)
        if note:
            draft(120 * mm, note, layer="notes", size=8)
        d.row((LEFT, "§ %d  %s" % (n, title), True), size=11)
        if dnr:
            d.row((LEFT, "Dnr " + dnr), size=9)
        d.space(4)

    def beslut():
        draft(LEFT, "Förslag till beslut", bold=True)
        d.row((LEFT, "Beslut", True))

    def text(t):
        d.wrap(t)
        d.space(4)

    d.page()
    head(21, "Val av justerare")
    beslut()
    text("Valnämnden utser Stefan Lönn (C) att justera protokollet.")
    head(22, "Vallokaler vid valen 2026", "VN 2025/014", note="Dnr? kolla mot VN 2025/041")
    text("Valsamordnaren redovisar förslag till vallokaler i kommunens sju valdistrikt. "
         "Vallokalen i Norrby flyttas till skolans matsal.")
    beslut()
    text("Valnämnden fastställer vallokalerna för valen 2026 enligt förslaget.")
    head(23, "Lokaler för förtidsröstning", "VN 2025/015")
    beslut()
    text("Valnämnden beslutar att förtidsröstning ska ske i biblioteket och i kommunhuset.")
    head(24, "Rekrytering och utbildning av röstmottagare", "VN 2025/016")
    text("Minst 140 röstmottagare behövs. Utbildningen ges digitalt och i kommunhuset.")
    beslut()
    text("Valnämnden godkänner planen för rekrytering och utbildning av röstmottagare.")
    d.page()
    head(25, "Arvode för röstmottagare", "VN 2025/017", note="Belopp ej klart – 1 400 kr?")
    beslut()
    text("Valnämnden föreslår kommunfullmäktige att arvodet för röstmottagare på valdagen "
         "ska vara 1 600 kronor.")
    head(26, "Meddelanden")
    beslut()
    text("Meddelandena läggs till handlingarna.")
    write_layered(os.path.join(HERE, "p48-valnamnd-exported-with-the-drafts-layers-kept-and-turned-off.pdf"),
                  d, extras, "UTKAST")



# p49: an överförmyndarnämnd's 2003 minutes through a PostScript driver whose Type3 fonts' widths
# stop at the first page's glyphs
def p49():
    d = Doc("Times-Roman", "Times-Bold", 11)

    def header(n, total):
        return [(14 * mm, LEFT, "SJÖBO KOMMUN", True, 11, "left"),
                (14 * mm, 112 * mm, "SAMMANTRÄDESPROTOKOLL", True, 11, "left"),
                (14 * mm, RIGHT, "Sida %d" % n, False, 10, "right"),
                (19.5 * mm, LEFT, "Överförmyndarnämnden", False, 10, "left"),
                (19.5 * mm, 112 * mm, "2003-04-08", False, 10, "left")]

    def footer(n, total):
        return [(H - 15 * mm, LEFT, "Justerandes signaturer", False, 8, "left"),
                (H - 15 * mm, 112 * mm, "Utdragsbestyrkande", False, 8, "left")]

    d.header, d.footer = header, footer
    d.space(4)
    d.label("Plats och tid", "Kommunhuset, rum 214, kl 09.00-11.30")
    d.space(5)
    d.label("Beslutande", "Margareta Ståhl (s), ordförande", "Nils-Erik Hägg (m), vice ordförande",
            "Ingvar Dahlén (c)")
    d.space(5)
    d.label("Ersättare", "Yvonne Krantz (fp)")
    d.space(5)
    d.label("Övriga deltagande", "Anita Vik, handläggare", "Bo Gren, sekreterare")
    d.space(5)
    d.label("Utses att justera", "Ingvar Dahlén")
    d.label("Justeringens", "Överförmyndarkansliet 2003-04-10")
    d.row((LEFT, "plats och tid", True))
    d.space(5)
    d.label("Paragrafer", "14-18")
    d.space(12)
    d.row((LEFT, "ANSLAG/BEVIS", True))
    d.row((LEFT, "Protokollet är justerat. Justeringen har tillkännagivits genom anslag."))
    d.space(4)
    d.label("Organ", "Överförmyndarnämnden")
    d.label("Anslaget sätts upp", "2003-04-11")
    d.label("Anslaget tas ned", "2003-05-05")
    d.label("Förvaringsplats", "Överförmyndarkansliet")

    def head(n, title, dnr=None):
        d.space(14)
        d.row((LEFT, "§ %d" % n, True), (112 * mm, "Dnr " + dnr if dnr else ""), size=11)
        d.row((LEFT, title, True), size=11)
        d.space(4)

    def text(t):
        d.wrap(t)
        d.space(4)

    d.page()
    head(14, "Val av justerare")
    text("Överförmyndarnämnden beslutar att utse Ingvar Dahlén att justera protokollet.")
    head(15, "Granskning av årsräkningar för år 2002", "2003.021")
    text("Av 212 inkomna årsräkningar har 187 granskats utan anmärkning. Kvarstående "
         "räkningar granskas under maj månad.")
    d.row((LEFT, "Beslut", True))
    text("Överförmyndarnämnden godkänner redovisningen av granskade årsräkningar.")
    head(16, "Arvoden till gode män och förvaltare", "2003.034")
    text("Kansliet föreslår att arvodet beräknas efter Sveriges Kommuner och Landstings "
         "rekommendation, med hänsyn till uppdragets omfattning.")
    d.row((LEFT, "Beslut", True))
    text("Överförmyndarnämnden fastställer riktlinjer för arvoden enligt kansliets förslag.")
    d.page()
    head(17, "Rekrytering av gode män", "2003.040")
    d.row((LEFT, "Beslut", True))
    text("Överförmyndarnämnden uppdrar åt kansliet att annonsera efter gode män i lokalpressen "
         "under våren.")
    head(18, "Delegationsbeslut", "2003.002")
    d.row((LEFT, "Beslut", True))
    text("Redovisningen av delegationsbeslut läggs till handlingarna.")
    write_type3(os.path.join(HERE, "p49-overformyndarnamnd-2003-type3-fonts-whose-widths-stop-at-the-first-pages-glyphs.pdf"),
                d, widths_of_first_page_only=True)



def small_caps_runs(text):
    """`text` as Word sets it in small caps (Kapitäler): capitals at the full size, the lower-case
    letters as capitals at 80 %: [(text, small)]."""
    runs = []
    for ch in text:
        small = ch.islower()
        ch = ch.upper() if small else ch
        if runs and runs[-1][1] == small:
            runs[-1] = (runs[-1][0] + ch, small)
        else:
            runs.append((ch, small))
    return runs


def write_small_caps(path, doc):
    """Every bold run (labels, heads, 'Beslut', the header's name) set in small caps as Word's
    'Kapitäler' draws them: one text object a run, the font's size changed between the capitals
    and the small capitals within a word, the glyphs upper-case in the text."""
    c = canvas.Canvas(path, pagesize=A4, invariant=1)
    total = len(doc.pages)

    def draw(font, size, x, y, text, bold, align="left"):
        if not bold:
            draw_text(c, font, size, x, y, text, align)
            return
        runs = small_caps_runs(text)
        width = sum(pdfmetrics.stringWidth(t, font, size * 0.8 if s else size) for t, s in runs)
        x0 = x - width if align == "right" else (x - width / 2 if align == "centre" else x)
        t = c.beginText(x0, y)
        for (run, small) in runs:
            t.setFont(font, round(size * 0.8, 2) if small else size)
            t.textOut(run)
        c.drawText(t)

    for n, rows in enumerate(doc.pages, 1):
        for part in (doc.header, doc.footer):
            if part:
                for (y, x, text, bold, size, align) in part(n, total):
                    draw(doc.bold if bold else doc.font, size, x, H - y, text, bold, align)
        for (y, x, text, bold, size, _field) in rows:
            draw(doc.bold if bold else doc.font, size, x, H - TOP - y, text, bold)
        c.showPage()
    c.save()


# p50: a kultur- och fritidsnämnd's minutes whose Word template sets labels and heads in small caps
def p50():
    d = Doc("DejaVuSerif", "DejaVuSerif-Bold", 10.5)

    def header(n, total):
        return [(14 * mm, LEFT, "Norrvik kommun", True, 11, "left"),
                (14 * mm, RIGHT, "Protokoll", True, 11, "right"),
                (19 * mm, LEFT, "Kultur- och fritidsnämnden", False, 9, "left"),
                (19 * mm, RIGHT, "%d (%d)" % (n, total), False, 9, "right"),
                (23.5 * mm, LEFT, "Sammanträdesdatum 2025-11-12", False, 9, "left")]

    def footer(n, total):
        return [(H - 15 * mm, LEFT, "Justerandes signatur", False, 8, "left"),
                (H - 15 * mm, 90 * mm, "Utdragsbestyrkande", False, 8, "left")]

    d.header, d.footer = header, footer
    d.space(4)
    d.label("Plats och tid", "Kulturhuset Vågen, kl. 18.00–20.15")
    d.space(5)
    d.label("Beslutande", "Annika Strömberg (L), ordförande", "Olle Jarl (S), vice ordförande",
            "Fatima Noor (S)", "Gustav Ek (M)", "Helena Björk (SD)",
            "Ivar Holm (MP), tjänstgörande ersättare för Sanna Lind (V)")
    d.space(5)
    d.label("Ersättare", "Petra Alm (M)", "Kenneth Åberg (KD)")
    d.space(5)
    d.label("Övriga närvarande", "Tove Sand, kultur- och fritidschef", "Emil Rapp, sekreterare")
    d.space(5)
    d.label("Justerare", "Olle Jarl (S)")
    d.label("Justeringens", "Kulturhuset 2025-11-17")
    d.row((LEFT, "plats och tid", True))
    d.label("Paragrafer", "§§ 61–65")
    d.space(12)
    d.row((LEFT, "Anslag/bevis", True))
    d.row((LEFT, "Protokollet är justerat. Justeringen har tillkännagetts genom anslag."))
    d.space(4)
    d.label("Anslaget sätts upp", "2025-11-18")
    d.label("Anslaget tas ned", "2025-12-10")
    d.label("Förvaringsplats", "Kultur- och fritidsförvaltningen")

    def head(n, title, dnr=None):
        d.space(14)
        d.row((LEFT, "§ %d  %s" % (n, title), True), size=12)
        if dnr:
            d.row((LEFT, "Dnr " + dnr), size=9)
        d.space(4)

    def text(t):
        d.wrap(t)
        d.space(4)

    d.page()
    head(61, "Val av justerare")
    d.row((LEFT, "Beslut", True))
    text("Kultur- och fritidsnämnden utser Olle Jarl (S) att justera protokollet.")
    head(62, "Föreningsbidrag 2026", "KFN 2025/077")
    text("Förvaltningen föreslår att bidragen till föreningar räknas upp med två procent.")
    d.row((LEFT, "Beslut", True))
    text("Kultur- och fritidsnämnden fastställer föreningsbidragen för 2026 enligt förslaget.")
    head(63, "Öppettider för Vågens bibliotek", "KFN 2025/081")
    d.row((LEFT, "Beslut", True))
    text("Kultur- och fritidsnämnden beslutar att biblioteket ska vara öppet även söndagar.")
    d.page()
    head(64, "Konstnärlig gestaltning av Torget", "KFN 2025/052")
    text("Tre förslag har lämnats in. Juryn föreslår förslaget 'Ljusträd'.")
    d.row((LEFT, "Beslut", True))
    text("Kultur- och fritidsnämnden väljer förslaget Ljusträd för den konstnärliga gestaltningen.")
    head(65, "Delegationsbeslut", "KFN 2025/003")
    d.row((LEFT, "Beslut", True))
    text("Redovisningen av delegationsbeslut läggs till handlingarna.")
    write_small_caps(os.path.join(HERE, "p50-kultur-och-fritidsnamnd-word-template-labels-and-heads-in-small-caps.pdf"), d)



def write_uni_names(path, doc, decomposed=False):
    """A PostScript print driver's PDF of the mid-2000s: the standard Helvetica, not embedded,
    re-encoded with the glyphs' codes given in the order they are first used (from 33, the space
    at 32), the Encoding's Differences naming every glyph as the driver's font did: letters
    beyond ASCII by their code point ('uni00E5'), the ligatures fi and fl as single glyphs
    ('f_i', 'f_l'), the rest by their standard names; no ToUnicode. Every line one string with
    its spaces, as the driver drew it. decomposed: the names spell each glyph's text as a
    sequence of code points, as a converter working on decomposed text (NFD) names its glyphs
    under the Adobe Glyph List's rules: å 'uni0061030A', ä 'uni00610308', é 'uni00650301', the
    ligatures 'uni00660069' and 'uni0066006C'."""
    import unicodedata as _ud
    total = len(doc.pages)
    lines_by_page = []
    for n, rows in enumerate(doc.pages, 1):
        items = []
        for part in (doc.header, doc.footer):
            if part:
                for (y, x, text, bold, size, align) in part(n, total):
                    font = doc.bold if bold else doc.font
                    w = pdfmetrics.stringWidth(text, font, size)
                    x0 = x - w if align == "right" else (x - w / 2 if align == "centre" else x)
                    items.append((y, x0, text, bold, size))
        items += [(TOP + y, x, text, bold, size) for (y, x, text, bold, size, _f) in rows]
        lines_by_page.append(items)

    def glyphs(text):
        """The driver's glyphs of `text`: (name, the text it draws)."""
        out, k = [], 0
        while k < len(text):
            pair = text[k:k + 2]
            if pair in ("fi", "fl"):
                name = "uni" + "".join("%04X" % ord(c) for c in pair) if decomposed else "f_" + pair[1]
                out.append((name, pair))
                k += 2
                continue
            ch = text[k]
            nfd = _ud.normalize("NFD", ch)
            if decomposed and len(nfd) > 1:
                out.append(("uni" + "".join("%04X" % ord(c) for c in nfd), ch))
            elif ch == " ":
                out.append(("space", ch))
            elif ch.isascii() and ch.isalpha():
                out.append((ch, ch))
            elif ord(ch) > 127 and ch != "–" and ch != "§":
                out.append(("uni%04X" % ord(ch), ch))
            else:
                out.append((GLYPH_NAMES[ch], ch))
            k += 1
        return out

    codes = {"space": (32, " ")}
    for items in lines_by_page:
        for it in items:
            for (name, drawn) in glyphs(it[2]):
                if name not in codes:
                    codes[name] = (33 + len(codes) - 1, drawn)
    assert max(c for c, _ in codes.values()) < 256
    objects = []

    def obj(body):
        objects.append(body)
        return len(objects)

    def stream(data):
        data = data.encode("latin-1")
        return b"<< /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"

    by_code = sorted((c, name, drawn) for name, (c, drawn) in codes.items())
    differences = " ".join("%d /%s" % (c, name) for c, name, _ in by_code)
    fonts = {}
    for style, face, base in (("R", doc.font, "Helvetica"), ("B", doc.bold, "Helvetica-Bold")):
        widths = [round(pdfmetrics.stringWidth(drawn, face, 1000)) for _, _, drawn in by_code]
        fonts[style] = obj("<< /Type /Font /Subtype /Type1 /BaseFont /%s "
                           "/Encoding << /Type /Encoding /Differences [%s] >> "
                           "/FirstChar 32 /LastChar %d /Widths [%s] >>"
                           % (base, differences, by_code[-1][0], " ".join(map(str, widths))))
    page_ids = []
    for items in lines_by_page:
        ops = []
        for (y, x, text, bold, size) in items:
            s = "".join("\\%03o" % codes[name][0] for name, _ in glyphs(text))
            ops.append("BT /%s %.2f Tf 1 0 0 1 %.2f %.2f Tm (%s) Tj ET"
                       % ("B" if bold else "R", size, x, H - y, s))
        content = obj(stream("\n".join(ops)))
        page_ids.append(obj("<< /Type /Page /Parent PAGES /MediaBox [0 0 %.2f %.2f] /Contents %d 0 R "
                            "/Resources << /Font << /R %d 0 R /B %d 0 R >> >> >>"
                            % (W, H, content, fonts["R"], fonts["B"])))
    pages = obj("<< /Type /Pages /Kids [%s] /Count %d >>"
                % (" ".join("%d 0 R" % p for p in page_ids), len(page_ids)))
    catalog = obj("<< /Type /Catalog /Pages %d 0 R >>" % pages)
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for k, body in enumerate(objects, 1):
        if isinstance(body, str):
            body = body.replace("PAGES", "%d 0 R" % pages).encode("latin-1")
        offsets.append(len(out))
        out += b"%d 0 obj\n" % k + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for o in offsets:
        out += b"%010d 00000 n \n" % o
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, catalog, xref)
    with open(path, "wb") as f:
        f.write(out)


# p51: a miljönämnd's 2006 minutes through a PostScript driver naming its glyphs uni00E5, f_i
def p51():
    d = Doc("Helvetica", "Helvetica-Bold", 10)

    def header(n, total):
        return [(14 * mm, LEFT, "Fjällsjö kommun", True, 11, "left"),
                (14 * mm, 110 * mm, "SAMMANTRÄDESPROTOKOLL", True, 10, "left"),
                (14 * mm, RIGHT, "%d (%d)" % (n, total), False, 9, "right"),
                (19 * mm, LEFT, "Miljönämnden", False, 9, "left"),
                (19 * mm, 110 * mm, "Sammanträdesdatum", False, 8, "left"),
                (23 * mm, 110 * mm, "2006-10-19", False, 9, "left")]

    def footer(n, total):
        return [(H - 15 * mm, LEFT, "Justerandes sign", False, 8, "left"),
                (H - 15 * mm, 110 * mm, "Utdragsbestyrkande", False, 8, "left")]

    d.header, d.footer = header, footer
    d.space(4)
    d.label("Plats och tid", "Miljökontoret, Fjällsjö, kl. 08.30-12.00")
    d.space(5)
    d.label("Beslutande", "Åsa Fläckström (s), ordförande", "Görel Öhrn (c), vice ordförande",
            "Finn Kjällgren (m)", "Märta Flodén (v)",
            "Sören Åhlin (s), tjänstgörande ersättare för Filip Gräns (s)")
    d.space(5)
    d.label("Ersättare", "Ulf Bäckström (fp)", "Eva Fridén (kd)")
    d.space(5)
    d.label("Övriga deltagande", "Leif Sjöö, miljöchef", "Annika Flink, sekreterare")
    d.space(5)
    d.label("Utses att justera", "Görel Öhrn")
    d.label("Justeringens", "Miljökontoret 2006-10-24")
    d.row((LEFT, "plats och tid", True))
    d.space(5)
    d.label("Paragrafer", "112-116")
    d.space(12)
    d.row((LEFT, "ANSLAG/BEVIS", True))
    d.row((LEFT, "Protokollet är justerat. Justeringen har tillkännagivits genom anslag."))
    d.space(4)
    d.label("Organ", "Miljönämnden")
    d.label("Anslaget sätts upp", "2006-10-25")
    d.label("Anslaget tas ned", "2006-11-16")
    d.label("Förvaringsplats", "Miljökontoret")

    def head(n, title, dnr=None):
        d.space(14)
        d.row((LEFT, "§ %d" % n, True), (110 * mm, "Dnr " + dnr if dnr else ""), size=10.5)
        d.row((LEFT, title, True), size=10.5)
        d.space(4)

    def text(t):
        d.wrap(t)
        d.space(4)

    d.page()
    head(112, "Val av justerare")
    text("Miljönämnden beslutar att utse Görel Öhrn att justera protokollet.")
    head(113, "Tillsynsplan för 2007", "2006.311")
    text("Miljökontoret har upprättat en tillsynsplan för verksamheter med tillstånds- och "
         "anmälningsplikt. Planen finansieras med avgifter och skattemedel.")
    d.row((LEFT, "Beslut", True))
    text("Miljönämnden fastställer tillsynsplanen för 2007.")
    head(114, "Föreläggande om åtgärder vid Flyghamnens bränsledepå", "2006.244")
    text("Vid inspektion har brister i invallningen av cisternerna konstaterats.")
    d.row((LEFT, "Beslut", True))
    text("Miljönämnden förelägger fastighetsägaren att åtgärda invallningen före den "
         "1 december 2006.")
    d.page()
    head(115, "Yttrande över fiskevårdsplan för Fjällsjön", "2006.298")
    d.row((LEFT, "Beslut", True))
    text("Miljönämnden tillstyrker fiskevårdsplanen och överlämnar yttrandet till länsstyrelsen.")
    head(116, "Delegationsbeslut", "2006.002")
    d.row((LEFT, "Beslut", True))
    text("Redovisningen av delegationsbeslut läggs till handlingarna.")
    write_uni_names(os.path.join(HERE, "p51-miljonamnd-2006-postscript-driver-glyph-names-uni-and-ligatures-no-tounicode.pdf"), d)



def write_text_boxes_last(path, doc, box_x):
    """Word's way with a floating text box ('Textruta', 'I framför text'): the running header and
    footer first, then the page's text, then the text boxes' text, here every row from `box_x`
    rightwards: one box a page, beside the line it is anchored to, drawn after all the text
    below it."""
    c = canvas.Canvas(path, pagesize=A4, invariant=1)
    total = len(doc.pages)
    for n, rows in enumerate(doc.pages, 1):
        furniture(c, doc, n, total)
        body = [r for r in rows if r[1] < box_x]
        boxes = [r for r in rows if r[1] >= box_x]
        for (y, x, text, bold, size, _field) in body + boxes:
            draw_text(c, doc.bold if bold else doc.font, size, x, H - TOP - y, text)
        if boxes:
            top = min(r[0] for r in boxes) - 11
            bottom = max(r[0] for r in boxes) + 5
            c.setLineWidth(0.5)
            c.rect(box_x - 4, H - TOP - bottom, RIGHT - box_x + 4, bottom - top)
        c.showPage()
    c.save()


# p52: a räddningsnämnd's minutes, each paragraph on a page of its own, the Dnr in a floating
# text box drawn last
def p52():
    d = Doc("DejaVuSans", "DejaVuSans-Bold", 10)
    BOX = 128 * mm

    def header(n, total):
        return [(14 * mm, LEFT, "Åsby kommun", True, 11, "left"),
                (14 * mm, RIGHT, "PROTOKOLL", True, 10, "right"),
                (19 * mm, LEFT, "Räddningsnämnden", False, 9, "left"),
                (19 * mm, RIGHT, "Sida %d av %d" % (n, total), False, 9, "right")]

    def footer(n, total):
        return [(H - 15 * mm, LEFT, "Justerandes sign", False, 8, "left"),
                (H - 15 * mm, 90 * mm, "Utdragsbestyrkande", False, 8, "left")]

    d.header, d.footer = header, footer
    d.row((LEFT, "Sammanträdesprotokoll", True), (BOX, "Sammanträdesdatum", True), size=13)
    d.row((BOX, "2025-05-14"))
    d.space(8)
    d.label("Plats och tid", "Brandstationen i Åsby, kl. 16.00–18.10")
    d.space(5)
    d.label("Beslutande", "Lars Ehn (M), ordförande", "Karin Wallén (S), vice ordförande",
            "Mustafa Amin (S)", "Ingrid Rosell (C)",
            "Peter Lund (SD), tjänstgörande ersättare för Anna Falk (SD)")
    d.space(5)
    d.label("Ersättare", "Sten Ahl (L)", "Moa Ekdahl (S)")
    d.space(5)
    d.label("Övriga närvarande", "Mikael Dahl, räddningschef", "Hanna Berg, sekreterare")
    d.space(5)
    d.label("Justerare", "Karin Wallén (S)")
    d.label("Justeringens", "Brandstationen 2025-05-19")
    d.row((LEFT, "plats och tid", True))
    d.label("Paragrafer", "§§ 18–21")
    d.space(12)
    d.row((LEFT, "ANSLAG/BEVIS", True))
    d.row((LEFT, "Protokollet är justerat. Justeringen har tillkännagetts genom anslag."))
    d.label("Anslaget sätts upp", "2025-05-20")
    d.label("Anslaget tas ned", "2025-06-11")
    d.label("Förvaringsplats", "Räddningstjänstens kansli")

    def head(n, title, dnr=None):
        d.page()
        d.space(6)
        if dnr:
            d.row((LEFT, "§ %d" % n, True), (BOX, "Diarienummer", True), size=12)
            d.row((LEFT, title, True), (BOX, dnr), size=12)
        else:
            d.row((LEFT, "§ %d" % n, True), size=12)
            d.row((LEFT, title, True), size=12)
        d.space(8)

    def text(t):
        d.wrap(t, right=BOX - 8 * mm)
        d.space(4)

    head(18, "Val av justerare")
    d.row((LEFT, "Beslut", True))
    text("Räddningsnämnden utser Karin Wallén (S) att justera protokollet.")
    head(19, "Handlingsprogram för skydd mot olyckor", "RN 2025/012")
    text("Räddningstjänsten har tagit fram ett förslag till handlingsprogram enligt lagen om "
         "skydd mot olyckor. Förslaget har varit på samråd med grannkommunerna och länsstyrelsen.")
    d.row((LEFT, "Beslut", True))
    text("Räddningsnämnden föreslår kommunfullmäktige att anta handlingsprogrammet.")
    head(20, "Taxa enligt lagen om brandfarliga varor", "RN 2025/027")
    text("Timavgiften föreslås höjas till 1 380 kronor.")
    d.row((LEFT, "Beslut", True))
    text("Räddningsnämnden föreslår kommunfullmäktige att fastställa taxan från den "
         "1 juli 2025.")
    head(21, "Delegationsbeslut", "RN 2025/003")
    d.row((LEFT, "Beslut", True))
    text("Redovisningen av delegationsbeslut läggs till handlingarna.")
    write_text_boxes_last(os.path.join(HERE, "p52-raddningsnamnd-a-paragraph-a-page-dnr-in-a-floating-text-box-drawn-last.pdf"), d, BOX)


def write_footnoted(path, doc, notes):
    """Word's footnotes (Infoga fotnot): the reference mark in the text a superscript digit, the
    font at 65 % of the line's size and raised by a third of it, right after the word it marks
    ('vice ordförande¹', 'Kvarnbacken 2:14³'); the notes at the page's foot above the footer,
    under a short rule, 8 pt, each opening with its own superscript number. Rows' text writes a
    mark as '^N'. notes: page index -> [(number, text)]."""
    import re as _re
    c = canvas.Canvas(path, pagesize=A4, invariant=1)
    total = len(doc.pages)

    def marked(font, size, x, y, text):
        for k, part in enumerate(_re.split(r"\^(\d+)", text)):
            if not part:
                continue
            if k % 2:
                c.setFont(font, size * 0.65)
                c.drawString(x, y + size * 0.33, part)
                x += pdfmetrics.stringWidth(part, font, size * 0.65)
            else:
                c.setFont(font, size)
                c.drawString(x, y, part)
                x += pdfmetrics.stringWidth(part, font, size)

    for n, rows in enumerate(doc.pages, 1):
        furniture(c, doc, n, total)
        for (y, x, text, bold, size, _field) in rows:
            marked(doc.bold if bold else doc.font, size, x, H - TOP - y, text)
        here = notes.get(n - 1, [])
        if here:
            y = 26 * mm + 11 * (len(here) - 1)
            c.setLineWidth(0.5)
            c.line(LEFT, y + 11, LEFT + 50 * mm, y + 11)
            for (num, text) in here:
                marked(doc.font, 8, LEFT, y, "^%d %s" % (num, text))
                y -= 11
        c.showPage()
    c.save()


# p53: a samhällsbyggnadsnämnd's minutes with Word footnotes, their marks superscript digits
def p53():
    d = Doc("DejaVuSerif", "DejaVuSerif-Bold", 10.5)

    def header(n, total):
        return [(14 * mm, LEFT, "Norrvike kommun", True, 11, "left"),
                (14 * mm, RIGHT, "SAMMANTRÄDESPROTOKOLL", True, 10, "right"),
                (19 * mm, LEFT, "Samhällsbyggnadsnämnden", False, 9, "left"),
                (19 * mm, RIGHT, "Sida %d av %d" % (n, total), False, 9, "right"),
                (23.5 * mm, LEFT, "Sammanträdesdatum 2025-10-08", False, 9, "left")]

    def footer(n, total):
        return [(H - 15 * mm, LEFT, "Justerandes sign", False, 8, "left"),
                (H - 15 * mm, 90 * mm, "Utdragsbestyrkande", False, 8, "left")]

    d.header, d.footer = header, footer
    notes = {}
    d.space(4)
    d.label("Plats och tid", "Stadshuset, sammanträdesrum Tallen, kl. 09.00–11.40")
    d.space(5)
    d.label("Beslutande", "Gunnar Eld (C), ordförande", "Maria Tolf (S), vice ordförande^1",
            "Johan Rydh (M)", "Leyla Demir (S)^2", "Anders Kvist (SD)",
            "Pia Nyqvist (L), tjänstgörande ersättare för Emil Sand (KD)")
    d.space(5)
    d.label("Ersättare", "Ulla Berg (S)", "Tomas Wiik (M)")
    d.space(5)
    d.label("Övriga närvarande", "Eva Rönn, samhällsbyggnadschef", "Karl Oskarsson, nämndsekreterare")
    d.space(5)
    d.label("Justerare", "Johan Rydh (M)")
    d.label("Justeringens", "Stadshuset 2025-10-13")
    d.row((LEFT, "plats och tid", True))
    d.label("Paragrafer", "§§ 42–47")
    d.space(12)
    d.row((LEFT, "ANSLAG/BEVIS", True))
    d.row((LEFT, "Protokollet är justerat. Justeringen har tillkännagetts genom anslag."))
    d.space(4)
    d.label("Anslaget sätts upp", "2025-10-14")
    d.label("Anslaget tas ned", "2025-11-05")
    d.label("Förvaringsplats", "Samhällsbyggnadsförvaltningen")
    notes[0] = [(1, "Deltar på distans via Teams."),
                (2, "Deltar från kl. 09.30, §§ 43–47.")]

    def head(n, title, dnr=None):
        d.space(14)
        d.row((LEFT, "§ %d  %s" % (n, title), True), size=11.5)
        if dnr:
            d.row((LEFT, "Dnr " + dnr), size=9)
        d.space(4)

    def text(t):
        d.wrap(t)
        d.space(4)

    d.page()
    head(42, "Val av justerare")
    d.row((LEFT, "Beslut", True))
    text("Samhällsbyggnadsnämnden utser Johan Rydh (M) att justera protokollet.")
    head(43, "Detaljplan för Kvarnbacken 2:14^3", "SBN 2025/118")
    text("Planförslaget har varit utställt för granskning under tiden 1–22 september 2025. "
         "Inkomna synpunkter har bemötts i ett granskningsutlåtande. Planen möjliggör 46 "
         "bostäder i flerbostadshus och en förskola med sex avdelningar.")
    d.row((LEFT, "Beslut", True))
    text("Samhällsbyggnadsnämnden antar detaljplanen för Kvarnbacken 2:14^4 enligt "
         "5 kap. 27 § plan- och bygglagen.")
    head(44, "Föreläggande om rivning av förfallen byggnad på Lerbäck 1:7", "SBN 2025/090")
    text("Byggnaden har stått obrukad sedan 2016 och är i så dåligt skick att den utgör en "
         "fara för dem som uppehåller sig i närheten^5. Ägaren har getts tillfälle att yttra "
         "sig men har inte hörts av.")
    d.row((LEFT, "Beslut", True))
    text("Samhällsbyggnadsnämnden förelägger ägaren av Lerbäck 1:7 att riva byggnaden senast "
         "den 31 mars 2026, vid ett vite om 80 000 kronor.")
    notes[1] = [(3, "Planhandlingarna finns i sin helhet i bilaga 1."),
                (4, "Antagandebeslutet får överklagas hos mark- och miljödomstolen."),
                (5, "Se byggnadsinspektörens tjänsteanteckning 2025-08-19.")]
    d.page()
    head(45, "Taxa för bygglov och tillsyn 2026", "SBN 2025/131")
    text("Förvaltningen föreslår att taxan räknas upp med 3,1 procent^6 och att timavgiften "
         "blir 1 420 kronor.")
    d.row((LEFT, "Beslut", True))
    text("Samhällsbyggnadsnämnden föreslår kommunfullmäktige att fastställa taxan för bygglov "
         "och tillsyn att gälla från den 1 januari 2026.")
    head(46, "Yttrande över översiktsplan för grannkommunen Ekeby", "SBN 2025/127")
    d.row((LEFT, "Beslut", True))
    text("Samhällsbyggnadsnämnden antar förvaltningens yttrande som sitt eget och "
         "överlämnar det till Ekeby kommun.")
    head(47, "Delegationsbeslut", "SBN 2025/004")
    d.row((LEFT, "Beslut", True))
    text("Redovisningen av delegationsbeslut läggs till handlingarna.")
    notes[2] = [(6, "Enligt prisindex för kommunal verksamhet (PKV) 2026.")]
    write_footnoted(os.path.join(HERE, "p53-samhallsbyggnadsnamnd-word-footnotes-superscript-marks-and-notes-at-the-foot.pdf"), d, notes)


def write_layered_expressions(path, doc, extras):
    """A layered export whose hidden content no /OFF list names (PDF 1.6 optional content): every
    group is on by the default configuration (/BaseState /ON, no /OFF), and what the default view
    hides it hides by an expression or by usage: the draft's placeholders and headings marked
    through a membership dictionary with a visibility expression (/VE [/And draft [/Not final]]:
    shown only when the final text is turned off), the secretary's notes through one with
    /VE [/And notes review] while the review group's usage turns it off on screen, and a draft
    watermark 'KOPIA' as marked content in a group 'Vattenstämpel' whose /Usage says
    /ViewState /OFF and /PrintState /ON, applied by the configuration's /AS for the View and
    Print events (as a layout program exports a non-showing, printing layer). extras as
    write_layered's, layer 'draft' or 'notes'."""
    import re as _re
    c = canvas.Canvas(path, pagesize=A4, invariant=1, pageCompression=0)
    total = len(doc.pages)
    for n, rows in enumerate(doc.pages, 1):
        c._code.append("/OC /ocMark BDC")
        c.saveState()
        c.setFont(doc.bold, 96)
        c.setFillGray(0.88)
        c.drawCentredString(W / 2, H / 2 - 30, "KOPIA")
        c.restoreState()
        c._code.append("EMC")
        c._code.append("/OC /ocText BDC")
        draw_page(c, doc, rows, n, total)
        c._code.append("EMC")
        for (p, y, x, text, bold, size, layer) in extras:
            if p != n - 1:
                continue
            c._code.append("/OC /ocDraft BDC" if layer == "draft" else "/OC /ocNotes BDC")
            draw_text(c, doc.bold if bold else doc.font, size, x, H - TOP - y, text)
            c._code.append("EMC")
        c.showPage()
    c.save()
    data = open(path, "rb").read()
    size = int(_re.findall(rb"/Size (\d+)", data)[-1])
    text_ocg, draft_ocg, notes_ocg, review_ocg, mark_ocg, draft_md, notes_md = range(size, size + 7)
    added = [
        (text_ocg, "<< /Type /OCG /Name (Slutlig text) >>"),
        (draft_ocg, "<< /Type /OCG /Name (Utkast) >>"),
        (notes_ocg, "<< /Type /OCG /Name (Kommentarer) >>"),
        (review_ocg, "<< /Type /OCG /Name (Granskning) /Usage << /View << /ViewState /OFF >> /Print << /PrintState /OFF >> >> >>"),
        (mark_ocg, "<< /Type /OCG /Name (Vattenst\\344mpel) /Usage << /View << /ViewState /OFF >> /Print << /PrintState /ON >> >> >>"),
        (draft_md, "<< /Type /OCMD /VE [/And %d 0 R [/Not %d 0 R]] >>" % (draft_ocg, text_ocg)),
        (notes_md, "<< /Type /OCMD /OCGs [%d 0 R] /VE [/And %d 0 R %d 0 R] >>" % (notes_ocg, notes_ocg, review_ocg)),
    ]
    props = ("/Properties << /ocText %d 0 R /ocDraft %d 0 R /ocNotes %d 0 R /ocMark %d 0 R >> "
             % (text_ocg, draft_md, notes_md, mark_ocg))
    data = data.replace(b"/Resources <<\n", b"/Resources <<\n" + props.encode())
    groups = "%d 0 R %d 0 R %d 0 R %d 0 R %d 0 R" % (text_ocg, draft_ocg, notes_ocg, review_ocg, mark_ocg)
    ocprops = ("/OCProperties << /OCGs [%s] /D << /Name (Standard) /BaseState /ON /Order [%s] "
               "/AS [<< /Event /View /Category [/View] /OCGs [%d 0 R %d 0 R] >> "
               "<< /Event /Print /Category [/Print] /OCGs [%d 0 R %d 0 R] >>] >> >> "
               % (groups, groups, review_ocg, mark_ocg, review_ocg, mark_ocg))
    data = data.replace(b"/Type /Catalog", ocprops.encode() + b"/Type /Catalog")
    data = data.replace(b"%PDF-1.3", b"%PDF-1.6", 1)
    body = data[:data.rindex(b"\nxref\n") + 1]
    for (num, text) in added:
        body += b"%d 0 obj\n" % num + text.encode("latin-1") + b"\nendobj\n"
    offsets = {int(m.group(1)): m.start() for m in _re.finditer(rb"(?m)^(\d+) 0 obj", body)}
    count = max(offsets) + 1
    xref = b"xref\n0 %d\n0000000000 65535 f \n" % count
    for k in range(1, count):
        xref += b"%010d 00000 n \n" % offsets[k]
    root = _re.findall(rb"/Root (\d+ 0 R)", data)[-1]
    info = _re.findall(rb"/Info (\d+ 0 R)", data)[-1]
    out = body + xref + b"trailer\n<< /Size %d /Root %s /Info %s >>\nstartxref\n%d\n%%%%EOF\n" % (count, root, info, len(body))
    open(path, "wb").write(out)


# p54: a bildningsnämnd's minutes whose hidden layers are hidden by expressions and usage only
def p54():
    d = Doc("DejaVuSans", "DejaVuSans-Bold", 10)
    extras = []

    def draft(x, text, bold=False, layer="draft", size=10):
        """Text of a hidden layer on the line the next row takes."""
        extras.append((len(d.pages) - 1, d.y, x, text, bold, size, layer))

    def header(n, total):
        return [(14 * mm, LEFT, "Storvreta kommun", True, 11, "left"),
                (14 * mm, RIGHT, "PROTOKOLL", True, 10, "right"),
                (19 * mm, LEFT, "Bildningsnämnden", False, 9, "left"),
                (19 * mm, RIGHT, "%d (%d)" % (n, total), False, 9, "right"),
                (23.5 * mm, LEFT, "2025-11-20", False, 9, "left")]

    def footer(n, total):
        return [(H - 15 * mm, LEFT, "Ordförandes sign", False, 8, "left"),
                (H - 15 * mm, 70 * mm, "Justerandes sign", False, 8, "left"),
                (H - 15 * mm, 120 * mm, "Utdragsbestyrkande", False, 8, "left")]

    d.header, d.footer = header, footer
    d.space(4)
    d.row((LEFT, "Sammanträdesdatum", True), (VALUE, "2025-11-20"))
    draft(VALUE, "Lärcentrum, kl. 18.00–")
    d.label("Plats och tid", "Lärcentrum, aulan, kl. 18.00–20.25")
    d.space(5)
    d.label("Beslutande", "Elsa Grön (S), ordförande", "Nils Berglöf (M), 1:e vice ordförande",
            "Farah Ali (S)", "Kjell Sund (SD)", "Ida Wester (C)")
    draft(118 * mm, "Ida W. meddelat sen ankomst", layer="notes", size=8)
    d.row((VALUE, "Hampus Lind (KD), tjänstgörande ersättare för Lotta Ring (KD)"))
    d.space(5)
    d.label("Ersättare", "Birgitta Fors (S)", "Omar Haddad (M)")
    draft(118 * mm, "Anmäl Johanna Klint (V) - sjuk", layer="notes", size=8)
    d.row((VALUE, "Johanna Klint (V)"))
    d.space(5)
    d.label("Övriga närvarande", "Malin Sten, förvaltningschef", "Per Öhman, nämndsekreterare")
    d.space(5)
    draft(VALUE, "[namn]")
    d.label("Justerare", "Farah Ali (S)")
    draft(VALUE, "[plats och datum]")
    d.label("Justeringens", "Kommunhuset 2025-11-25")
    d.row((LEFT, "plats och tid", True))
    d.label("Paragrafer", "§§ 88–93")
    d.space(12)
    d.row((LEFT, "ANSLAG/BEVIS", True))
    d.row((LEFT, "Protokollet är justerat. Justeringen har tillkännagetts genom anslag."))
    d.space(4)
    draft(VALUE, "[datum]")
    d.label("Anslaget sätts upp", "2025-11-26")
    draft(VALUE, "[datum]")
    d.label("Anslaget tas ned", "2025-12-18")
    d.label("Förvaringsplats", "Bildningsförvaltningen")

    def head(n, title, dnr=None, note=None):
        d.space(14)
        if note:
            draft(125 * mm, note, layer="notes", size=8)
        d.row((LEFT, "§ %d" % n, True), (40 * mm, title, True), size=11)
        if dnr:
            d.row((40 * mm, "Dnr " + dnr), size=9)
        d.space(4)

    def beslut():
        draft(40 * mm, "Förslag till beslut", bold=True)
        d.row((40 * mm, "Beslut", True))

    def text(t):
        d.wrap(t, x=40 * mm)
        d.space(4)

    d.page()
    head(88, "Val av justerare")
    beslut()
    text("Bildningsnämnden utser Farah Ali (S) att justera protokollet.")
    head(89, "Skolskjutsregler från läsåret 2026/27", "BN 2025/203", note="Kolla med juristen")
    text("Förvaltningen föreslår att avståndsgränsen för årskurs 4–6 sänks till tre kilometer.")
    beslut()
    text("Bildningsnämnden antar reglerna för skolskjuts att gälla från den 1 juli 2026.")
    head(90, "Lokalbehov för förskolan i Vreta by", "BN 2025/177")
    text("Barnantalet i Vreta by väntas öka med 40 barn till 2028.")
    beslut()
    text("Bildningsnämnden ger förvaltningen i uppdrag att utreda en ny förskola med fyra "
         "avdelningar i Vreta by.")
    d.page()
    head(91, "Budgetuppföljning oktober 2025", "BN 2025/012", note="Siffror ej klara?")
    beslut()
    text("Bildningsnämnden godkänner budgetuppföljningen för oktober 2025.")
    head(92, "Internkontrollplan 2026", "BN 2025/198")
    beslut()
    text("Bildningsnämnden fastställer internkontrollplanen för 2026.")
    head(93, "Delegationsbeslut", "BN 2025/005")
    beslut()
    text("Redovisningen av delegationsbeslut läggs till handlingarna.")
    write_layered_expressions(os.path.join(HERE, "p54-bildningsnamnd-layers-hidden-by-visibility-expressions-and-usage-auto-state.pdf"), d, extras)


def write_tex(path, pages, header, title_font="Times-Bold"):
    """pdfTeX's way with a page: the standard Times faces (not embedded, WinAnsiEncoding with
    the ligatures fi and fl at 28 and 29 by Differences, as T1 puts them low), one text object
    a page whose lines move by relative Td, every line one TJ array: no space glyph drawn, the
    words' gaps numbers in the array (the justified line's stretched glue), kerning pairs small
    numbers inside the words, 'fi' and 'fl' single glyphs, words hyphenated at the line's end
    with a hyphen. pages: [[(x, y_from_top, size, bold, [words], gap_pts)]]; header(n, total) ->
    the same kind of lines (a fancyhdr head and the page number centred at the foot), the head
    drawn before the page's lines and the foot after them."""
    KERN = {("T", "o"): 80, ("V", "a"): 111, ("a", "v"): 20, ("r", "."): 40, ("y", "."): 65,
            ("P", "."): 111, ("Å", "r"): 20, ("f", "ö"): 20, ("T", "a"): 80, ("v", "å"): 15}

    def glyph_codes(word):
        out, k = [], 0
        while k < len(word):
            pair = word[k:k + 2]
            if pair == "fi":
                out.append((28, "fi")); k += 2; continue
            if pair == "fl":
                out.append((29, "fl")); k += 2; continue
            out.append((word[k].encode("cp1252")[0], word[k])); k += 1
        return out

    def esc(codes):
        return "".join(chr(c) if 32 < c < 127 and chr(c) not in "()\\" else "\\%03o" % c for c in codes)

    def tj(words, gap_pts, size, face):
        parts = []
        for n, w in enumerate(words):
            if n:
                parts.append("%d" % round(-gap_pts / size * 1000))
            codes = glyph_codes(w)
            run = []
            for k, (c, ch) in enumerate(codes):
                run.append(c)
                nxt = codes[k + 1][1] if k + 1 < len(codes) else None
                kern = KERN.get((ch, nxt))
                if kern:
                    parts.append("(%s)" % esc(run))
                    parts.append("%d" % kern)
                    run = []
            if run:
                parts.append("(%s)" % esc(run))
        return "[" + "".join(parts) + "]TJ"

    def widths(face):
        out = []
        for c in range(28, 256):
            if c == 28 or c == 29:
                out.append(556)
                continue
            try:
                ch = bytes([c]).decode("cp1252")
            except UnicodeDecodeError:
                out.append(0)
                continue
            out.append(round(pdfmetrics.stringWidth(ch, face, 1000)) if c >= 32 else 0)
        return " ".join(map(str, out))

    objects = []

    def obj(body):
        objects.append(body)
        return len(objects)

    def stream(data):
        data = data.encode("latin-1")
        return b"<< /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"

    fonts = {}
    for key, face in (("F8", "Times-Roman"), ("F11", "Times-Bold"), ("F14", "Times-Italic")):
        fonts[key] = obj("<< /Type /Font /Subtype /Type1 /BaseFont /%s /FirstChar 28 /LastChar 255 "
                         "/Widths [%s] /Encoding << /Type /Encoding /BaseEncoding /WinAnsiEncoding "
                         "/Differences [28 /fi /fl] >> >>" % (face, widths(face)))
    face_of = {"R": "F8", "B": "F11", "I": "F14"}
    page_ids = []
    total = len(pages)
    for n, lines in enumerate(pages, 1):
        ops = ["BT"]
        cx, cy, cur = 0.0, 0.0, None
        furniture = header(n, total)
        head = [f for f in furniture if f[1] < H / 2]
        foot = [f for f in furniture if f[1] >= H / 2]
        # the output routine ships the head, the body, then the foot
        for (x, y, size, style, words, gap) in head + lines + foot:
            key = face_of[style]
            if cur != (key, size):
                ops.append("/%s %.4f Tf" % (key, size))
                cur = (key, size)
            ops.append("%.3f %.3f Td" % (x - cx, (H - y) - cy))
            cx, cy = x, H - y
            ops.append(tj(words, gap, size, key))
        ops.append("ET")
        content = obj(stream("\n".join(ops)))
        page_ids.append(obj("<< /Type /Page /Parent PAGES /MediaBox [0 0 %.2f %.2f] /Contents %d 0 R "
                            "/Resources << /Font << /F8 %d 0 R /F11 %d 0 R /F14 %d 0 R >> /ProcSet [/PDF /Text] >> >>"
                            % (W, H, content, fonts["F8"], fonts["F11"], fonts["F14"])))
    pages_id = obj("<< /Type /Pages /Kids [%s] /Count %d >>"
                   % (" ".join("%d 0 R" % p for p in page_ids), len(page_ids)))
    info = obj("<< /Producer (pdfTeX-1.40.21) /Creator (TeX) >>")
    catalog = obj("<< /Type /Catalog /Pages %d 0 R >>" % pages_id)
    out = bytearray(b"%PDF-1.5\n%\xd0\xd4\xc5\xd8\n")
    offsets = []
    for k, body in enumerate(objects, 1):
        if isinstance(body, str):
            body = body.replace("PAGES", "%d 0 R" % pages_id).encode("latin-1")
        offsets.append(len(out))
        out += b"%d 0 obj\n" % k + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for o in offsets:
        out += b"%010d 00000 n \n" % o
    out += b"trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, catalog, info, xref)
    with open(path, "wb") as f:
        f.write(out)


class TexDoc:
    """Lines set as TeX sets them: paragraphs justified to the measure with hyphenation at the
    points a word marks with '\\-', the last line at its natural spacing."""

    def __init__(self, left=30 * mm, measure=122 * mm, size=10.95):
        self.left, self.measure, self.size = left, measure, size
        self.pages = [[]]
        self.y = 40 * mm

    def width(self, text, style="R"):
        face = {"R": "Times-Roman", "B": "Times-Bold", "I": "Times-Italic"}[style]
        return pdfmetrics.stringWidth(text, face, self.size)

    def page(self):
        self.pages.append([])
        self.y = 40 * mm

    def skip(self, pts):
        self.y += pts

    def line(self, x, words, style="R", size=None, gap=None):
        size = size or self.size
        space = pdfmetrics.stringWidth(" ", "Times-Roman", size) if gap is None else gap
        self.pages[-1].append((x, self.y, size, style, [w.replace("\\-", "") for w in words], space))

    def row(self, *cells, style="R"):
        """A tabular row: (x, text, style) cells on one baseline."""
        for (x, text, st) in cells:
            self.line(x, text.split(), st)
        self.y += self.size * 1.2

    def par(self, text, x=None, style="R"):
        x = self.left if x is None else x
        measure = self.measure - (x - self.left)
        words = text.split()
        space = self.width(" ", style)
        lines, cur = [], []
        k = 0
        while k < len(words):
            w = words[k].replace("\\-", "")
            natural = self.width(" ".join([c.replace("\\-", "") for c in cur] + [w]), style)
            if not cur or natural <= measure:
                cur.append(words[k]); k += 1
                continue
            # try the word's hyphenation points, the longest first
            parts = words[k].split("\\-")
            done = False
            for cut in range(len(parts) - 1, 0, -1):
                head = "".join(parts[:cut]) + "-"
                if self.width(" ".join([c.replace("\\-", "") for c in cur] + [head]), style) <= measure:
                    lines.append(cur + [head])
                    words[k] = "\\-".join(parts[cut:])
                    cur = []
                    done = True
                    break
            if not done:
                lines.append(cur)
                cur = []
        if cur:
            lines.append(cur)
        for n, ws in enumerate(lines):
            clean = [w.replace("\\-", "") for w in ws]
            if n + 1 < len(lines) and len(clean) > 1:
                gap = (measure - self.width("".join(clean), style)) / (len(clean) - 1)
            else:
                gap = space
            self.line(x, clean, style, gap=gap)
            self.y += self.size * 1.2


# p55: a krisledningsnämnd's minutes typeset with LaTeX (pdfTeX): TJ arrays, no space glyphs
def p55():
    t = TexDoc()
    L, V = 30 * mm, 78 * mm

    def header(n, total):
        return [(L, 22 * mm, 9, "I", "Lövsta kommun — Krisledningsnämnden".split(), 2.25),
                (150 * mm, 22 * mm, 9, "I", "Protokoll 2025-02-11".split(), 2.25),
                (W / 2 - 2, H - 18 * mm, 10.95, "R", [str(n)], 2.7)]

    t.line(L, "Krisledningsnämnden".split(), "B", size=17.28)
    t.skip(20)
    t.line(L, "SAMMANTRÄDESPROTOKOLL".split(), "B", size=12)
    t.skip(24)
    t.row((L, "Sammanträdesdatum", "B"), (V, "2025-02-11", "R"))
    t.row((L, "Plats och tid", "B"), (V, "Kommunhuset, krisledningsrummet, kl. 07.30–09.05", "R"))
    t.skip(4)
    t.row((L, "Beslutande", "B"), (V, "Annika Strömberg (S), ordförande", "R"))
    for name in ("Henrik Falk (M), vice ordförande", "Sofia Lindqvist (S)", "Rasmus Eklöf (C)",
                 "Tove Fjellström (SD), tjänstgörande ersättare för Lars Nyberg (SD)"):
        t.row((V, name, "R"))
    t.skip(4)
    t.row((L, "Ersättare", "B"), (V, "Filippa Ås (V)", "R"))
    t.row((V, "Gustav Öberg (M)", "R"))
    t.skip(4)
    t.row((L, "Övriga närvarande", "B"), (V, "Jonas Wiklund, säkerhetssamordnare", "R"))
    t.row((V, "Maria Flodin, kommundirektör", "R"))
    t.row((V, "Erik Dahl, sekreterare", "R"))
    t.skip(4)
    t.row((L, "Justerare", "B"), (V, "Henrik Falk (M)", "R"))
    t.row((L, "Justeringens plats och tid", "B"), (V, "Kommunhuset 2025-02-12", "R"))
    t.row((L, "Paragrafer", "B"), (V, "§§ 1–5", "R"))
    t.skip(14)
    t.line(L, "ANSLAG/BEVIS".split(), "B", size=12)
    t.skip(16)
    t.par("Protokollet är justerat. Justeringen har tillkännagetts genom anslag på kommunens "
          "digitala anslagstavla.")
    t.row((L, "Anslaget sätts upp", "B"), (V, "2025-02-13", "R"))
    t.row((L, "Anslaget tas ned", "B"), (V, "2025-03-07", "R"))
    t.row((L, "Förvaringsplats", "B"), (V, "Kommunledningskontoret", "R"))

    def section(n, title, dnr=None):
        t.skip(16)
        t.line(L, ("§ %d %s" % (n, title)).split(), "B", size=12)
        t.skip(16)
        if dnr:
            t.line(L, ("Dnr " + dnr).split(), "I")
            t.skip(t.size * 1.2 + 3)

    def beslut():
        t.line(L, ["Beslut"], "B")
        t.skip(t.size * 1.2)

    t.page()
    section(1, "Val av justerare")
    beslut()
    t.par("Krisledningsnämnden utser Henrik Falk (M) att justera protokollet.")
    section(2, "Beslut om att nämnden träder i funktion", "KLN 2025/001")
    t.par("Ett omfattande elavbrott har sedan den 9 februari drabbat norra kommun\\-delen efter "
          "stormen. Omkring 1 800 hushåll saknar ström och vatten\\-försörjningen i Finnåker är "
          "hotad. Ordföranden har bedömt att händelsen är en extraordinär händelse enligt lagen "
          "om kommuners och regioners åtgärder inför och vid extra\\-ordinära händelser i fredstid "
          "och höjd beredskap.")
    beslut()
    t.par("Krisledningsnämnden beslutar att nämnden träder i funktion från och med den "
          "11 februari 2025 kl. 07.30 och övertar beslutanderätten från social\\-nämnden och "
          "tekniska nämnden i de delar som rör elavbrottet.")
    section(3, "Evakuering av särskilt boende i Finnåker", "KLN 2025/002")
    t.par("Reservkraften vid Finnåkers äldre\\-boende räcker i högst två dygn. Förvaltningen "
          "föreslår att de boende flyttas till Lövsta vård- och omsorgs\\-boende.")
    beslut()
    t.par("Krisledningsnämnden beslutar att evakuera de boende på Finnåkers äldreboende till "
          "Lövsta vård- och omsorgsboende senast den 12 februari 2025.")
    t.page()
    section(4, "Information till kommuninvånarna", "KLN 2025/003")
    beslut()
    t.par("Krisledningsnämnden uppdrar åt kommundirektören att upprätta trygghets\\-punkter "
          "i Finnåker och Västby med information, dricks\\-vatten och laddning av telefoner.")
    section(5, "Återrapportering till kommunfullmäktige", "KLN 2025/004")
    beslut()
    t.par("Krisledningsnämnden beslutar att återrapportera sina beslut till kommun\\-fullmäktige "
          "vid dess nästa sammanträde.")
    write_tex(os.path.join(HERE, "p55-krisledningsnamnd-typeset-with-latex-tj-arrays-no-space-glyphs-hyphenated.pdf"),
              t.pages, header)


# p56: a personalutskott's minutes through a converter naming its glyphs by decomposed sequences
def p56():
    d = Doc("Helvetica", "Helvetica-Bold", 10)

    def header(n, total):
        return [(14 * mm, LEFT, "Västerå kommun", True, 11, "left"),
                (14 * mm, 110 * mm, "PROTOKOLL", True, 10, "left"),
                (14 * mm, RIGHT, "Sida %d av %d" % (n, total), False, 9, "right"),
                (19 * mm, LEFT, "Personalutskottet", False, 9, "left"),
                (19 * mm, 110 * mm, "Sammanträdesdatum", False, 8, "left"),
                (23 * mm, 110 * mm, "2025-06-04", False, 9, "left")]

    def footer(n, total):
        return [(H - 15 * mm, LEFT, "Justerandes sign", False, 8, "left"),
                (H - 15 * mm, 110 * mm, "Utdragsbestyrkande", False, 8, "left")]

    d.header, d.footer = header, footer
    d.space(4)
    d.label("Plats och tid", "Stadshuset, rum Ängen, kl. 13.00–15.20")
    d.space(5)
    d.label("Beslutande", "Åke Sjögren (S), ordförande", "Märit Fläckman (M), vice ordförande",
            "Jörgen Ståhl (C)", "Filippa Öst (S)",
            "René Lindén (SD), tjänstgörande ersättare för Göran Ek (SD)")
    d.space(5)
    d.label("Ersättare", "Sofie Bäck (V)", "Håkan Fjäll (L)")
    d.space(5)
    d.label("Övriga närvarande", "Tove Åberg, HR-chef", "Elin Strömqvist, sekreterare")
    d.space(5)
    d.label("Utses att justera", "Jörgen Ståhl")
    d.label("Justeringens", "Stadshuset 2025-06-10")
    d.row((LEFT, "plats och tid", True))
    d.space(5)
    d.label("Paragrafer", "§§ 31–35")
    d.space(12)
    d.row((LEFT, "ANSLAG/BEVIS", True))
    d.row((LEFT, "Protokollet är justerat. Justeringen har tillkännagetts genom anslag."))
    d.space(4)
    d.label("Organ", "Personalutskottet")
    d.label("Anslaget sätts upp", "2025-06-11")
    d.label("Anslaget tas ned", "2025-07-03")
    d.label("Förvaringsplats", "Kommunledningsförvaltningen")

    def head(n, title, dnr=None):
        d.space(14)
        d.row((LEFT, "§ %d" % n, True), (110 * mm, "Dnr " + dnr if dnr else ""), size=10.5)
        d.row((LEFT, title, True), size=10.5)
        d.space(4)

    def text(t):
        d.wrap(t)
        d.space(4)

    d.page()
    head(31, "Val av justerare")
    text("Personalutskottet utser Jörgen Ståhl att justera protokollet.")
    head(32, "Lönekartläggning 2025", "KS 2025/188")
    text("Kartläggningen visar inga osakliga löneskillnader mellan kvinnor och män i "
         "jämförbara befattningar. Två yrkesgrupper följs upp särskilt.")
    d.row((LEFT, "Beslut", True))
    text("Personalutskottet godkänner lönekartläggningen för 2025 och lägger den till handlingarna.")
    head(33, "Friskvårdsbidrag från år 2026", "KS 2025/203")
    text("Förvaltningen föreslår att friskvårdsbidraget höjs till 3 000 kronor per år.")
    d.row((LEFT, "Beslut", True))
    text("Personalutskottet föreslår kommunstyrelsen att höja friskvårdsbidraget till "
         "3 000 kronor per anställd och år från den 1 januari 2026.")
    d.page()
    head(34, "Riktlinjer för flexibel arbetstid", "KS 2025/167")
    d.row((LEFT, "Beslut", True))
    text("Personalutskottet fastställer riktlinjerna för flexibel arbetstid.")
    head(35, "Förhandlingsfrågor och delegationsbeslut", "KS 2025/004")
    d.row((LEFT, "Beslut", True))
    text("Redovisningen av förhandlingsfrågor och delegationsbeslut läggs till handlingarna.")
    write_uni_names(os.path.join(HERE, "p56-personalutskott-glyph-names-of-decomposed-sequences-uni0061030a-no-tounicode.pdf"), d, decomposed=True)


def letterhead_image(lines, width_px=1400, height_px=170):
    """A letterhead as the template's picture: a logo's circle and the lines beside it, drawn
    into a grey image (no text in the PDF)."""
    from PIL import Image, ImageDraw, ImageFont
    img = Image.new("L", (width_px, height_px), 255)
    d = ImageDraw.Draw(img)
    d.ellipse((10, 15, 150, 155), outline=60, width=8)
    d.line((40, 120, 80, 45, 120, 120), fill=60, width=8)
    y = 22
    for (text, size, bold) in lines:
        font = ImageFont.truetype(os.path.join(FONTS, "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"), size)
        d.text((180, y), text, fill=30, font=font)
        y += size + 14
    buf = io.BytesIO()
    img.save(buf, "PNG")
    buf.seek(0)
    return buf


def write_image_letterhead(path, doc, head):
    """Every page's letterhead an image (the kommun's name and the body's beside the logo, as a
    template pastes its header in as a picture); the page's text below it, the page number and
    the meeting's date as text at the top right."""
    from reportlab.lib.utils import ImageReader
    c = canvas.Canvas(path, pagesize=A4, invariant=1)
    total = len(doc.pages)
    picture = ImageReader(head)
    for n, rows in enumerate(doc.pages, 1):
        c.drawImage(picture, LEFT - 2 * mm, H - 26 * mm, width=120 * mm, height=120 * mm * 170 / 1400)
        draw_page(c, doc, rows, n, total)
        c.showPage()
    c.save()


# p57: a näringslivsnämnd's minutes whose letterhead, the body's name in it, is a picture
def p57():
    d = Doc("DejaVuSans", "DejaVuSans-Bold", 10)

    def header(n, total):
        return [(14 * mm, RIGHT, "PROTOKOLL", True, 10, "right"),
                (19 * mm, RIGHT, "Sida %d (%d)" % (n, total), False, 9, "right"),
                (23.5 * mm, RIGHT, "2025-04-09", False, 9, "right")]

    def footer(n, total):
        return [(H - 15 * mm, LEFT, "Justerandes signatur", False, 8, "left"),
                (H - 15 * mm, 100 * mm, "Utdragsbestyrkande", False, 8, "left")]

    d.header, d.footer = header, footer
    d.space(4)
    d.label("Sammanträdesdatum", "2025-04-09")
    d.label("Plats och tid", "Företagshuset, Hagforsa, kl. 08.15–10.00")
    d.space(5)
    d.label("Beslutande", "Kristina Modig (M), ordförande", "Ali Rahimi (S), vice ordförande",
            "Lennart Kvarn (C)", "Sanna Ljung (KD)",
            "Bo Hedin (S), tjänstgörande ersättare för Eva Tall (S)")
    d.space(5)
    d.label("Ersättare", "Mira Sand (L)", "Olof Rask (SD)")
    d.space(5)
    d.label("Övriga närvarande", "Jenny Lund, näringslivschef", "Pär Nilsson, sekreterare")
    d.space(5)
    d.label("Justerare", "Lennart Kvarn (C)")
    d.label("Justeringens", "Kommunhuset 2025-04-14")
    d.row((LEFT, "plats och tid", True))
    d.label("Paragrafer", "§§ 14–18")
    d.space(12)
    d.row((LEFT, "ANSLAG/BEVIS", True))
    d.row((LEFT, "Protokollet är justerat. Justeringen har tillkännagetts genom anslag."))
    d.space(4)
    d.label("Organ", "Näringslivsnämnden")
    d.label("Anslaget sätts upp", "2025-04-15")
    d.label("Anslaget tas ned", "2025-05-07")
    d.label("Förvaringsplats", "Kommunledningsförvaltningen")

    def head(n, title, dnr=None):
        d.space(14)
        d.row((LEFT, "§ %d  %s" % (n, title), True), size=11)
        if dnr:
            d.row((LEFT, "Dnr " + dnr), size=9)
        d.space(4)

    def text(t):
        d.wrap(t)
        d.space(4)

    d.page()
    head(14, "Val av justerare")
    d.row((LEFT, "Beslut", True))
    text("Näringslivsnämnden utser Lennart Kvarn (C) att justera protokollet.")
    head(15, "Näringslivsstrategi 2025–2030", "NLN 2025/021")
    text("Strategin har tagits fram tillsammans med företagarföreningarna i kommunen.")
    d.row((LEFT, "Beslut", True))
    text("Näringslivsnämnden föreslår kommunfullmäktige att anta näringslivsstrategin för "
         "2025–2030.")
    head(16, "Bidrag till Hagforsa företagsmässa", "NLN 2025/034")
    d.row((LEFT, "Beslut", True))
    text("Näringslivsnämnden beviljar Hagforsa företagarförening 45 000 kronor i bidrag till "
         "företagsmässan 2025.")
    d.page()
    head(17, "Markanvisning för verksamhetsområdet Norra Sågen", "NLN 2025/017")
    text("Två företag har anmält intresse för tomterna i området.")
    d.row((LEFT, "Beslut", True))
    text("Näringslivsnämnden ger förvaltningen i uppdrag att förhandla fram avtal om "
         "markanvisning med de två intressenterna.")
    head(18, "Delegationsbeslut", "NLN 2025/002")
    d.row((LEFT, "Beslut", True))
    text("Redovisningen av delegationsbeslut läggs till handlingarna.")
    head = letterhead_image([("HAGFORSA KOMMUN", 44, True), ("Näringslivsnämnden", 36, False)])
    write_image_letterhead(os.path.join(HERE, "p57-naringslivsnamnd-letterhead-with-the-bodys-name-as-a-picture.pdf"), d, head)


CASES = {"p33": p33, "p34": p34, "p35": p35, "p36": p36, "p37": p37, "p38": p38, "p39": p39, "p40": p40, "p41": p41, "p42": p42, "p43": p43, "p44": p44, "p45": p45, "p46": p46, "p47": p47, "p48": p48, "p49": p49, "p50": p50, "p51": p51, "p52": p52, "p53": p53, "p54": p54, "p55": p55, "p56": p56, "p57": p57}

if __name__ == "__main__":
    import sys
    for case in sys.argv[1:] or list(CASES):
        CASES[case]()
