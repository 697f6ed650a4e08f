"""One self-contained page laid out like the paper storyboard, for printing.

Challenge across the top; target condition, current condition (with the run
chart) and obstacle parking lot side by side; the experiment record below.
The stylesheet is inlined and nothing is loaded from anywhere, so the page
prints the same on a plant PC without network. It is sized for one landscape
A3 sheet: long records show their newest rows and say how many are left out
(the md and json exports carry everything).
"""

from __future__ import annotations

import html
from datetime import date
from importlib import resources

from kata_tui.domain.card import CREDIT
from kata_tui.domain.model import Experiment, TargetCondition
from kata_tui.domain.run_chart import chart_for
from kata_tui.domain.storyboard import Storyboard
from kata_tui.domain.text import clip, visible
from kata_tui.export.chart import SHORT, TALL, run_chart
from kata_tui.export.common import (
    EARLIER_NAMES,
    day,
    due_text,
    go_see_text,
    metric_target,
    number,
    number_mark,
    obstacle_text,
    others_first,
    reading_time,
    what_happened,
)
from kata_tui.export.html_jobs import job_sheet, jobs_stylesheet
from kata_tui.export.html_process import (
    footer_note,
    grasping_current,
    has_analysis,
    process_section,
)

MAX_EXPERIMENTS = 14
RECORD_LINES = 26
"""Text lines the experiment record surely holds on the sheet (9.5 pt, about 120 mm)."""
MAX_OBSTACLES = 12
CELL = 220
"""Longest text shown in one table cell on the sheet."""
BLOCK = 600
CHALLENGE = 300


def esc(text: str, limit: int = CELL) -> str:
    return html.escape(clip(visible(text), limit))


def stylesheet() -> str:
    return resources.files("kata_tui.export").joinpath("storyboard.css").read_bytes().decode()


def _challenge(story: Storyboard, today: date) -> str:
    b = story.board
    facts = [
        ("Learner", esc(b.learner, 80)),
        ("Coach", esc(b.coach, 80)),
        ("Focus process", esc(b.focus_process, 160)),
        ("Horizon", day(b.horizon)),
        ("Set by", esc(b.set_by, 80)),
        ("Printed", today.isoformat()),
    ]
    spans = "".join(f"<span><b>{k}:</b> {v or '-'}</span>" for k, v in facts)
    archived = " (archived)" if b.archived else ""
    return (
        f'<section class="challenge"><h2>Challenge{archived}</h2>'
        f'<p class="text">{esc(b.challenge, CHALLENGE)}</p>'
        f'<div class="facts">{spans}</div></section>'
    )


def _target(story: Storyboard, target: TargetCondition | None, today: date) -> str:
    out = ['<section class="target"><h2>Target condition</h2>']
    if target is None:
        return out[0] + "<p>No target condition yet: grasping the current condition.</p></section>"
    due = due_text(target, today)
    out.append(f"<p><b>#{target.seq}, {html.escape(str(target.status))}</b>: {due}</p>")
    out.append(f'<h3>Intended pattern</h3><p class="text">{esc(target.pattern, BLOCK)}</p>')
    if target.earlier:
        last = target.earlier[-1]
        what = EARLIER_NAMES.get(last.what, last.what)
        out.append(
            f'<p class="note">{len(target.earlier)} earlier version(s); last replaced: '
            f"{html.escape(what)} until {day(last.until)}: {esc(last.text, 120)}</p>"
        )
    if target.metrics:
        out.append("<h3>Metrics</h3><table><tr><th>Metric</th><th>Kind</th><th>Target</th></tr>")
        for m in target.metrics:
            better = f" ({m.better} is better)"
            out.append(
                f"<tr><td>{esc(m.name)}</td><td>{m.kind}</td>"
                f"<td>{esc(metric_target(m))}{better}</td></tr>"
            )
        out.append("</table>")
    earlier = others_first(story)
    if earlier:
        items = "; ".join(
            f"#{t.seq} {t.status}" + (f" {day(t.closed_on)}" if t.closed_on else "")
            for t in earlier
        )
        out.append(f'<p class="note">Other target conditions: {html.escape(items)}</p>')
    out.append("</section>")
    return "".join(out)


def _current(story: Storyboard, target: TargetCondition | None) -> str:
    out = ['<section class="current"><h2>Current condition</h2>']
    if target is None:
        return out[0] + "</section>"
    out.append(
        f'<h3>Actual pattern now</h3><p class="text">{esc(target.actual_pattern, BLOCK)}</p>'
    )
    go_see = go_see_text(target)
    if go_see:
        out.append(f"<p><b>Next go-and-see:</b> {html.escape(go_see)}</p>")
    ordered = sorted(target.metrics, key=lambda m: m.kind != "outcome")
    charts = [(metric, chart_for(story, metric)) for metric in ordered]
    # Several charts share the column as flatter charts, so the sheet holds them all.
    frame = TALL if sum(1 for _, chart in charts if chart.points) <= 1 else SHORT
    for metric, chart in charts:
        readings = story.readings_for(metric=metric.name)  # the current target condition's
        unit = f" {esc(metric.unit)}" if metric.unit else ""
        if readings:
            latest = readings[-1]
            out.append(
                f"<p><b>Latest {esc(metric.name)}:</b> {number(latest.value)}{unit} "
                f"on {day(latest.day)}{reading_time(latest)}</p>"
            )
        else:
            out.append(f"<p><b>{esc(metric.name)}:</b> no readings yet.</p>")
        out.append(run_chart(chart, frame))
    if not target.metrics:
        out.append("<p>No readings yet.</p>")
    out.append("</section>")
    return "".join(out)


