"""ReportSearch's desktop app (PySide6). It holds no search logic of its own: every
screen drives the ``index`` engine through plain data."""
