"""
Demo figures for the demo site, drawn here with Pillow: simple schematic medical diagrams with
English and Turkish alt texts and captions. Nothing is copied from anywhere.

`demo_figures()` returns what to show (pictures as PNG bytes, texts per language);
`add_demo_figures()` puts them into the library the way an upload would (checked, stripped,
with renditions) and returns the library images; running it again adds nothing new.
`illustrate(articles, editor, ...)` puts them into articles (body and lead image) through the
workflow, for the demo seed.
"""

import io
from dataclasses import dataclass, field
from html import escape

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from PIL import Image as PillowImage
from PIL import ImageDraw, ImageFont

from invamed.review import services

from . import processing, reviewed

WIDTH, HEIGHT = 1600, 1000
SCALE = 2  # drawn at twice the size, then reduced: smooth edges without antialiasing support
CREDIT = "Illustration: INVAMED Medical Affairs (schematic demo figure)"

INK = "#1b2631"
BONE, BONE_LINE = "#efe4cf", "#6b5a3e"
DISC, DISC_LINE = "#9cc3dd", "#3f6f8f"
CEMENT, CEMENT_LINE = "#fbfbfb", "#7d8790"
BRAND, GRID = "#0b4f6c", "#d5dde4"


@dataclass(frozen=True)
class DemoFigure:
    key: str
    title: str
    keywords: str
    png: bytes
    # language -> (alt text, caption)
    texts: dict = field(default_factory=dict)
    credit: str = CREDIT


def _canvas():
    image = PillowImage.new("RGB", (WIDTH * SCALE, HEIGHT * SCALE), "white")
    return image, ImageDraw.Draw(image)


def _png(image):
    buffer = io.BytesIO()
    image.resize((WIDTH, HEIGHT), PillowImage.Resampling.LANCZOS).save(buffer, "PNG")
    return buffer.getvalue()


def _s(*values):
    """Design coordinates (on the 1600×1000 figure) to drawing coordinates."""
    return [v * SCALE for v in values]


def _polygon(draw, points, fill, outline, width=5):
    scaled = [(x * SCALE, y * SCALE) for x, y in points]
    draw.polygon(scaled, fill=fill)
    draw.line([*scaled, scaled[0]], fill=outline, width=width * SCALE, joint="curve")


def _posterior_elements(draw, top, height):
    """Pedicle, lamina and spinous process behind a vertebral body (the figure's right)."""
    middle = top + height / 2
    _polygon(
        draw,
        [(900, middle - 45), (1010, middle - 55), (1010, middle + 45), (900, middle + 40)],
        BONE,
        BONE_LINE,
    )
    _polygon(
        draw,
        [
            (1000, middle - 95),
            (1090, middle - 80),
            (1300, middle + 30),
            (1320, middle + 85),
            (1270, middle + 95),
            (1080, middle + 60),
            (1000, middle + 60),
        ],
        BONE,
        BONE_LINE,
    )


def _vertebral_body(draw, left, top, right, bottom):
    draw.rounded_rectangle(
        _s(left, top, right, bottom), radius=28 * SCALE, fill=BONE, outline=BONE_LINE,
        width=5 * SCALE,
    )  # fmt: skip
    # The cortical shell, a second line just inside the outline.
    draw.rounded_rectangle(
        _s(left + 18, top + 18, right - 18, bottom - 18), radius=18 * SCALE,
        outline="#cdb994", width=2 * SCALE,
    )  # fmt: skip