def _obstacles(story: Storyboard) -> str:
    """The current target condition's parking lot (none without one)."""
    out = ['<section class="obstacles"><h2>Obstacle parking lot</h2>']
    obstacles = story.obstacles_for()
    if not obstacles:
        return out[0] + "<p>No obstacles parked.</p></section>"
    # Open obstacles first: the lot is for what still stands in the way.
    order = ("working on", "parked", "cleared", "dropped")
    obstacles = sorted(obstacles, key=lambda o: order.index(o.status))
    shown = obstacles[:MAX_OBSTACLES]
    out.append("<table><tr><th>Obstacle</th><th style='width:27%'>Kind</th>")
    out.append("<th style='width:20%'>Status</th></tr>")
    for o in shown:
        cls = ' class="working"' if o.status == "working on" else ""
        out.append(
            f"<tr{cls}><td>{number_mark(o)}{esc(o.text)}</td><td>{o.kind}</td>"
            f"<td>{o.status}<br><span class='dim'>{day(o.added)}</span></td></tr>"
        )
    out.append("</table>")
    if len(obstacles) > len(shown):
        out.append(f'<p class="note">{len(obstacles) - len(shown)} more not shown.</p>')
    out.append("</section>")
    return "".join(out)


def _lines(text: str, chars: int) -> int:
    shown = clip(visible(text), CELL)
    return sum(max(1, -(-len(part) // chars)) for part in shown.split("\n"))


def _newest_that_fit(story: Storyboard, steps: list[Experiment]) -> list[Experiment]:
    """The newest rows whose text fits the sheet: the threshold must never be cut off."""
    budget = RECORD_LINES
    kept: list[Experiment] = []
    for e in reversed(steps[-MAX_EXPERIMENTS:]):
        # About how many characters fit one line of each column.
        columns = (
            (obstacle_text(story, e.obstacle_id), 27),
            (e.step, 30),
            (e.expected, 27),
            (what_happened(e), 37),
            (e.learned, 37),
        )
        need = max(_lines(text, chars) for text, chars in columns) + 0.4
        if kept and need > budget:
            break
        budget -= need
        kept.append(e)
    return kept[::-1]


def _experiments(story: Storyboard) -> str:
    """The current target condition's experiment record (none without one)."""
    steps = story.experiments_for()
    shown = _newest_that_fit(story, steps)
    left_out = len(steps) - len(shown)
    more = f" <small>(newest {len(shown)} of {len(steps)} steps)</small>" if left_out else ""
    out = [f'<section class="experiments"><h2>Experiment record{more}</h2>']
    if not steps:
        return out[0] + "<p>No experiments yet.</p></section>"
    threshold = story.threshold()
    heads = (
        ("#", 4),
        ("Date", 7),
        ("Obstacle", 15),
        ("Step", 17),
        ("What we expect", 15),
        ("What happened", 21),
        ("What we learned", 21),
    )
    out.append("<table><tr>")
    out += [f"<th style='width:{width}%'>{head}</th>" for head, width in heads]
    out.append("</tr>")
    for e in shown:
        is_threshold = threshold is not None and e.id == threshold.id
        cls = ' class="threshold"' if is_threshold else ""
        mark = f"{e.number} &gt;" if is_threshold else str(e.number)
        cells = (
            mark,
            day(e.day),
            esc(obstacle_text(story, e.obstacle_id)),
            esc(e.step),
            esc(e.expected),
            esc(what_happened(e)),
            esc(e.learned),
        )
        out.append(f"<tr{cls}>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    out.append("</table>")
    if threshold is not None:
        out.append(
            f'<p class="note">&gt; marks the threshold of knowledge '
            f"(step {threshold.number} is open).</p>"
        )
    out.append("</section>")
    return "".join(out)


def render_html(story: Storyboard, today: date) -> str:
    target = story.target
    title = f"Storyboard: {esc(story.board.learner, 80)}"
    last = story.last_cycle()
    cycles = f"{len(story.cycles)} coaching cycles" + (f", last on {day(last.day)}" if last else "")
    grasping = target is None and has_analysis(story)
    analysis = footer_note(story) if target is not None else ""
    if analysis:
        cycles += f"; {analysis}"
    body = "".join(
        [
            _challenge(story, today),
            _target(story, target, today),
            grasping_current(story) if grasping else _current(story, target),
            _obstacles(story),
            process_section(story) if grasping else _experiments(story),
            f'<div class="footer"><span>{html.escape(cycles)}</span>'
            f"<span>kata-tui storyboard; coaching kata {html.escape(CREDIT)}</span></div>",
        ]
    )
    jobs = job_sheet(story)
    style = stylesheet() + (jobs_stylesheet() if jobs else "")
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; img-src data:\">\n"
        f"<title>{title}</title>\n<style>\n{style}</style>\n</head>\n<body>\n"
        f'<main class="sheet">{body}</main>\n{jobs}</body>\n</html>\n'
    )
