"""ReportSearch's engine: reading reports, indexing paragraphs, searching them.

This package never imports Qt. The GUI and the command line both use the small
API re-exported here.
"""

from . import whoosh_imports  # noqa: F401  (imports Whoosh without what it never uses)

# isort: split
from . import whoosh_fixes  # noqa: F401  (patches Whoosh on import)
