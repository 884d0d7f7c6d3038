"""PlanWatch — 规划纲要实施监测评估系统."""

__version__ = "0.1.0"
