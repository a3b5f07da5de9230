"""A training's attendance register (sessions × participants), as a table and as CSV/XLSX through the one safe export.

`home.exports.SafeExportIndexView` writes the files (formula-safe cells, WIB times,
the coordinator's language); this view only declares the columns, one per session.
Three queries whatever the size: the training, its sessions, the participants with
their ticks prefetched.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.functional import cached_property
from django.utils.translation import gettext, gettext_lazy

from home.exports import SafeExportIndexView
from home.formats import format_date, format_time

from .models import Attendance, EventSession, Registration, RegistrationStatus, TrainingEvent

PERMISSION = "events.change_attendance"


class AttendanceRegisterView(SafeExportIndexView):
    model = Registration
    export_filename = "daftar-hadir"
    _fixed = ["reference", "full_name", "walk_in_label"]
    _totals = ["attended", "completed_label"]

    def dispatch(self, request, *args, **kwargs):
        if not (request.user.is_active and request.user.has_perm(PERMISSION)):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def event(self):
        return get_object_or_404(TrainingEvent, pk=self.kwargs["event_id"])

    @cached_property
    def sessions(self):
        return list(EventSession.objects.filter(event_id=self.event.pk).order_by("start"))

    @property
    def list_export(self):
        return self._fixed + [f"session_{session.pk}" for session in self.sessions] + self._totals

    @property
    def export_headings(self):
        headings = {
            "reference": gettext_lazy("Reference"),
            "full_name": gettext_lazy("Name"),
            "walk_in_label": gettext_lazy("Walk-in"),
            "attended": gettext_lazy("Sessions attended"),
            "completed_label": gettext_lazy("Completed"),
        }
        for number, session in enumerate(self.sessions, start=1):
            headings[f"session_{session.pk}"] = f"{number}. {format_date(session.start)} {format_time(session.start)}"
        return headings

    def get_filename(self):
        return f"{self.export_filename}-{self.event.slug}"

    def get_base_queryset(self):
        return self.get_queryset()

    def get_queryset(self):
        return (
            Registration.objects.filter(event_id=self.event.pk, status=RegistrationStatus.CONFIRMED)
            .prefetch_related(
                Prefetch("attendance", queryset=Attendance.objects.filter(session__event_id=self.event.pk))
            )
            .order_by("full_name", "pk")
        )

    def to_row_dict(self, item):
        ticks = {tick.session_id: tick.present for tick in item.attendance.all()}
        present, absent = gettext("present"), gettext("absent")
        for session in self.sessions:
            tick = ticks.get(session.pk)
            setattr(item, f"session_{session.pk}", "" if tick is None else (present if tick else absent))
        item.attended = sum(1 for value in ticks.values() if value)
        item.walk_in_label = gettext("yes") if item.walk_in else ""
        item.completed_label = {True: gettext("yes"), False: gettext("no")}.get(item.completed, "")
        return super().to_row_dict(item)

    def get(self, request, *args, **kwargs):
        queryset = self.get_queryset()
        if self.is_export:
            return self.as_spreadsheet(queryset, request.GET.get("export"))
        rows = [self.to_row_dict(item) for item in queryset]
        return TemplateResponse(
            request,
            "events/admin/attendance_register.html",
            {
                "event": self.event,
                "headings": [self.export_headings[field] for field in self.list_export],
                "rows": [list(row.values()) for row in rows],
                "csv_url": request.path + "?export=csv",
                "xlsx_url": request.path + "?export=xlsx",
            },
        )
