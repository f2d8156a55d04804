"""Incremental story grouping and story risk levels: pure Python, heavy libraries load lazily.

grouper = StoryGrouper()
scorer = RiskScorer()
a = grouper.add(record)            # Assignment: story id, new or not, reason, merges
change = scorer.observe(a.story_id, record, merged=a.merged)   # LevelChange or None
"""

from sentinelle.stories.grouping.cluster import Assignment, GrouperConfig, StoryGrouper
from sentinelle.stories.grouping.records import MentionRecord
from sentinelle.stories.grouping.risk import LevelChange, RiskConfig, RiskLevel, RiskScorer
from sentinelle.stories.grouping.urls import canonical_url, extract_urls

__all__ = [
    "Assignment",
    "GrouperConfig",
    "LevelChange",
    "MentionRecord",
    "RiskConfig",
    "RiskLevel",
    "RiskScorer",
    "StoryGrouper",
    "canonical_url",
    "extract_urls",
]
