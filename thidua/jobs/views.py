"""A job's page: what is being made, a progress bar that htmx refreshes every second until the job
is done, then the download. Only the job's owner sees it (404 for anyone else)."""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from .models import JobStatus
from .services import jobs_for


def job_detail(request: HttpRequest, pk: int) -> HttpResponse:
    job = get_object_or_404(jobs_for(request.user), pk=pk)
    template = "jobs/_progress.html" if request.htmx else "jobs/job_detail.html"
    return render(request, template, {"job": job})


def job_download(request: HttpRequest, pk: int) -> FileResponse:
    job = get_object_or_404(jobs_for(request.user), pk=pk)
    if job.status != JobStatus.DONE or not job.file:
        raise Http404("Tệp chưa sẵn sàng.")
    try:
        handle = job.file.open("rb")
    except OSError:
        raise Http404("Tệp không còn trên máy chủ.") from None
    return FileResponse(handle, as_attachment=True, filename=job.filename, content_type=job.content_type)
