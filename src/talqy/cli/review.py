"""`talqy review …`: assign reviewers, decide, publish, reopen, see a receipt's status.

Every change is made as a named staff user (``--as``) and lands in the audit log.
"""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.table import Table

from talqy.cli.context import out, state
from talqy.cli.options import AsJson, ConsultationSlug
from talqy.errors import InvalidInput
from talqy.review.accounts import actor_for
from talqy.review.decisions import decide, publish, reopen
from talqy.review.grouping import assign, group_new_proposals
from talqy.review.outcomes import receipt_view
from talqy.review.permissions import Actor
from talqy.review.queue import review_queue
from talqy.review.queue_filters import QueueFilter
from talqy.review.scope_decisions import decide_scope
from talqy.review.user_queries import find_user

app = typer.Typer(help="Review proposal groups: assign, decide, publish.", no_args_is_help=True)
As = Annotated[str, typer.Option("--as", help="Username of the staff member acting.")]
GroupId = Annotated[int, typer.Argument(help="Group id.")]
Version = Annotated[int | None, typer.Option(help="Expected group version.")]
DecisionKind = Annotated[str, typer.Option(help="accepted, partially_accepted, rejected, …")]
ReasoningKk = Annotated[str, typer.Option(help="Reasoning in Kazakh.")]
ReasoningRu = Annotated[str, typer.Option(help="Reasoning in Russian.")]
ReasoningEn = Annotated[str, typer.Option(help="Reasoning in English.")]


def _reasoning(kk: str, ru: str, en: str) -> dict[str, str]:
    """The ``--reasoning-kk/-ru/-en`` options as the decision services take them."""
    return {"kk": kk, "ru": ru, "en": en}


def _actor(slug: str, username: str) -> Actor:
    db = state().db()
    return actor_for(db, user=find_user(db, username), consultation=slug)


@app.command("assign")
def assign_cmd(
    slug: ConsultationSlug,
    username: Annotated[str, typer.Argument(help="Reviewer to assign.")],
    acting: As,
    article: Annotated[str | None, typer.Option(help="Article number.")] = None,
    theme: Annotated[str | None, typer.Option(help="Theme key.")] = None,
    group: Annotated[int | None, typer.Option(help="Group id.")] = None,
) -> None:
    """Assign a reviewer to an article, a theme or a group."""
    chosen = [(s, v) for s, v in (("article", article), ("theme", theme), ("group", group)) if v]
    if len(chosen) != 1:
        raise InvalidInput("give exactly one of --article, --theme, --group", field="scope")
    scope, value = chosen[0]
    made = assign(
        state().db(), actor=_actor(slug, acting), username=username, scope=scope, value=str(value)
    )
    out.print(f"assigned [bold]{username}[/bold] to {made.scope} {made.value}")


@app.command("queue")
def queue_cmd(
    slug: ConsultationSlug,
    acting: As,
    state_: Annotated[str, typer.Option("--state", help="Only groups in this state.")] = "",
    article: Annotated[str, typer.Option(help="Only groups on this article.")] = "",
    theme: Annotated[str, typer.Option(help="Only groups of this theme key.")] = "",
    language: Annotated[str, typer.Option(help="Groups with a member in kk, ru or en.")] = "",
    query: Annotated[str, typer.Option(help="Groups with a member holding these words.")] = "",
    new: Annotated[bool, typer.Option("--new", help="Only groups placed after a run.")] = False,
    as_json: AsJson = False,
) -> None:
    """List the groups the acting user may review, largest first."""
    where = QueueFilter(article=article, theme=theme, state=state_, language=language,
                        query=query, new=new)  # fmt: skip
    queue = review_queue(state().db(), actor=_actor(slug, acting), where=where, limit=1000)
    rows = [
        {
            "id": r.group.id,
            "state": r.group.state,
            "version": r.group.version,
            "article": r.group.article_number,
            "members": r.members,
            "decision": r.decision_kind,
        }
        for r in queue.rows
    ]
    if as_json:
        typer.echo(json.dumps({"total": queue.total, "groups": rows}, ensure_ascii=False))
        return
    table = Table("id", "state", "version", "article", "members", "decision")
    for row in rows:
        table.add_row(*(str(row[k] if row[k] is not None else "") for k in row))
    out.print(table)


