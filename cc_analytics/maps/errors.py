"""Typed errors of the maps library."""

from __future__ import annotations

from cc_analytics.errors import CCError

_MAX_LISTED = 12


class BoundaryError(CCError):
    """A boundary file cannot be used for the maps.

    The message lists every problem found, in Indonesian, so that the person importing the file can fix
    all of them in one round.

    Args:
        file_name: name of the boundary file (no directory, to keep paths out of messages).
        problems: what is wrong, one sentence each.
        kept_previous: True when an import was refused and the previously imported boundaries stay in use.
    """

    def __init__(self, file_name: str, problems: list[str], kept_previous: bool = False) -> None:
        self.file_name = file_name
        self.problems = list(problems)
        self.kept_previous = kept_previous
        lines = [f"berkas batas wilayah '{file_name}' tidak dapat dipakai:"]
        lines += [f"  - {problem}" for problem in self.problems[:_MAX_LISTED]]
        if len(self.problems) > _MAX_LISTED:
            lines.append(f"  - ... dan {len(self.problems) - _MAX_LISTED} masalah lain")
        if kept_previous:
            lines.append("Batas wilayah yang diimpor sebelumnya (jika ada) tetap dipakai.")
        super().__init__("\n".join(lines))
