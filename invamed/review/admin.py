"""
The review workflow in the Django admin, shared by the articles' and FAQ entries' admins.

`ReviewableAdmin` gives an item's page its workflow panel (status, dates, the transitions the
user may take as buttons), its history, its versions (diff, preview, restore) and the refusal of a
save that would overwrite someone else's. Every move goes through `services.perform`; this module
only shows what `workflow` allows and reports what it refuses.

The audit record (ReviewEvent, SignOff) is read-only here for everyone, superusers included.
"""

import copy
import csv
import re

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.models import LogEntry
from django.contrib.admin.utils import unquote
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import OuterRef, Subquery
from django.http import Http404, HttpResponse, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, resolve, reverse
from django.utils import formats, timezone, translation
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache

from invamed.admin_base import ReadOnlyAdmin
from invamed.cache import PublicRecordAdminMixin
from invamed.content.widgets import TagSuggestWidget
from invamed.text import lower

from . import diff, services, workflow
from .models import (
    Address,
    ReviewerProfile,
    ReviewerProfileText,
    ReviewEvent,
    SignOff,
    State,
    reviewable_models,
)

LIVE_WITH_EDIT = {
    State.DRAFT: gettext_lazy("Live · edit in draft"),
    State.CHANGES_REQUESTED: gettext_lazy("Live · edit sent back"),
    State.IN_REVIEW: gettext_lazy("Live · edit in review"),
    State.APPROVED: gettext_lazy("Live · edit approved"),
    State.SCHEDULED: gettext_lazy("Live · edit scheduled"),
}


def status_label(item):
    """The item's state in words: a live item whose newer version is in the workflow says both."""
    if item.live_version_id and item.status in LIVE_WITH_EDIT:
        return LIVE_WITH_EDIT[item.status]
    return item.get_status_display()


def status_badge(item):
    live_edit = (
        " review-badge--live" if item.live_version_id and item.status in LIVE_WITH_EDIT else ""
    )
    return format_html(
        '<span class="review-badge review-badge--{}{}">{}</span>',
        item.status,
        live_edit,
        status_label(item),
    )


def last_reviewed(item):
    """ "Last reviewed" in words: the live version's sign-off, else an approval of the latest
    version not yet live (so a sign-off shows at once, not only after publication)."""
    signoff = item.live_signoff
    if signoff is None and item.status in (State.APPROVED, State.SCHEDULED):
        head = item.head_version
        signoff = (
            SignOff.objects.filter(
                item_type=ContentType.objects.get_for_model(item),
                item_id=item.pk,
                version_number=head.number,
                kind=SignOff.Kind.APPROVAL,
            )
            .order_by("-signed_at")
            .first()
        )
        if signoff is not None:
            return _("%(date)s by %(name)s (approved, not live yet)") % {
                "date": formats.date_format(timezone.localdate(signoff.signed_at)),
                "name": signoff.signer_name,
            }
    if signoff is None:
        return _("Not reviewed yet")
    return _("%(date)s by %(name)s") % {
        "date": formats.date_format(timezone.localdate(signoff.signed_at)),
        "name": signoff.signer_name,
    }


def _when(value):
    return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")


def awaiting_review_by(user, queryset):
    """The items of `queryset` in review that `user` may sign now: not those they wrote or
    changed (four eyes). The front page's queue and the lists' filter both ask this."""
    return [
        item
        for item in queryset.awaiting_review().order_by("updated_at")
        if workflow.check(user, item, "approve") is None
    ]


class ReviewFilter(admin.SimpleListFilter):
    """What awaits my review (for reviewers) and what is overdue for re-review."""

    title = gettext_lazy("review")
    parameter_name = "review"

    def lookups(self, request, model_admin):
        mine = [("awaiting_me", _("Awaiting my review"))]
        overdue = [("overdue", _("Overdue for re-review"))]
        return (mine if request.user.has_perm(workflow.REVIEW_PERMISSION) else []) + overdue

    def queryset(self, request, queryset):
        if self.value() == "awaiting_me":
            return queryset.filter(
                pk__in=[i.pk for i in awaiting_review_by(request.user, queryset)]
            )
        if self.value() == "overdue":
            return queryset.review_overdue()
        return queryset


# A translation's state against its source, in the words of the list's column and its filter.
TRANSLATION_STATES = {
    "source_changed": gettext_lazy("Source changed since translated"),
    "up_to_date": gettext_lazy("Up to date"),
    "original": gettext_lazy("Not a translation"),
}


def translation_state(item):
    if not item.source_id:
        return "original"
    return "source_changed" if item.source_changed() else "up_to_date"


