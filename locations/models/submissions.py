"""Places suggested by owners and scouts through the public form, and the editors' decision.

The place itself is an ordinary `Location` in status "review" (so nothing public shows it
until an editor publishes it); a `Submission` beside it keeps who sent it, in which
language, their consent to be contacted, and what the editors decided.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .locations import Location


class Decision(models.TextChoices):
    PENDING = "pending", _("Waiting for review")
    APPROVED = "approved", _("Approved (published)")
    REJECTED = "rejected", _("Rejected")


class SubmissionQuerySet(models.QuerySet):
    def pending(self):
        """Submissions no editor has decided yet (the review queue)."""
        return self.filter(decision=Decision.PENDING)

    def for_queue(self):
        """What the review queue shows per row, in one query (photos are counted apart)."""
        return self.select_related("location__prefecture", "location__category", "decided_by")


class Submission(models.Model):
    """Who suggested a place through /locations/submit/, and what became of it."""

    location = models.OneToOneField(
        Location,
        verbose_name=_("location"),
        on_delete=models.CASCADE,
        related_name="submission",
    )
    submitter_name = models.CharField(_("submitted by"), max_length=200)
    submitter_email = models.EmailField(_("submitter's e-mail"))
    consent_at = models.DateTimeField(
        _("agreed to be contacted at"),
        help_text=_("When the submitter ticked the box agreeing to be contacted about it."),
    )
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=settings.LANGUAGES,
        help_text=_("The language of the form; replies are written in it."),
    )
    submitted_at = models.DateTimeField(_("submitted at"), auto_now_add=True)
    decision = models.CharField(
        _("decision"), max_length=10, choices=Decision, default=Decision.PENDING
    )
    reason = models.TextField(
        _("reason"), blank=True, help_text=_("Why it was rejected; e-mailed to the submitter.")
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    objects = SubmissionQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        constraints = [
            # A decision has a time; a waiting submission has none.
            models.CheckConstraint(
                name="%(app_label)s_%(class)s_decided_at_matches_decision",
                condition=Q(decision=Decision.PENDING, decided_at__isnull=True)
                | (~Q(decision=Decision.PENDING) & Q(decided_at__isnull=False)),
                violation_error_message=_("A decided submission needs the time of its decision."),
            ),
            models.CheckConstraint(
                name="%(app_label)s_%(class)s_rejection_has_reason",
                condition=~Q(decision=Decision.REJECTED, reason=""),
                violation_error_message=_("A rejection needs a reason for the submitter."),
            ),
        ]
        indexes = [
            # The review queue and the admin index's count: waiting ones, newest first.
            models.Index(fields=["decision", "-submitted_at"], name="submission_decision_time"),
        ]

    def __str__(self):
        return str(self.location)

    @property
    def is_pending(self) -> bool:
        return self.decision == Decision.PENDING
