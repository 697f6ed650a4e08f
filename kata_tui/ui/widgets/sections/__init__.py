"""The five storyboard sections, one module each, and the messages they send."""

from kata_tui.ui.widgets.sections.base import StorySection
from kata_tui.ui.widgets.sections.challenge import ChallengeSection
from kata_tui.ui.widgets.sections.current import CurrentSection
from kata_tui.ui.widgets.sections.experiments import ExperimentsSection
from kata_tui.ui.widgets.sections.messages import (
    AddItem,
    EditActual,
    EditItem,
    ObstacleStatusChosen,
)
from kata_tui.ui.widgets.sections.obstacles import ObstaclesSection
from kata_tui.ui.widgets.sections.target import TargetSection

SECTIONS: tuple[type[StorySection], ...] = (
    ChallengeSection,
    TargetSection,
    CurrentSection,
    ObstaclesSection,
    ExperimentsSection,
)
"""Top to bottom, as on a paper storyboard."""

__all__ = [
    "SECTIONS",
    "AddItem",
    "ChallengeSection",
    "CurrentSection",
    "EditActual",
    "EditItem",
    "ExperimentsSection",
    "ObstacleStatusChosen",
    "ObstaclesSection",
    "StorySection",
    "TargetSection",
]
