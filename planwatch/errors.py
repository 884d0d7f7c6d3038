"""Errors the user can act on: each names the file and, where there is one, the line."""

from __future__ import annotations

from planwatch.vocabulary import OBSERVATION_COLUMN_ZH


class PlanWatchError(Exception):
    """Base class of every error the CLI turns into one line on stderr and exit code 2."""


class PlanFormatError(PlanWatchError):
    """A plan document that cannot be read: names the file and the line that broke the rule."""

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None):
        self.path = path
        self.line = line
        self.reason = message
        super().__init__(self._format())

    def _format(self) -> str:
        where = self.path or ""
        if self.line is not None:
            where = f"{where}:{self.line}" if where else f"line {self.line}"
        return f"{where}: {self.reason}" if where else self.reason

    def at(self, path: str) -> PlanFormatError:
        """The same error, naming the file."""
        return PlanFormatError(self.reason, path=path, line=self.line)


class ObservationError(PlanWatchError):
    """A bad row of an observations file: names the file, the row and the column."""

    def __init__(
        self, message: str, *, path: str | None = None, row: int | None = None, column: str | None = None
    ):
        self.path = path
        self.row = row
        self.column = column
        self.reason = message
        super().__init__(f"{self.where}：{message}" if self.where else message)

    @property
    def where(self) -> str:
        """文件，第N行“列”列 — the place as a Chinese message names it."""
        cell = f"第{self.row}行" if self.row is not None else ""
        if self.column:
            cell += f"“{OBSERVATION_COLUMN_ZH.get(self.column, self.column)}”列"
        return "，".join(part for part in (self.path, cell) if part)
