"""The demo figures: drawn fresh, stored like any upload, with texts in English and Turkish."""

import io

import pytest
from django.conf import settings
from PIL import Image as PillowImage

from blog.models import Article
from invamed.images import demo, rendering
from invamed.images.demo import add_demo_figures, demo_figures
from invamed.images.models import Image, ImageFile
from tests import factories

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


def test_illustrate_puts_figures_into_articles_through_the_workflow(
    client, editor, reviewer, notices
):
    """A live article comes back live with its figures signed; a draft stays a draft to review."""
    live = factories.publish(factories.make_article(editor, body="<h2>A</h2><p>a</p><h2>B</h2>"))
    draft = factories.make_article(editor)

    live, draft = demo.illustrate([live, draft], editor, reviewer=reviewer,
                                  password=factories.PASSWORD)  # fmt: skip

    assert live.status == "published" and draft.status == "draft"
    images = live.live_version.content["images"]
    assert set(images) == {"body", "lead_image"} and images["body"] != images["lead_image"]
    assert live.live_version.body.index("<img") < live.live_version.body.index("<h2>B</h2>")
    assert set(draft.head_version.content["images"]) == {"body", "lead_image"}
    page = client.get(live.get_absolute_url()).content.decode()
    assert page.count('<figure class="figure">') == 2
    assert demo.illustrate([Article.objects.get(pk=live.pk)], editor) is not None
    assert Article.objects.get(pk=live.pk).versions.count() == live.versions.count()
