"""The demo figures: drawn fresh, stored like any upload, with texts in English and Turkish."""

import io

import pytest
from django.conf import settings
from PIL import Image as PillowImage

from invamed.images import rendering
from invamed.images.demo import add_demo_figures, demo_figures
from invamed.images.models import Image, ImageFile

pytestmark = pytest.mark.django_db


def test_each_demo_figure_is_a_picture_with_texts_in_every_language():
    figures = demo_figures()
    assert len({figure.key for figure in figures}) == len(figures) >= 3
    for figure in figures:
        picture = PillowImage.open(io.BytesIO(figure.png))
        assert picture.format == "PNG" and picture.size == (1600, 1000)
        assert set(figure.texts) == {code for code, _name in settings.LANGUAGES}
        for alt, caption in figure.texts.values():
            assert len(alt) > 40 and caption and alt != caption


def test_the_demo_figures_join_the_library_once_and_render_as_figures():
    added = add_demo_figures()
    assert add_demo_figures() == added
    assert Image.objects.count() == len(added) == ImageFile.objects.count()
    fracture = added["vertebral-compression-fracture"]
    assert fracture.text("tr").alt.startswith("Bel omurgasından")
    assert fracture.file.renditions.count() == 12
    html = rendering.figure(fracture.reference("tr"))
    assert "Vertebral kompresyon kırığı" in html and "1600w" in html
