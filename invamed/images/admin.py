"""
The image library in the admin: upload once, find by title and keywords, reuse anywhere.

Besides the usual list and forms, two addresses for the rich-text editor (CKEditor 4):
- `browse/`: the library as CKEditor's "Browse Server" window lists it; choosing an image hands
  its stable address and alt text back to the editor's image dialog (static/images/browse.js);
- `editor-upload/`: the dialog's Upload tab and images pasted or dropped into the text land
  here, with the alt text the editor gave; the image joins the library, and the answer is
  CKEditor's JSON ({"uploaded": 1, "url": …} or {"uploaded": 0, "error": {"message": …}}).
  CKEditor shows a refusal's message only on a 200 answer, so a refused file is a 200 with
  uploaded 0; a person without the right is refused with 403.

Who may do any of this: `permissions.may_use_library`.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpResponseNotAllowed, JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join

from . import processing, reviewed
from .forms import ImageForm, ImageTextForm, ImageTextFormSet
from .models import Image, ImageFile, ImageText, default_language
from .permissions import may_use_library

# CKEditor's "Browse Server" window passes these; they are carried through search, paging and
# "Upload a new image" so that the window can still hand the chosen image back.
EDITOR_PARAMETERS = ("CKEditor", "CKEditorFuncNum", "langCode", "language")


def thumbnail(file, width=96):
    """A small <img> of `file` (its smallest fallback rendition), from prefetched renditions."""
    renditions = [r for r in file.renditions.all() if r.format in ("JPEG", "PNG")]
    if not renditions:
        return ""
    smallest = min(renditions, key=lambda r: r.width)
    shown = min(width, smallest.width)
    return format_html(
        '<img src="{}" alt="" width="{}" height="{}" class="library-thumbnail">',
        smallest.url,
        shown,
        max(1, round(smallest.height * shown / smallest.width)),
    )


class ImageTextInline(admin.TabularInline):
    model = ImageText
    form = ImageTextForm
    formset = ImageTextFormSet
    verbose_name = "alt text and caption"
    verbose_name_plural = "Alt text and caption, per language"
    max_num = len(settings.LANGUAGES)

    def get_extra(self, request, obj=None, **kwargs):
        present = set(obj.texts.values_list("language", flat=True)) if obj else set()
        return len([code for code, _name in settings.LANGUAGES if code not in present])

    def has_view_permission(self, request, obj=None):
        return may_use_library(request.user)

    has_add_permission = has_change_permission = has_delete_permission = has_view_permission


@admin.register(Image)
class ImageAdmin(admin.ModelAdmin):
    form = ImageForm
    inlines = [ImageTextInline]
    list_display = ["preview", "title", "keywords", "alt_text", "size", "updated_at"]
    list_display_links = ["preview", "title"]
    search_fields = ["title", "keywords"]
    readonly_fields = ["current_picture", "reference", "file_details"]
    fieldsets = [
        (None, {"fields": ["picture", "current_picture"]}),
        (None, {"fields": ["title", "keywords", "credit"]}),
        ("Stored file", {"fields": ["reference", "file_details"], "classes": ["collapse"]}),
    ]
    list_per_page = 40

    class Media:
        css = {"all": ["images/library-admin.css"]}
        js = ["images/library-admin.js"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("file")
            .prefetch_related("texts", "file__renditions")
        )

    def get_fieldsets(self, request, obj=None):
        if obj is None:
            return [
                (None, {"fields": ["picture"]}),
                (None, {"fields": ["title", "keywords", "credit"]}),
            ]
        return self.fieldsets

    # Who may use the library: people who edit reviewed content, site administrators.
    def has_module_permission(self, request):
        return may_use_library(request.user)

    def has_view_permission(self, request, obj=None):
        return may_use_library(request.user)

    has_add_permission = has_change_permission = has_view_permission

    def has_delete_permission(self, request, obj=None):
        return request.user.has_perm("images.delete_image")

    @admin.display(description="")
    def preview(self, image):
        return thumbnail(image.file)

    @admin.display(description="picture")
    def current_picture(self, image):
        return thumbnail(image.file, width=320)

    @admin.display(description=f"alt text ({default_language()})")
    def alt_text(self, image):
        text = image.text()
        return text.alt if text else ""

    @admin.display(description="size")
    def size(self, image):
        return f"{image.file.width}×{image.file.height}"

    @admin.display(description="address in rich text")
    def reference(self, image):
        return image.get_reference_url()

    @admin.display(description="file")
    def file_details(self, image):
        file = image.file
        renditions = format_html_join(
            ", ",
            "{} {} px ({} KB)",
            ((r.format, r.width, r.size // 1024) for r in file.renditions.all()),
        )
        return format_html(
            "{} {}×{}, {} KB, SHA-256 {}<br>Renditions: {}",
            file.format,
            file.width,
            file.height,
            file.size // 1024,
            file.sha256,
            renditions,
        )

    def get_formset_kwargs(self, request, obj, inline, prefix):
        """The new text rows come with their language chosen: one per language still missing."""
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if isinstance(inline, ImageTextInline):
            present = set(obj.texts.values_list("language", flat=True)) if obj.pk else set()
            kwargs["initial"] = [
                {"language": code} for code, _name in settings.LANGUAGES if code not in present
            ]
        return kwargs

    def save_model(self, request, obj, form, change):
        prepared = form.cleaned_data.get("picture")
        if prepared is not None:
            obj.file = ImageFile.objects.store(prepared)
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        """A change that signed versions record (the picture, the credit, an alt text or a
        caption) gives every item showing the image a new version to review."""
        super().save_related(request, form, formsets, change)
        changes = signed_changes(form, formsets) if change else []
        if not changes:
            return
        items = reviewed.image_changed(form.instance, request.user, ", ".join(changes))
        if items:
            self.message_user(
                request,
                format_html(
                    "{} item(s) show this image and now have a new version to review (visitors "
                    "see the signed one until it is approved and published): {}",
                    len(items),
                    format_html_join(", ", "“{}”", ((str(item),) for item in items)),
                ),
                messages.WARNING,
            )

    def response_add(self, request, obj, post_url_continue=None):
        if "_browse" in request.GET:  # added from the editor's "Browse Server" window
            return redirect(self._browse_url(request))
        return super().response_add(request, obj, post_url_continue)

    # The editor's addresses.

    def get_urls(self):
        return [
            path("browse/", self.admin_site.admin_view(self.browse), name="images_image_browse"),
            path(
                "editor-upload/",
                self.admin_site.admin_view(self.editor_upload),
                name="images_image_editor_upload",
            ),
            *super().get_urls(),
        ]

    def _editor_parameters(self, request):
        return {name: request.GET[name] for name in EDITOR_PARAMETERS if name in request.GET}

    def _browse_url(self, request):
        query = urlencode(self._editor_parameters(request))
        return reverse("admin:images_image_browse") + (f"?{query}" if query else "")

    def browse(self, request):
        """The library for CKEditor's "Browse Server" window: search, page, choose."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        language = request.GET.get("language")
        if language not in dict(settings.LANGUAGES):
            language = default_language()
        query = request.GET.get("q", "").strip()
        images, _may_have_duplicates = self.get_search_results(
            request, self.get_queryset(request), query
        )
        page = Paginator(images, 24).get_page(request.GET.get("page"))
        parameters = self._editor_parameters(request)
        func_num = parameters.get("CKEditorFuncNum", "")
        context = {
            **self.admin_site.each_context(request),
            "title": "Choose an image",
            "opts": self.model._meta,
            "is_popup": True,
            "query": query,
            "page": page,
            "choices": [
                (image, thumbnail(image.file, width=160), image.text(language)) for image in page
            ],
            "func_num": func_num if func_num.isdigit() else "",
            "editor_parameters": parameters,
            "add_url": reverse("admin:images_image_add")
            + "?"
            + urlencode({"_browse": "1", **parameters}),
        }
        return TemplateResponse(request, "admin/images/image/browse.html", context)

    def editor_upload(self, request):
        """Store one image from the editor in the library; answer in CKEditor's format."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not may_use_library(request.user):
            return refuse("You may not upload images.", status=403)
        # Refuse a body far over the limit before it is read at all.
        if int(request.META.get("CONTENT_LENGTH") or 0) > processing.MAX_BYTES + 64 * 1024:
            return refuse(f"The image is larger than {processing.MAX_BYTES // (1024 * 1024)} MB.")
        upload = request.FILES.get("upload")
        if upload is None:
            return refuse("No file was sent.")
        alt = " ".join(request.POST.get("alt", "").split())
        if not alt:
            return refuse(
                "Describe the image first: type its alternative text, which the image library "
                "keeps with it for readers who cannot see it."
            )
        try:
            prepared = processing.prepare(upload)
        except processing.Refused as refusal:
            return refuse(str(refusal))
        with transaction.atomic():
            image = Image.objects.create(
                title=alt[:200], file=ImageFile.objects.store(prepared), created_by=request.user
            )
            ImageText.objects.create(image=image, language=default_language(), alt=alt[:300])
            self.log_addition(request, image, [{"added": {}}])
        return JsonResponse(
            {
                "uploaded": 1,
                "fileName": f"image-{image.pk}",
                "url": image.get_reference_url(),
                "alt": alt[:300],
            }
        )


def signed_changes(form, formsets):
    """What an image's change form changed of what signed versions record, for their history:
    ["picture replaced", "alt text (tr)", ...]."""
    changes = []
    if "picture" in form.changed_data:
        changes.append("picture replaced")
    if "credit" in form.changed_data:
        changes.append("credit")
    for formset in formsets:
        for text_form in formset.forms:
            language = text_form.cleaned_data.get("language") or text_form.instance.language
            if text_form in formset.deleted_forms:
                changes.append(f"alt text and caption ({language}) removed")
                continue
            changes += [
                f"{text_form.fields[name].label.lower()} ({language})"
                for name in ("alt", "caption")
                if name in text_form.changed_data
            ]
    return changes


def refuse(message, status=200):
    return JsonResponse({"uploaded": 0, "error": {"message": message}}, status=status)
