"""Client packages: a shortlist's share link as its viewers see it (no account), their
answers on each place, and the owner's controls (expiry, revoke) and view of the replies.

A link that is revoked or past its last day is a 404 for every request made with it: new
visits, the package, and answers sent from a page that was opened before.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from locations.models import ShareReply, Shortlist
from locations.ratelimits import enforce
from locations.share_forms import ReplyForm, ShareSettingsForm
from locations.sharing import save_reply

from .shortlists import items_context, own_shortlist, package_response, public_places

# Session keys: the name a viewer typed last (prefilled next time), and their own answers
# per link (so that a reload shows what they said; other viewers' answers stay private).
NAME_KEY = "share_reply_name"
ANSWERS_KEY = "share_answers"
MAX_REMEMBERED_LINKS = 20


def _live(request, token, *, stages: bool = False) -> Shortlist:
    shortlists = Shortlist.objects.live_shares().with_items(
        stages=stages, published_places=public_places(request)
    )
    return get_object_or_404(shortlists, share_token=token)


def _remembered(request, token) -> dict[str, int]:
    return request.session.get(ANSWERS_KEY, {}).get(token, {})


def _remember(request, token, reply: ShareReply) -> None:
    answers = request.session.get(ANSWERS_KEY, {})
    answers.setdefault(token, {})[str(reply.item_id)] = reply.pk
    # Keep the cookie-sized session small: the most recent links only.
    request.session[ANSWERS_KEY] = dict(list(answers.items())[-MAX_REMEMBERED_LINKS:])
    request.session[NAME_KEY] = reply.name


def _viewer_context(request, shortlist: Shortlist) -> dict:
    """The read-only rows, each with an answer form and the viewer's own last answer."""
    context = items_context(request, shortlist, editable=False)
    remembered = _remembered(request, shortlist.share_token)
    own = ShareReply.objects.filter(
        pk__in=list(remembered.values()), item__shortlist=shortlist
    ).in_bulk()
    name = request.session.get(NAME_KEY, "")
    for row in context["rows"]:
        item = row["item"]
        row["my_reply"] = own.get(remembered.get(str(item.pk)))
        row["reply_form"] = ReplyForm(item=item, initial={"name": name})
    context["replying"] = True
    return context


@require_safe
def shortlist_shared(request, token):
    """The link as a director sees it: the places, with yes / maybe / no and a comment."""
    shortlist = _live(request, token)
    # Opens by people, not the owner checking the link or a HEAD from a link preview.
    if request.method == "GET" and shortlist.owner_id != request.user.pk:
        shortlist.record_share_open()
    return render(request, "shortlists/shared.html", _viewer_context(request, shortlist))


@require_safe
def shortlist_shared_package(request, token):
    return package_response(request, _live(request, token, stages=True), shared=True)


@require_POST
def reply(request, token, item_pk):
    """A viewer's answer on one place: htmx gets the place's answer box back, a plain post
    a redirect to the place on the shared page."""
    shortlists = Shortlist.objects.live_shares().with_items(published_places=public_places(request))
    shortlist = shortlists.filter(share_token=token).first()
    item = next((i for i in shortlist.items.all() if i.pk == item_pk), None) if shortlist else None
    if item is None:
        if request.htmx:
            return render(request, "shortlists/_link_gone.html", status=404)
        raise Http404(_("This link no longer works."))
    # Counted once the link is known to work: a dead link's 404 says more than a 429.
    enforce(request, "comment")
    form = ReplyForm(request.POST, item=item)
    saved = form.is_valid()
    reply = save_reply(form=form, shortlist=shortlist) if saved else None
    if saved:
        _remember(request, token, reply)
    if request.htmx:
        # After an answer, a fresh form (with their name) lets them change their mind.
        reply_form = ReplyForm(item=item, initial={"name": reply.name}) if saved else form
        row = {"item": item, "my_reply": reply, "reply_form": reply_form}
        context = {"row": row, "shortlist": shortlist, "sent": saved}
        return render(request, "shortlists/_reply.html", context, status=200 if saved else 400)
    if saved:
        messages.success(request, _("Thank you: your answer was sent."))
    else:
        errors = " ".join(e for errors in form.errors.values() for e in errors)
        messages.error(request, _("Your answer was not sent: %(errors)s") % {"errors": errors})
    return redirect(f"{shortlist.get_share_url()}#item-{item.pk}")


@login_required
@require_POST
def share_settings(request, pk):
    """Set or clear the link's last day."""
    shortlist = own_shortlist(request, pk)
    form = ShareSettingsForm(request.POST, instance=shortlist)
    if form.is_valid():
        form.save()
        day = form.cleaned_data["share_expires_on"]
        if day:
            messages.success(request, _("The link works until %(day)s.") % {"day": day})
        else:
            messages.success(request, _("The link no longer expires."))
    else:
        errors = " ".join(e for errors in form.errors.values() for e in errors)
        messages.error(request, errors)
    return redirect(f"{shortlist.get_absolute_url()}#share")


@login_required
@require_POST
def share_revoke(request, pk):
    """Stop the link now: open pages and new visits get a 404."""
    shortlist = own_shortlist(request, pk)
    shortlist.revoke_share()
    messages.success(
        request, _("Link revoked: nobody can open it any more. Make a new link to share again.")
    )
    return redirect(f"{shortlist.get_absolute_url()}#share")
