"""Online burst detection for mention counts: volume and negative share, under an alarm budget.

Pure Python (no Django, no other sentinelle app); importing it loads no heavy library.
"""

from sentinelle.stories.bursts.alarm import Alarm
from sentinelle.stories.bursts.calibration import AlarmBudget
from sentinelle.stories.bursts.detector import BurstConfig, BurstDetector
from sentinelle.stories.bursts.monitor import BrandMonitor
from sentinelle.stories.bursts.share import NegativeShareDetector, ShareConfig

__all__ = [
    "Alarm",
    "AlarmBudget",
    "BrandMonitor",
    "BurstConfig",
    "BurstDetector",
    "NegativeShareDetector",
    "ShareConfig",
]
