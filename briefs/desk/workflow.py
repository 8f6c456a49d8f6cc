"""Who may move a brief where: `Brief.move` calls `check_move` before it changes anything.

The table of moves itself is `briefs.desk.states.MOVES`; the publish checks are in `checks.py` and
the reviewer's diff in `diff.py`.
"""

from briefs.desk.states import MOVES, STATUS_LABELS, Move, TransitionNotAllowed


def is_editor(user) -> bool:
    """Editors (and superusers) approve, publish, schedule, withdraw and correct."""
    return user.has_perm("desk.publish_brief")


def check_move(brief, move_name: str, by, comment: str = "") -> None:
    """Raise TransitionNotAllowed, in the editor's words, unless `by` may make this move on `brief` now."""
    move = MOVES[move_name]
    editor = is_editor(by)
    if move.editors_only and not editor:
        raise TransitionNotAllowed(f"Only editors can {move.verb}; “{brief}” was not changed.")
    if not editor and brief.author_id != by.pk:
        raise TransitionNotAllowed(f"Writers act only on their own briefs; “{brief}” is {brief.author}’s.")
    if move.not_by_author and brief.author_id == by.pk:
        raise TransitionNotAllowed(
            f"You wrote “{brief}”, so another editor must approve it: nobody approves their own brief."
        )
    if brief.status not in move.sources:
        allowed = " or ".join(sorted(STATUS_LABELS[status] for status in move.sources))
        raise TransitionNotAllowed(
            f"“{brief}” is {STATUS_LABELS[brief.status]}; you can {move.label.lower()} only when it is {allowed}."
        )
    if move.needs_comment and not comment.strip():
        raise TransitionNotAllowed(f"To {move.label.lower()} “{brief}”, write {move.needs_comment} in the comment.")


def allowed_moves(brief, user) -> list[tuple[str, Move]]:
    """The moves `user` may make on `brief` now (comments aside), for the buttons on its page."""
    moves = []
    for name, move in MOVES.items():
        if not move.on_page:
            continue
        try:
            check_move(brief, name, user, comment="(checked when pressed)")
        except TransitionNotAllowed:
            continue
        moves.append((name, move))
    return moves
