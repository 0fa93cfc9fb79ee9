"""plantrack: a plan-management information platform (规划综合管理信息平台) for Chinese development plans."""

__version__ = "0.1.0"
