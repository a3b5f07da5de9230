"""The coordinators' list of registrants: filters, search, WhatsApp links, status actions, exports.

Only superusers and the "Koordinator Pelatihan" group (events migration 0003,
view and change permissions on Registration) see it; for anyone else the
menu item is absent and every URL, exports included, answers 403.
"""

import django_filters
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, OuterRef, Subquery
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils import timezone, translation
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.models import Locale
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from home.exports import SafeExportIndexView
from home.registry import (
    ATTENTION_LISTS,
    DEMO_CONTENT,
    HOME_SECTIONS,
    SEARCH_RESULT_TYPES,
    SECTION_PAGES,
    DemoContent,
    HomeSection,
    SearchResultType,
)

from . import new_batch, whatsapp_cloud
from .models import (
    EventIndexPage,
    EventSession,
    MessageChannel,
    MessageKind,
    MessageStatus,
    Registration,
    RegistrationMessage,
    RegistrationStatus,
    TrainingEvent,
    TrainingInterest,
)
from .notifications import mark_whatsapp_sent, still_holds, whatsapp_message_link
from .registration import RegistrationRefused, cancel, confirm, promote


class RegistrationPermissionPolicy(ModelPermissionPolicy):
    """Registrations come only from the public form: nobody adds or deletes them in the admin."""

    def user_has_permission(self, user, action):
        if action in ("add", "delete"):
            return False
        return super().user_has_permission(user, action)


registration_permission_policy = RegistrationPermissionPolicy(Registration)
register_permission_policy(Registration, registration_permission_policy)


class RegistrationFilterSet(WagtailFilterSet):
    event = django_filters.ModelChoiceFilter(
        label=_("Training"),
        # Registrations belong to a training's original page, so only those are offered.
        queryset=TrainingEvent.objects.filter(registrations__isnull=False).distinct().order_by("title"),
    )
    status = django_filters.ChoiceFilter(label=_("Status"), choices=RegistrationStatus.choices)
    created_at = django_filters.DateFromToRangeFilter(label=_("Registered at"), widget=DateRangePickerWidget)

    class Meta:
        model = Registration
        fields = ["event", "status", "created_at"]


# Listing columns a coordinator on a phone can do without (static/css/admin-registrations.css).
PHONE_HIDDEN = "registrations-phone-hidden"


class WhatsAppColumn(Column):
    cell_template_name = "events/admin/whatsapp_cell.html"


class RegistrationViewSet(ModelViewSet):
    model = Registration
    icon = "group"
    menu_label = _("Registrations")
    menu_order = 220
    add_to_admin_menu = True
    index_view_class = SafeExportIndexView
    filterset_class = RegistrationFilterSet
    search_fields = ["full_name", "whatsapp", "reference"]
    search_backend_name = None
    form_fields = ["full_name", "email", "kecamatan", "kelurahan", "education"]
    list_per_page = 50
    list_export = [
        "reference",
        "event.title",
        "get_status_display",
        "waiting_position",
        "created_at",
        "full_name",
        "whatsapp",
        "email",
        "date_of_birth",
        "kecamatan",
        "kelurahan",
        "education",
        "motivation",
        "language",
    ]
    export_headings = {
        "reference": _("Reference"),
        "event.title": _("Training"),
        "get_status_display": _("Status"),
        "waiting_position": _("Waiting list position"),
        "created_at": _("Registered at"),
    }
    export_filename = "pendaftar"

    @property
    def list_display(self):
        return [
            TitleColumn(
                "reference",
                label=_("Reference"),
                get_url=lambda registration: reverse(self.get_url_name("status"), args=[registration.pk]),
            ),
            Column("full_name", label=_("Name"), sort_key="full_name"),
            # Status and WhatsApp come before the training, and the training and date fold away
            # on a phone (static/css/admin-registrations.css), so a coordinator sees who to call
            # and where they stand without scrolling sideways; the filter names the training.
            Column("status", label=_("Status"), accessor="get_status_display", sort_key="status"),
            WhatsAppColumn("whatsapp", label=_("WhatsApp")),
            Column("event", label=_("Training"), accessor="event", classname=PHONE_HIDDEN),
            DateColumn("created_at", label=_("Registered at"), sort_key="created_at", classname=PHONE_HIDDEN),
        ]

    def get_queryset(self, request):
        return Registration.objects.select_related("event")

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("<int:pk>/status/", self.status_view, name="status"),
            path("pesan/", self.outbox_view, name="outbox"),
            path("pesan/<int:pk>/kirim/", self.send_view, name="send_whatsapp"),
            path("pesan/minat/<int:pk>/kirim/", self.send_new_batch_view, name="send_new_batch_whatsapp"),
        ]

    def status_view(self, request, pk):
        return registration_status(self, request, pk)

    def outbox_view(self, request):
        return whatsapp_outbox(self, request)

    def send_view(self, request, pk):
        return send_whatsapp(self, request, pk)

    def send_new_batch_view(self, request, pk):
        return send_new_batch_whatsapp(self, request, pk)


