"""Client packages: a shortlist's share link (expiry, revocation, opens) and the replies
that viewers without an account leave on its places."""

import secrets

from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Viewers type these by hand on a phone: short enough to read in a list, long enough to say why.
REPLY_NAME_MAX = 60
REPLY_COMMENT_MAX = 1000


def new_share_token() -> str:
    """An unguessable token for a private link (256 bits, URL-safe)."""
    return secrets.token_urlsafe(32)


def share_token_field() -> models.CharField:
    """A record's private-link token: looked up on every visit of the link, hence unique (and
    so indexed); made on creation, never typed in."""
    return models.CharField(
        _("private link token"),
        max_length=64,
        unique=True,
        default=new_share_token,
        editable=False,
    )


class ShareLinkQuerySet(models.QuerySet):
    """Links that still open: not revoked and not past their last day (Japan time)."""

    def live_shares(self):
        """What a visitor with the link may open; an expired or revoked link is a 404."""
        today = timezone.localdate()
        return self.filter(share_revoked_at__isnull=True).filter(
            Q(share_expires_on__isnull=True) | Q(share_expires_on__gte=today)
        )


class ShareLink(models.Model):
    """The state of a private link: when it stops working and how often it was opened.

    Abstract, so the columns live on the shared record itself: checking a link is one
    indexed look-up by token with no join."""

    share_expires_on = models.DateField(
        _("link works until"),
        null=True,
        blank=True,
        help_text=_("The link works until the end of this day (Japan time). Empty: no end."),
    )
    share_revoked_at = models.DateTimeField(
        _("link revoked at"), null=True, blank=True, editable=False
    )
    share_open_count = models.PositiveIntegerField(_("link opened"), default=0, editable=False)
    share_last_opened_at = models.DateTimeField(
        _("link last opened at"), null=True, blank=True, editable=False
    )

    class Meta:
        abstract = True

    @property
    def share_is_expired(self) -> bool:
        return self.share_expires_on is not None and self.share_expires_on < timezone.localdate()

    @property
    def share_is_live(self) -> bool:
        """Whether the link opens now (the same rule as `live_shares()`)."""
        return self.share_revoked_at is None and not self.share_is_expired

    def record_share_open(self) -> None:
        """Count one visit in the database (F(): concurrent visits are not lost), without
        touching `updated_at` (that orders the owner's lists by their own use)."""
        now = timezone.now()
        type(self).objects.filter(pk=self.pk).update(
            share_open_count=F("share_open_count") + 1, share_last_opened_at=now
        )
        self.share_open_count += 1
        self.share_last_opened_at = now

    def revoke_share(self) -> None:
        """The link stops working at once, for open pages (their replies) and new visits."""
        self.share_revoked_at = timezone.now()
        self.save(update_fields=["share_revoked_at"])

    def regenerate_share_token(self) -> str:
        """A new, live link (counted from zero); whoever had the old one loses access."""
        self.share_token = new_share_token()
        self.share_revoked_at = None
        self.share_open_count = 0
        self.share_last_opened_at = None
        self.save(
            update_fields=[
                "share_token",
                "share_revoked_at",
                "share_open_count",
                "share_last_opened_at",
                "updated_at",
            ]
        )
        return self.share_token


class Verdict(models.TextChoices):
    """A viewer's answer on one place."""

    YES = "yes", _("Yes")
    MAYBE = "maybe", _("Maybe")
    NO = "no", _("No")


class ShareReplyQuerySet(models.QuerySet):
    def on_shortlist(self, shortlist):
        """A shortlist's replies, newest first, with the place each is about."""
        return (
            self.filter(item__shortlist=shortlist)
            .select_related("item__location", "item__studio")
            .order_by("-created_at", "-pk")
        )


class ShareReply(models.Model):
    """A viewer's yes / maybe / no on one shortlisted place, with a short plain-text comment.

    Written by people without an account through a live share link; only the owner of
    the shortlist reads them. The item ties a reply to exactly one shortlist."""

    item = models.ForeignKey(
        "locations.ShortlistItem",
        verbose_name=_("shortlist item"),
        on_delete=models.CASCADE,
        related_name="replies",
    )
    verdict = models.CharField(_("answer"), max_length=5, choices=Verdict)
    name = models.CharField(
        _("name"), max_length=REPLY_NAME_MAX, help_text=_("Who answers, as they typed it.")
    )
    comment = models.TextField(_("comment"), max_length=REPLY_COMMENT_MAX, blank=True)
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    objects = ShareReplyQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("reply")
        verbose_name_plural = _("replies")
        constraints = [
            models.CheckConstraint(
                name="%(app_label)s_%(class)s_known_verdict",
                condition=Q(verdict__in=Verdict.values),
            ),
            # The form says so first; the database refuses an oversized comment from elsewhere.
            models.CheckConstraint(
                name="%(app_label)s_%(class)s_comment_length",
                condition=LessThanOrEqual(Length("comment"), REPLY_COMMENT_MAX),
            ),
            models.CheckConstraint(
                name="%(app_label)s_%(class)s_named",
                condition=~Q(name=""),
            ),
        ]
        indexes = [
            # The owner's page: an item's replies, newest first.
            models.Index(fields=["item", "-created_at"], name="reply_item_recent"),
        ]

    def __str__(self):
        return f"{self.name}: {self.get_verdict_display()}"
