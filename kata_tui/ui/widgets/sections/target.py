"""The target condition: achieve-by date, pattern, metrics, next go-and-see."""

from __future__ import annotations

from datetime import date

from rich.console import RenderableType
from rich.text import Text

from kata_tui.domain.analysis import aside_lines
from kata_tui.domain.card import Section
from kata_tui.domain.dates import days_left, due_words, short_date
from kata_tui.domain.model import Metric, TargetCondition
from kata_tui.domain.storyboard import Storyboard
from kata_tui.ui.literal import literal
from kata_tui.ui.widgets.sections.base import StorySection, joined, labelled, number_or_dash
from kata_tui.ui.widgets.sections.messages import AddItem, EditItem


def metric_text(metric: Metric) -> str:
    sign = "<=" if metric.better == "lower" else ">="
    unit = f" {metric.unit}" if metric.unit else ""
    target = f" {sign} {number_or_dash(metric.target)}{unit}" if metric.target is not None else ""
    return f"{metric.name}{target}"


class TargetSection(StorySection):
    TITLE = "Target condition"
    SECTION = Section.TARGET

    def body(self, story: Storyboard, today: date) -> RenderableType:
        target = story.target
        if target is None:
            found = aside_lines(story)
            return Text("\n").join(
                [
                    Text(
                        "Grasping the current condition (process analysis): "
                        "no target condition yet; e sets the first one. D types the customer "
                        "demand, o times the process's cycles, P shows the whole process "
                        "analysis."
                    ),
                    *([literal("\n".join(found))] if found else []),
                ]
            )
        left = days_left(target.achieve_by, today)
        when = short_date(target.achieve_by, today)
        if left is not None:
            when += f" ({due_words(left)})"
        lines: list[Text] = [
            labelled(f"#{target.seq} achieve by", f"{when}   [{target.status}]"),
            labelled("Pattern", target.pattern or "-"),
        ]
        for metric in target.metrics:
            text = metric_text(metric)
            readings = story.readings_for(target.id, metric.name)
            if readings:
                latest = readings[-1]
                reached = " (reached)" if metric.reached_by(latest.value) else ""
                text += (
                    f"   latest {number_or_dash(latest.value)} on "
                    f"{short_date(latest.day, today)}{reached}"
                )
            lines.append(labelled(str(metric.kind).capitalize(), text))
        go_see = short_date(target.next_go_see, today)
        if target.next_go_see is not None and target.next_go_see < today:
            go_see += " (! overdue)"
        lines.append(labelled("Next go-and-see", go_see))
        return joined(lines)

    def action_edit(self) -> None:
        """``e`` on a board with no target condition yet sets the first one."""
        if self.story is None:
            return
        target = self.story.target
        self.post_message(EditItem(target) if target else AddItem(TargetCondition))