def whatsapp_outbox(viewset, request):
    """ "Messages to send": per training and kind, each WhatsApp message due, as a wa.me link with its text written.

    Opening a link (a POST, then a redirect to wa.me) marks the message sent, so two
    coordinators sharing the list never send the same one twice.
    """
    if not viewset.permission_policy.user_has_permission(request.user, "view"):
        raise PermissionDenied
    now = timezone.now()
    messages_qs = RegistrationMessage.objects.select_related("registration__event")
    event_id = request.GET.get("training", "")
    kind = request.GET.get("kind", "")
    due = messages_qs.filter(channel=MessageChannel.WHATSAPP_LINK, status=MessageStatus.PENDING, due_at__lte=now)
    if event_id.isdigit():
        due = due.filter(registration__event_id=int(event_id))
    if kind in MessageKind.values:
        due = due.filter(kind=kind)
    rows = []
    for message in due.order_by("registration__event_id", "kind", "created_at")[:200]:
        if not still_holds(message):
            continue
        rows.append({"message": message, "registration": message.registration})
    # Failed on any channel (a mail server or the WhatsApp API that kept refusing), newest first, with the reason.
    failed = messages_qs.filter(status=MessageStatus.FAILED)
    if event_id.isdigit():
        failed = failed.filter(registration__event_id=int(event_id))
    counts = (
        RegistrationMessage.objects.values("registration__event_id", "registration__event__title", "status")
        .annotate(n=Count("pk"))
        .order_by("registration__event__title")
    )
    by_training = {}
    for row in counts:
        entry = by_training.setdefault(
            row["registration__event_id"],
            {"title": row["registration__event__title"], "pk": row["registration__event_id"]},
        )
        entry[row["status"]] = row["n"]
    return TemplateResponse(
        request,
        "events/admin/whatsapp_outbox.html",
        {
            "rows": rows,
            "failed": failed.order_by("-created_at", "-pk")[:100],
            "api_on": whatsapp_cloud.enabled(),
            "status_url_name": viewset.get_url_name("status"),
            "trainings": list(by_training.values()),
            "kinds": MessageKind.choices,
            "selected_training": event_id,
            "selected_kind": kind,
            "index_url": reverse(viewset.get_url_name("index")),
            "send_url_name": viewset.get_url_name("send_whatsapp"),
            "new_batch_rows": new_batch.whatsapp_due(),
            "new_batch_url_name": viewset.get_url_name("send_new_batch_whatsapp"),
        },
    )