class TranslationFilter(admin.SimpleListFilter):
    """Translations whose source published a newer version since they were made, the others,
    and the items that are no translation (`ReviewableQuerySet.source_changed()` decides)."""

    title = gettext_lazy("translation")
    parameter_name = "translation"

    def lookups(self, request, model_admin):
        return list(TRANSLATION_STATES.items())

    def queryset(self, request, queryset):
        if self.value() == "source_changed":
            return queryset.source_changed()
        if self.value() == "up_to_date":
            return queryset.up_to_date()
        if self.value() == "original":
            return queryset.filter(source__isnull=True)
        return queryset


class PersonFilter(admin.RelatedOnlyFieldListFilter):
    """A filter by person that lists their names, as the rest of the admin shows them."""

    def field_choices(self, field, request, model_admin):
        choices = super().field_choices(field, request, model_admin)
        users = (
            get_user_model()
            .objects.select_related("reviewer_profile")
            .in_bulk([pk for pk, _label in choices])
        )
        named = [(pk, services.actor_name(users[pk])) for pk, _label in choices if pk in users]
        return sorted(named, key=lambda choice: choice[1])


class ReviewableTypeFilter(admin.SimpleListFilter):
    """The audit's "item type": only the kinds of item the workflow reviews."""

    title = gettext_lazy("item type")
    parameter_name = "item_type__id__exact"

    def lookups(self, request, model_admin):
        types = ContentType.objects.get_for_models(*reviewable_models())
        return sorted(
            ((str(ct.pk), model._meta.verbose_name.capitalize()) for model, ct in types.items()),
            key=lambda choice: choice[1],
        )

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(item_type_id=self.value())
        return queryset


REVIEWER_FILTER = ("live_signoff__reviewer", PersonFilter)


