"""The target condition: achieve-by date, pattern, metrics, next go-and-see."""

from __future__ import annotations

from datetime import date

from rich.console import RenderableType
from rich.text import Text

from kata_tui.domain.analysis import aside_lines
from kata_tui.domain.card import Section
from kata_tui.domain.dates import days_left, due_words, short_date
from kata_tui.domain.job_methods import BreakdownOf
from kata_tui.domain.model import Metric, TargetCondition
from kata_tui.domain.storyboard import Storyboard
from kata_tui.ui.literal import literal
from kata_tui.ui.widgets.sections.base import (
    StorySection,
    breakdown_line,
    glance_lines,
    joined,
    labelled,
    number_or_dash,
    one_line,
)
from kata_tui.ui.widgets.sections.messages import AddItem, EditItem


def metric_text(metric: Metric) -> str:
    sign = "<=" if metric.better == "lower" else ">="
    unit = f" {metric.unit}" if metric.unit else ""
    target = f" {sign} {number_or_dash(metric.target)}{unit}" if metric.target is not None else ""
    return f"{metric.name}{target}"


NO_TARGET = (
    "Grasping the current condition (process analysis): "
    "no target condition yet; e sets the first one. D types the customer demand, "
    "o times the process's cycles, P shows the whole process analysis."
)


class TargetSection(StorySection):
    TITLE = "Target condition"
    SECTION = Section.TARGET

    def body(self, story: Storyboard, today: date) -> RenderableType:
        target = story.target
        if target is None:
            return self._no_target(story)
        lines: list[Text] = [
            labelled(
                f"#{target.seq} achieve by", f"{self._when(target, today)}   [{target.status}]"
            ),
            labelled("Pattern", target.pattern or "-"),
            *breakdown_line(story, BreakdownOf.TARGET),
        ]
        for metric in target.metrics:
            text = metric_text(metric)
            text += self._latest(story, target, metric, today)
            lines.append(labelled(str(metric.kind).capitalize(), text))
        lines.append(labelled("Next go-and-see", self._go_see(target, today)))
        return joined(lines)

    def glance_body(self, story: Storyboard, today: date) -> RenderableType:
        """The dates, the pattern's first line, the outcome metric and its latest reading."""
        target = story.target
        if target is None:
            return self._no_target(story)
        lines = [
            one_line(
                labelled(
                    f"#{target.seq} achieve by",
                    f"{self._when(target, today)}   next go-and-see: {self._go_see(target, today)}",
                )
            ),
            one_line(labelled("Pattern", literal(target.pattern or "-", one_line=True))),
        ]
        outcome = target.outcome
        if outcome is not None:
            text = metric_text(outcome) + self._latest(story, target, outcome, today)
            others = len(target.metrics) - 1
            if others:
                text += f"   (+{others} more)"
            lines.append(one_line(labelled("Outcome", text)))
        return glance_lines(*lines)

    @staticmethod
    def _no_target(story: Storyboard) -> Text:
        found = aside_lines(story)
        return Text("\n").join([Text(NO_TARGET), *([literal("\n".join(found))] if found else [])])

    @staticmethod
    def _when(target: TargetCondition, today: date) -> str:
        left = days_left(target.achieve_by, today)
        when = short_date(target.achieve_by, today)
        return when + (f" ({due_words(left)})" if left is not None else "")

    @staticmethod
    def _go_see(target: TargetCondition, today: date) -> str:
        go_see = short_date(target.next_go_see, today)
        if target.next_go_see is not None and target.next_go_see < today:
            go_see += " (! overdue)"
        return go_see

    @staticmethod
    def _latest(story: Storyboard, target: TargetCondition, metric: Metric, today: date) -> str:
        readings = story.readings_for(target.id, metric.name)
        if not readings:
            return ""
        latest = readings[-1]
        reached = " (reached)" if metric.reached_by(latest.value) else ""
        day = short_date(latest.day, today)
        return f"   latest {number_or_dash(latest.value)} on {day}{reached}"

    def action_edit(self) -> None:
        """``e`` on a board with no target condition yet sets the first one."""
        if self.story is None:
            return
        target = self.story.target
        self.post_message(EditItem(target) if target else AddItem(TargetCondition))