def send_new_batch_whatsapp(viewset, request, pk):
    """Open one "new batch" message to a Notify-me person on WhatsApp (events.new_batch), marking it sent once."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not viewset.permission_policy.user_has_permission(request.user, "change"):
        raise PermissionDenied
    link = new_batch.mark_whatsapp_sent(pk)
    if link is None:
        messages.warning(request, gettext("This message was already sent."))
        return redirect(viewset.get_url_name("outbox"))
    return HttpResponseRedirect(link)


def send_whatsapp(viewset, request, pk):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not viewset.permission_policy.user_has_permission(request.user, "change"):
        raise PermissionDenied
    message = get_object_or_404(
        RegistrationMessage.objects.select_related("registration__event"), pk=pk, channel=MessageChannel.WHATSAPP_LINK
    )
    if not mark_whatsapp_sent(message, request.user):
        messages.warning(request, gettext("This message was already sent."))
        return redirect(viewset.get_url_name("outbox"))
    return HttpResponseRedirect(whatsapp_message_link(message))


def registration_status(viewset, request, pk):
    """One registrant, with the actions a coordinator may take: confirm, cancel, move the waiting list up."""
    if request.method not in ("GET", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    if not viewset.permission_policy.user_has_permission(request.user, "view"):
        raise PermissionDenied
    registration = get_object_or_404(Registration.objects.select_related("event"), pk=pk)
    if request.method == "POST":
        if not viewset.permission_policy.user_has_permission(request.user, "change"):
            raise PermissionDenied
        action = request.POST.get("action")
        actor = request.user.get_username()
        if action == "cancel" and request.POST.get("sure") != "1":
            # A confirmation step first: a cancelled place goes to someone else at once.
            return TemplateResponse(
                request,
                "events/admin/registration_cancel_confirm.html",
                {"registration": registration, "status_url": request.path},
            )
        try:
            if action == "confirm":
                confirm(registration, actor)
                messages.success(request, gettext("%(ref)s is confirmed.") % {"ref": registration.reference})
            elif action == "cancel":
                promoted = cancel(registration, actor)
                messages.success(request, gettext("%(ref)s is cancelled.") % {"ref": registration.reference})
                if promoted:
                    _promoted_message(request, promoted)
            elif action == "promote":
                if registration.status != RegistrationStatus.WAITLISTED:
                    messages.error(request, gettext("Only someone on the waiting list can be moved up."))
                elif promoted := promote(registration.event_id):
                    _promoted_message(request, promoted)
                else:
                    messages.warning(request, gettext("No place is free, or nobody is waiting."))
            else:
                messages.error(request, gettext("Unknown action."))
        except RegistrationRefused:
            messages.error(request, gettext("The training is full: cancel a confirmed registration first."))
        return redirect(viewset.get_url_name("status"), pk=pk)
    return TemplateResponse(
        request,
        "events/admin/registration_status.html",
        {
            "registration": registration,
            "position": registration.waiting_position(),
            "index_url": reverse(viewset.get_url_name("index")),
            "edit_url": reverse(viewset.get_url_name("edit"), args=[pk]),
            "can_change": viewset.permission_policy.user_has_permission(request.user, "change"),
            "Status": RegistrationStatus,
            "activities": registration.activities.all(),
            "sent_messages": registration.messages.all(),
            "outbox_url": reverse(viewset.get_url_name("outbox")) + f"?training={registration.event_id}",
        },
    )


def _promoted_message(request, promoted):
    """Who moved up, with a WhatsApp link: the coordinator may want to call them as well."""
    messages.success(
        request,
        format_html(
            '{} <a href="{}" target="_blank" rel="noopener">{}</a>',
            gettext("%(name)s (%(ref)s) moved up from the waiting list and will be told.")
            % {"name": promoted.full_name, "ref": promoted.reference},
            promoted.whatsapp_link,
            promoted.whatsapp,
        ),
    )


# --- "Notify me": the demand for new batches, for coordinators ---------------------------

INTEREST_PERMISSION = "events.view_traininginterest"
INTEREST_LIST_LIMIT = 200


def interest_demand_view(request):
    """How many people wait for a new batch, per skill area and kecamatan, and who they are (latest first)."""
    from .interest import demand

    if not request.user.has_perm(INTEREST_PERMISSION):
        raise PermissionDenied
    locale = Locale.objects.filter(language_code=translation.get_language()).first() or Locale.get_default()
    people = TrainingInterest.objects.filter(notified_at__isnull=True).select_related("skill_area")
    return TemplateResponse(
        request,
        "events/admin/interest_demand.html",
        {"demand": demand(locale.pk), "people": people[:INTEREST_LIST_LIMIT], "limit": INTEREST_LIST_LIMIT},
    )


@hooks.register("register_admin_urls")
def interest_admin_urls():
    return [path("minat-pelatihan/", interest_demand_view, name="events_interest_demand")]


class InterestMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(INTEREST_PERMISSION)


@hooks.register("register_admin_menu_item")
def interest_menu_item():
    return InterestMenuItem(
        _("Waiting for a new batch"), reverse("events_interest_demand"), icon_name="time", order=225
    )


# --- Attendance, completion and certificates (events.attendance_views) -------------------


@hooks.register("register_admin_urls")
def attendance_admin_urls():
    from .attendance_views import urlpatterns

    return urlpatterns()


class AttendanceMenuItem(MenuItem):
    def is_shown(self, request):
        from .attendance_views import can_take_attendance

        return can_take_attendance(request.user)


@hooks.register("register_admin_menu_item")
def attendance_menu_item():
    return AttendanceMenuItem(_("Attendance"), reverse("events_attendance"), icon_name="tick-inverse", order=222)


@hooks.register("insert_global_admin_css")
def registrations_admin_css():
    return format_html('<link rel="stylesheet" href="{}">', static("css/admin-registrations.css"))


@hooks.register("register_admin_viewset")
def register_registration_viewset():
    return RegistrationViewSet("registrations")


# --- What the events app hands to the shared layer (home.registry) ----------------------------


@hooks.register(SECTION_PAGES)
def training_schedule_section():
    return "events.EventIndexPage"


def _home_context(page, request):
    from home.cache import cached_for
    from home.page_cache import cached_live

    from .listings import schedule_page, upcoming_for_home

    locale_id = page.locale_id
    # The trainings depend on the clock as well as on content: kept only as long as a cached home page
    # would keep them (each card's registration state is worked out when it is shown).
    now = timezone.now()
    upcoming = cached_live(
        request, ("places",), ("home-trainings", locale_id), lambda: upcoming_for_home(locale_id, now)
    )
    context = {"upcoming_trainings": upcoming}
    if upcoming:
        context["training_schedule"] = cached_for(request, ("schedule", locale_id), lambda: schedule_page(locale_id))
    return context


@hooks.register(HOME_SECTIONS)
def upcoming_trainings_on_home():
    return HomeSection(
        order=20, template="events/includes/home_upcoming.html", context=_home_context, live_figures=("places",)
    )


@hooks.register(ATTENTION_LISTS)
def registration_closing_soon():
    from .dashboard import CLOSING_SOON

    return CLOSING_SOON


@hooks.register(ATTENTION_LISTS)
def full_trainings_waiting():
    from .dashboard import WAITING_LISTS

    return WAITING_LISTS


@hooks.register(DEMO_CONTENT)
def events_demo_content():
    from . import demo

    return DemoContent(order=10, load=demo.load, name="events.demo")


# --- Site search: this app's types of result (home.registry.SEARCH_RESULT_TYPES) ---


def training_ended_at():
    """The end of the training's last session: a training that is over sinks below every other result."""
    return Subquery(EventSession.objects.filter(event_id=OuterRef("pk")).order_by("-end").values("end")[:1])


@hooks.register(SEARCH_RESULT_TYPES)
def search_trainings():
    return SearchResultType(
        order=20,
        key="pelatihan",
        label=_("Trainings"),
        singular=_("Training"),
        models=(TrainingEvent,),
        ended_at=training_ended_at,
        load=lambda trainings, now: trainings.with_schedule(now).with_places_left(),
        detail_template="events/includes/search_result_details.html",
    )


@hooks.register(SEARCH_RESULT_TYPES)
def search_training_index():
    return SearchResultType(key="halaman", models=(EventIndexPage,))
