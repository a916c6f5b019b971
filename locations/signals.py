"""Keep derived columns true when the rows they are built from change.

`Location.search_text` when tags change (its tag names are part of it, 0011), and
`Studio.largest_stage_m2` / `stage_count` when a stage is saved or deleted.

A location's own save() rebuilds its search columns; these receivers cover the changes that
happen beside it: tags added to or removed from a place (either side of the relation, as the
admin's form and the importers do with `tags.set`), a tag renamed, a tag deleted.
Bulk inserts of the through table send no signal: `generate_catalogue` builds the columns
with the tags' names itself.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save


def _refresh(location_pks) -> None:
    from locations.models.locations import refresh_search_columns

    refresh_search_columns(location_pks)


def tags_changed(sender, instance, action, reverse, pk_set, **kwargs):
    """`location.tags.add/remove/set/clear` or `tag.locations.…`: refresh the places."""
    if action == "pre_clear" and reverse:
        # The tag's places are gone from the relation after the clear: remember them now.
        instance._places_before_clear = list(instance.locations.values_list("pk", flat=True))
    elif action in ("post_add", "post_remove"):
        _refresh(pk_set if reverse else [instance.pk])
    elif action == "post_clear":
        _refresh(instance.__dict__.pop("_places_before_clear", []) if reverse else [instance.pk])


def tag_saving(sender, instance, raw, **kwargs):
    if instance.pk and not raw:
        old = sender.objects.filter(pk=instance.pk).values_list("name", flat=True).first()
        instance._renamed = old is not None and old != instance.name


def tag_saved(sender, instance, created, raw, **kwargs):
    """A renamed tag: the places carrying it find it by its new name only."""
    if instance.__dict__.pop("_renamed", False):
        _refresh(instance.locations.values_list("pk", flat=True))


def tag_deleting(sender, instance, **kwargs):
    instance._places_before_delete = list(instance.locations.values_list("pk", flat=True))


def tag_deleted(sender, instance, **kwargs):
    _refresh(instance.__dict__.pop("_places_before_delete", []))


def stage_saving(sender, instance, raw, **kwargs):
    if instance.pk and not raw:
        instance._studio_before = (
            sender.objects.filter(pk=instance.pk).values_list("studio", flat=True).first()
        )


def stage_changed(sender, instance, origin=None, **kwargs):
    """A stage saved, moved to another studio or deleted: the studios' largest stage and
    stage count."""
    from locations.models import Studio

    if isinstance(origin, Studio) or getattr(origin, "model", None) is Studio:
        return  # the studio itself is being deleted
    studios = {instance.studio_id, instance.__dict__.pop("_studio_before", None)} - {None}
    Studio.objects.filter(pk__in=studios).refresh_stage_stats()


def connect_signals() -> None:
    """Connect the receivers above (LocationsConfig.ready)."""
    from locations.models import Location, Soundstage, Tag

    pre_save.connect(stage_saving, sender=Soundstage, dispatch_uid="studio-stage-saving")
    post_save.connect(stage_changed, sender=Soundstage, dispatch_uid="studio-stage-saved")
    post_delete.connect(stage_changed, sender=Soundstage, dispatch_uid="studio-stage-deleted")

    m2m_changed.connect(tags_changed, sender=Location.tags.through, dispatch_uid="search-tags")
    pre_save.connect(tag_saving, sender=Tag, dispatch_uid="search-tag-saving")
    post_save.connect(tag_saved, sender=Tag, dispatch_uid="search-tag-saved")
    pre_delete.connect(tag_deleting, sender=Tag, dispatch_uid="search-tag-deleting")
    post_delete.connect(tag_deleted, sender=Tag, dispatch_uid="search-tag-deleted")