def _spine(state):
    """Three lumbar vertebrae seen from the side, front to the left; the middle one fractured
    ("fracture") or treated with bone cement ("cement")."""
    image, draw = _canvas()
    left, right = 480, 900
    body, disc = 210, 75
    tops = [95, 95 + body + disc, 95 + 2 * (body + disc)]
    for top in tops:
        _posterior_elements(draw, top, body)
    _vertebral_body(draw, left, tops[0], right, tops[0] + body)
    _vertebral_body(draw, left, tops[2], right, tops[2] + body)
    middle_top, middle_bottom = tops[1], tops[1] + body
    # The front of the middle body has sunk by `loss` (the wedge of a compression fracture).
    loss = 95 if state == "fracture" else 22
    front_top = middle_top + loss
    _polygon(
        draw,
        [(left, front_top), (right, middle_top), (right, middle_bottom), (left, middle_bottom)],
        BONE,
        BONE_LINE,
    )
    # The discs: above the middle body it fills the sunken front.
    _polygon(
        draw,
        [(left + 10, tops[0] + body + 4), (right - 10, tops[0] + body + 4),
         (right - 10, middle_top - 4), (left + 10, front_top - 4)],
        DISC, DISC_LINE, width=4,
    )  # fmt: skip
    _polygon(
        draw,
        [(left + 10, middle_bottom + 4), (right - 10, middle_bottom + 4),
         (right - 10, tops[2] - 4), (left + 10, tops[2] - 4)],
        DISC, DISC_LINE, width=4,
    )  # fmt: skip
    if state == "fracture":
        # Fracture lines through the collapsed front of the body.
        for points in (
            [(left + 20, front_top + 40), (left + 90, front_top + 25), (left + 150, front_top + 60),
             (left + 230, front_top + 35)],
            [(left + 30, front_top + 85), (left + 110, front_top + 100),
             (left + 175, front_top + 80)],
        ):  # fmt: skip
            draw.line([(x * SCALE, y * SCALE) for x, y in points], fill="#8a4b2a", width=5 * SCALE)
    else:
        # Bone cement filling the cavity the balloon made, and the cannula through the pedicle.
        cx, cy = (left + right) / 2 - 20, (middle_top + middle_bottom) / 2 + 8
        draw.ellipse(_s(cx - 150, cy - 62, cx + 150, cy + 62), fill=CEMENT, outline=CEMENT_LINE,
                     width=4 * SCALE)  # fmt: skip
        for dx, dy in ((-90, -20), (-30, 25), (40, -15), (95, 20), (0, -35), (-60, 30)):
            draw.ellipse(_s(cx + dx - 9, cy + dy - 9, cx + dx + 9, cy + dy + 9), fill="#dfe3e6")
        start, end = (1450, cy - 250), (cx + 120, cy - 5)
        draw.line([*_s(*start), *_s(*end)], fill="#4a5866", width=16 * SCALE)
        draw.line([*_s(*start), *_s(*end)], fill="#9aa5ae", width=6 * SCALE)
    return _png(image)


def _chart():
    """Four bars falling from left to right on a 0-10 scale, with its gridlines and numbers."""
    image, draw = _canvas()
    font = ImageFont.load_default(size=34 * SCALE)
    left, right, top, bottom = 210, 1450, 90, 860
    for score in range(0, 11, 2):
        y = bottom - (bottom - top) * score / 10
        draw.line([*_s(left, y), *_s(right, y)], fill=GRID, width=2 * SCALE)
        draw.text(_s(left - 30, y), str(score), fill=INK, font=font, anchor="rm")
    draw.line([*_s(left, top - 20), *_s(left, bottom)], fill=INK, width=4 * SCALE)
    draw.line([*_s(left, bottom), *_s(right, bottom)], fill=INK, width=4 * SCALE)
    scores = (7.9, 4.2, 3.1, 2.3)
    slot = (right - left) / len(scores)
    for index, score in enumerate(scores):
        x0 = left + slot * index + slot * 0.22
        x1 = left + slot * (index + 1) - slot * 0.22
        y = bottom - (bottom - top) * score / 10
        draw.rectangle(_s(x0, y, x1, bottom - 2), fill=BRAND if index == 0 else "#2f7fa3")
    return _png(image)


def _balloon_catheter():
    """A balloon catheter for kyphoplasty in outline: tip and balloon left, connector right."""
    image, draw = _canvas()
    y = 500
    # Shaft.
    draw.rounded_rectangle(_s(150, y - 10, 1260, y + 10), radius=10 * SCALE, fill="#c9d3db",
                           outline=INK, width=3 * SCALE)  # fmt: skip
    # The inflated balloon near the tip, with a marker band at each end.
    draw.rounded_rectangle(_s(200, y - 85, 560, y + 85), radius=85 * SCALE, fill="#cfe6f3",
                           outline="#3f6f8f", width=5 * SCALE)  # fmt: skip
    for x in (230, 530):
        draw.rectangle(_s(x - 7, y - 16, x + 7, y + 16), fill=INK)
    # Tip.
    draw.ellipse(_s(135, y - 12, 160, y + 12), fill="#c9d3db", outline=INK, width=3 * SCALE)
    # Hub with the inflation port (a Luer connector) and the guidewire port.
    _polygon(
        draw, [(1250, y - 30), (1330, y - 40), (1330, y + 40), (1250, y + 30)], "#e8ecef", INK, 4
    )
    draw.rectangle(_s(1330, y - 24, 1450, y + 24), fill="#e8ecef", outline=INK, width=4 * SCALE)
    _polygon(
        draw, [(1290, y - 36), (1350, y - 160), (1385, y - 145), (1325, y - 30)], "#e8ecef", INK, 4
    )
    draw.rectangle(_s(1335, y - 200, 1420, y - 150), fill="#e8ecef", outline=INK, width=4 * SCALE)
    draw.rectangle(_s(1450, y - 34, 1480, y + 34), fill="#b7c2cb", outline=INK, width=4 * SCALE)
    return _png(image)


