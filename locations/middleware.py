"""Request guards that must answer before any view (or the CSRF check) reads the request."""

import logging

from django.conf import settings
from django.core.exceptions import TooManyFilesSent
from django.shortcuts import render
from django.urls import reverse

logger = logging.getLogger(__name__)


class UploadLimitsMiddleware:
    """A clear 400 page, not a bare "Bad Request", for a form that sends more files than
    `DATA_UPLOAD_MAX_NUMBER_FILES` (= `PHOTO_MAX_FILES_PER_REQUEST`).

    Django refuses such a request while parsing it, and the first code to parse it is the
    CSRF check, before any view could explain what happened. Every middleware's request
    phase runs before the CSRF check's view phase, so parsing here first lets us name the
    limit. Nothing has been stored at that point.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "POST" and request.content_type == "multipart/form-data":
            refused = self._refuse_oversized_submission(request)
            if refused is not None:
                return refused
            try:
                request.FILES  # noqa: B018 (parsing is the point)
            except TooManyFilesSent:
                logger.warning("upload_refused reason=too_many_files path=%s", request.path)
                context = {"max_files": settings.DATA_UPLOAD_MAX_NUMBER_FILES}
                return render(request, "upload_refused.html", context, status=400)
        return self.get_response(request)

    @staticmethod
    def _refuse_oversized_submission(request):
        """The public submission form is refused unread (413) past its total photo limit plus
        room for the text fields: a stranger's gigabyte never reaches the temporary folder."""
        if request.path != reverse("locations:submit"):
            return None
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length <= settings.SUBMISSION_MAX_UPLOAD_BYTES + SUBMISSION_FORM_MARGIN:
            return None
        logger.warning("upload_refused reason=too_large path=%s bytes=%s", request.path, length)
        context = {"max_bytes": settings.SUBMISSION_MAX_UPLOAD_BYTES}
        return render(request, "upload_too_large.html", context, status=413)


# What the submission form's text fields and multipart boundaries may add to its photos.
SUBMISSION_FORM_MARGIN = 1024 * 1024
