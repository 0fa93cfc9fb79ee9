"""Errors a user can act on: each names the file and says, in Chinese, what is wrong."""


class PlanInputError(Exception):
    """The file cannot be read as a plan text (missing, empty, binary or undecodable)."""

    def __init__(self, path: str, reason: str):
        self.path = path
        # One line: a reason quoting a library's message (a parser's multi-line report) must not
        # break the CLI's one-line error or a page's error list.
        self.reason = " ".join(reason.split())
        super().__init__(f"{path}: {reason}")

    def message(self) -> str:
        return f"无法读取规划文件 {self.path}：{self.reason}"
