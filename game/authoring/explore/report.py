"""The text report of an exploration."""

from __future__ import annotations

from .oracle import MAX_OUTCOMES
from .result import Exploration

#: what each merged mode can and cannot claim, as the report says it (see the package doc)
MERGED = {
    "extremes": (
        "merged by extremes: states the story tells apart only by numbers were merged, keeping those "
        "with the lowest and highest numbers; every scene, ending, score and path shown was really "
        "reached, but combinations between the extremes may be missed: what is not reached might "
        "still be, and true score ranges may be wider; paths are not counted"
    ),
    "intervals": (
        "merged by intervals: scenes and flags exact, the score and score-like numbers as ranges, "
        "explored from the states at each range's ends; every scene, ending, score and path shown was "
        "really reached (each path replays to it), but what is not reached might still be, and true "
        "score ranges may be wider; paths are not counted"
    ),
}


def report(result: Exploration, show_paths: bool = True) -> str:
    """The text report of ``result`` (``show_paths``: with example paths)."""
    story = result.story
    data = result.to_json()
    lines = _head(result)
    sc, ch = data["scenes"], data["choices"]
    lines.append(f"Scenes reached: {sc['reached']} of {sc['total']}")
    if sc["unreached"]:
        lines.append("  never reached: " + ", ".join(sc["unreached"]))
    lines.append(f"Choices taken: {ch['taken']} of {ch['total']}")
    lines.append(f"Endings reached: {len(result.endings)} of {len(story.endings)}")
    lines += _endings(result, show_paths)
    if data["unreached_endings"]:
        lines.append("  never reached: " + ", ".join(data["unreached_endings"]))
    never = ch["never_enabled"]
    lines.append(f"Choices never enabled: {len(never) or 'none'}")
    lines += [f"  {item['choice']}: {item['why']}" for item in never]
    lines.append(f"Dead ends (stuck states): {len(result.dead_ends) or 'none'}")
    lines += [f"  {d['scene']} after: {' '.join(d['path']) or '(start)'}" for d in result.dead_ends[:20]]
    if len(result.dead_ends) > 20:
        lines.append(f"  ... and {len(result.dead_ends) - 20} more (see --json)")
    lines.append(f"Errors: {len(result.errors) or 'none'}")
    for item in result.errors[:20]:
        lines.append(f"  {item['error']} at {item['choice']} after: {' '.join(item['path']) or '(start)'}")
    longest = data["longest"]
    loops = " (loops allow longer ones)" if longest["loops"] else ""
    found = " found" if result.mode in MERGED else ""
    lines.append(f"Longest path{found} to an ending: {longest['turns']} turns{loops}")
    if show_paths and longest["path"]:
        lines.append("  " + " ".join(longest["path"]))
    return "\n".join(lines)


def _head(result: Exploration) -> list[str]:
    """The first lines: what was explored, how, whether it finished, and what the mode can claim."""
    verdict = "complete" if result.complete else "PARTIAL"
    title = result.story.title
    if result.mode in MERGED:
        how = f"merged by {result.mode}"
        lines = [
            f"Explored {title!r}: {result.states} states in {result.keys} merged states, "
            f"{result.transitions} transitions in {result.seconds:.2f} s ({how}, {verdict})"
        ]
    else:
        lines = [
            f"Explored {title!r}: {result.states} states, {result.transitions} transitions "
            f"in {result.seconds:.2f} s ({result.mode}, {verdict})"
        ]
    if not result.complete:
        counts = "score ranges" if result.mode in MERGED else "path counts and score ranges"
        lines.append(
            f"stopped after {result.states} states{STOPS[result.stopped_by]}: results are partial; "
            f"{counts} are of the states explored"
        )
    if result.exact_attempt is not None:
        tried = result.exact_attempt
        lines.append(
            f"too many states to explore exactly (stopped after {tried['states']} states in "
            f"{tried['seconds']:.1f} s; --exact goes on)"
        )
    if result.exact_skipped:
        lines.append(
            f"too many states to explore exactly (merging by intervals took {result.states}; "
            "--exact explores exactly)"
        )
    if result.mode in MERGED:
        lines.append(MERGED[result.mode])
    if result.mode == "coarse":
        lines.append(
            "coarse: states whose numbers fall in the same bands were merged; what is reached is "
            "reachable, but what is not might be, and score ranges may be wider"
        )
    if result.sampled:
        lines.append(
            f"some random draws had more than {MAX_OUTCOMES} values and were sampled: results are partial"
        )
    return lines


def _endings(result: Exploration, show_paths: bool) -> list[str]:
    """A line per ending reached (with its example paths if ``show_paths``)."""
    lines = []
    width = max((len(e) for e in result.endings), default=0)
    for e in result.endings.values():
        if e.paths is None:
            paths = ""
        else:
            paths = f"{e.paths}{'+ (loops)' if e.loops else ''} path{'s' * (e.paths != 1)}"
        score = f"score {e.score_min}-{e.score_max}" if e.score_min is not None else "no score"
        shortest = "shortest found" if e.paths is None else "shortest"
        lines.append(
            f"  {e.id:<{width}}  {paths:>18}  {score:<16} {shortest} {len(e.shortest)} turns  ({e.title})"
        )
        if show_paths:
            lines.append(f"  {'':<{width}}  shortest: {' '.join(e.shortest) or '(start)'}")
            if e.score_min is not None and e.score_min != e.score_max:
                lines.append(f"  {'':<{width}}  lowest:   {' '.join(e.lowest)}")
                lines.append(f"  {'':<{width}}  highest:  {' '.join(e.highest)}")
    return lines


#: how the report names each limit that can stop a search (see :class:`Limits`)
STOPS = {
    "states": " (the state budget: raise --max-states to go on)",
    "time": " (safety stop: --max-seconds ran out)",
    "memory": " (safety stop: memory passed --max-memory)",
    None: "",
}