def demo_figures():
    """The demo figures, freshly drawn, each with its texts in English and Turkish."""
    return [
        DemoFigure(
            "vertebral-compression-fracture",
            "Vertebral compression fracture (schematic)",
            "spine, vertebra, compression fracture, osteoporosis, wedge",
            _spine("fracture"),
            {
                "en": (
                    "Side view diagram of three vertebrae of the lower spine with discs between "
                    "them. The middle vertebral body has lost height at the front and is "
                    "wedge-shaped; the vertebrae above and below are of normal height.",
                    "Vertebral compression fracture: the front of the vertebral body collapses, "
                    "giving it a wedge shape, while the back keeps its height.",
                ),
                "tr": (
                    "Bel omurgasından üç omurun yandan görünümünü gösteren şema; aralarında "
                    "diskler var. Ortadaki omur cisminin ön kısmı çökmüş ve kama biçimini almış; "
                    "üstteki ve alttaki omurların yüksekliği normal.",
                    "Vertebral kompresyon kırığı: omur cisminin ön kısmı çöker ve omur kama "
                    "biçimini alır; arka kısmın yüksekliği korunur.",
                ),
            },
        ),
        DemoFigure(
            "balloon-kyphoplasty-cement",
            "After balloon kyphoplasty (schematic)",
            "spine, vertebra, kyphoplasty, bone cement, cannula, pedicle",
            _spine("cement"),
            {
                "en": (
                    "Side view diagram of the same three vertebrae after balloon kyphoplasty. "
                    "The middle vertebral body is taller than before and filled with a pale mass "
                    "of bone cement; a thin cannula enters it from behind through the pedicle.",
                    "After balloon kyphoplasty: a balloon creates a cavity in the fractured "
                    "vertebral body, which is then filled with bone cement through a cannula "
                    "placed through the pedicle.",
                ),
                "tr": (
                    "Aynı üç omurun balon kifoplasti sonrasındaki yandan görünümünü gösteren "
                    "şema. Ortadaki omur cismi öncekinden daha yüksek ve içi açık renkli kemik "
                    "çimentosuyla dolu; ince bir kanül omura arkadan, pedikülden giriyor.",
                    "Balon kifoplasti sonrası: kırık omur cisminde balonla bir boşluk "
                    "oluşturulur, ardından bu boşluk pedikülden yerleştirilen bir kanül yoluyla "
                    "kemik çimentosuyla doldurulur.",
                ),
            },
        ),
        DemoFigure(
            "pain-score-chart",
            "Pain scores over follow-up (illustrative chart)",
            "chart, pain score, numeric rating scale, follow-up",
            _chart(),
            {
                "en": (
                    "Bar chart of average pain scores on a scale from 0 to 10 at four time "
                    "points: before treatment about 8, after one week about 4, after one month "
                    "about 3 and after six months about 2.",
                    "Illustrative values, not study data: how pain on a 0–10 numeric rating "
                    "scale is often reported before treatment and at one week, one month and "
                    "six months.",
                ),
                "tr": (
                    "0–10 arası bir ölçekte dört zaman noktasındaki ortalama ağrı skorlarını "
                    "gösteren sütun grafik: tedaviden önce yaklaşık 8, bir hafta sonra yaklaşık "
                    "4, bir ay sonra yaklaşık 3 ve altı ay sonra yaklaşık 2.",
                    "Örnek değerlerdir, çalışma verisi değildir: 0–10 sayısal derecelendirme "
                    "ölçeğiyle ölçülen ağrının tedaviden önce ve birinci hafta, birinci ay ve "
                    "altıncı ayda sıklıkla nasıl raporlandığını gösterir.",
                ),
            },
        ),
        DemoFigure(
            "kyphoplasty-balloon-catheter",
            "Balloon catheter for kyphoplasty (outline)",
            "device, balloon catheter, inflatable bone tamp, kyphoplasty",
            _balloon_catheter(),
            {
                "en": (
                    "Outline drawing of a balloon catheter for kyphoplasty: a long thin shaft "
                    "with an inflated, elongated balloon near its tip, a marker band at each end "
                    "of the balloon, and connectors for the inflation syringe at the other end.",
                    "Balloon catheter (inflatable bone tamp), schematic: inflated inside the "
                    "vertebral body, the balloon creates a cavity for the bone cement.",
                ),
                "tr": (
                    "Kifoplasti için balon kateterin ana hat çizimi: uzun ince bir gövde, ucuna "
                    "yakın şişirilmiş uzun bir balon, balonun iki ucunda birer işaret bandı ve "
                    "diğer uçta şişirme şırıngası için bağlantı parçaları.",
                    "Balon kateter (şişirilebilir kemik tampı), şematik: omur cismi içinde "
                    "şişirilen balon, kemik çimentosu için bir boşluk oluşturur.",
                ),
            },
        ),
    ]


