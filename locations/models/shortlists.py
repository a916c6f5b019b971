"""A location manager's shortlists of candidate places, shared by private link."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .common import one_place_constraint, place_fields
from .place_prefetch import place_prefetches
from .sharing import ShareLink, ShareLinkQuerySet, share_token_field


class ShortlistQuerySet(ShareLinkQuerySet):
    def owned_by(self, user):
        """A user's own shortlists, most recently used first; none for visitors."""
        if user is None or not user.is_authenticated:
            return self.none()
        return self.filter(owner=user).order_by("-updated_at", "-pk")

    def with_items(self, *, stages: bool = False, published_places: bool = False):
        """Items in rank order with their places and covers, in a fixed number of queries;
        with `published_places`, only items whose place is published (what non-staff see).
        Private properties' photos are included: only the owner and viewers of a live link
        reach a shortlist's pages."""
        items = ShortlistItem.objects.select_related(
            "location__prefecture__region", "location__category", "studio__prefecture__region"
        )
        return self.prefetch_related(
            *place_prefetches(
                "items",
                items,
                stages=stages,
                published_places=published_places,
                private_photos=True,
            )
        )


class Shortlist(ShareLink):
    """A location manager's collection of candidate places, shared by link (the link's
    expiry, revocation and opens come from `ShareLink`, in models/sharing.py)."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.CASCADE,
        related_name="shortlists",
    )
    title = models.CharField(_("title"), max_length=200, default=_("My shortlist"))
    brief = models.TextField(
        _("brief"), blank=True, help_text=_("What the production is looking for.")
    )
    share_token = share_token_field()
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ShortlistQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at", "-pk"]
        verbose_name = _("shortlist")
        verbose_name_plural = _("shortlists")
        indexes = [
            # The add button: the owner's most recently used shortlist.
            models.Index(fields=["owner", "-updated_at"], name="shortlist_owner_recent"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("shortlists:detail", kwargs={"pk": self.pk})

    def get_share_url(self):
        return reverse("shortlists:shared", kwargs={"token": self.share_token})


class ShortlistItem(models.Model):
    """A location or a studio on a shortlist, with the manager's note and ranking."""

    shortlist = models.ForeignKey(
        Shortlist, verbose_name=_("shortlist"), on_delete=models.CASCADE, related_name="items"
    )
    location, studio = place_fields("shortlist_items")
    rank = models.PositiveSmallIntegerField(
        _("rank"), default=0, help_text=_("Position on the list: 1 is the favourite.")
    )
    top_choice_for = models.CharField(
        _("top choice for"),
        max_length=200,
        blank=True,
        help_text=_("The scene or need this place is the first choice for, e.g. “Sc. 12 chase”."),
    )
    note = models.TextField(_("note"), blank=True)
    added_at = models.DateTimeField(_("added at"), auto_now_add=True)

    class Meta:
        ordering = ["rank", "added_at", "pk"]
        verbose_name = _("shortlist item")
        verbose_name_plural = _("shortlist items")
        constraints = [
            one_place_constraint("one_place", _("An item is one location or one studio.")),
            # NULLs are distinct on SQLite and PostgreSQL alike, so each pair is unique per kind.
            models.UniqueConstraint(
                fields=["shortlist", "location"], name="%(app_label)s_%(class)s_unique_location"
            ),
            models.UniqueConstraint(
                fields=["shortlist", "studio"], name="%(app_label)s_%(class)s_unique_studio"
            ),
        ]

    def __str__(self):
        return str(self.place)

    @property
    def place(self):
        return self.location or self.studio

    @property
    def item_type(self) -> str:
        return "location" if self.location_id else "studio"