class ReviewedCategoryAdmin(PublicRecordAdminMixin, admin.ModelAdmin):
    """Admin of an INVAblog or FAQ category (models.ReviewedCategory), one row per language."""

    list_display = ["name", "language", "order", "review_interval_months"]
    list_filter = ["language"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


class LockedForm(forms.ModelForm):
    """A change form that will not overwrite a save someone made while it was open.

    `lock_token` carries the item's `lock_version` as it was when the form was opened. If the
    item was saved since, the save is refused with the user's typed data kept, and the token is
    refreshed, so saving again (deliberately) replaces the other save.
    """

    lock_token = forms.IntegerField(widget=forms.HiddenInput, required=False)
    # The number of the version the form was opened on: a conflict links to what changed since.
    base_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    # Set by ReviewableAdmin.get_form: the address of version `number`'s diff against `against`.
    diff_url = None
    # True once the save was refused because someone else saved meanwhile.
    conflict = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.fields["lock_token"].initial = self.instance.lock_version
            head = self.instance.head_version
            self.fields["base_version"].initial = head.number if head else None
            self.fields["base_version"].widget.attrs.update(self.autosave_attrs(head))
        if "tags" in self.fields:
            self.suggest_tags()

    def autosave_attrs(self, head):
        """What autosave.js needs to keep the text typed in this browser: whose text it is, the
        number of the version saved now (a draft typed on an older one is not restored over
        it) and its messages in the user's language."""
        opts = self._meta.model._meta
        return {
            "data-autosave": f"{opts.app_label}.{opts.model_name}.{self.instance.pk}",
            "data-autosave-head": head.number if head else 0,
            "data-autosave-restore-prompt": _("Restore the text you typed at %(time)s?"),
            "data-autosave-newer": _(
                "You typed text here at %(time)s that was not saved, but version %(number)s "
                "was saved since: your text cannot be restored over it."
            ),
            "data-autosave-restore": _("Restore"),
            "data-autosave-discard": _("Discard"),
        }

    def suggest_tags(self):
        """Offer the existing tags of the item's language in the tag box (on a new item, of
        the language it starts in)."""
        language = (
            self.instance.language
            if self.instance.pk is not None
            else self.initial.get("language") or settings.LANGUAGE_CODE
        )
        tag_model = self._meta.model._meta.get_field("tags").through.tag_model()
        names = tag_model.objects.filter(language=language).values_list("name", flat=True)
        field = self.fields["tags"]
        field.widget = TagSuggestWidget(names, attrs=field.widget.attrs)

    def clean_tags(self):
        """taggit's field does not check Tag.name's length: refuse what the database cannot hold."""
        tags = self.cleaned_data["tags"]
        tag_model = self._meta.model._meta.get_field("tags").through.tag_model()
        limit = tag_model._meta.get_field("name").max_length
        too_long = [name for name in tags if len(name) > limit]
        if too_long:
            raise forms.ValidationError(
                f"A tag can be at most {limit} characters long: “{too_long[0][:40]}…” is longer."
            )
        return tags

    def item_language(self):
        return self.cleaned_data.get("language") or self.instance.language

    def clean_slug(self):
        """An address is the item's for ever once a version used it: another item cannot take it."""
        slug = self.cleaned_data["slug"]
        if Address.taken(self._meta.model, self.item_language(), slug, self.instance.pk):
            raise forms.ValidationError(
                "Another item has or had this address in this language: choose another."
            )
        return slug

    def check_languages(self):
        """Records that exist per language (category, notice) must be in the item's language."""
        language = self.item_language()
        for name in self._meta.model.snapshot_fields:
            value = self.cleaned_data.get(name)
            if getattr(value, "language", language) != language:
                self.add_error(
                    name, f"Choose one in this item's language ({language}): “{value}” is not."
                )

    def clean(self):
        cleaned_data = super().clean()
        self.check_languages()
        if self.instance.pk is None:
            return cleaned_data
        # The admin runs the whole save in one transaction: the row stays locked until it ends.
        current = (
            type(self.instance)
            .objects.select_for_update()
            .filter(pk=self.instance.pk)
            .values("lock_version", "updated_at")
            .get()
        )
        if cleaned_data.get("lock_token") == current["lock_version"]:
            self.instance.lock_version = current["lock_version"]
            return cleaned_data
        self.conflict = True
        self.add_error(None, self._conflict_message(current["updated_at"]))
        self.data = self.data.copy()
        self.data[self.add_prefix("lock_token")] = current["lock_version"]
        return cleaned_data

    def _conflict_message(self, updated_at):
        entry = (
            LogEntry.objects.filter(
                content_type=ContentType.objects.get_for_model(self.instance),
                object_id=str(self.instance.pk),
            )
            .select_related("user")
            .order_by("-action_time")
            .first()
        )
        who = services.actor_name(entry.user) if entry else _("Someone else")
        message = _(
            "%(who)s saved this item at %(when)s while you were editing; nothing of yours was "
            "saved, and your text is below."
        ) % {"who": who, "when": _when(updated_at)}
        head = type(self.instance).objects.get(pk=self.instance.pk).head_version
        if head is None or self.diff_url is None:
            return message + " " + _("Save again to replace their text with yours.")
        base = self.cleaned_data.get("base_version")
        against = base if base and base != head.number else None
        return format_html(
            '{} <a href="{}">{}</a> {}',
            message,
            self.diff_url(head.number, against),
            _("Compare what they saved with the version you opened, side by side"),
            _(
                "(it opens the saved versions; yours is not saved yet), then save again to "
                "replace their text with yours."
            ),
        )


class ReviewableAdmin(admin.ModelAdmin):
    """Base admin of a reviewed item (an Article, an FAQ entry).

    Subclasses declare `fieldsets` (Content, Classification, Publication; the read-only Review
    fieldset is added here). Previews use the public page's own view, found by resolving the
    item's address, so the review app needs to know no public view.
    """

    form = LockedForm
    change_form_template = "admin/review/change_form.html"

    class Media:
        # Keeps the text typed in the browser until it is saved (LockedForm.autosave_attrs).
        js = ["js/autosave.js"]

    list_per_page = 50
    actions = ["submit_selected"]
    review_fields = [
        "status_badge",
        "live_version_label",
        "last_reviewed",
        "next_review_due",
        "first_published_at",
        "published_at",
        "created_by_name",
    ]

    # The list.

    @admin.display(description="status", ordering="status")
    def status_badge(self, obj):
        return status_badge(obj)

    @admin.display(description="live version")
    def live_version_label(self, obj):
        if obj.live_version_id is None:
            return "Not live"
        label = f"Version {obj.live_version.number}"
        return label + (" (newer changes not yet live)" if obj.has_unpublished_changes else "")

    @admin.display(description=gettext_lazy("last reviewed"))
    def last_reviewed(self, obj):
        return last_reviewed(obj)

    @admin.display(description=gettext_lazy("created by"))
    def created_by_name(self, obj):
        return services.actor_name(obj.created_by) if obj.created_by_id else "—"

    @admin.action(description=gettext_lazy("Submit selected for review"), permissions=["change"])
    def submit_selected(self, request, queryset):
        """Submit each selected item's latest version; the workflow decides item by item, and
        each refusal is reported with its reason."""
        submitted = 0
        for item in queryset:
            head = item.head_version
            try:
                services.perform(
                    item, "submit", request.user, request=request,
                    seen=(head.number, head.fingerprint) if head else (0, ""),
                )  # fmt: skip
            except services.TransitionRefused as refused:
                self.message_user(request, f"{item}: {refused}", messages.WARNING)
            else:
                submitted += 1
        if submitted:
            self.message_user(request, _("%(count)s submitted for review.") % {"count": submitted})

    # The item's page.

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        if obj is not None:
            description = (
                "'Last reviewed' is the date of the recorded sign-off of the live version (or of "
                "a later re-review confirming it), never a save time. 'Next review due' follows "
                "from it. 'First published' and 'published' say when the item and its live "
                "version went live; a later publication shows as 'Updated' to visitors."
            )
            fieldsets.append(("Review", {"fields": self.review_fields, "description": description}))
        return fieldsets

    def get_queryset(self, request):
        # The translation column, the filter and the panel read each item's translation
        # numbers from the list's own query rather than one query per row.
        return super().get_queryset(request).with_translation_numbers()

    def get_readonly_fields(self, request, obj=None):
        # An item's language is set when it is created: a translation is an item of its own.
        fixed = ["language"] if obj is not None else []
        return [*super().get_readonly_fields(request, obj), *fixed, *self.review_fields]

    @admin.display(description=gettext_lazy("translation"))
    def translation_status(self, obj):
        """Whether the item is a translation, and if so whether its source changed since."""
        state = translation_state(obj)
        if state == "source_changed":
            return format_html(
                '<strong class="review-warning">{}</strong>', TRANSLATION_STATES[state]
            )
        return TRANSLATION_STATES[state]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        if obj is not None:

            def diff_url(number, against=None):
                url = self._url("diff", obj.pk, number)
                return url + (f"?against={against}" if against else "")

            form.diff_url = staticmethod(diff_url)
        return form

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        """The action bar's save buttons: "Save draft", and "Save and submit for review" when
        the workflow would let this person submit the version the save makes."""
        form = context["adminform"].form
        can_save = (
            self.has_add_permission(request) if add else self.has_change_permission(request, obj)
        )
        save_and_submit = can_save and workflow.may_save_and_submit(request.user, self.model, obj)
        context["review_bar"] = {
            "can_save": can_save,
            "save_and_submit": save_and_submit,
            "reviewers": self.reviewer_choices(request) if save_and_submit else [],
            "conflict": form.conflict,
            "delete_url": self._url("delete", obj.pk)
            if change and obj is not None and self.has_delete_permission(request, obj)
            else "",
        }
        return super().render_change_form(request, context, add, change, form_url, obj)

    def reviewer_choices(self, request):
        """The reviewers a submission may ask by name (not oneself: four eyes), by name."""
        people = services.reviewers().exclude(pk=request.user.pk).select_related("reviewer_profile")
        return sorted(((p.pk, services.actor_name(p)) for p in people), key=lambda c: c[1])

    def asked_reviewer(self, request):
        """The reviewer chosen in the action bar, None for any reviewer (or a stale choice,
        which `services.perform` refuses with a message rather than silently widening)."""
        chosen = request.POST.get("_reviewer", "")
        if not (chosen.isascii() and chosen.isdigit()):
            return None
        return get_user_model().objects.filter(pk=int(chosen)).first()

    def response_add(self, request, obj, post_url_continue=None):
        if "_submit" in request.POST:
            return self.submit_saved(request, obj)
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        if "_submit" in request.POST:
            return self.submit_saved(request, obj)
        return super().response_change(request, obj)

    def submit_saved(self, request, obj):
        """ "Save and submit for review": the save is done; submit the version it left as the
        item's latest, exactly that one (the workflow decides, as for the button)."""
        item = type(obj).objects.get(pk=obj.pk)
        head = item.head_version
        label = workflow.TRANSITIONS["submit"].label
        try:
            services.perform(
                item, "submit", request.user, request=request,
                seen=(head.number, head.fingerprint) if head else (0, ""),
                reviewer=self.asked_reviewer(request),
            )  # fmt: skip
        except services.TransitionRefused as refused:
            self.message_user(
                request,
                _("Saved as version %(number)s, but not submitted: %(reason)s")
                % {"number": head.number if head else "—", "reason": refused},
                messages.WARNING,
            )
        else:
            self.message_user(
                request,
                _("%(action)s: version %(number)s was saved and submitted. Reviewers are told.")
                % {"action": label, "number": head.number},
                messages.SUCCESS,
            )
        return HttpResponseRedirect(self._url("change", obj.pk))

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        obj.lock_version += 1
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        services.save_version(form.instance, request.user)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        item = self.get_object(request, unquote(object_id))
        if item is not None and self.has_view_permission(request, item):
            extra_context = {**(extra_context or {}), "review": self.review_context(request, item)}
        return super().change_view(request, object_id, form_url, extra_context)

    def review_context(self, request, item):
        user, history = request.user, services.history(item)
        actions = []
        for t in workflow.available(user, item):
            if t.name == "submit":  # the action bar's "Save and submit for review" does it
                continue
            version = workflow.version_to_sign(item, t)
            kind = SignOff.Kind.RECONFIRMATION if t.name == "reconfirm" else SignOff.Kind.APPROVAL
            actions.append(
                {
                    "transition": t,
                    "url": self._url("transition", item.pk, t.name),
                    "meaning": workflow.meaning(item, kind),
                    "version": version if t.binds_version else None,
                }
            )
        # Why a reviewer cannot sign now (four eyes), rather than a silently missing button.
        blocked = []
        if user.has_perm(workflow.REVIEW_PERMISSION):
            for t in workflow.TRANSITIONS.values():
                reason = workflow.check(user, item, t.name) if item.status in t.sources else None
                if t.signature and reason:
                    blocked.append((t.label, reason))
        feedback = None
        if item.status == State.CHANGES_REQUESTED:
            feedback = history.filter(action="request_changes").first()
        return {
            "badge": status_badge(item),
            "last_reviewed": last_reviewed(item),
            "actions": actions,
            "blocked": blocked,
            "feedback": feedback,
            "history": history,
            "versions": self.version_rows(request, item),
            "overdue": bool(item.next_review_due and item.next_review_due < timezone.localdate()),
            "translations": self.translation_rows(request, item),
            "source_changed": item.source_changed(),
            "source_diff_url": self.source_diff_url(item),
            "time_zone": timezone.get_current_timezone_name(),
        }

    def source_diff_url(self, item):
        """What changed in the source since this translation was made: the source's live
        version against the version it was made from ("" when the source did not change)."""
        made_from, live = item.translation_numbers()
        if not item.source_changed() or not made_from:
            return ""
        return self._url("diff", item.source_id, live) + f"?against={made_from}"

    def translation_rows(self, request, item):
        """The item in each site language: a link to it, or a way to start its translation."""
        existing = {other.language: other for other in item.translation_group()}
        can_translate = self.has_add_permission(request) and (
            services.version_to_translate(item.translation_root) is not None
        )
        rows = []
        for code, name in settings.LANGUAGES:
            other = existing.get(code)
            rows.append(
                {
                    "code": code,
                    "name": name,
                    "item": other,
                    "is_this": other is not None and other.pk == item.pk,
                    "url": self._url("change", other.pk) if other is not None else "",
                    "translate_url": self._url("translate", item.pk, code)
                    if other is None and can_translate
                    else "",
                }
            )
        return rows

    def version_rows(self, request, item):
        """Each version with its links: its changes against the live version (the previous one
        for the live version and while none is live), and a form to compare it with any other."""
        versions = list(item.versions.select_related("created_by__reviewer_profile"))
        live = next((v for v in versions if v.pk == item.live_version_id), None)
        can_change = self.has_change_permission(request, item)
        rows = []
        for index, version in enumerate(versions):
            is_live = version.pk == item.live_version_id
            if live is not None and not is_live:
                against = "Changes since" if version.number > live.number else "Compared with"
                against += " the live version"
            elif index + 1 < len(versions):
                against = "Changes since the previous version"
            else:
                against = ""
            number = version.number
            rows.append(
                {
                    "version": version,
                    "is_live": is_live,
                    "is_head": index == 0,
                    "author": services.actor_name(version.created_by) if version.created_by else "",
                    "against": against,
                    "diff_url": self._url("diff", item.pk, number),
                    "preview_url": self._url("preview", item.pk, number),
                    "restore_url": self._url("restore", item.pk, number)
                    if can_change and index > 0
                    else "",
                }
            )
        return rows

    # Views of their own: transition, diff, preview, restore.

    def get_urls(self):
        info = f"{self.opts.app_label}_{self.opts.model_name}"

        def route(pattern, view, name):
            return path(pattern, self.admin_site.admin_view(view), name=f"{info}_{name}")

        return [
            route("<path:object_id>/transition/<str:name>/", self.transition_view, "transition"),
            route("<path:object_id>/versions/<int:number>/diff/", self.diff_view, "diff"),
            route(
                "<path:object_id>/versions/<int:number>/preview/",
                never_cache(self.preview_view),
                "preview",
            ),
            route("<path:object_id>/versions/<int:number>/restore/", self.restore_view, "restore"),
            route("<path:object_id>/translate/<str:language>/", self.translate_view, "translate"),
            *super().get_urls(),
        ]

    def _url(self, name, *args):
        info = f"{self.opts.app_label}_{self.opts.model_name}"
        return reverse(f"{self.admin_site.name}:{info}_{name}", args=args)

    def _item(self, request, object_id, *, change=False):
        item = self.get_object(request, unquote(object_id))
        if item is None:
            raise Http404("No such item.")
        allowed = self.has_change_permission if change else self.has_view_permission
        if not allowed(request, item):
            raise PermissionDenied
        return item

    def _page_context(self, request, item, title):
        return {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": item,
            "title": title,
            "change_url": self._url("change", item.pk),
        }

    def transition_view(self, request, object_id, name):
        """POST only: take transition `name`; a refusal is reported, never a server error."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        item = self._item(request, object_id)
        transition = workflow.TRANSITIONS.get(name)
        if transition is None or not transition.button:
            raise Http404("No such action.")
        try:
            item = services.perform(
                item,
                name,
                request.user,
                comment=request.POST.get("comment", ""),
                password=request.POST.get("password") or None,
                request=request,
                seen=self.seen_version(request, transition),
                publish_at=self.publish_at(request) if name == "schedule" else None,
            )
        except services.VersionMoved as moved:
            diff = ""
            if moved.current is not None:
                seen_number = request.POST.get("version", "")
                diff = self._url("diff", item.pk, moved.current.number)
                if seen_number.isascii() and seen_number.isdigit():
                    diff += f"?against={seen_number}"
            self.message_user(
                request,
                format_html(
                    '{}: {} <a href="{}">See what changed</a>.', transition.label, moved, diff
                ),
                messages.ERROR,
            )
        except services.TransitionRefused as refused:
            self.message_user(request, f"{transition.label}: {refused}", messages.ERROR)
        else:
            status = lower(item.get_status_display(), translation.get_language())
            self.message_user(request, f"{transition.label}: done. It is now {status}.")
        return HttpResponseRedirect(self._url("change", item.pk))

    def seen_version(self, request, transition):
        """(number, fingerprint) of the version the form was opened on; a form that should carry
        one and does not is refused as one opened on another version."""
        if not transition.binds_version:
            return None
        number = request.POST.get("version", "")
        digest = request.POST.get("fingerprint", "")
        if not (number.isascii() and number.isdigit()):
            return (0, digest)
        return (int(number), digest)

    def publish_at(self, request):
        """The schedule's date and time, in the site's time zone; None when missing or invalid."""
        field = forms.DateTimeField(required=False, input_formats=["%Y-%m-%dT%H:%M"])
        try:
            value = field.clean(request.POST.get("publish_at", ""))
        except forms.ValidationError:
            return None
        if value is not None and timezone.is_naive(value):
            value = timezone.make_aware(value)
        return value

    def translate_view(self, request, object_id, language):
        """POST only: start the translation of the item into `language`, then open it."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        item = self._item(request, object_id)
        if language not in dict(settings.LANGUAGES) or not self.has_add_permission(request):
            raise Http404("No such language.")
        try:
            new = services.translate(item, language, request.user)
        except services.TransitionRefused as refused:
            self.message_user(request, f"Translate: {refused}", messages.ERROR)
            return HttpResponseRedirect(self._url("change", item.pk))
        self.message_user(
            request,
            f"A {dict(settings.LANGUAGES)[language]} draft was made from version "
            f"{new.translated_from} of the source: translate it, then submit it for review.",
        )
        return HttpResponseRedirect(self._url("change", new.pk))

    def diff_view(self, request, object_id, number):
        """What a visitor would see differently in version `number`: against version
        `?against=N` when given, else the live version (or, for the live version and while
        none is live, the previous one). A bad `against` is a 404, never a guess."""
        item = self._item(request, object_id)
        version = get_object_or_404(item.versions, number=number)
        against = request.GET.get("against")
        if against is not None:
            # ASCII digits only: "²" and "١" are digits to Python, but no version number.
            if not re.fullmatch(r"[1-9][0-9]{0,8}", against, re.ASCII):
                raise Http404("No such version to compare with.")
            base = get_object_or_404(item.versions, number=int(against))
        elif item.live_version_id and item.live_version_id != version.pk:
            base = item.live_version
        else:
            base = item.versions.filter(number__lt=number).first()
        rows = diff.compare(
            self.model,
            base.content if base else None,
            version.content,
            source=item.source if item.source_id else None,
        )
        context = self._page_context(request, item, f"Changes in version {number}")
        context.update(
            version=version,
            base=base,
            live_number=item.live_version.number if item.live_version_id else None,
            rows=rows,
            changed_rows=[row for row in rows if row.changed],
            numbers=list(item.versions.values_list("number", flat=True)),
            diff_url=self._url("diff", item.pk, number),
        )
        return TemplateResponse(request, "admin/review/diff.html", context)

    def preview_view(self, request, object_id, number):
        """Version `number` rendered by the public page's own view and template, marked preview.

        The public view gets a copy of the item whose live version is the previewed one, so the
        page is built exactly as it would be once that version is live. It shows a sign-off
        only when the previewed version is the live one. Never cached; the template adds
        `noindex` and the "Preview — not published" banner. It is in the item's language, as
        its page would be (a reviewer reads a Turkish translation on the Turkish page).
        """
        item = self._item(request, object_id)
        version = get_object_or_404(item.versions, number=number)
        shown = copy.copy(item)
        shown.live_version = version
        if version.pk != item.live_version_id:
            shown.live_signoff = None
        with translation.override(item.language):
            match = resolve(item.get_absolute_url())
            view = match.func.view_class(**match.func.view_initkwargs)
            view.setup(request, *match.args, **match.kwargs)
            view.object = shown
            context = view.get_context_data()
            context.update(preview=True, preview_state=self.preview_state(item, version))
            return TemplateResponse(request, view.get_template_names(), context).render()

    def preview_state(self, item, version):
        if version.pk == item.live_version_id:
            return _("the live version")
        if version.number == item.head_version.number:
            return lower(item.get_status_display(), translation.get_language())
        return _("an earlier version")

    def restore_view(self, request, object_id, number):
        """Ask, then (POST) bring back version `number`'s content as a new draft version."""
        item = self._item(request, object_id, change=True)
        version = get_object_or_404(item.versions, number=number)
        if request.method != "POST":
            context = self._page_context(request, item, f"Restore version {number}?")
            context["version"] = version
            return TemplateResponse(request, "admin/review/restore_confirm.html", context)
        new = services.restore_version(item, number, request.user)
        if new is None:
            self.message_user(
                request, f"Version {number} is the same as the current text: nothing changed.",
                messages.WARNING,
            )  # fmt: skip
        else:
            self.log_change(request, item, f"Restored version {number} as version {new.number}.")
            self.message_user(
                request, f"Version {number} was restored as version {new.number}, a new draft."
            )
        return HttpResponseRedirect(self._url("change", item.pk))


def _reviewable_admins(site):
    return [
        site.get_model_admin(model)
        for model in reviewable_models()
        if site.is_registered(model) and isinstance(site.get_model_admin(model), ReviewableAdmin)
    ]


def review_queues(request, site=admin.site):
    """The admin front page's lists: what awaits the user's review, the user's drafts, the
    translations behind their source, and for reviewers the live items due for re-review soon
    and those overdue.

    "Awaiting my review": items in review that the user may sign now (so not those they wrote or
    changed: four eyes). "My drafts": draft or sent-back items whose latest version is theirs.
    "Due for re-review": next review due within REVIEW_REMINDER_DAYS; "Overdue": past it.
    "Translations behind their source": translations whose source published a newer version
    since they were made, each with what changed in the source.
    """
    user, awaiting, drafts, due, overdue, behind = request.user, [], [], [], [], []
    days = settings.INVAMED["REVIEW_REMINDER_DAYS"]
    for model_admin in _reviewable_admins(site):
        if not model_admin.has_view_permission(request):
            continue
        model = model_admin.model
        if user.has_perm(workflow.REVIEW_PERMISSION):
            awaiting += [(model_admin, item) for item in awaiting_review_by(user, model.objects)]
            # What was asked of this reviewer by name comes first (a stable sort keeps the
            # oldest first within each part).
            awaiting.sort(key=lambda pair: pair[1].review_requested_from_id != user.pk)
            by_date = ("live_signoff__next_review_due", "pk")
            live = model.objects.select_related("live_signoff")
            due += [(model_admin, i) for i in live.review_due_soon(days).order_by(*by_date)]
            overdue += [(model_admin, i) for i in live.review_overdue().order_by(*by_date)]
        # Whoever edits may update a translation whose source changed, as for any draft.
        behind += [
            (model_admin, item)
            for item in model.objects.source_changed().order_by("source_id", "language")
        ]
        versions = model._meta.get_field("versions")
        head_author = versions.related_model.objects.filter(
            **{versions.field.name: OuterRef("pk")}
        ).order_by("-number")
        drafts += [
            (model_admin, item)
            for item in model.objects.filter(status__in=[State.DRAFT, State.CHANGES_REQUESTED])
            .annotate(head_author=Subquery(head_author.values("created_by")[:1]))
            .filter(head_author=user.pk)
            .order_by("-updated_at")
        ]

    def rows(pairs):
        return [
            {
                "item": item,
                "kind": model_admin.opts.verbose_name,
                "badge": status_badge(item),
                "url": model_admin._url("change", item.pk),
                "asked_me": item.review_requested_from_id == user.pk,
            }
            for model_admin, item in pairs
        ]

    behind_rows = []
    for row, (model_admin, item) in zip(rows(behind), behind, strict=True):
        row.update(
            made_from=item.made_from_number,
            source_live=item.source_live_number,
            source_diff_url=model_admin.source_diff_url(item),
        )
        behind_rows.append(row)
    can_review = user.has_perm(workflow.REVIEW_PERMISSION)
    return {
        "behind": behind_rows,
        "can_review": can_review,
        "awaiting": rows(awaiting),
        "drafts": rows(drafts),
        "due": rows(due),
        "overdue": rows(overdue),
        "grace_days": settings.INVAMED["REVIEW_GRACE_DAYS"],
    }


# The audit record: read-only for everyone, exportable as CSV.


def csv_response(model, queryset, filename):
    """Every column of the audit record, hashes included, oldest first (the chain's order).
    An action code (stable, for machines) is followed by the workflow's words for it."""
    columns = [field.attname for field in model._meta.concrete_fields]
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = csv.writer(response)
    labelled = "action" in columns
    at = columns.index("action") + 1 if labelled else None
    writer.writerow([*columns[:at], "action_label", *columns[at:]] if labelled else columns)
    for row in queryset.order_by("pk").values_list(*columns):
        if labelled:
            row = [*row[:at], workflow.action_label(row[at - 1]), *row[at:]]
        writer.writerow(row)
    return response


class AuditAdmin(ReadOnlyAdmin):
    """The record is append-only and written by services only."""

    actions = ["export_csv"]
    change_list_template = "admin/review/audit_change_list.html"

    @admin.action(description="Export selected as CSV", permissions=["view"])
    def export_csv(self, request, queryset):
        return csv_response(self.model, queryset, f"{self.opts.model_name}.csv")

    def export_view(self, request):
        """The whole record (with the list's current filters) as CSV."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        queryset = self.get_changelist_instance(request).get_queryset(request)
        return csv_response(self.model, queryset, f"{self.opts.model_name}.csv")

    def get_urls(self):
        name = f"{self.opts.app_label}_{self.opts.model_name}_export"
        export = path("export/", self.admin_site.admin_view(self.export_view), name=name)
        return [export, *super().get_urls()]


class ActionFilter(admin.SimpleListFilter):
    """The audit's actions in the workflow's words; the code stays the query's value."""

    title = gettext_lazy("action")
    parameter_name = "action"

    def lookups(self, request, model_admin):
        codes = ReviewEvent.objects.order_by().values_list("action", flat=True).distinct()
        return sorted(((code, workflow.action_label(code)) for code in codes), key=lambda c: c[1])

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(action=self.value())
        return queryset


@admin.register(ReviewEvent)
class ReviewEventAdmin(AuditAdmin):
    list_display = [
        "created_at", "actor_name", "action_label", "item_repr", "from_state", "to_state",
        "version_number",
    ]  # fmt: skip
    list_filter = [ActionFilter, "to_state", ReviewableTypeFilter, ("actor", PersonFilter)]
    search_fields = ["item_repr", "actor_name", "comment"]
    date_hierarchy = "created_at"

    @admin.display(description=gettext_lazy("action"), ordering="action")
    def action_label(self, obj):
        return workflow.action_label(obj.action)


@admin.register(SignOff)
class SignOffAdmin(AuditAdmin):
    list_display = [
        "signed_at", "signer_name", "signer_credentials", "kind", "item_type", "item_id",
        "version_number", "next_review_due",
    ]  # fmt: skip
    list_filter = ["kind", ReviewableTypeFilter, ("reviewer", PersonFilter)]
    search_fields = ["signer_name", "comment"]
    date_hierarchy = "signed_at"


class ReviewerProfileTextInline(admin.StackedInline):
    """What the profile says in each language; the declaration of interests is required."""

    model = ReviewerProfileText
    extra = 0
    min_num = 1
    fields = ["language", "role", "affiliation", "bio", "declaration"]


@admin.register(ReviewerProfile)
class ReviewerProfileAdmin(PublicRecordAdminMixin, admin.ModelAdmin):
    """Reviewers edit their own profile; site administrators (and superusers) edit all."""

    list_display = ["name", "credentials", "is_public"]
    search_fields = ["name", "credentials"]
    inlines = [ReviewerProfileTextInline]

    def manages_all(self, request):
        # Site administrators may add profiles; reviewers may only change (their own).
        return request.user.has_perm("review.add_reviewerprofile")

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        return queryset if self.manages_all(request) else queryset.filter(user=request.user)

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        return obj is None or self.manages_all(request) or obj.user_id == request.user.pk

    def get_readonly_fields(self, request, obj=None):
        # The address is the site administrators' to change (the old one redirects).
        return [] if self.manages_all(request) else ["slug", "user"]
