"""
Nothing of an uploaded file but its pixels reaches the storage: a clinical picture never carries
a patient's name, a device serial number or the place it was taken.
"""

import io

from django.core.files.storage import default_storage
from PIL import Image as PillowImage
from PIL import ImageCms
from PIL.PngImagePlugin import PngInfo

from invamed.images import processing
from invamed.images.models import ImageFile

from .pictures import upload

SECRET = "Jane Doe"
XMP = (
    '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-'
    'syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/" dc:creator="'
    f'{SECRET}"/></rdf:RDF></x:xmpmeta>'
).encode()
GPS_IFD, EXIF_IFD = 0x8825, 0x8769


def camera_jpeg(size=(1200, 800), orientation=None):
    """A JPEG as a phone writes one: camera, serial number, owner, GPS position, XMP, comment."""
    exif = PillowImage.Exif()
    exif[0x010F] = "Phone maker"  # Make
    exif[0x0110] = "Phone 12"  # Model
    exif[0x013B] = SECRET  # Artist
    if orientation:
        exif[0x0112] = orientation
    exif.get_ifd(EXIF_IFD)[0xA431] = "SN-0042-1337"  # BodySerialNumber
    gps = exif.get_ifd(GPS_IFD)
    gps.update({1: "N", 2: (41.0, 0.0, 52.0), 3: "E", 4: (28.0, 58.0, 30.0)})
    buffer = io.BytesIO()
    PillowImage.new("RGB", size, (180, 120, 90)).save(
        buffer, "JPEG", exif=exif, xmp=XMP, comment=f"Patient: {SECRET}".encode()
    )
    return buffer.getvalue()


def stored(file):
    """Every stored file of an ImageFile: (bytes, opened picture)."""
    for name in file.stored_names():
        with default_storage.open(name) as handle:
            data = handle.read()
        yield name, data, PillowImage.open(io.BytesIO(data))


def test_a_jpeg_with_gps_and_camera_data_is_stored_without_any_of_it(db):
    original = camera_jpeg()
    uploaded = PillowImage.open(io.BytesIO(original))
    assert uploaded.getexif().get_ifd(GPS_IFD), "the test picture carries a GPS position"
    assert SECRET.encode() in original and b"SN-0042-1337" in original

    file = ImageFile.objects.store(processing.prepare(upload(original, "IMG_0001.jpg")))

    names = list(stored(file))
    assert len(names) == 1 + len(file.renditions.all())
    for name, data, picture in names:
        assert not picture.getexif(), name
        assert not picture.getexif().get_ifd(GPS_IFD), name
        for block in ("exif", "xmp", "comment", "icc_profile", "XML:com.adobe.xmp"):
            assert block not in picture.info, (name, block)
        assert SECRET.encode() not in data and b"SN-0042" not in data, name
        assert b"Exif" not in data and b"adobe:ns:meta" not in data, name


def test_a_png_with_text_chunks_and_xmp_is_stored_without_them(db):
    info = PngInfo()
    info.add_text("Comment", f"Patient: {SECRET}")
    info.add_itxt("XML:com.adobe.xmp", XMP.decode())
    info.add_text("Software", "Scanner 3000")
    buffer = io.BytesIO()
    PillowImage.new("RGB", (600, 400), (20, 80, 20)).save(buffer, "PNG", pnginfo=info)
    assert SECRET.encode() in buffer.getvalue()

    file = ImageFile.objects.store(processing.prepare(upload(buffer.getvalue(), "scan.png")))

    for name, data, picture in stored(file):
        assert not getattr(picture, "text", {}), name
        assert SECRET.encode() not in data and b"Scanner" not in data, name


def test_a_photo_stays_upright_when_its_orientation_is_applied_before_stripping(db):
    """A phone stores a portrait photo on its side with "rotate 90°" in EXIF: the stored
    picture is turned upright, since the orientation tag goes with the rest."""
    sideways = camera_jpeg(size=(1200, 800), orientation=6)
    file = ImageFile.objects.store(processing.prepare(upload(sideways, "portrait.jpg")))
    assert (file.width, file.height) == (800, 1200)
    for name, _data, picture in stored(file):
        assert picture.height > picture.width, name
        assert 0x0112 not in picture.getexif(), name


def test_a_colour_profile_is_applied_then_dropped(db):
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    buffer = io.BytesIO()
    PillowImage.new("RGB", (500, 300), (10, 120, 200)).save(buffer, "JPEG", icc_profile=profile)
    file = ImageFile.objects.store(processing.prepare(upload(buffer.getvalue(), "x.jpg")))
    for name, _data, picture in stored(file):
        assert "icc_profile" not in picture.info, name
