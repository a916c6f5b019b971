"""Request guards that must answer before any view (or the CSRF check) reads the request."""

import logging

from django.conf import settings
from django.core.exceptions import TooManyFilesSent
from django.shortcuts import render

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
            try:
                request.FILES  # noqa: B018 (parsing is the point)
            except TooManyFilesSent:
                logger.warning("upload_refused reason=too_many_files path=%s", request.path)
                context = {"max_files": settings.DATA_UPLOAD_MAX_NUMBER_FILES}
                return render(request, "upload_refused.html", context, status=400)
        return self.get_response(request)