@app.command("decide")
def decide_cmd(
    slug: ConsultationSlug,
    group: GroupId,
    acting: As,
    kind: DecisionKind,
    reasoning_kk: ReasoningKk = "",
    reasoning_ru: ReasoningRu = "",
    reasoning_en: ReasoningEn = "",
    article: Annotated[list[str] | None, typer.Option(help="Article concerned (repeat).")] = None,
    version: Version = None,
) -> None:
    """Record the decision on a group (publish it separately)."""
    done = decide(
        state().db(),
        actor=_actor(slug, acting),
        group_id=group,
        kind=kind,
        version=version,
        reasoning=_reasoning(reasoning_kk, reasoning_ru, reasoning_en),
        articles=article or [],
    )
    out.print(f"group {done.id} is {done.state} (version {done.version})")


@app.command("decide-scope")
def decide_scope_cmd(
    slug: ConsultationSlug,
    acting: As,
    kind: DecisionKind,
    article: Annotated[str, typer.Option(help="Decide every group of this article.")] = "",
    theme: Annotated[str, typer.Option(help="Decide every group of this theme key.")] = "",
    reasoning_kk: ReasoningKk = "",
    reasoning_ru: ReasoningRu = "",
    reasoning_en: ReasoningEn = "",
) -> None:
    """One decision for every group of an article or a theme; says what was skipped and why."""
    if bool(article) == bool(theme):
        raise InvalidInput("give exactly one of --article, --theme", field="scope")
    outcome = decide_scope(
        state().db(),
        actor=_actor(slug, acting),
        scope="article" if article else "theme",
        value=article or theme,
        kind=kind,
        reasoning=_reasoning(reasoning_kk, reasoning_ru, reasoning_en),
    )
    skipped = ", ".join(f"{reason} {len(ids)}" for reason, ids in outcome.skipped.items())
    out.print(f"decided {len(outcome.decided)} groups; skipped {outcome.skipped_count}"
              + (f" ({skipped})" if skipped else ""))  # fmt: skip


@app.command("publish")
def publish_cmd(
    slug: ConsultationSlug,
    group: GroupId,
    acting: As,
    version: Version = None,
) -> None:
    """Publish a group's decision to citizens."""
    done = publish(state().db(), actor=_actor(slug, acting), group_id=group, version=version)
    out.print(f"group {done.id} is {done.state} (version {done.version})")


@app.command("reopen")
def reopen_cmd(
    slug: ConsultationSlug,
    group: GroupId,
    acting: As,
    reason: Annotated[str | None, typer.Option(help="Why it is reopened.")] = None,
    version: Version = None,
) -> None:
    """Take a decided or published group back into review."""
    done = reopen(
        state().db(), actor=_actor(slug, acting), group_id=group, version=version, reason=reason
    )
    out.print(f"group {done.id} is {done.state} (version {done.version})")


@app.command("group-new")
def group_new_cmd(slug: ConsultationSlug, acting: As) -> None:
    """Give every proposal that has no group yet a group of its own (between runs)."""
    made = group_new_proposals(state().db(), actor=_actor(slug, acting))
    out.print(f"{made} proposals grouped")


@app.command("status")
def status_cmd(
    code: Annotated[str, typer.Argument(help="Receipt code.")],
    language: Annotated[str, typer.Option(help="kk, ru or en.")] = "kk",
) -> None:
    """What a citizen sees for a receipt code (JSON)."""
    view = receipt_view(state().db(), code=code, language=language)
    typer.echo(json.dumps(view.to_dict(), ensure_ascii=False, indent=2))