def add_demo_figures(user=None):
    """Put the demo figures into the library (once); return {key: library Image}."""
    from .models import Image, ImageFile, ImageText

    added = {}
    for figure in demo_figures():
        prepared = processing.prepare(SimpleUploadedFile(f"{figure.key}.png", figure.png))
        with transaction.atomic():
            file = ImageFile.objects.store(prepared)
            image = Image.objects.filter(file=file, title=figure.title).first()
            if image is None:
                image = Image.objects.create(
                    title=figure.title,
                    keywords=figure.keywords,
                    credit=figure.credit,
                    file=file,
                    created_by=user,
                )
                ImageText.objects.bulk_create(
                    ImageText(image=image, language=language, alt=alt, caption=caption)
                    for language, (alt, caption) in figure.texts.items()
                )
        added[figure.key] = image
    return added


def with_figure(html, image, alt):
    """`html` with `image` in a paragraph of its own before its second section (at its end
    when it has fewer than two)."""
    tag = f'<p><img src="{image.get_reference_url()}" alt="{escape(alt)}"></p>'
    first = html.find("<h2")
    second = html.find("<h2", first + 1) if first != -1 else -1
    return html[:second] + tag + html[second:] if second != -1 else html + tag


@transaction.atomic
def illustrate(articles, editor, *, reviewer=None, password=None, when=None):
    """Give each of `articles` a demo figure as its lead image and another in its body, as an
    editor would: the working copy changes and `editor` keeps a new version of it. With
    `reviewer` and their `password`, an article that was live is submitted, signed off and
    published again, so visitors see its figures; any other stays a draft to review.

    Articles take the figures in turn, so neighbours on a list differ; `when` dates the steps.
    Returns the articles, refreshed. Running it again on the same articles changes nothing.
    """
    figures = list(add_demo_figures(editor).values())
    done = []
    for index, article in enumerate(articles):
        lead, inline = figures[index % len(figures)], figures[(index + 1) % len(figures)]
        model = type(article)
        article = model.objects.get(pk=article.pk)
        was_live = article.is_published()
        for name in reviewed.image_fields(model):
            setattr(article, name, lead)
        text = inline.text(article.language)
        for name in reviewed.rich_text_fields(model)[:1]:
            html = getattr(article, name)
            if inline.get_reference_url() not in html:
                setattr(article, name, with_figure(html, inline, text.alt if text else ""))
        article.lock_version += 1
        article.save()
        version = services.save_version(article, editor, comment="Demo figures added.", when=when)
        if version is not None and was_live and reviewer is not None:
            seen = (version.number, version.fingerprint)
            services.perform(article, "submit", editor, seen=seen, when=when)
            services.perform(article, "approve", reviewer, password=password, seen=seen, when=when)
            services.perform(article, "publish", reviewer, seen=seen, when=when)
        done.append(model.objects.get(pk=article.pk))
    return done
